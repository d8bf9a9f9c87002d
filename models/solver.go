package models

// The per-unit solver (MODEL.md §4.1, §4.2): maximise one party's utility
// u_o(y) over a box subject to floors u_j(y) ≥ t_j for the other parties.
//
// Utilities are separable across issues (MODEL.md §2), so for fixed
// Lagrange multipliers λ_j the Lagrangian u_o + Σ_j λ_j u_j is maximised
// issue by issue: minimise Σ_p c_p |x − a_p|^γ_p over [lo_k, hi_k], a 1-D
// problem with a closed form for linear (weighted median) and quadratic
// (weighted mean) losses and a bisection on the derivative otherwise.
//
// The multipliers are found one constraint at a time, nested: writing the
// objective at level ℓ as Φ_ℓ, the problem max Φ_ℓ s.t. constraints
// 1..ℓ is solved by searching σ ∈ [0, 1] in max (1−σ)Φ_ℓ + σ u_jℓ s.t.
// constraints 1..ℓ−1. Over a fixed feasible set u_jℓ at the maximiser is
// non-decreasing in σ (monotone comparative statics: adding the two
// optimality inequalities for σ < σ' gives (σ'−σ)(u(y')−u(y)) ≥ 0), so the
// root of u_jℓ(y(σ)) = t_jℓ is bracketed and found by a safeguarded
// regula falsi (Illinois). Linear utilities make y(σ) jump (bang-bang); then
// the constraint is met exactly on the segment between the maximisers on
// both sides of the jump, which are maximisers of the same Lagrangian.
// With γ ≥ 1 everything is concave and this is exact (KKT); with γ < 1 the
// per-issue problem is still solved globally (checking kinks and ends) but
// the problem is not convex and the result is a feasible point that may fall
// short of the optimum.

const (
	// solveTol is how far above its floor a binding constraint may be left.
	solveTol = 1e-13
	// maxRoot caps the iterations of one root search.
	maxRoot = 200
)

// solver holds the workspace of the constrained maximisation, sized once
// per unit shape so that solving does not allocate.
type solver struct {
	parties []Party
	lo, hi  []float64
	obj     int
	resp    []int     // the constraints, in order
	thr     []float64 // floor per party index
	omega   []float64 // Lagrangian weight per party index
	ones    []float64 // equal weights, the tie-break on issues nobody weighs
	levels  []solveLevel
	ma, mc  []float64 // weighted-median scratch
	thr2    []float64 // fallback scratch
	k, n    int
	pair    pairProblem // two-party solver scratch
}

type solveLevel struct {
	base        []float64
	ylo, yhi, y []float64
	sigma       float64 // the σ at which the constraint was met
}

// size prepares the workspace for n parties and k issues; it allocates only
// when the shape grows.
func (s *solver) size(n, k int) {
	if n <= s.n && k <= s.k && s.levels != nil {
		return
	}
	n, k = max(n, s.n), max(k, s.k)
	s.n, s.k = n, k
	s.omega = mkPad[float64](n)
	s.ones = mkPad[float64](n)
	for i := range s.ones {
		s.ones[i] = 1
	}
	s.thr2 = mkPad[float64](n)
	s.ma = mkPad[float64](n)
	s.mc = mkPad[float64](n)
	s.levels = mkPad[solveLevel](n)
	for i := range s.levels {
		s.levels[i] = solveLevel{
			base: mkPad[float64](n),
			ylo:  mkPad[float64](k),
			yhi:  mkPad[float64](k),
			y:    mkPad[float64](k),
		}
	}
}

// solve maximises u_obj(y) over the box [lo, hi] subject to
// u_j(y) ≥ thr[j] for every j in resp, writing the maximiser into y. It
// reports false when the floors cannot all be met; y is then unspecified
// (see fallback). One floor between parties with linear or quadratic losses
// goes to the two-party solver (solver2.go), anything else to the nested
// search.
func (s *solver) solve(parties []Party, lo, hi []float64, obj int, resp []int, thr []float64, y []float64) bool {
	if len(resp) == 1 && pairOK(&parties[obj], &parties[resp[0]]) {
		return s.solve2(parties, lo, hi, obj, resp[0], thr[resp[0]], y[:len(lo)])
	}
	return s.solveNested(parties, lo, hi, obj, resp, thr, y)
}

