package report

import (
	"errors"
	"image/color"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// errNoSummary is returned by every chart given a nil summary.
var errNoSummary = errors.New("report: no summary")

// Outcomes draws the probability of each named outcome as a horizontal bar
// with its 95 % Wilson interval as a whisker, most likely first, each labelled
// with its title and percentage. The catch-all "other" appears only when some
// runs matched no outcome.
func Outcomes(sum *sim.Summary, sc *scenarios.Scenario) (*plot.Plot, error) {
	if sum == nil {
		return nil, errNoSummary
	}
	p := newPlot(chartTitle("Outcome probabilities", sum, sc), "share of runs (%) · whiskers: 95 % interval", "")
	rows := outcomeRows(sum)
	if len(rows) == 0 || sum.Runs == 0 {
		return empty(p, "No runs: nothing to show."), nil
	}
	addGrid(p, true, false)

	// Row 0 is drawn at the bottom, so the most likely outcome goes last.
	bars := &rects{}
	ci := &whiskers{horizontal: true, line: draw.LineStyle{Color: inkColor, Width: vg.Points(1.2)}, capLen: vg.Points(7)}
	lbl := &labels{}
	ticks := make([]plot.Tick, len(rows))
	xmax := 0.0
	for i, o := range rows {
		y := float64(len(rows) - 1 - i)
		var fill color.Color = okabeBlue
		if o.ID == "other" {
			fill = greyColor
		}
		bars.items = append(bars.items, rect{x0: 0, x1: 100 * o.P, y0: y - barHalf, y1: y + barHalf, fill: fill})
		ci.items = append(ci.items, whisker{lo: 100 * o.CI95[0], hi: 100 * o.CI95[1], at: y})
		s := textStyle(tickSize, inkColor)
		s.XAlign, s.YAlign = draw.XLeft, draw.YCenter
		lbl.items = append(lbl.items, label{x: 100 * max(o.CI95[1], o.P), y: y, dx: vg.Points(6), text: formatPercent(o.P), style: s})
		ticks[i] = plot.Tick{Value: y, Label: wrap(o.Title, 34)}
		xmax = max(xmax, 100*o.CI95[1], 100*o.P)
	}
	p.Add(bars, ci, lbl)
	p.X.Min, p.X.Max = 0, percentAxisMax(xmax)
	categoryAxis(p, ticks)
	return p, nil
}

// barHalf is half the thickness of a bar in category units, leaving a gap of
// a third between bars.
const barHalf = 0.33

// outcomeRows are the outcomes to draw, most likely first; ties keep the
// scenario's order. "other" is dropped when no run fell in it.
func outcomeRows(sum *sim.Summary) []sim.OutcomeStat {
	rows := make([]sim.OutcomeStat, 0, len(sum.Outcomes))
	for _, o := range sum.Outcomes {
		if o.ID == "other" && o.Runs == 0 {
			continue
		}
		if o.Title == "" {
			o.Title = o.ID
		}
		rows = append(rows, o)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].P > rows[j].P })
	return rows
}

// percentAxisMax is the end of a percentage axis showing values up to x: the
// next multiple of a round step, at most 100, at least 1.
func percentAxisMax(x float64) float64 {
	if x >= 80 {
		return 100
	}
	step := niceStep(0, max(x, 1), 5)
	m := step
	for m < x*1.0001 {
		m += step
	}
	return min(m, 100)
}

// chartTitle is "what — scenario title", broken onto two lines when long.
func chartTitle(what string, sum *sim.Summary, sc *scenarios.Scenario) string {
	name := scenarioTitle(sum, sc)
	if name == "" {
		return what
	}
	if len([]rune(what))+len([]rune(name)) > 70 {
		return what + "\n" + name
	}
	return what + " — " + name
}

// scenarioTitle is the scenario's title, from the scenario or else the summary.
func scenarioTitle(sum *sim.Summary, sc *scenarios.Scenario) string {
	switch {
	case sc != nil && sc.Title != "":
		return sc.Title
	case sum != nil && sum.Scenario.Title != "":
		return sum.Scenario.Title
	case sc != nil && sc.Name != "":
		return sc.Name
	case sum != nil:
		return sum.Scenario.Name
	}
	return ""
}
