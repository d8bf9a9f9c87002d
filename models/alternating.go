package models

import (
	"math"
	"math/rand/v2"
)

// acceptTol is the slack a responder grants when comparing an offer with its
// threshold: the proposer's solver meets floors to rounding, not better.
const acceptTol = 1e-12

// Fixed-point settings of the equilibrium thresholds.
const (
	fixTol   = 1e-12 // max |T(W) − W|
	fixIters = 400
)

// Alternating is the protocol `alternating` (MODEL.md §4.1): alternating
// offers with discounting, breakdown risk and misperception.
//
// Equilibrium. Let W_ij be party j's value at the start of a round in which
// i proposes. After a failed round the unit breaks down with probability p
// (j gets d_j) or goes on to the next proposer, so the stationary
// subgame-perfect threshold of j when i proposes is
//
//	v_ij = (1 − p)·δ_j·E_next|i[W_next,j] + p·d_j
//
// with next = i+1 (mod n) under Rotate and E_next = Σ_k π_k W_kj,
// π_k = power_k / Σ power, under Power (Baron & Ferejohn 1989). Proposer i
// offers y_i = argmax u_i s.t. u_j(y_i) ≥ v_ij for every responder j over
// the true feasible box; then W_ij = u_j(y_i). When no such offer exists,
// or the proposer's own continuation v_ii beats it, the round fails in
// equilibrium and W_ij = v_ij. The fixed point W = T(W) is found by
// Anderson-accelerated iteration to |T(W) − W| < 1e-12. Two parties with
// linear utilities over one issue reproduce Rubinstein (1982) and, with
// δ = 1 and breakdown, Binmore, Rubinstein & Wolinsky (1986).
//
// Play. Proposer i believes j's threshold is v_ij + ε_ij, ε_ij ~ N(0, σ)
// drawn in Start, and offers over its believed box (BelievedBox). A
// responder accepts iff the offer crosses none of its firm red lines and
// gives it at least v_ij − τ (τ = Unit.Tolerance). A rejection shrinks
// ε_ij by (1 − Learning); a rejection caused by a firm line reveals it.
// Without τ an error ε_ij < 0 shrinks but never changes sign, so a
// proposer that underestimates j stays below j's threshold; with τ > 0 the
// offer is accepted once |ε_ij| ≤ τ.
type Alternating struct {
	_        cacheLinePad // no false sharing with another worker's instance
	sol      solver
	acc      anderson
	n, k     int
	w, tw, g []float64 // W, T(W), T(W) − W, n×n row-major by proposer
	v        []float64 // v[i*n+j]: true threshold of j when i proposes
	eps      []float64 // eps[i*n+j]: i's error about j's threshold
	pi       []float64 // recognition probabilities under Power
	lo, hi   []float64 // the true feasible box
	blo, bhi []float64 // a proposer's believed box
	feasible bool
	y        []float64
	resp     []int
	thr      []float64
	offer    []float64
	round    Round
	// Two parties with linear or quadratic losses: the proposers' problems
	// over the true box, prepared once per Reprice (only the floors change
	// between fixed-point steps).
	pairs     [2]pairProblem
	pairReady bool
	noGuess   bool // tests: start from the plain initial W (no pairGuess)

	// Iterations is the number of fixed-point steps of the last Start or
	// Reprice (a diagnostic for docs and benchmarks), counting each
	// evaluation of the two-party scalar equation as one.
	Iterations int
	_          cacheLinePad
}

// NewAlternating returns the protocol `alternating`.
func NewAlternating() *Alternating { return &Alternating{} }

