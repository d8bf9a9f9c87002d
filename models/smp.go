package models

import (
	"math"
	"math/rand/v2"
)

// SMP is KTAB's Spatial Model of Politics (Wise, Efird et al., KAPSARC,
// KTAB examples/smp: SMPModel, SMPState::doBCN), re-implemented so that its
// default parameter set reproduces KTAB's `smpc` reference output: the
// turn-by-turn positions and the `prob` lines (state probabilities of each
// actor's position). Positions and saliences are on [0, 1] (KTAB divides
// its 0–100 inputs by 100).
//
// One turn (MODEL.md §4.4):
//  1. Salience-weighted distance from i's ideal to j's position,
//     sd_ij = sqrt(Σ_k (s_ik (x_ik − x_jk))² / Σ_k s_ik²).
//  2. Risk-neutral utilities 1 − sd_ij give, through coalitions
//     c_ij = 1e-8 + Σ_k max(v_k(i:j), 0) with capability-weighted votes
//     and the PCE model, each position's probability p_i; the risk range
//     maps p to risk attitudes R_i (Mid: (3p_i − p_max − 2p_min)/(2(p_max − p_min))).
//  3. Actor h's estimate of i's utility for j's position:
//     u^h_ij = (1 − sd_ij)(1 + sd_ij r^h_i), r^h_i the risk adjustment of R_h, R_i.
//  4. Each actor i challenges the j that maximises its expected gain
//     (SMPState::probEduChlg with third-party votes), and interpolates a
//     bargain; each actor's queue (status quo plus bargains involving it)
//     is resolved by a scalar PCE over the utilities of the resulting
//     states; the chosen bargain is the actor's next position.
//  5. Stop when a turn's change Σ_i ‖x_i(t) − x_i(t−1)‖ is below StopRatio
//     of the first turn's (after at least two turns) or after MaxTurns.
//
// An SMP is built once per input size and reused: Run does not allocate
// beyond the history it returns when the slices are preallocated.
type SMP struct {
	P SMPParams

	n, d    int
	cap     []float64 // capability w_i
	sal     []float64 // n×d saliences
	salSum  []float64 // Σ_k s_ik
	pos     []float64 // n×d current positions
	ideal   []float64 // n×d ideals
	acc     []float64 // n×n accommodation, nil = identity
	newPos  []float64 // n×d
	vDiff   []float64 // n×n
	nra     []float64 // n risk attitudes
	util    []float64 // n×n scratch utilities
	aUtil   []float64 // n×n×n: aUtil[h*n*n+i*n+j] = u^h_ij
	coal    []float64 // scratch coalitions, m×m
	vp      []float64 // scratch victory probabilities, m×m
	pce     []float64 // scratch probabilities, m
	pceQ    []float64 // scratch for the Markov models, m
	chlg    []float64 // scratch challenge probabilities, m×m
	uniq    []int     // indices of distinct positions
	class   []int     // class[i] = index into uniq of i's position
	uim     []float64 // n × maxQueue utilities of bargains
	queue   [][]int   // per actor: bargain indices, -1 = status quo
	bInit   []int     // per bargain: initiator
	bRcvr   []int     // per bargain: receiver
	bPosI   []float64 // per bargain: position for the initiator (d)
	bPosR   []float64 // per bargain: position for the receiver (d)
	scratch []float64 // 2d scratch for bargains
	first   []float64 // n×d state 0 of a run
	prev    []float64 // n×d previous state
}

// NewSMP prepares a model for n actors on d dimensions.
func NewSMP(n, d int, p SMPParams) *SMP {
	m := &SMP{P: p}
	m.resize(n, d)
	return m
}

