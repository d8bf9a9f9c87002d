package sim

import (
	"math"
	"testing"

	"github.com/parleysim/parley/scenarios"
)

// TestWilson compares with the Wilson score intervals published by
// Newcombe (1998), "Two-sided confidence intervals for the single
// proportion", Stat. Med. 17:857–872, Table I, method 3 (4 decimals).
func TestWilson(t *testing.T) {
	for _, c := range []struct {
		k, n   int
		lo, hi float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0.0000, 0.1611},
		{1, 29, 0.0061, 0.1718},
	} {
		got := Wilson(c.k, c.n)
		if math.Abs(got[0]-c.lo) > 5e-5 || math.Abs(got[1]-c.hi) > 5e-5 {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], Newcombe 1998: [%.4f, %.4f]", c.k, c.n, got[0], got[1], c.lo, c.hi)
		}
	}
	// Symmetry: the interval of n − k is the mirror of that of k.
	a, b := Wilson(7, 50), Wilson(43, 50)
	if math.Abs(a[0]-(1-b[1])) > 1e-15 || math.Abs(a[1]-(1-b[0])) > 1e-15 {
		t.Errorf("Wilson(7,50) = %v is not the mirror of Wilson(43,50) = %v", a, b)
	}
}

// TestSpanQuantile: the quantile of values kept in bins with their
// smallest and largest value. For N values spread evenly, one per bin
// position, the interpolation between the order statistics inside a bin
// reproduces the empirical quantile of the values (type-7 sample quantile,
// Hyndman & Fan 1996, Am. Stat. 50:361, within one value); a bin that holds
// many copies of one value returns that value exactly, whatever q — the
// case of agreements on a red line, which grouped-data interpolation
// between bin edges would smear over the bin.
func TestSpanQuantile(t *testing.T) {
	// 200 bins over [0, 1], five values per bin at b/200 + j/1000.
	counts := make([]int, histBins)
	lo, hi := make([]float64, histBins), make([]float64, histBins)
	for b := range counts {
		counts[b] = 5
		lo[b] = float64(b) / histBins
		hi[b] = lo[b] + 4.0/1000
	}
	for _, q := range []float64{0.05, 0.1, 0.5, 0.9, 0.95} {
		// The q-quantile of the 1000 values 0, 0.001, …, 0.999 is within
		// 0.001 of q (one value step).
		if got := spanQuantile(counts, lo, hi, q); math.Abs(got-q) > 1.5e-3 {
			t.Errorf("q = %v: got %v, want %v ± 0.001", q, got, q)
		}
	}
	// All mass on one value in one bin: every quantile is that value.
	one := make([]int, histBins)
	l1, h1 := make([]float64, histBins), make([]float64, histBins)
	one[3], l1[3], h1[3] = 1000, 0.0161, 0.0161
	for _, q := range []float64{0.01, 0.1, 0.5, 0.99} {
		if got := spanQuantile(one, l1, h1, q); got != 0.0161 {
			t.Errorf("single value: q = %v gives %v, want 0.0161 exactly", q, got)
		}
	}
	// Empty histogram: 0 by convention.
	if got := spanQuantile(make([]int, 3), make([]float64, 3), make([]float64, 3), 0.5); got != 0 {
		t.Errorf("empty histogram: %v, want 0", got)
	}
	// Round quantiles: 3 runs in round 0, 1 in round 4: the median is 0,
	// the 90th percentile 4.
	r := []int{3, 0, 0, 0, 1}
	if roundQuantile(r, 4, 0.5) != 0 || roundQuantile(r, 4, 0.9) != 4 {
		t.Errorf("round quantiles %d, %d; want 0, 4", roundQuantile(r, 4, 0.5), roundQuantile(r, 4, 0.9))
	}
}

// TestWelfordMerge: merging per-block Welford accumulators (Chan, Golub &
// LeVeque 1979) gives the same mean and variance as one pass.
func TestWelfordMerge(t *testing.T) {
	xs := []float64{0.1, 0.5, 0.9, 0.3, 0.33, 0.7, 0.2}
	var all, a, b welford
	for i, x := range xs {
		all.add(x)
		if i < 3 {
			a.add(x)
		} else {
			b.add(x)
		}
	}
	a.merge(b)
	if a.n != all.n || math.Abs(a.mean-all.mean) > 1e-15 || math.Abs(a.m2-all.m2) > 1e-14 {
		t.Errorf("merged %+v, one pass %+v", a, all)
	}
}

// TestDraw checks the inverse CDFs at known points.
func TestDraw(t *testing.T) {
	tri := scenarios.Param{Kind: scenarios.Triangular, Args: []float64{0, 1, 4}}
	// F(mode) = (c − a)/(b − a) = 1/4 for triangular(0, 1, 4).
	if got := Draw(&tri, 0.25); math.Abs(got-1) > 1e-12 {
		t.Errorf("triangular quantile at F(mode): %v, want 1", got)
	}
	// Upper branch: F(x) = 1 − (b − x)²/((b − a)(b − c)); F(2) = 1 − 4/12 = 2/3.
	if got := Draw(&tri, 2.0/3); math.Abs(got-2) > 1e-12 {
		t.Errorf("triangular quantile at 2/3: %v, want 2", got)
	}
	// Normal(0.5, 0.2) truncated to [0, 1] is symmetric about 0.5: median 0.5;
	// Φ⁻¹(0.975) = 1.959964 for the untruncated N(0, 1).
	nrm := scenarios.Param{Kind: scenarios.Normal, Args: []float64{0.5, 0.2}, Lo: 0, Hi: 1}
	if got := Draw(&nrm, 0.5); math.Abs(got-0.5) > 1e-9 {
		t.Errorf("truncated normal median %v, want 0.5", got)
	}
	std := scenarios.Param{Kind: scenarios.Normal, Args: []float64{0, 1}, Lo: math.Inf(-1), Hi: math.Inf(1)}
	if got := Draw(&std, 0.975); math.Abs(got-z95) > 1e-9 {
		t.Errorf("normal quantile %v, want %v", got, z95)
	}
	for _, u := range []float64{0, 1e-12, 0.3, 0.999999} {
		if x := Draw(&nrm, u); x < 0 || x > 1 {
			t.Errorf("truncated normal gave %v outside [0, 1]", x)
		}
	}
	// Beta(2, 2) is symmetric: median 0.5; scaled to [0, 60]: 30.
	bt := scenarios.Param{Kind: scenarios.Beta, Args: []float64{2, 2}, Lo: 0, Hi: 60}
	if got := Draw(&bt, 0.5); math.Abs(got-30) > 1e-9 {
		t.Errorf("beta median %v, want 30", got)
	}
	// Beta(1, 1) is uniform: the quantile is u.
	b11 := scenarios.Param{Kind: scenarios.Beta, Args: []float64{1, 1}, Lo: 0, Hi: 1}
	if got := Draw(&b11, 0.3); math.Abs(got-0.3) > 1e-9 {
		t.Errorf("beta(1,1) quantile %v, want 0.3", got)
	}
	ch := scenarios.Param{Kind: scenarios.Choice, Args: []float64{1, 2, 3}, Weights: []float64{0.2, 0.5, 0.3}}
	for _, c := range []struct{ u, want float64 }{{0.1, 1}, {0.2, 2}, {0.69, 2}, {0.7, 3}, {0.99, 3}} {
		if got := Draw(&ch, c.u); got != c.want {
			t.Errorf("choice at u = %v: %v, want %v", c.u, got, c.want)
		}
	}
}
