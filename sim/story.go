package sim

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/parleysim/parley/models"
	"github.com/parleysim/parley/scenarios"
)

// Explain replays run `run` of sc with seed — exactly the run that Run
// counted as that index: the same worker code and draws, with a narrator
// attached — and tells it in plain words with the numbers behind each step.
// It returns the run's result (the runs.csv row).
func Explain(out io.Writer, sc *scenarios.Scenario, seed uint64, run int) (*RunResult, error) {
	if run < 0 {
		return nil, fmt.Errorf("run index must be ≥ 0, got %d", run)
	}
	p, err := newPlan(sc)
	if err != nil {
		return nil, err
	}
	w, err := newWorker(p, seed)
	if err != nil {
		return nil, err
	}
	st := &story{out: out, sc: sc}
	for _, a := range sc.Actors {
		st.nameW = max(st.nameW, len(a.ID))
	}
	for _, l := range sc.Layers {
		st.nameW = max(st.nameW, len(l.ID))
	}
	for _, is := range sc.Issues {
		st.nameW = max(st.nameW, len(is.ID))
	}
	w.tr = st
	fmt.Fprintf(out, "Run %d of %s (seed %d) — %s\n", run, sc.Name, seed, sc.Title)
	fmt.Fprintf(out, "Every number below was drawn from this run's own generator PCG(%d, %d), so `parley run` counts exactly this run as run %d.\n", seed, run, run)
	fmt.Fprintln(out, "Values are in each issue's units; utilities run from 0 (worst) to 1 (ideal);")
	fmt.Fprintln(out, "ideal points are after influencers' pull.")
	w.play(run)
	if st.err != nil {
		return nil, st.err
	}
	res := w.res
	res.Status = append([]Status(nil), res.Status...)
	res.Round = append([]int(nil), res.Round...)
	res.Unopened = append([]bool(nil), res.Unopened...)
	res.Value = append([]float64(nil), res.Value...)
	res.Utility = append([]float64(nil), res.Utility...)
	res.Cheated = append([]bool(nil), res.Cheated...)
	res.Detected = append([]bool(nil), res.Detected...)
	return &res, nil
}

// story is the tracer of `explain`.
type story struct {
	out   io.Writer
	sc    *scenarios.Scenario
	nameW int
	round int // last round header printed, −1 none
	err   error
}

func (s *story) printf(format string, args ...any) {
	if s.err == nil {
		_, s.err = fmt.Fprintf(s.out, format, args...)
	}
}

func (s *story) pad(id string) string { return id + strings.Repeat(" ", max(s.nameW-len(id), 0)) }

// val formats a value in issue k's units.
func (s *story) val(k int, x float64) string {
	is := &s.sc.Issues[k]
	return fmt.Sprintf("%s %s", trimNum(x), is.Unit)
}

func trimNum(x float64) string {
	switch a := math.Abs(x); {
	case a >= 100:
		return fmt.Sprintf("%.1f", x)
	case a >= 10:
		return fmt.Sprintf("%.2f", x)
	default:
		return fmt.Sprintf("%.3f", x)
	}
}

func (s *story) offer(w *worker, vp *variantPlan, z []float64) string {
	parts := make([]string, len(vp.issues))
	for pos, k := range vp.issues {
		parts[pos] = fmt.Sprintf("%s = %s", s.sc.Issues[k].ID, s.val(k, w.unitsOf(k, z[pos])))
	}
	return strings.Join(parts, ", ")
}

func (s *story) lineText(w *worker, a, line int) string {
	rl := &s.sc.Actors[a].RedLines[line]
	var b []string
	if rl.Min != nil {
		b = append(b, fmt.Sprintf("%s ≥ %s", rl.Issue, s.val(rl.Index, *rl.Min)))
	}
	if rl.Max != nil {
		b = append(b, fmt.Sprintf("%s ≤ %s", rl.Issue, s.val(rl.Index, *rl.Max)))
	}
	t := strings.Join(b, " and ")
	if rl.Label != "" {
		t = fmt.Sprintf("%q (%s)", rl.Label, t)
	}
	return t
}

