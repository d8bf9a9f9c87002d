package scenarios_test

import (
	"fmt"

	"github.com/parleysim/parley/scenarios"
)

// Load reports every problem of a file at once, each at its line and column,
// with a hint where one helps — here also the consequence of the misspelled
// key: no party cares about the layer's issue.
func ExampleLoad() {
	src := `parley: 1
name: demo
horizon: 10
issues:
  - {id: pie, layer: table, scale: [0, 1]}
layers:
  - {id: table, protocol: alternating}
actors:
  - id: a
    patience: 1.5
    positions: {pie: 1}
    saliance: {pie: 1}
`
	_, err := scenarios.Load("demo.yaml", []byte(src))
	fmt.Println(err)
	// Output:
	// demo.yaml:7:5: no party has salience on the issues of layer table (give a party salience on pie)
	// demo.yaml:10:15: patience must be in (0, 1], got 1.5
	// demo.yaml:12:5: unknown key saliance in actor (did you mean salience?)
}
