package report

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// Issue draws the distribution of an issue's agreed value over the runs in
// which its layer agreed, in the issue's units: a histogram of the fixed bins
// of IssueStat.Histogram, as a share of those runs. Each actor's ideal point
// is a thin solid line and each red line a thick one, dashed when it may be a
// bluff (firmness < 1), labelled with its firmness; the issue's marks label
// the value axis. An issue that was never agreed shows the lines and says so.
func Issue(sum *sim.Summary, sc *scenarios.Scenario, id string) (*plot.Plot, error) {
	if sum == nil {
		return nil, errNoSummary
	}
	st, is := findIssue(sum, sc, id)
	if st == nil && is == nil {
		return nil, fmt.Errorf("report: no issue %q in the summary or the scenario", id)
	}

	title, unit := id, ""
	lo, hi := math.NaN(), math.NaN()
	if st != nil {
		title, unit = nonEmpty(st.Title, id), st.Unit
		lo, hi = st.Histogram.Lo, st.Histogram.Hi
	}
	if is != nil {
		title, unit = nonEmpty(is.Title, title), nonEmpty(is.Unit, unit)
		lo, hi = is.Scale[0], is.Scale[1]
	}
	if !(hi > lo) {
		lo, hi = 0, 1
	}
	xLabel := "agreed value"
	if unit != "" {
		xLabel += " (" + unit + ")"
	}
	p := newPlot(wrap(title, 70), xLabel, "share of runs with an agreement (%)")
	addGrid(p, false, true)

	// The histogram, as a percentage of the runs in which the layer agreed.
	bars := &rects{line: draw.LineStyle{Color: color.White, Width: vg.Points(0.4)}}
	top := 0.0
	if st != nil && st.AgreedRuns > 0 && len(st.Histogram.Counts) > 0 && st.Histogram.Hi > st.Histogram.Lo {
		h := displayBins(st.Histogram, maxDisplayBins)
		w := (h.Hi - h.Lo) / float64(len(h.Counts))
		for k, n := range h.Counts {
			if n <= 0 {
				continue
			}
			v := 100 * float64(n) / float64(st.AgreedRuns)
			bars.items = append(bars.items, rect{x0: h.Lo + float64(k)*w, x1: h.Lo + float64(k+1)*w, y0: 0, y1: v, fill: okabeSkyBlue})
			top = max(top, v)
		}
	}
	// Bars, then the lines over them (bars are merged to at most
	// maxDisplayBins, so a line never hides one), then the labels over both.
	lines := issueLines(sc, id)
	if len(bars.items) > 0 {
		p.Add(bars)
	}
	if len(lines.items) > 0 {
		p.Add(&vlineLayer{v: lines, lines: true})
	}
	if len(bars.items) == 0 {
		p.Add(newNote("No run reached an agreement on this issue:\nthere is no agreed value to show."))
		p.Y.Tick.Marker = plot.ConstantTicks{}
	}

	barTop := percentAxisMax(max(top, 5))
	// Headroom above the bars for the rows of line labels, estimated on the
	// data area of the standard canvas (about 6.8 in × 3.9 in).
	rows := lines.rows(6.8*vg.Inch, lo, hi)
	frac := float64(vg.Length(rows)*lines.rowHeight()) / float64(3.9*vg.Inch)
	p.Y.Min, p.Y.Max = 0, barTop/math.Max(0.25, 1-frac-0.04)
	if len(bars.items) > 0 {
		p.Y.Tick.Marker = cappedTicks{inner: niceTicks{}, cap: barTop}
	}
	if len(lines.items) > 0 {
		p.Add(&vlineLayer{v: lines})
	}
	p.X.Min, p.X.Max = lo, hi
	if is != nil && len(is.Marks) > 0 {
		p.X.Tick.Marker = markTicks{marks: is.Marks}
	}
	return p, nil
}

// issueLines collects the annotated lines of an issue: every actor's ideal
// point (its representative value when uncertain, marked ≈) and every red
// line bound with its firmness.
func issueLines(sc *scenarios.Scenario, id string) *vlines {
	v := &vlines{style: textStyle(noteSize, inkColor)}
	if sc == nil {
		return v
	}
	for ai, a := range sc.Actors {
		col := seriesColor(ai)
		name := shortName(a)
		for _, pos := range a.Positions {
			if pos.Issue != id {
				continue
			}
			x := Representative(pos.Value)
			if math.IsNaN(x) {
				continue
			}
			approx := ""
			if IsUncertain(pos.Value) {
				approx = "≈"
			}
			v.items = append(v.items, vline{
				x: x, color: col,
				text: name + " ideal " + approx + formatValue(x),
				line: draw.LineStyle{Color: col, Width: vg.Points(1.3)},
			})
		}
		for _, rl := range a.RedLines {
			if rl.Issue != id {
				continue
			}
			firm := Representative(rl.Firmness)
			if !rl.Firmness.Set && len(rl.Firmness.Args) == 0 {
				firm = 1 // default firmness (SCENARIO.md)
			}
			line := draw.LineStyle{Color: col, Width: vg.Points(3)}
			how := "firm"
			if firm < 1 || IsUncertain(rl.Firmness) {
				line.Width = vg.Points(2.2)
				line.Dashes = []vg.Length{vg.Points(7), vg.Points(4)}
				how = "firmness " + Describe(rl.Firmness)
			}
			for _, b := range []struct {
				bound *float64
				word  string
			}{{rl.Max, "max"}, {rl.Min, "min"}} {
				if b.bound == nil {
					continue
				}
				v.items = append(v.items, vline{
					x: *b.bound, color: col, line: line,
					text: name + " red line: " + b.word + " " + formatValue(*b.bound) + " (" + how + ")",
				})
			}
		}
	}
	return v
}

