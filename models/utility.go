package models

import "math"

// Utility returns u(z) = 1 − Σ_k ŝ_k · |z_k − a_k|^γ (MODEL.md §2), the
// party's utility of the normalised point z (len = unit issues). With
// saliences normalised to sum 1 and z, a ∈ [0, 1] the value lies in [0, 1].
// A party whose weights are all 0 is indifferent: u ≡ 1. The linear (γ = 1)
// and quadratic (γ = 2) cases avoid math.Pow.
func (p *Party) Utility(z []float64) float64 {
	loss := 0.0
	switch p.Gamma {
	case 1:
		for k, w := range p.Weight {
			if w != 0 {
				loss += w * math.Abs(z[k]-p.Ideal[k])
			}
		}
	case 2:
		for k, w := range p.Weight {
			if w != 0 {
				d := z[k] - p.Ideal[k]
				loss += w * d * d
			}
		}
	default:
		for k, w := range p.Weight {
			if w != 0 {
				loss += w * math.Pow(math.Abs(z[k]-p.Ideal[k]), p.Gamma)
			}
		}
	}
	return 1 - loss
}

// Indifferent reports whether the party has no salience on the unit
// (u ≡ 1): it never blocks an agreement (MODEL.md §2).
func (p *Party) Indifferent() bool {
	for _, w := range p.Weight {
		if w != 0 {
			return false
		}
	}
	return true
}

// Loss returns |d|^γ, the loss term of u = 1 − Σ ŝ|z − a|^γ (MODEL.md §2),
// with fast paths for γ = 1 and γ = 2.
func Loss(d, gamma float64) float64 {
	d = math.Abs(d)
	switch gamma {
	case 1:
		return d
	case 2:
		return d * d
	}
	return math.Pow(d, gamma)
}

// slopePow returns the derivative of |d|^γ with respect to d,
// γ·sign(d)·|d|^(γ−1), taking 0 at the kink d = 0 (γ ≤ 1: the middle of
// the subdifferential).
func slopePow(d, gamma float64) float64 {
	if d == 0 {
		return 0
	}
	s := 1.0
	if d < 0 {
		s, d = -1, -d
	}
	switch gamma {
	case 1:
		return s
	case 2:
		return 2 * s * d
	}
	return s * gamma * math.Pow(d, gamma-1)
}
