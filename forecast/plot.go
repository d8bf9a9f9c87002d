package forecast

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// okabeIto is the Okabe–Ito palette, distinguishable with colour-vision
// deficiencies.
var okabeIto = []color.RGBA{
	{0, 0, 0, 255}, {230, 159, 0, 255}, {86, 180, 233, 255}, {0, 158, 115, 255},
	{240, 228, 66, 255}, {0, 114, 178, 255}, {213, 94, 0, 255}, {204, 121, 167, 255},
}

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

func positionChart(path string, in *Input, model, dim string, series [][]float64) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: positions by round — %s", model, dim)
	p.X.Label.Text = "round"
	p.Y.Label.Text = dim
	for i, ys := range series {
		pts := make(plotter.XYs, len(ys))
		for t, y := range ys {
			pts[t] = plotter.XY{X: float64(t), Y: y}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		l.Color = okabeIto[i%len(okabeIto)]
		l.Width = vg.Points(1.5)
		if i >= len(okabeIto) {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(2 * float64(i/len(okabeIto)))}
		}
		p.Add(l)
		if len(series) <= 16 {
			p.Legend.Add(in.Actors[i].Name, l)
		}
	}
	p.Legend.Top = true
	return savePNG(p, path)
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
	h.FillColor = okabeIto[5]
	h.LineStyle.Color = color.White
	p.Add(h)
	return savePNG(p, path)
}

func savePNG(p *plot.Plot, path string) error {
	c := vgimg.NewWith(vgimg.UseWH(8*vg.Inch, 5*vg.Inch), vgimg.UseDPI(150))
	p.Draw(draw.New(c))
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
