package sim

import (
	"math"
	"math/rand/v2"
	"unsafe"

	"github.com/parleysim/parley/models"
	"github.com/parleysim/parley/scenarios"
)

// newProtocol makes the protocol of a unit; it is models.NewProtocol, a
// variable only so that tests can count or wrap calls.
var newProtocol = models.NewProtocol

// actorDraw is one actor's parameters in one run, after sampling, influence
// and any shock that changed them. Positions are normalised to [0, 1].
type actorDraw struct {
	power, patience, skill, gamma float64
	ideal                         []float64 // per scenario issue; NaN when the actor has no position on it
	sal                           []float64 // per scenario issue; 0 when absent
	res                           []float64 // per layer
	influence                     []float64 // per Influence entry
	pressure                      []float64 // per Pressure entry
}

// phase is where a unit stands during bargaining.
type phase uint8

const (
	pending phase = iota // on the agenda, waiting for its prerequisites
	active               // negotiating
	done                 // agreed or broke down
	off                  // not on the agenda
)

// unitRun is one unit's workspace: one models.Unit and protocol per agenda
// variant, allocated once per worker.
type unitRun struct {
	variants   []variantRun
	cur        int // active variant, -1 when the unit is off the agenda
	phase      phase
	openRound  int
	infeasible bool
	dirty      bool // parameters changed by a shock: Reprice before the next Play
}

type variantRun struct {
	unit  models.Unit
	proto models.Protocol
}

// worker holds everything one goroutine needs to play runs; it is reused
// for every run it plays, so the run loop does not allocate.
type worker struct {
	_    [cacheLine]byte // no false sharing with another worker (see padded)
	p    *plan
	seed uint64
	pcg  rand.PCG // by value: its state is written on every draw
	rng  *rand.Rand

	// parameters drawn in run order (see doc.go for the order)
	noise, learning         float64
	layerBreak, layerAgenda []float64
	actors                  []actorDraw
	firmness                []float64 // flat: per actor, per red line
	firm, revealed          []bool
	shockRate               []float64
	effectAdd               [][]float64 // per shock, per effect (breakdown and change amounts)
	cheatRate, cheatDetect  []float64
	bestSkill               float64
	mediated                bool

	// run state
	onAgenda    []bool    // per layer
	mult        []float64 // per layer: 1 + Σ pressure, clamped ≥ 0
	spill       []float64 // per layer: spillover hazard added by collapses elsewhere
	bdAmount    []float64 // per breakdown effect: amount, sampled
	bdUntil     []int     // per breakdown effect: active while round < bdUntil
	units       []unitRun
	status      []Status // per layer
	endRound    []int    // per layer
	value       []float64
	shockCount  []int
	escalated   bool
	rounds      int
	cheated     []bool // per actor
	detected    []bool // per actor
	collapsedBy []int  // per layer: the cheating entry whose detection collapsed it, -1
	entLive     []bool // per cheating entry: its agreement entered the compliance phase
	entCheat    []bool // per cheating entry: violated at least once
	entDetect   []bool // per cheating entry: a violation was detected
	state       []float64

	res RunResult
	tr  tracer    // nil in `run`: explain's narrator
	acc *blockAcc // nil in explain: where offers on the table are counted
	_   [cacheLine]byte
}

