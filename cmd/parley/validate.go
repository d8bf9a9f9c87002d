package main

import (
	"errors"
	"fmt"

	"github.com/parleysim/parley/scenarios"
	"github.com/spf13/cobra"
)

func init() { register(newValidateCmd) }

func newValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE…",
		Short: "Check scenario files and print every problem as file:line:col: message",
		Long: `Validate checks each scenario file (or built-in name) and prints "FILE: ok" or
every problem it finds, one per line as file:line:col: message. It exits 0 only
if every file is valid, 2 otherwise.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
			bad := 0
			for _, arg := range args {
				if _, err := scenarios.Resolve(arg, nil); err != nil {
					bad++
					var list scenarios.ErrorList
					if errors.As(err, &list) {
						fmt.Fprintln(errOut, list.Error())
					} else {
						fmt.Fprintf(errOut, "%s: %v\n", arg, err)
					}
					continue
				}
				fmt.Fprintf(out, "%s: ok\n", arg)
			}
			if bad > 0 {
				return badInputf("%d of %d scenario files have problems", bad, len(args))
			}
			return nil
		},
	}
}
