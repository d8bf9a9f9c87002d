package forecast

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/parleysim/parley/models"
)

// runSMPInput runs the default SMP on a KTAB input.
func runSMPInput(t *testing.T, in *Input) *models.SMPHistory {
	t.Helper()
	n, d := len(in.Actors), len(in.Dimensions)
	capab := make([]float64, n)
	pos := make([]float64, n*d)
	sal := make([]float64, n*d)
	for i, a := range in.Actors {
		capab[i] = a.Capability
		for k := range d {
			pos[i*d+k] = a.Position[k] / 100
			sal[i*d+k] = a.Salience[k]
		}
	}
	m := models.NewSMP(n, d, models.SMPParams{})
	m.Set(capab, pos, sal, nil)
	var h models.SMPHistory
	m.Run(nil, &h)
	return &h
}

// referenceLines returns KTAB's regression lines of a reference log: the
// position history ("name, dim: x x x") and the "name, prob : p p p" lines,
// whitespace-normalised.
func referenceLines(t *testing.T, path string) (hist, prob []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	inHist := false
	for sc.Scan() {
		line := strings.Join(strings.Fields(sc.Text()), " ")
		switch {
		case strings.HasPrefix(line, "History of actor positions over time"):
			inHist = true
		case strings.HasPrefix(line, "History of actors' winning probabilities"):
			inHist = false
		case strings.Contains(line, ", prob :"):
			prob = append(prob, line)
		case inHist && line != "":
			hist = append(hist, line)
		}
	}
	return hist, prob
}

// TestSMPReference compares the default SMP with KTAB's own regression
// output (examples/smp/doc/20170530_ref-*.txt, `smpc --logmin --csv FILE`,
// default parameters): every position-history line and every `prob :` line
// must be equal as printed (%5.1f on 0–100, %.4f).
func TestSMPReference(t *testing.T) {
	for _, tc := range []struct{ input, ref string }{
		{"ktab/dummyData_3Dim.csv", "ktab/reference/20170530_ref-dummyData_3Dim.txt"},
		{"ktab/SOE-Pol-Comp.csv", "ktab/reference/20170530_ref-SOE-Pol-Comp.txt"},
	} {
		t.Run(tc.input, func(t *testing.T) {
			in, err := ReadFile(sharedData(t, tc.input))
			if err != nil {
				t.Fatal(err)
			}
			wantHist, wantProb := referenceLines(t, sharedData(t, tc.ref))
			h := runSMPInput(t, in)
			var gotHist, gotProb []string
			n, d := len(in.Actors), len(in.Dimensions)
			for i := range n {
				for k := range d {
					var b strings.Builder
					fmt.Fprintf(&b, "%s, %s:", in.Actors[i].Name, in.Dimensions[k])
					for _, p := range h.Positions {
						fmt.Fprintf(&b, " %5.1f", 100*p[i*d+k])
					}
					gotHist = append(gotHist, strings.Join(strings.Fields(b.String()), " "))
				}
				var b strings.Builder
				fmt.Fprintf(&b, "%s, prob :", in.Actors[i].Name)
				for _, p := range h.Prob {
					fmt.Fprintf(&b, " %.4f", p[i])
				}
				gotProb = append(gotProb, b.String())
			}
			if len(wantHist) != n*d || len(wantProb) != n {
				t.Fatalf("reference has %d history and %d prob lines, want %d and %d", len(wantHist), len(wantProb), n*d, n)
			}
			compareLines(t, "position history", gotHist, wantHist)
			compareLines(t, "prob", gotProb, wantProb)
			// Turn 0 alone (the first check).
			for i := range wantProb {
				w := strings.Fields(wantProb[i])
				g := strings.Fields(gotProb[i])
				k := len(strings.Fields(in.Actors[i].Name + ", prob :"))
				if len(w) > k && len(g) > k && w[k] != g[k] {
					t.Errorf("turn-0 probability of %s: got %s, want %s", in.Actors[i].Name, g[k], w[k])
				}
			}
		})
	}
}

func compareLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d lines, want %d", what, len(got), len(want))
	}
	bad := 0
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			bad++
			if bad <= 3 {
				t.Errorf("%s line %d:\n got %s\nwant %s", what, i, got[i], want[i])
			}
		}
	}
	if bad > 3 {
		t.Errorf("%s: %d of %d lines differ", what, bad, len(want))
	}
}
