package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"

	"github.com/parleysim/parley/forecast"
)

func init() { register(newForecastCmd) }

// forecastOptions are the flags of `parley forecast`.
type forecastOptions struct {
	model   string
	rounds  int
	json    bool
	out     string
	runs    int
	jitter  float64
	seed    uint64
	workers int
}

func newForecastCmd() *cobra.Command {
	var o forecastOptions
	cmd := &cobra.Command{
		Use:   "forecast FILE",
		Short: "Spatial forecast (BDM expected utility, KTAB SMP, weighted mean) on a BDM or KTAB table",
		Long: `Forecast reads a Bueno de Mesquita table (CSV: Actor,Capability,Position,Salience),
a KTAB SMP CSV or a KTAB XML file and runs the spatial models on it: eum (Bueno de
Mesquita's expected-utility model, Scholz et al. 2011 replication), smp (KTAB's Spatial
Model of Politics) and the capability × salience weighted mean, which is always shown
as the baseline. With --runs N, positions, saliences and capabilities are jittered
per run and the forecast's distribution is reported.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runForecast(cmd.OutOrStdout(), cmd.ErrOrStderr(), args[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.model, "model", "all", "eum, smp, weighted-mean or all")
	f.IntVar(&o.rounds, "rounds", 0, "eum rounds (default 10); smp maximum turns (default 100)")
	f.BoolVar(&o.json, "json", false, "print the result as JSON")
	f.StringVar(&o.out, "out", "", "write charts (PNG) into this directory")
	f.IntVar(&o.runs, "runs", 0, "Monte Carlo runs with jittered inputs (0: none)")
	f.Float64Var(&o.jitter, "jitter", 0.05, "σ of the Monte Carlo jitter (fraction of the position range; salience; log capability)")
	f.Uint64Var(&o.seed, "seed", 1, "Monte Carlo seed")
	f.IntVar(&o.workers, "workers", 0, "parallel workers (default: all cores)")
	return cmd
}

func runForecast(stdout, stderr io.Writer, file string, o forecastOptions) error {
	if !slices.Contains(forecast.ModelNames, o.model) {
		return badInputf("--model %q: want one of %s", o.model, strings.Join(forecast.ModelNames, ", "))
	}
	if o.rounds < 0 || o.runs < 0 || o.jitter < 0 {
		return badInputf("--rounds, --runs and --jitter must not be negative")
	}
	in, err := forecast.ReadFile(file)
	if err != nil {
		var ie *forecast.InputError
		if errors.As(err, &ie) || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
			return badInput(err)
		}
		return err
	}
	res, err := forecast.Run(in, forecast.Options{
		Model: o.model, Rounds: o.rounds, Runs: o.runs, Jitter: o.jitter, Seed: o.seed, Workers: o.workers,
	})
	if err != nil {
		return badInput(err)
	}
	for _, n := range in.Notes {
		fmt.Fprintln(stderr, "note:", n)
	}
	if o.out != "" {
		if err := forecast.WriteCharts(o.out, in, res); err != nil {
			return err
		}
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printForecastTable(stdout, in, res)
	return nil
}

// printForecastTable prints one row per model and dimension, with the
// weighted-mean baseline beside every model.
func printForecastTable(w io.Writer, in *forecast.Input, res *forecast.Result) {
	var base []float64
	for _, m := range res.Models {
		if m.Model == "weighted-mean" {
			for _, d := range m.Dimensions {
				base = append(base, d.Forecast)
			}
		}
	}
	t := table.NewWriter()
	t.SetOutputMirror(w)
	t.SetStyle(table.StyleLight)
	fmt.Fprintf(w, "%s (%s): %d actors, %d dimension(s)\n", in.Name, in.Format, len(in.Actors), len(in.Dimensions))
	header := table.Row{"model", "dimension", "forecast", "median / modal", "weighted mean"}
	if res.Runs > 0 {
		header = append(header, "MC mean", "p10", "p50", "p90")
	}
	t.AppendHeader(header)
	for _, m := range res.Models {
		for k, dim := range in.Dimensions {
			var fc, med string
			switch m.Model {
			case "smp":
				fc = fmt.Sprintf("%.2f", m.Expected[k])
				med = fmt.Sprintf("%.2f (p=%.3f)", m.Modal[k], *m.PModal)
			default:
				fc = fmt.Sprintf("%.4f", m.Dimensions[k].Forecast)
				if m.Dimensions[k].Median != nil {
					med = fmt.Sprintf("%.4g", *m.Dimensions[k].Median)
				}
			}
			row := table.Row{m.Model, dim, fc, med, fmt.Sprintf("%.4f", base[k])}
			if res.Runs > 0 && k < len(m.Distribution) {
				d := m.Distribution[k]
				row = append(row, fmt.Sprintf("%.4f", d.Mean), fmt.Sprintf("%.4f", d.P10), fmt.Sprintf("%.4f", d.P50), fmt.Sprintf("%.4f", d.P90))
			}
			t.AppendRow(row)
		}
	}
	t.Render()
	if res.Runs > 0 {
		fmt.Fprintf(w, "Monte Carlo: %d runs, jitter σ = %g, seed %d\n", res.Runs, res.Jitter, res.Seed)
	}
}
