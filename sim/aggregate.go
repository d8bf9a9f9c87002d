package sim

import "math"

// Histogram resolution: agreed values and offers are counted in histBins
// equal bins over each issue's scale, so quantiles are exact to within
// (hi − lo)/histBins (0.5 % of the scale). Offers on the table are kept for
// the first maxOfferRounds rounds.
const (
	histBins       = 200
	maxOfferRounds = 100
)

// welford is a running mean and sum of squared deviations (Welford 1962,
// Technometrics 4:419); merge is Chan, Golub & LeVeque's pairwise update
// (1979, "Updating formulae and a pairwise algorithm for computing sample
// variances"). Merging blocks in block order makes the result independent of
// how many workers computed them.
type welford struct {
	n    int
	mean float64
	m2   float64
}

func (a *welford) add(x float64) {
	a.n++
	d := x - a.mean
	a.mean += d / float64(a.n)
	a.m2 += d * (x - a.mean)
}

func (a *welford) merge(b welford) {
	if b.n == 0 {
		return
	}
	if a.n == 0 {
		*a = b
		return
	}
	n := a.n + b.n
	d := b.mean - a.mean
	a.mean += d * float64(b.n) / float64(n)
	a.m2 += b.m2 + d*d*float64(a.n)*float64(b.n)/float64(n)
	a.n = n
}

// blockAcc accumulates the runs of one block (or, merged, of all blocks).
// Its size depends on the scenario only, never on the number of runs.
type blockAcc struct {
	nL, nI, nA, nO, horizon, offerRounds int

	first, n  int // first run of the block, runs counted
	outcome   []int
	status    []int // per layer × 5 statuses
	infeas    []int
	unopened  []int
	roundSum  []int // per layer: Σ end round over agreed or broken
	agreedBy  []int // per layer × horizon
	brokenBy  []int
	issueN    []int
	issueSum  []float64
	issueMin  []float64 // smallest and largest agreed value, to clamp the
	issueMax  []float64 // histogram quantiles (exact when all runs agree alike)
	issueHist []int     // per issue × histBins
	offerHist []int     // per round × issue × histBins
	// The smallest and largest normalised value that fell in each bin of
	// issueHist and offerHist: quantiles are interpolated between values
	// that occurred, not between bin edges, so they are exact when a bin
	// holds a single value (every agreement on a red line, every offer at 0).
	issueBin, offerBin binSpan
	util               []welford
	resSum             []float64
	escalated          int
	shockAny           []int
	shockSum           []int
	cLive              []int // per cheating entry
	cCheat             []int
	cDetect            []int

	rows *rowStore // runs.csv rows of the block, nil when not kept
}

func newBlockAcc(p *plan) *blockAcc {
	sc := p.sc
	nL, nI, nA, nO := len(sc.Layers), len(sc.Issues), len(sc.Actors), len(sc.Outcomes)+1
	nC := 0
	if sc.Implementation != nil {
		nC = len(sc.Implementation.Cheating)
	}
	h := max(p.horizon, 1)
	or := min(h, maxOfferRounds)
	return &blockAcc{
		nL: nL, nI: nI, nA: nA, nO: nO, horizon: h, offerRounds: or,
		outcome:   padded[int](nO),
		status:    padded[int](nL * 5),
		infeas:    padded[int](nL),
		unopened:  padded[int](nL),
		roundSum:  padded[int](nL),
		agreedBy:  padded[int](nL * h),
		brokenBy:  padded[int](nL * h),
		issueN:    padded[int](nI),
		issueSum:  padded[float64](nI),
		issueMin:  padded[float64](nI),
		issueMax:  padded[float64](nI),
		issueHist: padded[int](nI * histBins),
		offerHist: padded[int](or * nI * histBins),
		issueBin:  newBinSpan(nI * histBins),
		offerBin:  newBinSpan(or * nI * histBins),
		util:      padded[welford](nA),
		resSum:    padded[float64](nA),
		shockAny:  padded[int](len(sc.Shocks)),
		shockSum:  padded[int](len(sc.Shocks)),
		cLive:     padded[int](nC),
		cCheat:    padded[int](nC),
		cDetect:   padded[int](nC),
	}
}

// reset empties the accumulator for block b starting at run first.
func (a *blockAcc) reset(first int) {
	a.first, a.n, a.escalated = first, 0, 0
	for _, s := range [][]int{a.outcome, a.status, a.infeas, a.unopened, a.roundSum, a.agreedBy, a.brokenBy,
		a.issueN, a.issueHist, a.offerHist, a.shockAny, a.shockSum, a.cLive, a.cCheat, a.cDetect} {
		clear(s)
	}
	clear(a.issueSum)
	for k := range a.issueMin {
		a.issueMin[k], a.issueMax[k] = math.Inf(1), math.Inf(-1)
	}
	a.issueBin.reset()
	a.offerBin.reset()
	clear(a.resSum)
	clear(a.util)
	if a.rows != nil {
		a.rows.reset()
	}
}