func (a *Alternating) size(u *Unit) {
	n, k := len(u.Parties), u.Issues
	if n == a.n && k == a.k && a.w != nil {
		return
	}
	a.n, a.k = n, k
	a.sol.size(max(n, 1), k)
	a.acc.size(n * n)
	a.w, a.tw, a.g = mkPad[float64](n*n), mkPad[float64](n*n), mkPad[float64](n*n)
	a.v, a.eps = mkPad[float64](n*n), mkPad[float64](n*n)
	a.pi, a.thr = mkPad[float64](n), mkPad[float64](n)
	a.resp = mkPad[int](0, n)
	a.lo, a.hi, a.blo, a.bhi = mkPad[float64](k), mkPad[float64](k), mkPad[float64](k), mkPad[float64](k)
	a.y, a.offer = mkPad[float64](k), mkPad[float64](k)
	a.round.Responses = mkPad[Response](0, n)
}

// Start draws the run's misperception errors, ε_ij = σ·N(0,1) for each
// proposer i and responder j ≠ i in file order (i outer), and computes the
// equilibrium thresholds.
func (a *Alternating) Start(u *Unit, rng *rand.Rand) {
	a.size(u)
	for i := 0; i < a.n; i++ {
		for j := 0; j < a.n; j++ {
			a.eps[i*a.n+j] = 0
			if j != i {
				a.eps[i*a.n+j] = u.Noise * rng.NormFloat64()
			}
		}
	}
	a.Reprice(u)
}

// Reprice recomputes the equilibrium thresholds from the unit's current
// parameters; the misperception errors are kept.
func (a *Alternating) Reprice(u *Unit) {
	a.size(u)
	n := a.n
	if n == 0 {
		return
	}
	total := 0.0
	for i := range u.Parties {
		total += math.Max(u.Parties[i].Power, 0)
	}
	for i := range u.Parties {
		if total > 0 {
			a.pi[i] = math.Max(u.Parties[i].Power, 0) / total
		} else {
			a.pi[i] = 1 / float64(n)
		}
	}
	a.feasible = FeasibleBox(u, a.lo, a.hi)
	a.pairReady = a.feasible && n == 2 && pairOK(&u.Parties[0], &u.Parties[1])
	if a.pairReady {
		a.pairs[0].prepare(u.Parties, a.lo, a.hi, 0, 1)
		a.pairs[1].prepare(u.Parties, a.lo, a.hi, 1, 0)
	}
	// Start from "each proposer gets its way subject to nothing".
	for i := 0; i < n; i++ {
		if a.feasible {
			a.sol.solve(u.Parties, a.lo, a.hi, i, a.resp[:0], a.thr, a.y)
		}
		for j := 0; j < n; j++ {
			if a.feasible {
				a.w[i*n+j] = u.Parties[j].Utility(a.y)
			} else {
				a.w[i*n+j] = u.Parties[j].Reservation
			}
		}
	}
	a.Iterations = 0
	if a.pairReady && u.Proposer == Rotate && !a.noGuess {
		a.pairGuess(u)
	}
	a.acc.reset()
	best := math.Inf(1)
	for it := 0; it < fixIters; it++ {
		a.Iterations++
		a.step(u, a.w, a.tw)
		res := 0.0
		for i := range a.w {
			a.g[i] = a.tw[i] - a.w[i]
			res = max(res, math.Abs(a.g[i]))
		}
		if res < fixTol || math.IsNaN(res) {
			copy(a.w, a.tw)
			break
		}
		if res > 4*best {
			// The map jumped (a proposer switched between dealing and
			// delaying): restart acceleration from a plain step.
			a.acc.reset()
			copy(a.w, a.tw)
			continue
		}
		best = min(best, res)
		a.acc.next(a.w, a.g)
		for i := range a.w {
			a.w[i] = clamp(a.w[i], 0, 1)
		}
	}
	a.thresholds(u, a.w)
}

