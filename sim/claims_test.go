package sim

import (
	"bytes"
	"encoding/csv"
	"math"
	"testing"

	"github.com/parleysim/parley/scenarios"
)

// Face validity of the default scenario (issue 6): each test runs
// muscat-2026 with the default seed and enough runs that the claim is not
// Monte Carlo noise (every comparison must hold by at least three standard
// errors), and quotes the sentence of the seed articles it checks. The
// scenario's numbers are calibrated from the articles (docs/scenarios/
// muscat-2026.md); the claims are not built into the model, so these tests
// can fail when the scenario or the engine changes.

const (
	claimRuns = 20000
	claimSeed = 1 // the default seed of `parley run`
)

// claimRun is one Monte Carlo run of a built-in with its runs.csv parsed.
type claimRun struct {
	sum  *Summary
	rows []map[string]string
}

func runClaim(t *testing.T, name string, sets ...string) claimRun {
	t.Helper()
	sc := resolve(t, name, sets...)
	s, _, rows := runJSON(t, sc, Options{Runs: claimRuns, Seed: claimSeed, Workers: 2})
	recs, err := csv.NewReader(bytes.NewReader(rows)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		m := make(map[string]string, len(rec))
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return claimRun{sum: s, rows: out}
}

var muscat claimRun

func muscatRun(t *testing.T) claimRun {
	if muscat.sum == nil {
		muscat = runClaim(t, scenarios.DefaultScenario)
	}
	return muscat
}

func (c claimRun) outcome(t *testing.T, id string) float64 {
	t.Helper()
	for _, o := range c.sum.Outcomes {
		if o.ID == id {
			return o.P
		}
	}
	t.Fatalf("no outcome %q", id)
	return 0
}

func (c claimRun) layer(t *testing.T, id string) LayerStat {
	t.Helper()
	for _, l := range c.sum.Layers {
		if l.ID == id {
			return l
		}
	}
	t.Fatalf("no layer %q", id)
	return LayerStat{}
}

// reached is true when a layer's agreement was reached in the run, whether
// it then held or collapsed in the compliance phase.
func reached(status string) bool { return status == "agreed" || status == "collapsed" }

// "an immediate breakthrough remains a dangerous illusion" [Muscat Gamble]:
// a deal on every layer is rare (< 10 %).
func TestClaimBreakthroughIsRare(t *testing.T) {
	c := muscatRun(t)
	all := 0
	for _, r := range c.rows {
		if reached(r["kinetic.status"]) && reached(r["nuclear.status"]) && reached(r["regional.status"]) {
			all++
		}
	}
	p := float64(all) / float64(len(c.rows))
	se := math.Sqrt(p * (1 - p) / float64(len(c.rows)))
	t.Logf("a deal on every layer: %.2f %% ± %.2f %%", 100*p, 100*se)
	if p+3*se >= 0.10 {
		t.Errorf("a deal on every layer in %.1f %% ± %.1f %% of runs, want clearly below 10 %%", 100*p, 100*se)
	}
}

// "a 'limited confidence-building' phase is the best-case scenario. Expect
// small-scale agreements—perhaps a freeze on higher-level enrichment in
// exchange for the release of frozen assets—rather than a final treaty"
// [Muscat Gamble]: a limited nuclear deal is more likely than a
// comprehensive one (grand bargain or phased de-escalation).
func TestClaimLimitedBeatsComprehensive(t *testing.T) {
	c := muscatRun(t)
	limited := c.outcome(t, "limited_confidence_building")
	comprehensive := c.outcome(t, "grand_bargain") + c.outcome(t, "phased_deescalation")
	// Outcomes are exclusive: Var(p1 − p2) = (p1 + p2 − (p1 − p2)²)/n for
	// two cells of one multinomial.
	d := limited - comprehensive
	se := math.Sqrt((limited + comprehensive - d*d) / claimRuns)
	t.Logf("limited %.2f %%, comprehensive %.2f %%, difference %.2f ± %.2f points", 100*limited, 100*comprehensive, 100*d, 100*se)
	if d <= 3*se {
		t.Errorf("limited %.1f %% vs comprehensive %.1f %% (difference %.2f ± %.2f %%): want limited clearly more likely",
			100*limited, 100*comprehensive, 100*d, 100*se)
	}
}

// "The first layer ... is achievable in the near term"; "The second layer is
// the nuclear file. This is where the talks will stall" [Three layers]:
// P(kinetic agreed) clearly exceeds P(nuclear agreed).
func TestClaimKineticBeforeNuclear(t *testing.T) {
	c := muscatRun(t)
	kin, nuc := 0, 0
	for _, r := range c.rows {
		if reached(r["kinetic.status"]) {
			kin++
		}
		if reached(r["nuclear.status"]) {
			nuc++
		}
	}
	pk, pn := float64(kin)/claimRuns, float64(nuc)/claimRuns
	t.Logf("P(kinetic agreed) %.2f %%, P(nuclear agreed) %.2f %%", 100*pk, 100*pn)
	if pk-pn < 0.2 {
		t.Errorf("P(kinetic agreed) = %.1f %%, P(nuclear agreed) = %.1f %%: want a clear gap (≥ 20 points)", 100*pk, 100*pn)
	}
}

// "The third layer ... is almost certainly not on the table in this round"
// [Three layers]: regional posture is off the agenda in most runs.
func TestClaimRegionalOffTheTable(t *testing.T) {
	l := muscatRun(t).layer(t, "regional")
	t.Logf("regional off the agenda: %.2f %%", 100*l.POffAgenda)
	if se := math.Sqrt(l.POffAgenda * (1 - l.POffAgenda) / claimRuns); l.POffAgenda-3*se <= 0.5 {
		t.Errorf("regional off the agenda in %.1f %% of runs, want most", 100*l.POffAgenda)
	}
}

// "the region remains one miscalculation away from a conflagration"
// [Muscat Gamble]: escalation has a real, minority probability.
func TestClaimEscalationRealMinority(t *testing.T) {
	p := muscatRun(t).sum.Escalation
	t.Logf("P(escalation) %.2f %%", 100*p)
	if p < 0.05 || p > 0.5 {
		t.Errorf("P(escalation) = %.1f %%, want a real minority (5–50 %%)", 100*p)
	}
}

// The articles describe several live scenarios ("The scenarios that follow
// from here are not binary" [Three layers]): the outcome distribution is
// spread, no single outcome above 70 %.
func TestClaimOutcomesSpread(t *testing.T) {
	for _, name := range []string{"muscat-2026", "freeze-for-relief", "ceasefire-2026"} {
		c := muscatRun(t)
		if name != scenarios.DefaultScenario {
			c = runClaim(t, name)
		}
		top := 0.0
		for _, o := range c.sum.Outcomes {
			top = math.Max(top, o.P)
			if o.P > 0.7 {
				t.Errorf("%s: outcome %s has p = %.1f %%, want none above 70 %%", name, o.ID, 100*o.P)
			}
		}
		t.Logf("%s: largest outcome %.2f %%", name, 100*top)
	}
}

// The sequencing trap: "Sanctions relief arrives first, compliance dribbles
// later, and enforcement erodes"; "a trap built from sequencing, where
// concessions are front-loaded" [Freeze for relief]. muscat-2026 front-loads
// relief; weakening verification (detection 0.8 → 0.3 per period) must make
// covert acceleration — a ceasefire as cover for undetected cheating — more
// likely. Paired comparison: both variants use the same seed, so run r
// draws the same numbers in both (common random numbers, MODEL.md §5), and
// the difference is estimated run by run with its paired standard error.
func TestClaimSequencingTrap(t *testing.T) {
	base := muscatRun(t)
	weak := runClaim(t, scenarios.DefaultScenario, "implementation.cheating.iran.detection=0.3")
	var sum, sum2 float64
	for r := range base.rows {
		d := 0.0
		if weak.rows[r]["outcome"] == "covert_acceleration" {
			d++
		}
		if base.rows[r]["outcome"] == "covert_acceleration" {
			d--
		}
		sum += d
		sum2 += d * d
	}
	n := float64(len(base.rows))
	mean := sum / n
	se := math.Sqrt((sum2/n - mean*mean) / n)
	t.Logf("P(covert acceleration) rises by %.2f ± %.2f points with weak verification", 100*mean, 100*se)
	if mean <= 3*se {
		t.Errorf("weak verification changes P(covert acceleration) by %.2f ± %.2f points, want a clear increase", 100*mean, 100*se)
	}
}
