package scenarios

// This file holds the in-memory form of a scenario file (SCENARIO.md). Every
// value keeps the position it was read from, so that validation and later
// errors can point at the line. The loader (load.go) fills these types from
// the YAML node tree; sim/ samples and plays them; report/ describes them.

// Pos is a 1-based line and column in the scenario file.
type Pos struct {
	Line int `json:"-"`
	Col  int `json:"-"`
}

// DistKind names the form of a numeric parameter.
type DistKind int

// The forms a numeric parameter may take (MODEL.md §5).
const (
	Fixed      DistKind = iota // a plain number: Args = [v]
	Triangular                 // {triangular: [min, mode, max]}
	Uniform                    // {uniform: [a, b]}
	Normal                     // {normal: [mean, sd]}, truncated to the valid range [Lo, Hi]
	Beta                       // {beta: [α, β]} on [0, 1], or on an issue's scale for positions
	Choice                     // {choice: [v1, v2, …], weights: [w1, w2, …]}
)

// Param is a numeric parameter: a number or a distribution. Lo and Hi are the
// valid range of the parameter (set by the loader from what the parameter
// means: [0, 1] for a probability, an issue's scale for a position); a Normal
// is truncated to it and a Beta is scaled to it.
type Param struct {
	Kind    DistKind
	Args    []float64 // the distribution's parameters, as written
	Weights []float64 // Choice only: normalised to sum 1 by the loader
	Lo, Hi  float64   // valid range
	Set     bool      // false when the key was absent and Args hold the default
	Pos     Pos
}

// Scenario is one parsed, validated scenario file.
type Scenario struct {
	Parley         int             // format version, 1
	Name           string          // id of the scenario
	Title          string          //
	Description    string          //
	Sources        []string        //
	Horizon        int             // rounds of bargaining at most
	Round          string          // what one round means ("week"), for labels
	Settings       Settings        //
	Beliefs        Beliefs         //
	Issues         []Issue         // in file order
	Layers         []Layer         // in file order
	Packages       []Package       // layers negotiated as one unit
	Actors         []Actor         // in file order
	Shocks         []Shock         // in file order
	Implementation *Implementation // nil when absent: no compliance phase
	Outcomes       []Outcome       // first match wins
	Vars           *Vars           // the variables conditions may use (MODEL.md §8)

	File   string // the path or built-in name it was read from, for messages
	Source []byte // the exact bytes read
	SHA256 string // hex SHA-256 of Source
}

// Settings are the model switches of the `settings` key.
type Settings struct {
	ProbeThreshold  float64 // default 0.5 (MODEL.md §3)
	AcceptTolerance float64 // τ, utility units: responders accept u ≥ threshold − τ; default 0.01 (docs/model.md)
	Spillover       float64 // hazard a collapse adds to the layers still negotiating; default 0.05 (sim/doc.go)
}

// Beliefs configures misperception (MODEL.md §4.1).
type Beliefs struct {
	Noise    Param // σ of misperception in utility units, ≥ 0; default 0
	Learning Param // share of the error removed by each rejection, [0, 1]; default 0.5
}

// Mark is a labelled value on an issue's scale.
type Mark struct {
	Value float64
	Label string
	Pos   Pos
}

// Issue is one bargaining dimension with a real scale.
type Issue struct {
	ID    string
	Layer string
	Title string
	Unit  string
	Scale [2]float64 // lo < hi
	Marks []Mark     // sorted by value
	Pos   Pos
}

// Protocols a layer may use.
const (
	ProtocolAlternating  = "alternating"
	ProtocolNash         = "nash"
	ProtocolEUM          = "eum"
	ProtocolSMP          = "smp"
	ProtocolWeightedMean = "weighted-mean"
)

// Layer is a named group of issues negotiated together.
type Layer struct {
	ID          string
	Title       string
	Protocol    string   // default "alternating"
	Proposer    string   // "rotate" (default) | "power"
	Breakdown   Param    // per failed round, [0, 1]; default 0
	OnBreakdown string   // "collapse" (default) | "escalation"
	Requires    []string // layer ids that must agree first
	Agenda      Param    // probability the layer is on the agenda, [0, 1]; default 1
	Solution    string   // nash only: "nash" (default) | "kalai-smorodinsky"
	Weights     string   // nash only: "power" (default) | "equal"
	Issues      []int    // indexes into Scenario.Issues, filled by the loader
	Pos         Pos
}

// Package is a set of layers negotiated as one unit (issue linkage).
type Package struct {
	Layers []string
	Pos    Pos
}

// Roles an actor may have.
const (
	RoleParty      = "party"
	RoleMediator   = "mediator"
	RoleInfluencer = "influencer"
)

