package report

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// This file builds summaries for tests without running the engine: a
// plausible result for any scenario (synthetic numbers with the shapes the
// engine produces: probabilities that add up, histograms between the actors'
// ideal points, offer bands that narrow), and the degenerate results a chart
// must survive. The numbers are made up; the tests check drawing and layout,
// never the model.

// builtin loads a built-in scenario by name.
func builtin(t testing.TB, name string) *scenarios.Scenario {
	t.Helper()
	data, err := scenarios.BuiltinSource(name)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Load(name, data)
	if err != nil {
		t.Fatalf("built-in %s: %v", name, err)
	}
	return sc
}

// wilson is the 95 % Wilson score interval of k successes in n trials
// (Wilson 1927, JASA 22:209–212), for fixtures that look like the engine's.
func wilson(k, n int) [2]float64 {
	if n == 0 {
		return [2]float64{0, 1}
	}
	const z = 1.959963984540054
	p := float64(k) / float64(n)
	nn := float64(n)
	den := 1 + z*z/nn
	c := (p + z*z/(2*nn)) / den
	h := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / den
	return [2]float64{math.Max(0, c-h), math.Min(1, c+h)}
}

// splitRuns divides runs among len(w) categories in proportion to w, exactly.
func splitRuns(runs int, w []float64) []int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	out := make([]int, len(w))
	left := runs
	for i, x := range w {
		if i == len(w)-1 {
			out[i] = left
			break
		}
		out[i] = int(float64(runs) * x / total)
		left -= out[i]
	}
	return out
}

// fakeSummary is a plausible result of sc over runs runs.
func fakeSummary(sc *scenarios.Scenario, runs int) *sim.Summary {
	r := rand.New(rand.NewPCG(7, uint64(len(sc.Name))))
	sum := &sim.Summary{
		Parley:    "0.1.0",
		Scenario:  sim.ScenarioRef{Name: sc.Name, Title: sc.Title, SHA256: sc.SHA256},
		Seed:      1,
		Runs:      runs,
		Requested: runs,
		Horizon:   sc.Horizon,
	}
	// Outcomes: decreasing weights in scenario order, and a few "other".
	w := make([]float64, len(sc.Outcomes)+1)
	for i := range sc.Outcomes {
		w[i] = 0.2 + r.Float64()
	}
	w[len(w)-1] = 0.02
	counts := splitRuns(runs, w)
	for i, o := range sc.Outcomes {
		sum.Outcomes = append(sum.Outcomes, outcomeStat(o.ID, o.Title, counts[i], runs))
	}
	sum.Outcomes = append(sum.Outcomes, outcomeStat("other", "Other (no outcome matched)", counts[len(counts)-1], runs))

	agreedRuns := map[string]int{}
	for _, l := range sc.Layers {
		ends := splitRuns(runs, []float64{0.3 + r.Float64(), 0.1 * r.Float64(), 0.4 * r.Float64(), 0.2 * r.Float64(), 1 - Representative(l.Agenda) + 0.001})
		ls := sim.LayerStat{
			ID: l.ID, Title: l.Title,
			PAgreed: frac(ends[0], runs), PCollapsed: frac(ends[1], runs), PBroken: frac(ends[2], runs),
			POpen: frac(ends[3], runs), POffAgenda: frac(ends[4], runs), PInfeasible: frac(ends[3], runs) / 3,
			PUnopened: frac(ends[3], runs) / 2, AgreedCI95: wilson(ends[0], runs),
			Round:    sim.Quantiles{Mean: 3.4, P10: 1, P50: 3, P90: 7},
			AgreedBy: make([]int, sc.Horizon), BrokenBy: make([]int, sc.Horizon),
		}
		spread(ls.AgreedBy, ends[0]+ends[1], 0.45)
		spread(ls.BrokenBy, ends[2], 0.2)
		agreedRuns[l.ID] = ends[0] + ends[1]
		sum.Layers = append(sum.Layers, ls)
	}
	for _, is := range sc.Issues {
		sum.Issues = append(sum.Issues, fakeIssue(sc, is, agreedRuns[is.Layer], r))
	}
	for _, a := range sc.Actors {
		st := sim.ActorStat{ID: a.ID, Name: a.Name, Role: a.Role}
		if a.Role != scenarios.RoleMediator {
			st.UtilityMean = 0.35 + 0.5*r.Float64()
			st.UtilitySE = 0.2 / math.Sqrt(float64(runs))
			st.ReservationMean = 0.2 + 0.5*r.Float64()
		}
		sum.Actors = append(sum.Actors, st)
	}
	esc := int(float64(runs) * 0.12)
	sum.Escalation, sum.EscCI95 = frac(esc, runs), wilson(esc, runs)
	for _, s := range sc.Shocks {
		sum.Shocks = append(sum.Shocks, sim.ShockStat{ID: s.ID, Title: s.Title, PFired: 0.3 * r.Float64(), MeanFire: 0.5 * r.Float64()})
	}
	if sc.Implementation != nil {
		for _, c := range sc.Implementation.Cheating {
			n := agreedRuns[c.Layer]
			sum.Compliance = append(sum.Compliance, sim.ComplianceStat{Actor: c.Actor, Layer: c.Layer, Runs: n, PCheated: 0.2, PDetected: 0.15})
		}
	}
	return sum
}