func (m *SMP) resize(n, d int) {
	if n == m.n && d == m.d && m.cap != nil {
		return
	}
	m.n, m.d = n, d
	mq := 2*n + 1 // largest queue: status quo, own bargains (2 under InitRcvr), challengers' (2 each)
	if mq < n {
		mq = n
	}
	nq := 2*n + 1
	m.cap = make([]float64, n)
	m.sal = make([]float64, n*d)
	m.salSum = make([]float64, n)
	m.pos = make([]float64, n*d)
	m.ideal = make([]float64, n*d)
	m.newPos = make([]float64, n*d)
	m.vDiff = make([]float64, n*n)
	m.nra = make([]float64, n)
	m.util = make([]float64, n*n)
	m.aUtil = make([]float64, n*n*n)
	m.coal = make([]float64, mq*mq)
	m.vp = make([]float64, mq*mq)
	m.chlg = make([]float64, mq*mq)
	m.pce = make([]float64, mq)
	m.pceQ = make([]float64, mq)
	m.uniq = make([]int, 0, n)
	m.class = make([]int, n)
	m.uim = make([]float64, n*nq)
	m.queue = make([][]int, n)
	for i := range m.queue {
		m.queue[i] = make([]int, 0, nq)
	}
	m.bInit = make([]int, 0, 2*n)
	m.bRcvr = make([]int, 0, 2*n)
	m.bPosI = make([]float64, 0, 2*n*d)
	m.bPosR = make([]float64, 0, 2*n*d)
	m.scratch = make([]float64, 4*d)
	m.first = make([]float64, n*d)
	m.prev = make([]float64, n*d)
}

// SMPHistory is the record of a run: States[t] holds the n×d positions
// (actor-major) and Prob[t] each actor's position probability of state t
// (KTAB's `prob` line: the probability of the distinct position the actor
// holds, so actors sharing a position show the same number).
type SMPHistory struct {
	Positions [][]float64
	Prob      [][]float64
}

// Set loads capabilities, n×d positions and saliences (all on [0, 1]) and
// an optional n×n accommodation matrix (nil: identity, ideals track
// positions; KTAB's IdealAdjustment).
func (m *SMP) Set(capability, pos, sal, acc []float64) {
	n := len(capability)
	d := len(pos) / n
	m.resize(n, d)
	copy(m.cap, capability)
	copy(m.pos, pos)
	copy(m.ideal, pos)
	copy(m.sal, sal)
	for i := range n {
		var s float64
		for k := range d {
			s += sal[i*d+k]
		}
		m.salSum[i] = s
	}
	m.acc = nil
	if acc != nil {
		m.acc = acc
	}
}

// Run plays turns until the stop rule (SMPModel::configExec: at least 2
// turns, then a change below StopRatio of the first; at most MaxTurns) and
// appends each state to h (state 0 is the input). rng is used only by
// stochastic state transitions.
func (m *SMP) Run(rng *rand.Rand, h *SMPHistory) {
	maxTurns := m.P.MaxTurns
	if maxTurns <= 0 {
		maxTurns = 100
	}
	ratio := m.P.StopRatio
	if ratio <= 0 {
		ratio = 0.02
	}
	const minSigDelta = 1e-4 // guards 0/0 in the ratio (KTAB configExec)
	n, d := m.n, m.d
	first, prev := m.first, m.prev
	copy(first, m.pos) // state 0, for the first turn's change
	var d01 float64
	m.setup()
	m.record(h)
	for iter := 1; ; iter++ {
		copy(prev, m.pos)
		m.turn(rng)
		m.setup()
		m.record(h)
		if iter == 1 {
			d01 = stateDist(first, m.pos, n, d) + minSigDelta
		}
		dxy := stateDist(prev, m.pos, n, d)
		if iter >= maxTurns || (iter >= 2 && dxy/d01 < ratio) {
			return
		}
	}
}

// stateDist is Σ_i ‖a_i − b_i‖ (SMPModel::stateDist).
func stateDist(a, b []float64, n, d int) float64 {
	var s float64
	for i := range n {
		var q float64
		for k := range d {
			x := a[i*d+k] - b[i*d+k]
			q += x * x
		}
		s += math.Sqrt(q)
	}
	return s
}

func (m *SMP) record(h *SMPHistory) {
	if h == nil {
		return
	}
	pos := make([]float64, len(m.pos))
	copy(pos, m.pos)
	prob := make([]float64, m.n)
	m.StateProb(prob)
	h.Positions = append(h.Positions, pos)
	h.Prob = append(h.Prob, prob)
}

