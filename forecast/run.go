package forecast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/parleysim/parley/models"
)

// Model names accepted by Options.Model.
var ModelNames = []string{"eum", "smp", "weighted-mean", "all"}

// Options configure a forecast.
type Options struct {
	Model   string  // eum, smp, weighted-mean or all (default all)
	Rounds  int     // eum rounds (default 10); smp maximum turns (default 100)
	Runs    int     // Monte Carlo runs; 0 = the deterministic forecast only
	Jitter  float64 // σ of the perturbation (see Perturb)
	Seed    uint64  // Monte Carlo seed
	Workers int     // default: all cores
	EUM     models.EUMSettings
	// SMP overrides the parameters (default: the XML's, else KTAB's defaults).
	SMP *models.SMPParams
}

func (o Options) wants(m string) bool { return o.Model == "" || o.Model == "all" || o.Model == m }

// Run computes the forecasts of in under o.
func Run(in *Input, o Options) (*Result, error) {
	if !slices.Contains(ModelNames, o.Model) && o.Model != "" {
		return nil, fmt.Errorf("unknown model %q (want one of %v)", o.Model, ModelNames)
	}
	res := &Result{
		Input: InputInfo{File: in.File, Format: in.Format, Actors: len(in.Actors), Dimensions: len(in.Dimensions), SalienceScale: in.SalienceScale},
		Notes: in.Notes,
	}
	if o.Runs > 0 {
		res.Runs, res.Jitter, res.Seed = o.Runs, o.Jitter, o.Seed
	}
	if o.wants("eum") {
		res.Models = append(res.Models, eumResult(in, o))
	}
	if o.wants("smp") {
		res.Models = append(res.Models, smpResult(in, o))
	}
	// The baseline is always reported (MODEL.md §4.5).
	res.Models = append(res.Models, wmeanResult(in))
	if o.Runs > 0 {
		monteCarlo(in, o, res)
	}
	return res, nil
}

func eumRounds(o Options) int {
	if o.Rounds > 0 {
		return o.Rounds
	}
	return 10
}

// eumBuffers are a worker's reusable inputs of the EUM.
type eumBuffers struct{ c, s, x []float64 }

// runEUM runs the EUM on every dimension of in and returns per dimension
// the rounds (when stats is true) and the forecast: the final weighted mean
// of positions (Scholz et al. report the mean position as the forecast).
func runEUM(in *Input, o Options, m *models.EUM, stats bool, out []DimResult, buf *eumBuffers) []DimResult {
	n := len(in.Actors)
	if buf == nil || len(buf.c) != n {
		buf = &eumBuffers{make([]float64, n), make([]float64, n), make([]float64, n)}
	}
	c, s, x := buf.c, buf.s, buf.x
	out = out[:0]
	for k, dim := range in.Dimensions {
		for i, a := range in.Actors {
			c[i], s[i], x[i] = a.Capability, a.Salience[k], a.Position[k]
		}
		m.Set(c, s, x)
		dr := DimResult{ID: dim}
		if stats {
			dr.Rounds = append(dr.Rounds, RoundStat{0, m.Median(), m.Mean()})
			dr.Positions = append(dr.Positions, slices.Clone(m.Positions()))
		}
		for r := 1; r <= eumRounds(o); r++ {
			m.Round()
			if stats {
				dr.Rounds = append(dr.Rounds, RoundStat{r, m.Median(), m.Mean()})
				dr.Positions = append(dr.Positions, slices.Clone(m.Positions()))
			}
		}
		dr.Forecast = m.Mean()
		if stats {
			dr.Forecast = round12(dr.Forecast)
		}
		med := m.Median()
		dr.Median = &med
		out = append(out, dr)
	}
	return out
}

// eumForecast runs the EUM on dimension k of in and returns the final
// weighted mean, as runEUM does, without recording anything (the Monte
// Carlo path: no allocation).
func eumForecast(in *Input, o Options, m *models.EUM, k int, buf *eumBuffers) float64 {
	c, s, x := buf.c, buf.s, buf.x
	for i, a := range in.Actors {
		c[i], s[i], x[i] = a.Capability, a.Salience[k], a.Position[k]
	}
	m.Set(c, s, x)
	for range eumRounds(o) {
		m.Round()
	}
	return m.Mean()
}

func eumResult(in *Input, o Options) ModelResult {
	m := models.NewEUM(len(in.Actors), o.EUM)
	return ModelResult{Model: "eum", Dimensions: runEUM(in, o, m, true, nil, nil)}
}

func wmeanResult(in *Input) ModelResult {
	r := ModelResult{Model: "weighted-mean"}
	for k, dim := range in.Dimensions {
		w, x := in.Weights(k), in.Positions(k)
		med := models.WeightedMedian(x, w, nil)
		r.Dimensions = append(r.Dimensions, DimResult{ID: dim, Forecast: round12(models.WeightedMean(x, w)), Median: &med})
	}
	return r
}

// smpParams returns the SMP parameters for in under o.
func smpParams(in *Input, o Options) models.SMPParams {
	p := models.SMPParams{}
	if in.SMP != nil {
		p = *in.SMP
	}
	if o.SMP != nil {
		p = *o.SMP
	}
	if o.Rounds > 0 {
		p.MaxTurns = o.Rounds
	}
	return p
}

