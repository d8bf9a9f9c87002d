package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/parleysim/parley/scenarios"
)

// genScenario writes a random small scenario: 2–3 parties, 1–2 issues on
// one layer under any protocol (alternating with either proposer rule, nash
// or Kalai–Smorodinsky with either weighting, the spatial models), random ideal points,
// saliences, patience, misperception, breakdown hazard, and at most one red line
// per party and issue with random bounds and firmness.
func genScenario(t *rapid.T) string {
	var b strings.Builder
	nIss := rapid.IntRange(1, 2).Draw(t, "issues")
	nPar := rapid.IntRange(2, 3).Draw(t, "parties")
	fmt.Fprintf(&b, "parley: 1\nname: prop\nhorizon: 8\nbeliefs:\n  noise: %.3f\n  learning: %.2f\n",
		rapid.Float64Range(0, 0.3).Draw(t, "noise"), rapid.Float64Range(0, 1).Draw(t, "learning"))
	b.WriteString("issues:\n")
	for k := range nIss {
		fmt.Fprintf(&b, "  - {id: i%d, layer: deal, scale: [0, 100], unit: pts}\n", k)
	}
	protocols := []string{"alternating", "nash", "weighted-mean", "smp"}
	if nIss == 1 {
		protocols = append(protocols, "eum") // eum is a one-issue model
	}
	layer := "protocol: " + rapid.SampledFrom(protocols).Draw(t, "protocol")
	switch layer {
	case "protocol: alternating":
		layer += ", proposer: " + rapid.SampledFrom([]string{"rotate", "power"}).Draw(t, "proposer")
	case "protocol: nash":
		layer += ", solution: " + rapid.SampledFrom([]string{"nash", "kalai-smorodinsky"}).Draw(t, "solution") +
			", weights: " + rapid.SampledFrom([]string{"power", "equal"}).Draw(t, "weights")
	}
	fmt.Fprintf(&b, "layers:\n  - {id: deal, %s, breakdown: %.3f}\n", layer, rapid.Float64Range(0, 0.3).Draw(t, "hazard"))
	b.WriteString("actors:\n")
	for j := range nPar {
		fmt.Fprintf(&b, "  - id: p%d\n    role: party\n    patience: %.3f\n    power: %.2f\n", j,
			rapid.Float64Range(0.5, 1).Draw(t, "patience"), rapid.Float64Range(0.2, 2).Draw(t, "power"))
		var pos, sal []string
		for k := range nIss {
			pos = append(pos, fmt.Sprintf("i%d: %.1f", k, rapid.Float64Range(0, 100).Draw(t, "pos")))
			sal = append(sal, fmt.Sprintf("i%d: %.2f", k, rapid.Float64Range(0.1, 1).Draw(t, "sal")))
		}
		fmt.Fprintf(&b, "    positions: {%s}\n    salience: {%s}\n", strings.Join(pos, ", "), strings.Join(sal, ", "))
		fmt.Fprintf(&b, "    reservation: {deal: %.2f}\n", rapid.Float64Range(0, 0.5).Draw(t, "res"))
		var lines []string
		for k := range nIss {
			if !rapid.Bool().Draw(t, "has line") {
				continue
			}
			v := rapid.Float64Range(0, 100).Draw(t, "bound")
			side := rapid.SampledFrom([]string{"min", "max"}).Draw(t, "side")
			lines = append(lines, fmt.Sprintf("      - {issue: i%d, %s: %.1f, firmness: %.2f}\n", k, side, v, rapid.Float64Range(0, 1).Draw(t, "firmness")))
		}
		if len(lines) > 0 {
			b.WriteString("    red_lines:\n" + strings.Join(lines, ""))
		}
	}
	b.WriteString("outcomes:\n  - {id: deal, when: \"deal.agreed\"}\n  - {id: none, when: \"true\"}\n")
	return b.String()
}

// TestNoAgreementCrossesAFirmRedLine: a party never accepts an agreement
// that crosses one of its firm red lines (MODEL.md §3), whatever the
// scenario; and a unit whose firm lines leave no point never agrees.
func TestNoAgreementCrossesAFirmRedLine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		src := genScenario(t)
		sc, err := scenarios.Load("prop.yaml", []byte(src))
		if err != nil {
			t.Fatalf("generated scenario does not load: %v\n%s", err, src)
		}
		p, err := newPlan(sc)
		if err != nil {
			t.Fatal(err)
		}
		w, err := newWorker(p, rapid.Uint64().Draw(t, "seed"))
		if err != nil {
			t.Fatal(err)
		}
		for r := range 40 {
			w.play(r)
			if w.res.Status[0] != Agreed {
				continue
			}
			if w.res.infeasible[0] {
				t.Fatalf("run %d agreed on an infeasible unit\n%s", r, src)
			}
			for a, ac := range sc.Actors {
				for i, rl := range ac.RedLines {
					if !w.firm[p.lineBase[a]+i] {
						continue
					}
					v := w.res.Value[rl.Index]
					if (rl.Min != nil && v < *rl.Min-1e-9) || (rl.Max != nil && v > *rl.Max+1e-9) {
						t.Fatalf("run %d: agreed %s = %v crosses %s's firm red line (min %v, max %v)\n%s",
							r, rl.Issue, v, ac.ID, deref(rl.Min), deref(rl.Max), src)
					}
				}
			}
		}
	})
}

func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}
