package forecast

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/parleysim/parley/models"
)

// The Monte Carlo samples are identical, bit for bit, for any number of
// workers: run r draws from PCG(seed, r) and writes only its own slot. 600
// runs is not a multiple of the block size, so the last block is partial.
func TestMonteCarloWorkers(t *testing.T) {
	in, err := ReadFile("testdata/ec.csv")
	if err != nil {
		t.Fatal(err)
	}
	var first *Result
	for _, w := range []int{1, 2, 3, 8} {
		res, err := Run(in, Options{Model: "all", Rounds: 10, Runs: 600, Jitter: 0.05, Seed: 7, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			continue
		}
		for mi, m := range res.Models {
			for k := range m.Samples {
				if !slices.Equal(m.Samples[k], first.Models[mi].Samples[k]) {
					t.Fatalf("%s: samples with %d workers differ from 1 worker", m.Model, w)
				}
			}
		}
	}
}

// A Monte Carlo draw of eum is the deterministic forecast of the perturbed
// input: the sample of run r equals runEUM on Perturb(PCG(seed, r)).
func TestMonteCarloDrawIsForecast(t *testing.T) {
	in, err := ReadFile("testdata/ec.csv")
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Model: "eum", Rounds: 10, Runs: 50, Jitter: 0.05, Seed: 3, Workers: 2}
	res, err := Run(in, o)
	if err != nil {
		t.Fatal(err)
	}
	work := cloneInput(in)
	for _, r := range []int{0, 17, 49} {
		Perturb(in, work, o.Jitter, rand.New(rand.NewPCG(o.Seed, uint64(r))))
		m := models.NewEUM(len(in.Actors), o.EUM)
		want := runEUM(work, o, m, false, nil, nil)[0].Forecast
		if got := res.Models[0].Samples[0][r]; got != want {
			t.Errorf("run %d: sample %v, forecast of the perturbed input %v", r, got, want)
		}
		if math.IsNaN(want) || want < 4 || want > 10 {
			t.Errorf("run %d: forecast %v outside the EC range [4, 10]", r, want)
		}
	}
}

// A Monte Carlo draw allocates nothing (eum, weighted-mean and smp).
func TestMonteCarloDrawAllocs(t *testing.T) {
	in, err := ReadFile("testdata/ec.csv")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"eum", "smp", "weighted-mean"}
	samples := make([][][]float64, len(names))
	for mi := range samples {
		samples[mi] = [][]float64{make([]float64, 100)}
	}
	w := newMCWorker(in, Options{Rounds: 10, Jitter: 0.05, Seed: 1}, names)
	run := 0
	if a := testing.AllocsPerRun(50, func() { w.draw(run%100, samples); run++ }); a != 0 {
		t.Errorf("a Monte Carlo draw allocates %v times", a)
	}
}