// UtilitySpec is the loss exponent γ of u = 1 − Σ ŝ|z − a|^γ (MODEL.md §2):
// linear γ = 1, quadratic γ = 2, {power: γ}.
type UtilitySpec struct {
	Name  string // "linear" | "quadratic" | "power"
	Gamma float64
	Pos   Pos
}

// IssueValue is a per-issue parameter of an actor (position or salience).
type IssueValue struct {
	Issue string
	Index int // into Scenario.Issues, filled by the loader
	Value Param
	Pos   Pos
}

// LayerValue is a per-layer parameter of an actor (reservation, pressure).
type LayerValue struct {
	Layer string
	Index int // into Scenario.Layers, filled by the loader
	Value Param
	Pos   Pos
}

// ActorValue is a per-actor parameter (influence on another actor).
type ActorValue struct {
	Actor string
	Index int // into Scenario.Actors, filled by the loader
	Value Param
	Pos   Pos
}

// RedLine is a hard bound an actor states on one issue (MODEL.md §3).
type RedLine struct {
	Issue    string
	Index    int      // into Scenario.Issues
	Max      *float64 // in issue units; nil when absent
	Min      *float64 // in issue units; nil when absent
	Firmness Param    // probability the line is firm in a run, [0, 1]; default 1
	Label    string
	Pos      Pos
}

// Actor is a party, mediator or influencer.
type Actor struct {
	ID          string
	Name        string
	Role        string
	Power       Param        // > 0; default 1
	Patience    Param        // (0, 1]; default 1
	Utility     UtilitySpec  // default linear
	Positions   []IssueValue // ideal points in issue units
	Salience    []IssueValue // ≥ 0
	Reservation []LayerValue // [0, 1]; default 0
	RedLines    []RedLine
	Skill       Param        // mediator: [0, 1]; default 0
	Influence   []ActorValue // influencer: λ ∈ [0, 1]
	Pressure    []LayerValue // influencer: relative change of a layer's hazard, [-1, +∞)
	Pos         Pos
}

// Shock is a random event with a per-round rate, a condition and effects (MODEL.md §6).
type Shock struct {
	ID      string
	Title   string
	Rate    Param      // per round, [0, 1]
	When    *Condition // nil: always eligible
	Effects []Effect
	Pos     Pos
}

// Effect is one consequence of a shock. Exactly one of its fields is set.
type Effect struct {
	Breakdown *BreakdownEffect // add to a layer's hazard for some rounds
	Change    *ChangeEffect    // change an actor's parameter
	RedLine   *RedLineEffect   // reveal or soften a red line
	Escalate  bool             // the conflict escalates
	Pos       Pos
}

// BreakdownEffect adds Add to a layer's breakdown hazard for Rounds rounds
// (0: for the rest of the run).
type BreakdownEffect struct {
	Layer  string
	Index  int
	Add    Param
	Rounds int
}

// ChangeEffect adds Add to one parameter of an actor: patience, reservation
// (per Layer), position (per Issue, in issue units) or salience (per Issue).
// The result is clamped to the parameter's valid range.
type ChangeEffect struct {
	Actor      string
	ActorIndex int
	Param      string // "patience" | "reservation" | "position" | "salience"
	Layer      string // reservation only
	Issue      string // position and salience only
	Index      int    // layer or issue index, -1 when not used
	Add        Param
}

// RedLineEffect reveals a red line to the other parties, or softens it (it
// stops being firm for the rest of the run).
type RedLineEffect struct {
	Actor      string
	ActorIndex int
	Issue      string
	IssueIndex int
	Action     string // "reveal" | "soften"
	Line       int    // index into the actor's RedLines
}

// Implementation is the compliance phase after agreements (MODEL.md §7).
type Implementation struct {
	Periods  int
	Cheating []Cheating
	Pos      Pos
}

// Cheating is one actor's temptation to violate one layer's agreement.
type Cheating struct {
	Actor        string
	ActorIndex   int
	Layer        string
	LayerIndex   int
	Rate         Param  // per period, [0, 1]
	Verification string // issue whose agreed normalised level drives detection; "" = none (level 1)
	VerifyIndex  int    // -1 when none
	Detection    Param  // [0, 1]; default 1
	FrontLoading string // issue whose value the cheater keeps on collapse; "" = none
	FrontIndex   int    // -1 when none
	Escalate     bool   // a detected violation escalates (default false: collapse only)
	Pos          Pos
}

// Outcome is a named result with its condition.
type Outcome struct {
	ID    string
	Title string
	When  *Condition
	Pos   Pos
}
