package sim

import (
	"fmt"
	"strings"

	"github.com/parleysim/parley/models"
	"github.com/parleysim/parley/scenarios"
)

// plan is the static structure of a scenario, compiled once and shared
// read-only by every worker: which layers form which negotiation unit, which
// issues and actors each unit holds, and where each red line sits.
type plan struct {
	sc         *scenarios.Scenario
	horizon    int
	issueLayer []int     // layer of each issue
	issueLo    []float64 // scale of each issue
	issueSpan  []float64 // hi − lo
	layerUnit  []int     // unit of each layer
	layerIss   [][]int   // issues of each layer
	spillover  float64   // hazard a collapse adds to the other open units (settings.spillover)
	layerBit   []uint    // bit of each layer in its unit's agenda mask
	escLayer   int       // first layer with on_breakdown: escalation (its reservation is the war payoff), -1 if none
	units      []unitPlan
	parties    []int // actors with role party, file order
	bdEffects  []bdEffect
	lineBase   []int // offset of each actor's red lines in the flat per-run arrays
	nLines     int
}

// bdEffect is one `breakdown` effect of a shock.
type bdEffect struct {
	shock, effect, layer, rounds int
}

// unitPlan is one negotiation unit: a layer, or the layers of a package.
type unitPlan struct {
	name     string // layer id, or the package's layer ids joined by "+"
	layers   []int  // layer indexes in file order
	protocol string
	// variants[mask-1] is the unit restricted to the layers whose bit is set
	// in mask: the layers of a package that are on the agenda in a run.
	variants []variantPlan
}

// variantPlan is a unit restricted to the layers on the agenda.
type variantPlan struct {
	mask     uint
	layers   []int // on-agenda layers
	issues   []int // scenario issue indexes, in file order
	parties  []int // actors at the table: parties with a salience or a red line on the issues
	voices   []int // other actors with salience on the issues
	lines    [][]lineRef
	requires []int // prerequisite layers outside the unit
	escalate bool  // a breakdown escalates (some layer has on_breakdown: escalation)
	issuePos []int // scenario issue → position in the variant, -1 when absent
}

// lineRef places an actor's red line in a variant.
type lineRef struct {
	line int // index in the actor's RedLines
	pos  int // issue position in the variant
}

// maxPackageLayers bounds the number of agenda variants of a package (2^n − 1).
const maxPackageLayers = 10

func newPlan(sc *scenarios.Scenario) (*plan, error) {
	p := &plan{sc: sc, horizon: sc.Horizon, escLayer: -1, spillover: sc.Settings.Spillover}
	nI, nL := len(sc.Issues), len(sc.Layers)
	layerIdx := map[string]int{}
	for i, l := range sc.Layers {
		layerIdx[l.ID] = i
		if p.escLayer < 0 && l.OnBreakdown == "escalation" {
			p.escLayer = i
		}
	}
	p.issueLayer = make([]int, nI)
	p.issueLo = make([]float64, nI)
	p.issueSpan = make([]float64, nI)
	for k, is := range sc.Issues {
		li, ok := layerIdx[is.Layer]
		if !ok {
			return nil, fmt.Errorf("issue %s: unknown layer %q", is.ID, is.Layer)
		}
		p.issueLayer[k] = li
		p.issueLo[k] = is.Scale[0]
		p.issueSpan[k] = is.Scale[1] - is.Scale[0]
	}
	p.layerIss = make([][]int, nL)
	for k, l := range p.issueLayer {
		p.layerIss[l] = append(p.layerIss[l], k)
	}
	for a, ac := range sc.Actors {
		if ac.Role == scenarios.RoleParty {
			p.parties = append(p.parties, a)
		}
		p.lineBase = append(p.lineBase, p.nLines)
		p.nLines += len(ac.RedLines)
	}
	// Units: each package, then every layer not in a package; ordered by
	// their first layer in file order.
	p.layerUnit = make([]int, nL)
	p.layerBit = make([]uint, nL)
	for i := range p.layerUnit {
		p.layerUnit[i] = -1
	}
	var groups [][]int
	for _, pk := range sc.Packages {
		var g []int
		for _, id := range pk.Layers {
			li, ok := layerIdx[id]
			if !ok {
				return nil, fmt.Errorf("package: unknown layer %q", id)
			}
			if p.layerUnit[li] >= 0 {
				return nil, fmt.Errorf("layer %s is in two packages", id)
			}
			p.layerUnit[li] = len(groups)
			g = append(g, li)
		}
		if len(g) > maxPackageLayers {
			return nil, fmt.Errorf("a package may hold at most %d layers", maxPackageLayers)
		}
		groups = append(groups, g)
	}
	for li := range sc.Layers {
		if p.layerUnit[li] < 0 {
			p.layerUnit[li] = len(groups)
			groups = append(groups, []int{li})
		}
	}
	sortGroups(groups)
	for ui, g := range groups {
		sortInts(g)
		up := unitPlan{layers: g, protocol: sc.Layers[g[0]].Protocol}
		names := make([]string, len(g))
		for b, li := range g {
			p.layerUnit[li] = ui
			p.layerBit[li] = 1 << b
			names[b] = sc.Layers[li].ID
		}
		up.name = strings.Join(names, "+")
		for mask := uint(1); mask < 1<<len(g); mask++ {
			up.variants = append(up.variants, p.variant(g, mask, layerIdx))
		}
		p.units = append(p.units, up)
	}
	for s, sh := range sc.Shocks {
		for e, ef := range sh.Effects {
			if ef.Breakdown != nil {
				p.bdEffects = append(p.bdEffects, bdEffect{shock: s, effect: e, layer: ef.Breakdown.Index, rounds: ef.Breakdown.Rounds})
			}
		}
	}
	return p, nil
}