func outcomeStat(id, title string, k, n int) sim.OutcomeStat {
	p := frac(k, n)
	return sim.OutcomeStat{ID: id, Title: title, Runs: k, P: p, SE: math.Sqrt(p * (1 - p) / float64(max(n, 1))), CI95: wilson(k, n)}
}

func frac(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

// spread puts n runs into rounds with a geometric decay of rate q.
func spread(by []int, n int, q float64) {
	if len(by) == 0 {
		return
	}
	w := make([]float64, len(by))
	for t := range w {
		w[t] = q * math.Pow(1-q, float64(t))
	}
	copy(by, splitRuns(n, w))
}

// fakeIssue is an agreed-value histogram between the parties' ideal points
// and offer bands that narrow toward the agreed median.
func fakeIssue(sc *scenarios.Scenario, is scenarios.Issue, agreed int, r *rand.Rand) sim.IssueStat {
	lo, hi := is.Scale[0], is.Scale[1]
	var ideals []float64
	for _, a := range sc.Actors {
		for _, p := range a.Positions {
			if p.Issue == is.ID && a.Role == scenarios.RoleParty {
				ideals = append(ideals, Representative(p.Value))
			}
		}
	}
	a, b := lo+(hi-lo)*0.3, lo+(hi-lo)*0.7
	if len(ideals) >= 2 {
		a, b = math.Min(ideals[0], ideals[1]), math.Max(ideals[0], ideals[1])
	}
	mid, sd := (a+b)/2, math.Max((b-a)/6, (hi-lo)/50)
	const bins = 40
	h := sim.Histogram{Lo: lo, Hi: hi, Counts: make([]int, bins)}
	for range agreed {
		v := math.Min(hi, math.Max(lo, mid+sd*r.NormFloat64()))
		k := min(bins-1, int((v-lo)/(hi-lo)*bins))
		h.Counts[k]++
	}
	st := sim.IssueStat{ID: is.ID, Layer: is.Layer, Title: is.Title, Unit: is.Unit, AgreedRuns: agreed, Histogram: h}
	if agreed > 0 {
		st.Mean, st.P10, st.P50, st.P90 = mid, mid-1.28*sd, mid, mid+1.28*sd
	}
	for t := 0; t < sc.Horizon; t++ {
		width := (b - a) * math.Pow(0.8, float64(t))
		n := int(float64(max(agreed, 100)) * math.Pow(0.7, float64(t)))
		if n == 0 {
			break
		}
		st.Offers = append(st.Offers, sim.OfferBand{Round: t + 1, N: n,
			P05: math.Max(lo, mid-width), P25: mid - width/3, P50: mid, P75: mid + width/3, P95: math.Min(hi, mid+width)})
	}
	return st
}

// degenerate results every chart must draw without failing.
func degenerate(t testing.TB) map[string]struct {
	sum *sim.Summary
	sc  *scenarios.Scenario
} {
	sc := builtin(t, "muscat-2026")
	out := map[string]struct {
		sum *sim.Summary
		sc  *scenarios.Scenario
	}{}
	add := func(name string, sum *sim.Summary, sc *scenarios.Scenario) {
		out[name] = struct {
			sum *sim.Summary
			sc  *scenarios.Scenario
		}{sum, sc}
	}

	// No agreement ever: every layer breaks down or stays open.
	none := fakeSummary(sc, 10000)
	for i := range none.Layers {
		l := &none.Layers[i]
		l.PBroken += l.PAgreed + l.PCollapsed
		l.PAgreed, l.PCollapsed = 0, 0
		clear(l.AgreedBy)
	}
	for i := range none.Issues {
		is := &none.Issues[i]
		is.AgreedRuns = 0
		clear(is.Histogram.Counts)
		is.Mean, is.P10, is.P50, is.P90 = 0, 0, 0, 0
	}
	add("no-agreement", none, sc)

	// One outcome only: every run is a stalemate.
	one := fakeSummary(sc, 10000)
	one.Outcomes = []sim.OutcomeStat{outcomeStat("stalemate", "Talks continue without result", 10000, 10000)}
	add("one-outcome", one, sc)

	// A single run.
	single := fakeSummary(sc, 1)
	add("single-run", single, sc)

	// Zero offers recorded and an empty histogram on one issue.
	zero := fakeSummary(sc, 10000)
	for i := range zero.Issues {
		zero.Issues[i].Offers = nil
	}
	zero.Issues[0].AgreedRuns = 0
	clear(zero.Issues[0].Histogram.Counts)
	add("zero-offers", zero, sc)

	// No scenario at all (summary.json alone), and an empty summary.
	add("no-scenario", fakeSummary(sc, 500), nil)
	add("empty", &sim.Summary{Parley: "0.1.0", Scenario: sim.ScenarioRef{Name: "empty"}}, nil)

	// Horizon 1, all outcomes zero but "other".
	h1 := fakeSummary(builtin(t, "rubinstein"), 2000)
	h1.Horizon = 1
	for i := range h1.Layers {
		h1.Layers[i].AgreedBy = h1.Layers[i].AgreedBy[:min(1, len(h1.Layers[i].AgreedBy))]
		h1.Layers[i].BrokenBy = nil
	}
	add("horizon-one", h1, builtin(t, "rubinstein"))
	return out
}
