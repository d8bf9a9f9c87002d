package models

import "math"

// refEUM is a frozen copy of the first (pre-optimisation) implementation of
// EUM (commit cff4ebb), kept only as the reference that the optimised model
// must reproduce bit for bit (TestEUMMatchesReference). Do not optimise it.
type refEUM struct {
	S EUMSettings

	n       int
	c, s, x []float64 // capability, salience, position
	r       []float64 // risk exponents
	rng     float64   // position range R (fixed at the start)
	w       []float64 // c·s
	sec     []float64
	next    []float64
	idx     []int
	// Distinct positions: cls[i] indexes vals; cnt counts actors there.
	vals []float64
	cls  []int
	cnt  []float64
	drc  []float64 // n×m: (|x_k − v_c|/R)^r_k
	pc   []float64 // m×m: P(position a beats position b)
	us   []float64 // n×m: U_s for actor h's risk at distance |x_h − v_c|
	uf   []float64 // n×m: U_f likewise
	usq  []float64 // n: U_sq for actor h's risk
	// Logarithms per pair of distinct positions (a, b) at normalised
	// distance d: ln d, ln(½ − ½d), ln(½ + ½d). x^r = exp(r ln x) with
	// these tables replaces most calls to math.Pow (profiled: the hot spot).
	ld, lm, lp []float64
}

// newRefEUM is NewEUM of the reference.
func newRefEUM(n int, s EUMSettings) *refEUM {
	m := &refEUM{S: s, n: n}
	m.c = make([]float64, n)
	m.s = make([]float64, n)
	m.x = make([]float64, n)
	m.r = make([]float64, n)
	m.w = make([]float64, n)
	m.sec = make([]float64, n)
	m.next = make([]float64, n)
	m.idx = make([]int, 0, n)
	m.vals = make([]float64, 0, n)
	m.cls = make([]int, n)
	m.cnt = make([]float64, n)
	m.drc = make([]float64, n*n)
	m.pc = make([]float64, n*n)
	m.us = make([]float64, n*n)
	m.uf = make([]float64, n*n)
	m.usq = make([]float64, n)
	m.ld = make([]float64, n*n)
	m.lm = make([]float64, n*n)
	m.lp = make([]float64, n*n)
	return m
}

// Set loads capabilities, saliences (fractions) and positions; the range
// R = max x − min x is fixed from these positions.
func (m *refEUM) Set(capability, salience, position []float64) {
	copy(m.c, capability)
	copy(m.s, salience)
	copy(m.x, position)
	lo, hi := position[0], position[0]
	for i := range m.n {
		m.r[i] = 1
		m.w[i] = capability[i] * salience[i]
		lo, hi = math.Min(lo, position[i]), math.Max(hi, position[i])
	}
	m.rng = hi - lo
	if m.rng == 0 {
		m.rng = 1
	}
}

// Median is the capability × salience weighted median of the current
// positions: in one dimension with linear utilities the Condorcet winner of
// step 1 of §4.3.
func (m *refEUM) Median() float64 { return WeightedMedian(m.x, m.w, m.idx) }

// Mean is the capability × salience weighted mean of the current positions.
func (m *refEUM) Mean() float64 { return WeightedMean(m.x, m.w) }

// classify groups equal positions: probabilities and utilities depend on
// positions only, and actors often share them.
func (m *refEUM) classify() {
	m.vals = m.vals[:0]
	for i, x := range m.x {
		c := -1
		for v, y := range m.vals {
			if y == x {
				c = v
				break
			}
		}
		if c < 0 {
			c = len(m.vals)
			m.vals = append(m.vals, x)
			m.cnt[c] = 0
		}
		m.cls[i] = c
		m.cnt[c]++
	}
}

// pw is b^r, exact for r = 1.
func refPw(b, r float64) float64 {
	if r == 1 {
		return b
	}
	return math.Pow(b, r)
}

// probabilities fills m.pc with P(a beats b) for distinct positions under
// the current risk exponents: voter k's vote for a over b is
// c_k s_k (d_kb^r_k − d_ka^r_k) with d the normalised distance (Scholz et
// al.'s "compare"); it also refreshes the utility caches of eu.
func (m *refEUM) probabilities() {
	n, nv := m.n, len(m.vals)
	risky := false
	for _, r := range m.r {
		risky = risky || r != 1
	}
	for a, va := range m.vals {
		if !risky { // all exponents 1: no logarithms needed
			break
		}
		for b, vb := range m.vals {
			d := math.Abs(va-vb) / m.rng
			m.ld[a*nv+b] = math.Log(d)
			m.lm[a*nv+b] = math.Log(0.5 - 0.5*d)
			m.lp[a*nv+b] = math.Log(0.5 + 0.5*d)
		}
	}
	for k := range n {
		r, row := m.r[k], m.cls[k]*nv
		for c, v := range m.vals {
			if r == 1 {
				m.drc[k*nv+c] = math.Abs(m.x[k]-v) / m.rng
			} else {
				m.drc[k*nv+c] = math.Exp(r * m.ld[row+c])
			}
		}
	}
	var all float64
	if m.S.Probability == ProbAllPairs {
		// Σ over all ordered pairs of actors' positions of |votes|.
		for k := range n {
			row := m.drc[k*nv : k*nv+nv]
			var s float64
			for a := range nv {
				for b := range a {
					s += m.cnt[a] * m.cnt[b] * math.Abs(row[b]-row[a])
				}
			}
			all += 2 * m.w[k] * s
		}
	}
	for a := range nv {
		for b := range nv {
			if a == b {
				m.pc[a*nv+b] = 0
				continue
			}
			var pos, abs float64
			for k := range n {
				v := m.w[k] * (m.drc[k*nv+b] - m.drc[k*nv+a])
				if v > 0 {
					pos += v
				}
				abs += math.Abs(v)
			}
			den := abs
			if m.S.Probability == ProbAllPairs {
				den = all
			}
			if den > 0 {
				m.pc[a*nv+b] = pos / den
			} else {
				m.pc[a*nv+b] = 0
			}
		}
	}
	for h := range n {
		r, row := m.r[h], m.cls[h]*nv
		m.usq[h] = 2 - 4*refPw(0.5, r)
		for c, v := range m.vals {
			if r == 1 {
				d := math.Abs(m.x[h]-v) / m.rng
				m.us[h*nv+c] = 2 - 4*(0.5-0.5*d)
				m.uf[h*nv+c] = 2 - 4*(0.5+0.5*d)
				continue
			}
			m.us[h*nv+c] = 2 - 4*math.Exp(r*m.lm[row+c])
			m.uf[h*nv+c] = 2 - 4*math.Exp(r*m.lp[row+c])
		}
	}
}

