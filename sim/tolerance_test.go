package sim

import (
	"math"
	"testing"
)

// TestAcceptToleranceWiring: settings.accept_tolerance reaches the
// protocols. On the rubinstein pie with misperception σ = 0.2, learning 0.5
// and no breakdown, a proposer that underestimates its opponent's threshold
// by |ε₀| is rejected until |ε₀|(1 − L)^r ≤ τ (docs/model.md, "alternating").
// With τ = 0.01 that takes r = ⌈log2(|ε₀|/τ)⌉ rejections — about 6 for a
// 2σ error — so with a 40-round horizon every run agrees; with τ = 0 a pair
// of underestimating proposers never meets the exact threshold and about
// a quarter of the runs (both errors negative: ½ · ½) stay open.
func TestAcceptToleranceWiring(t *testing.T) {
	base := []string{"beliefs.noise=0.2", "beliefs.learning=0.5", "horizon=40"}
	with := resolve(t, "rubinstein", append(base, "settings.accept_tolerance=0.01")...)
	without := resolve(t, "rubinstein", append(base, "settings.accept_tolerance=0")...)
	s1, _, _ := runJSON(t, with, Options{Runs: 2000, Seed: 3, Workers: 1})
	s0, _, _ := runJSON(t, without, Options{Runs: 2000, Seed: 3, Workers: 1})
	if s1.Layers[0].PAgreed != 1 {
		t.Errorf("τ = 0.01: p_agreed = %v, want 1", s1.Layers[0].PAgreed)
	}
	// Binomial bound around 1/4: ±5 standard errors of 2000 runs.
	se := math.Sqrt(0.25 * 0.75 / 2000)
	if got := s0.Layers[0].POpen; math.Abs(got-0.25) > 5*se {
		t.Errorf("τ = 0: p_open = %.3f, want ≈ 0.25 (both proposers underestimate)", got)
	}
}
