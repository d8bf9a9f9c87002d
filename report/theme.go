package report

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The house theme. Every chart is drawn on a canvas of chartWidth × chartHeight
// (taller when it has many rows) and rendered at dpi: 8 in × 5⅓ in at 150 dpi
// is 1200 × 800 pixels.
const (
	dpi         = 150
	chartWidth  = 8 * vg.Inch
	chartHeight = 16 * vg.Inch / 3
)

// sans is the face of every text: the Liberation Sans that gonum/plot embeds,
// so the charts look the same on every machine.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Text sizes in points; at 150 dpi and the report's 900 px column they read
// like 13–17 px body text.
const (
	titleSize  = 15
	labelSize  = 13
	tickSize   = 11.5
	legendSize = 11.5
	noteSize   = 11
)

// The plot package reads its default font when a plot is created, so it must
// be set before any plot exists: package initialisation is the only point
// guaranteed to come first.
func init() {
	plot.DefaultFont = sans
	plotter.DefaultFont = sans
}

// The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"): eight
// colours that stay distinguishable under the common colour-vision deficiencies.
var (
	okabeOrange    = color.RGBA{0xE6, 0x9F, 0x00, 0xFF}
	okabeSkyBlue   = color.RGBA{0x56, 0xB4, 0xE9, 0xFF}
	okabeGreen     = color.RGBA{0x00, 0x9E, 0x73, 0xFF}
	okabeYellow    = color.RGBA{0xF0, 0xE4, 0x42, 0xFF}
	okabeBlue      = color.RGBA{0x00, 0x72, 0xB2, 0xFF}
	okabeVermilion = color.RGBA{0xD5, 0x5E, 0x00, 0xFF}
	okabePurple    = color.RGBA{0xCC, 0x79, 0xA7, 0xFF}
	okabeBlack     = color.RGBA{0x00, 0x00, 0x00, 0xFF}

	// series is the order in which series (layers, actors) take colours:
	// the strongest contrasts first, yellow (weak on white) last.
	series = []color.Color{okabeBlue, okabeVermilion, okabeGreen, okabePurple, okabeOrange, okabeSkyBlue, okabeBlack, okabeYellow}

	gridColor  = color.Gray{0xE3}
	greyColor  = color.Gray{0xB8}
	inkColor   = color.Gray{0x22}
	mutedColor = color.Gray{0x55}
)

// seriesColor is the colour of the i-th series; it cycles after eight.
func seriesColor(i int) color.Color { return series[i%len(series)] }

// withAlpha returns c with opacity a in [0, 1], premultiplied as color.RGBA requires.
func withAlpha(c color.Color, a float64) color.Color {
	r, g, b, _ := c.RGBA()
	return color.RGBA{
		R: uint8(float64(r>>8) * a),
		G: uint8(float64(g>>8) * a),
		B: uint8(float64(b>>8) * a),
		A: uint8(255 * a),
	}
}

// textStyle is a house text style of the given size.
func textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(sans, size),
		Handler: plot.DefaultTextHandler,
	}
}

// newPlot returns a plot in the house theme: title, axis labels, tick and
// legend styles, a light grid drawn first. Axis ranges are left to the chart.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle = textStyle(titleSize, inkColor)
	p.Title.TextStyle.XAlign = draw.XCenter
	p.Title.TextStyle.YAlign = draw.YTop
	p.Title.Padding = vg.Points(10)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle = textStyle(labelSize, inkColor)
		ax.Label.TextStyle.XAlign = draw.XCenter
		ax.Label.TextStyle.YAlign = draw.YBottom
		ax.Label.Padding = vg.Points(6)
		ax.LineStyle = draw.LineStyle{Color: mutedColor, Width: vg.Points(0.6)}
		ax.Tick.LineStyle = draw.LineStyle{Color: mutedColor, Width: vg.Points(0.6)}
		ax.Tick.Length = vg.Points(5)
		ax.Padding = vg.Points(4)
		ax.Tick.Marker = niceTicks{}
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.X.Tick.Label = textStyle(tickSize, inkColor)
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Tick.Label.YAlign = draw.YTop
	p.Y.Tick.Label = textStyle(tickSize, inkColor)
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
	p.Legend.TextStyle = textStyle(legendSize, inkColor)
	p.Legend.ThumbnailWidth = vg.Points(22)
	p.Legend.Padding = vg.Points(4)
	p.Legend.Top = true
	p.Legend.Left = true
	return p
}

