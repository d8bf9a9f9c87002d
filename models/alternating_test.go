package models

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// Rubinstein (1982), Econometrica 50:97–109: with discount factors δ₁, δ₂ and
// no breakdown the first proposer's share of a unit pie in the unique SPE is
// (1 − δ₂)/(1 − δ₁δ₂), and it is accepted at once.
func TestRubinsteinShare(t *testing.T) {
	for _, c := range []struct{ d1, d2 float64 }{
		{0.9, 0.8}, {0.5, 0.5}, {0.95, 0.99}, {0.99, 0.95}, {0.3, 0.9},
	} {
		u := pie(1, 1)
		u.Parties[0].Patience, u.Parties[1].Patience = c.d1, c.d2
		a := NewAlternating()
		a.Start(u, newRNG(1))
		r := a.Play(u, 0, newRNG(2))
		want := (1 - c.d2) / (1 - c.d1*c.d2)
		if !r.Agreed || r.Proposer != 0 {
			t.Fatalf("δ=(%g,%g): round 1 not agreed: %+v", c.d1, c.d2, r)
		}
		if got := r.Offer[0]; math.Abs(got-want) > 1e-9 {
			t.Errorf("δ=(%g,%g): first proposer's share %.12f, want %.12f (%d iterations)", c.d1, c.d2, got, want, a.Iterations)
		}
	}
}

// Binmore, Rubinstein & Wolinsky (1986), RAND J. Econ. 17:176–188, with
// δ = 1, breakdown probability p after each rejection and breakdown payoffs
// d₁, d₂: A's share x_A and B's share x_B in their own offers satisfy
// 1 − x_A = (1−p)x_B + p d₂ and 1 − x_B = (1−p)x_A + p d₁, so
// x_A = (1 − d₂ + (1 − p)d₁)/(2 − p) (MODEL.md §4.1; derivation in
// docs/model.md "alternating").
func TestBinmoreRubinsteinWolinsky(t *testing.T) {
	for _, c := range []struct{ p, d1, d2 float64 }{
		{0.1, 0.2, 0.1}, {0.5, 0, 0}, {0.05, 0.3, 0.4}, {0.9, 0.1, 0.6},
	} {
		u := pie(1, 1)
		u.Breakdown = c.p
		u.Parties[0].Reservation, u.Parties[1].Reservation = c.d1, c.d2
		a := NewAlternating()
		a.Start(u, newRNG(1))
		r := a.Play(u, 0, newRNG(2))
		want := (1 - c.d2 + (1-c.p)*c.d1) / (2 - c.p)
		if !r.Agreed {
			t.Fatalf("%+v: round 1 not agreed", c)
		}
		if got := r.Offer[0]; math.Abs(got-want) > 1e-9 {
			t.Errorf("%+v: first proposer's share %.12f, want %.12f", c, got, want)
		}
	}
}

// The two-party scalar guess (pairGuess) only changes where the fixed-point
// iteration starts, never where it ends: on random two-party units (γ ∈
// {1, 2}, random patience, breakdown, reservations, ideals, saliences and
// firm lines, some making a proposer prefer delay) the thresholds with and
// without it agree to 1e-9 (plus the plain iteration's own error near
// c = 1).
func TestPairGuessKeepsFixedPoint(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 3).Draw(t, "issues")
		u := &Unit{Issues: k, Breakdown: rapid.Float64Range(0, 0.5).Draw(t, "p"), ProbeThreshold: 0.5}
		for q := 0; q < 2; q++ {
			ideal, weight := drawInterests(t, k)
			party := Party{Ideal: ideal, Weight: weight,
				Gamma:       rapid.SampledFrom([]float64{1, 2}).Draw(t, "gamma"),
				Patience:    rapid.Float64Range(0.3, 1).Draw(t, "delta"),
				Reservation: rapid.Float64Range(0, 0.9).Draw(t, "d"), Power: 1}
			if rapid.Bool().Draw(t, "line") {
				a, b := rapid.Float64Range(0, 1).Draw(t, "a"), rapid.Float64Range(0, 1).Draw(t, "b")
				party.RedLines = []RedLine{{Issue: rapid.IntRange(0, k-1).Draw(t, "li"), Lo: min(a, b), Hi: max(a, b), Firmness: 1, Firm: true}}
			}
			u.Parties = append(u.Parties, party)
		}
		if u.Breakdown == 0 && u.Parties[0].Patience == 1 && u.Parties[1].Patience == 1 {
			return // no discounting at all: every split is an equilibrium
		}
		guess, plain := NewAlternating(), NewAlternating()
		plain.noGuess = true
		guess.Start(u, newRNG(1))
		plain.Start(u, newRNG(1))
		if plain.Iterations >= fixIters {
			// The plain iteration did not converge: Anderson can cycle when
			// δ(1 − p) ≈ 1, and a box corner can make T jump between
			// dealing and delaying so that no exact fixed point exists.
			// Nothing to compare.
			return
		}
		for i := 0; i < 2; i++ {
			// A proposer indifferent between dealing and delaying (its best
			// offer worth exactly its continuation) sits on a jump of T:
			// both sides are fixed points to rounding. Nothing to compare.
			v := plain.v[i*2 : i*2+2]
			if plain.solveFor(u, i, plain.lo, plain.hi, v) && math.Abs(u.Parties[i].Utility(plain.y)-v[i]) < 1e-9 {
				return
			}
		}
		// A residual below fixTol leaves an error up to about fixTol/(1 − c),
		// c = max (1 − p)δ the contraction rate: near 1 the plain iteration
		// stops further from the fixed point.
		c := (1 - u.Breakdown) * max(u.Parties[0].Patience, u.Parties[1].Patience)
		tol := 1e-9 + 10*fixTol/(1-c)
		for i := 0; i < 2; i++ {
			for j := 0; j < 2; j++ {
				if d := math.Abs(guess.Threshold(i, j) - plain.Threshold(i, j)); d > tol {
					t.Fatalf("v_%d%d: %.12f with the guess, %.12f without (%d vs %d iterations)",
						i, j, guess.Threshold(i, j), plain.Threshold(i, j), guess.Iterations, plain.Iterations)
				}
			}
		}
	})
}
