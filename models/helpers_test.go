package models

import "math/rand/v2"

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
