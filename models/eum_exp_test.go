package models

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// expRow is math.Exp bit for bit (after the affine map a + b·e, itself the
// same expression): on the arguments the model produces (r·ln y with
// r ∈ [½, 2] and y ∈ (0, 1]: mostly [−40, 0]), on the whole fast range
// [−700, 700], at the edges of the argument reduction (x near (j + ½) ln 2,
// where k is rounded), tiny arguments, and outside the fast range (±Inf,
// NaN, overflow, subnormal results). Every sequence is checked, not only
// the one this processor's math.Exp uses: the one that matches must match
// everywhere, and on amd64 one must match (else the fast path is lost).
func TestExpRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var xs []float64
	samples := 1 << 20
	if testing.Short() {
		samples = 1 << 16
	}
	for range samples {
		xs = append(xs, -40*rng.Float64())
	}
	for range samples / 4 {
		xs = append(xs, 1400*rng.Float64()-700)
		j := float64(rng.IntN(2000) - 1000)
		h := (j + 0.5) * math.Ln2
		xs = append(xs, h, math.Nextafter(h, 0), math.Nextafter(h, math.Inf(1)))
		xs = append(xs, math.Ldexp(rng.Float64()-0.5, -rng.IntN(60)))
		xs = append(xs, math.Log(rng.Float64())*(0.5+1.5*rng.Float64()))
	}
	xs = append(xs, 0, math.Copysign(0, -1), 1, -1, 700, -700, math.Ln2, -math.Ln2, 1e-300, -1e-300,
		2*math.Log(0.5), 0.5*math.Log(0.5), math.Inf(-1), math.Inf(1), math.NaN(),
		-700.5, -708, -720, -745, -746, -800, 700.5, 709, 709.78, 710, 1e300, -1e300)
	want := make([]float64, len(xs))
	for i, x := range xs {
		want[i] = math.Exp(x)
	}
	same := func(g, w float64) bool {
		return math.Float64bits(g) == math.Float64bits(w) || math.IsNaN(g) && math.IsNaN(w)
	}
	got := make([]float64, len(xs))
	seqs := []struct {
		name string
		mode int
		f    func(dst, src []float64, r, a, b float64)
	}{{"plain", expPlain, expRowPlain}, {"fused (Go)", expFused, expRowFusedGo},
		{"fused", expFused, expRowFused}, {"expRow", expMode, expRow}}
	for _, s := range seqs {
		s.f(got, xs, 1, 0, 1)
		diff := 0
		for i := range xs {
			if !same(got[i], want[i]) {
				if s.mode == expMode {
					t.Fatalf("%s (the mode in use): e^%v = %v, math.Exp %v", s.name, xs[i], got[i], want[i])
				}
				diff++
			}
		}
		t.Logf("%s sequence: %d of %d arguments differ from math.Exp", s.name, diff, len(xs))
	}
	if runtime.GOARCH == "amd64" && expMode == expCallLib {
		t.Errorf("on amd64 neither sequence reproduces math.Exp (has exp_amd64.s changed?): the fast path is off")
	}

	// The scale r multiplies first; a + b·e is that expression, exactly.
	ys := make([]float64, 200)
	for i := range ys {
		ys[i] = math.Log(rng.Float64())
	}
	ys[7] = math.Inf(-1) // ln 0
	const r = 1.37
	aff := make([]float64, len(ys))
	expRow(aff, ys, r, 2, -4)
	for i, y := range ys {
		if w := 2 - 4*math.Exp(r*y); !same(aff[i], w) {
			t.Fatalf("2 − 4·e^(%v·%v) = %v, want %v", r, y, aff[i], w)
		}
	}
	// Every row length and offset (the assembly takes elements two at a
	// time, then one), with arguments outside the fast range among them.
	ys[3], ys[12] = math.NaN(), -1000
	for lo := range 4 {
		for hi := lo; hi <= lo+9; hi++ {
			out := make([]float64, hi-lo)
			expRow(out, ys[lo:hi], r, 2, -4)
			for i, y := range ys[lo:hi] {
				if w := 2 - 4*math.Exp(r*y); !same(out[i], w) {
					t.Fatalf("row [%d:%d] element %d: %v, want %v", lo, hi, i, out[i], w)
				}
			}
		}
	}
	if aff[7] != 2 {
		t.Errorf("2 − 4·e^(r·ln 0) = %v, want 2", aff[7])
	}
}

// BenchmarkExpRow compares expRow with a loop of math.Exp on rows of ten
// arguments (an actor's row in the EC case).
func BenchmarkExpRow(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	src, dst := make([]float64, 100), make([]float64, 100)
	for i := range src {
		src[i] = math.Log(rng.Float64())
	}
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			for k := 0; k < len(src); k += 10 {
				for i, l := range src[k : k+10] {
					dst[k+i] = 2 - 4*math.Exp(1.3*l)
				}
			}
		}
	})
	b.Run("expRow", func(b *testing.B) {
		for b.Loop() {
			for k := 0; k < len(src); k += 10 {
				expRow(dst[k:k+10], src[k:k+10], 1.3, 2, -4)
			}
		}
	})
}
