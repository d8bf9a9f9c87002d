package models

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// eumSwitchSets are the settings the equivalence test runs: the default
// (the replication) and every ambiguity switch of docs/spatial.md.
var eumSwitchSets = []EUMSettings{
	{}, {Probability: ProbPairwise}, {Salience: SalienceChallenger},
	{Security: SecurityChallengerView}, {Security: SecurityChallengerView, KeepRisk: true}, {KeepRisk: true},
	{Compromise: CompromiseWeighted}, {Offers: OffersLeastMove}, {Q: 0.5, QSet: true, T: 0.5},
	{Q: 0, QSet: true, T: 1, Probability: ProbPairwise},
}

// eumCase draws a table: the EC case jittered as the forecast Monte Carlo
// does (σ = 0.05), or, every third case, a random table whose positions lie
// on a coarse grid so that actors share positions (the grouping path).
func eumCase(rng *rand.Rand, k int) (c, s, x []float64) {
	if k%3 != 2 {
		n := len(ecTable.c)
		c, s, x = make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			x[i] = math.Min(10, math.Max(4, ecTable.x[i]+0.05*6*rng.NormFloat64()))
			s[i] = math.Min(1, math.Max(0, ecTable.s[i]+0.05*rng.NormFloat64()))
			c[i] = ecTable.c[i] * math.Exp(0.05*rng.NormFloat64())
		}
		if k%3 == 1 { // some equal positions, as after a few rounds
			x[1], x[7] = x[0], x[4]
		}
		return c, s, x
	}
	n := 3 + rng.IntN(10)
	c, s, x = make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		c[i] = rng.Float64()
		s[i] = rng.Float64()
		x[i] = float64(rng.IntN(5)) * 25
	}
	return c, s, x
}

// The optimised EUM reproduces, bit for bit, the frozen first implementation
// (eum_ref_test.go) on the EC case, jittered EC cases and random tables with
// shared positions, under every switch: positions, risk exponents, median and
// mean after each of 12 rounds. The optimisations only reorder work that is
// exactly symmetric in IEEE arithmetic (|a−b| = |b−a|, a−b = −(b−a)), so any
// difference is a bug.
func TestEUMMatchesReference(t *testing.T) {
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "386" || amd64FMA {
		// Elsewhere (and with GOAMD64=v3) Go may fuse x·y + z into one
		// rounding (FMA), differently in two functions that compute the same
		// expression.
		t.Skip("bitwise comparison needs an architecture without fused multiply-add")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	cases := 300
	if testing.Short() {
		cases = 60
	}
	for _, set := range eumSwitchSets {
		for k := range cases {
			c, s, x := ecTable.c, ecTable.s, ecTable.x
			if k > 0 {
				c, s, x = eumCase(rng, k)
			}
			n := len(c)
			got, want := NewEUM(n, set), newRefEUM(n, set)
			got.Set(c, s, x)
			want.Set(c, s, x)
			for r := 1; r <= 12; r++ {
				got.Round()
				want.Round()
				for i := range n {
					if math.Float64bits(got.x[i]) != math.Float64bits(want.x[i]) ||
						math.Float64bits(got.r[i]) != math.Float64bits(want.r[i]) {
						t.Fatalf("%+v case %d round %d actor %d: x %v r %v, reference x %v r %v",
							set, k, r, i, got.x[i], got.r[i], want.x[i], want.r[i])
					}
				}
				if got.Median() != want.Median() || got.Mean() != want.Mean() {
					t.Fatalf("%+v case %d round %d: median/mean differ", set, k, r)
				}
			}
		}
	}
}

// pwHalf is math.Pow(0.5, r) bit for bit: on a sweep of exponents over the
// range the risk formula produces ([½, 2]) and beyond, including the
// special values Pow treats apart.
func TestPwHalf(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	rs := []float64{0, 0.5, 1, 1.5, 2, 0.25, 0.75, 2.5, 63.9, 64, 100, -1, -0.5, math.Inf(1), math.NaN(),
		math.Nextafter(0.5, 1), math.Nextafter(1.5, 1), math.Nextafter(1.5, 2), 1e-300}
	for range 200000 {
		rs = append(rs, 0.5+1.5*rng.Float64())
	}
	for range 20000 {
		rs = append(rs, 70*rng.Float64())
	}
	for _, r := range rs {
		if got, want := pwHalf(r), math.Pow(0.5, r); math.Float64bits(got) != math.Float64bits(want) &&
			!(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("pwHalf(%v) = %v, math.Pow(0.5, %v) = %v", r, got, r, want)
		}
	}
}

// EUM.Median keeps its sorted order between rounds and must still equal
// WeightedMedian bit for bit, including ties (shared positions) and after
// positions move.
func TestEUMMedian(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for k := range 3000 {
		c, s, x := eumCase(rng, k)
		m := NewEUM(len(c), EUMSettings{})
		m.Set(c, s, x)
		for r := range 6 {
			w := CapSalWeights(nil, m.c, m.s)
			if got, want := m.Median(), WeightedMedian(m.x, w, nil); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("case %d round %d: Median %v, WeightedMedian %v", k, r, got, want)
			}
			m.Round()
		}
	}
}
