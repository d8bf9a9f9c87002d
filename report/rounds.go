package report

import (
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// Rounds in the summary are numbered as a reader counts them, from 1
// (sim.OfferBand.Round, sim.LayerStat.Round); AgreedBy[i] and BrokenBy[i]
// count the runs that ended in round i+1.

// roundUnit is what one round means ("week"), for axis labels.
func roundUnit(sc *scenarios.Scenario) string {
	if sc != nil && sc.Round != "" {
		return sc.Round
	}
	return "round"
}

// Rounds draws, per layer, the cumulative probability that the layer has
// agreed (solid) and that it has broken down (dashed) by the end of each
// round: the fraction of all runs with LayerStat.AgreedBy (BrokenBy) summed up
// to that round.
func Rounds(sum *sim.Summary, sc *scenarios.Scenario) (*plot.Plot, error) {
	if sum == nil {
		return nil, errNoSummary
	}
	unit := roundUnit(sc)
	p := newPlot(chartTitle("Agreement and breakdown over time", sum, sc), plural(unit)+" of talks completed", "share of runs ended so far (%)")
	horizon := 0
	for _, l := range sum.Layers {
		horizon = max(horizon, len(l.AgreedBy), len(l.BrokenBy))
	}
	if horizon == 0 && sum.Horizon <= maxRounds {
		horizon = sum.Horizon
	}
	if len(sum.Layers) == 0 || sum.Runs == 0 || horizon == 0 {
		return empty(p, "No rounds were played: nothing to show."), nil
	}
	addGrid(p, true, true)
	ymax := 0.0
	for i, l := range sum.Layers {
		name := l.Title
		if name == "" {
			name = layerTitle(sc, l.ID)
		}
		for k, counts := range [][]int{l.AgreedBy, l.BrokenBy} {
			xys := cumulative(counts, horizon, sum.Runs)
			line, err := plotter.NewLine(xys)
			if err != nil {
				return nil, err
			}
			line.LineStyle = draw.LineStyle{Color: seriesColor(i), Width: vg.Points(2)}
			if k == 1 {
				line.LineStyle.Dashes = dashed
			}
			line.StepStyle = plotter.PostStep
			p.Add(line)
			if k == 0 {
				p.Legend.Add(wrap(name, 26), line)
			}
			ymax = max(ymax, xys[len(xys)-1].Y)
		}
	}
	// The two line styles, explained once for all layers.
	p.Legend.Add("solid: agreed", lineThumb{draw.LineStyle{Color: inkColor, Width: vg.Points(2)}})
	p.Legend.Add("dashed: broke down", lineThumb{draw.LineStyle{Color: inkColor, Width: vg.Points(2), Dashes: dashed}})
	p.X.Min, p.X.Max = 0, float64(horizon)
	p.X.Tick.Marker = roundTicks{}
	p.Y.Min, p.Y.Max = 0, percentAxisMax(ymax)
	return p, nil
}

// cumulative turns per-round counts (index i: ended during round i+1) into the percentage of runs that had ended after r rounds,
// r = 0…horizon, drawn as a post-step line: the value jumps at the end of the
// round in which the runs ended.
func cumulative(counts []int, horizon, runs int) plotter.XYs {
	xys := make(plotter.XYs, 0, horizon+1)
	xys = append(xys, plotter.XY{X: 0, Y: 0})
	total := 0
	for t := 0; t < horizon; t++ {
		if t < len(counts) {
			total += counts[t]
		}
		xys = append(xys, plotter.XY{X: float64(t + 1), Y: 100 * float64(total) / float64(runs)})
	}
	return xys
}

// maxRounds bounds a horizon read from a summary that carries no per-round
// counts, so a damaged summary.json cannot make a chart loop for ever.
const maxRounds = 100000

// dashed is the dash pattern of breakdown lines.
var dashed = []vg.Length{vg.Points(6), vg.Points(3)}

// roundTicks labels round numbers with integers only.
type roundTicks struct{}

func (roundTicks) Ticks(lo, hi float64) []plot.Tick {
	step := max(1, niceStep(lo, hi, 10))
	var ticks []plot.Tick
	for v := step * float64(int(lo/step)); v <= hi; v += step {
		if v >= lo {
			ticks = append(ticks, plot.Tick{Value: v, Label: formatTick(v, 1)})
		}
	}
	return ticks
}

// plural is the plural of a round unit ("week" → "weeks"), for labels.
func plural(unit string) string {
	switch {
	case unit == "":
		return "rounds"
	case strings.HasSuffix(unit, "s"):
		return unit
	case strings.HasSuffix(unit, "y") && !strings.HasSuffix(unit, "ay") && !strings.HasSuffix(unit, "ey"):
		return unit[:len(unit)-1] + "ies"
	}
	return unit + "s"
}