func (s *story) sampled(w *worker) {
	sc := s.sc
	s.round = -1
	s.printf("\nWhat was drawn for this run\n")
	sigma := w.noise * (1 - w.bestSkill)
	if w.mediated {
		s.printf("  misperception σ = %.3f × (1 − best mediator skill %.2f) = %.3f utility; each rejection removes %.0f %% of a proposer's error\n",
			w.noise, w.bestSkill, sigma, 100*clamp01(w.learning))
	} else {
		s.printf("  misperception σ = %.3f utility (no mediator); each rejection removes %.0f %% of a proposer's error\n", sigma, 100*clamp01(w.learning))
	}
	s.printf("  layers:\n")
	for l, ly := range sc.Layers {
		if !w.onAgenda[l] {
			s.printf("    %s  off the agenda (it is on the table with probability %.2f)\n", s.pad(ly.ID), w.layerAgenda[l])
			continue
		}
		h := clamp01(w.layerBreak[l] * w.mult[l])
		extra := ""
		if w.mult[l] != 1 {
			extra = fmt.Sprintf(" (%.1f %% × %.2f from influencers' pressure)", 100*w.layerBreak[l], w.mult[l])
		}
		req := ""
		if len(ly.Requires) > 0 {
			req = "; opens once " + strings.Join(ly.Requires, " and ") + " agreed"
		}
		s.printf("    %s  on the agenda; breakdown risk %.1f %% per failed round%s, then %s%s\n", s.pad(ly.ID), 100*h, extra, ly.OnBreakdown, req)
	}
	s.printf("  actors:\n")
	for a, ac := range sc.Actors {
		ad := &w.actors[a]
		switch ac.Role {
		case scenarios.RoleMediator:
			s.printf("    %s  mediator, skill %.2f\n", s.pad(ac.ID), ad.skill)
			continue
		case scenarios.RoleInfluencer:
			s.printf("    %s  influencer, power %.2f\n", s.pad(ac.ID), ad.power)
		default:
			s.printf("    %s  party, patience δ = %.3f, power %.2f\n", s.pad(ac.ID), ad.patience, ad.power)
		}
		ind := strings.Repeat(" ", s.nameW+6)
		var res []string
		for _, r := range ac.Reservation {
			res = append(res, fmt.Sprintf("%s %.3f", r.Layer, ad.res[r.Index]))
		}
		if len(res) > 0 && ac.Role == scenarios.RoleParty {
			s.printf("%sreservation (utility of no deal): %s\n", ind, strings.Join(res, ", "))
		}
		head := "ideal point"
		for k := range sc.Issues {
			if !math.IsNaN(ad.ideal[k]) && ad.sal[k] > 0 {
				s.printf("%s%-11s %s  %s  (salience %.2f)\n", ind, head, s.pad(sc.Issues[k].ID), s.val(k, w.unitsOf(k, ad.ideal[k])), ad.sal[k])
				head = ""
			}
		}
		for i := range ac.RedLines {
			g := w.p.lineBase[a] + i
			firm := "a bluff this run (no effect on what it accepts)"
			if w.firm[g] {
				firm = "FIRM this run"
			}
			s.printf("%sred line %s: %s (stated firmness %.2f)\n", ind, s.lineText(w, a, i), firm, w.firmness[g])
		}
		for e, inf := range ac.Influence {
			s.printf("%spulls %s's ideal points %.0f %% toward its own\n", ind, inf.Actor, 100*ad.influence[e])
		}
	}
	for ui := range w.units {
		ur := &w.units[ui]
		if ur.cur < 0 {
			continue
		}
		if ur.infeasible {
			s.printf("  %s: the firm red lines leave no acceptable point: no agreement is possible on it in this run\n", w.p.units[ui].name)
		}
	}
}

func (s *story) header(t int) {
	if s.round != t {
		s.round = t
		s.printf("\nRound %d\n", t+1)
	}
}

func (s *story) opened(w *worker, t, ui int) {
	s.header(t)
	s.printf("  %s opens.\n", w.p.units[ui].name)
}

func (s *story) shock(w *worker, t, sh int) {
	s.header(t)
	x := &s.sc.Shocks[sh]
	title := x.Title
	if title == "" {
		title = x.ID
	}
	s.printf("  shock %s fires (rate %.1f %% per round): %s\n", x.ID, 100*w.shockRate[sh], title)
	for e, ef := range x.Effects {
		switch {
		case ef.Breakdown != nil:
			n := "for the rest of the run"
			if ef.Breakdown.Rounds > 0 {
				n = fmt.Sprintf("for %d round(s)", ef.Breakdown.Rounds)
			}
			s.printf("    breakdown risk of %s +%.1f points %s\n", ef.Breakdown.Layer, 100*w.effectAdd[sh][e], n)
		case ef.Change != nil:
			c := ef.Change
			what := c.Param
			if c.Layer != "" {
				what += " on " + c.Layer
			}
			if c.Issue != "" {
				what += " on " + c.Issue
			}
			s.printf("    %s's %s changes by %+.3f\n", c.Actor, what, w.effectAdd[sh][e])
		case ef.RedLine != nil:
			s.printf("    %s's red line on %s: %s\n", ef.RedLine.Actor, ef.RedLine.Issue, ef.RedLine.Action)
		case ef.Escalate:
			s.printf("    the conflict escalates\n")
		}
	}
}

