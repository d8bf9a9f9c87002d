package models

import (
	"math"
	"math/rand/v2"
)

// Nash is the protocol `nash` (MODEL.md §4.2): a mediated single text. The
// mediator (or a neutral proposer when none is present) proposes, over the
// box it believes feasible (BelievedBox with no lines of its own),
//
//   - NashSolution: argmax Π_j (u_j(z) − d̂_j)^{w_j} (Nash 1950; weighted,
//     w_j = power_j / Σ power, or equal with Unit.EqualWeights);
//   - KalaiSmorodinsky: the Pareto point on the segment from d̂ to the
//     utopia point U, U_j = max u_j s.t. u_k ≥ d̂_k for the others (Kalai &
//     Smorodinsky 1975), i.e. max τ s.t. u_j ≥ d̂_j + τ(U_j − d̂_j) for all j,
//
// where d̂_j = d_j + ε_j is the mediator's belief about party j's
// disagreement value, ε_j ~ N(0, σ) drawn once per run in file order; ε_j
// shrinks by (1 − Learning) after each rejection by j. A party accepts iff
// the text crosses none of its firm red lines (a rejection reveals the line)
// and u_j ≥ d_j − τ (true d_j; τ = Unit.Tolerance).
//
// When no point gives every party more than its believed d̂_j, the mediator
// proposes the point of least common shortfall, max τ s.t. u_j ≥ d̂_j + τ
// for all j (τ < 0), so that parties can answer and it can learn. With no
// believed-feasible point at all it makes no offer.
//
// Two parties are solved exactly along the Pareto frontier of weighted sums
// (1−s)u_A + s·u_B: the Nash point is where the weights are proportional
// to w_j/(u_j − d̂_j), the Kalai–Smorodinsky point where the normalised
// gains are equal; both conditions are monotone in s, and a jump of the
// frontier (linear utilities) is resolved on the segment between its ends.
// With three or more parties the Nash point is found by cyclic coordinate
// ascent over the parties' utility floors (golden section in each
// coordinate, the constrained solver inside), accurate to about 1e-8 and
// much slower; the Kalai–Smorodinsky point by bisection on τ.
type Nash struct {
	_         cacheLinePad // no false sharing with another worker's instance
	sol       solver
	n, k      int
	eps       []float64 // ε_j
	dhat      []float64 // d̂_j
	w         []float64 // normalised weights
	scale     []float64 // KS: U − d̂; least shortfall: 1
	thr       []float64
	resp      []int
	lo, hi    []float64
	y, ya     []float64
	yb, ybest []float64
	offer     []float64
	round     Round
	dirty     bool // the proposal must be recomputed
	noOffer   bool
	product   float64
	_         cacheLinePad
}

// NewNash returns the protocol `nash`.
func NewNash() *Nash { return &Nash{} }

func (m *Nash) size(u *Unit) {
	n, k := len(u.Parties), u.Issues
	if n == m.n && k == m.k && m.eps != nil {
		return
	}
	m.n, m.k = n, k
	m.sol.size(max(n, 1), k)
	m.eps, m.dhat, m.w = mkPad[float64](n), mkPad[float64](n), mkPad[float64](n)
	m.scale, m.thr = mkPad[float64](n), mkPad[float64](n)
	m.resp = mkPad[int](0, n)
	m.lo, m.hi = mkPad[float64](k), mkPad[float64](k)
	m.y, m.ya, m.yb, m.ybest = mkPad[float64](k), mkPad[float64](k), mkPad[float64](k), mkPad[float64](k)
	m.offer = mkPad[float64](k)
	m.round.Responses = mkPad[Response](0, n)
}

// Start draws ε_j = σ·N(0,1) for each party in file order.
func (m *Nash) Start(u *Unit, rng *rand.Rand) {
	m.size(u)
	for j := range m.eps {
		m.eps[j] = u.Noise * rng.NormFloat64()
	}
	m.Reprice(u)
}

// Reprice marks the proposal stale; it is recomputed at the next Play from
// the unit's current parameters.
func (m *Nash) Reprice(u *Unit) {
	m.size(u)
	m.dirty = true
}

// Misperception returns ε_j, the mediator's current error about party j's
// disagreement value.
func (m *Nash) Misperception(j int) float64 { return m.eps[j] }

// Play proposes the mediator's text and collects the answers.
func (m *Nash) Play(u *Unit, t int, rng *rand.Rand) *Round {
	m.size(u)
	r := &m.round
	r.Proposer = -1
	r.Offer = m.offer[:m.k]
	r.Responses = r.Responses[:0]
	r.NoOffer, r.Agreed = false, false
	if m.dirty || !m.boxUnchanged(u) {
		m.propose(u)
		m.dirty = false
	}
	r.ProposerUtility = m.product
	if m.noOffer || m.n == 0 {
		r.NoOffer = true
		return r
	}
	r.Agreed = true
	for j := 0; j < m.n; j++ {
		resp := respond(u, j, r.Offer, u.Parties[j].Reservation)
		resp.Believed = m.dhat[j]
		if !resp.Accept {
			r.Agreed = false
			m.eps[j] *= 1 - u.Learning
			m.dirty = true
		}
		r.Responses = append(r.Responses, resp)
	}
	return r
}

