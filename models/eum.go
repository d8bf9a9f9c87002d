package models

import "math"

// EUM is Bueno de Mesquita's expected-utility model as replicated by
// Scholz, Calbert & Smith (2011, J. Theoretical Politics 23:510–531),
// on one issue (MODEL.md §4.3). Each round every actor re-estimates its
// risk exponent from its security, evaluates every other actor's challenge
// and its own, classifies each pair (confrontation, compromise,
// capitulation) and takes one offer; all actors move at once.
//
// The paper leaves several choices open; each is a field of EUMSettings
// with the replication's choice as the zero value (docs/spatial.md).
type EUM struct {
	S EUMSettings

	n       int
	c, s, x []float64 // capability, salience, position
	r       []float64 // risk exponents
	rng     float64   // position range R (fixed at the start)
	w       []float64 // c·s
	sec     []float64
	next    []float64
	idx     []int // actors sorted by (position, index), kept between rounds
	// Distinct positions: cls[i] indexes vals; cnt counts actors there.
	vals []float64
	cls  []int
	cnt  []float64
	// drc is m×n, class-major: drc[c·n+k] = (|x_k − v_c|/R)^r_k, so the
	// voters' loop over k reads contiguous memory.
	drc []float64
	pc  []float64 // m×m: P(position a beats position b)
	us  []float64 // n×m: U_s for actor h's risk at distance |x_h − v_c|
	uf  []float64 // n×m: U_f likewise
	usq []float64 // n: U_sq for actor h's risk
	// Per pair of distinct positions (a, b), symmetric: the normalised
	// distance d and ln d, ln(½ − ½d), ln(½ + ½d). x^r = exp(r ln x) with
	// these tables replaces most calls to math.Pow (profiled: the hot spot).
	dd, ld, lm, lp []float64
	// The previous risky pass's positions and logarithm tables: a pair of
	// positions that persists into the next round keeps its logarithms
	// (most actors do not move in a round). logsOK is false after Set.
	pvals         []float64
	pld, plm, plp []float64
	omap          []int // class → its index in pvals, or −1
	logsOK        bool
	rows          []float64 // n×m: voter k's d^r over the classes
	skv           []float64 // n: s_k per voter
	todo          []int     // voters whose s_k is computed
	cc            []float64 // m×m: cnt_a·cnt_b
	// sk is the all-pairs vote sum of one voter per class (r = 1 pass).
	sk []float64
	q  float64 // effective Q of this round (Q, or 1 when unset)
}

// EUMProbability is how the probability that i beats j is normalised.
type EUMProbability int

// Probability conventions.
const (
	// ProbAllPairs divides i's support against j by the absolute votes
	// summed over all pairs of positions, as Scholz et al.'s code does.
	ProbAllPairs EUMProbability = iota
	// ProbPairwise divides by the absolute votes on the pair (i, j) only,
	// so P(i beats j) + P(j beats i) = 1 (Bueno de Mesquita 1994).
	ProbPairwise
)

// EUMSalience says whose salience weighs resistance in E(U_ij).
type EUMSalience int

// Salience conventions.
const (
	SalienceTarget     EUMSalience = iota // s_j: the challenged actor resists with its salience (replication)
	SalienceChallenger                    // s_i
)

// EUMSecurity says from whose perspective the challenges entering an
// actor's security are evaluated (the "superscript" of E^j(U_ji)).
type EUMSecurity int

// Security conventions.
const (
	SecurityOwnView        EUMSecurity = iota // Σ_j E^i(U_ji): i's view (replication code)
	SecurityChallengerView                    // Σ_j E^j(U_ji): each challenger's view
)

// EUMCompromise is where an actor who compromises moves.
type EUMCompromise int

// Compromise rules.
const (
	// CompromiseRatio: i moves from x_i toward x_j by the fraction
	// |E^i(U_ij)| / E^i(U_ji) (replication).
	CompromiseRatio EUMCompromise = iota
	// CompromiseWeighted: i moves to (|E_ij| x_i + |E_ji| x_j)/(|E_ij| + |E_ji|).
	CompromiseWeighted
)

// EUMOffers is how an actor picks one of the offers it receives.
type EUMOffers int

