package models

import "math"

// The two-party solver: maximise u_o(y) over a box subject to one floor
// u_j(y) ≥ t, for linear and quadratic losses (γ ∈ {1, 2}). It is the same
// Lagrangian method as the nested solver (docs/model.md "the constrained
// solver"), reduced to scalar equations.
//
// With weight 1 − s on u_o and s on u_j (s ∈ [0, 1]) each issue's
// maximiser z_k(s) has a closed form (minimise (1−s)c_o|z − a_o|^γ_o +
// s·c_j|z − a_j|^γ_j, then clamp to [lo_k, hi_k], which is exact for a
// convex function of one variable):
//
//	both linear     z = clamp(a_o) for s < s_k, clamp(a_j) for s > s_k,
//	                s_k = c_o/(c_o + c_j) (a jump: the bang-bang case)
//	both quadratic  z = clamp(((1−s)c_o a_o + s c_j a_j)/((1−s)c_o + s c_j))
//	o linear,       z = clamp(a_j + sgn(a_o − a_j)·min(|a_o − a_j|, (1−s)c_o/(2s c_j)))
//	j quadratic
//	o quadratic,    z = clamp(a_o + sgn(a_j − a_o)·min(|a_j − a_o|, s c_j/(2(1−s)c_o)))
//	j linear
//
// An issue only one party weighs goes to that party's ideal (the other's
// lexicographic tie-break); an issue nobody weighs keeps o's ideal.
// g(s) = u_j(z(s)) − t is non-decreasing (monotone comparative statics, as
// in the nested solver) and continuous between the jumps s_k. The jumps
// are visited in increasing order until g's right limit reaches 0. If its
// left limit is already ≥ 0 the root lies in the smooth piece before the
// jump and a bracketed Newton iteration on g (the derivative is analytic)
// finds it; otherwise the floor is met on the jump itself: every issue
// jumping there moves by the same share θ from o's side to j's, along which
// u_j is affine, so θ = −g₋/(g₊ − g₋) in closed form. With linear
// utilities only this is the textbook construction — issues sorted by the
// salience ratio c_j/c_o, one of them split — and with one issue it gives
// the Rubinstein and BRW shares to rounding.

// Issue kinds of the two-party solver.
const (
	pairFixed = iota // z does not depend on s
	pairLL           // both linear: a jump at s_k
	pairQQ           // both quadratic
	pairLQ           // o linear, j quadratic
	pairQL           // o quadratic, j linear
)

// pairIssue is one issue of a two-party problem.
type pairIssue struct {
	kind           int
	co, cj, ao, aj float64
	lo, hi         float64
	zo, zj         float64 // o's and j's clamped ideals (LL ends; fixed value in zo)
	jump           float64 // LL: s_k
}

// pairProblem is a prepared two-party problem: everything that does not
// depend on the floor t. The values of u_j at both sides of every jump (and
// at s = 0 and 1) are floor-free, so solving for a floor is a scan of them
// and at most one split or one Newton search. It is prepared once per box
// and reused while only t changes (the threshold fixed point).
type pairProblem struct {
	pj       *Party
	gj       float64
	issues   []pairIssue
	jumps    []float64 // distinct s_k, increasing
	ujL, ujR []float64 // u_j at the left and right side of each jump
	uj0, uj1 float64   // u_j at s = 0 and s = 1
	smooth   bool      // some issue moves continuously with s
	// The last root of a Newton search: s, its floor t and g'(s) (warm
	// start; dg = 0: none).
	warmS, warmT, warmDG float64
}

// pairMax is the maximum number of Newton (or bisection) steps in one
// smooth piece; quadratic convergence needs a handful.
const pairMax = 100

// pairOK reports whether the two-party solver applies to parties o and j.
func pairOK(po, pj *Party) bool {
	return (po.Gamma == 1 || po.Gamma == 2) && (pj.Gamma == 1 || pj.Gamma == 2)
}