// boxUnchanged reports whether the believed box is still the one the
// proposal was computed for (a shock may reveal a line without Reprice).
func (m *Nash) boxUnchanged(u *Unit) bool {
	lo, hi := m.ya, m.yb // scratch
	if !BelievedBox(u, -1, lo, hi) {
		return m.noOffer
	}
	for k := 0; k < m.k; k++ {
		if lo[k] != m.lo[k] || hi[k] != m.hi[k] {
			return false
		}
	}
	return !m.noOffer
}

// propose computes the mediator's text into m.offer.
func (m *Nash) propose(u *Unit) {
	n := m.n
	m.noOffer = n == 0 || !BelievedBox(u, -1, m.lo, m.hi)
	if m.noOffer {
		return
	}
	total := 0.0
	for j := 0; j < n; j++ {
		m.dhat[j] = u.Parties[j].Reservation + m.eps[j]
		m.w[j] = 1
		if !u.EqualWeights {
			m.w[j] = math.Max(u.Parties[j].Power, 0)
		}
		total += m.w[j]
	}
	for j := range m.w {
		if total > 0 {
			m.w[j] /= total
		} else {
			m.w[j] = 1 / float64(n)
		}
	}
	ok := false
	switch {
	case n == 1:
		m.sol.solve(u.Parties, m.lo, m.hi, 0, m.resp[:0], m.thr, m.y)
		ok = u.Parties[0].Utility(m.y) > m.dhat[0]
	case u.Solution == KalaiSmorodinsky:
		ok = m.utopia(u) && m.gainPoint(u, 0, 1)
	case n == 2:
		ok = m.frontier2(u, true)
	default:
		ok = m.nashN(u)
	}
	if !ok {
		// Least common shortfall: max τ with u_j ≥ d̂_j + τ for all j.
		for j := range m.scale {
			m.scale[j] = 1
		}
		m.gainPoint(u, -2, 1)
	}
	copy(m.offer, m.y)
	m.product = 1
	for j := 0; j < n; j++ {
		m.product *= math.Pow(math.Max(u.Parties[j].Utility(m.offer)-m.dhat[j], 0), m.w[j])
	}
}

// utopia sets scale_j = U_j − d̂_j and reports whether every party can get
// more than d̂_j while the others get theirs.
func (m *Nash) utopia(u *Unit) bool {
	for j := 0; j < m.n; j++ {
		m.resp = m.resp[:0]
		for k := 0; k < m.n; k++ {
			if k != j {
				m.resp = append(m.resp, k)
			}
		}
		if !m.sol.solve(u.Parties, m.lo, m.hi, j, m.resp, m.dhat, m.y) {
			return false
		}
		m.scale[j] = u.Parties[j].Utility(m.y) - m.dhat[j]
		if m.scale[j] <= 0 {
			return false
		}
	}
	return true
}

