package sim

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"sync"
	"sync/atomic"

	"github.com/parleysim/parley/scenarios"
)

// DefaultBlockSize is the number of runs a worker plays into one block
// accumulator. Blocks are merged in block order, so the summary is the same
// bytes for any number of workers, and an interrupted run keeps only whole
// blocks (a deterministic prefix of the runs).
const DefaultBlockSize = 1024

// Options configure a Monte Carlo run.
type Options struct {
	Runs      int    // runs requested (> 0)
	Seed      uint64 // run r draws from PCG(Seed, r)
	Workers   int    // goroutines; ≤ 0 means 1
	Version   string // program version written into the summary
	BlockSize int    // runs per block; ≤ 0 means DefaultBlockSize
	// RunsCSV, when not nil, receives runs.csv (CLI.md), rows in run order.
	RunsCSV io.Writer
	// Progress, when not nil, is called with the number of runs merged so
	// far, from the goroutine that called Run.
	Progress func(done int)
}

// Run plays opt.Runs runs of sc and aggregates them (MODEL.md §9). When ctx
// is cancelled it stops promptly and returns the summary of the whole blocks
// done so far, with Partial set, together with ctx's error.
func Run(ctx context.Context, sc *scenarios.Scenario, opt Options) (*Summary, error) {
	if opt.Runs <= 0 {
		return nil, errors.New("the number of runs must be positive")
	}
	p, err := newPlan(sc)
	if err != nil {
		return nil, err
	}
	bs := opt.BlockSize
	if bs <= 0 {
		bs = DefaultBlockSize
	}
	nBlocks := (opt.Runs + bs - 1) / bs
	nw := max(opt.Workers, 1)
	nw = min(nw, nBlocks)
	workers := make([]*worker, nw)
	for i := range workers {
		if workers[i], err = newWorker(p, opt.Seed); err != nil {
			return nil, err
		}
	}
	// A bounded pool of accumulators caps memory whatever the number of runs:
	// at most 2 per worker are in flight or waiting to be merged.
	inflight := 2 * nw
	free := make(chan *blockAcc, inflight)
	for range inflight {
		a := newBlockAcc(p)
		if opt.RunsCSV != nil {
			a.rows = newRowStore(a.nL, a.nI, bs)
		}
		free <- a
	}
	results := make(chan *blockAcc, inflight)
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Add(1)
		go func(w *worker) {
			defer wg.Done()
			for {
				var acc *blockAcc
				select {
				case <-ctx.Done():
					return
				case acc = <-free:
				}
				b := int(next.Add(1) - 1)
				if b >= nBlocks || ctx.Err() != nil {
					free <- acc
					return
				}
				first := b * bs
				last := min(first+bs, opt.Runs)
				acc.reset(first)
				w.acc = acc
				aborted := false
				for r := first; r < last; r++ {
					if (r-first)&127 == 127 && ctx.Err() != nil {
						aborted = true
						break
					}
					w.play(r)
					acc.add(w)
					if acc.rows != nil {
						acc.rows.add(&w.res)
					}
				}
				w.acc = nil
				if aborted {
					free <- acc
					return
				}
				results <- acc
			}
		}(w)
	}
	go func() { wg.Wait(); close(results) }()

	total := newBlockAcc(p)
	total.reset(0)
	var csv *csvWriter
	if opt.RunsCSV != nil {
		csv = newCSVWriter(opt.RunsCSV, sc)
	}
	var csvErr error
	pending := map[int]*blockAcc{}
	nextMerge := 0
	for acc := range results {
		pending[acc.first/bs] = acc
		for {
			a, ok := pending[nextMerge]
			if !ok {
				break
			}
			delete(pending, nextMerge)
			total.merge(a)
			if csv != nil && csvErr == nil {
				csvErr = csv.block(a.first, a.rows)
			}
			free <- a
			nextMerge++
			if opt.Progress != nil {
				opt.Progress(total.n)
			}
		}
	}
	if csv != nil && csvErr == nil {
		csvErr = csv.flush()
	}
	sum := summarize(total, p, opt)
	if csvErr != nil {
		return sum, csvErr
	}
	if total.n < opt.Runs {
		sum.Partial = true
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		return sum, errors.New("runs stopped early")
	}
	return sum, nil
}

// OtherOutcome is the id of the runs no outcome condition matched.
const OtherOutcome = "other"

