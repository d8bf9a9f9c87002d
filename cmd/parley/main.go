// Command parley is a negotiation game-theory simulator: it reads a scenario
// (actors, issues, red lines, layers, shocks), plays Monte Carlo bargaining
// runs and reports what is likely to happen and why. See README.md.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// Exit codes (CLI.md): 2 for bad input, 1 for a failure of the program.
const (
	exitOK       = 0
	exitFailure  = 1
	exitBadInput = 2
)

// exitError carries the exit code a command's error should end with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// badInput marks err as the user's mistake (exit 2).
func badInput(err error) error { return &exitError{code: exitBadInput, err: err} }

// badInputf formats a bad-input error (exit 2).
func badInputf(format string, args ...any) error {
	return badInput(fmt.Errorf(format, args...))
}

// commands holds the constructors of the subcommands; each command's file
// registers itself in an init function, so a new command is one new file.
var commands []func() *cobra.Command

func register(newCmd func() *cobra.Command) { commands = append(commands, newCmd) }

// newRootCmd builds the command tree. Streams are passed in so tests can run
// commands without a terminal.
func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "parley",
		Short: "Negotiation game-theory simulator: Monte Carlo bargaining with red lines, layers, shocks and compliance",
		Long: `Parley simulates negotiations. Describe the actors, what each wants and how much
each cares, their red lines, patience and outside options, and the layers on the
table; Parley plays many Monte Carlo runs of bargaining rounds and reports the
likely outcomes with error bars, and can narrate any single run.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	// Flag errors (unknown flag, non-numeric value) are the user's mistake.
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return badInputf("%v (see '%s --help')", err, c.CommandPath())
	})
	for _, newCmd := range commands {
		root.AddCommand(newCmd())
	}
	return root
}

// run executes parley with args and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "parley:", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	// cobra's own argument errors (unknown command, wrong arg count) are bad input.
	if isCobraUsageError(err) {
		return exitBadInput
	}
	return exitFailure
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