// solveNested is solve by the nested multiplier search, for any number of
// floors and any γ > 0.
func (s *solver) solveNested(parties []Party, lo, hi []float64, obj int, resp []int, thr []float64, y []float64) bool {
	s.parties, s.lo, s.hi, s.obj, s.resp, s.thr = parties, lo, hi, obj, resp, thr
	for i := range s.omega {
		s.omega[i] = 0
	}
	s.omega[obj] = 1
	return s.level(len(resp), y[:len(lo)])
}

// level solves max Φ (the current s.omega) subject to the first l
// constraints into y.
func (s *solver) level(l int, y []float64) bool {
	if l == 0 {
		s.argmax(s.omega, y)
		return true
	}
	j := s.resp[l-1]
	t := s.thr[j]
	pj := &s.parties[j]
	L := &s.levels[l-1]
	copy(L.base, s.omega)
	L.base[j] = 0

	s.mix(L, j, 0)
	if !s.level(l-1, L.ylo) {
		return false
	}
	glo := pj.Utility(L.ylo) - t
	if glo >= 0 {
		L.sigma = 0
		copy(y, L.ylo)
		return true
	}
	s.mix(L, j, 1)
	s.level(l-1, L.yhi)
	ghi := pj.Utility(L.yhi) - t
	if ghi < 0 {
		return false
	}
	// Two kinds of step alternate. A tangent step goes to the crossing of
	// the supporting lines of the convex dual M(σ) = max (1−σ)Φ + σu_j at
	// a and b; when M there equals the lines, both end points maximise the
	// same Lagrangian and the floor is met on the segment between them:
	// this ends the search in a few steps when utilities are linear
	// (M piecewise linear). An Illinois step (regula falsi on g with the
	// stale end halved) converges fast on smooth frontiers.
	a, b := 0.0, 1.0   // bracket in σ: g(a) < 0 ≤ g(b)
	fa, fb := glo, ghi // Illinois-scaled values
	phiA, phiB := s.phi(L, L.ylo), s.phi(L, L.yhi)
	// Tolerances are in units of Φ, in which the objective party weighs
	// base_obj/Σ base: deep in the nesting (a huge outer multiplier) the
	// objective's share is small and Φ must be resolved more finely.
	tol := solveTol * L.base[s.obj] / sum(L.base)
	side := 0
	// Stop when the bracket is closed, or when the point at b is provably
	// good: for the smallest root σ* ≤ b the objective falls short of its
	// optimum by at most λ_b·g(b), λ_b = b/(1 − b) (add the optimality
	// inequalities of y(σ*) and y(b)).
	for it := 0; it < maxRoot && !(b < 1 && ghi*b/(1-b) <= tol); it++ {
		tangent := it%2 == 0
		var m float64
		if tangent {
			dphi, du := phiA-phiB, ghi-glo
			m = dphi / (dphi + du)
		} else {
			m = b - fb*(b-a)/(fb-fa)
		}
		if !(m > a && m < b) || it%5 == 4 {
			m = 0.5 * (a + b)
			tangent = false
		}
		if !(m > a && m < b) {
			break // the bracket is one rounding step wide
		}
		s.mix(L, j, m)
		s.level(l-1, L.y)
		um := pj.Utility(L.y)
		g, phiM := um-t, s.phi(L, L.y)
		if tangent {
			lm := (1-m)*phiM + m*um
			la := (1-m)*phiA + m*(glo+t)
			if lm <= la+tol/10 {
				break
			}
		}
		if g >= 0 {
			b, ghi, fb, phiB = m, g, g, phiM
			L.yhi, L.y = L.y, L.yhi
			if side == 1 {
				fa *= 0.5
			}
			side = 1
		} else {
			a, glo, fa, phiA = m, g, g, phiM
			L.ylo, L.y = L.y, L.ylo
			if side == -1 {
				fb *= 0.5
			}
			side = -1
		}
	}
	L.sigma = b
	if ghi > 0 && !(b < 1 && ghi*b/(1-b) <= tol) {
		// A jump (bang-bang) or a steep frontier: meet the floor on the
		// segment between both sides. Along it u_j is concave, so it is
		// at least the linear interpolation that equals t at θ.
		// Rounding may leave that point a hair short: nudge θ up by
		// doubling steps (in the convex case the first try almost always
		// holds).
		theta, inc := -glo/(ghi-glo), 1e-15
		for try := 0; try < 40 && theta < 1; try++ {
			for k := range y {
				y[k] = L.ylo[k] + theta*(L.yhi[k]-L.ylo[k])
			}
			if s.meets(l, y) {
				return true
			}
			theta += inc
			inc *= 2
		}
	}
	copy(y, L.yhi)
	return true
}

