package models

import (
	"math"
	"testing"
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
