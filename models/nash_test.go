package models

import (
	"math"
	"testing"
)

func nashOffer(t *testing.T, u *Unit) float64 {
	t.Helper()
	m := NewNash()
	m.Start(u, newRNG(1))
	r := m.Play(u, 0, newRNG(2))
	if r.NoOffer || !r.Agreed || r.Proposer != -1 {
		t.Fatalf("round 1: %+v", r)
	}
	return r.Offer[0]
}

// Nash (1950), Econometrica 18:155–162: on a linear pie x ↦ (x, 1 − x)
// with disagreement point d, max (x − d_A)(1 − x − d_B) is at
// x = (1 + d_A − d_B)/2; d = (0.2, 0.1) → 0.55 (MODEL.md §4.2).
func TestNashLinearPie(t *testing.T) {
	u := pie(1, 1)
	u.EqualWeights = true
	u.Parties[0].Reservation, u.Parties[1].Reservation = 0.2, 0.1
	if got := nashOffer(t, u); math.Abs(got-0.55) > 1e-12 {
		t.Errorf("Nash share %.15f, want 0.55", got)
	}
}

// A linear with ideal 1 (u_A = x) against B quadratic with ideal 0
// (u_B = 1 − x²), d = 0: max x(1 − x²) gives 1 − 3x² = 0, x = 1/√3
// (MODEL.md §4.2).
func TestNashLinearAgainstQuadratic(t *testing.T) {
	u := pie(1, 2)
	if got, want := nashOffer(t, u), 1/math.Sqrt(3); math.Abs(got-want) > 1e-9 {
		t.Errorf("Nash point %.15f, want 1/√3 = %.15f", got, want)
	}
}

// Kalai & Smorodinsky (1975), Econometrica 43:513–518: with utopia point
// (1, 1) and d = 0 the solution equalises the gains, x = 1 − x², so
// x = (√5 − 1)/2 (MODEL.md §4.2).
func TestKalaiSmorodinsky(t *testing.T) {
	u := pie(1, 2)
	u.Solution = KalaiSmorodinsky
	if got, want := nashOffer(t, u), (math.Sqrt(5)-1)/2; math.Abs(got-want) > 1e-9 {
		t.Errorf("KS point %.15f, want (√5−1)/2 = %.15f", got, want)
	}
}

// The asymmetric Nash solution on a linear pie with d = 0 maximises
// x^{w_A}(1 − x)^{w_B}: x = w_A/(w_A + w_B) (Kalai 1977; Roth 1979).
// Weights are the parties' power (weights: power, the default).
func TestNashAsymmetricWeights(t *testing.T) {
	for _, w := range [][2]float64{{1, 1}, {2, 1}, {1, 3}, {0.7, 0.2}} {
		u := pie(1, 1)
		u.Parties[0].Power, u.Parties[1].Power = w[0], w[1]
		if got, want := nashOffer(t, u), w[0]/(w[0]+w[1]); math.Abs(got-want) > 1e-12 {
			t.Errorf("weights %v: share %.15f, want %.15f", w, got, want)
		}
	}
}
