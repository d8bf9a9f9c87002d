package models

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// genUnit draws a small random instance: K ≤ 3 issues, 2–3 parties with
// γ ∈ {1, 2, 1.5}, random ideals and saliences (some zero), and a random
// sub-box of [0,1]^K.
func genProblem(t *rapid.T) (parties []Party, lo, hi []float64, thr []float64) {
	k := rapid.IntRange(1, 3).Draw(t, "issues")
	n := rapid.IntRange(2, 3).Draw(t, "parties")
	lo, hi = make([]float64, k), make([]float64, k)
	for i := range lo {
		a := rapid.Float64Range(0, 1).Draw(t, "lo")
		b := rapid.Float64Range(0, 1).Draw(t, "hi")
		lo[i], hi[i] = min(a, b), max(a, b)
	}
	parties = make([]Party, n)
	for p := range parties {
		ideal, weight := drawInterests(t, k)
		parties[p] = Party{Ideal: ideal, Weight: weight, Gamma: rapid.SampledFrom([]float64{1, 2, 1.5}).Draw(t, "gamma")}
	}
	// Floors: each responder's utility at a random point of the box, minus
	// a random margin; now and then an unreachable floor.
	z := make([]float64, k)
	for i := range z {
		z[i] = lo[i] + rapid.Float64Range(0, 1).Draw(t, "z")*(hi[i]-lo[i])
	}
	thr = make([]float64, n)
	for j := 1; j < n; j++ {
		thr[j] = parties[j].Utility(z) - rapid.Float64Range(-0.05, 0.3).Draw(t, "margin")
	}
	return parties, lo, hi, thr
}

// gridBest is the brute-force reference: the best u_0 over the feasible
// points of a regular grid on the box (m points per issue, ends included).
func gridBest(parties []Party, lo, hi, thr []float64, m int) (best float64, found bool) {
	k := len(lo)
	z := make([]float64, k)
	idx := make([]int, k)
	best = math.Inf(-1)
	for {
		for i := range z {
			z[i] = lo[i] + float64(idx[i])*(hi[i]-lo[i])/float64(m-1)
		}
		ok := true
		for j := 1; j < len(parties); j++ {
			if parties[j].Utility(z) < thr[j] {
				ok = false
				break
			}
		}
		if ok {
			found = true
			best = max(best, parties[0].Utility(z))
		}
		i := 0
		for ; i < k; i++ {
			idx[i]++
			if idx[i] < m {
				break
			}
			idx[i] = 0
		}
		if i == k {
			return best, found
		}
	}
}

// The constrained solver is the exact Lagrangian optimum (KKT, concave
// separable utilities for γ ≥ 1): it must be feasible and at least as good
// as every feasible point of a brute-force grid, to 1e-6 in utility; when it
// says the floors cannot be met, no grid point meets them with room.
func TestSolverAgainstGrid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		parties, lo, hi, thr := genProblem(t)
		n, k := len(parties), len(lo)
		var s solver
		s.size(n, k)
		resp := make([]int, 0, n)
		for j := 1; j < n; j++ {
			resp = append(resp, j)
		}
		y := make([]float64, k)
		ok := s.solve(parties, lo, hi, 0, resp, thr, y)
		m := []int{0, 2001, 201, 41}[k]
		best, found := gridBest(parties, lo, hi, thr, m)
		if !ok {
			eased := make([]float64, n)
			for j := range eased {
				eased[j] = thr[j] + 1e-9
			}
			if _, f := gridBest(parties, lo, hi, eased, m); f {
				t.Fatalf("solver says infeasible, but a grid point meets every floor with room")
			}
			return
		}
		for i := range y {
			if y[i] < lo[i] || y[i] > hi[i] {
				t.Fatalf("y[%d] = %g outside [%g, %g]", i, y[i], lo[i], hi[i])
			}
		}
		for _, j := range resp {
			if u := parties[j].Utility(y); u < thr[j] {
				t.Fatalf("party %d gets %.15g below its floor %.15g", j, u, thr[j])
			}
		}
		if got := parties[0].Utility(y); found && got < best-1e-6 {
			t.Fatalf("solver u_0 = %.9f, grid finds %.9f (y = %v)", got, best, y)
		}
	})
}