// pairGuess replaces the starting W by the fixed point of the two-party
// rotating game in which both proposers deal, found as a scalar equation:
// with x = v_01 (party 1's threshold when 0 proposes) and c_j = (1 − p)δ_j,
//
//	v_10 = c_0·u_0(y_0(x)) + p·d_0,   x = c_1·u_1(y_1(v_10)) + p·d_1,
//
// y_i(t) the proposer's best offer leaving the other t. The right-hand
// side G(x) is non-decreasing in x with slope c_0c_1 times the frontier
// slopes, so h(x) = G(x) − x is solved by the secant method (exact after
// one step on an affine piece: linear utilities). The guess is only a
// starting point: the general iteration that follows checks it (one step
// when it is the fixed point) and takes over when a proposer would rather
// delay or a floor cannot be met. Each evaluation counts as an iteration.
func (a *Alternating) pairGuess(u *Unit) {
	p := u.Breakdown
	P0, P1 := &u.Parties[0], &u.Parties[1]
	c0, c1 := (1-p)*P0.Patience, (1-p)*P1.Patience
	var w [4]float64
	G := func(x float64) (float64, bool) {
		a.Iterations++
		if !a.sol.solvePair(&a.pairs[0], x, a.y) {
			return 0, false
		}
		w[0], w[1] = P0.Utility(a.y), P1.Utility(a.y)
		if !a.sol.solvePair(&a.pairs[1], c0*w[0]+p*P0.Reservation, a.y) {
			return 0, false
		}
		w[2], w[3] = P0.Utility(a.y), P1.Utility(a.y)
		return c1*w[3] + p*P1.Reservation, true
	}
	x0 := c1*a.w[3] + p*P1.Reservation
	g0, ok := G(x0)
	if !ok {
		return
	}
	h0 := g0 - x0
	x1 := g0
	for it := 0; it < 30; it++ {
		g1, ok := G(x1)
		if !ok {
			return
		}
		h1 := g1 - x1
		if math.Abs(h1) < fixTol/4 {
			break
		}
		next := x1 - h1*(x1-x0)/(h1-h0)
		if !(next >= 0 && next <= 1) {
			next = g1 // a plain step when the secant leaves [0, 1]
		}
		x0, h0, x1 = x1, h1, next
	}
	copy(a.w, w[:])
}

// thresholds fills v from W (the equation in the type's comment).
func (a *Alternating) thresholds(u *Unit, w []float64) {
	n, p := a.n, u.Breakdown
	for j := 0; j < n; j++ {
		pj := &u.Parties[j]
		power := 0.0
		if u.Proposer == Power {
			for k := 0; k < n; k++ {
				power += a.pi[k] * w[k*n+j]
			}
		}
		for i := 0; i < n; i++ {
			next := power
			if u.Proposer != Power {
				next = w[((i+1)%n)*n+j]
			}
			a.v[i*n+j] = (1-p)*pj.Patience*next + p*pj.Reservation
		}
	}
}

// step computes tw = T(w).
func (a *Alternating) step(u *Unit, w, tw []float64) {
	n := a.n
	a.thresholds(u, w)
	for i := 0; i < n; i++ {
		row, v := tw[i*n:(i+1)*n], a.v[i*n:(i+1)*n]
		var ok bool
		switch {
		case a.pairReady:
			ok = a.sol.solvePair(&a.pairs[i], v[1-i], a.y)
		case a.feasible:
			ok = a.solveFor(u, i, a.lo, a.hi, v)
		}
		if ok && u.Parties[i].Utility(a.y) >= v[i]-acceptTol {
			for j := range row {
				row[j] = u.Parties[j].Utility(a.y)
			}
		} else {
			copy(row, v)
		}
	}
}

// solveFor puts into a.y proposer i's best offer over [lo, hi] meeting the
// floors thr[j] of every other party.
func (a *Alternating) solveFor(u *Unit, i int, lo, hi, thr []float64) bool {
	a.resp = a.resp[:0]
	for j := 0; j < a.n; j++ {
		if j != i {
			a.resp = append(a.resp, j)
		}
	}
	return a.sol.solve(u.Parties, lo, hi, i, a.resp, thr, a.y)
}