// Offer-selection rules.
const (
	// OffersScholz: a lost confrontation first (the one moving it least),
	// else the compromise with the smallest weighted position, else the
	// capitulation moving it least (the replication's code).
	OffersScholz EUMOffers = iota
	// OffersLeastMove: the offer that moves it least, whatever its kind
	// (the paper's text).
	OffersLeastMove
)

// EUMSettings are the model's constants and ambiguity switches.
type EUMSettings struct {
	Q float64 // probability the status quo persists if i does not challenge; 0 means 1
	T float64 // probability the median moves toward i; used only when Q < 1
	// QSet makes Q = 0 meaningful (Q is taken as given when QSet is true).
	QSet        bool
	Probability EUMProbability
	Salience    EUMSalience
	Security    EUMSecurity
	Compromise  EUMCompromise
	Offers      EUMOffers
	// KeepRisk carries each actor's risk exponent into the next round's
	// security computation; the replication resets every r to 1 first.
	KeepRisk bool
}

// NewEUM prepares a model for n actors.
func NewEUM(n int, s EUMSettings) *EUM {
	m := &EUM{S: s, n: n}
	m.c = make([]float64, n)
	m.s = make([]float64, n)
	m.x = make([]float64, n)
	m.r = make([]float64, n)
	m.w = make([]float64, n)
	m.sec = make([]float64, n)
	m.next = make([]float64, n)
	m.idx = make([]int, n)
	m.vals = make([]float64, 0, n)
	m.cls = make([]int, n)
	m.cnt = make([]float64, n)
	m.drc = make([]float64, n*n)
	m.pc = make([]float64, n*n)
	m.us = make([]float64, n*n)
	m.uf = make([]float64, n*n)
	m.usq = make([]float64, n)
	m.dd = make([]float64, n*n)
	m.sk = make([]float64, n)
	m.ld = make([]float64, n*n)
	m.lm = make([]float64, n*n)
	m.lp = make([]float64, n*n)
	m.pld = make([]float64, n*n)
	m.plm = make([]float64, n*n)
	m.plp = make([]float64, n*n)
	m.pvals = make([]float64, 0, n)
	m.omap = make([]int, n)
	m.rows = make([]float64, n*n)
	m.skv = make([]float64, n)
	m.todo = make([]int, 0, n)
	m.cc = make([]float64, n*n)
	return m
}

// Set loads capabilities, saliences (fractions) and positions; the range
// R = max x − min x is fixed from these positions.
func (m *EUM) Set(capability, salience, position []float64) {
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
	m.logsOK = false // the logarithm tables depend on the range
	for i := range m.n {
		m.idx[i] = i
	}
	if m.rng == 0 {
		m.rng = 1
	}
}

// Positions returns the current positions (valid until the next round).
func (m *EUM) Positions() []float64 { return m.x }

// Median is the capability × salience weighted median of the current
// positions: in one dimension with linear utilities the Condorcet winner of
// step 1 of §4.3.
//
// It equals WeightedMedian(x, w) bit for bit (TestEUMMedian) but keeps the
// sorted order from one round to the next: positions change little between
// rounds, so the insertion sort has almost nothing to do. Sorting by
// (position, index) gives the order of WeightedMedian's stable sort, so the
// weights are accumulated in the same order.
func (m *EUM) Median() float64 {
	x, w, idx := m.x[:m.n], m.w[:m.n], m.idx[:m.n]
	var total float64
	for i, xi := range x {
		if xi != xi { // NaN: no order to keep
			return WeightedMedian(x, w, nil)
		}
		total += w[i]
	}
	for a := 1; a < len(idx); a++ {
		for b := a; b > 0; b-- {
			p, q := idx[b-1], idx[b]
			if x[q] < x[p] || x[q] == x[p] && q < p {
				idx[b-1], idx[b] = q, p
				continue
			}
			break
		}
	}
	if len(idx) == 0 {
		return 0
	}
	return medianOfSorted(x, w, idx, total)
}

// Mean is the capability × salience weighted mean of the current positions.
func (m *EUM) Mean() float64 { return WeightedMean(m.x, m.w) }