// mix sets s.omega = (1−σ)·base + σ·e_j. At σ = 1 the base keeps a weight
// of 1e-12 so that it still decides the issues party j does not weigh (a
// lexicographic tie-break; without it the outer levels' trade-offs would be
// lost there).
func (s *solver) mix(L *solveLevel, j int, sigma float64) {
	wb := 1 - sigma
	if sigma == 1 {
		wb = 1e-12
	}
	for i, w := range L.base {
		s.omega[i] = wb * w
	}
	s.omega[j] += sigma
}

// phi is the level's objective Φ(y) = Σ_p base_p u_p(y).
func (s *solver) phi(L *solveLevel, y []float64) float64 {
	v := 0.0
	for p, w := range L.base[:len(s.parties)] {
		if w != 0 {
			v += w * s.parties[p].Utility(y)
		}
	}
	return v
}

// meets reports whether y satisfies the first l constraints.
func (s *solver) meets(l int, y []float64) bool {
	for _, j := range s.resp[:l] {
		if s.parties[j].Utility(y) < s.thr[j] {
			return false
		}
	}
	return true
}

// argmax maximises Σ_p ω_p u_p over the box, issue by issue.
func (s *solver) argmax(omega, y []float64) {
	for k := range y {
		y[k] = s.issueMin(k, omega)
	}
}

// issueMin minimises h(x) = Σ_p ω_p ŝ_pk |x − a_pk|^γ_p over [lo_k, hi_k].
// When nobody with a positive weight cares about the issue, every party
// counts equally (a Pareto tie-break); when nobody cares at all, the
// objective party's ideal is kept.
func (s *solver) issueMin(k int, omega []float64) float64 {
	lo, hi := s.lo[k], s.hi[k]
	if lo >= hi {
		return lo
	}
	n := 0
	tot, sum := 0.0, 0.0
	lin, quad, concave := true, true, false
	for p := range s.parties {
		c := omega[p] * s.parties[p].Weight[k]
		if c <= 0 {
			continue
		}
		g := s.parties[p].Gamma
		a := s.parties[p].Ideal[k]
		lin = lin && g == 1
		quad = quad && g == 2
		concave = concave || g < 1
		s.ma[n], s.mc[n] = a, c
		n++
		tot += c
		sum += c * a
	}
	switch {
	case n == 0:
		if &omega[0] != &s.ones[0] {
			return s.issueMin(k, s.ones[:len(omega)])
		}
		return clamp(s.parties[s.obj].Ideal[k], lo, hi)
	case quad:
		return clamp(sum/tot, lo, hi)
	case lin:
		return clamp(weightedMedian(s.ma[:n], s.mc[:n], tot), lo, hi)
	case !concave:
		return convexMin(s.ma[:n], s.mc[:n], s.parties, omega, k, lo, hi)
	}
	return kinkMin(s.ma[:n], s.mc[:n], s.parties, omega, k, lo, hi)
}

// weightedMedian sorts (a, c) by a in place and returns the smallest a at
// which the cumulative weight reaches half the total: a minimiser of
// Σ c|x − a|.
func weightedMedian(a, c []float64, tot float64) float64 {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
	cum := 0.0
	for i := range a {
		cum += c[i]
		if 2*cum >= tot {
			return a[i]
		}
	}
	return a[len(a)-1]
}