// smpInputs converts in to the SMP's [0, 1] scales.
func smpInputs(in *Input) (capab, pos, sal, acc []float64) {
	n, d := len(in.Actors), len(in.Dimensions)
	capab, pos, sal = make([]float64, n), make([]float64, n*d), make([]float64, n*d)
	smpInputsInto(in, capab, pos, sal)
	if in.Accommodation != nil {
		acc = make([]float64, n*n)
		for i, row := range in.Accommodation {
			copy(acc[i*n:], row)
		}
	}
	return capab, pos, sal, acc
}

// smpInputsInto writes the capabilities, positions and saliences of in on
// the SMP's scales into the given slices (sized as smpInputs makes them).
func smpInputsInto(in *Input, capab, pos, sal []float64) {
	d := len(in.Dimensions)
	span := in.Hi - in.Lo
	if span == 0 {
		span = 1
	}
	for i, a := range in.Actors {
		capab[i] = a.Capability
		for k := range d {
			pos[i*d+k] = (a.Position[k] - in.Lo) / span
			sal[i*d+k] = a.Salience[k]
		}
	}
}

func (in *Input) toUnits(z float64) float64 { return in.Lo + z*(in.Hi-in.Lo) }

// smpSeedRNG is the generator of stochastic transitions in the
// deterministic forecast: the XML seed when given, else 0.
func smpSeedRNG(in *Input, run uint64) *rand.Rand {
	return rand.New(rand.NewPCG(in.Seed, run))
}

func smpResult(in *Input, o Options) ModelResult {
	n, d := len(in.Actors), len(in.Dimensions)
	p := smpParams(in, o)
	m := models.NewSMP(n, d, p)
	m.Set(smpInputs(in))
	var h models.SMPHistory
	m.Run(smpSeedRNG(in, 0), &h)
	r := ModelResult{Model: "smp", Params: p.String()}
	for t := range h.Positions {
		turn := SMPTurn{Turn: t}
		for i, a := range in.Actors {
			pos := make([]float64, d)
			for k := range d {
				pos[k] = round6(in.toUnits(h.Positions[t][i*d+k]))
			}
			turn.Actors = append(turn.Actors, SMPActorAt{ID: a.Name, Position: pos, P: round6(h.Prob[t][i])})
		}
		r.Turns = append(r.Turns, turn)
	}
	modal, pm, expected := smpSummary(m, in)
	r.Modal, r.PModal, r.Expected = modal, &pm, expected
	return r
}

// smpSummary returns the most probable final position, its probability,
// and the probability-weighted final position, in input units.
func smpSummary(m *models.SMP, in *Input) (modal []float64, pModal float64, expected []float64) {
	d := len(in.Dimensions)
	reps, p := m.UniqueProb()
	best := 0
	for c := range reps {
		if p[c] > p[best] {
			best = c
		}
	}
	modal = make([]float64, d)
	for k, z := range m.Position(reps[best]) {
		modal[k] = round6(in.toUnits(z))
	}
	expected = make([]float64, d)
	smpExpected(m, in, expected)
	return modal, round6(p[best]), expected
}