// classify groups equal positions: probabilities and utilities depend on
// positions only, and actors often share them.
func (m *EUM) classify() {
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
	// Normalised distances between the distinct positions, shared by both
	// probability passes of a round (|a − b| = |b − a|: computed once).
	nv := len(m.vals)
	dd := m.dd[:nv*nv]
	for a, va := range m.vals {
		dd[a*nv+a] = 0
		for b := a + 1; b < nv; b++ {
			d := math.Abs(va-m.vals[b]) / m.rng
			dd[a*nv+b], dd[b*nv+a] = d, d
		}
	}
}

// pw is b^r, exact for r = 1.
func pw(b, r float64) float64 {
	if r == 1 {
		return b
	}
	return math.Pow(b, r)
}

// ln½ is math.Log(0.5), the value math.Pow(0.5, ·) uses.
var lnHalf = math.Log(0.5)

// pwHalf is math.Pow(0.5, r), bit for bit, without Pow's general case
// analysis (profiled: a tenth of a Monte Carlo draw). For finite r > 0,
// Go's Pow splits r = yi + yf (Modf, then yf ∈ (−½, ½]), computes
// a = exp(yf·ln ½) and scales it by ½^yi through exact multiplications by ½
// and Ldexp; for r = ½ it returns Sqrt(½). We do the same with Floor (equal
// to Modf's integer part for r > 0; r − ⌊r⌋ is exact) and one
// multiplication by the power of two 2^−yi, exact because a ∈ (0.7, 1.5)
// and yi < 64 keep the result normal. Other r go to math.Pow. TestPwHalf
// checks the identity on a sweep of exponents.
func pwHalf(r float64) float64 {
	switch {
	case r == 1:
		return 0.5
	case r == 0.5:
		return math.Sqrt(0.5)
	case !(r > 0 && r < 64): // also NaN
		return math.Pow(0.5, r)
	}
	yi := math.Floor(r)
	yf := r - yi
	if yf > 0.5 {
		yf--
		yi++
	}
	a := 1.0
	if yf != 0 {
		a = math.Exp(yf * lnHalf)
	}
	return a * math.Float64frombits(uint64(1023-int(yi))<<52)
}