// convexMin minimises a sum of convex terms (all γ ≥ 1) on [lo, hi] by
// bisection on the (right) derivative, which is non-decreasing.
func convexMin(a, c []float64, parties []Party, omega []float64, k int, lo, hi float64) float64 {
	slope := func(x float64) float64 {
		d := 0.0
		for p := range parties {
			w := omega[p] * parties[p].Weight[k]
			if w > 0 {
				g := parties[p].Gamma
				dx := x - parties[p].Ideal[k]
				if g == 1 && dx == 0 {
					continue
				}
				d += w * slopePow(dx, g)
			}
		}
		return d
	}
	if slope(lo) >= 0 {
		return lo
	}
	if slope(hi) <= 0 {
		return hi
	}
	// A linear term's kink is the exact minimiser when the derivatives on
	// both sides straddle 0; bisection would only come within 1e-15.
	for p := range parties {
		if w := omega[p] * parties[p].Weight[k]; w > 0 && parties[p].Gamma == 1 {
			x := parties[p].Ideal[k]
			if x > lo && x < hi && slope(x)-w <= 0 && slope(x)+w >= 0 {
				return x
			}
		}
	}
	l, h := lo, hi
	for i := 0; i < 100 && h-l > 1e-15; i++ {
		m := 0.5 * (l + h)
		if slope(m) > 0 {
			h = m
		} else {
			l = m
		}
	}
	return 0.5 * (l + h)
}

// kinkMin minimises a sum with some concave terms (γ < 1). Between two
// consecutive kinks every term is smooth; the minimum is at a kink, an end,
// or (if convex terms are present) inside a piece, where a golden-section
// search looks for it.
func kinkMin(a, c []float64, parties []Party, omega []float64, k int, lo, hi float64) float64 {
	h := func(x float64) float64 {
		v := 0.0
		for p := range parties {
			if w := omega[p] * parties[p].Weight[k]; w > 0 {
				v += w * Loss(x-parties[p].Ideal[k], parties[p].Gamma)
			}
		}
		return v
	}
	weightedMedian(a, c, 1) // sorts the kinks
	best, bv := lo, h(lo)
	left := lo
	for i := 0; i <= len(a); i++ {
		right := hi
		if i < len(a) {
			right = clamp(a[i], lo, hi)
		}
		if right > left {
			if v := h(right); v < bv {
				best, bv = right, v
			}
			x, v := golden(h, left, right)
			if v < bv {
				best, bv = x, v
			}
			left = right
		}
	}
	return best
}

// golden runs a golden-section search for a minimum of f on [a, b].
func golden(f func(float64) float64, a, b float64) (float64, float64) {
	const r = 0.6180339887498949
	x1, x2 := b-r*(b-a), a+r*(b-a)
	f1, f2 := f(x1), f(x2)
	for i := 0; i < 80 && b-a > 1e-13; i++ {
		if f1 < f2 {
			b, x2, f2 = x2, x1, f1
			x1 = b - r*(b-a)
			f1 = f(x1)
		} else {
			a, x1, f1 = x1, x2, f2
			x2 = a + r*(b-a)
			f2 = f(x2)
		}
	}
	if f1 < f2 {
		return x1, f1
	}
	return x2, f2
}

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}

func clamp(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// fallback writes into y the offer made when the floors cannot all be met:
// the point that maximises the smallest slack min_j (u_j(y) − thr_j), found
// by bisection on a common shortfall τ ≤ 0 (solve with floors thr_j + τ);
// among such points the objective party takes the best for itself. With a
// single constraint this is the constrained party's best point in the box
// (ties broken by equal weights).
func (s *solver) fallback(parties []Party, lo, hi []float64, obj int, resp []int, thr []float64, y []float64) {
	if len(resp) == 0 {
		s.solve(parties, lo, hi, obj, resp, thr, y)
		return
	}
	if len(resp) == 1 {
		s.parties, s.lo, s.hi, s.obj = parties, lo, hi, obj
		for i := range s.omega {
			s.omega[i] = 0
		}
		s.omega[resp[0]] = 1
		s.argmax(s.omega, y[:len(lo)])
		return
	}
	top := 0.0
	for _, j := range resp {
		top = max(top, thr[j])
	}
	a, b := -top-1e-9, 0.0 // floors ≤ 0 are always met
	t2 := s.thr2[:len(thr)]
	copy(t2, thr)
	for it := 0; it < 60 && b-a > 1e-12; it++ {
		m := 0.5 * (a + b)
		for _, j := range resp {
			t2[j] = thr[j] + m
		}
		if s.solve(parties, lo, hi, obj, resp, t2, y) {
			a = m
		} else {
			b = m
		}
	}
	for _, j := range resp {
		t2[j] = thr[j] + a
	}
	s.solve(parties, lo, hi, obj, resp, t2, y)
}