// prob is P(i beats j) under the last probabilities call.
func (m *refEUM) prob(i, j int) float64 { return m.pc[m.cls[i]*len(m.vals)+m.cls[j]] }

// eu is E^h(U_ij), h's estimate of i's expected utility from challenging
// j (§4.3 step 4), with h's risk exponent and median mu. h is i or j (the
// only perspectives the model uses), so the distance |x_i − x_j| is h's
// distance to the other's position, whose utilities are cached.
func (m *refEUM) eu(h, i, j int, mu float64) float64 {
	other := j
	if h == j {
		other = i
	}
	c := h*len(m.vals) + m.cls[other]
	us, uf, usq := m.us[c], m.uf[c], m.usq[h]
	q := m.S.Q
	if q == 0 && !m.S.QSet {
		q = 1
	}
	sal := m.s[j]
	if m.S.Salience == SalienceChallenger {
		sal = m.s[i]
	}
	p := m.prob(i, j)
	e := sal*(p*us+(1-p)*uf) + (1-sal)*us - q*usq
	if q < 1 {
		r := m.r[h]
		dm := (math.Abs(m.x[i]-mu) + math.Abs(m.x[i]-m.x[j])) / m.rng
		ub := 2 - 4*refPw(0.5-0.25*dm, r)
		uw := 2 - 4*refPw(0.5+0.25*dm, r)
		e -= (1 - q) * (m.S.T*ub + (1-m.S.T)*uw)
	}
	return e
}

// Round plays one round: risk exponents from security (§4.3 step 5), then
// every actor's choice among its offers (step 6), all moving at once.
func (m *refEUM) Round() {
	n := m.n
	mu := m.Median()
	if !m.S.KeepRisk {
		for i := range n {
			m.r[i] = 1
		}
	}
	m.classify()
	m.probabilities()
	smin, smax := math.Inf(1), math.Inf(-1)
	for i := range n {
		var s float64
		for j := range n {
			if j == i {
				continue
			}
			view := i
			if m.S.Security == SecurityChallengerView {
				view = j
			}
			s += m.eu(view, j, i, mu)
		}
		m.sec[i] = s
		smin, smax = math.Min(smin, s), math.Max(smax, s)
	}
	for i := range n {
		R := 0.0
		if smax > smin {
			R = (2*m.sec[i] - smax - smin) / (smax - smin)
		}
		m.r[i] = (1 - R/3) / (1 + R/3)
	}
	m.probabilities()
	for i := range n {
		m.next[i] = m.bestOffer(i, mu)
	}
	copy(m.x, m.next)
}

// bestOffer is where actor i moves this round (its own position when it
// has no offer).
func (m *refEUM) bestOffer(i int, mu float64) float64 {
	const (
		none = iota
		capitulation
		compromise
		confrontation
	)
	kind, best, key := none, m.x[i], math.Inf(1)
	for j := range m.n {
		if m.x[j] == m.x[i] {
			continue
		}
		eij := m.eu(i, i, j, mu) // i's gain from challenging j
		eji := m.eu(i, j, i, mu) // j's gain from challenging i, as i sees it
		var k int
		var to, weighted float64
		switch {
		case eji > eij && eij > 0:
			k, to = confrontation, m.x[j] // i expects to lose the fight
		case eji > 0 && eij < 0 && eji > -eij:
			k = compromise
			weighted = (-eij*m.x[i] + eji*m.x[j]) / (eji - eij)
			if m.S.Compromise == CompromiseWeighted {
				to = weighted
			} else {
				to = m.x[i] + (m.x[j]-m.x[i])*(-eij/eji)
			}
		case eji > 0 && eij < 0:
			k, to = capitulation, m.x[j]
		default:
			continue
		}
		move := math.Abs(to - m.x[i])
		if m.S.Offers == OffersLeastMove {
			if move < key {
				kind, best, key = k, to, move
			}
			continue
		}
		kk := move
		if k == compromise {
			kk = weighted
		}
		if k > kind || (k == kind && kk < key) {
			kind, best, key = k, to, kk
		}
	}
	return best
}
