package report

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// Utilities draws, per actor with interests (a salience on some issue;
// mediators and pure pressure groups have none and are indifferent), its mean
// run utility (MODEL.md §2) as a bar with ± one standard error as a whisker,
// and next to it a diamond at its reservation value — what it would get with
// no deal. A bar that ends left of its diamond means the actor did worse, on
// average, than walking away.
func Utilities(sum *sim.Summary, sc *scenarios.Scenario) (*plot.Plot, error) {
	if sum == nil {
		return nil, errNoSummary
	}
	p := newPlot(chartTitle("What each actor gets", sum, sc), "utility (0 = worst, 1 = its ideal)", "")
	var actors []sim.ActorStat
	for _, a := range sum.Actors {
		if hasInterests(sc, a) {
			actors = append(actors, a)
		}
	}
	if len(actors) == 0 || sum.Runs == 0 {
		return empty(p, "No actor with interests, or no runs: nothing to show."), nil
	}
	addGrid(p, true, false)
	bars := &rects{}
	se := &whiskers{horizontal: true, line: draw.LineStyle{Color: inkColor, Width: vg.Points(1.2)}, capLen: vg.Points(7)}
	res := &glyphs{style: draw.GlyphStyle{Color: okabeVermilion, Radius: vg.Points(7), Shape: diamondGlyph{}}}
	ticks := make([]plot.Tick, len(actors))
	xmin, xmax := 0.0, 1.0
	for i, a := range actors {
		y := float64(len(actors) - 1 - i)
		bars.items = append(bars.items, rect{x0: 0, x1: a.UtilityMean, y0: y - barHalf, y1: y + barHalf, fill: okabeBlue})
		se.items = append(se.items, whisker{lo: a.UtilityMean - a.UtilitySE, hi: a.UtilityMean + a.UtilitySE, at: y})
		res.items = append(res.items, pt{a.ReservationMean, y})
		name := a.Name
		if name == "" {
			name = a.ID
		}
		ticks[i] = plot.Tick{Value: y, Label: wrap(name, 24)}
		xmin = min(xmin, a.UtilityMean-a.UtilitySE, a.ReservationMean)
		xmax = max(xmax, a.UtilityMean+a.UtilitySE, a.ReservationMean)
	}
	p.Add(bars, se, res)
	p.Legend.Add("mean utility", swatch{fill: okabeBlue})
	p.Legend.Add("± 1 standard error", lineThumb{line: se.line})
	p.Legend.Add("reservation (no deal)", glyphThumb{glyph: res.style})
	p.X.Min, p.X.Max = xmin, xmax
	categoryAxis(p, ticks)
	return p, nil
}

// hasInterests reports whether an actor cares about some issue: it is not a
// mediator and, when the scenario is known, has a positive salience. An
// actor without interests has utility 1 whatever happens (MODEL.md §2), which
// would read as a triumph on the chart.
func hasInterests(sc *scenarios.Scenario, a sim.ActorStat) bool {
	if a.Role == scenarios.RoleMediator {
		return false
	}
	if sc == nil {
		return true
	}
	for _, ac := range sc.Actors {
		if ac.ID != a.ID {
			continue
		}
		for _, s := range ac.Salience {
			if Representative(s.Value) > 0 || IsUncertain(s.Value) {
				return true
			}
		}
		return false
	}
	return true
}