// variant builds the unit of layers g restricted to the layers in mask.
func (p *plan) variant(g []int, mask uint, layerIdx map[string]int) variantPlan {
	sc := p.sc
	v := variantPlan{mask: mask, issuePos: make([]int, len(sc.Issues))}
	in := map[int]bool{}
	for b, li := range g {
		if mask&(1<<b) != 0 {
			v.layers = append(v.layers, li)
			in[li] = true
			if sc.Layers[li].OnBreakdown == "escalation" {
				v.escalate = true
			}
		}
	}
	for k := range v.issuePos {
		v.issuePos[k] = -1
	}
	for k := range sc.Issues {
		if in[p.issueLayer[k]] {
			v.issuePos[k] = len(v.issues)
			v.issues = append(v.issues, k)
		}
	}
	inUnit := map[int]bool{}
	for _, li := range g {
		inUnit[li] = true
	}
	seen := map[int]bool{}
	for _, li := range v.layers {
		for _, r := range sc.Layers[li].Requires {
			ri, ok := layerIdx[r]
			if ok && !inUnit[ri] && !seen[ri] {
				seen[ri] = true
				v.requires = append(v.requires, ri)
			}
		}
	}
	sortInts(v.requires)
	for a, ac := range sc.Actors {
		cares := false
		for _, s := range ac.Salience {
			if v.issuePos[s.Index] >= 0 {
				cares = true
			}
		}
		var lines []lineRef
		for r, rl := range ac.RedLines {
			if pos := v.issuePos[rl.Index]; pos >= 0 {
				lines = append(lines, lineRef{line: r, pos: pos})
			}
		}
		switch {
		case ac.Role == scenarios.RoleParty && (cares || len(lines) > 0):
			v.parties = append(v.parties, a)
			v.lines = append(v.lines, lines)
		case ac.Role != scenarios.RoleParty && cares:
			v.voices = append(v.voices, a)
		}
	}
	return v
}

func sortInts(s []int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func sortGroups(g [][]int) {
	first := func(x []int) int {
		m := x[0]
		for _, v := range x {
			m = min(m, v)
		}
		return m
	}
	for i := 1; i < len(g); i++ {
		for j := i; j > 0 && first(g[j]) < first(g[j-1]); j-- {
			g[j], g[j-1] = g[j-1], g[j]
		}
	}
}

// variantIndex is the index in unitPlan.variants of an agenda mask.
func variantIndex(mask uint) int { return int(mask) - 1 }

// proposerRule maps the layer's `proposer` key.
func proposerRule(s string) models.ProposerRule {
	if s == "power" {
		return models.Power
	}
	return models.Rotate
}

// solution maps the layer's `solution` key.
func solution(s string) models.Solution {
	if s == "kalai-smorodinsky" {
		return models.KalaiSmorodinsky
	}
	return models.NashSolution
}
