package report

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// layerEnd is one way a layer can end, with its colour in the layers chart.
type layerEnd struct {
	name string
	fill color.Color
	p    func(l sim.LayerStat) float64
	dark bool // fill is dark enough for white text
}

// layerEnds are the disjoint ends of a layer, in the order they are
// stacked, the good news first: the five statuses of runs.csv (CLI.md), with
// "open" split into still open at the horizon and never opened (on the
// agenda, but a prerequisite layer never agreed).
var layerEnds = []layerEnd{
	{"agreed, held", okabeGreen, func(l sim.LayerStat) float64 { return l.PAgreed }, true},
	{"agreed, then collapsed", okabePurple, func(l sim.LayerStat) float64 { return l.PCollapsed }, true},
	{"broke down", okabeVermilion, func(l sim.LayerStat) float64 { return l.PBroken }, true},
	{"open at the horizon", okabeSkyBlue, func(l sim.LayerStat) float64 { return max(0, l.POpen-l.PUnopened) }, false},
	{"never opened", okabeYellow, func(l sim.LayerStat) float64 { return l.PUnopened }, false},
	{"off the agenda", greyColor, func(l sim.LayerStat) float64 { return l.POffAgenda }, false},
}

// Layers draws, per layer, one horizontal bar stacked from how the layer
// ended across runs: agreed and held, agreed then collapsed in compliance,
// broke down, still open at the horizon, never opened because a prerequisite
// never agreed, off the agenda. Segments wide
// enough carry their percentage; a layer on which the parties' firm red
// lines sometimes left no feasible deal says how often under its name.
func Layers(sum *sim.Summary, sc *scenarios.Scenario) (*plot.Plot, error) {
	if sum == nil {
		return nil, errNoSummary
	}
	p := newPlot(chartTitle("How each layer ended", sum, sc), "share of runs (%)", "")
	if len(sum.Layers) == 0 || sum.Runs == 0 {
		return empty(p, "No layers or no runs: nothing to show."), nil
	}
	addGrid(p, true, false)
	bars := &rects{line: draw.LineStyle{Color: color.White, Width: vg.Points(0.8)}}
	lbl := &labels{}
	ticks := make([]plot.Tick, len(sum.Layers))
	for i, l := range sum.Layers {
		y := float64(len(sum.Layers) - 1 - i) // first layer on top
		x := 0.0
		for _, e := range layerEnds {
			v := 100 * e.p(l)
			if v <= 0 {
				continue
			}
			bars.items = append(bars.items, rect{x0: x, x1: x + v, y0: y - barHalf, y1: y + barHalf, fill: e.fill})
			{
				c := color.Color(inkColor)
				if e.dark {
					c = color.White
				}
				s := textStyle(noteSize, c)
				s.XAlign, s.YAlign = draw.XCenter, draw.YCenter
				lbl.items = append(lbl.items, label{x: x + v/2, y: y, text: formatPercent(v / 100), style: s, fitLo: x, fitHi: x + v})
			}
			x += v
		}
		name := l.Title
		if name == "" {
			name = layerTitle(sc, l.ID)
		}
		name = wrap(name, 22)
		if l.PInfeasible > 0 {
			name += "\n(no feasible deal: " + formatPercent(l.PInfeasible) + ")"
		}
		ticks[i] = plot.Tick{Value: y, Label: name}
	}
	p.Add(bars, lbl)
	for _, e := range layerEnds {
		p.Legend.Add(e.name, swatch{fill: e.fill})
	}
	p.X.Min, p.X.Max = 0, 100
	categoryAxis(p, ticks)
	return p, nil
}

// layerTitle is a layer's title from the scenario, or its id.
func layerTitle(sc *scenarios.Scenario, id string) string {
	if sc != nil {
		for _, l := range sc.Layers {
			if l.ID == id && l.Title != "" {
				return l.Title
			}
		}
	}
	return id
}
