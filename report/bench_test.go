package report

import (
	"testing"
)

// BenchmarkWrite draws every chart (PNG) and report.html for a result of
// 1,000,000 runs of muscat-2026 (8 issues: 20 charts). The summary holds
// aggregates only, so the cost does not depend on the number of runs; the
// figure is recorded in docs/performance.md ("report").
func BenchmarkWrite(b *testing.B) {
	sc := builtin(b, "muscat-2026")
	sum := fakeSummary(sc, 1_000_000)
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(dir, sum, sc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSVG is BenchmarkWrite with SVG files as well as PNG.
func BenchmarkWriteSVG(b *testing.B) {
	sc := builtin(b, "muscat-2026")
	sum := fakeSummary(sc, 1_000_000)
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(dir, sum, sc, Options{Formats: []string{"png", "svg"}}); err != nil {
			b.Fatal(err)
		}
	}
}