// offer counts an offer on the table in round t for issue k (normalised z).
func (a *blockAcc) offer(t, k int, z float64) {
	if t < a.offerRounds {
		i := (t*a.nI+k)*histBins + binOf(z, histBins)
		a.offerHist[i]++
		a.offerBin.note(i, z)
	}
}

// add counts the finished run of w.
func (a *blockAcc) add(w *worker) {
	r := &w.res
	a.n++
	a.outcome[r.Outcome]++
	for l, st := range r.Status {
		a.status[l*5+int(st)]++
		if r.infeasible[l] {
			a.infeas[l]++
		}
		if r.Unopened[l] {
			a.unopened[l]++
		}
		if st == Agreed || st == Collapsed || st == Broken {
			a.roundSum[l] += r.Round[l]
			rd := min(r.Round[l], a.horizon) - 1 // by-round counts are indexed from round 1
			if st == Broken {
				a.brokenBy[l*a.horizon+rd]++
			} else {
				a.agreedBy[l*a.horizon+rd]++
			}
		}
	}
	for k, v := range w.value {
		if !math.IsNaN(v) {
			a.issueN[k]++
			a.issueSum[k] += r.Value[k]
			a.issueMin[k] = math.Min(a.issueMin[k], r.Value[k])
			a.issueMax[k] = math.Max(a.issueMax[k], r.Value[k])
			i := k*histBins + binOf(v, histBins)
			a.issueHist[i]++
			a.issueBin.note(i, v)
		}
	}
	for i := range a.util {
		a.util[i].add(r.Utility[i])
		a.resSum[i] += r.resUtility[i]
	}
	if r.Escalated {
		a.escalated++
	}
	for s, c := range w.shockCount {
		if c > 0 {
			a.shockAny[s]++
		}
		a.shockSum[s] += c
	}
	for c := range a.cLive {
		if w.entLive[c] {
			a.cLive[c]++
		}
		if w.entCheat[c] {
			a.cCheat[c]++
		}
		if w.entDetect[c] {
			a.cDetect[c]++
		}
	}
}

// merge adds block b into a; blocks must be merged in block order so that
// the floating-point sums do not depend on the number of workers.
func (a *blockAcc) merge(b *blockAcc) {
	a.n += b.n
	a.escalated += b.escalated
	addInts := func(x, y []int) {
		for i := range x {
			x[i] += y[i]
		}
	}
	addInts(a.outcome, b.outcome)
	addInts(a.status, b.status)
	addInts(a.infeas, b.infeas)
	addInts(a.unopened, b.unopened)
	addInts(a.roundSum, b.roundSum)
	addInts(a.agreedBy, b.agreedBy)
	addInts(a.brokenBy, b.brokenBy)
	addInts(a.issueN, b.issueN)
	addInts(a.issueHist, b.issueHist)
	addInts(a.offerHist, b.offerHist)
	a.issueBin.merge(&b.issueBin)
	a.offerBin.merge(&b.offerBin)
	addInts(a.shockAny, b.shockAny)
	addInts(a.shockSum, b.shockSum)
	addInts(a.cLive, b.cLive)
	addInts(a.cCheat, b.cCheat)
	addInts(a.cDetect, b.cDetect)
	for i := range a.issueSum {
		a.issueSum[i] += b.issueSum[i]
		a.issueMin[i] = math.Min(a.issueMin[i], b.issueMin[i])
		a.issueMax[i] = math.Max(a.issueMax[i], b.issueMax[i])
	}
	for i := range a.util {
		a.util[i].merge(b.util[i])
		a.resSum[i] += b.resSum[i]
	}
}

// binSpan holds, per histogram bin, the smallest and largest value counted
// in it. Min and max do not depend on the order of merging, so the summary
// stays the same bytes for any number of workers.
type binSpan struct{ lo, hi []float64 }

func newBinSpan(n int) binSpan {
	s := binSpan{lo: padded[float64](n), hi: padded[float64](n)}
	s.reset()
	return s
}

func (s *binSpan) reset() {
	for i := range s.lo {
		s.lo[i], s.hi[i] = math.Inf(1), math.Inf(-1)
	}
}

func (s *binSpan) note(i int, z float64) {
	s.lo[i] = math.Min(s.lo[i], z)
	s.hi[i] = math.Max(s.hi[i], z)
}

func (s *binSpan) merge(o *binSpan) {
	for i := range s.lo {
		s.lo[i] = math.Min(s.lo[i], o.lo[i])
		s.hi[i] = math.Max(s.hi[i], o.hi[i])
	}
}