func (s *story) played(w *worker, t, ui int, rd *models.Round) {
	s.header(t)
	ur := &w.units[ui]
	vp := &w.p.units[ui].variants[ur.cur]
	u := &ur.variants[ur.cur].unit
	name := w.p.units[ui].name
	who := "the mediator"
	if rd.Proposer >= 0 {
		who = s.sc.Actors[u.Parties[rd.Proposer].Actor].ID
	}
	if rd.NoOffer {
		s.printf("  %s: %s makes no offer — it sees no point the others would accept within the red lines it knows\n", name, who)
		return
	}
	s.printf("  %s: %s proposes %s", name, who, s.offer(w, vp, rd.Offer))
	if rd.Proposer >= 0 {
		s.printf(" (its own utility %.3f)\n", rd.ProposerUtility)
	} else {
		s.printf("\n")
	}
	for _, r := range rd.Responses {
		pt := &u.Parties[r.Party]
		id := s.pad(s.sc.Actors[pt.Actor].ID)
		if r.Accept {
			s.printf("    %s accepts: utility %.3f ≥ its threshold %.3f\n", id, r.Utility, r.Threshold)
			continue
		}
		switch r.Reason {
		case models.RejectRedLine:
			line := "a firm red line"
			if r.RedLine >= 0 && r.RedLine < len(pt.RedLines) {
				line = "its firm red line " + s.lineText(w, pt.Actor, pt.RedLines[r.RedLine].Source)
			}
			s.printf("    %s rejects: the offer crosses %s; the line is now known to all\n", id, line)
		default:
			mis := ""
			if d := r.Believed - r.Threshold; math.Abs(d) > 5e-4 {
				mis = fmt.Sprintf("; %s believed its threshold was %.3f (misperception %+.3f)", who, r.Believed, d)
			}
			s.printf("    %s rejects: utility %.3f is below its threshold %.3f%s\n", id, r.Utility, r.Threshold, mis)
		}
	}
	if rd.Agreed {
		s.printf("    → agreement on %s in round %d\n", name, t+1)
	}
}

func (s *story) breakdown(w *worker, t, ui int, h, u float64, broke bool) {
	name := w.p.units[ui].name
	if broke {
		vp := &w.p.units[ui].variants[w.units[ui].cur]
		then := "the talks on it collapse"
		if vp.escalate {
			then = "the conflict escalates"
		}
		s.printf("    → failed round; breakdown risk %.1f %%, draw %.3f < %.3f: %s breaks down and %s\n", 100*h, u, h, name, then)
		return
	}
	s.printf("    → failed round; breakdown risk %.1f %%, draw %.3f ≥ %.3f: talks on %s go on\n", 100*h, u, h, name)
}

func (s *story) escalated(w *worker, t int) {
	if t >= 0 {
		s.printf("  The conflict escalated in round %d: every negotiation still open breaks down.\n", t+1)
	} else {
		s.printf("  The detected violation escalates the conflict.\n")
	}
}

func (s *story) compliance(w *worker, period, c int, pd float64, det bool) {
	if s.round != -2 {
		s.round = -2
		s.printf("\nCompliance phase (%d periods)\n", s.sc.Implementation.Periods)
	}
	ch := &s.sc.Implementation.Cheating[c]
	verdict := "not detected"
	if det {
		verdict = "DETECTED: the " + ch.Layer + " agreement collapses"
	}
	s.printf("  period %d: %s covertly violates the %s agreement (rate %.1f %% per period); chance of detection %.1f %%: %s\n",
		period, ch.Actor, ch.Layer, 100*w.cheatRate[c], 100*pd, verdict)
}

func (s *story) finished(w *worker) {
	sc := s.sc
	r := &w.res
	s.printf("\nHow it ended (%d round(s) played)\n", r.Rounds)
	for l, ly := range sc.Layers {
		var how string
		switch r.Status[l] {
		case Agreed:
			how = fmt.Sprintf("agreed in round %d", r.Round[l])
		case Broken:
			how = fmt.Sprintf("broke down in round %d", r.Round[l])
		case Collapsed:
			how = fmt.Sprintf("agreed in round %d, then collapsed in the compliance phase", r.Round[l])
		case OffAgenda:
			how = "off the agenda"
		default:
			how = "still open at the horizon"
			if r.Unopened[l] {
				how = "never opened (a prerequisite did not agree)"
			}
		}
		s.printf("  %s  %-9s  %s\n", s.pad(ly.ID), r.Status[l], how)
	}
	for k, is := range sc.Issues {
		if !math.IsNaN(r.Value[k]) {
			s.printf("  %s  agreed at %s\n", s.pad(is.ID), s.val(k, r.Value[k]))
		}
	}
	if r.Escalated {
		s.printf("  the conflict escalated\n")
	}
	for a, ac := range sc.Actors {
		if r.Cheated[a] {
			d := "undetected"
			if r.Detected[a] {
				d = "detected"
			}
			s.printf("  %s cheated (%s)\n", ac.ID, d)
		}
	}
	if r.Outcome < len(sc.Outcomes) {
		o := &sc.Outcomes[r.Outcome]
		cond := "always"
		if o.When != nil {
			cond = o.When.Source
		}
		s.printf("\nOutcome: %s — %s\n  (the first outcome whose condition holds: %s)\n", o.ID, o.Title, cond)
	} else {
		s.printf("\nOutcome: other — none of the scenario's outcomes matched\n")
	}
	s.printf("\nRun utility (0–1; no deal in brackets)\n")
	for a, ac := range sc.Actors {
		s.printf("  %s  %.3f  (%.3f)\n", s.pad(ac.ID), r.Utility[a], r.resUtility[a])
	}
}