func newWorker(p *plan, seed uint64) (*worker, error) {
	sc := p.sc
	nI, nL, nA := len(sc.Issues), len(sc.Layers), len(sc.Actors)
	w := &worker{p: p, seed: seed}
	w.pcg.Seed(seed, 0)
	w.rng = rand.New(&w.pcg)
	w.layerBreak = padded[float64](nL)
	w.layerAgenda = padded[float64](nL)
	w.actors = padded[actorDraw](nA)
	for a, ac := range sc.Actors {
		w.actors[a] = actorDraw{
			ideal:     padded[float64](nI),
			sal:       padded[float64](nI),
			res:       padded[float64](nL),
			influence: padded[float64](len(ac.Influence)),
			pressure:  padded[float64](len(ac.Pressure)),
		}
	}
	w.firmness = padded[float64](p.nLines)
	w.firm = padded[bool](p.nLines)
	w.revealed = padded[bool](p.nLines)
	w.shockRate = padded[float64](len(sc.Shocks))
	w.effectAdd = make([][]float64, len(sc.Shocks))
	for s, sh := range sc.Shocks {
		w.effectAdd[s] = padded[float64](len(sh.Effects))
	}
	if sc.Implementation != nil {
		w.cheatRate = padded[float64](len(sc.Implementation.Cheating))
		w.cheatDetect = padded[float64](len(sc.Implementation.Cheating))
	}
	w.entLive = padded[bool](len(w.cheatRate))
	w.entCheat = padded[bool](len(w.cheatRate))
	w.entDetect = padded[bool](len(w.cheatRate))
	w.onAgenda = padded[bool](nL)
	w.mult = padded[float64](nL)
	w.spill = padded[float64](nL)
	w.bdAmount = padded[float64](len(p.bdEffects))
	w.bdUntil = padded[int](len(p.bdEffects))
	w.status = padded[Status](nL)
	w.endRound = padded[int](nL)
	w.value = padded[float64](nI)
	w.shockCount = padded[int](len(sc.Shocks))
	w.cheated = padded[bool](nA)
	w.detected = padded[bool](nA)
	w.collapsedBy = padded[int](nL)
	w.state = padded[float64](sc.Vars.Len())
	w.res = newRunResult(nL, nI, nA)
	w.units = padded[unitRun](len(p.units))
	for ui := range p.units {
		up := &p.units[ui]
		ur := &w.units[ui]
		ur.variants = padded[variantRun](len(up.variants))
		for vi := range up.variants {
			vp := &up.variants[vi]
			proto, err := newProtocol(up.protocol)
			if err != nil {
				return nil, err
			}
			u := models.Unit{Issues: len(vp.issues)}
			u.Parties = padded[models.Party](len(vp.parties))
			for j := range vp.parties {
				u.Parties[j] = models.Party{
					Ideal:    padded[float64](len(vp.issues)),
					Weight:   padded[float64](len(vp.issues)),
					RedLines: padded[models.RedLine](len(vp.lines[j])),
				}
			}
			u.Voices = padded[models.Party](len(vp.voices))
			for j := range vp.voices {
				u.Voices[j] = models.Party{
					Ideal:  padded[float64](len(vp.issues)),
					Weight: padded[float64](len(vp.issues)),
				}
			}
			ur.variants[vi] = variantRun{unit: u, proto: proto}
		}
	}
	return w, nil
}

func (w *worker) u() float64 { return w.rng.Float64() }

// draw consumes exactly one uniform for a parameter (doc.go: draw order).
func (w *worker) draw(p *scenarios.Param) float64 { return Draw(p, w.rng.Float64()) }

func clamp01(x float64) float64 { return math.Min(math.Max(x, 0), 1) }

// norm maps a value in issue k's units to [0, 1].
func (w *worker) norm(k int, x float64) float64 {
	return clamp01((x - w.p.issueLo[k]) / w.p.issueSpan[k])
}

// units converts a normalised value of issue k back to its units.
func (w *worker) unitsOf(k int, z float64) float64 { return w.p.issueLo[k] + z*w.p.issueSpan[k] }

// play plays run r from its own generator PCG(seed, r) and leaves the result
// in w.res.
func (w *worker) play(r int) {
	w.pcg.Seed(w.seed, uint64(r))
	w.sample()
	w.coins()
	w.prepare()
	if w.tr != nil {
		w.tr.sampled(w)
	}
	w.bargain()
	w.comply()
	w.finish(r)
}

