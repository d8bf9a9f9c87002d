package models

import (
	"math"
	"testing"
)

// ecTable is the EC car-emission case of Bueno de Mesquita (1994) as used
// by Scholz, Calbert & Smith (2011): capability, position (years until the
// standard applies), salience, for the Netherlands, Belgium, Luxembourg,
// Germany, France, Italy, the UK, Ireland, Denmark and Greece.
var ecTable = struct{ c, x, s []float64 }{
	c: []float64{0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08},
	x: []float64{4, 7, 4, 4, 10, 10, 10, 7, 4, 7},
	s: []float64{0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7},
}

// The weighted mean 7.389955686854 (Σ c·s = 0.677) and the weighted median
// 7 are the published facts of the EC case (shared/data/README.md); by hand:
// (4·0.248 + 7·0.093 + 10·0.336)/0.677 = 5.003/0.677.
func TestWeightedMeanMedianEC(t *testing.T) {
	w := CapSalWeights(nil, ecTable.c, ecTable.s)
	var sum float64
	for _, v := range w {
		sum += v
	}
	if math.Abs(sum-0.677) > 1e-12 {
		t.Errorf("Σ c·s = %v, want 0.677", sum)
	}
	if got := WeightedMean(ecTable.x, w); math.Abs(got-7.389955686854) > 1e-12 {
		t.Errorf("weighted mean = %.12f, want 7.389955686854", got)
	}
	if got := WeightedMedian(ecTable.x, w, nil); got != 7 {
		t.Errorf("weighted median = %v, want 7", got)
	}
}

// Closed forms: equal weights on {1, 2} give mean 1.5 and, at the exact
// half, the lower point as median; a weight above half wins the median.
func TestWeightedMedianEdges(t *testing.T) {
	if got := WeightedMedian([]float64{2, 1}, []float64{1, 1}, nil); got != 1 {
		t.Errorf("median of {1,2} equal weights = %v, want 1", got)
	}
	if got := WeightedMedian([]float64{1, 5, 9}, []float64{1, 1, 3}, nil); got != 9 {
		t.Errorf("median = %v, want 9 (weight 3 of 5)", got)
	}
	if got := WeightedMean([]float64{1, 2}, []float64{1, 1}); got != 1.5 {
		t.Errorf("mean = %v, want 1.5", got)
	}
	if got := WeightedMean([]float64{1, 2}, []float64{0, 0}); got != 0 {
		t.Errorf("mean with zero weights = %v, want 0", got)
	}
	scratch := make([]int, 0, 16)
	if a := testing.AllocsPerRun(100, func() { WeightedMedian(ecTable.x, ecTable.c, scratch) }); a != 0 {
		t.Errorf("WeightedMedian with scratch allocates %v times", a)
	}
}