// maxDisplayBins is the most histogram bars an issue chart draws: finer bins
// (the engine keeps many, for quantiles) are merged for reading.
const maxDisplayBins = 60

// displayBins merges groups of adjacent bins of h so there are at most max,
// merging only by a factor that divides the number of bins, so all bars keep
// the same width. A spike (many runs on one value) stays a spike.
func displayBins(h sim.Histogram, maxBins int) sim.Histogram {
	n := len(h.Counts)
	k := 1
	for f := 2; n/k > maxBins && f <= n; f++ {
		if n%f == 0 {
			k = f
		}
	}
	if k == 1 {
		return h
	}
	out := sim.Histogram{Lo: h.Lo, Hi: h.Hi, Counts: make([]int, n/k)}
	for i, c := range h.Counts {
		out.Counts[i/k] += c
	}
	return out
}

// nonEmpty returns s, or def when s is empty.
func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// cappedTicks labels only up to cap, leaving the headroom above it (where
// line labels go) without numbers.
type cappedTicks struct {
	inner plot.Ticker
	cap   float64
}

func (c cappedTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range c.inner.Ticks(lo, min(hi, c.cap)) {
		if t.Value <= c.cap*(1+1e-9) {
			out = append(out, t)
		}
	}
	return out
}

// markTicks labels an issue axis with its marks ("3.67 JCPOA cap") between
// the round-number ticks. A round-number label too close to a mark is
// dropped (the tick stays), and a mark too close to the previous one is set
// one row lower, so no two labels overlap.
type markTicks struct{ marks []scenarios.Mark }

func (m markTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	marks := append([]scenarios.Mark(nil), m.marks...)
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].Value < marks[j].Value })
	var ticks []plot.Tick
	// Minimum distance, as a share of the axis, between a mark and a
	// round-number label (about two short numbers) and between two marks on
	// the same row (about one mark label).
	const numberGap, markGap = 0.06, 0.16
	for _, t := range (niceTicks{}).Ticks(lo, hi) {
		for _, mk := range marks {
			if t.Label != "" && math.Abs(t.Value-mk.Value) < numberGap*span {
				t.Label = ""
			}
		}
		ticks = append(ticks, t)
	}
	lastOnRow := []float64{} // value of the last mark on each row
	for _, mk := range marks {
		if mk.Value < lo || mk.Value > hi {
			continue
		}
		row := 0
		for row < len(lastOnRow) && mk.Value-lastOnRow[row] < markGap*span {
			row++
		}
		if row == len(lastOnRow) {
			lastOnRow = append(lastOnRow, 0)
		}
		lastOnRow[row] = mk.Value
		text := formatValue(mk.Value)
		if mk.Label != "" {
			text += "\n" + mk.Label
		}
		for r := 0; r < row; r++ {
			text = "\n\n" + text
		}
		ticks = append(ticks, plot.Tick{Value: mk.Value, Label: text})
	}
	return ticks
}

// shortName is an actor's name without a trailing parenthesis, for labels
// inside charts: "United States (Witkoff, Kushner, Rubio)" → "United States".
func shortName(a scenarios.Actor) string {
	name := a.Name
	if i := strings.Index(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		name = name[:i]
	}
	return nonEmpty(strings.TrimSpace(name), a.ID)
}

// findIssue returns the issue id's statistics and its definition in the
// scenario; either is nil when absent (sc may be nil).
func findIssue(sum *sim.Summary, sc *scenarios.Scenario, id string) (*sim.IssueStat, *scenarios.Issue) {
	var st *sim.IssueStat
	for i := range sum.Issues {
		if sum.Issues[i].ID == id {
			st = &sum.Issues[i]
		}
	}
	var is *scenarios.Issue
	if sc != nil {
		for i := range sc.Issues {
			if sc.Issues[i].ID == id {
				is = &sc.Issues[i]
			}
		}
	}
	return st, is
}
