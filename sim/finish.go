package sim

import (
	"math"

	"github.com/parleysim/parley/models"
)

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// syncState writes the whole state vector (scenarios.Vars); round is the
// 1-based round number (0 before the talks start).
func (w *worker) syncState(round int) {
	v := w.p.sc.Vars
	w.state[v.Round] = float64(round)
	w.state[v.Rounds] = float64(w.rounds)
	w.state[v.Escalated] = b2f(w.escalated)
	w.syncLayers()
	for a := range w.cheated {
		w.state[v.Cheated[a]] = b2f(w.cheated[a])
		w.state[v.Detected[a]] = b2f(w.detected[a])
	}
	for s, slot := range v.Shock {
		w.state[slot] = float64(w.shockCount[s])
	}
}

// syncLayers writes the layers' statuses and rounds, and the agreed issue
// values in issue units (NaN when absent), into the state vector.
func (w *worker) syncLayers() {
	v := w.p.sc.Vars
	for l, ls := range v.Layer {
		st := w.status[l]
		w.state[ls.Agreed] = b2f(st == Agreed)
		w.state[ls.Broken] = b2f(st == Broken)
		w.state[ls.Open] = b2f(st == Open)
		w.state[ls.OffAgenda] = b2f(st == OffAgenda)
		w.state[ls.Collapsed] = b2f(st == Collapsed)
		w.state[ls.Round] = float64(w.endRound[l])
	}
	for k, slot := range v.Issue {
		if math.IsNaN(w.value[k]) {
			w.state[slot] = math.NaN()
		} else {
			w.state[slot] = w.unitsOf(k, w.value[k])
		}
	}
}

// comply plays the implementation phase (MODEL.md §7) when the run did not
// escalate. In each period, for each cheating entry in file order, two
// uniforms are drawn (violation, detection), whether or not they are used.
// An actor violates with probability `rate` while the agreement holds; a
// violation is detected with probability (normalised agreed level of the
// verification issue; 1 without one; 0 when that issue was not agreed) ×
// `detection`. A detected violation collapses the agreement — every layer of
// its unit — and escalates when the entry says so, which ends the phase.
func (w *worker) comply() {
	im := w.p.sc.Implementation
	if im == nil || w.escalated {
		return
	}
	for c := range im.Cheating {
		w.entLive[c] = w.status[im.Cheating[c].LayerIndex] == Agreed
	}
	for period := 0; period < im.Periods; period++ {
		live := false
		for c := range im.Cheating {
			ch := &im.Cheating[c]
			uv, ud := w.u(), w.u()
			if w.status[ch.LayerIndex] != Agreed {
				continue
			}
			live = true
			if uv >= w.cheatRate[c] {
				continue
			}
			w.cheated[ch.ActorIndex] = true
			w.entCheat[c] = true
			level := 1.0
			if ch.VerifyIndex >= 0 {
				level = w.value[ch.VerifyIndex]
				if math.IsNaN(level) {
					level = 0
				}
			}
			pd := level * w.cheatDetect[c]
			det := ud < pd
			if w.tr != nil {
				w.tr.compliance(w, period, c, pd, det)
			}
			if !det {
				continue
			}
			w.detected[ch.ActorIndex] = true
			w.entDetect[c] = true
			ui := w.p.layerUnit[ch.LayerIndex]
			for _, l := range w.p.units[ui].variants[w.units[ui].cur].layers {
				if w.status[l] == Agreed {
					w.status[l] = Collapsed
					w.collapsedBy[l] = c
				}
			}
			if ch.Escalate {
				w.escalated = true
				if w.tr != nil {
					w.tr.escalated(w, -1)
				}
				return
			}
		}
		if !live {
			return
		}
	}
}

// finish fills the final state vector, names the outcome (the first whose
// condition holds, else "other") and computes every actor's run utility.
func (w *worker) finish(r int) {
	sc := w.p.sc
	w.syncState(w.rounds)
	res := &w.res
	res.Run = r
	res.Outcome = len(sc.Outcomes)
	for o := range sc.Outcomes {
		if c := sc.Outcomes[o].When; c == nil || c.Eval(w.state) {
			res.Outcome = o
			break
		}
	}
	res.Escalated = w.escalated
	res.Rounds = w.rounds
	for l := range w.status {
		res.Status[l] = w.status[l]
		res.Round[l] = w.endRound[l]
		ui := w.p.layerUnit[l]
		res.Unopened[l] = w.status[l] == Open && w.units[ui].phase == pending
	}
	for k := range w.value {
		res.Value[k] = math.NaN()
		if !math.IsNaN(w.value[k]) {
			res.Value[k] = w.unitsOf(k, w.value[k])
		}
	}
	for a := range sc.Actors {
		res.Utility[a], res.resUtility[a] = w.runUtility(a)
		res.Cheated[a] = w.cheated[a]
		res.Detected[a] = w.detected[a]
	}
	for ui := range w.units {
		ur := &w.units[ui]
		for _, l := range w.p.units[ui].layers {
			res.infeasible[l] = ur.cur >= 0 && ur.infeasible && w.onAgenda[l]
		}
	}
	if w.tr != nil {
		w.tr.finished(w)
	}
}

// runUtility is actor a's run utility Σ_U w_aU v_aU over layers (MODEL.md
// §2), with w_aU its share of salience on layer U, and its no-deal utility
// Σ_U w_aU d_aU. v_aU is:
//   - u_a(agreement) on U's issues (saliences normalised over U) when U
//     agreed and held;
//   - the war payoff when the run escalated and U did not agree and hold:
//     a's reservation on the first layer whose breakdown is escalation (its
//     own reservation on U when no layer escalates);
//   - otherwise a's reservation on U;
//   - for a cheater whose detected violation collapsed U, with a
//     front-loaded issue f on U: (1 − ŝ_f)·(the value above) + ŝ_f·(1 − |z_f − a_f|^γ),
//     i.e. it keeps what the agreement gave it on f.
//
// An actor with no salience anywhere is indifferent: utility 1.
func (w *worker) runUtility(a int) (float64, float64) {
	ad := &w.actors[a]
	tot := 0.0
	for _, s := range ad.sal {
		tot += s
	}
	if tot == 0 {
		return 1, 1
	}
	var util, resv float64
	im := w.p.sc.Implementation
	for l, iss := range w.p.layerIss {
		sL := 0.0
		for _, k := range iss {
			sL += ad.sal[k]
		}
		if sL == 0 {
			continue
		}
		wL := sL / tot
		resv += wL * ad.res[l]
		var v float64
		if w.status[l] == Agreed {
			v = 1
			for _, k := range iss {
				v -= ad.sal[k] / sL * loss(w.value[k], ad.ideal[k], ad.gamma)
			}
		} else {
			v = ad.res[l]
			if w.escalated && w.p.escLayer >= 0 {
				v = ad.res[w.p.escLayer]
			}
			if c := w.collapsedBy[l]; w.status[l] == Collapsed && c >= 0 && im.Cheating[c].ActorIndex == a {
				if f := im.Cheating[c].FrontIndex; f >= 0 && w.p.issueLayer[f] == l {
					sf := ad.sal[f] / sL
					v = (1-sf)*v + sf*(1-loss(w.value[f], ad.ideal[f], ad.gamma))
				}
			}
		}
		util += wL * v
	}
	return util, resv
}

// loss is |z − a|^γ, 0 when the actor has no ideal point on the issue.
func loss(z, a, gamma float64) float64 {
	if math.IsNaN(a) || math.IsNaN(z) {
		return 0
	}
	return models.Loss(z-a, gamma)
}
