package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

func init() { register(newRunCmd) }

// runOptions are the flags of `parley run` (CLI.md).
type runOptions struct {
	runs    int
	seed    uint64
	workers int
	out     string
	json    bool
	runsCSV bool
	plots   string
	noPlots bool
	sets    []string
	quiet   bool
}

// writeReport writes the charts and report.html into dir. It is set by the
// report command's file (report.go), so run.go needs no plotting code.
var writeReport func(dir string, sum *sim.Summary, sc *scenarios.Scenario, formats []string) error

func newRunCmd() *cobra.Command {
	o := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [SCENARIO]",
		Short: "Play Monte Carlo runs of a scenario and summarise them",
		Long: `Run plays --runs Monte Carlo runs of SCENARIO (a file, or the name of a
built-in; default ` + scenarios.DefaultScenario + `), prints the summary as a table and writes
summary.json and scenario.yaml (and runs.csv with --runs-csv) into --out.
The same scenario and seed always give the same numbers, whatever --workers.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			arg := ""
			if len(args) == 1 {
				arg = args[0]
			}
			return o.run(cmd, arg)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.runs, "runs", 10000, "number of Monte Carlo runs")
	f.Uint64Var(&o.seed, "seed", 1, "random seed (run K draws from PCG(seed, K))")
	f.IntVar(&o.workers, "workers", runtime.NumCPU(), "parallel workers (the result does not depend on it)")
	f.StringVar(&o.out, "out", "", "output folder (default parley-out/<scenario name>)")
	f.BoolVar(&o.json, "json", false, "print summary.json to stdout instead of the table")
	f.BoolVar(&o.runsCSV, "runs-csv", false, "also write runs.csv, one row per run")
	f.StringVar(&o.plots, "plots", "png", "chart formats, comma-separated: png, svg")
	f.BoolVar(&o.noPlots, "no-plots", false, "write no charts and no report.html")
	f.StringArrayVar(&o.sets, "set", nil, "override one scenario value, PATH=VALUE (repeatable), e.g. actors.iran.patience=0.8")
	f.BoolVar(&o.quiet, "quiet", false, "no progress bar and no notes on stderr")
	return cmd
}

func (o *runOptions) run(cmd *cobra.Command, arg string) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if o.runs <= 0 {
		return badInputf("--runs must be a positive number of runs, got %d", o.runs)
	}
	if o.workers <= 0 {
		return badInputf("--workers must be at least 1, got %d", o.workers)
	}
	var formats []string
	if !o.noPlots {
		for _, f := range strings.Split(o.plots, ",") {
			f = strings.ToLower(strings.TrimSpace(f))
			if f != "png" && f != "svg" {
				return badInputf("--plots: unknown format %q (use png, svg, or both: png,svg)", f)
			}
			formats = append(formats, f)
		}
	}
	sc, err := scenarios.Resolve(arg, o.sets)
	if err != nil {
		return badInput(err)
	}
	dir := o.out
	if dir == "" {
		dir = filepath.Join("parley-out", sc.Name)
	}
	if err := checkWritable(dir); err != nil {
		return badInputf("--out %s: cannot write there: %v", dir, err)
	}

	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	opt := sim.Options{Runs: o.runs, Seed: o.seed, Workers: o.workers, Version: Version}
	var csvTmp *os.File
	if o.runsCSV {
		if csvTmp, err = os.CreateTemp(dir, ".runs.csv.*"); err != nil {
			return fmt.Errorf("runs.csv: %w", err)
		}
		defer os.Remove(csvTmp.Name()) // after a successful rename this is a no-op
		opt.RunsCSV = csvTmp
	}
	var bar *progressbar.ProgressBar
	if f, ok := stderr.(*os.File); ok && !o.quiet && term.IsTerminal(int(f.Fd())) {
		bar = progressbar.NewOptions(o.runs,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription(sc.Name),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000))
		opt.Progress = func(done int) { _ = bar.Set(done) }
	}

	sum, runErr := sim.Run(ctx, sc, opt)
	if bar != nil {
		_ = bar.Finish()
	}
	interrupted := runErr != nil && (errors.Is(runErr, context.Canceled) || errors.Is(runErr, context.DeadlineExceeded))
	if runErr != nil && !interrupted {
		if sum == nil {
			return runErr
		}
		if csvTmp != nil {
			return fmt.Errorf("runs.csv: %w", runErr)
		}
		return runErr
	}

	// Write what was done: every file atomically (temp file, then rename).
	js, err := sum.JSON()
	if err != nil {
		return err
	}
	if csvTmp != nil {
		if err := csvTmp.Chmod(0o644); err != nil {
			return fmt.Errorf("runs.csv: %w", err)
		}
		if err := csvTmp.Close(); err != nil {
			return fmt.Errorf("runs.csv: %w", err)
		}
		if err := os.Rename(csvTmp.Name(), filepath.Join(dir, "runs.csv")); err != nil {
			return fmt.Errorf("runs.csv: %w", err)
		}
	}
	if err := writeAtomic(dir, "scenario.yaml", sc.Source); err != nil {
		return err
	}
	if err := writeAtomic(dir, "summary.json", js); err != nil {
		return err
	}
	if writeReport != nil && !o.noPlots {
		if err := writeReport(dir, sum, sc, formats); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}

	if o.json {
		if _, err := stdout.Write(js); err != nil {
			return err
		}
	} else {
		printSummary(stdout, sum, sc, dir)
	}
	if interrupted {
		return fmt.Errorf("interrupted after %d of %d runs; partial results (\"partial\": true) written to %s", sum.Runs, sum.Requested, dir)
	}
	return nil
}

// checkWritable makes sure dir exists (creating it) and a file can be
// created in it, before any run starts.
func checkWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return unwrapPath(err)
	}
	f, err := os.CreateTemp(dir, ".parley-check-*")
	if err != nil {
		return unwrapPath(err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writeAtomic writes data to dir/name through a temporary file in the same
// folder and a rename, so a reader never sees a half-written file.
func writeAtomic(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, "."+name+".*")
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", name, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// pct formats a probability as a percentage with one decimal.
func pct(p float64) string { return fmt.Sprintf("%.1f %%", 100*p) }

func ci(c [2]float64) string { return fmt.Sprintf("%.1f – %.1f %%", 100*c[0], 100*c[1]) }

// num formats a value in issue units with about four significant digits.
func num(v float64) string {
	switch a := math.Abs(v); {
	case a == 0:
		return "0"
	case a >= 100:
		return fmt.Sprintf("%.1f", v)
	case a >= 1:
		return fmt.Sprintf("%.2f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}

func newTable(w io.Writer, title string) table.Writer {
	t := table.NewWriter()
	t.SetOutputMirror(w)
	t.SetStyle(table.StyleLight)
	t.SetTitle("%s", title)
	return t
}

// printSummary prints the summary as readable tables (CLI.md `run`).
func printSummary(w io.Writer, s *sim.Summary, sc *scenarios.Scenario, dir string) {
	fmt.Fprintf(w, "%s — %s\n", s.Scenario.Name, s.Scenario.Title)
	fmt.Fprintf(w, "%d runs, seed %d, horizon %d %ss", s.Runs, s.Seed, s.Horizon, sc.Round)
	if s.Partial {
		fmt.Fprintf(w, " (PARTIAL: %d of %d runs requested)", s.Runs, s.Requested)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)

	t := newTable(w, "Outcomes (95 % Wilson interval)")
	t.AppendHeader(table.Row{"outcome", "", "runs", "p", "95 % interval"})
	for _, o := range s.Outcomes {
		if o.ID == sim.OtherOutcome && o.Runs == 0 {
			continue
		}
		t.AppendRow(table.Row{o.ID, o.Title, o.Runs, pct(o.P), ci(o.CI95)})
	}
	t.AppendFooter(table.Row{"escalation", "the conflict escalated", "", pct(s.Escalation), ci(s.EscCI95)})
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 2, WidthMax: 48, WidthMaxEnforcer: text.WrapSoft}, {Number: 3, Align: text.AlignRight}, {Number: 4, Align: text.AlignRight}})
	t.Render()
	if other := s.Outcomes[len(s.Outcomes)-1]; other.ID == sim.OtherOutcome && other.Runs > 0 {
		fmt.Fprintf(w, "note: %d runs (%s) matched none of the scenario's outcomes and are counted as \"other\".\n", other.Runs, pct(other.P))
	}
	fmt.Fprintln(w)

	t = newTable(w, "Layers (share of runs)")
	t.AppendHeader(table.Row{"layer", "agreed", "broken", "open", "off agenda", "collapsed", "infeasible", "ended in round (mean, p10–p90)"})
	for _, l := range s.Layers {
		when := "—"
		if l.PAgreed+l.PBroken+l.PCollapsed > 0 {
			when = fmt.Sprintf("%.1f (%g–%g)", l.Round.Mean, l.Round.P10, l.Round.P90)
		}
		t.AppendRow(table.Row{l.ID, pct(l.PAgreed), pct(l.PBroken), pct(l.POpen), pct(l.POffAgenda), pct(l.PCollapsed), pct(l.PInfeasible), when})
	}
	t.Render()
	for _, l := range s.Layers {
		if s.Runs > 0 && l.PInfeasible == 1 {
			fmt.Fprintf(w, "note: on layer %s agreement was impossible in every run: the firm red lines leave no point both sides accept.\n", l.ID)
		}
		if l.PUnopened > 0 {
			fmt.Fprintf(w, "note: layer %s never opened in %s of runs (a prerequisite never agreed); those runs count as open.\n", l.ID, pct(l.PUnopened))
		}
	}
	fmt.Fprintln(w)

	t = newTable(w, "Agreed values (over the runs in which the issue's layer agreed)")
	t.AppendHeader(table.Row{"issue", "unit", "agreed runs", "mean", "p10", "p50", "p90"})
	for _, is := range s.Issues {
		if is.AgreedRuns == 0 {
			t.AppendRow(table.Row{is.ID, is.Unit, 0, "—", "—", "—", "—"})
			continue
		}
		t.AppendRow(table.Row{is.ID, is.Unit, is.AgreedRuns, num(is.Mean), num(is.P10), num(is.P50), num(is.P90)})
	}
	t.Render()
	fmt.Fprintln(w)

	t = newTable(w, "Actors: run utility (0–1, ± s.e.)")
	t.AppendHeader(table.Row{"actor", "role", "utility", "no-deal utility"})
	for _, a := range s.Actors {
		t.AppendRow(table.Row{a.ID, a.Role, fmt.Sprintf("%.3f ± %.3f", a.UtilityMean, a.UtilitySE), fmt.Sprintf("%.3f", a.ReservationMean)})
	}
	t.Render()

	if len(s.Shocks) > 0 {
		fmt.Fprintln(w)
		t = newTable(w, "Shocks")
		t.AppendHeader(table.Row{"shock", "", "fired in", "times per run"})
		for _, sh := range s.Shocks {
			t.AppendRow(table.Row{sh.ID, sh.Title, pct(sh.PFired), fmt.Sprintf("%.2f", sh.MeanFire)})
		}
		t.SetColumnConfigs([]table.ColumnConfig{{Number: 2, WidthMax: 48, WidthMaxEnforcer: text.WrapSoft}})
		t.Render()
	}
	if len(s.Compliance) > 0 {
		fmt.Fprintln(w)
		t = newTable(w, "Compliance (runs with a deal to keep)")
		t.AppendHeader(table.Row{"actor", "layer", "runs", "cheated", "detected"})
		for _, c := range s.Compliance {
			t.AppendRow(table.Row{c.Actor, c.Layer, c.Runs, pct(c.PCheated), pct(c.PDetected)})
		}
		t.Render()
	}
	fmt.Fprintf(w, "\nresults in %s\n", dir)
}
