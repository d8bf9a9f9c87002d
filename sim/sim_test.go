package sim

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"testing"

	"github.com/parleysim/parley/scenarios"
)

func resolve(t testing.TB, name string, sets ...string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Resolve(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func runJSON(t *testing.T, sc *scenarios.Scenario, opt Options) (*Summary, []byte, []byte) {
	t.Helper()
	var csvBuf bytes.Buffer
	opt.RunsCSV = &csvBuf
	s, err := Run(context.Background(), sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	js, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	return s, js, csvBuf.Bytes()
}

// TestDeterminismAcrossWorkers: the runs are drawn from PCG(seed, run) and
// blocks are merged in block order (MODEL.md §5, CLI.md), so summary.json
// and runs.csv are the same bytes for any number of workers.
func TestDeterminismAcrossWorkers(t *testing.T) {
	sc := resolve(t, scenarios.DefaultScenario)
	var refJS, refCSV []byte
	for _, workers := range []int{1, 2, 3} {
		_, js, rows := runJSON(t, sc, Options{Runs: 2500, Seed: 7, Workers: workers, BlockSize: 128})
		if refJS == nil {
			refJS, refCSV = js, rows
			continue
		}
		if !bytes.Equal(js, refJS) {
			t.Errorf("summary.json with %d workers differs from 1 worker", workers)
		}
		if !bytes.Equal(rows, refCSV) {
			t.Errorf("runs.csv with %d workers differs from 1 worker", workers)
		}
	}
	// A different seed must give a different result (the test could fail).
	_, js, _ := runJSON(t, sc, Options{Runs: 2500, Seed: 8, Workers: 2, BlockSize: 128})
	if bytes.Equal(js, refJS) {
		t.Error("seeds 7 and 8 gave the same summary")
	}
}

// TestExplainMatchesRunsCSV: explain replays run K through the same worker
// code, so its outcome, layer statuses, rounds and agreed values are the
// row K of runs.csv.
func TestExplainMatchesRunsCSV(t *testing.T) {
	for _, name := range []string{scenarios.DefaultScenario, "ceasefire-2026", "freeze-for-relief"} {
		sc := resolve(t, name)
		_, _, rows := runJSON(t, sc, Options{Runs: 300, Seed: 3, Workers: 2, BlockSize: 64})
		recs, err := csv.NewReader(bytes.NewReader(rows)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 301 {
			t.Fatalf("%s: runs.csv has %d lines, want 301", name, len(recs))
		}
		for _, k := range []int{0, 1, 17, 64, 150, 299} {
			res, err := Explain(io.Discard, sc, 3, k)
			if err != nil {
				t.Fatal(err)
			}
			row := recs[k+1]
			if row[0] != strconv.Itoa(k) {
				t.Fatalf("%s: row %d has run %s", name, k, row[0])
			}
			want := []string{strconv.Itoa(k), outcomeID(sc, res.Outcome), strconv.FormatBool(res.Escalated)}
			for l := range sc.Layers {
				want = append(want, res.Status[l].String(), strconv.Itoa(res.Round[l]))
			}
			for k := range sc.Issues {
				v := ""
				if !math.IsNaN(res.Value[k]) {
					v = strconv.FormatFloat(res.Value[k], 'g', 10, 64)
				}
				want = append(want, v)
			}
			for i := range want {
				if row[i] != want[i] {
					t.Errorf("%s run %d: runs.csv column %s = %q, explain says %q", name, k, recs[0][i], row[i], want[i])
				}
			}
		}
	}
}

func outcomeID(sc *scenarios.Scenario, o int) string {
	if o < len(sc.Outcomes) {
		return sc.Outcomes[o].ID
	}
	return OtherOutcome
}

// TestMutuallyExclusiveRedLines: in the red-lines built-in a demands ≥ 60
// and b concedes ≤ 40, both firm: the feasible set is empty in every run
// (MODEL.md §3), so p_agreed = 0 and p_infeasible = 1. With hazard 0.1 over
// 20 failed rounds, P(open at the horizon) = 0.9^20 ≈ 0.1216; the estimate
// must lie within 4 standard errors of it.
func TestMutuallyExclusiveRedLines(t *testing.T) {
	sc := resolve(t, "red-lines")
	s, _, _ := runJSON(t, sc, Options{Runs: 4000, Seed: 1, Workers: 2})
	l := s.Layers[0]
	if l.PAgreed != 0 || l.PInfeasible != 1 {
		t.Fatalf("p_agreed = %v, p_infeasible = %v; want 0 and 1", l.PAgreed, l.PInfeasible)
	}
	want := math.Pow(0.9, 20)
	se := math.Sqrt(want * (1 - want) / 4000)
	if math.Abs(l.POpen-want) > 4*se {
		t.Errorf("p_open = %.4f, want 0.9^20 = %.4f ± %.4f", l.POpen, want, 4*se)
	}
	if math.Abs(l.PBroken+l.POpen-1) > 1e-12 {
		t.Errorf("broken + open = %v, want 1", l.PBroken+l.POpen)
	}
}

// TestRubinsteinFirstRound: with σ = 0 and no shocks the subgame-perfect
// offer is accepted in round 1 (MODEL.md §4.1; AgreedBy[0] counts round 1), and the first proposer's
// share is (1 − δ₂)/(1 − δ₁δ₂) (Rubinstein 1982, Econometrica 50:97). The
// mean is exact; the median is read from a 200-bin histogram, so it must
// lie within one bin (1/200) of the closed form.
func TestRubinsteinFirstRound(t *testing.T) {
	for _, d := range [][2]float64{{0.9, 0.8}, {0.9, 0.9}, {0.5, 0.95}, {0.99, 0.6}} {
		sc := resolve(t, "rubinstein",
			"actors.a.patience="+strconv.FormatFloat(d[0], 'g', -1, 64),
			"actors.b.patience="+strconv.FormatFloat(d[1], 'g', -1, 64))
		s, _, _ := runJSON(t, sc, Options{Runs: 200, Seed: 1, Workers: 1})
		l := s.Layers[0]
		if l.PAgreed != 1 || l.AgreedBy[0] != 200 {
			t.Errorf("δ = %v: p_agreed = %v, agreed in round 1: %d of 200", d, l.PAgreed, l.AgreedBy[0])
		}
		want := (1 - d[1]) / (1 - d[0]*d[1])
		is := s.Issues[0]
		if math.Abs(is.Mean-want) > 1e-6 {
			t.Errorf("δ = %v: mean share %.8f, want %.8f", d, is.Mean, want)
		}
		if l.Round.Mean != 1 || l.Round.P90 != 1 {
			t.Errorf("δ = %v: rounds %+v, want all in round 1", d, l.Round)
		}
		if math.Abs(is.P50-want) > 1.0/histBins {
			t.Errorf("δ = %v: median share %.6f, want %.6f within one bin", d, is.P50, want)
		}
	}
}

// TestPartialOnCancel: a cancelled run returns the whole blocks merged so
// far, marked partial, and those are exactly the first blocks of a full run.
func TestPartialOnCancel(t *testing.T) {
	sc := resolve(t, "red-lines")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var rows bytes.Buffer
	s, err := Run(ctx, sc, Options{Runs: 100000, Seed: 1, Workers: 2, BlockSize: 256, RunsCSV: &rows,
		Progress: func(done int) {
			if done >= 512 {
				cancel()
			}
		}})
	if err == nil || !s.Partial {
		t.Fatalf("err = %v, partial = %v; want an error and a partial summary", err, s.Partial)
	}
	if s.Runs%256 != 0 || s.Runs < 512 || s.Runs >= 100000 {
		t.Fatalf("partial summary has %d runs, want whole blocks of 256", s.Runs)
	}
	full, _, fullRows := runJSON(t, sc, Options{Runs: s.Runs, Seed: 1, Workers: 1, BlockSize: 256})
	if full.Outcomes[1].Runs != s.Outcomes[1].Runs || !bytes.Equal(rows.Bytes(), fullRows) {
		t.Error("the partial result is not the prefix of a full run")
	}
}
