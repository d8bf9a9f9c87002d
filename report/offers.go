package report

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// Offers draws a fan chart of the offers on the table on one issue, round by
// round, in the issue's units (IssueStat.Offers): the median offer as a line,
// the middle 50 % of offers as a dark band and the middle 90 % as a light
// one. Rounds in which no offer was made on the issue are gaps.
func Offers(sum *sim.Summary, sc *scenarios.Scenario, id string) (*plot.Plot, error) {
	if sum == nil {
		return nil, errNoSummary
	}
	st, is := findIssue(sum, sc, id)
	if st == nil {
		return nil, fmt.Errorf("report: no issue %q in the summary", id)
	}
	title, unit := nonEmpty(st.Title, id), st.Unit
	lo, hi := st.Histogram.Lo, st.Histogram.Hi
	if is != nil {
		title, unit = nonEmpty(is.Title, title), nonEmpty(is.Unit, unit)
		lo, hi = is.Scale[0], is.Scale[1]
	}
	if !(hi > lo) {
		lo, hi = 0, 1
	}
	yLabel := "offer"
	if unit != "" {
		yLabel += " (" + unit + ")"
	}
	runit := roundUnit(sc)
	p := newPlot(wrap("Offers on the table: "+title, 70), runit, yLabel)
	p.Y.Min, p.Y.Max = lo, hi

	var bands []sim.OfferBand
	last := 0
	for _, b := range st.Offers {
		if b.N > 0 {
			bands = append(bands, b)
			last = max(last, b.Round)
		}
	}
	if sum.Horizon <= maxRounds {
		last = max(last, sum.Horizon)
	}
	p.X.Min, p.X.Max = 0.5, float64(max(last, 1))+0.5
	p.X.Tick.Marker = roundTicks{}
	if len(bands) == 0 {
		p.Add(newNote("No offers were recorded on this issue."))
		return p, nil
	}
	addGrid(p, false, true)

	outer := withAlpha(okabeBlue, 0.22)
	inner := withAlpha(okabeBlue, 0.45)
	// Split into runs of consecutive rounds: a band is not drawn across a gap.
	for _, seg := range consecutive(bands) {
		if len(seg) == 1 {
			b := seg[0]
			x := float64(b.Round)
			p.Add(&rects{items: []rect{
				{x0: x - 0.2, x1: x + 0.2, y0: b.P05, y1: b.P95, fill: outer},
				{x0: x - 0.2, x1: x + 0.2, y0: b.P25, y1: b.P75, fill: inner},
			}})
			continue
		}
		for _, band := range []struct {
			lo, hi func(sim.OfferBand) float64
			fill   color.Color
		}{
			{func(b sim.OfferBand) float64 { return b.P05 }, func(b sim.OfferBand) float64 { return b.P95 }, outer},
			{func(b sim.OfferBand) float64 { return b.P25 }, func(b sim.OfferBand) float64 { return b.P75 }, inner},
		} {
			poly := make(plotter.XYs, 0, 2*len(seg))
			for _, b := range seg {
				poly = append(poly, plotter.XY{X: float64(b.Round), Y: band.hi(b)})
			}
			for k := len(seg) - 1; k >= 0; k-- {
				poly = append(poly, plotter.XY{X: float64(seg[k].Round), Y: band.lo(seg[k])})
			}
			pg, err := plotter.NewPolygon(poly)
			if err != nil {
				return nil, err
			}
			pg.Color = band.fill
			pg.LineStyle.Width = 0
			p.Add(pg)
		}
	}
	med := &glyphs{style: draw.GlyphStyle{Color: okabeBlue, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}}
	for _, seg := range consecutive(bands) {
		xys := make(plotter.XYs, len(seg))
		for k, b := range seg {
			xys[k] = plotter.XY{X: float64(b.Round), Y: b.P50}
			med.items = append(med.items, pt{xys[k].X, xys[k].Y})
		}
		if len(xys) > 1 {
			l, err := plotter.NewLine(xys)
			if err != nil {
				return nil, err
			}
			l.LineStyle = draw.LineStyle{Color: okabeBlue, Width: vg.Points(2.2)}
			p.Add(l)
		}
	}
	p.Add(med)
	p.Legend.Add("median offer", lineThumb{line: draw.LineStyle{Color: okabeBlue, Width: vg.Points(2.2)}})
	p.Legend.Add("middle 50 % of offers", swatch{fill: outer}, swatch{fill: inner})
	p.Legend.Add("middle 90 % of offers", swatch{fill: outer})
	return p, nil
}

// consecutive splits bands (in round order) into runs of consecutive rounds.
func consecutive(bands []sim.OfferBand) [][]sim.OfferBand {
	var out [][]sim.OfferBand
	start := 0
	for i := 1; i <= len(bands); i++ {
		if i == len(bands) || bands[i].Round != bands[i-1].Round+1 {
			out = append(out, bands[start:i])
			start = i
		}
	}
	return out
}