// One issue, closed form: B's floor t on a linear pie leaves A exactly
// 1 − t; with B quadratic (u_B = 1 − x²) A gets √(1 − t).
func TestSolverOneIssueClosedForm(t *testing.T) {
	var s solver
	s.size(2, 1)
	y := []float64{0}
	lo, hi := []float64{0}, []float64{1}
	for _, th := range []float64{0, 0.1, 0.4315789473684209, 0.5, 0.99, 1} {
		u := pie(1, 1)
		if !s.solve(u.Parties, lo, hi, 0, []int{1}, []float64{0, th}, y) {
			t.Fatalf("t=%g: infeasible", th)
		}
		if math.Abs(y[0]-(1-th)) > 1e-12 {
			t.Errorf("linear, t=%g: y=%.15g, want %.15g", th, y[0], 1-th)
		}
		u = pie(1, 2)
		s.solve(u.Parties, lo, hi, 0, []int{1}, []float64{0, th}, y)
		// x = √(1 − t) is steep at t = 1: there 1 − x² rounds to 1 for
		// x < 1e-8, so the check is at the precision of the utility.
		if math.Abs(y[0]-math.Sqrt(1-th)) > 1e-8 {
			t.Errorf("quadratic, t=%g: y=%.15g, want %.15g", th, y[0], math.Sqrt(1-th))
		}
	}
	u := pie(1, 1)
	if s.solve(u.Parties, []float64{0.5}, hi, 0, []int{1}, []float64{0, 0.6}, y) {
		t.Errorf("floor 0.6 for B in [0.5, 1] (B's best is 0.5): want infeasible")
	}
}

// The two-party solver (scalar equations, solver2.go) and the nested
// multiplier search solve the same concave problem (KKT): both meet the
// floor exactly, the two-party optimum u_o is at least the nested one less
// 1e-9, and they agree on
// feasibility except when the floor is within 1e-9 of u_j's maximum.
func TestTwoPartySolverMatchesNested(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		parties, lo, hi, thr := genProblem(t)
		parties = parties[:2]
		for p := range parties {
			parties[p].Gamma = rapid.SampledFrom([]float64{1, 2}).Draw(t, "gamma2")
		}
		k := len(lo)
		var s solver
		s.size(2, k)
		y2, yn := make([]float64, k), make([]float64, k)
		ok2 := s.solve2(parties, lo, hi, 0, 1, thr[1], y2)
		okn := s.solveNested(parties, lo, hi, 0, []int{1}, thr, yn)
		if ok2 != okn {
			s.fallback(parties, lo, hi, 0, []int{1}, thr, yn) // u_1's best in the box
			if best := parties[1].Utility(yn); math.Abs(best-thr[1]) > 1e-9 {
				t.Fatalf("feasible: two-party %v, nested %v; floor %.15g, u_1 max %.15g", ok2, okn, thr[1], best)
			}
			return
		}
		if !ok2 {
			return
		}
		for _, y := range [][]float64{y2, yn} {
			if u := parties[1].Utility(y); u < thr[1] {
				t.Fatalf("u_1(%v) = %.17g below the floor %.17g", y, u, thr[1])
			}
		}
		// Both points are feasible, so the larger u_0 is the better answer;
		// the nested search stops on a bound λ·g ≤ 1e-13 that leaves it a
		// little short where λ is huge (floors at u_1's maximum).
		if a, b := parties[0].Utility(y2), parties[0].Utility(yn); a < b-1e-9 {
			t.Fatalf("u_0: two-party %.15f at %v, nested %.15f at %v", a, y2, b, yn)
		}
	})
}