// probabilities fills m.pc with P(a beats b) for distinct positions under
// the current risk exponents: voter k's vote for a over b is
// c_k s_k (d_kb^r_k − d_ka^r_k) with d the normalised distance (Scholz et
// al.'s "compare"); it also refreshes the utility caches of eu.
//
// The work is arranged for speed without changing a bit of the result
// (TestEUMMatchesReference): distances and logarithms are computed once per
// unordered pair of positions (|a − b| = |b − a| exactly); the vote on (b, a)
// is the exact negation of the vote on (a, b), so one pass over the voters
// gives both P(a beats b) and P(b beats a); d^r = 0 at distance 0 (r > 0)
// and U_s = U_f there, so those exponentials are skipped; with every
// exponent 1 (the first pass of each round) no logarithm or exponential is
// taken and the all-pairs vote sum is computed once per position; the
// logarithms of a pair of positions are kept from one round to the next.
//
// offers says the pass feeds only the offers (bestOffer), which never read
// an actor's utilities at its own position (it skips j at i's position):
// those are then not computed.
func (m *EUM) probabilities(offers bool) {
	n, nv := m.n, len(m.vals)
	risky := false
	for _, r := range m.r {
		risky = risky || r != 1
	}
	dd := m.dd[:nv*nv] // from classify
	if risky {
		m.logTables(dd)
	}
	// drc[c·n+k] = d_kc^r_k, and with the all-pairs normalisation the
	// denominator Σ_k 2 w_k s_k, s_k = Σ_{b<a} cnt_a cnt_b |d_kb^r − d_ka^r|
	// (Σ over all ordered pairs of actors' positions of |votes|), from the
	// voter's row as it is made; voters at one position with r = 1 share s_k.
	allPairs := m.S.Probability == ProbAllPairs
	cc := m.cc[:nv*nv]
	if allPairs {
		for a := range nv {
			m.sk[a] = math.NaN()
			for b := range a {
				cc[a*nv+b] = m.cnt[a] * m.cnt[b]
			}
		}
	}
	drc := m.drc[:nv*n]
	rows := m.rows[:n*nv] // voter-major copy of drc
	for k := range n {
		r, own := m.r[k], m.cls[k]
		row := rows[k*nv : k*nv+nv]
		if r == 1 {
			copy(row, dd[own*nv:own*nv+nv])
		} else {
			ld := m.ld[own*nv : own*nv+nv]
			expRow(row[:own], ld[:own], r, 0, 1)
			expRow(row[own+1:], ld[own+1:], r, 0, 1)
			row[own] = 0 // exp(r·ln 0)
			if !(r > 0) {
				row[own] = math.Exp(r * ld[own])
			}
		}
		for c, v := range row {
			drc[c*n+k] = v
		}
	}
	var all float64
	if allPairs {
		// s_k for every voter that needs its own (r ≠ 1, or the first
		// voter at its position), two voters at a time: each sum keeps its
		// order, and the two independent chains of additions overlap.
		sk := m.skv[:n]
		todo := m.todo[:0]
		for k := range n {
			if m.r[k] != 1 {
				todo = append(todo, k)
			} else if own := m.cls[k]; math.IsNaN(m.sk[own]) {
				m.sk[own] = 0 // claimed; filled below
				todo = append(todo, k)
			}
		}
		for t := 0; t < len(todo); t += 2 {
			k0, k1 := todo[t], todo[t]
			if t+1 < len(todo) {
				k1 = todo[t+1]
			}
			r0, r1 := rows[k0*nv:k0*nv+nv], rows[k1*nv:k1*nv+nv]
			var s0, s1 float64
			for a := range nv {
				a0, a1, ca := r0[a], r1[a], cc[a*nv:a*nv+a]
				for b, c := range ca {
					s0 += c * math.Abs(r0[b]-a0)
					s1 += c * math.Abs(r1[b]-a1)
				}
			}
			sk[k0], sk[k1] = s0, s1
			if m.r[k0] == 1 {
				m.sk[m.cls[k0]] = s0
			}
			if m.r[k1] == 1 {
				m.sk[m.cls[k1]] = s1
			}
		}
		for k := range n {
			s := sk[k]
			if m.r[k] == 1 {
				s = m.sk[m.cls[k]]
			}
			all += 2 * m.w[k] * s
		}
	}
	w := m.w[:n]
	pc := m.pc[:nv*nv]
	for a := range nv {
		pc[a*nv+a] = 0
		ra := drc[a*n : a*n+n]
		b0 := a + 1
		if m.S.Probability == ProbAllPairs && all > 0 {
			// Two pairs (a, b), (a, b+1) at a time: four independent sums,
			// each in voter order, so the additions overlap.
			for ; b0+1 < nv; b0 += 2 {
				rb, rc := drc[b0*n:b0*n+n], drc[(b0+1)*n:(b0+1)*n+n]
				var pos, neg, pos1, neg1 float64
				for k, wk := range w {
					p, q := splitSign(wk * (rb[k] - ra[k]))
					p1, q1 := splitSign(wk * (rc[k] - ra[k]))
					pos += p
					neg += q
					pos1 += p1
					neg1 += q1
				}
				pc[a*nv+b0], pc[b0*nv+a] = pos/all, neg/all
				pc[a*nv+b0+1], pc[(b0+1)*nv+a] = pos1/all, neg1/all
			}
		}
		for b := b0; b < nv; b++ {
			rb := drc[b*n : b*n+n]
			// v_k = w_k (d_kb − d_ka) is voter k's vote for a over b; the
			// vote for b over a is exactly −v_k. Support for a sums the
			// positive votes, support for b the negated negative ones.
			var pos, neg, den float64
			if m.S.Probability == ProbAllPairs {
				for k, wk := range w {
					p, q := splitSign(wk * (rb[k] - ra[k]))
					pos += p
					neg += q
				}
				den = all
			} else {
				for k, wk := range w {
					v := wk * (rb[k] - ra[k])
					p, q := splitSign(v)
					pos += p
					neg += q
					den += math.Abs(v)
				}
			}
			if den > 0 {
				pc[a*nv+b], pc[b*nv+a] = pos/den, neg/den
			} else {
				pc[a*nv+b], pc[b*nv+a] = 0, 0
			}
		}
	}
	for h := range n {
		r, own := m.r[h], m.cls[h]
		us, uf := m.us[h*nv:h*nv+nv], m.uf[h*nv:h*nv+nv]
		m.usq[h] = 2 - 4*pwHalf(r)
		if r == 1 {
			for c, d := range dd[own*nv : own*nv+nv] {
				us[c] = 2 - 4*(0.5-0.5*d)
				uf[c] = 2 - 4*(0.5+0.5*d)
			}
			continue
		}
		// U_s = 2 − 4(½ − ½d)^r, U_f = 2 − 4(½ + ½d)^r.
		lm, lp := m.lm[own*nv:own*nv+nv], m.lp[own*nv:own*nv+nv]
		expRow(us[:own], lm[:own], r, 2, -4)
		expRow(us[own+1:], lm[own+1:], r, 2, -4)
		expRow(uf[:own], lp[:own], r, 2, -4)
		expRow(uf[own+1:], lp[own+1:], r, 2, -4)
		if !offers { // d = 0: ½ − ½d = ½ + ½d
			expRow(us[own:own+1], lm[own:own+1], r, 2, -4)
			uf[own] = us[own]
		}
	}
}

