package scenarios

import (
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The keys of each object of the format (SCENARIO.md). The JSON Schema
// (schema.go) mirrors them; TestSchemaKeys keeps the two in step.
var (
	scenarioKeys = []string{"parley", "name", "title", "description", "sources", "horizon", "round",
		"settings", "beliefs", "issues", "layers", "packages", "actors", "shocks", "implementation", "outcomes"}
	settingsKeys = []string{"probe_threshold", "accept_tolerance", "spillover"}
	beliefsKeys  = []string{"noise", "learning"}
	issueKeys    = []string{"id", "layer", "title", "scale", "unit", "marks"}
	layerKeys    = []string{"id", "title", "protocol", "proposer", "breakdown", "on_breakdown", "requires",
		"agenda", "solution", "weights"}
	actorKeys = []string{"id", "name", "role", "power", "patience", "utility", "positions", "salience",
		"reservation", "red_lines", "skill", "influence", "pressure"}
	redLineKeys        = []string{"issue", "max", "min", "firmness", "label"}
	shockKeys          = []string{"id", "title", "rate", "when", "effects"}
	effectKeys         = []string{"breakdown", "change", "red_line", "escalate"}
	breakdownKeys      = []string{"layer", "add", "rounds"}
	changeKeys         = []string{"actor", "param", "add", "layer", "issue"}
	redLineEffectKeys  = []string{"actor", "issue", "action"}
	implementationKeys = []string{"periods", "cheating"}
	cheatingKeys       = []string{"actor", "layer", "rate", "verification", "detection", "front_loading", "escalate"}
	outcomeKeys        = []string{"id", "title", "when"}
)

// Enumerations of the format.
var (
	protocols   = []string{ProtocolAlternating, ProtocolNash, ProtocolEUM, ProtocolSMP, ProtocolWeightedMean}
	proposers   = []string{"rotate", "power"}
	breakdowns  = []string{"collapse", "escalation"}
	solutions   = []string{"nash", "kalai-smorodinsky"}
	weightings  = []string{"power", "equal"}
	roles       = []string{RoleParty, RoleMediator, RoleInfluencer}
	changeables = []string{"patience", "reservation", "position", "salience"}
	rlActions   = []string{"reveal", "soften"}
)

// reservedNames may not be used as ids of layers, issues, actors or shocks:
// they are variables of conditions or words of the expression language.
var reservedNames = []string{"round", "rounds", "escalated", "cheated", "detected", "shocks",
	"true", "false", "nil", "and", "or", "not", "in", "matches", "contains", "let", "if", "else", "other"}

// maxHorizon and maxPeriods bound the loops of a run.
const (
	maxHorizon = 100000
	maxPeriods = 100000
)

// scenario decodes and validates the top-level mapping.
func (d *decoder) scenario(top *yaml.Node) *Scenario {
	s := &Scenario{Round: "round", Settings: Settings{ProbeThreshold: 0.5, AcceptTolerance: 0.01, Spillover: 0.05}}
	o, ok := d.object(top, "the scenario", scenarioKeys...)
	if !ok {
		return s
	}
	if n := o.get("parley"); n == nil {
		d.errorAt(posOf(o.node), "add parley: 1 as the first line", "missing parley (the format version)")
	} else if v, ok := d.integer(n, "parley", math.MinInt32, math.MaxInt32); ok {
		if v != 1 {
			d.errorf(n, "unsupported format version parley: %d (this program reads parley: 1)", v)
		}
		s.Parley = v
	}
	if n := o.get("name"); n != nil {
		if v := d.str(n, "name"); namePattern.MatchString(v) {
			s.Name = v
		} else if v != "" || deref(n).Kind == yaml.ScalarNode {
			d.errorf(n, "name must be a lowercase word with - or _ ([a-z][a-z0-9_-]*, at most 64 characters), got %s", describe(n))
		}
	} else {
		s.Name = nameFromFile(d.file)
	}
	s.Title = d.str(o.get("title"), "title")
	s.Description = d.str(o.get("description"), "description")
	for _, n := range d.seq(o.get("sources"), "sources") {
		s.Sources = append(s.Sources, d.str(n, "a source"))
	}
	if n := o.get("horizon"); n == nil {
		d.errorAt(posOf(o.node), "e.g. horizon: 12", "missing horizon (the most rounds of bargaining)")
	} else {
		s.Horizon, _ = d.integer(n, "horizon", 1, maxHorizon)
	}
	if n := o.get("round"); n != nil {
		s.Round = d.str(n, "round")
	}
	if n := o.get("settings"); n != nil {
		so, _ := d.object(n, "settings", settingsKeys...)
		for _, set := range []struct {
			key string
			dst *float64
		}{
			{"probe_threshold", &s.Settings.ProbeThreshold},
			{"accept_tolerance", &s.Settings.AcceptTolerance},
			{"spillover", &s.Settings.Spillover},
		} {
			v := so.get(set.key)
			if v == nil {
				continue
			}
			p := d.param(v, set.key, unitInterval, *set.dst)
			if p.Kind != Fixed {
				d.errorf(v, "%s must be a number, not a distribution", set.key)
			} else {
				*set.dst = p.Args[0]
			}
		}
	}
	bo, _ := d.object(o.get("beliefs"), "beliefs", beliefsKeys...)
	s.Beliefs.Noise = d.param(bo.get("noise"), "noise", nonNegative, 0)
	s.Beliefs.Learning = d.param(bo.get("learning"), "learning", unitInterval, 0.5)

	t := &tables{issues: newIDs("issue"), layers: newIDs("layer"), actors: newIDs("actor"),
		shocks: newIDs("shock"), outcomes: newIDs("outcome")}
	var issueLayer []*yaml.Node
	s.Issues, issueLayer = d.issues(o.get("issues"), t)
	s.Layers = d.layers(o.get("layers"), t)
	d.linkIssues(s, issueLayer, t)
	s.Packages = d.packages(o.get("packages"), s, t)
	s.Actors = d.actors(o.get("actors"), s, t)
	s.Shocks = d.shocks(o.get("shocks"), s, t)
	if n := o.get("implementation"); n != nil {
		s.Implementation = d.implementation(n, s, t)
	}
	outcomeWhen := d.outcomes(o.get("outcomes"), s, t)
	d.checkLayers(s, o.keys["layers"])
	if d.checkClashes(t) {
		return s // conditions could not tell the clashing names apart
	}

	// Conditions are compiled against exactly the variables this scenario
	// defines (MODEL.md §8).
	s.Vars = newVars(s)
	c := newCondCompiler(s.Vars)
	for i := range s.Shocks {
		if n := d.shockWhen[i]; n != nil {
			s.Shocks[i].When = d.condition(c, n, "when")
		}
	}
	for i, n := range outcomeWhen {
		if n != nil {
			s.Outcomes[i].When = d.condition(c, n, "when")
		}
	}
	return s
}

// namePattern is the form of a scenario's name: the built-ins are named
// like muscat-2026, so hyphens are allowed here (not in ids, which appear in
// conditions where a hyphen would be a minus).
var namePattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,63}$`)

// tables are the ids of each kind, for resolving references.
type tables struct {
	issues, layers, actors, shocks, outcomes *ids
}

// nameFromFile derives a scenario name from a file name when the file has
// no name key: "My Talks.yaml" gives "my_talks".
func nameFromFile(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9' && b.Len() > 0:
			b.WriteRune(r)
		case b.Len() > 0:
			b.WriteByte('_')
		}
	}
	if name := strings.Trim(b.String(), "_"); namePattern.MatchString(name) {
		return name
	}
	return "scenario"
}

// issues decodes the issues; it returns, per issue, the node of its layer
// reference, resolved once the layers are known.
func (d *decoder) issues(n *yaml.Node, t *tables) ([]Issue, []*yaml.Node) {
	list := d.seq(n, "issues")
	if n == nil {
		d.errorAt(Pos{Line: 1, Col: 1}, "", "missing issues (the bargaining dimensions)")
	} else if len(list) == 0 && !isNull(n) && deref(n).Kind == yaml.SequenceNode {
		d.errorf(n, "issues must list at least one issue")
	}
	var out []Issue
	var layerRefs []*yaml.Node
	for _, in := range list {
		o, ok := d.object(in, "issue", issueKeys...)
		if !ok {
			continue
		}
		is := Issue{Pos: posOf(in), Scale: [2]float64{0, 1}}
		if !d.required(o, "issue", "id", "layer", "scale") {
			// keep going: report what else is wrong
		}
		id, ok := d.id(o.get("id"), "issue id")
		if ok && !t.issues.add(d, id, o.get("id")) {
			continue
		}
		if !ok {
			continue
		}
		is.ID = id
		is.Title = d.str(o.get("title"), "title")
		is.Unit = d.str(o.get("unit"), "unit")
		if sn := o.get("scale"); sn != nil {
			if sc, ok := d.numbers(sn, "scale", 2); ok {
				if sc[0] < sc[1] {
					is.Scale = [2]float64{sc[0], sc[1]}
				} else {
					d.errorf(sn, "scale of %s needs lo < hi, got [%s, %s]", id, num(sc[0]), num(sc[1]))
				}
			}
		}
		if mn := o.get("marks"); mn != nil {
			is.Marks = d.marks(mn, is)
		}
		out = append(out, is)
		layerRefs = append(layerRefs, o.get("layer"))
	}
	return out, layerRefs
}

// required reports the required keys an object lacks.
func (d *decoder) required(o object, what string, keys ...string) bool {
	ok := true
	for _, k := range keys {
		if o.get(k) == nil {
			d.errorf(o.node, "%s is missing %s", what, k)
			ok = false
		}
	}
	return ok
}

// marks decodes {value: label} marks, inside the scale, sorted by value.
func (d *decoder) marks(n *yaml.Node, is Issue) []Mark {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "marks must be a mapping {value: label}, got %s", describe(n))
		return nil
	}
	var out []Mark
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := deref(n.Content[i])
		v, ok := d.number(k, "a mark's value")
		if !ok {
			continue
		}
		if v < is.Scale[0] || v > is.Scale[1] {
			d.errorf(k, "mark %s lies outside the scale [%s, %s] of %s", num(v), num(is.Scale[0]), num(is.Scale[1]), is.ID)
		}
		out = append(out, Mark{Value: v, Label: d.str(n.Content[i+1], "a mark's label"), Pos: posOf(k)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}

func (d *decoder) layers(n *yaml.Node, t *tables) []Layer {
	list := d.seq(n, "layers")
	if n == nil {
		d.errorAt(Pos{Line: 1, Col: 1}, "", "missing layers (the tables at which issues are negotiated)")
	} else if len(list) == 0 && deref(n).Kind == yaml.SequenceNode {
		d.errorf(n, "layers must list at least one layer")
	}
	var out []Layer
	var requires [][]*yaml.Node
	for _, ln := range list {
		o, ok := d.object(ln, "layer", layerKeys...)
		if !ok {
			continue
		}
		d.required(o, "layer", "id")
		id, ok := d.id(o.get("id"), "layer id")
		if !ok || !t.layers.add(d, id, o.get("id")) {
			continue
		}
		l := Layer{ID: id, Pos: posOf(ln)}
		l.Title = d.str(o.get("title"), "title")
		l.Protocol = d.word(o.get("protocol"), "protocol", ProtocolAlternating, protocols...)
		l.Proposer = d.word(o.get("proposer"), "proposer", "rotate", proposers...)
		l.Breakdown = d.param(o.get("breakdown"), "breakdown", unitInterval, 0)
		l.OnBreakdown = d.word(o.get("on_breakdown"), "on_breakdown", "collapse", breakdowns...)
		l.Agenda = d.param(o.get("agenda"), "agenda", unitInterval, 1)
		l.Solution = d.word(o.get("solution"), "solution", "nash", solutions...)
		l.Weights = d.word(o.get("weights"), "weights", "power", weightings...)
		if l.Protocol != ProtocolNash {
			for _, k := range []string{"solution", "weights"} {
				if kn := o.keys[k]; kn != nil {
					d.errorAt(posOf(kn), "remove it or use protocol: nash", "%s is only used by the nash protocol, and layer %s uses %s", k, id, l.Protocol)
				}
			}
		}
		out = append(out, l)
		requires = append(requires, d.seq(o.get("requires"), "requires"))
	}
	// requires refer to layers, which may come later in the file.
	for i, reqs := range requires {
		for _, r := range reqs {
			if name, j := t.layers.ref(d, r, "requires"); j >= 0 {
				if j == i {
					d.errorf(r, "layer %s requires itself", name)
					continue
				}
				out[i].Requires = append(out[i].Requires, name)
			}
		}
	}
	d.checkCycles(out, requires, t)
	return out
}

// checkCycles reports each cycle of the requires graph once, at the
// reference that closes it.
func (d *decoder) checkCycles(layers []Layer, reqNodes [][]*yaml.Node, t *tables) {
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(layers))
	var stack []int
	var visit func(i int)
	visit = func(i int) {
		color[i] = grey
		stack = append(stack, i)
		for k, r := range layers[i].Requires {
			j := t.layers.index[r]
			switch color[j] {
			case white:
				visit(j)
			case grey:
				var path []string
				for s := len(stack) - 1; s >= 0; s-- {
					path = append([]string{layers[stack[s]].ID}, path...)
					if stack[s] == j {
						break
					}
				}
				path = append(path, layers[j].ID)
				node := layers[i].Pos
				if k < len(reqNodes[i]) {
					node = posOf(reqNodes[i][k])
				}
				d.errorAt(node, "", "requires forms a cycle: %s", strings.Join(path, " -> "))
			}
		}
		stack = stack[:len(stack)-1]
		color[i] = black
	}
	for i := range layers {
		if color[i] == white {
			visit(i)
		}
	}
}

// linkIssues resolves each issue's layer and fills Layer.Issues.
func (d *decoder) linkIssues(s *Scenario, refs []*yaml.Node, t *tables) {
	for i := range s.Issues {
		name, j := t.layers.ref(d, refs[i], "layer of issue "+s.Issues[i].ID)
		s.Issues[i].Layer = name
		if j >= 0 {
			s.Layers[j].Issues = append(s.Layers[j].Issues, i)
		}
	}
}

func (d *decoder) packages(n *yaml.Node, s *Scenario, t *tables) []Package {
	var out []Package
	inPackage := map[string]int{}
	for _, pn := range d.seq(n, "packages") {
		p := Package{Pos: posOf(pn)}
		members := d.seq(pn, "a package")
		if len(members) < 2 && deref(pn).Kind == yaml.SequenceNode {
			d.errorf(pn, "a package needs at least two layers, got %d", len(members))
		}
		protocol := ""
		for _, m := range members {
			name, j := t.layers.ref(d, m, "package")
			if j < 0 {
				continue
			}
			if first, dup := inPackage[name]; dup {
				d.errorf(m, "layer %s is already in the package at line %d", name, first)
				continue
			}
			inPackage[name] = p.Pos.Line
			l := s.Layers[j]
			if protocol == "" {
				protocol = l.Protocol
			} else if l.Protocol != protocol {
				d.errorf(m, "the layers of a package share one protocol: %s uses %s, %s uses %s", p.Layers[0], protocol, name, l.Protocol)
			}
			p.Layers = append(p.Layers, name)
		}
		out = append(out, p)
	}
	return out
}

func (d *decoder) actors(n *yaml.Node, s *Scenario, t *tables) []Actor {
	list := d.seq(n, "actors")
	if n == nil {
		d.errorAt(Pos{Line: 1, Col: 1}, "", "missing actors")
	}
	var out []Actor
	var nodes []object
	for _, an := range list {
		o, ok := d.object(an, "actor", actorKeys...)
		if !ok {
			continue
		}
		d.required(o, "actor", "id")
		id, ok := d.id(o.get("id"), "actor id")
		if !ok || !t.actors.add(d, id, o.get("id")) {
			continue
		}
		out = append(out, Actor{ID: id, Pos: posOf(an)})
		nodes = append(nodes, o)
	}
	// Influence refers to other actors, so all ids are registered first.
	for i := range out {
		d.actor(&out[i], nodes[i], s, t)
	}
	return out
}

func (d *decoder) actor(a *Actor, o object, s *Scenario, t *tables) {
	a.Name = d.str(o.get("name"), "name")
	if a.Name == "" {
		a.Name = a.ID
	}
	a.Role = d.word(o.get("role"), "role", RoleParty, roles...)
	a.Power = d.param(o.get("power"), "power", positive, 1)
	a.Patience = d.param(o.get("patience"), "patience", patienceRng, 1)
	a.Utility = d.utility(o.get("utility"))
	a.Skill = d.param(o.get("skill"), "skill", unitInterval, 0)

	// Keys that only mean something for one role.
	only := map[string]string{"skill": RoleMediator, "influence": RoleInfluencer, "pressure": RoleInfluencer,
		"red_lines": RoleParty, "reservation": RoleParty}
	for _, k := range []string{"skill", "influence", "pressure", "red_lines", "reservation"} {
		if kn := o.keys[k]; kn != nil && only[k] != a.Role {
			d.errorAt(posOf(kn), "give it role: "+only[k]+" or remove the key", "%s is only used for %s, and %s is %s", k, article(only[k]), a.ID, article(a.Role))
		}
	}

	for _, e := range d.keyed(o.get("positions"), "positions") {
		if name, j := t.issues.ref(d, e[0], "positions"); j >= 0 {
			is := s.Issues[j]
			r := interval{lo: is.Scale[0], hi: is.Scale[1]}
			a.Positions = append(a.Positions, IssueValue{Issue: name, Index: j, Pos: posOf(e[0]),
				Value: d.param(e[1], "position on "+name, r, is.Scale[0])})
		}
	}
	for _, e := range d.keyed(o.get("salience"), "salience") {
		if name, j := t.issues.ref(d, e[0], "salience"); j >= 0 {
			a.Salience = append(a.Salience, IssueValue{Issue: name, Index: j, Pos: posOf(e[0]),
				Value: d.param(e[1], "salience of "+name, nonNegative, 0)})
		}
	}
	for _, e := range d.keyed(o.get("reservation"), "reservation") {
		if name, j := t.layers.ref(d, e[0], "reservation"); j >= 0 {
			a.Reservation = append(a.Reservation, LayerValue{Layer: name, Index: j, Pos: posOf(e[0]),
				Value: d.param(e[1], "reservation on "+name, unitInterval, 0)})
		}
	}
	for _, e := range d.keyed(o.get("pressure"), "pressure") {
		if name, j := t.layers.ref(d, e[0], "pressure"); j >= 0 {
			a.Pressure = append(a.Pressure, LayerValue{Layer: name, Index: j, Pos: posOf(e[0]),
				Value: d.param(e[1], "pressure on "+name, pressureRng, 0)})
		}
	}
	for _, e := range d.keyed(o.get("influence"), "influence") {
		name, j := t.actors.ref(d, e[0], "influence")
		if j < 0 {
			continue
		}
		if name == a.ID {
			d.errorf(e[0], "actor %s cannot influence itself", name)
			continue
		}
		a.Influence = append(a.Influence, ActorValue{Actor: name, Index: j, Pos: posOf(e[0]),
			Value: d.param(e[1], "influence on "+name, unitInterval, 0)})
	}
	lines := map[string]int{}
	for _, rn := range d.seq(o.get("red_lines"), "red_lines") {
		ro, ok := d.object(rn, "red line", redLineKeys...)
		if !ok {
			continue
		}
		d.required(ro, "red line", "issue")
		name, j := t.issues.ref(d, ro.get("issue"), "red line")
		if j < 0 {
			continue
		}
		if first, dup := lines[name]; dup {
			d.errorf(ro.get("issue"), "%s has two red lines on %s (first at line %d); combine them into one with min and max", a.ID, name, first)
			continue
		}
		lines[name] = posOf(rn).Line
		is := s.Issues[j]
		rl := RedLine{Issue: name, Index: j, Pos: posOf(rn), Label: d.str(ro.get("label"), "label")}
		bound := func(k string) *float64 {
			n := ro.get(k)
			v, ok := d.number(n, "red line "+k)
			if !ok {
				return nil
			}
			if v < is.Scale[0] || v > is.Scale[1] {
				d.errorf(n, "red line %s %s lies outside the scale [%s, %s] of %s", k, num(v), num(is.Scale[0]), num(is.Scale[1]), name)
			}
			return &v
		}
		rl.Max, rl.Min = bound("max"), bound("min")
		if ro.get("max") == nil && ro.get("min") == nil {
			d.errorf(rn, "red line on %s needs max or min (or both)", name)
		}
		if rl.Max != nil && rl.Min != nil && *rl.Min > *rl.Max {
			d.errorf(ro.get("min"), "red line on %s has min %s above max %s", name, num(*rl.Min), num(*rl.Max))
		}
		rl.Firmness = d.param(ro.get("firmness"), "firmness", unitInterval, 1)
		a.RedLines = append(a.RedLines, rl)
	}
}

// article puts "a" or "an" before a role.
func article(role string) string {
	if strings.IndexByte("aeiou", role[0]) >= 0 {
		return "an " + role
	}
	return "a " + role
}

// keyed decodes a mapping {id: value} into its key and value nodes.
func (d *decoder) keyed(n *yaml.Node, what string) [][2]*yaml.Node {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping {id: value}, got %s", what, describe(n))
		return nil
	}
	seen := map[string]int{}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := deref(n.Content[i])
		if k.Kind == yaml.ScalarNode {
			if first, dup := seen[k.Value]; dup {
				d.errorf(k, "duplicate key %s in %s (first at line %d)", k.Value, what, first)
				continue
			}
			seen[k.Value] = k.Line
		}
		out = append(out, [2]*yaml.Node{k, n.Content[i+1]})
	}
	return out
}

// utility decodes linear | quadratic | {power: γ}.
func (d *decoder) utility(n *yaml.Node) UtilitySpec {
	u := UtilitySpec{Name: "linear", Gamma: 1}
	n = deref(n)
	if n == nil {
		return u
	}
	u.Pos = posOf(n)
	if n.Kind == yaml.MappingNode {
		o, _ := d.object(n, "utility", "power")
		if g := o.get("power"); g != nil {
			if v, ok := d.number(g, "utility power"); ok {
				if v > 0 {
					u.Name, u.Gamma = "power", v
				} else {
					d.errorf(g, "utility power γ must be > 0, got %s", num(v))
				}
			}
		} else {
			d.errorf(n, "utility must be linear, quadratic or {power: γ}")
		}
		return u
	}
	switch {
	case n.Kind == yaml.ScalarNode && n.Value == "linear":
	case n.Kind == yaml.ScalarNode && n.Value == "quadratic":
		u.Name, u.Gamma = "quadratic", 2
	default:
		hint := ""
		if n.Kind == yaml.ScalarNode {
			hint = didYouMean(n.Value, []string{"linear", "quadratic"})
		}
		d.errorAt(posOf(n), hint, "utility must be linear, quadratic or {power: γ}, got %s", describe(n))
	}
	return u
}

func (d *decoder) shocks(n *yaml.Node, s *Scenario, t *tables) []Shock {
	var out []Shock
	for _, sn := range d.seq(n, "shocks") {
		o, ok := d.object(sn, "shock", shockKeys...)
		if !ok {
			continue
		}
		d.required(o, "shock", "id", "rate", "effects")
		id, ok := d.id(o.get("id"), "shock id")
		if !ok || !t.shocks.add(d, id, o.get("id")) {
			continue
		}
		sh := Shock{ID: id, Pos: posOf(sn), Title: d.str(o.get("title"), "title")}
		sh.Rate = d.param(o.get("rate"), "rate", unitInterval, 0)
		for _, en := range d.seq(o.get("effects"), "effects") {
			if e, ok := d.effect(en, s, t); ok {
				sh.Effects = append(sh.Effects, e)
			}
		}
		if en := o.get("effects"); en != nil && en.Kind == yaml.SequenceNode && len(en.Content) == 0 {
			d.errorf(en, "shock %s needs at least one effect", id)
		}
		out = append(out, sh)
		d.shockWhen = append(d.shockWhen, o.get("when"))
	}
	return out
}

// effect decodes one effect of a shock: exactly one of breakdown, change,
// red_line, escalate.
func (d *decoder) effect(n *yaml.Node, s *Scenario, t *tables) (Effect, bool) {
	e := Effect{Pos: posOf(n)}
	o, ok := d.object(n, "effect", effectKeys...)
	if !ok {
		return e, false
	}
	if len(o.keys) != 1 {
		if len(o.keys) > 1 {
			d.errorf(n, "an effect has exactly one of breakdown, change, red_line or escalate; this one has %d (write each as its own list item)", len(o.keys))
		} else if len(deref(n).Content) == 0 {
			d.errorf(n, "an effect needs one of breakdown, change, red_line or escalate")
		}
		return e, false
	}
	if v := o.vals["escalate"]; v != nil {
		if b, ok := d.boolean(v, "escalate"); ok {
			if !b {
				d.errorf(v, "escalate: false has no effect; remove it")
			}
			e.Escalate = b
		}
		return e, true
	}
	if v := o.vals["breakdown"]; v != nil {
		bo, ok := d.object(v, "breakdown effect", breakdownKeys...)
		if !ok {
			return e, false
		}
		d.required(bo, "breakdown effect", "layer", "add")
		b := &BreakdownEffect{}
		b.Layer, b.Index = t.layers.ref(d, bo.get("layer"), "breakdown effect")
		b.Add = d.param(bo.get("add"), "breakdown add", changeRng, 0)
		if r := bo.get("rounds"); r != nil {
			b.Rounds, _ = d.integer(r, "rounds", 0, maxHorizon)
		}
		e.Breakdown = b
		return e, true
	}
	if v := o.vals["change"]; v != nil {
		co, ok := d.object(v, "change effect", changeKeys...)
		if !ok {
			return e, false
		}
		d.required(co, "change effect", "actor", "param", "add")
		c := &ChangeEffect{Index: -1, ActorIndex: -1}
		c.Actor, c.ActorIndex = t.actors.ref(d, co.get("actor"), "change effect")
		c.Param = d.word(co.get("param"), "param", "", changeables...)
		rng := changeRng
		needLayer, needIssue := c.Param == "reservation", c.Param == "position" || c.Param == "salience"
		if co.get("layer") != nil && !needLayer {
			d.errorf(co.keys["layer"], "layer is only used with param: reservation")
		}
		if co.get("issue") != nil && !needIssue {
			d.errorf(co.keys["issue"], "issue is only used with param: position or salience")
		}
		switch {
		case needLayer:
			if co.get("layer") == nil {
				d.errorf(co.node, "param: reservation needs layer:")
			} else {
				c.Layer, c.Index = t.layers.ref(d, co.get("layer"), "change effect")
			}
		case needIssue:
			if co.get("issue") == nil {
				d.errorf(co.node, "param: %s needs issue:", c.Param)
			} else {
				c.Issue, c.Index = t.issues.ref(d, co.get("issue"), "change effect")
			}
			rng = anyReal
			if c.Param == "position" && c.Index >= 0 {
				w := s.Issues[c.Index].Scale[1] - s.Issues[c.Index].Scale[0]
				rng = interval{lo: -w, hi: w}
			}
		}
		c.Add = d.param(co.get("add"), c.Param+" add", rng, 0)
		e.Change = c
		return e, true
	}
	ro, ok := d.object(o.vals["red_line"], "red_line effect", redLineEffectKeys...)
	if !ok {
		return e, false
	}
	d.required(ro, "red_line effect", "actor", "issue", "action")
	r := &RedLineEffect{ActorIndex: -1, IssueIndex: -1, Line: -1}
	r.Actor, r.ActorIndex = t.actors.ref(d, ro.get("actor"), "red_line effect")
	r.Issue, r.IssueIndex = t.issues.ref(d, ro.get("issue"), "red_line effect")
	r.Action = d.word(ro.get("action"), "action", "", rlActions...)
	if r.ActorIndex >= 0 && r.IssueIndex >= 0 && r.ActorIndex < len(s.Actors) {
		for k, rl := range s.Actors[r.ActorIndex].RedLines {
			if rl.Index == r.IssueIndex {
				r.Line = k
			}
		}
		if r.Line < 0 {
			d.errorf(ro.get("issue"), "%s has no red line on %s", r.Actor, r.Issue)
		}
	}
	e.RedLine = r
	return e, true
}

func (d *decoder) implementation(n *yaml.Node, s *Scenario, t *tables) *Implementation {
	o, ok := d.object(n, "implementation", implementationKeys...)
	if !ok {
		return nil
	}
	im := &Implementation{Pos: posOf(n)}
	if d.required(o, "implementation", "periods") {
		im.Periods, _ = d.integer(o.get("periods"), "periods", 1, maxPeriods)
	}
	for _, cn := range d.seq(o.get("cheating"), "cheating") {
		co, ok := d.object(cn, "cheating", cheatingKeys...)
		if !ok {
			continue
		}
		d.required(co, "cheating", "actor", "layer", "rate")
		c := Cheating{Pos: posOf(cn), VerifyIndex: -1, FrontIndex: -1}
		c.Actor, c.ActorIndex = t.actors.ref(d, co.get("actor"), "cheating actor")
		c.Layer, c.LayerIndex = t.layers.ref(d, co.get("layer"), "cheating layer")
		c.Rate = d.param(co.get("rate"), "rate", unitInterval, 0)
		c.Detection = d.param(co.get("detection"), "detection", unitInterval, 1)
		if v := co.get("verification"); v != nil {
			c.Verification, c.VerifyIndex = t.issues.ref(d, v, "verification")
		}
		if v := co.get("front_loading"); v != nil {
			c.FrontLoading, c.FrontIndex = t.issues.ref(d, v, "front_loading")
		}
		if v := co.get("escalate"); v != nil {
			c.Escalate, _ = d.boolean(v, "escalate")
		}
		im.Cheating = append(im.Cheating, c)
	}
	return im
}

// outcomes decodes the outcomes; it returns their `when` nodes, compiled
// once the variables are known.
func (d *decoder) outcomes(n *yaml.Node, s *Scenario, t *tables) []*yaml.Node {
	var whens []*yaml.Node
	for _, on := range d.seq(n, "outcomes") {
		o, ok := d.object(on, "outcome", outcomeKeys...)
		if !ok {
			continue
		}
		d.required(o, "outcome", "id", "when")
		id, ok := d.id(o.get("id"), "outcome id")
		if !ok || !t.outcomes.add(d, id, o.get("id")) {
			continue
		}
		if id == "other" {
			d.errorf(o.get("id"), "outcome id other is reserved for runs that match no outcome")
		}
		s.Outcomes = append(s.Outcomes, Outcome{ID: id, Pos: posOf(on), Title: d.str(o.get("title"), "title")})
		whens = append(whens, o.get("when"))
	}
	return whens
}

// checkLayers enforces the rules that need the whole scenario: every layer
// has issues and a party that cares about them, eum layers are one-issue,
// influence targets parties.
func (d *decoder) checkLayers(s *Scenario, layersKey *yaml.Node) {
	for _, l := range s.Layers {
		if len(l.Issues) == 0 {
			d.errorAt(l.Pos, "give an issue layer: "+l.ID, "layer %s has no issues", l.ID)
			continue
		}
		if l.Protocol == ProtocolEUM && len(l.Issues) != 1 {
			d.errorAt(l.Pos, "split it into one layer per issue, or use protocol: smp", "layer %s uses eum, which is a one-issue model, but has %d issues", l.ID, len(l.Issues))
		}
		cared := false
		for _, a := range s.Actors {
			if a.Role != RoleParty {
				continue
			}
			for _, sv := range a.Salience {
				for _, k := range l.Issues {
					if sv.Index == k && supportMax(sv.Value) > 0 {
						cared = true
					}
				}
			}
		}
		if !cared {
			var names []string
			for _, k := range l.Issues {
				names = append(names, s.Issues[k].ID)
			}
			d.errorAt(l.Pos, "give a party salience on "+list(names), "no party has salience on the issues of layer %s", l.ID)
		}
	}
	for _, a := range s.Actors {
		for _, inf := range a.Influence {
			if t := s.Actors[inf.Index]; t.Role != RoleParty {
				d.errorAt(inf.Pos, "", "influence on %s has no effect: %s is %s, not a party", t.ID, t.ID, article(t.Role))
			}
		}
	}
}

// checkClashes reports ids that would make a condition ambiguous: an issue
// named like a layer, or any id named like a variable or a keyword.
func (d *decoder) checkClashes(t *tables) bool {
	n := len(d.errs)
	for _, k := range []*ids{t.layers, t.issues, t.actors, t.shocks} {
		for i, name := range k.names {
			if contains(reservedNames, name) {
				d.errorAt(k.pos[i], "choose another id", "%s id %s is a reserved word of conditions", k.kind, name)
			}
		}
	}
	for i, name := range t.issues.names {
		if j, ok := t.layers.index[name]; ok {
			d.errorAt(t.issues.pos[i], "choose another id", "issue id %s is also a layer id (line %d); conditions could not tell them apart", name, t.layers.pos[j].Line)
		}
	}
	return len(d.errs) > n
}
