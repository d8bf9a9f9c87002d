package report

import (
	"bytes"
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

// TestChartsBuiltins draws every chart for a plausible result of every
// built-in scenario, and checks each PNG is a real image of the house size.
func TestChartsBuiltins(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			sc := builtin(t, b.Name)
			drawAll(t, b.Name, fakeSummary(sc, 10000), sc)
		})
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
