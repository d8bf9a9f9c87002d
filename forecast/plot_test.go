package forecast

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// Identical paths share one line and one legend entry; a path that only
// meets another part of the way keeps its own.
func TestSamePaths(t *testing.T) {
	series := [][]float64{{4, 4}, {7, 8}, {4, 4}, {10, 10}, {7, 9}, {10, 10}}
	got := samePaths(series)
	want := [][]int{{0, 2}, {1}, {3, 5}, {4}}
	if len(got) != len(want) {
		t.Fatalf("groups %v, want %v", got, want)
	}
	for g := range want {
		if len(got[g]) != len(want[g]) {
			t.Fatalf("groups %v, want %v", got, want)
		}
		for k := range want[g] {
			if got[g][k] != want[g][k] {
				t.Fatalf("groups %v, want %v", got, want)
			}
		}
	}
	if l := legendLabel([]string{"France", "Italy", "UK"}); l != "France, Italy, UK" {
		t.Errorf("label %q", l)
	}
	if l := legendLabel([]string{"Netherlands", "Germany", "Denmark", "Luxembourg", "Belgium"}); l != "Netherlands, Germany, Denmark +2" {
		t.Errorf("long label %q", l)
	}
}

// The position chart puts its legend in a column right of the plot: the
// image is wider than the 8-inch plot (150 dpi) and that column has ink.
func TestPositionChartLegendOutside(t *testing.T) {
	in, err := ReadFile("testdata/ec.csv")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(in, Options{Model: "eum", Rounds: 4})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := WriteCharts(dir, in, res); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "eum-position.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	const plotWidth = 8 * 150
	if b.Dx() <= plotWidth+50 {
		t.Fatalf("image %d px wide, want a legend column beyond the %d px plot", b.Dx(), plotWidth)
	}
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X + plotWidth + 10; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0xc000 {
				ink++
			}
		}
	}
	if ink < 200 {
		t.Errorf("legend column has %d dark pixels, want the legend there", ink)
	}
}
