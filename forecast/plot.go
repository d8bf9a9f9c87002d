package forecast

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// okabeIto is the Okabe–Ito palette, distinguishable with colour-vision
// deficiencies; its yellow, faint on white, comes last.
var okabeIto = []color.RGBA{
	{0, 0, 0, 255}, {230, 159, 0, 255}, {86, 180, 233, 255}, {0, 158, 115, 255},
	{0, 114, 178, 255}, {213, 94, 0, 255}, {204, 121, 167, 255}, {240, 228, 66, 255},
}

// histBlue is the Okabe–Ito blue of the distribution charts.
var histBlue = color.RGBA{0, 114, 178, 255}

// WriteCharts writes into dir, as 150 dpi PNG: for eum and smp, each
// actor's position by round on every dimension (`<model>-<dim>.png`); with
// Monte Carlo runs, the forecast's distribution per model and dimension
// (`<model>-<dim>-runs.png`).
func WriteCharts(dir string, in *Input, res *Result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, m := range res.Models {
		for k, dim := range in.Dimensions {
			var series [][]float64 // series[actor][round]
			switch {
			case m.Model == "eum" && k < len(m.Dimensions):
				pos := m.Dimensions[k].Positions
				series = make([][]float64, len(in.Actors))
				for _, round := range pos {
					for i, x := range round {
						series[i] = append(series[i], x)
					}
				}
			case m.Model == "smp":
				series = make([][]float64, len(in.Actors))
				for _, t := range m.Turns {
					for i, a := range t.Actors {
						series[i] = append(series[i], a.Position[k])
					}
				}
			}
			if series != nil {
				if err := positionChart(filepath.Join(dir, chartName(m.Model, dim, "")), in, m.Model, dim, series); err != nil {
					return err
				}
			}
			if k < len(m.Samples) {
				if err := runsChart(filepath.Join(dir, chartName(m.Model, dim, "-runs")), m.Model, dim, m.Samples[k]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func chartName(model, dim, suffix string) string {
	clean := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, dim)
	return fmt.Sprintf("%s-%s%s.png", model, clean, suffix)
}

// positionChart draws each actor's position by round. Actors whose whole
// paths coincide (e.g. the EC case's three actors at 10 who never move) are
// drawn as one line with one legend entry naming them all, so no line hides
// another. The legend sits to the right of the data area, never over it.
func positionChart(path string, in *Input, model, dim string, series [][]float64) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: positions by round — %s", model, dim)
	p.X.Label.Text = "round"
	if model == "smp" {
		p.X.Label.Text = "turn"
	}
	p.Y.Label.Text = dim
	groups := samePaths(series)
	legend := plot.NewLegend()
	legend.Top, legend.Left = true, true
	for g, members := range groups {
		ys := series[members[0]]
		pts := make(plotter.XYs, len(ys))
		for t, y := range ys {
			pts[t] = plotter.XY{X: float64(t), Y: y}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		l.Color = okabeIto[g%len(okabeIto)]
		// Earlier lines are wider, so where a later path runs along an
		// earlier one (an actor moving to another's position) both show.
		l.Width = vg.Points(1.25)
		if len(groups) > 1 {
			l.Width += vg.Points(2 * float64(len(groups)-1-g) / float64(len(groups)-1))
		}
		if g >= len(okabeIto) {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(2 * float64(g/len(okabeIto)))}
		}
		p.Add(l)
		if len(groups) <= 16 {
			names := make([]string, len(members))
			for k, i := range members {
				names[k] = in.Actors[i].Name
			}
			legend.Add(legendLabel(names), l)
		}
	}
	return savePNGLegendRight(p, legend, path)
}

// samePaths groups the indices of series with identical values, in order
// of first appearance.
func samePaths(series [][]float64) [][]int {
	var groups [][]int
next:
	for i, ys := range series {
		for g, members := range groups {
			if slices.Equal(series[members[0]], ys) {
				groups[g] = append(members, i)
				continue next
			}
		}
		groups = append(groups, []int{i})
	}
	return groups
}

// legendLabel names the actors of one line: all of them when short,
// else the first ones and how many more.
func legendLabel(names []string) string {
	const max = 32
	label := names[0]
	for k, name := range names[1:] {
		more := fmt.Sprintf(" +%d", len(names)-1-k)
		if len([]rune(label+", "+name)) > max-len(more) {
			return label + more
		}
		label += ", " + name
	}
	return label
}

func runsChart(path, model, dim string, samples []float64) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: forecast distribution — %s (%d runs)", model, dim, len(samples))
	p.X.Label.Text = dim
	p.Y.Label.Text = "runs"
	h, err := plotter.NewHist(plotter.Values(samples), 30)
	if err != nil {
		return err
	}
	h.FillColor = histBlue
	h.LineStyle.Color = color.White
	p.Add(h)
	return savePNG(p, path)
}

func savePNG(p *plot.Plot, path string) error {
	c := vgimg.NewWith(vgimg.UseWH(8*vg.Inch, 5*vg.Inch), vgimg.UseDPI(150))
	p.Draw(draw.New(c))
	return writePNG(c, path)
}

// savePNGLegendRight draws p in the left part of the image and legend in a
// column to its right, aligned with the top of the data area, so the
// legend never covers a line. The image widens to keep the data area of
// savePNG's 8 × 5 inches.
func savePNGLegendRight(p *plot.Plot, legend plot.Legend, path string) error {
	const pad = 8 // points between the plot, the legend and the edge
	width := 8 * vg.Inch
	probe := draw.New(vgimg.New(width, 5*vg.Inch))
	r := legend.Rectangle(probe)
	lw := r.Max.X - r.Min.X
	if lw > 0 {
		lw += 2 * vg.Points(pad)
	}
	c := vgimg.NewWith(vgimg.UseWH(width+lw, 5*vg.Inch), vgimg.UseDPI(150))
	dc := draw.New(c)
	p.Draw(draw.Crop(dc, 0, -lw, 0, 0))
	if lw > 0 {
		// Below the title, at the height of the data area's top.
		top := p.Title.TextStyle.Rectangle(p.Title.Text).Max.Y + p.Title.Padding + vg.Points(pad)
		legend.Draw(draw.Crop(dc, width+vg.Points(pad), -vg.Points(pad), 0, -top))
	}
	return writePNG(c, path)
}

// writePNG writes the canvas to path atomically (a temporary file renamed).
func writePNG(c *vgimg.Canvas, path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
