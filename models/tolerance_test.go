package models

import (
	"math"
	"testing"
)

// rejectionsNeeded is the number r of rejections after which an error ε₀
// that shrinks by (1 − L) per rejection is within τ: the first r with
// |ε₀|(1 − L)^r ≤ τ (0 when |ε₀| ≤ τ already).
func rejectionsNeeded(eps0, learning, tol float64) int {
	r, e := 0, math.Abs(eps0)
	for e > tol {
		e *= 1 - learning
		r++
	}
	return r
}

// noLineUnit is the nuclear-like unit without red lines, so that every
// proposer's believed box is the true one and every offer meets its
// believed floors.
func noLineUnit(noise, learning, tol float64) *Unit {
	u := nuclearUnit()
	u.Parties[0].RedLines, u.Parties[1].RedLines = nil, nil
	u.Noise, u.Learning, u.Tolerance = noise, learning, tol
	return u
}

// The acceptance tolerance ends stuck misperception (docs/model.md
// "misperception"). Derivation of the bound: proposer i offers against
// j's believed threshold v_ij + ε_ij, so u_j(offer) = v_ij + ε_ij (the
// solver meets floors exactly; a rival ε_ij > 0 only makes the offer more
// generous). j rejects only if u_j < v_ij − τ, i.e. only while ε_ij < −τ,
// and each rejection shrinks the error: after r rejections
// |ε_ij| = |ε₀|(1 − L)^r. So j can reject i at most R_ij times, R_ij the
// first r with |ε₀|(1 − L)^r ≤ τ, and every failed round contains such a
// rejection: at most Σ R_ij rounds fail, whatever the proposer rule. Under
// Rotate with two parties, party i proposes in rounds i, i+2, …; in its
// (R_i + 1)-th turn, round 2R_i + i, its error is within τ, so agreement
// comes by round min_i (2R_i + i) (0-based).
//
// The argument assumes the proposer makes the offer that meets its
// believed floors, i.e. that giving j up to τ more still leaves it above
// its own continuation value (the "demand its own best point" branch of
// Play is not taken): true here, where the proposer's equilibrium surplus
// is an order of magnitude above τ.
func TestToleranceBoundsRoundsToAgreement(t *testing.T) {
	const tol = 0.01
	for _, rule := range []ProposerRule{Rotate, Power} {
		for _, learning := range []float64{0.2, 0.5, 0.9} {
			worst := 0
			for seed := uint64(0); seed < 300; seed++ {
				u := noLineUnit(0.25, learning, tol)
				u.Proposer = rule
				a := NewAlternating()
				rng := newRNG(seed)
				a.Start(u, rng)
				r01 := rejectionsNeeded(a.Misperception(0, 1), learning, tol)
				r10 := rejectionsNeeded(a.Misperception(1, 0), learning, tol)
				bound := r01 + r10
				if rule == Rotate {
					bound = min(bound, 2*r01, 2*r10+1)
				}
				agreed := -1
				for round := 0; round <= bound+5; round++ {
					if a.Play(u, round, rng).Agreed {
						agreed = round
						break
					}
				}
				if agreed < 0 || agreed > bound {
					t.Fatalf("rule %d, L=%g, seed %d: ε₀ = (%.4f, %.4f), agreement in round %d, bound %d",
						rule, learning, seed, a.Misperception(0, 1), a.Misperception(1, 0), agreed, bound)
				}
				worst = max(worst, agreed)
			}
			if worst == 0 {
				t.Errorf("rule %d, L=%g: every run agreed in round 0; the test does not exercise learning", rule, learning)
			}
		}
	}
}

