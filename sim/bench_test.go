package sim

import (
	"context"
	"testing"

	"github.com/parleysim/parley/scenarios"
)

// benchWorker is a worker on a built-in scenario with a block accumulator,
// as Run sets it up.
func benchWorker(b *testing.B, name string) (*worker, *blockAcc) {
	b.Helper()
	sc, err := scenarios.Resolve(name, nil)
	if err != nil {
		b.Fatal(err)
	}
	p, err := newPlan(sc)
	if err != nil {
		b.Fatal(err)
	}
	w, err := newWorker(p, 1)
	if err != nil {
		b.Fatal(err)
	}
	acc := newBlockAcc(p)
	acc.reset(0)
	w.acc = acc
	return w, acc
}

// BenchmarkRun is one whole run of the default scenario (sampling, rounds,
// compliance, outcome, aggregation), per run. It must not allocate.
func BenchmarkRun(b *testing.B) {
	w, acc := benchWorker(b, scenarios.DefaultScenario)
	b.ReportAllocs()
	r := 0
	for b.Loop() {
		if r%DefaultBlockSize == 0 {
			acc.reset(r)
		}
		w.play(r)
		acc.add(w)
		r++
	}
}

// BenchmarkRunParallel is Run itself (workers, blocks, merging) on the
// default scenario with 1 and 2 workers; ns/op is per run.
func BenchmarkRunParallel(b *testing.B) {
	sc, err := scenarios.Resolve(scenarios.DefaultScenario, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			b.ReportAllocs()
			if _, err := Run(context.Background(), sc, Options{Runs: b.N, Seed: 1, Workers: workers}); err != nil {
				b.Fatal(err)
			}
		})
	}
}
