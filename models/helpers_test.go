package models

import (
	"math/rand/v2"

	"pgregory.net/rapid"
)

// pie returns a unit with one issue [0, 1] split between party A (ideal 1)
// and party B (ideal 0), both with the given loss exponents.
func pie(gammaA, gammaB float64) *Unit {
	return &Unit{
		Issues: 1,
		Parties: []Party{
			{Ideal: []float64{1}, Weight: []float64{1}, Gamma: gammaA, Patience: 1, Power: 1},
			{Ideal: []float64{0}, Weight: []float64{1}, Gamma: gammaB, Patience: 1, Power: 1},
		},
		ProbeThreshold: 0.5,
	}
}

func newRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

// drawInterests draws a party's ideal points on k issues and its saliences,
// normalised to sum 1 (MODEL.md §2); about one salience in five is zero, the
// others at least 0.05 (vanishing saliences such as 1e-37 make a party's
// objective flat to rounding, and the outcome a matter of tie-breaking).
func drawInterests(t *rapid.T, k int) (ideal, weight []float64) {
	ideal, weight = make([]float64, k), make([]float64, k)
	sum := 0.0
	for i := range ideal {
		ideal[i] = rapid.Float64Range(0, 1).Draw(t, "ideal")
		if rapid.IntRange(0, 4).Draw(t, "zero") > 0 {
			weight[i] = rapid.Float64Range(0.05, 1).Draw(t, "weight")
		}
		sum += weight[i]
	}
	for i := range weight {
		if sum > 0 {
			weight[i] /= sum
		}
	}
	return ideal, weight
}
