package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parleysim/parley/report"
	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

func init() {
	register(newReportCmd)
	// `parley run` draws the charts and report.html through this hook.
	writeReport = func(dir string, sum *sim.Summary, sc *scenarios.Scenario, formats []string) error {
		return report.Write(dir, sum, sc, report.Options{Formats: formats})
	}
}

// reportOptions are the flags of `parley report`.
type reportOptions struct {
	plots string
}

func newReportCmd() *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report DIR",
		Short: "Redraw the charts and report.html of a results folder without re-running",
		Long: `Report reads DIR/summary.json and DIR/scenario.yaml, written by 'parley run',
and draws the charts and report.html into DIR again, without re-running the
simulation. The files are the same, byte for byte, as those 'parley run' wrote.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args[0]) },
	}
	cmd.Flags().StringVar(&o.plots, "plots", "png", "chart formats, comma-separated: png, svg")
	return cmd
}

func (o *reportOptions) run(cmd *cobra.Command, dir string) error {
	formats, err := parsePlots(o.plots)
	if err != nil {
		return err
	}
	sum, err := readSummary(filepath.Join(dir, "summary.json"))
	if err != nil {
		return err
	}
	scPath := filepath.Join(dir, "scenario.yaml")
	sc, err := scenarios.LoadFile(scPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return badInputf("%s: no scenario.yaml: DIR must be a results folder written by 'parley run'", dir)
		}
		return badInput(err)
	}
	if sum.Scenario.SHA256 != "" && sum.Scenario.SHA256 != sc.SHA256 {
		return badInputf("%s does not match summary.json: the scenario was changed after the run (sha256 %.12s…, summary has %.12s…); run it again with 'parley run %s'",
			scPath, sc.SHA256, sum.Scenario.SHA256, scPath)
	}
	if err := report.Write(dir, sum, sc, report.Options{Formats: formats}); err != nil {
		return err
	}
	n := len(report.Charts(sum, sc))
	fmt.Fprintf(cmd.OutOrStdout(), "wrote %d charts (%s) and %s to %s\n", n, strings.Join(formats, ", "), report.HTMLName, dir)
	return nil
}

// parsePlots reads a --plots value: png, svg or both, comma-separated.
func parsePlots(v string) ([]string, error) {
	var formats []string
	for _, f := range strings.Split(v, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f != "png" && f != "svg" {
			return nil, badInputf("--plots: unknown format %q (use png, svg, or both: png,svg)", f)
		}
		formats = append(formats, f)
	}
	return formats, nil
}

// readSummary reads and decodes a summary.json; a missing or malformed file
// is the user's mistake, reported with its line and column.
func readSummary(path string) (*sim.Summary, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, badInputf("%s: no such file: DIR must be a results folder written by 'parley run'", path)
	}
	if err != nil {
		return nil, badInput(err)
	}
	var sum sim.Summary
	if err := json.Unmarshal(data, &sum); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			line, col := lineCol(data, syn.Offset)
			return nil, badInputf("%s:%d:%d: not valid JSON: %v", path, line, col, err)
		case errors.As(err, &typ):
			line, col := lineCol(data, typ.Offset)
			return nil, badInputf("%s:%d:%d: %s should be %s, not %s", path, line, col, nonEmptyField(typ.Field), typ.Type, typ.Value)
		}
		return nil, badInputf("%s: %v", path, err)
	}
	if err := checkSummary(&sum); err != nil {
		return nil, badInputf("%s: %v", path, err)
	}
	return &sum, nil
}

// checkSummary rejects a summary no run could have written, so a damaged
// file gets a message rather than a strange chart.
func checkSummary(s *sim.Summary) error {
	if s.Runs < 0 || s.Horizon < 0 || s.Horizon > 1_000_000 {
		return fmt.Errorf("impossible runs (%d) or horizon (%d)", s.Runs, s.Horizon)
	}
	if len(s.Outcomes) == 0 {
		return errors.New("no outcomes: this is not a summary written by 'parley run'")
	}
	for _, o := range s.Outcomes {
		if !(o.P >= 0 && o.P <= 1) {
			return fmt.Errorf("outcome %q: probability %v is outside [0, 1]", o.ID, o.P)
		}
	}
	for _, is := range s.Issues {
		for _, c := range is.Histogram.Counts {
			if c < 0 {
				return fmt.Errorf("issue %q: negative histogram count", is.ID)
			}
		}
	}
	return nil
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

func nonEmptyField(f string) string {
	if f == "" {
		return "the value"
	}
	return f
}