// sample draws every parameter, one uniform each, in scenario order.
func (w *worker) sample() {
	sc := w.p.sc
	w.noise = w.draw(&sc.Beliefs.Noise)
	w.learning = w.draw(&sc.Beliefs.Learning)
	for l := range sc.Layers {
		w.layerBreak[l] = w.draw(&sc.Layers[l].Breakdown)
		w.layerAgenda[l] = w.draw(&sc.Layers[l].Agenda)
	}
	w.bestSkill, w.mediated = 0, false
	for a := range sc.Actors {
		ac := &sc.Actors[a]
		ad := &w.actors[a]
		ad.power = w.draw(&ac.Power)
		ad.patience = math.Max(w.draw(&ac.Patience), 1e-9)
		ad.gamma = ac.Utility.Gamma
		if ad.gamma <= 0 {
			ad.gamma = 1
			if ac.Utility.Name == "quadratic" {
				ad.gamma = 2
			}
		}
		for k := range ad.ideal {
			ad.ideal[k] = math.NaN()
			ad.sal[k] = 0
		}
		for i := range ac.Positions {
			k := ac.Positions[i].Index
			ad.ideal[k] = w.norm(k, w.draw(&ac.Positions[i].Value))
		}
		for i := range ac.Salience {
			ad.sal[ac.Salience[i].Index] = math.Max(w.draw(&ac.Salience[i].Value), 0)
		}
		for l := range ad.res {
			ad.res[l] = 0
		}
		for i := range ac.Reservation {
			ad.res[ac.Reservation[i].Index] = clamp01(w.draw(&ac.Reservation[i].Value))
		}
		base := w.p.lineBase[a]
		for i := range ac.RedLines {
			w.firmness[base+i] = clamp01(w.draw(&ac.RedLines[i].Firmness))
		}
		ad.skill = clamp01(w.draw(&ac.Skill))
		for i := range ac.Influence {
			ad.influence[i] = clamp01(w.draw(&ac.Influence[i].Value))
		}
		for i := range ac.Pressure {
			ad.pressure[i] = w.draw(&ac.Pressure[i].Value)
		}
		if ac.Role == scenarios.RoleMediator {
			w.mediated = true
			w.bestSkill = math.Max(w.bestSkill, ad.skill)
		}
	}
	for s := range sc.Shocks {
		sh := &sc.Shocks[s]
		w.shockRate[s] = clamp01(w.draw(&sh.Rate))
		for e := range sh.Effects {
			ef := &sh.Effects[e]
			switch {
			case ef.Breakdown != nil:
				w.effectAdd[s][e] = w.draw(&ef.Breakdown.Add)
			case ef.Change != nil:
				w.effectAdd[s][e] = w.draw(&ef.Change.Add)
			}
		}
	}
	if im := sc.Implementation; im != nil {
		for c := range im.Cheating {
			w.cheatRate[c] = clamp01(w.draw(&im.Cheating[c].Rate))
			w.cheatDetect[c] = clamp01(w.draw(&im.Cheating[c].Detection))
		}
	}
}

// coins draws the agenda (one uniform per layer) and the firmness of every
// red line (one uniform per line, actors and lines in file order).
func (w *worker) coins() {
	for l := range w.onAgenda {
		w.onAgenda[l] = w.u() < w.layerAgenda[l]
	}
	for i := range w.firm {
		w.firm[i] = w.u() < w.firmness[i]
		w.revealed[i] = false
	}
}

// prepare applies influence and pressure, resets the run state, fills the
// units on the agenda, checks their feasibility and starts their protocols.
func (w *worker) prepare() {
	p, sc := w.p, w.p.sc
	// Influence (MODEL.md §2), once, influencers and their targets in file
	// order, each pull applied to the ideal point as it stands.
	for j := range sc.Actors {
		aj := &w.actors[j]
		for e := range sc.Actors[j].Influence {
			ai := &w.actors[sc.Actors[j].Influence[e].Index]
			lam := aj.influence[e]
			for k := range ai.ideal {
				if aj.sal[k] > 0 && !math.IsNaN(aj.ideal[k]) && !math.IsNaN(ai.ideal[k]) {
					ai.ideal[k] += lam * (aj.ideal[k] - ai.ideal[k])
				}
			}
		}
	}
	for l := range w.mult {
		w.mult[l] = 1
		w.spill[l] = 0
		w.collapsedBy[l] = -1
		w.endRound[l] = p.horizon
		if w.onAgenda[l] {
			w.status[l] = Open
		} else {
			w.status[l] = OffAgenda
		}
	}
	for j := range sc.Actors {
		for e, pr := range sc.Actors[j].Pressure {
			w.mult[pr.Index] += w.actors[j].pressure[e]
		}
	}
	for l := range w.mult {
		w.mult[l] = math.Max(w.mult[l], 0)
	}
	for i, be := range p.bdEffects {
		w.bdAmount[i] = w.effectAdd[be.shock][be.effect]
		w.bdUntil[i] = -1
	}
	for k := range w.value {
		w.value[k] = math.NaN()
	}
	for s := range w.shockCount {
		w.shockCount[s] = 0
	}
	for a := range w.cheated {
		w.cheated[a], w.detected[a] = false, false
	}
	for c := range w.entLive {
		w.entLive[c], w.entCheat[c], w.entDetect[c] = false, false, false
	}
	w.escalated = false
	w.rounds = 0
	w.syncState(0)
	for ui := range w.units {
		ur := &w.units[ui]
		up := &p.units[ui]
		var mask uint
		for _, l := range up.layers {
			if w.onAgenda[l] {
				mask |= p.layerBit[l]
			}
		}
		ur.infeasible, ur.dirty = false, false
		if mask == 0 {
			ur.cur, ur.phase = -1, off
			continue
		}
		ur.cur, ur.phase = variantIndex(mask), pending
		w.fill(ui)
		vr := &ur.variants[ur.cur]
		ur.infeasible = !models.Feasible(&vr.unit)
		vr.proto.Start(&vr.unit, w.rng)
	}
}

