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

// histQuantile is the q-quantile of a fixed-bin histogram over [lo, hi],
// interpolated linearly within the bin where the cumulative count reaches
// q·N (the grouped-data quantile; e.g. Hyndman & Fan 1996, Am. Stat.
// 50:361, for the piecewise-linear CDF). Its resolution is one bin,
// (hi − lo)/len(counts): within a bin the values are taken as uniform.
func histQuantile(counts []int, lo, hi, q float64) float64 {
	n := 0
	for _, c := range counts {
		n += c
	}
	if n == 0 {
		return 0
	}
	width := (hi - lo) / float64(len(counts))
	target := q * float64(n)
	cum := 0.0
	for b, c := range counts {
		if c == 0 {
			continue
		}
		if cum+float64(c) >= target {
			return lo + (float64(b)+(target-cum)/float64(c))*width
		}
		cum += float64(c)
	}
	return hi
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