// Threshold returns v_ij, party j's true equilibrium threshold when party i
// proposes (for i == j, i's own continuation value).
func (a *Alternating) Threshold(i, j int) float64 { return a.v[i*a.n+j] }

// Value returns W_ij, party j's equilibrium value at the start of a round
// in which party i proposes.
func (a *Alternating) Value(i, j int) float64 { return a.w[i*a.n+j] }

// Misperception returns ε_ij, proposer i's current error about j's
// threshold.
func (a *Alternating) Misperception(i, j int) float64 { return a.eps[i*a.n+j] }

// proposer picks the proposer of round t: file order under Rotate; under
// Power one draw from rng with probability ∝ power.
func (a *Alternating) proposer(u *Unit, t int, rng *rand.Rand) int {
	if u.Proposer != Power {
		return t % a.n
	}
	r := rng.Float64()
	cum := 0.0
	for i, p := range a.pi {
		cum += p
		if r < cum {
			return i
		}
	}
	return a.n - 1
}

// Play plays round t. The proposer offers its best point against the
// believed thresholds over its believed box. When even those floors cannot
// all be met it offers the point of least common shortfall (solver
// fallback). When the best offer would leave the proposer below its own
// continuation value it demands its own best point instead (in equilibrium
// it would rather delay). With no believed-feasible point it makes no offer.
func (a *Alternating) Play(u *Unit, t int, rng *rand.Rand) *Round {
	a.size(u)
	r := &a.round
	r.Offer = a.offer[:a.k]
	r.Responses = r.Responses[:0]
	r.NoOffer, r.Agreed, r.ProposerUtility = false, false, 0
	r.Proposer = -1
	if a.n == 0 {
		r.NoOffer = true
		return r
	}
	i := a.proposer(u, t, rng)
	r.Proposer = i
	if !BelievedBox(u, i, a.blo, a.bhi) {
		r.NoOffer = true
		return r
	}
	n := a.n
	for j := 0; j < n; j++ {
		a.thr[j] = a.v[i*n+j] + a.eps[i*n+j]
	}
	pi := &u.Parties[i]
	if !a.solveFor(u, i, a.blo, a.bhi, a.thr) {
		a.sol.fallback(u.Parties, a.blo, a.bhi, i, a.resp, a.thr, a.y)
	}
	if pi.Utility(a.y) < a.v[i*n+i]-acceptTol {
		a.sol.solve(u.Parties, a.blo, a.bhi, i, a.resp[:0], a.thr, a.y)
	}
	copy(r.Offer, a.y)
	r.ProposerUtility = pi.Utility(r.Offer)
	r.Agreed = true
	for j := 0; j < n; j++ {
		if j == i {
			continue
		}
		resp := respond(u, j, r.Offer, a.v[i*n+j])
		resp.Believed = a.thr[j]
		if !resp.Accept {
			r.Agreed = false
			a.eps[i*n+j] *= 1 - u.Learning
		}
		r.Responses = append(r.Responses, resp)
	}
	return r
}

// respond is party j's answer to an offer (MODEL.md §3, §4), shared by
// every protocol: it rejects an offer crossing one of its firm red lines,
// which the rejection reveals, or giving it less than its threshold minus
// the unit's acceptance tolerance τ (Unit.Tolerance; docs/model.md
// "misperception"); otherwise it accepts.
func respond(u *Unit, j int, offer []float64, threshold float64) Response {
	pj := &u.Parties[j]
	resp := Response{Party: j, Utility: pj.Utility(offer), Threshold: threshold, RedLine: -1, Accept: true}
	tol := acceptTol
	if u.Tolerance > 0 {
		tol += u.Tolerance
	}
	if line, crosses := pj.Crosses(offer); crosses {
		resp.Accept, resp.Reason, resp.RedLine = false, RejectRedLine, line
		pj.Reveal(line)
	} else if resp.Utility < threshold-tol {
		resp.Accept, resp.Reason = false, RejectThreshold
	}
	return resp
}
