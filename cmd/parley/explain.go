package main

import (
	"github.com/spf13/cobra"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

func init() { register(newExplainCmd) }

// explainOptions are the flags of `parley explain` (CLI.md).
type explainOptions struct {
	run  int
	seed uint64
	sets []string
}

func newExplainCmd() *cobra.Command {
	o := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain [SCENARIO] --run K",
		Short: "Tell the story of one run, round by round, with the numbers behind it",
		Long: `Explain replays run K of SCENARIO (default ` + scenarios.DefaultScenario + `) — exactly the run that
'parley run' counted as K with the same seed and --set values — and tells
what was drawn (patience, reservations, which red lines are firm), who
proposed what in each round, who rejected and why, which shocks fired,
what happened in the compliance phase, and which outcome it was.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			arg := ""
			if len(args) == 1 {
				arg = args[0]
			}
			if !cmd.Flags().Changed("run") {
				return badInputf("--run K is required: the index of the run to tell (0-based, the run column of runs.csv)")
			}
			if o.run < 0 {
				return badInputf("--run must be a run index ≥ 0, got %d", o.run)
			}
			sc, err := scenarios.Resolve(arg, o.sets)
			if err != nil {
				return badInput(err)
			}
			_, err = sim.Explain(cmd.OutOrStdout(), sc, o.seed, o.run)
			return err
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.run, "run", 0, "index of the run to tell (0-based, as in runs.csv)")
	f.Uint64Var(&o.seed, "seed", 1, "random seed, as given to parley run")
	f.StringArrayVar(&o.sets, "set", nil, "override one scenario value, PATH=VALUE (repeatable), as given to parley run")
	return cmd
}
