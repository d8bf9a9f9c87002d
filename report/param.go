package report

import (
	"math"
	"strings"

	"github.com/parleysim/parley/scenarios"
)

// Representative is the single value a chart or table shows for a parameter
// that may be a distribution (MODEL.md §5): the number itself, the mode of a
// triangular, the midpoint of a uniform, the mean of a normal, the mean of a
// beta scaled to the parameter's range, the weighted mean of a choice. It is a
// label, not what the simulator draws; Describe says the whole distribution.
// It returns NaN when the parameter has no arguments.
func Representative(p scenarios.Param) float64 {
	a := p.Args
	switch p.Kind {
	case scenarios.Fixed:
		if len(a) >= 1 {
			return a[0]
		}
	case scenarios.Triangular:
		if len(a) >= 3 {
			return a[1]
		}
	case scenarios.Uniform:
		if len(a) >= 2 {
			return (a[0] + a[1]) / 2
		}
	case scenarios.Normal:
		if len(a) >= 1 {
			return a[0]
		}
	case scenarios.Beta:
		if len(a) >= 2 && a[0]+a[1] > 0 {
			// Mean of Beta(α, β) is α/(α+β); the loader scales a beta to
			// [Lo, Hi] (an issue's scale for a position), [0, 1] otherwise.
			lo, hi := p.Lo, p.Hi
			if !(hi > lo) {
				lo, hi = 0, 1
			}
			return lo + (hi-lo)*a[0]/(a[0]+a[1])
		}
	case scenarios.Choice:
		if len(a) == 0 {
			break
		}
		w := p.Weights
		if len(w) != len(a) {
			w = nil
		}
		var sum, wsum float64
		for i, v := range a {
			wi := 1.0
			if w != nil {
				wi = w[i]
			}
			sum += wi * v
			wsum += wi
		}
		if wsum > 0 {
			return sum / wsum
		}
	}
	return math.NaN()
}

// IsUncertain reports whether the parameter is a distribution rather than a
// number, so labels can mark its representative value as approximate.
func IsUncertain(p scenarios.Param) bool { return p.Kind != scenarios.Fixed }

// Describe writes a parameter as a reader would write it in the scenario:
// "0.7", "triangular 0.9 / 0.95 / 0.98", "uniform 10–40", "normal 0.5 ± 0.1",
// "beta(2, 5)", "choice 0, 1 (weights 0.3, 0.7)".
func Describe(p scenarios.Param) string {
	a := p.Args
	list := func(xs []float64, sep string) string {
		s := make([]string, len(xs))
		for i, x := range xs {
			s[i] = formatValue(x)
		}
		return strings.Join(s, sep)
	}
	switch p.Kind {
	case scenarios.Fixed:
		if len(a) >= 1 {
			return formatValue(a[0])
		}
	case scenarios.Triangular:
		if len(a) >= 3 {
			return "triangular " + list(a[:3], " / ")
		}
	case scenarios.Uniform:
		if len(a) >= 2 {
			return "uniform " + formatValue(a[0]) + "–" + formatValue(a[1])
		}
	case scenarios.Normal:
		if len(a) >= 2 {
			return "normal " + formatValue(a[0]) + " ± " + formatValue(a[1])
		}
	case scenarios.Beta:
		if len(a) >= 2 {
			return "beta(" + list(a[:2], ", ") + ")"
		}
	case scenarios.Choice:
		if len(a) >= 1 {
			s := "choice " + list(a, ", ")
			if len(p.Weights) == len(a) {
				s += " (weights " + list(p.Weights, ", ") + ")"
			}
			return s
		}
	}
	return "–"
}