// bvDiff is the salience-weighted distance between a and b for salience s
// (SMPModel::bvDiff).
func bvDiff(a, b, s []float64) float64 {
	var ds, ss float64
	for k := range a {
		x := (a[k] - b[k]) * s[k]
		ds += x * x
		ss += s[k] * s[k]
	}
	if ss == 0 {
		return 0
	}
	return math.Sqrt(ds / ss)
}

// bsUtil is the risk-aware utility of distance sd for risk attitude R
// (SMPModel::bsUtil): (1 − sd)(1 + sd R), with sd capped at 1 in the
// second factor.
func bsUtil(sd, r float64) float64 {
	if sd <= 1 {
		return (1 - sd) * (1 + sd*r)
	}
	return (1 - sd) * (1 + r)
}

// vote is actor k's vote for option 1 over option 2 with weight w
// (KBase::Model::vote).
func vote(vr VotingRule, w, u1, u2 float64) float64 {
	du := u1 - u2
	bin := math.Max(-1, math.Min(1, du/1e-8))
	switch vr {
	case VRBinary:
		return w * bin
	case VRPropBin:
		return w * (0.8*du + 0.2*bin)
	case VRPropCbc:
		return w * (0.5*du + 0.5*du*du*du)
	case VRCubic:
		return w * du * du * du
	case VRASymProsp:
		if du < 0 {
			return w * du
		}
		return 2 * w * du / 3
	default:
		return w * du
	}
}

// victoryProb returns P[1 beats 2] from coalition strengths
// (KBase::Model::vProb).
func victoryProb(vpm VictoryProbModel, s1, s2 float64) float64 {
	var x1, x2 float64
	switch vpm {
	case VPSquare:
		x1, x2 = s1*s1, s2*s2
	case VPQuartic:
		x1, x2 = s1*s1*s1*s1, s2*s2*s2*s2
	case VPOctic:
		x1, x2 = s1*s1*s1*s1, s2*s2*s2*s2
		x1, x2 = x1*x1, x2*x2
	case VPBinary:
		const thresh, minX = 1.10, 1e-6
		switch {
		case s1 >= thresh*s2:
			x1, x2 = 1, minX
		case s2 >= thresh*s1:
			x1, x2 = minX, 1
		default:
			r := s1 / (s1 + s2)
			x1 = (r*(thresh+1) - 1) / (thresh - 1)
			x2 = 1 - x1
		}
	default:
		x1, x2 = s1, s2
	}
	return x1 / (x1 + x2)
}

// scalarPCE computes the probabilities p[0:no] of no options from the
// na×no utilities u (row-major, actor-major) with actor weights w
// (KBase::Model::scalarPCE: coalitions with minimum strength 1e-8, victory
// probabilities, then the PCE model).
func (m *SMP) scalarPCE(na, no int, w, u []float64, vr VotingRule, p []float64) {
	c := m.coal[:no*no]
	for i := range no {
		for j := range i {
			cij, cji := 1e-8, 1e-8
			for k := range na {
				v := vote(vr, w[k], u[k*no+i], u[k*no+j])
				if v > 0 {
					cij += v
				} else if v < 0 {
					cji -= v
				}
			}
			c[i*no+j], c[j*no+i] = cij, cji
		}
		c[i*no+i] = 1e-8
	}
	m.probCE(no, p)
}

// probCE turns the coalition matrix in m.coal into option probabilities
// (KBase::Model::probCE2).
func (m *SMP) probCE(no int, p []float64) {
	c, vp := m.coal[:no*no], m.vp[:no*no]
	for i := range no {
		for j := range i {
			pij := victoryProb(m.P.VictoryProb, c[i*no+j], c[j*no+i])
			vp[i*no+j], vp[j*no+i] = pij, 1-pij
		}
		vp[i*no+i] = 0.5
	}
	switch m.P.PCE {
	case PCEMarkovUniform:
		m.markovUniform(no, p)
	case PCEMarkovIncentive:
		m.markovIncentive(no, p)
	default:
		// Conditional: p_i ∝ Π_j P_ij, the probability that i beats all
		// others, conditioned on one option doing so (Model::condPCE).
		var sum float64
		for i := range no {
			pi := 1.0
			for j := range no {
				pi *= vp[i*no+j]
			}
			p[i] = pi
			sum += pi
		}
		for i := range no {
			p[i] /= sum
		}
	}
}