// smpExpected writes into expected the probability-weighted final position
// in input units (rounded to 6 decimals), the smp forecast of a Monte Carlo
// run.
func smpExpected(m *models.SMP, in *Input, expected []float64) {
	reps, p := m.UniqueProb()
	clear(expected)
	for c, i := range reps {
		for k, z := range m.Position(i) {
			expected[k] += p[c] * z
		}
	}
	for k := range expected {
		expected[k] = round6(in.toUnits(expected[k]))
	}
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// round12 drops the last digits of round-off so the JSON shows e.g. the
// published 7.389955686854 rather than 7.389955686853767.
func round12(x float64) float64 { return math.Round(x*1e12) / 1e12 }

// Perturb writes into out a copy of in jittered with rng, in a fixed order
// (actor by actor: positions, then saliences, then capability): each
// position moves by σ·(Hi − Lo)·N(0, 1), clipped to [Lo, Hi]; each salience
// by σ·N(0, 1), clipped to [0, 1] (and KTAB rows rescaled to sum at most
// 1); each capability is multiplied by exp(σ·N(0, 1)).
func Perturb(in *Input, out *Input, sigma float64, rng *rand.Rand) {
	span := in.Hi - in.Lo
	for i, a := range in.Actors {
		b := &out.Actors[i]
		var ssum float64
		for k := range a.Position {
			b.Position[k] = math.Min(in.Hi, math.Max(in.Lo, a.Position[k]+sigma*span*rng.NormFloat64()))
		}
		for k := range a.Salience {
			b.Salience[k] = math.Min(1, math.Max(0, a.Salience[k]+sigma*rng.NormFloat64()))
			ssum += b.Salience[k]
		}
		if in.Format != FormatBDM && ssum > 1 {
			for k := range b.Salience {
				b.Salience[k] /= ssum
			}
		}
		if ssum == 0 {
			copy(b.Salience, a.Salience)
		}
		b.Capability = a.Capability * math.Exp(sigma*rng.NormFloat64())
	}
}

// cloneInput copies in with fresh actor slices (for perturbation).
func cloneInput(in *Input) *Input {
	out := *in
	out.Actors = make([]Actor, len(in.Actors))
	for i, a := range in.Actors {
		a.Position = slices.Clone(a.Position)
		a.Salience = slices.Clone(a.Salience)
		out.Actors[i] = a
	}
	return &out
}

// mcBlock is the number of consecutive runs a worker takes at a time: large
// enough that handing out blocks costs nothing, small enough to balance the
// load between workers.
const mcBlock = 256

// mcWorker holds one worker's reusable state: the perturbed input, the
// models and their input buffers, so a draw allocates nothing.
type mcWorker struct {
	in    *Input
	o     Options
	names []string
	src   *rand.PCG
	rng   *rand.Rand
	work  *Input
	eum   *models.EUM
	smp   *models.SMP
	eb    eumBuffers
	// SMP inputs on its [0, 1] scales and the expected final position.
	scap, spos, ssal, sacc, sexp []float64
}

func newMCWorker(in *Input, o Options, names []string) *mcWorker {
	n, d := len(in.Actors), len(in.Dimensions)
	w := &mcWorker{in: in, o: o, names: names, work: cloneInput(in)}
	w.src = rand.NewPCG(o.Seed, 0)
	w.rng = rand.New(w.src)
	w.eb = eumBuffers{make([]float64, n), make([]float64, n), make([]float64, n)}
	for _, name := range names {
		switch name {
		case "eum":
			w.eum = models.NewEUM(n, o.EUM)
		case "smp":
			w.smp = models.NewSMP(n, d, smpParams(in, o))
			w.scap, w.spos, w.ssal, w.sacc = smpInputs(in)
			w.sexp = make([]float64, d)
		}
	}
	return w
}

// draw computes run `run` (from PCG(seed, run)) and stores each model's
// forecast per dimension in samples[model][dim][run].
func (w *mcWorker) draw(run int, samples [][][]float64) {
	in, work := w.in, w.work
	w.src.Seed(w.o.Seed, uint64(run)) // = rand.NewPCG(seed, run)
	Perturb(in, work, w.o.Jitter, w.rng)
	for mi, name := range w.names {
		switch name {
		case "eum":
			for k := range in.Dimensions {
				samples[mi][k][run] = eumForecast(work, w.o, w.eum, k, &w.eb)
			}
		case "smp":
			smpInputsInto(work, w.scap, w.spos, w.ssal)
			w.smp.Set(w.scap, w.spos, w.ssal, w.sacc)
			w.smp.Run(w.rng, nil)
			smpExpected(w.smp, work, w.sexp)
			for k, e := range w.sexp {
				samples[mi][k][run] = e
			}
		case "weighted-mean":
			for k := range in.Dimensions {
				var num, den float64
				for _, a := range work.Actors {
					wt := a.Capability * a.Salience[k]
					num += wt * a.Position[k]
					den += wt
				}
				if den > 0 {
					samples[mi][k][run] = num / den
				}
			}
		}
	}
}

// monteCarlo runs o.Runs perturbed forecasts; run r draws from
// PCG(seed, r) and writes only its own slot of the samples, so the result
// does not depend on the number of workers or on which worker took which
// block. Workers take blocks of mcBlock runs from a shared counter.
func monteCarlo(in *Input, o Options, res *Result) {
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, (o.Runs+mcBlock-1)/mcBlock))
	d := len(in.Dimensions)
	names := []string{}
	for _, mr := range res.Models {
		names = append(names, mr.Model)
	}
	// samples[model][dim][run]
	samples := make([][][]float64, len(names))
	for mi := range samples {
		samples[mi] = make([][]float64, d)
		for k := range d {
			samples[mi][k] = make([]float64, o.Runs)
		}
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newMCWorker(in, o, names)
			for {
				start := int(next.Add(mcBlock)) - mcBlock
				if start >= o.Runs {
					return
				}
				for run := start; run < min(start+mcBlock, o.Runs); run++ {
					w.draw(run, samples)
				}
			}
		}()
	}
	wg.Wait()
	for mi := range res.Models {
		for k, dim := range in.Dimensions {
			res.Models[mi].Distribution = append(res.Models[mi].Distribution, summarise(dim, samples[mi][k]))
		}
		res.Models[mi].Samples = samples[mi]
	}
}

// summarise returns the mean and the 10th, 50th and 90th percentiles
// (linear interpolation between order statistics, Hyndman & Fan type 7).
func summarise(id string, x []float64) Dist {
	s := slices.Clone(x)
	slices.Sort(s)
	var sum float64
	for _, v := range s {
		sum += v
	}
	q := func(p float64) float64 {
		h := p * float64(len(s)-1)
		lo := math.Floor(h)
		i := int(lo)
		if i+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[i] + (h-lo)*(s[i+1]-s[i])
	}
	return Dist{ID: id, Mean: round6(sum / float64(len(s))), P10: round6(q(0.1)), P50: round6(q(0.5)), P90: round6(q(0.9))}
}
