package sim

import (
	"math"

	"github.com/parleysim/parley/models"
	"github.com/parleysim/parley/scenarios"
)

// bargain plays the rounds of a run (MODEL.md §4, §6). Each round t:
//  1. units whose prerequisites have all agreed (in an earlier round) open;
//     if no unit is negotiating, the talks are over;
//  2. every shock draws one uniform, in file order, and fires when the
//     uniform is below its rate and its condition holds;
//  3. every negotiating unit, in unit order, plays round t − (its opening
//     round) of its protocol; a failed round draws one uniform against the
//     round's breakdown hazard.
func (w *worker) bargain() {
	p := w.p
	for t := 0; t < p.horizon; t++ {
		w.state[p.sc.Vars.Round] = float64(t + 1) // rounds are numbered from 1 for users
		anyActive := false
		for ui := range w.units {
			ur := &w.units[ui]
			if ur.phase == pending && w.prerequisitesMet(ui) {
				ur.phase, ur.openRound = active, t
				if w.tr != nil {
					w.tr.opened(w, t, ui)
				}
			}
			if ur.phase == active {
				anyActive = true
			}
		}
		if !anyActive {
			return
		}
		w.rounds = t + 1
		for s := range p.sc.Shocks {
			u := w.u()
			sh := &p.sc.Shocks[s]
			if u < w.shockRate[s] && (sh.When == nil || sh.When.Eval(w.state)) {
				w.fire(s, t)
			}
		}
		if w.escalated {
			return
		}
		for ui := range w.units {
			if w.units[ui].phase == active {
				w.playUnit(ui, t)
				if w.escalated {
					return
				}
			}
		}
	}
}

// prerequisitesMet: every layer the unit's on-agenda layers require (outside
// the unit) has agreed.
func (w *worker) prerequisitesMet(ui int) bool {
	ur := &w.units[ui]
	for _, l := range w.p.units[ui].variants[ur.cur].requires {
		if w.status[l] != Agreed {
			return false
		}
	}
	return true
}

// playUnit plays one round of unit ui.
func (w *worker) playUnit(ui, t int) {
	ur := &w.units[ui]
	vp := &w.p.units[ui].variants[ur.cur]
	vr := &ur.variants[ur.cur]
	if ur.dirty {
		// Shocks changed parameters since the last round: recompute the
		// thresholds once, however many changes there were.
		vr.proto.Reprice(&vr.unit)
		ur.dirty = false
	}
	rd := vr.proto.Play(&vr.unit, t-ur.openRound, w.rng)
	// A rejection caused by a firm line reveals it for the rest of the run
	// (MODEL.md §3), whatever the protocol recorded.
	for _, rs := range rd.Responses {
		if !rs.Accept && rs.Reason == models.RejectRedLine {
			pt := &vr.unit.Parties[rs.Party]
			if rs.RedLine >= 0 && rs.RedLine < len(pt.RedLines) {
				pt.RedLines[rs.RedLine].Revealed = true
				w.revealed[w.p.lineBase[pt.Actor]+pt.RedLines[rs.RedLine].Source] = true
			}
		}
	}
	if w.acc != nil && !rd.NoOffer {
		for pos, k := range vp.issues {
			w.acc.offer(t, k, rd.Offer[pos])
		}
	}
	if w.tr != nil {
		w.tr.played(w, t, ui, rd)
	}
	if rd.Agreed && !rd.NoOffer {
		for pos, k := range vp.issues {
			w.value[k] = clamp01(rd.Offer[pos])
		}
		w.end(ui, t, Agreed)
		return
	}
	h := w.hazard(vp.layers, t)
	u := w.u()
	broke := u < h
	if w.tr != nil {
		w.tr.breakdown(w, t, ui, h, u, broke)
	}
	if !broke {
		return
	}
	w.end(ui, t, Broken)
	if vp.escalate {
		w.escalate(t)
		return
	}
	for l := range w.spill {
		if ph := w.units[w.p.layerUnit[l]].phase; ph == active || ph == pending {
			w.spill[l] += w.p.spillover
		}
	}
}

// hazard is the breakdown probability of a failed round of a unit made of
// layers: each layer's hazard (base + active shock additions + spillover)
// multiplied by the influencers' pressure (1 + Σ pressure ≥ 0) and clamped
// to [0, 1]; a package breaks down when any of its layers does:
// 1 − Π (1 − h_L).
func (w *worker) hazard(layers []int, t int) float64 {
	stay := 1.0
	for _, l := range layers {
		h := w.layerBreak[l] + w.spill[l]
		for i := range w.p.bdEffects {
			if w.p.bdEffects[i].layer == l && t < w.bdUntil[i] {
				h += w.bdAmount[i]
			}
		}
		stay *= 1 - clamp01(h*w.mult[l])
	}
	return 1 - stay
}