// logTables fills ld, lm, lp with ln d, ln(½ − ½d), ln(½ + ½d) for every
// pair of distinct positions at normalised distance d (dd), reusing the
// previous pass's values for pairs of positions that have not changed
// (logarithms are pure functions of d, so the tables are unchanged).
func (m *EUM) logTables(dd []float64) {
	nv, np := len(m.vals), len(m.pvals)
	m.ld, m.pld = m.pld, m.ld
	m.lm, m.plm = m.plm, m.lm
	m.lp, m.plp = m.plp, m.lp
	omap := m.omap[:nv]
	for a, va := range m.vals {
		omap[a] = -1
		if !m.logsOK {
			continue
		}
		for o, y := range m.pvals {
			if y == va {
				omap[a] = o
				break
			}
		}
	}
	ld, lm, lp := m.ld[:nv*nv], m.lm[:nv*nv], m.lp[:nv*nv]
	l0, lh := math.Log(0), lnHalf
	for a := range nv {
		ld[a*nv+a], lm[a*nv+a], lp[a*nv+a] = l0, lh, lh
		for b := a + 1; b < nv; b++ {
			var x, y, z float64
			if oa, ob := omap[a], omap[b]; oa >= 0 && ob >= 0 {
				o := oa*np + ob
				x, y, z = m.pld[o], m.plm[o], m.plp[o]
			} else {
				d := dd[a*nv+b]
				x, y, z = math.Log(d), math.Log(0.5-0.5*d), math.Log(0.5+0.5*d)
			}
			ld[a*nv+b], lm[a*nv+b], lp[a*nv+b] = x, y, z
			ld[b*nv+a], lm[b*nv+a], lp[b*nv+a] = x, y, z
		}
	}
	m.pvals = append(m.pvals[:0], m.vals...)
	m.logsOK = true
}

// prob is P(i beats j) under the last probabilities call.
func (m *EUM) prob(i, j int) float64 { return m.pc[m.cls[i]*len(m.vals)+m.cls[j]] }

// splitSign returns (v, +0) when v ≥ +0 and (+0, −v) when v ≤ −0,
// without branches (the signs of votes are unpredictable): adding +0 leaves
// a sum of votes unchanged, so Σ p_k and Σ q_k are, bit for bit, the sums of
// the positive votes and of the negated negative votes.
func splitSign(v float64) (p, q float64) {
	const sign = 1 << 63
	b := math.Float64bits(v)
	neg := uint64(int64(b) >> 63) // all ones if the sign bit is set
	return math.Float64frombits(b &^ neg), math.Float64frombits((b ^ sign) & neg)
}

// euCore is the expected utility of a challenge (§4.3 step 4) from the
// challenged actor's salience sal, the probability p that the challenger
// wins, the perspective's utilities of success, failure and the status quo,
// and Q: sal·(p·U_s + (1 − p)·U_f) + (1 − sal)·U_s − Q·U_sq.
func euCore(sal, p, us, uf, usq, q float64) float64 {
	return sal*(p*us+(1-p)*uf) + (1-sal)*us - q*usq
}