// prepare sets up the two-party problem of o against j over [lo, hi]; it
// allocates only when the number of issues grows.
func (pp *pairProblem) prepare(parties []Party, lo, hi []float64, o, j int) {
	po, pj := &parties[o], &parties[j]
	k := len(lo)
	if cap(pp.issues) < k {
		pp.issues = mkPad[pairIssue](k)
		pp.jumps = mkPad[float64](0, k)
		pp.ujL, pp.ujR = mkPad[float64](k), mkPad[float64](k)
	}
	pp.pj, pp.gj, pp.warmDG, pp.smooth = pj, pj.Gamma, 0, false
	is := pp.issues[:k]
	pp.issues = is
	jumps := pp.jumps[:0]
	for q := range is {
		p := &is[q]
		*p = pairIssue{co: po.Weight[q], cj: pj.Weight[q], ao: po.Ideal[q], aj: pj.Ideal[q], lo: lo[q], hi: hi[q]}
		p.zo, p.zj = clamp(p.ao, p.lo, p.hi), clamp(p.aj, p.lo, p.hi)
		switch {
		case p.lo >= p.hi:
			p.kind, p.zo = pairFixed, p.lo
		case p.co <= 0 && p.cj <= 0:
			p.kind = pairFixed
		case p.co <= 0:
			p.kind, p.zo = pairFixed, p.zj
		case p.cj <= 0 || p.zo == p.zj:
			p.kind = pairFixed
		case po.Gamma == 1 && pj.Gamma == 1:
			p.kind, p.jump = pairLL, p.co/(p.co+p.cj)
			jumps = append(jumps, p.jump)
		case po.Gamma == 2 && pj.Gamma == 2:
			p.kind, pp.smooth = pairQQ, true
		case po.Gamma == 1:
			p.kind, pp.smooth = pairLQ, true
		default:
			p.kind, pp.smooth = pairQL, true
		}
	}
	// Sort the jumps (insertion sort: K is small) and drop duplicates.
	for a := 1; a < len(jumps); a++ {
		for b := a; b > 0 && jumps[b] < jumps[b-1]; b-- {
			jumps[b], jumps[b-1] = jumps[b-1], jumps[b]
		}
	}
	d := 0
	for _, v := range jumps {
		if d == 0 || v != jumps[d-1] {
			jumps[d] = v
			d++
		}
	}
	pp.jumps = jumps[:d]
	pp.uj0 = pp.uj(0, false)
	pp.uj1 = pp.uj(1, true)
	for i, sk := range pp.jumps {
		pp.ujL[i], pp.ujR[i] = pp.uj(sk, false), pp.uj(sk, true)
	}
}

// uj returns u_j(z(s)) (right: issues jumping at s on j's side), rounded
// as Party.Utility rounds it.
func (pp *pairProblem) uj(s float64, right bool) float64 {
	loss := 0.0
	for q := range pp.issues {
		p := &pp.issues[q]
		if p.cj != 0 {
			loss += termLoss(p.cj, p.at(s, right)-p.aj, pp.gj)
		}
	}
	return 1 - loss
}

// point writes z(s) into y.
func (pp *pairProblem) point(s float64, right bool, y []float64) {
	for q := range pp.issues {
		y[q] = pp.issues[q].at(s, right)
	}
}

// solve2 maximises u_o over [lo, hi] subject to u_j ≥ t into y; it
// reports false when no point of the box meets the floor.
func (s *solver) solve2(parties []Party, lo, hi []float64, o, j int, t float64, y []float64) bool {
	s.pair.prepare(parties, lo, hi, o, j)
	return s.solvePair(&s.pair, t, y)
}

// solvePair solves a prepared two-party problem for the floor t.
func (s *solver) solvePair(pp *pairProblem, t float64, y []float64) bool {
	if pp.uj0 >= t {
		pp.point(0, false, y)
		return true
	}
	if pp.uj1 < t {
		return false
	}
	a, ua := 0.0, pp.uj0 // u_j(a+) < t
	for i, sk := range pp.jumps {
		if pp.ujR[i] < t {
			a, ua = sk, pp.ujR[i]
			continue
		}
		if pp.ujL[i] >= t {
			// Between jumps g is continuous; with no smooth issue it is
			// constant there (then ujL[i] = ua < t and this is not reached).
			return s.newton2(pp, t, a, sk, ua, pp.ujL[i], y)
		}
		return s.split2(pp, sk, pp.ujL[i]-t, pp.ujR[i]-t, t, y)
	}
	return s.newton2(pp, t, a, 1, ua, pp.uj1, y)
}

// at returns the issue's maximiser for the weight s on j; right selects
// j's side of an LL jump at exactly s.
func (p *pairIssue) at(s float64, right bool) float64 {
	switch p.kind {
	case pairLL:
		if s > p.jump || (s == p.jump && right) {
			return p.zj
		}
		return p.zo
	case pairQQ:
		wo, wj := (1-s)*p.co, s*p.cj
		return clamp((wo*p.ao+wj*p.aj)/(wo+wj), p.lo, p.hi)
	case pairLQ:
		if s <= 0 {
			return p.zo
		}
		d := p.ao - p.aj
		r := (1 - s) * p.co / (2 * s * p.cj)
		if math.Abs(d) <= r {
			return p.zo
		}
		if d > 0 {
			return clamp(p.aj+r, p.lo, p.hi)
		}
		return clamp(p.aj-r, p.lo, p.hi)
	case pairQL:
		if s >= 1 {
			return p.zj
		}
		d := p.aj - p.ao
		r := s * p.cj / (2 * (1 - s) * p.co)
		if math.Abs(d) <= r {
			return p.zj
		}
		if d > 0 {
			return clamp(p.ao+r, p.lo, p.hi)
		}
		return clamp(p.ao-r, p.lo, p.hi)
	}
	return p.zo
}

