package models

// WeightedMean returns Σ w_i x_i / Σ w_i, the capability × salience weighted
// mean of positions (the "compromise model", MODEL.md §4.5; Achen 2006 found
// it the strongest simple baseline for the EU data). It returns 0 when all
// weights are zero.
func WeightedMean(x, w []float64) float64 {
	var num, den float64
	for i, xi := range x {
		num += w[i] * xi
		den += w[i]
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// WeightedMedian returns the weighted median of x: the smallest position at
// which the cumulative weight of the positions at or below it reaches half of
// the total weight. In one dimension with linear losses this is the Condorcet
// winner of the capability × salience weighted vote (Black's median voter
// theorem), the position the BDM model calls the median. scratch, when it
// has room for len(x) indices, is used instead of allocating.
func WeightedMedian(x, w []float64, scratch []int) float64 {
	n := len(x)
	if n == 0 {
		return 0
	}
	idx := scratch[:0]
	if cap(idx) < n {
		idx = make([]int, 0, n)
	}
	var total float64
	for i := range n {
		idx = append(idx, i)
		total += w[i]
	}
	// Insertion sort: n is small and this keeps the call allocation-free.
	for a := 1; a < n; a++ {
		for b := a; b > 0 && x[idx[b]] < x[idx[b-1]]; b-- {
			idx[b], idx[b-1] = idx[b-1], idx[b]
		}
	}
	return medianOfSorted(x, w, idx, total)
}

// medianOfSorted is the weighted median of positions x with weights w, idx
// listing the actors in increasing order of position and total their
// summed weight: the smallest position whose cumulative weight reaches half
// of the total. A tolerance keeps exact halves (e.g. two equal weights) from
// tipping on round-off: at an exact half the lower position is the median.
func medianOfSorted(x, w []float64, idx []int, total float64) float64 {
	half := total / 2
	var cum float64
	const tol = 1e-12
	for _, i := range idx {
		cum += w[i]
		if cum >= half-tol*total {
			return x[i]
		}
	}
	return x[idx[len(idx)-1]]
}

// CapSalWeights fills w with capability × salience, the weight of each actor
// in the weighted mean and median, and returns it.
func CapSalWeights(w, capability, salience []float64) []float64 {
	w = w[:0]
	for i, c := range capability {
		w = append(w, c*salience[i])
	}
	return w
}
