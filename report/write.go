package report

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// Options controls what Write produces.
type Options struct {
	// Formats are the image formats of the chart files, among Formats
	// ("png", "svg"). Empty means png. report.html always embeds PNG images.
	Formats []string
	// NoCharts writes report.html only (its images stay embedded).
	NoCharts bool
}

// HTMLName is the file name of the report in a results folder (CLI.md).
const HTMLName = "report.html"

// Chart is one chart of the report: its file name (without extension), the
// heading and the one sentence on how to read it that the report prints
// beside it, and the function that draws it.
type Chart struct {
	Name    string
	Heading string
	Caption string
	Height  vg.Length // canvas height; the width is always chartWidth
	Draw    func() (*plot.Plot, error)
}

// Charts lists every chart of a result in report order: outcomes, layers,
// rounds, then per issue its histogram (issue-<id>) and its offers
// (offers-<id>), then utilities. A new chart is one entry here plus its
// drawing function.
func Charts(sum *sim.Summary, sc *scenarios.Scenario) []Chart {
	rowsHeight := func(n int) vg.Length { // taller canvases for many bars
		return max(chartHeight, vg.Length(n)*0.5*vg.Inch+1.6*vg.Inch)
	}
	unit := roundUnit(sc)
	charts := []Chart{
		{
			Name: "outcomes", Heading: "Outcomes", Height: rowsHeight(len(outcomeRows(sum))),
			Caption: "Each bar is the share of runs that ended in that outcome; the whisker is its 95 % interval — intervals drawn this way contain the model's true probability in 95 of 100 repetitions of the whole experiment.",
			Draw:    func() (*plot.Plot, error) { return Outcomes(sum, sc) },
		},
		{
			Name: "layers", Heading: "How each layer ended", Height: rowsHeight(len(sum.Layers)),
			Caption: "Each bar splits all runs by how that layer ended; the segments add up to 100 %.",
			Draw:    func() (*plot.Plot, error) { return Layers(sum, sc) },
		},
		{
			Name: "rounds", Heading: "Agreement and breakdown over time", Height: chartHeight,
			Caption: "Read a line at a number of " + plural(unit) + " to see the share of runs in which that layer had already agreed (solid) or broken down (dashed) by then.",
			Draw:    func() (*plot.Plot, error) { return Rounds(sum, sc) },
		},
	}
	for _, is := range sum.Issues {
		id := is.ID
		charts = append(charts,
			Chart{
				Name: "issue-" + id, Heading: "Agreed value — " + nonEmpty(is.Title, id), Height: chartHeight,
				Caption: "The bars show where the agreed value fell in the runs with an agreement on this issue; vertical lines mark each actor's ideal point and red lines (dashed: possibly a bluff).",
				Draw:    func() (*plot.Plot, error) { return Issue(sum, sc, id) },
			},
			Chart{
				Name: "offers-" + id, Heading: "Offers by " + unit + " — " + nonEmpty(is.Title, id), Height: chartHeight,
				Caption: "For each " + unit + ", the line is the median offer on the table and the bands hold the middle 50 % and 90 % of offers across runs still negotiating.",
				Draw:    func() (*plot.Plot, error) { return Offers(sum, sc, id) },
			})
	}
	charts = append(charts, Chart{
		Name: "utilities", Heading: "What each actor gets", Height: rowsHeight(len(sum.Actors)),
		Caption: "A bar ending left of its diamond means that actor did worse on average than with no deal at all; the whisker is ± one standard error of the mean.",
		Draw:    func() (*plot.Plot, error) { return Utilities(sum, sc) },
	})
	return charts
}

// rendered is one chart drawn in every format asked for.
type rendered struct {
	chart Chart
	files map[string][]byte // by format
}

// Write draws every chart of the result and writes them, in each of
// opt.Formats, and report.html into dir, which must exist. Each file is
// written atomically (a temporary file renamed into place), so an
// interruption never leaves a half-written file that looks whole. The output
// depends only on sum and sc: the same inputs give the same bytes.
func Write(dir string, sum *sim.Summary, sc *scenarios.Scenario, opt Options) error {
	if sum == nil {
		return errNoSummary
	}
	formats := opt.Formats
	if len(formats) == 0 {
		formats = []string{"png"}
	}
	for _, f := range formats {
		if f != "png" && f != "svg" {
			return fmt.Errorf("unknown plot format %q (want png or svg)", f)
		}
	}
	// The report embeds PNG whatever the files' format.
	need := map[string]bool{"png": true}
	if !opt.NoCharts {
		for _, f := range formats {
			need[f] = true
		}
	}
	charts, err := renderAll(Charts(sum, sc), need)
	if err != nil {
		return err
	}
	if !opt.NoCharts {
		for _, r := range charts {
			for _, f := range formats {
				if err := writeAtomic(filepath.Join(dir, r.chart.Name+"."+f), r.files[f]); err != nil {
					return err
				}
			}
		}
	}
	page, err := HTML(sum, sc, charts)
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, HTMLName), page)
}

// renderAll draws the charts in parallel (each is independent and rendering
// is most of the time of Write) and returns them in their original order.
func renderAll(charts []Chart, formats map[string]bool) ([]rendered, error) {
	out := make([]rendered, len(charts))
	errs := make([]error, len(charts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(charts)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = renderChart(charts[i], formats)
			}
		}()
	}
	for i := range charts {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", charts[i].Name, err)
		}
	}
	return out, nil
}

// renderChart draws one chart in each format. The plot is rebuilt for each
// format because drawing mutates it (the legend is moved, axes sanitised).
func renderChart(c Chart, formats map[string]bool) (r rendered, err error) {
	defer func() {
		// gonum/plot panics on some impossible geometry; a chart must never
		// take the program down with it.
		if v := recover(); v != nil {
			err = fmt.Errorf("drawing failed: %v", v)
		}
	}()
	r = rendered{chart: c, files: map[string][]byte{}}
	for _, f := range Formats {
		if !formats[f] {
			continue
		}
		p, err := c.Draw()
		if err != nil {
			return r, err
		}
		b, err := Render(p, f, chartWidth, c.Height)
		if err != nil {
			return r, err
		}
		r.files[f] = b
	}
	return r, nil
}

// writeAtomic writes data to path through a temporary file in the same
// directory renamed into place.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
