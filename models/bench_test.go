package models

import "testing"

// nuclearUnit is a 2-party, 3-issue unit shaped like muscat-2026's nuclear
// layer (enrichment, verification, relief): opposed ideals, unequal
// saliences, linear utilities, misperception σ = 0.25 and some breakdown.
func nuclearUnit() *Unit {
	return &Unit{
		Issues: 3,
		Parties: []Party{
			{Ideal: []float64{0, 1, 0.2}, Weight: []float64{0.5, 0.3, 0.2}, Gamma: 1, Patience: 0.9, Reservation: 0.3, Power: 3,
				RedLines: []RedLine{{Issue: 0, Lo: 0, Hi: 0.3, Firmness: 0.7, Firm: true}}},
			{Ideal: []float64{0.8, 0.2, 1}, Weight: []float64{0.3, 0.2, 0.5}, Gamma: 1, Patience: 0.85, Reservation: 0.25, Power: 1,
				RedLines: []RedLine{{Issue: 0, Lo: 0.05, Hi: 1, Firmness: 0.9, Firm: true}}},
		},
		Breakdown:      0.05,
		Noise:          0.25,
		Learning:       0.5,
		ProbeThreshold: 0.5,
	}
}

// BenchmarkAlternating measures one run of the nuclear-like unit: Start
// (draws and the threshold fixed point) and rounds until agreement or 10.
func BenchmarkAlternating(b *testing.B) {
	u := nuclearUnit()
	benchRuns(b, NewAlternating(), u)
}

func BenchmarkAlternatingStart(b *testing.B) {
	u := nuclearUnit()
	a := NewAlternating()
	rng := newRNG(1)
	a.Start(u, rng)
	b.ReportAllocs()
	for b.Loop() {
		a.Start(u, rng)
	}
	b.ReportMetric(float64(a.Iterations), "iterations")
}

func BenchmarkAlternatingPlay(b *testing.B) {
	u := nuclearUnit()
	a := NewAlternating()
	rng := newRNG(1)
	a.Start(u, rng)
	b.ReportAllocs()
	t := 0
	for b.Loop() {
		a.Play(u, t, rng)
		t++
	}
}

// BenchmarkNash measures one run of the nuclear-like unit under `nash`:
// Start plus rounds until agreement or 10 (each rejection makes the mediator
// recompute its text).
func BenchmarkNash(b *testing.B) {
	u := nuclearUnit()
	benchRuns(b, NewNash(), u)
}

// BenchmarkAlternatingStartQuadratic is BenchmarkAlternatingStart with
// quadratic losses (γ = 2 for both parties: smooth frontier, Newton steps).
func BenchmarkAlternatingStartQuadratic(b *testing.B) {
	u := nuclearUnit()
	u.Parties[0].Gamma, u.Parties[1].Gamma = 2, 2
	a := NewAlternating()
	rng := newRNG(1)
	a.Start(u, rng)
	b.ReportAllocs()
	for b.Loop() {
		a.Start(u, rng)
	}
	b.ReportMetric(float64(a.Iterations), "iterations")
}

// BenchmarkAlternatingQuadratic is BenchmarkAlternating with γ = 2.
func BenchmarkAlternatingQuadratic(b *testing.B) {
	u := nuclearUnit()
	u.Parties[0].Gamma, u.Parties[1].Gamma = 2, 2
	benchRuns(b, NewAlternating(), u)
}

// benchRuns measures one run of u under protocol p: Start (the draws and
// whatever the protocol precomputes) and rounds until agreement or 10. The
// first Start outside the loop sizes the workspaces, so the loop must not
// allocate.
func benchRuns(b *testing.B, p Protocol, u *Unit) {
	rng := newRNG(1)
	p.Start(u, rng)
	b.ReportAllocs()
	rounds := 0
	for b.Loop() {
		p.Start(u, rng)
		for t := 0; t < 10; t++ {
			rounds++
			if p.Play(u, t, rng).Agreed {
				break
			}
		}
	}
	b.ReportMetric(float64(rounds)/float64(b.N), "rounds/op")
}