// summarize turns the merged accumulator into the summary (CLI.md).
func summarize(a *blockAcc, p *plan, opt Options) *Summary {
	sc := p.sc
	n := a.n
	frac := func(k int) float64 {
		if n == 0 {
			return 0
		}
		return float64(k) / float64(n)
	}
	s := &Summary{
		Parley:    opt.Version,
		Scenario:  ScenarioRef{Name: sc.Name, Title: sc.Title, SHA256: sc.SHA256},
		Seed:      opt.Seed,
		Runs:      n,
		Requested: opt.Runs,
		Horizon:   sc.Horizon,
	}
	for o := 0; o < a.nO; o++ {
		id, title := OtherOutcome, "None of the scenario's outcomes matched"
		if o < len(sc.Outcomes) {
			id, title = sc.Outcomes[o].ID, sc.Outcomes[o].Title
		}
		k := a.outcome[o]
		s.Outcomes = append(s.Outcomes, OutcomeStat{ID: id, Title: title, Runs: k, P: frac(k), SE: propSE(k, n), CI95: Wilson(k, n)})
	}
	h := a.horizon
	ended := make([]int, h)
	for l, ly := range sc.Layers {
		st := a.status[l*5 : l*5+5]
		ls := LayerStat{ID: ly.ID, Title: ly.Title,
			PAgreed: frac(st[Agreed]), PBroken: frac(st[Broken]), POpen: frac(st[Open]),
			POffAgenda: frac(st[OffAgenda]), PCollapsed: frac(st[Collapsed]),
			PInfeasible: frac(a.infeas[l]), PUnopened: frac(a.unopened[l]),
			AgreedCI95: Wilson(st[Agreed], n),
			AgreedBy:   append([]int(nil), a.agreedBy[l*h:(l+1)*h]...),
			BrokenBy:   append([]int(nil), a.brokenBy[l*h:(l+1)*h]...),
		}
		m := 0
		for r := range ended {
			ended[r] = ls.AgreedBy[r] + ls.BrokenBy[r]
			m += ended[r]
		}
		if m > 0 {
			ls.Round = Quantiles{Mean: float64(a.roundSum[l]) / float64(m),
				P10: float64(roundQuantile(ended, m, 0.1) + 1),
				P50: float64(roundQuantile(ended, m, 0.5) + 1),
				P90: float64(roundQuantile(ended, m, 0.9) + 1)}
		}
		s.Layers = append(s.Layers, ls)
	}
	for k, is := range sc.Issues {
		lo, hi := is.Scale[0], is.Scale[1]
		hist := a.issueHist[k*histBins : (k+1)*histBins]
		st := IssueStat{ID: is.ID, Layer: is.Layer, Title: is.Title, Unit: is.Unit, AgreedRuns: a.issueN[k],
			Histogram: Histogram{Lo: lo, Hi: hi, Counts: append([]int(nil), hist...)}}
		if a.issueN[k] > 0 {
			st.Mean = a.issueSum[k] / float64(a.issueN[k])
			// Interpolated within a bin, then clamped to the observed range:
			// exact when every agreement falls on one value.
			span := a.issueBin.lo[k*histBins : (k+1)*histBins]
			spanHi := a.issueBin.hi[k*histBins : (k+1)*histBins]
			q := func(p float64) float64 {
				z := spanQuantile(hist, span, spanHi, p)
				return math.Min(math.Max(lo+z*(hi-lo), a.issueMin[k]), a.issueMax[k])
			}
			st.P10, st.P50, st.P90 = q(0.1), q(0.5), q(0.9)
		}
		st.Offers = []OfferBand{}
		for t := 0; t < a.offerRounds; t++ {
			from, to := (t*a.nI+k)*histBins, (t*a.nI+k+1)*histBins
			oh := a.offerHist[from:to]
			c := 0
			for _, v := range oh {
				c += v
			}
			if c == 0 {
				continue
			}
			oq := func(p float64) float64 {
				return lo + spanQuantile(oh, a.offerBin.lo[from:to], a.offerBin.hi[from:to], p)*(hi-lo)
			}
			st.Offers = append(st.Offers, OfferBand{Round: t + 1, N: c,
				P05: oq(0.05), P25: oq(0.25), P50: oq(0.5), P75: oq(0.75), P95: oq(0.95)})
		}
		s.Issues = append(s.Issues, st)
	}
	for i, ac := range sc.Actors {
		u := a.util[i]
		st := ActorStat{ID: ac.ID, Name: ac.Name, Role: ac.Role, UtilityMean: u.mean}
		if u.n > 1 {
			st.UtilitySE = math.Sqrt(u.m2/float64(u.n-1)) / math.Sqrt(float64(u.n))
		}
		if n > 0 {
			st.ReservationMean = a.resSum[i] / float64(n)
		}
		s.Actors = append(s.Actors, st)
	}
	s.Escalation = frac(a.escalated)
	s.EscCI95 = Wilson(a.escalated, n)
	s.Shocks = []ShockStat{}
	for i, sh := range sc.Shocks {
		st := ShockStat{ID: sh.ID, Title: sh.Title, PFired: frac(a.shockAny[i])}
		if n > 0 {
			st.MeanFire = float64(a.shockSum[i]) / float64(n)
		}
		s.Shocks = append(s.Shocks, st)
	}
	s.Compliance = []ComplianceStat{}
	if im := sc.Implementation; im != nil {
		for c, ch := range im.Cheating {
			st := ComplianceStat{Actor: ch.Actor, Layer: ch.Layer, Runs: a.cLive[c]}
			if a.cLive[c] > 0 {
				st.PCheated = float64(a.cCheat[c]) / float64(a.cLive[c])
				st.PDetected = float64(a.cDetect[c]) / float64(a.cLive[c])
			}
			s.Compliance = append(s.Compliance, st)
		}
	}
	return s
}

// JSON is summary.json: indented, fields in declaration order, floats in
// Go's shortest round-trip form, a final newline. The same summary gives the
// same bytes.
func (s *Summary) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
