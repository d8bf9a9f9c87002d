package sim

import "math"

// z95 is the 97.5 % point of the standard normal, Φ⁻¹(0.975).
const z95 = 1.959963984540054

// Wilson returns the 95 % Wilson score interval for k successes in n trials
// (Wilson 1927, JASA 22:209–212; recommended over the Wald interval by
// Agresti & Coull 1998, Am. Stat. 52:119–126, and Newcombe 1998, Stat. Med.
// 17:857–872, method 3):
//
//	(p̂ + z²/2n ± z √(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)
//
// It returns [0, 0] when n = 0.
func Wilson(k, n int) [2]float64 {
	if n <= 0 {
		return [2]float64{}
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := z95 * z95
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z95 * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / den
	lo, hi := math.Max(centre-half, 0), math.Min(centre+half, 1)
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return [2]float64{lo, hi}
}

// propSE is the Monte Carlo standard error of a proportion, √(p(1−p)/n).
func propSE(k, n int) float64 {
	if n <= 0 {
		return 0
	}
	p := float64(k) / float64(n)
	return math.Sqrt(p * (1 - p) / float64(n))
}

// spanQuantile is the q-quantile of a histogram whose bin b holds
// counts[b] values between lo[b] and hi[b] (the smallest and largest value
// counted in it): the bin that holds the quantile is found by the counts,
// and within it the value is interpolated linearly between lo[b] and
// hi[b]. The error is at most the spread of the values in that bin, never
// more than one bin width, and zero when the bin holds one distinct value.
func spanQuantile(counts []int, lo, hi []float64, q float64) float64 {
	n := 0
	for _, c := range counts {
		n += c
	}
	if n == 0 {
		return 0
	}
	target := q * float64(n)
	cum := 0.0
	last := -1
	for b, c := range counts {
		if c == 0 {
			continue
		}
		last = b
		if cum+float64(c) >= target {
			if c == 1 {
				return lo[b]
			}
			// Order statistics inside the bin run from lo (the first) to hi
			// (the c-th); place the target between them.
			f := math.Max(0, math.Min(1, (target-cum-1)/float64(c-1)))
			return lo[b] + f*(hi[b]-lo[b])
		}
		cum += float64(c)
	}
	return hi[last]
}

// roundQuantile is the q-quantile of an integer distribution given by
// counts per round: the smallest round r with at least q·N runs at or
// before r.
func roundQuantile(counts []int, n int, q float64) int {
	if n == 0 {
		return 0
	}
	target := q * float64(n)
	cum := 0
	for r, c := range counts {
		cum += c
		if float64(cum) >= target && cum > 0 {
			return r
		}
	}
	return len(counts) - 1
}

// binOf is the bin of normalised value z ∈ [0, 1] among bins bins; 1 falls
// in the last bin.
func binOf(z float64, bins int) int {
	b := int(z * float64(bins))
	if b >= bins {
		b = bins - 1
	}
	if b < 0 {
		b = 0
	}
	return b
}
