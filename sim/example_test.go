package sim_test

import (
	"context"
	"fmt"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

// Run plays the textbook Rubinstein scenario: with patience 0.9 and 0.8 the
// first proposer's share is (1 − 0.8)/(1 − 0.9·0.8) ≈ 0.714 (Rubinstein
// 1982), agreed in round 1 of every run.
func ExampleRun() {
	sc, err := scenarios.Resolve("rubinstein", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	sum, err := sim.Run(context.Background(), sc, sim.Options{Runs: 1000, Seed: 1, Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	pie, share := sum.Layers[0], sum.Issues[0]
	fmt.Printf("P(agreed) = %.3f, in round %.0f\n", pie.PAgreed, pie.Round.Mean)
	fmt.Printf("share to a = %.3f\n", share.Mean)
	// Output:
	// P(agreed) = 1.000, in round 1
	// share to a = 0.714
}

// A --set override changes one value and is checked like the file: making
// b as patient as a (0.9) leaves a only the first-mover advantage,
// 1/(1 + 0.9) ≈ 0.526.
func ExampleRun_override() {
	sc, err := scenarios.Resolve("rubinstein", []string{"actors.b.patience=0.9"})
	if err != nil {
		fmt.Println(err)
		return
	}
	sum, err := sim.Run(context.Background(), sc, sim.Options{Runs: 100, Seed: 1, Workers: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("share to a = %.3f\n", sum.Issues[0].Mean)
	// Output:
	// share to a = 0.526
}