// euMedian is the term that Q < 1 subtracts from E^h(U_ij): (1 − Q) times
// the utility of the median moving toward (T) or away from i.
func (m *EUM) euMedian(h, i, j int, mu float64) float64 {
	r := m.r[h]
	dm := (math.Abs(m.x[i]-mu) + math.Abs(m.x[i]-m.x[j])) / m.rng
	ub := 2 - 4*pw(0.5-0.25*dm, r)
	uw := 2 - 4*pw(0.5+0.25*dm, r)
	return (1 - m.q) * (m.S.T*ub + (1-m.S.T)*uw)
}

// eu is E^h(U_ij), h's estimate of i's expected utility from challenging
// j (§4.3 step 4), with h's risk exponent and median mu. h is i or j (the
// only perspectives the model uses), so the distance |x_i − x_j| is h's
// distance to the other's position, whose utilities are cached.
func (m *EUM) eu(h, i, j int, mu float64) float64 {
	other := j
	if h == j {
		other = i
	}
	c := h*len(m.vals) + m.cls[other]
	sal := m.s[j]
	if m.S.Salience == SalienceChallenger {
		sal = m.s[i]
	}
	e := euCore(sal, m.prob(i, j), m.us[c], m.uf[c], m.usq[h], m.q)
	if m.q < 1 {
		e -= m.euMedian(h, i, j, mu)
	}
	return e
}

// Round plays one round: risk exponents from security (§4.3 step 5), then
// every actor's choice among its offers (step 6), all moving at once.
func (m *EUM) Round() {
	n := m.n
	mu := m.Median()
	m.q = m.S.Q
	if m.q == 0 && !m.S.QSet {
		m.q = 1
	}
	if !m.S.KeepRisk {
		for i := range n {
			m.r[i] = 1
		}
	}
	m.classify()
	m.probabilities(false)
	smin, smax := math.Inf(1), math.Inf(-1)
	nv := len(m.vals)
	for i := range n {
		var s float64
		if m.S.Security == SecurityOwnView && m.q >= 1 {
			// eu(i, j, i) with its indices resolved once per i: i's view,
			// utilities at distance |x_i − x_j|, P(j beats i).
			ci, usq := m.cls[i], m.usq[i]
			us, uf := m.us[i*nv:i*nv+nv], m.uf[i*nv:i*nv+nv]
			for j, cj := range m.cls[:n] {
				if j == i {
					continue
				}
				sal := m.s[i]
				if m.S.Salience == SalienceChallenger {
					sal = m.s[j]
				}
				s += euCore(sal, m.pc[cj*nv+ci], us[cj], uf[cj], usq, m.q)
			}
		} else {
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
	m.probabilities(true)
	for i := range n {
		m.next[i] = m.bestOffer(i, mu)
	}
	copy(m.x, m.next)
}

// bestOffer is where actor i moves this round (its own position when it
// has no offer).
func (m *EUM) bestOffer(i int, mu float64) float64 {
	const (
		none = iota
		capitulation
		compromise
		confrontation
	)
	kind, best, key := none, m.x[i], math.Inf(1)
	nv, ci := len(m.vals), m.cls[i]
	// Both challenges are seen by i: its utilities at distance |x_i − x_j|.
	us, uf, usq := m.us[i*nv:i*nv+nv], m.uf[i*nv:i*nv+nv], m.usq[i]
	for j := range m.n {
		cj := m.cls[j]
		if cj == ci { // same position (classes group equal positions)
			continue
		}
		salij, salji := m.s[j], m.s[i]
		if m.S.Salience == SalienceChallenger {
			salij, salji = m.s[i], m.s[j]
		}
		// i's gain from challenging j, and j's gain from challenging i as
		// i sees it: eu(i, i, j) and eu(i, j, i).
		eij := euCore(salij, m.pc[ci*nv+cj], us[cj], uf[cj], usq, m.q)
		eji := euCore(salji, m.pc[cj*nv+ci], us[cj], uf[cj], usq, m.q)
		if m.q < 1 {
			eij -= m.euMedian(i, i, j, mu)
			eji -= m.euMedian(i, j, i, mu)
		}
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