// markovUniform is Model::markovUniformPCE: challenges uniform over options.
func (m *SMP) markovUniform(no int, p []float64) {
	vp, q := m.vp[:no*no], m.pceQ[:no]
	for i := range no {
		p[i] = 1 / float64(no)
	}
	for iter := 0; iter < 1000; iter++ {
		change := 0.0
		for i := range no {
			var s float64
			for j := range no {
				s += vp[i*no+j] * (p[i] + p[j])
			}
			q[i] = s / float64(no)
			change = math.Max(change, math.Abs(q[i]-p[i]))
		}
		for i := range no {
			p[i] = (p[i] + q[i]) / 2
		}
		if change <= 1e-6 {
			return
		}
	}
}

// markovIncentive is Model::markovIncentivePCE: challenges in proportion
// to the incentive c_ij P_ij.
func (m *SMP) markovIncentive(no int, p []float64) {
	c, vp, q, cp := m.coal[:no*no], m.vp[:no*no], m.pceQ[:no], m.chlg[:no*no]
	for j := range no {
		var s float64
		for k := range no {
			s += c[k*no+j]*vp[k*no+j] + boolf(k == j)*1e-10
		}
		for i := range no {
			cp[i*no+j] = (c[i*no+j]*vp[i*no+j] + boolf(i == j)*1e-10) / s
		}
	}
	for i := range no {
		p[i] = 1 / float64(no)
	}
	for iter := 0; iter < 1000; iter++ {
		change := 0.0
		for i := range no {
			var s float64
			for j := range no {
				s += vp[i*no+j] * (p[i]*cp[j*no+i] + p[j]*cp[i*no+j])
			}
			q[i] = s
			change = math.Max(change, math.Abs(q[i]-p[i]))
		}
		for i := range no {
			p[i] = (p[i] + q[i]) / 2
		}
		if change <= 1e-8 {
			return
		}
	}
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// setup computes, for the current state, the distances, the inferred risk
// attitudes and every actor's estimate of every utility
// (SMPState::setAllAUtil).
func (m *SMP) setup() {
	n, d := m.n, m.d
	for i := range n {
		for j := range n {
			m.vDiff[i*n+j] = bvDiff(m.ideal[i*d:i*d+d], m.pos[j*d:j*d+d], m.sal[i*d:i*d+d])
			m.util[i*n+j] = 1 - m.vDiff[i*n+j] // risk neutral
		}
	}
	// Coalitions over all n positions with capability-weighted votes.
	c := m.coal[:n*n]
	for i := range n {
		for j := range i {
			cij, cji := 1e-8, 1e-8
			for k := range n {
				v := vote(m.P.Voting, m.cap[k], m.util[k*n+i], m.util[k*n+j])
				if v > 0 {
					cij += v
				} else if v < 0 {
					cji -= v
				}
			}
			c[i*n+j], c[j*n+i] = cij, cji
		}
		c[i*n+i] = 1e-8
	}
	p := m.pce[:n]
	m.probCE(n, p)
	pMin, pMax := 1.0, 0.0
	for _, pi := range p {
		pMin, pMax = math.Min(pMin, pi), math.Max(pMax, pi)
	}
	for i, pi := range p {
		r := 0.0
		if pMax > pMin {
			switch m.P.RiskRange {
			case RRangeMin:
				r = (pi - pMin) / (pMax - pMin)
			case RRangeMax:
				r = (2*pi - (pMax + pMin)) / (pMax - pMin)
			default:
				r = (3*pi - (pMax + 2*pMin)) / (2 * (pMax - pMin))
			}
		}
		m.nra[i] = r
	}
	for h := range n {
		rh := m.nra[h]
		for i := range n {
			rhi := estNRA(rh, m.nra[i], m.P.RiskAdjust)
			row := m.aUtil[h*n*n+i*n : h*n*n+i*n+n]
			for j := range n {
				row[j] = bsUtil(m.vDiff[i*n+j], rhi)
			}
		}
	}
}

// estNRA is h's estimate of i's risk attitude (Model::estNRA).
func estNRA(rh, ri float64, ra BigRAdjust) float64 {
	switch ra {
	case RAdjFull:
		return ri
	case RAdjTwoThirds:
		return (rh + 2*ri) / 3
	case RAdjHalf:
		return (rh + ri) / 2
	case RAdjNo:
		return rh
	default:
		return (2*rh + ri) / 3
	}
}

// setUnique groups equal positions (‖x_i − x_j‖ < 1e-3, SMPModel::posTol).
func (m *SMP) setUnique() {
	n, d := m.n, m.d
	m.uniq = m.uniq[:0]
	for i := range n {
		m.class[i] = -1
		for u, j := range m.uniq {
			var q float64
			for k := range d {
				x := m.pos[i*d+k] - m.pos[j*d+k]
				q += x * x
			}
			if math.Sqrt(q) < 1e-3 {
				m.class[i] = u
				break
			}
		}
		if m.class[i] < 0 {
			m.class[i] = len(m.uniq)
			m.uniq = append(m.uniq, i)
		}
	}
}

// StateProb writes into prob[i] the probability of actor i's position in
// the current state (SMPState::pDist(-1) and State::posProb): a scalar PCE
// over the distinct positions, with capability weights, proportional
// voting and each actor's own utilities u^i_ij.
func (m *SMP) StateProb(prob []float64) {
	n := m.n
	m.setUnique()
	nu := len(m.uniq)
	u := m.uim[:n*nu]
	for i := range n {
		for c, j := range m.uniq {
			u[i*nu+c] = m.aUtil[i*n*n+i*n+j]
		}
	}
	p := m.pce[:nu]
	m.scalarPCE(n, nu, m.cap, u, VRProportional, p)
	for i := range n {
		prob[i] = p[m.class[i]]
	}
}

// UniqueProb returns the distinct positions' representatives and their
// probabilities in the current state (valid until the next call).
func (m *SMP) UniqueProb() (reps []int, p []float64) {
	prob := m.newPos[:m.n] // scratch: StateProb fills m.pce
	m.StateProb(prob)
	return m.uniq, m.pce[:len(m.uniq)]
}

// Position returns actor i's current position (valid until the next turn).
func (m *SMP) Position(i int) []float64 { return m.pos[i*m.d : i*m.d+m.d] }

// probEduChlg is h's estimate of the probability that i beats j and of the
// expected gain to k of i challenging j, compared with the status quo
// (SMPState::probEduChlg).
func (m *SMP) probEduChlg(h, k, i, j int) (float64, float64) {
	n := m.n
	au := m.aUtil[h*n*n : h*n*n+n*n]
	vr := m.P.Voting
	uii, uij, uji, ujj := au[i*n+i], au[i*n+j], au[j*n+i], au[j*n+j]
	euSQ := au[k*n+i] + au[k*n+j]
	uhkij := au[k*n+i] + au[k*n+i]
	uhkji := au[k*n+j] + au[k*n+j]
	si, sj := m.salSum[i], m.salSum[j]
	const minCltn = 1e-10
	chij, chji := minCltn, minCltn
	ci := vote(vr, si*m.cap[i], uii, uij)
	cj := vote(vr, sj*m.cap[j], uji, ujj)
	for _, v := range [2]float64{ci, cj} {
		if v > 0 {
			chij += v
		} else if v < 0 {
			chji -= v
		}
	}
	ciij, cjij := chij, chji // the principals' contributions
	for nn := range n {
		if nn == i || nn == j {
			continue
		}
		wn := m.salSum[nn] * m.cap[nn]
		uni, unj, unn := au[nn*n+i], au[nn*n+j], au[nn*n+nn]
		// The third party's "little conflict" estimate (Actor::vProbLittle).
		cn := vote(vr, wn, uni, unj)
		cni, cnj := ciij, cjij
		if cn > 0 {
			cni += cn
		} else if cn < 0 {
			cnj -= cn
		}
		pin := cni / (cni + cnj)
		pjn := 1 - pin
		// Its vote given how it values joining a side (thirdPartyVoteSU).
		var uikJ, ujIK, uiJK, ujkI float64
		switch m.P.ThirdParty {
		case TPFullCommit:
			uikJ, ujIK, uiJK, ujkI = 3*uni, 3*unj, 3*uni, 3*unj
		case TPNoCommit:
			uikJ, ujIK, uiJK, ujkI = 2*uni+unn, 2*unj+unn, 2*uni+unn, 2*unj+unn
		default:
			uikJ, ujIK, uiJK, ujkI = 2*uni+unn, 3*unj, 3*uni, 2*unj+unn
		}
		v := vote(vr, wn, pin*uikJ+pjn*ujIK, pin*uiJK+pjn*ujkI)
		if v > 0 {
			chij += v
		} else if v < 0 {
			chji -= v
		}
	}
	phij := chij / (chij + chji)
	euChlg := (1-sj)*uhkij + sj*(phij*uhkij+(1-phij)*uhkji)
	return phij, euChlg - euSQ
}

// interp interpolates the bargain between i at ti and j at tj with
// probabilities pi, pj into bi, bj (SMPActor::interpolateBrgn).
func (m *SMP) interp(i, j int, pi, pj float64, bi, bj []float64) {
	d := m.d
	ti, tj := m.pos[i*d:i*d+d], m.pos[j*d:j*d+d]
	for k := range d {
		sik, sjk := m.sal[i*d+k], m.sal[j*d+k]
		switch m.P.Interp {
		case IVBS2PMax:
			di := math.Max(0, pj-pi)
			dj := math.Max(0, pi-pj)
			const minW = 1e-6
			dik := di * sjk * sjk / (di*sjk*sjk + minW + (1-di)*sik*sik)
			djk := dj * sik * sik / (dj*sik*sik + minW + (1-dj)*sjk*sjk)
			bi[k] = ti[k] + dik*(tj[k]-ti[k])
			bj[k] = tj[k] + djk*(ti[k]-tj[k])
		default:
			var wi, wj float64
			if m.P.Interp == IVBS1P1 {
				wi, wj = sik*pi, sjk*pj
			} else {
				wi, wj = sik*sik*pi*pi, sjk*sjk*pj*pj
			}
			// The asymmetric 1e-6 and the rounding to 4 decimals are KTAB's
			// (interpBrgnSnPm): they avoid 0/0 and spurious precision.
			const minW = 1e-6
			bi[k] = round4(((wi+minW)*ti[k] + wj*tj[k]) / (wi + minW + wj))
			bj[k] = round4((wi*ti[k] + (minW+wj)*tj[k]) / (wi + minW + wj))
		}
	}
}

func round4(x float64) float64 { return float64(int(0.5+x*1e4)) / 1e4 }

// addBargain records a bargain and returns its index.
func (m *SMP) addBargain(i, j int, bi, bj []float64) int {
	m.bInit = append(m.bInit, i)
	m.bRcvr = append(m.bRcvr, j)
	m.bPosI = append(m.bPosI, bi...)
	m.bPosR = append(m.bPosR, bj...)
	return len(m.bInit) - 1
}

// turn plays one turn of challenges, bargains and queue resolution
// (SMPState::doBCN) and moves every actor to its chosen bargain.
func (m *SMP) turn(rng *rand.Rand) {
	n, d := m.n, m.d
	m.bInit, m.bRcvr, m.bPosI, m.bPosR = m.bInit[:0], m.bRcvr[:0], m.bPosI[:0], m.bPosR[:0]
	for k := range n {
		m.queue[k] = append(m.queue[k][:0], -1)
	}
	bi, bj := m.scratch[:d], m.scratch[d:2*d]
	ci, cj := m.scratch[2*d:3*d], m.scratch[3*d:4*d]
	for i := range n {
		// The most advantageous target (SMPState::bestChallenge): the
		// largest expected gain above 1e-5, first j on ties.
		best, pBest, euBest := -1, 0.0, -1.0
		for j := range n {
			if j == i {
				continue
			}
			p, edu := m.probEduChlg(i, i, i, j)
			if edu > 1e-5 && edu > euBest {
				best, pBest, euBest = j, p, edu
			}
		}
		if best < 0 {
			continue
		}
		j := best
		m.interp(i, j, pBest, 1-pBest, bi, bj)
		switch m.P.Bargain {
		case BMInitRcvrInterp, BMPWCompInterp:
			// KTAB passes j's estimate of the *gain* to i as the
			// probability here (get<1> of probEduChlg); we follow it so the
			// switch reproduces KTAB.
			_, pj := m.probEduChlg(j, i, i, j)
			m.interp(i, j, pj, 1-pj, ci, cj)
			if m.P.Bargain == BMInitRcvrInterp {
				b1 := m.addBargain(i, j, bi, bj)
				b2 := m.addBargain(i, j, ci, cj)
				m.queue[i] = append(m.queue[i], b1, b2)
				m.queue[j] = append(m.queue[j], b1, b2)
				continue
			}
			// Power-weighted compromise; KTAB weighs the receiver's view
			// with the initiator's capability (scj = brgnJIJ->actInit).
			wi := m.cap[i] * m.salSum[i]
			wj := m.cap[i] * m.salSum[j]
			for k := range d {
				bi[k] = (wi*bi[k] + wj*ci[k]) / (wi + wj)
				bj[k] = (wi*bj[k] + wj*cj[k]) / (wi + wj)
			}
		}
		b := m.addBargain(i, j, bi, bj)
		m.queue[i] = append(m.queue[i], b)
		m.queue[j] = append(m.queue[j], b)
	}
	for k := range n {
		q := m.queue[k]
		nb := len(q)
		u := m.uim[:n*nb]
		for a := range n {
			own := m.aUtil[a*n*n+a*n : a*n*n+a*n+n] // a's utility of each position
			for c, b := range q {
				var s float64
				if b < 0 {
					for x := range n {
						s += own[x]
					}
				} else {
					ini, rcv := m.bInit[b], m.bRcvr[b]
					s = m.posUtil(a, m.bPosI[b*d:b*d+d]) + m.posUtil(a, m.bPosR[b*d:b*d+d])
					for x := range n {
						if x != ini && x != rcv {
							s += own[x]
						}
					}
				}
				u[a*nb+c] = s / float64(n)
			}
		}
		p := m.pce[:nb]
		m.scalarPCE(n, nb, m.cap, u, m.P.Voting, p)
		choice := 0
		if m.P.Transitions == STStochastic {
			r := rng.Float64()
			for c := range nb {
				r -= p[c]
				choice = c
				if r < 0 {
					break
				}
			}
		} else {
			for c := 1; c < nb; c++ {
				if math.Abs(p[c]) > math.Abs(p[choice]) {
					choice = c
				}
			}
		}
		dst := m.newPos[k*d : k*d+d]
		switch b := q[choice]; {
		case b < 0:
			copy(dst, m.pos[k*d:k*d+d])
		case m.bInit[b] == k:
			copy(dst, m.bPosI[b*d:b*d+d])
		default:
			copy(dst, m.bPosR[b*d:b*d+d])
		}
	}
	copy(m.pos, m.newPos)
	// New ideals: ideal_i ← Σ_j a_ij x_j + (1 − Σ_j a_ij) ideal_i
	// (SMPState::newIdeals); identity accommodation makes ideals positions.
	if m.acc == nil {
		copy(m.ideal, m.pos)
		return
	}
	for i := range n {
		var si float64
		for k := range d {
			m.newPos[i*d+k] = 0
		}
		for j := range n {
			a := m.acc[i*n+j]
			si += a
			for k := range d {
				m.newPos[i*d+k] += a * m.pos[j*d+k]
			}
		}
		lag := 1 - math.Min(si, 1)
		for k := range d {
			m.ideal[i*d+k] = m.newPos[i*d+k] + lag*m.ideal[i*d+k]
		}
	}
}

// posUtil is a's utility of position x, from its current position and
// risk attitude (SMPActor::posUtil).
func (m *SMP) posUtil(a int, x []float64) float64 {
	d := m.d
	return bsUtil(bvDiff(m.pos[a*d:a*d+d], x, m.sal[a*d:a*d+d]), m.nra[a])
}