// Without tolerance (τ = 0, the default) the old behaviour remains: when
// both proposers underestimate each other (ε₀₁, ε₁₀ < 0) every offer falls
// short of the responder's threshold by |ε|(1 − L)^r > 0, and no round
// agrees until |ε| falls below the solver's rounding (1e-12) — with L = 0.3
// and |ε₀| ≥ 0.05 that takes more than 70 rejections each, far beyond any
// horizon. With τ = 0.01 the same draws agree within the bound above.
func TestStuckMisperceptionWithoutTolerance(t *testing.T) {
	const learning = 0.3
	found := 0
	for seed := uint64(0); seed < 200 && found < 5; seed++ {
		u := noLineUnit(0.25, learning, 0)
		a := NewAlternating()
		rng := newRNG(seed)
		a.Start(u, rng)
		e01, e10 := a.Misperception(0, 1), a.Misperception(1, 0)
		if e01 > -0.05 || e10 > -0.05 {
			continue
		}
		found++
		for round := 0; round < 60; round++ {
			r := a.Play(u, round, rng)
			if r.Agreed {
				t.Fatalf("seed %d (ε₀ = %.4f, %.4f): τ = 0 agreed in round %d", seed, e01, e10, round)
			}
			for _, resp := range r.Responses {
				if resp.Accept || resp.Reason != RejectThreshold {
					t.Fatalf("seed %d round %d: %+v, want a threshold rejection", seed, round, resp)
				}
			}
		}
		if e := a.Misperception(0, 1); e >= 0 || e < e01 {
			t.Fatalf("seed %d: error went from %g to %g; it must shrink without changing sign", seed, e01, e)
		}

		u = noLineUnit(0.25, learning, 0.01)
		a = NewAlternating()
		rng = newRNG(seed)
		a.Start(u, rng)
		bound := min(2*rejectionsNeeded(e01, learning, 0.01), 2*rejectionsNeeded(e10, learning, 0.01)+1)
		agreed := -1
		for round := 0; round <= bound; round++ {
			if a.Play(u, round, rng).Agreed {
				agreed = round
				break
			}
		}
		if agreed < 0 {
			t.Errorf("seed %d (ε₀ = %.4f, %.4f): τ = 0.01 did not agree by round %d", seed, e01, e10, bound)
		}
	}
	if found == 0 {
		t.Fatal("no seed with both errors below −0.05; the test checks nothing")
	}
}

// Under nash the mediator's belief d̂_j = d_j + ε_j; its text gives every
// party more than d̂_j, so j rejects (u_j < d_j − τ) only while ε_j < −τ,
// and each rejection by j shrinks ε_j: at most Σ_j R_j rounds fail, R_j the
// first r with |ε_j|(1 − L)^r ≤ τ (argument as above). The mediator's text
// is the Nash point when every d̂_j can be beaten; the test keeps σ small
// enough for that.
func TestToleranceBoundsNash(t *testing.T) {
	const tol, learning = 0.01, 0.5
	for seed := uint64(0); seed < 300; seed++ {
		u := noLineUnit(0.1, learning, tol)
		m := NewNash()
		rng := newRNG(seed)
		m.Start(u, rng)
		bound := rejectionsNeeded(m.Misperception(0), learning, tol) + rejectionsNeeded(m.Misperception(1), learning, tol)
		agreed := -1
		for round := 0; round <= bound+5; round++ {
			if m.Play(u, round, rng).Agreed {
				agreed = round
				break
			}
		}
		if agreed < 0 || agreed > bound {
			t.Fatalf("seed %d: agreement in round %d, bound %d", seed, agreed, bound)
		}
	}
}

// At σ = 0 the tolerance changes nothing: the textbook offers are the same
// and accepted at once (Rubinstein 1982 share (1 − δ₂)/(1 − δ₁δ₂)).
func TestToleranceLeavesEquilibriumUnchanged(t *testing.T) {
	u := pie(1, 1)
	u.Parties[0].Patience, u.Parties[1].Patience = 0.9, 0.8
	u.Tolerance = 0.05
	a := NewAlternating()
	a.Start(u, newRNG(1))
	r := a.Play(u, 0, newRNG(2))
	if want := (1 - 0.8) / (1 - 0.9*0.8); !r.Agreed || math.Abs(r.Offer[0]-want) > 1e-9 {
		t.Errorf("offer %v agreed %v, want %.12f agreed", r.Offer, r.Agreed, want)
	}
}
