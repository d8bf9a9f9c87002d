package sim

import (
	"math"

	"github.com/parleysim/parley/scenarios"
	"gonum.org/v1/gonum/mathext"
)

// Draw maps one uniform u ∈ [0, 1) to a value of the parameter by inverse-CDF
// sampling (MODEL.md §5). Every parameter, fixed or not, consumes exactly one
// uniform, so two scenarios that differ in one parameter's value or
// distribution keep every other draw in the same place of the stream (common
// random numbers).
//
//   - Fixed: Args[0].
//   - Uniform [a, b]: a + u(b − a).
//   - Triangular [min, mode, max]: the inverse of the piecewise-quadratic CDF
//     (e.g. Kotz & van Dorp 2004, "Beyond Beta", §1.2).
//   - Normal [μ, σ] truncated to [Lo, Hi]: μ + σ Φ⁻¹(Φ(α) + u(Φ(β) − Φ(α))) with
//     α = (Lo − μ)/σ, β = (Hi − μ)/σ (the standard inverse-CDF method for a
//     truncated normal; Robert 1995, Statistics and Computing 5:121, §1).
//   - Beta [α, β]: the regularised incomplete beta inverse I⁻¹(α, β; u)
//     (gonum mathext.InvRegIncBeta, as distuv.Beta.Quantile), scaled to
//     [Lo, Hi] when that range is bounded.
//   - Choice: the first value whose cumulative weight exceeds u.
func Draw(p *scenarios.Param, u float64) float64 {
	a := p.Args
	switch p.Kind {
	case scenarios.Uniform:
		return a[0] + u*(a[1]-a[0])
	case scenarios.Triangular:
		return triangularQuantile(a[0], a[1], a[2], u)
	case scenarios.Normal:
		return truncNormalQuantile(a[0], a[1], p.Lo, p.Hi, u)
	case scenarios.Beta:
		x := mathext.InvRegIncBeta(a[0], a[1], u)
		if bounded(p.Lo, p.Hi) {
			return p.Lo + x*(p.Hi-p.Lo)
		}
		return x
	case scenarios.Choice:
		c := 0.0
		for i, w := range p.Weights {
			c += w
			if u < c {
				return a[i]
			}
		}
		return a[len(a)-1]
	default: // Fixed
		if len(a) == 0 {
			return 0
		}
		return a[0]
	}
}

func bounded(lo, hi float64) bool {
	return !math.IsInf(lo, 0) && !math.IsInf(hi, 0) && hi > lo
}

// triangularQuantile is the inverse CDF of the triangular distribution with
// support [a, b] and mode c: F(x) = (x−a)²/((b−a)(c−a)) for x ≤ c.
func triangularQuantile(a, c, b, u float64) float64 {
	if b <= a {
		return a
	}
	fc := (c - a) / (b - a)
	if u < fc {
		return a + math.Sqrt(u*(b-a)*(c-a))
	}
	return b - math.Sqrt((1-u)*(b-a)*(b-c))
}

// stdNormalCDF is Φ(x) = ½ erfc(−x/√2).
func stdNormalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// truncNormalQuantile draws from Normal(mu, sd) truncated to [lo, hi] by
// inverting the CDF. Far in a tail, where Φ(α) and Φ(β) round to the same
// number, it falls back to uniform on the (tiny) interval.
func truncNormalQuantile(mu, sd, lo, hi, u float64) float64 {
	if sd <= 0 {
		return math.Min(math.Max(mu, lo), hi)
	}
	fa, fb := 0.0, 1.0
	if !math.IsInf(lo, -1) {
		fa = stdNormalCDF((lo - mu) / sd)
	}
	if !math.IsInf(hi, 1) {
		fb = stdNormalCDF((hi - mu) / sd)
	}
	p := fa + u*(fb-fa)
	if fb-fa < 1e-12 || p <= 0 || p >= 1 {
		if bounded(lo, hi) {
			return lo + u*(hi-lo)
		}
		return math.Min(math.Max(mu, lo), hi)
	}
	x := mu + sd*mathext.NormalQuantile(p)
	return math.Min(math.Max(x, lo), hi)
}
