package forecast

import (
	"math/rand/v2"
	"testing"

	"github.com/parleysim/parley/internal/cputime"
	"github.com/parleysim/parley/models"
)

// BenchmarkSMPa080 runs the default SMP on KTAB's dummyData-a080 (80 actors,
// one dimension; KTAB's smpc needs 6 min 39 s, shared/data/README.md).
func BenchmarkSMPa080(b *testing.B) {
	in, err := ReadFile(sharedData(b, "ktab/dummyData-a080.csv"))
	if err != nil {
		b.Fatal(err)
	}
	benchSMP(b, in)
}

// BenchmarkSMPSynthetic80 runs the default SMP on a generated input of the
// same size as dummyData-a080 (always available).
func BenchmarkSMPSynthetic80(b *testing.B) {
	rng := rand.New(rand.NewPCG(80, 0))
	in := &Input{Format: FormatKTABCSV, Dimensions: []string{"x"}, Lo: 0, Hi: 100}
	for range 80 {
		in.Actors = append(in.Actors, Actor{
			Capability: 1 + 2*rng.Float64(),
			Position:   []float64{100 * rng.Float64()},
			Salience:   []float64{0.2 + 0.6*rng.Float64()},
		})
	}
	benchSMP(b, in)
}

func benchSMP(b *testing.B, in *Input) {
	capab, pos, sal, acc := smpInputs(in)
	m := models.NewSMP(len(in.Actors), len(in.Dimensions), models.SMPParams{})
	turns := 0
	for b.Loop() {
		m.Set(capab, pos, sal, acc)
		var h models.SMPHistory
		m.Run(nil, &h)
		turns = len(h.Positions) - 1
	}
	b.ReportMetric(float64(turns), "turns")
}

// BenchmarkEUMMonteCarloEC is the speed target of issue 5: 100,000 jittered
// draws of the EC case (σ = 0.05), 10 rounds each, on all cores (Workers 0 =
// GOMAXPROCS). ns/op is the wall time of the whole 100,000 draws; cpu-ns/op
// the CPU time of all threads for them, and cpu-ns/draw its share per draw
// (the figure to multiply out when the shared machine is loaded).
func BenchmarkEUMMonteCarloEC(b *testing.B) {
	benchEUMMonteCarlo(b, 100000)
}

// BenchmarkEUMMonteCarloEC10k is the same with 10,000 draws (a tenth: quick
// to repeat; multiply ns/op by 10 for the target's workload).
func BenchmarkEUMMonteCarloEC10k(b *testing.B) {
	benchEUMMonteCarlo(b, 10000)
}

func benchEUMMonteCarlo(b *testing.B, runs int) {
	in, err := ReadFile("testdata/ec.csv")
	if err != nil {
		b.Fatal(err)
	}
	start, ops := cputime.Now(), 0
	for b.Loop() {
		ops++
		if _, err := Run(in, Options{Model: "eum", Rounds: 10, Runs: runs, Jitter: 0.05, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	cputime.Report(b, start, ops)
	if d := cputime.Now() - start; d > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(ops*runs), "cpu-ns/draw")
	}
}