// slope returns dz/ds at s (0 where z is clamped, saturated or fixed).
func (p *pairIssue) slope(s, z float64) float64 {
	if z <= p.lo || z >= p.hi {
		return 0
	}
	switch p.kind {
	case pairQQ:
		d := (1-s)*p.co + s*p.cj
		return p.co * p.cj * (p.aj - p.ao) / (d * d)
	case pairLQ:
		if z == p.ao || z == p.aj || s <= 0 {
			return 0
		}
		if p.ao > p.aj {
			return -p.co / (2 * p.cj * s * s)
		}
		return p.co / (2 * p.cj * s * s)
	case pairQL:
		if z == p.ao || z == p.aj || s >= 1 {
			return 0
		}
		v := p.cj / (2 * p.co * (1 - s) * (1 - s))
		if p.aj < p.ao {
			return -v
		}
		return v
	}
	return 0
}

// newton2 finds the smallest root of g(s) = u_j(z(s)) − t in the smooth
// piece (a, b), u_j(a+) = ua < t ≤ ub = u_j(b−), by Newton steps on the
// analytic derivative, safeguarded by the bracket (bisection when a step
// leaves it or |g| does not halve). The first point is predicted from the
// last root s₀ of this prepared problem, s₀ + (t − t₀)/g'(s₀), when that lies
// in the bracket (a warm start: the fixed point moves t a little at a
// time), else it is the regula falsi point. It stops
// when the objective's shortfall bound λ_b·g(b), λ_b = b/(1 − b), is below
// solveTol, as the nested solver does, and also g(b) itself (so that the
// responder's value is the floor to 1e-13 too: the fixed point reads it).
func (s *solver) newton2(pp *pairProblem, t, a, b, ua, ub float64, y []float64) bool {
	k := len(pp.issues)
	yb, ym := s.levels[0].yhi[:k], s.levels[0].y[:k]
	ga, gb := ua-t, ub-t
	haveB := false // yb holds z(b)
	m := math.NaN()
	if pp.warmDG > 0 {
		m = pp.warmS + (t-pp.warmT)/pp.warmDG
	}
	if !(m > a && m < b) {
		m = a + (b-a)*(-ga)/(gb-ga)
	}
	prev, dgb := math.Inf(1), 0.0
	for it := 0; it < pairMax; it++ {
		if !(m > a && m < b) {
			m = 0.5 * (a + b)
		}
		if !(m > a && m < b) {
			break // the bracket is one rounding step wide
		}
		g, dg := pp.eval(m, t, ym)
		if g >= 0 {
			b, gb, haveB, dgb = m, g, true, dg
			yb, ym = ym, yb
			if gb <= solveTol && gb*b <= solveTol*(1-b) {
				break
			}
		} else {
			a = m
		}
		// Aim a little above the floor (h, half the stopping tolerance)
		// so that iterates converging from below end on the feasible side.
		h := 0.5 * solveTol * min(1, (1-m)/m)
		next := m - (g-h)/dg
		if !(dg > 0) || math.Abs(g) > 0.5*prev {
			next = 0.5 * (a + b) // no derivative, or too slow: bisect
		}
		prev = math.Abs(g)
		m = next
	}
	if haveB {
		pp.warmS, pp.warmT, pp.warmDG = b, t, dgb
		copy(y, yb)
	} else {
		pp.point(b, b == 1, y)
	}
	return true
}

// eval returns g(s) = u_j(z(s)) − t and g'(s), with z(s) into y (s is not
// a jump).
func (pp *pairProblem) eval(s, t float64, y []float64) (g, dg float64) {
	loss := 0.0
	for q := range pp.issues {
		p := &pp.issues[q]
		z := p.at(s, false)
		y[q] = z
		if p.cj != 0 {
			loss += termLoss(p.cj, z-p.aj, pp.gj)
			if p.kind >= pairQQ {
				dg -= p.cj * slopePow(z-p.aj, pp.gj) * p.slope(s, z)
			}
		}
	}
	return (1 - loss) - t, dg
}

// split2 meets the floor on the jump at sk: every issue jumping there moves
// from o's side towards j's by the share θ = −g₋/(g₊ − g₋) at which u_j,
// affine along the segment, equals t. Rounding may leave the point a hair
// short: θ is nudged up by doubling steps.
func (s *solver) split2(pp *pairProblem, sk, gl, gr, t float64, y []float64) bool {
	k := len(pp.issues)
	ylo, yhi := s.levels[0].ylo[:k], s.levels[0].yhi[:k]
	pp.point(sk, false, ylo)
	pp.point(sk, true, yhi)
	theta, inc := -gl/(gr-gl), 1e-16
	for try := 0; try < 60 && theta < 1; try++ {
		for q := range y {
			y[q] = ylo[q] + theta*(yhi[q]-ylo[q])
		}
		if pp.pj.Utility(y) >= t {
			return true
		}
		theta += inc
		inc *= 2
	}
	copy(y, yhi)
	return true
}

// termLoss is one issue's loss w·|d|^γ, rounded exactly as Party.Utility
// rounds it, so that floors checked here hold there.
func termLoss(w, d, gamma float64) float64 {
	switch gamma {
	case 1:
		return w * math.Abs(d)
	case 2:
		return w * d * d
	}
	return w * math.Pow(math.Abs(d), gamma)
}
