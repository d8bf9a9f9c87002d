package models

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/parleysim/parley/internal/cputime"
)

// README.md of the reference data (the EC case): with positions normalised
// to [0, 1] and linear utility the votes c_k s_k (|x_k − x_j| − |x_k − x_i|)
// give Belgium 0.2145 against the Netherlands' 0.1240, so
// P(Belgium beats Netherlands) = 0.633678 in the pairwise contest.
func TestEUMPairwiseProbabilityEC(t *testing.T) {
	m := NewEUM(10, EUMSettings{Probability: ProbPairwise})
	m.Set(ecTable.c, ecTable.s, ecTable.x)
	m.classify()
	m.probabilities(false)
	const belgium, netherlands = 1, 0
	if got := m.prob(belgium, netherlands); math.Abs(got-0.633678) > 5e-7 {
		t.Errorf("P(Belgium beats Netherlands) = %.6f, want 0.633678", got)
	}
	if s := m.prob(belgium, netherlands) + m.prob(netherlands, belgium); math.Abs(s-1) > 1e-12 {
		t.Errorf("pairwise probabilities sum to %v, want 1", s)
	}
	// Under Scholz's all-pairs normalisation the same support is divided by
	// far more votes, so the probability is much smaller.
	m.S.Probability = ProbAllPairs
	m.probabilities(false)
	if got := m.prob(belgium, netherlands); got >= 0.2 || got <= 0 {
		t.Errorf("all-pairs P(Belgium beats Netherlands) = %v, want in (0, 0.2)", got)
	}
}

// Qualitative behaviour of the replication on the EC case (Scholz, Calbert
// & Smith 2011; the behaviour of their code documented in
// jmckib/bdm-scholz-expected-utility-model): the large, salient actors at
// 4 and 10 (Germany, the Netherlands, Denmark; France, Italy, the UK) hold
// their positions; the weak middle moves — Belgium compromises toward the
// 10 bloc in round 1 (a partial move), Luxembourg and Ireland move all the
// way to another actor's position; in round 4 Belgium compromises back
// toward the Netherlands (the "bizarre" round-4 move of Scholz's code).
func TestEUMQualitativeEC(t *testing.T) {
	m := NewEUM(10, EUMSettings{})
	m.Set(ecTable.c, ecTable.s, ecTable.x)
	var hist [11][]float64
	hist[0] = append([]float64(nil), m.Positions()...)
	for r := 1; r <= 10; r++ {
		m.Round()
		hist[r] = append([]float64(nil), m.Positions()...)
	}
	for _, a := range []int{0, 3, 4, 5, 6, 8} { // NL, DE, FR, IT, UK, DK
		for r := 1; r <= 10; r++ {
			if hist[r][a] != ecTable.x[a] {
				t.Errorf("actor %d moved in round %d to %v", a, r, hist[r][a])
			}
		}
	}
	if b := hist[1][1]; !(b > 7 && b < 10) {
		t.Errorf("Belgium after round 1 at %v, want a compromise strictly between 7 and 10", b)
	}
	if l := hist[1][2]; l != 7 {
		t.Errorf("Luxembourg after round 1 at %v, want 7 (a full move)", l)
	}
	if i := hist[1][7]; i != 4 {
		t.Errorf("Ireland after round 1 at %v, want 4 (a full move)", i)
	}
	if b3, b4 := hist[3][1], hist[4][1]; !(b4 < 7 && b4 > 4 && b3 > 7) {
		t.Errorf("Belgium round 3 → 4: %v → %v, want a compromise back toward the Netherlands", b3, b4)
	}
	// The weighted mean starts at the published 7.389955686854.
	m.Set(ecTable.c, ecTable.s, ecTable.x)
	if got := m.Mean(); math.Abs(got-7.389955686854) > 1e-12 {
		t.Errorf("round-0 mean %v", got)
	}
}

// Every switch runs and keeps positions within the initial range.
func TestEUMSwitches(t *testing.T) {
	for _, s := range []EUMSettings{
		{Probability: ProbPairwise}, {Salience: SalienceChallenger}, {Security: SecurityChallengerView, KeepRisk: true},
		{Compromise: CompromiseWeighted}, {Offers: OffersLeastMove}, {Q: 0.5, QSet: true, T: 0.5},
	} {
		m := NewEUM(10, s)
		m.Set(ecTable.c, ecTable.s, ecTable.x)
		for range 10 {
			m.Round()
		}
		for _, x := range m.Positions() {
			if x < 4 || x > 10 || math.IsNaN(x) {
				t.Errorf("%+v: position %v outside [4, 10]", s, x)
			}
		}
	}
}

// A round allocates nothing.
func TestEUMRoundAllocs(t *testing.T) {
	m := NewEUM(10, EUMSettings{})
	m.Set(ecTable.c, ecTable.s, ecTable.x)
	if a := testing.AllocsPerRun(20, m.Round); a != 0 {
		t.Errorf("Round allocates %v times", a)
	}
}

// BenchmarkEUMRoundEC is the published EC case, 10 rounds (positions
// shared by several actors: 3–6 distinct). ns/op is per 10 rounds.
func BenchmarkEUMRoundEC(b *testing.B) {
	m := NewEUM(10, EUMSettings{})
	start, ops := cputime.Now(), 0
	for b.Loop() {
		ops++
		m.Set(ecTable.c, ecTable.s, ecTable.x)
		for range 10 {
			m.Round()
		}
	}
	cputime.Report(b, start, ops)
}

// BenchmarkEUMJitteredEC is one Monte Carlo draw of the forecast's eum: the
// EC case jittered (σ = 0.05, as `parley forecast --runs`; positions then
// mostly distinct) and 10 rounds. ns/op is per draw on one core.
func BenchmarkEUMJitteredEC(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	type table struct{ c, s, x []float64 }
	draws := make([]table, 256)
	for k := range draws {
		c, s, x := eumCase(rng, 3*k) // k%3 == 0: the plain jittered EC case
		draws[k] = table{c, s, x}
	}
	m := NewEUM(10, EUMSettings{})
	k := 0
	start := cputime.Now()
	for b.Loop() {
		d := draws[k%len(draws)]
		k++
		m.Set(d.c, d.s, d.x)
		for range 10 {
			m.Round()
		}
	}
	cputime.Report(b, start, k)
}
