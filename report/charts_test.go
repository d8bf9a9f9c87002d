package report

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// -charts DIR writes every chart of every fixture into DIR, to look at them.
var chartsDir = flag.String("charts", "", "write the test charts into this directory to look at them")

// TestChartsBuiltins draws every chart for a real result (a short run of
// the engine) of every built-in scenario, and checks each image.
func TestChartsBuiltins(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			sc := builtin(t, b.Name)
			sum, err := sim.Run(context.Background(), sc, sim.Options{Runs: 300, Seed: 1, Workers: 2, Version: "test"})
			if err != nil {
				t.Fatal(err)
			}
			drawAll(t, b.Name, sum, sc)
		})
	}
}

// TestChartsFixtures draws every chart for a synthetic result of every
// built-in (fixture_test.go): shapes the short real runs may not reach.
func TestChartsFixtures(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			sc := builtin(t, b.Name)
			drawAll(t, "fixture-"+b.Name, fakeSummary(sc, 10000), sc)
		})
	}
}

// TestChartsDamaged draws from summaries no run writes (as a hand-edited
// summary.json might be): nothing may panic or loop.
func TestChartsDamaged(t *testing.T) {
	sc := builtin(t, "muscat-2026")
	sum := fakeSummary(sc, 1000)
	sum.Horizon = 1 << 40
	for i := range sum.Layers {
		sum.Layers[i].AgreedBy, sum.Layers[i].BrokenBy = nil, nil
	}
	sum.Issues[0].Histogram = sim.Histogram{Lo: 5, Hi: 5, Counts: []int{3}}
	sum.Issues[1].Histogram.Counts = nil
	sum.Issues[2].Offers = []sim.OfferBand{{Round: 3, N: 1, P05: 9, P25: 1, P50: -4, P75: 80, P95: 2}}
	sum.Outcomes[0].CI95 = [2]float64{0.9, 0.1}
	sum.Actors[0].UtilitySE = 5
	for _, c := range Charts(sum, sc) {
		if _, err := renderChart(c, map[string]bool{"png": true}); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
}

// TestChartsDegenerate draws every chart for results with nothing in them:
// no agreement, one outcome, a single run, no offers, no scenario.
func TestChartsDegenerate(t *testing.T) {
	for name, c := range degenerate(t) {
		t.Run(name, func(t *testing.T) { drawAll(t, name, c.sum, c.sc) })
	}
}

func drawAll(t *testing.T, name string, sum *sim.Summary, sc *scenarios.Scenario) {
	t.Helper()
	charts, err := renderAll(Charts(sum, sc), map[string]bool{"png": true, "svg": true})
	if err != nil {
		t.Fatal(err)
	}
	wantCharts := 4 + 2*len(sum.Issues)
	if len(charts) != wantCharts {
		t.Errorf("%d charts, want %d (outcomes, layers, rounds, utilities and two per issue)", len(charts), wantCharts)
	}
	for _, r := range charts {
		img, err := png.Decode(bytes.NewReader(r.files["png"]))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", r.chart.Name, err)
		}
		if b := img.Bounds(); b.Dx() < 1200 || b.Dy() < 800 {
			t.Errorf("%s: %d×%d pixels, want at least 1200×800", r.chart.Name, b.Dx(), b.Dy())
		}
		if !bytes.Contains(r.files["svg"], []byte("<svg")) {
			t.Errorf("%s: SVG output has no <svg element", r.chart.Name)
		}
		if *chartsDir != "" {
			dir := filepath.Join(*chartsDir, name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, r.chart.Name+".png"), r.files["png"], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