// gainPoint puts into m.y the point maximising τ subject to
// u_j ≥ d̂_j + τ·scale_j for all j, τ ∈ [lo, hi] (Kalai–Smorodinsky with
// scale = U − d̂; least common shortfall with scale = 1). It reports whether
// τ > 0, i.e. every party gains.
func (m *Nash) gainPoint(u *Unit, lo, hi float64) bool {
	if m.n == 2 {
		return m.frontier2(u, false)
	}
	m.resp = m.resp[:0]
	for k := 1; k < m.n; k++ {
		m.resp = append(m.resp, k)
	}
	feasible := func(tau float64) bool {
		for j := range m.thr {
			m.thr[j] = m.dhat[j] + tau*m.scale[j]
		}
		return m.sol.solve(u.Parties, m.lo, m.hi, 0, m.resp, m.thr, m.y) &&
			u.Parties[0].Utility(m.y) >= m.thr[0]
	}
	if !feasible(lo) {
		return false
	}
	for it := 0; it < 60 && hi-lo > 1e-13; it++ {
		mid := 0.5 * (lo + hi)
		if feasible(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	feasible(lo)
	return lo > 0
}

// frontier2 finds, for two parties, the Nash point (nash) or the equal
// normalised gain point (gains (u_j − d̂_j)/scale_j equal) on the Pareto
// frontier y(s) = argmax (1−s)u_A + s·u_B. Both conditions c(s) decrease in
// s; a jump of y(s) is resolved on the segment between its two sides,
// along which the frontier is a straight line.
func (m *Nash) frontier2(u *Unit, nash bool) bool {
	A, B := &u.Parties[0], &u.Parties[1]
	crit := func(s float64, y []float64) float64 {
		ga, gb := A.Utility(y)-m.dhat[0], B.Utility(y)-m.dhat[1]
		if !nash {
			return ga/m.scale[0] - gb/m.scale[1]
		}
		switch {
		case gb <= 0:
			return 1
		case ga <= 0:
			return -1
		}
		return (1-s)*m.w[1]*ga - s*m.w[0]*gb
	}
	m.sol.parties, m.sol.lo, m.sol.hi, m.sol.obj = u.Parties, m.lo, m.hi, 0
	// With linear or quadratic losses the frontier point has the two-party
	// solver's closed form per issue (solver2.go).
	pair := pairOK(A, B)
	if pair {
		m.sol.pair.prepare(u.Parties, m.lo, m.hi, 0, 1)
	}
	at := func(s float64, y []float64) {
		if pair {
			m.sol.pair.point(s, s == 1, y)
			return
		}
		wa, wb := 1-s, s
		if s == 0 {
			wb = 1e-12
		} else if s == 1 {
			wa = 1e-12
		}
		for i := range m.sol.omega {
			m.sol.omega[i] = 0
		}
		m.sol.omega[0], m.sol.omega[1] = wa, wb
		m.sol.argmax(m.sol.omega, y)
	}
	a, b := 0.0, 1.0
	at(a, m.ya)
	at(b, m.yb)
	ca, cb := crit(a, m.ya), crit(b, m.yb)
	switch {
	case ca <= 0:
		copy(m.y, m.ya)
	case cb >= 0:
		copy(m.y, m.yb)
	default:
		for it := 0; it < 200; it++ {
			s := 0.5 * (a + b)
			if !(s > a && s < b) {
				break
			}
			at(s, m.y)
			if c := crit(s, m.y); c > 0 {
				a, ca = s, c
				m.ya, m.y = m.y, m.ya
			} else {
				b, cb = s, c
				m.yb, m.y = m.y, m.yb
			}
			if ca == 0 || cb == 0 {
				break
			}
		}
		// On the segment from y(a) to y(b) the criterion at the jump's σ
		// decreases in θ (u_B rises, u_A falls); bisect for its root.
		s := 0.5 * (a + b)
		lo, hi := 0.0, 1.0
		// Both utilities are affine along the segment, so the criterion is
		// too while both gains are positive: try its root first.
		copy(m.y, m.ya)
		c0 := crit(s, m.y)
		copy(m.y, m.yb)
		c1 := crit(s, m.y)
		if c0 > 0 && c1 < 0 {
			th := c0 / (c0 - c1)
			for k := range m.y {
				m.y[k] = m.ya[k] + th*(m.yb[k]-m.ya[k])
			}
			if c := crit(s, m.y); math.Abs(c) <= 1e-14 {
				lo, hi = th, th // accepted: the bisection below is skipped
			}
		}
		for it := 0; it < 100 && hi-lo > 1e-16; it++ {
			th := 0.5 * (lo + hi)
			for k := range m.y {
				m.y[k] = m.ya[k] + th*(m.yb[k]-m.ya[k])
			}
			if crit(s, m.y) > 0 {
				lo = th
			} else {
				hi = th
			}
		}
		th := 0.5 * (lo + hi)
		for k := range m.y {
			m.y[k] = m.ya[k] + th*(m.yb[k]-m.ya[k])
		}
	}
	return A.Utility(m.y) > m.dhat[0] && B.Utility(m.y) > m.dhat[1]
}

// nashN maximises Σ_j w_j log(u_j − d̂_j) for three or more parties by
// cyclic coordinate ascent over the floors t_j of parties 1..n−1, with
// party 0's utility the solver's optimum F(t); N is concave in t when the
// utilities are concave.
func (m *Nash) nashN(u *Unit) bool {
	if !m.utopia(u) {
		return false
	}
	// Start from the Kalai–Smorodinsky point's floors.
	if !m.gainPoint(u, 0, 1) {
		return false
	}
	for j := 0; j < m.n; j++ {
		m.thr[j] = u.Parties[j].Utility(m.y)
	}
	m.resp = m.resp[:0]
	for k := 1; k < m.n; k++ {
		m.resp = append(m.resp, k)
	}
	value := func() float64 {
		if !m.sol.solve(u.Parties, m.lo, m.hi, 0, m.resp, m.thr, m.y) {
			return math.Inf(-1)
		}
		v := m.w[0] * math.Log(math.Max(u.Parties[0].Utility(m.y)-m.dhat[0], 0))
		for j := 1; j < m.n; j++ {
			v += m.w[j] * math.Log(math.Max(m.thr[j]-m.dhat[j], 0))
		}
		return v
	}
	best := value()
	copy(m.ybest, m.y)
	for sweep := 0; sweep < 30; sweep++ {
		start := best
		for j := 1; j < m.n; j++ {
			f := func(x float64) float64 { m.thr[j] = x; return -value() }
			x, v := golden(f, m.dhat[j], m.dhat[j]+m.scale[j])
			if -v >= best {
				best = -v
				m.thr[j] = x
				value()
				copy(m.ybest, m.y)
			} else {
				m.thr[j] = u.Parties[j].Utility(m.ybest)
			}
		}
		if best-start < 1e-13 {
			break
		}
	}
	copy(m.y, m.ybest)
	for j := 0; j < m.n; j++ {
		if u.Parties[j].Utility(m.y) <= m.dhat[j] {
			return false
		}
	}
	return true
}