// end closes unit ui in round t with status s (Agreed or Broken).
func (w *worker) end(ui, t int, s Status) {
	ur := &w.units[ui]
	ur.phase = done
	for _, l := range w.p.units[ui].variants[ur.cur].layers {
		w.status[l] = s
		w.endRound[l] = t + 1 // 1-based, like every round a user sees
	}
	w.syncLayers()
}

// escalate: the conflict escalates in round t. Every unit still negotiating
// breaks down; units waiting for a prerequisite stay unopened; bargaining
// ends.
func (w *worker) escalate(t int) {
	w.escalated = true
	for ui := range w.units {
		if w.units[ui].phase == active {
			w.end(ui, t, Broken)
		}
	}
	if w.tr != nil {
		w.tr.escalated(w, t)
	}
	w.state[w.p.sc.Vars.Escalated] = 1
}

// fire applies the effects of shock s in round t, in file order (MODEL.md §6).
func (w *worker) fire(s, t int) {
	sc := w.p.sc
	w.shockCount[s]++
	w.state[sc.Vars.Shock[s]] = float64(w.shockCount[s])
	if w.tr != nil {
		w.tr.shock(w, t, s)
	}
	for e := range sc.Shocks[s].Effects {
		ef := &sc.Shocks[s].Effects[e]
		switch {
		case ef.Breakdown != nil:
			// A firing (re)opens the window: the addition holds for rounds
			// t … t+rounds−1 (0: the rest of the run); firings do not stack.
			for i, be := range w.p.bdEffects {
				if be.shock == s && be.effect == e {
					if be.rounds <= 0 {
						w.bdUntil[i] = math.MaxInt
					} else {
						w.bdUntil[i] = t + be.rounds
					}
				}
			}
		case ef.Change != nil:
			w.change(ef.Change, w.effectAdd[s][e])
		case ef.RedLine != nil:
			w.redLineEffect(ef.RedLine)
		case ef.Escalate:
			if !w.escalated {
				w.escalate(t)
			}
		}
	}
}

// change adds add to one actor parameter, clamped to its valid range
// (patience (0, 1], reservation [0, 1], position the issue's scale, salience
// ≥ 0), and reprices every unit the actor sits in that is not over yet.
func (w *worker) change(c *scenarios.ChangeEffect, add float64) {
	ad := &w.actors[c.ActorIndex]
	switch c.Param {
	case "patience":
		ad.patience = math.Min(math.Max(ad.patience+add, 1e-9), 1)
	case "reservation":
		ad.res[c.Index] = clamp01(ad.res[c.Index] + add)
	case "position":
		if !math.IsNaN(ad.ideal[c.Index]) {
			ad.ideal[c.Index] = clamp01(ad.ideal[c.Index] + add/w.p.issueSpan[c.Index])
		}
	case "salience":
		ad.sal[c.Index] = math.Max(ad.sal[c.Index]+add, 0)
	}
	w.reprice(c.ActorIndex)
}

// reprice refreshes actor a's parameters in every unit not over yet and
// marks it for the protocol to recompute its thresholds (no new draws)
// before its next round.
func (w *worker) reprice(a int) {
	w.seatsOf(a, true, func(pt *models.Party, vp *variantPlan) { w.fillParty(pt, a, vp) })
}

// seatsOf calls visit for every seat actor a holds (as a party, and as a
// voice when voices is true) in the units not over yet, and marks those
// units for the protocol to reprice before its next round.
func (w *worker) seatsOf(a int, voices bool, visit func(pt *models.Party, vp *variantPlan)) {
	for ui := range w.units {
		ur := &w.units[ui]
		if ur.phase != pending && ur.phase != active {
			continue
		}
		vp := &w.p.units[ui].variants[ur.cur]
		vr := &ur.variants[ur.cur]
		for j, pa := range vp.parties {
			if pa == a {
				visit(&vr.unit.Parties[j], vp)
				ur.dirty = true
			}
		}
		if !voices {
			continue
		}
		for j, pa := range vp.voices {
			if pa == a {
				visit(&vr.unit.Voices[j], vp)
				ur.dirty = true
			}
		}
	}
}

// redLineEffect reveals a red line to the other parties, or softens it (it
// stops being firm for the rest of the run), and reprices.
func (w *worker) redLineEffect(e *scenarios.RedLineEffect) {
	a := e.ActorIndex
	i := w.p.lineBase[a] + e.Line
	switch e.Action {
	case "reveal":
		w.revealed[i] = true
	case "soften":
		w.firm[i] = false
	}
	// Voices have no red lines: only the actor's seats as a party change.
	w.seatsOf(a, false, func(pt *models.Party, _ *variantPlan) {
		for r := range pt.RedLines {
			rl := &pt.RedLines[r]
			if rl.Source == e.Line {
				rl.Firm = w.firm[i]
				rl.Revealed = rl.Revealed || w.revealed[i]
			}
		}
	})
}
