package forecast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

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
	if in.Accommodation != nil {
		acc = make([]float64, n*n)
		for i, row := range in.Accommodation {
			copy(acc[i*n:], row)
		}
	}
	return capab, pos, sal, acc
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
	expected = make([]float64, d)
	best := 0
	for c, i := range reps {
		if p[c] > p[best] {
			best = c
		}
		for k, z := range m.Position(i) {
			expected[k] += p[c] * z
		}
	}
	modal = make([]float64, d)
	for k, z := range m.Position(reps[best]) {
		modal[k] = round6(in.toUnits(z))
	}
	for k := range expected {
		expected[k] = round6(in.toUnits(expected[k]))
	}
	return modal, round6(p[best]), expected
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

// monteCarlo runs o.Runs perturbed forecasts; run r draws from
// PCG(seed, r), so the result does not depend on the number of workers.
func monteCarlo(in *Input, o Options, res *Result) {
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
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
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := cloneInput(in)
			eum := models.NewEUM(len(in.Actors), o.EUM)
			smp := models.NewSMP(len(in.Actors), d, smpParams(in, o))
			dims := make([]DimResult, 0, d)
			n := len(in.Actors)
			buf := &eumBuffers{make([]float64, n), make([]float64, n), make([]float64, n)}
			src := rand.NewPCG(o.Seed, 0)
			rng := rand.New(src)
			for start := range next {
				for run := start; run < min(start+64, o.Runs); run++ {
					src.Seed(o.Seed, uint64(run)) // = rand.NewPCG(seed, run)
					Perturb(in, work, o.Jitter, rng)
					for mi, name := range names {
						switch name {
						case "eum":
							dims = runEUM(work, o, eum, false, dims, buf)
							for k := range d {
								samples[mi][k][run] = dims[k].Forecast
							}
						case "smp":
							smp.Set(smpInputs(work))
							smp.Run(rng, nil)
							_, _, e := smpSummary(smp, work)
							for k := range d {
								samples[mi][k][run] = e[k]
							}
						case "weighted-mean":
							for k := range d {
								var num, den float64
								for _, a := range work.Actors {
									w := a.Capability * a.Salience[k]
									num += w * a.Position[k]
									den += w
								}
								if den > 0 {
									samples[mi][k][run] = num / den
								}
							}
						}
					}
				}
			}
		}()
	}
	for start := 0; start < o.Runs; start += 64 {
		next <- start
	}
	close(next)
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