// fill writes the run's parameters into unit ui's current variant.
func (w *worker) fill(ui int) {
	ur := &w.units[ui]
	vp := &w.p.units[ui].variants[ur.cur]
	u := &ur.variants[ur.cur].unit
	sc := w.p.sc
	for j, a := range vp.parties {
		w.fillParty(&u.Parties[j], a, vp)
		pt := &u.Parties[j]
		base := w.p.lineBase[a]
		for i, lr := range vp.lines[j] {
			rl := &sc.Actors[a].RedLines[lr.line]
			k := rl.Index
			lo, hi := 0.0, 1.0
			if rl.Min != nil {
				lo = w.norm(k, *rl.Min)
			}
			if rl.Max != nil {
				hi = w.norm(k, *rl.Max)
			}
			pt.RedLines[i] = models.RedLine{Issue: lr.pos, Lo: lo, Hi: hi,
				Firmness: w.firmness[base+lr.line], Firm: w.firm[base+lr.line],
				Revealed: w.revealed[base+lr.line], Source: lr.line}
		}
	}
	for j, a := range vp.voices {
		w.fillParty(&u.Voices[j], a, vp)
	}
	hz := 1.0
	for _, l := range vp.layers {
		hz *= 1 - clamp01(w.layerBreak[l]*w.mult[l])
	}
	first := &sc.Layers[vp.layers[0]]
	u.Breakdown = 1 - hz
	u.Proposer = proposerRule(first.Proposer)
	u.Noise = w.noise * (1 - w.bestSkill)
	u.Learning = clamp01(w.learning)
	u.ProbeThreshold = sc.Settings.ProbeThreshold
	u.Tolerance = sc.Settings.AcceptTolerance
	u.Solution = solution(first.Solution)
	u.EqualWeights = first.Weights == "equal"
	u.Mediated = w.mediated
}

// fillParty writes actor a's utility parameters on variant vp: ideal points,
// saliences normalised over the unit (MODEL.md §2), and the reservation (for
// a package, the mean of its layers' reservations weighted by the actor's
// salience on each layer; the plain mean when it has none).
func (w *worker) fillParty(pt *models.Party, a int, vp *variantPlan) {
	ad := &w.actors[a]
	tot := 0.0
	for _, k := range vp.issues {
		tot += ad.sal[k]
	}
	for pos, k := range vp.issues {
		z := ad.ideal[k]
		if math.IsNaN(z) {
			z = 0.5 // no position: only possible with zero salience, where it does not matter
		}
		pt.Ideal[pos] = z
		pt.Weight[pos] = 0
		if tot > 0 {
			pt.Weight[pos] = ad.sal[k] / tot
		}
	}
	pt.Actor = a
	pt.Gamma = ad.gamma
	pt.Patience = ad.patience
	pt.Power = ad.power
	if len(vp.layers) == 1 {
		pt.Reservation = ad.res[vp.layers[0]]
		return
	}
	num, den, sum := 0.0, 0.0, 0.0
	for _, l := range vp.layers {
		s := 0.0
		for _, k := range vp.issues {
			if w.p.issueLayer[k] == l {
				s += ad.sal[k]
			}
		}
		num += s * ad.res[l]
		den += s
		sum += ad.res[l]
	}
	if den > 0 {
		pt.Reservation = num / den
	} else {
		pt.Reservation = sum / float64(len(vp.layers))
	}
}

// cacheLine is the size of a CPU cache line (x86-64, arm64).
const cacheLine = 64

// padded makes a slice of length n with a cache line of unused elements on
// both sides. Workers run on different cores and write their slices on
// every run; two workers' small slices allocated side by side would share
// cache lines and bounce between the cores (false sharing), which cost a
// third of the two-worker speed-up (docs/performance.md).
func padded[T any](n int) []T {
	var z T
	p := cacheLine/int(unsafe.Sizeof(z)) + 1
	s := make([]T, n+2*p)
	return s[p : p+n : p+n]
}