// addGrid adds the light grid: vertical lines at the X ticks when vx, horizontal
// at the Y ticks when hy. It must be added first so the data covers it.
func addGrid(p *plot.Plot, vx, hy bool) {
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: gridColor, Width: vg.Points(0.7)}
	g.Horizontal = g.Vertical
	if !vx {
		g.Vertical.Color = nil
	}
	if !hy {
		g.Horizontal.Color = nil
	}
	p.Add(g)
}

// niceTicks labels an axis at round numbers: steps of 1, 2 or 5 × 10^k chosen
// so that about six labels fit (Heckbert 1990, "Nice numbers for graph
// labels", Graphics Gems I), with unlabelled minor ticks half-way.
type niceTicks struct {
	suffix string // appended to every label, e.g. "%"
	target int    // wanted number of labels; 0 means 6
}

// Ticks implements plot.Ticker.
func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	target := t.target
	if target == 0 {
		target = 6
	}
	step := niceStep(lo, hi, target)
	if step == 0 {
		return []plot.Tick{{Value: lo, Label: formatTick(lo, 1) + t.suffix}}
	}
	var ticks []plot.Tick
	first := math.Ceil(lo/step - 1e-9)
	for k := first; k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0 // no "-0"
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: formatTick(v, step) + t.suffix})
		if m := v + step/2; m < hi {
			ticks = append(ticks, plot.Tick{Value: m})
		}
	}
	if first*step-step/2 > lo {
		ticks = append(ticks, plot.Tick{Value: first*step - step/2})
	}
	return ticks
}

// niceStep is the 1-2-5 step that splits [lo, hi] into about target intervals.
func niceStep(lo, hi float64, target int) float64 {
	span := hi - lo
	if !(span > 0) || math.IsInf(span, 0) {
		return 0
	}
	raw := span / float64(target)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / mag; {
	case f < 1.5:
		return mag
	case f < 3:
		return 2 * mag
	case f < 7:
		return 5 * mag
	default:
		return 10 * mag
	}
}

// formatTick writes v with as many decimals as the step needs and no more.
func formatTick(v, step float64) string {
	prec := 0
	if step > 0 && step < 1 {
		prec = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// formatValue writes a value in an issue's units for labels: up to three
// significant decimals, trailing zeros dropped (3.67, 25, 0.125).
func formatValue(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', 3, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// formatPercent writes a probability as a percentage: one decimal, or two
// below 1 % so that rare outcomes do not read as zero.
func formatPercent(p float64) string {
	x := 100 * p
	switch {
	case math.IsNaN(x):
		return "–"
	case x != 0 && math.Abs(x) < 1:
		return strconv.FormatFloat(x, 'f', 2, 64) + " %"
	default:
		return strconv.FormatFloat(x, 'f', 1, 64) + " %"
	}
}

// wrap breaks s into lines of at most width runes at spaces, for long
// category labels; a single long word stays whole.
func wrap(s string, width int) string {
	words := strings.Fields(s)
	var b strings.Builder
	n := 0
	for i, w := range words {
		l := len([]rune(w))
		if i > 0 {
			if n+1+l > width {
				b.WriteByte('\n')
				n = 0
			} else {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(w)
		n += l
	}
	return b.String()
}

// categoryAxis makes the Y axis a list of categories (bars at 0, 1, …, with
// ticks labelled), without a line or tick marks. With fewer than three
// categories the range is padded so that a lone bar keeps its usual thickness.
func categoryAxis(p *plot.Plot, ticks []plot.Tick) {
	n := float64(len(ticks))
	pad := max(0, (3-n)/2)
	p.Y.Min, p.Y.Max = -0.6-pad, n-0.4+pad
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
}
