package scenarios

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"
	orderedmap "github.com/wk8/go-ordered-map/v2"
)

// The types below mirror the YAML of a scenario file (SCENARIO.md) for one
// purpose: generating its JSON Schema, which editors use to validate and
// complete files. The loader does not decode into them (it walks the YAML
// node tree to keep positions); TestSchemaKeys checks both agree on the keys.

type docScenario struct {
	Parley         int                `json:"parley" jsonschema:"enum=1" jsonschema_description:"Format version; required."`
	Name           string             `json:"name,omitempty" jsonschema:"pattern=^[a-z][a-z0-9_-]*$" jsonschema_description:"Id of the scenario."`
	Title          string             `json:"title,omitempty"`
	Description    string             `json:"description,omitempty" jsonschema_description:"Free text shown at the top of the report."`
	Sources        []string           `json:"sources,omitempty" jsonschema_description:"Where the numbers come from."`
	Horizon        int                `json:"horizon" jsonschema:"minimum=1" jsonschema_description:"Rounds of bargaining at most."`
	Round          string             `json:"round,omitempty" jsonschema_description:"What one round means (week), for labels."`
	Settings       *docSettings       `json:"settings,omitempty"`
	Beliefs        *docBeliefs        `json:"beliefs,omitempty"`
	Issues         []docIssue         `json:"issues" jsonschema:"minItems=1"`
	Layers         []docLayer         `json:"layers" jsonschema:"minItems=1"`
	Packages       [][]docID          `json:"packages,omitempty" jsonschema_description:"Layers negotiated as one unit."`
	Actors         []docActor         `json:"actors"`
	Shocks         []docShock         `json:"shocks,omitempty"`
	Implementation *docImplementation `json:"implementation,omitempty"`
	Outcomes       []docOutcome       `json:"outcomes,omitempty" jsonschema_description:"First match wins."`
}

type docSettings struct {
	ProbeThreshold  float64 `json:"probe_threshold,omitempty" jsonschema:"minimum=0,maximum=1,default=0.5"`
	AcceptTolerance float64 `json:"accept_tolerance,omitempty" jsonschema:"minimum=0,maximum=1,default=0.01" jsonschema_description:"Just-noticeable difference in utility: a responder accepts an offer within this much of its threshold."`
	Spillover       float64 `json:"spillover,omitempty" jsonschema:"minimum=0,maximum=1,default=0.05" jsonschema_description:"Breakdown hazard a collapse on one layer adds to every layer still negotiating."`
}

type docBeliefs struct {
	Noise    *docParam `json:"noise,omitempty" jsonschema_description:"σ of misperception in utility units (>= 0; default 0)."`
	Learning *docParam `json:"learning,omitempty" jsonschema_description:"Share of the error removed by each rejection ([0, 1]; default 0.5)."`
}

// docID is an id of a layer, issue, actor, shock or outcome.
type docID string

func (docID) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string", Pattern: idPattern.String()}
}

type docIssue struct {
	ID    docID             `json:"id"`
	Layer docID             `json:"layer"`
	Title string            `json:"title,omitempty"`
	Scale [2]float64        `json:"scale" jsonschema_description:"[lo, hi] with lo < hi, in the issue's units."`
	Unit  string            `json:"unit,omitempty"`
	Marks map[string]string `json:"marks,omitempty" jsonschema_description:"Labelled values on the scale: {3.67: JCPOA cap}."`
}

type docLayer struct {
	ID          docID     `json:"id"`
	Title       string    `json:"title,omitempty"`
	Protocol    string    `json:"protocol,omitempty" jsonschema:"enum=alternating,enum=nash,enum=eum,enum=smp,enum=weighted-mean,default=alternating"`
	Proposer    string    `json:"proposer,omitempty" jsonschema:"enum=rotate,enum=power,default=rotate"`
	Breakdown   *docParam `json:"breakdown,omitempty" jsonschema_description:"Hazard per failed round ([0, 1]; default 0)."`
	OnBreakdown string    `json:"on_breakdown,omitempty" jsonschema:"enum=collapse,enum=escalation,default=collapse"`
	Requires    []docID   `json:"requires,omitempty"`
	Agenda      *docParam `json:"agenda,omitempty" jsonschema_description:"Probability the layer is on the table in a run ([0, 1]; default 1)."`
	Solution    string    `json:"solution,omitempty" jsonschema:"enum=nash,enum=kalai-smorodinsky,default=nash"`
	Weights     string    `json:"weights,omitempty" jsonschema:"enum=power,enum=equal,default=power"`
}

type docActor struct {
	ID          docID               `json:"id"`
	Name        string              `json:"name,omitempty"`
	Role        string              `json:"role,omitempty" jsonschema:"enum=party,enum=mediator,enum=influencer,default=party"`
	Power       *docParam           `json:"power,omitempty" jsonschema_description:"Capability (> 0; default 1)."`
	Patience    *docParam           `json:"patience,omitempty" jsonschema_description:"Discount factor per round ((0, 1]; default 1)."`
	Utility     *docUtility         `json:"utility,omitempty"`
	Positions   map[string]docParam `json:"positions,omitempty" jsonschema_description:"Ideal point per issue, in the issue's units."`
	Salience    map[string]docParam `json:"salience,omitempty" jsonschema_description:"How much the actor cares, per issue (>= 0)."`
	Reservation map[string]docParam `json:"reservation,omitempty" jsonschema_description:"Utility of no agreement per layer ([0, 1]; default 0)."`
	RedLines    []docRedLine        `json:"red_lines,omitempty"`
	Skill       *docParam           `json:"skill,omitempty" jsonschema_description:"Mediator: how much it reduces misperception ([0, 1])."`
	Influence   map[string]docParam `json:"influence,omitempty" jsonschema_description:"Influencer: pull on a party's ideal points ([0, 1])."`
	Pressure    map[string]docParam `json:"pressure,omitempty" jsonschema_description:"Influencer: relative change of a layer's breakdown hazard (>= -1)."`
}

type docRedLine struct {
	Issue    docID     `json:"issue"`
	Max      *float64  `json:"max,omitempty"`
	Min      *float64  `json:"min,omitempty"`
	Firmness *docParam `json:"firmness,omitempty" jsonschema_description:"Probability the line is firm in a run ([0, 1]; default 1)."`
	Label    string    `json:"label,omitempty"`
}

type docShock struct {
	ID      docID       `json:"id"`
	Title   string      `json:"title,omitempty"`
	Rate    docParam    `json:"rate" jsonschema_description:"Probability per round ([0, 1])."`
	When    *docWhen    `json:"when,omitempty"`
	Effects []docEffect `json:"effects" jsonschema:"minItems=1"`
}

type docEffect struct {
	Breakdown *docBreakdown     `json:"breakdown,omitempty"`
	Change    *docChange        `json:"change,omitempty"`
	RedLine   *docRedLineEffect `json:"red_line,omitempty"`
	Escalate  bool              `json:"escalate,omitempty" jsonschema:"const=true"`
}

// JSONSchemaExtend makes an effect hold exactly one of its forms.
func (docEffect) JSONSchemaExtend(s *jsonschema.Schema) {
	one := uint64(1)
	s.MinProperties, s.MaxProperties = &one, &one
}

type docBreakdown struct {
	Layer  docID    `json:"layer"`
	Add    docParam `json:"add" jsonschema_description:"Added to the layer's hazard ([-1, 1])."`
	Rounds int      `json:"rounds,omitempty" jsonschema:"minimum=0" jsonschema_description:"For how many rounds; 0 or absent: the rest of the run."`
}

type docChange struct {
	Actor docID    `json:"actor"`
	Param string   `json:"param" jsonschema:"enum=patience,enum=reservation,enum=position,enum=salience"`
	Add   docParam `json:"add"`
	Layer docID    `json:"layer,omitempty" jsonschema_description:"With param: reservation."`
	Issue docID    `json:"issue,omitempty" jsonschema_description:"With param: position or salience."`
}

type docRedLineEffect struct {
	Actor  docID  `json:"actor"`
	Issue  docID  `json:"issue"`
	Action string `json:"action" jsonschema:"enum=reveal,enum=soften"`
}

type docImplementation struct {
	Periods  int           `json:"periods" jsonschema:"minimum=1"`
	Cheating []docCheating `json:"cheating,omitempty"`
}

type docCheating struct {
	Actor        docID     `json:"actor"`
	Layer        docID     `json:"layer"`
	Rate         docParam  `json:"rate" jsonschema_description:"Probability of a violation per period ([0, 1])."`
	Verification docID     `json:"verification,omitempty" jsonschema_description:"Issue whose agreed level drives detection."`
	Detection    *docParam `json:"detection,omitempty" jsonschema_description:"[0, 1]; default 1."`
	FrontLoading docID     `json:"front_loading,omitempty" jsonschema_description:"Issue whose value the cheater keeps on collapse."`
	Escalate     bool      `json:"escalate,omitempty" jsonschema_description:"A detected violation escalates."`
}

type docOutcome struct {
	ID    docID   `json:"id"`
	Title string  `json:"title,omitempty"`
	When  docWhen `json:"when"`
}

// docWhen is a condition: an expression over the run's variables, or true.
type docWhen struct{}

func (docWhen) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "Condition over the run's variables, e.g. \"kinetic.agreed && !escalated\".",
		OneOf:       []*jsonschema.Schema{{Type: "string"}, {Type: "boolean"}},
	}
}

// docUtility is linear | quadratic | {power: γ}.
type docUtility struct{}

func (docUtility) JSONSchema() *jsonschema.Schema {
	props := orderedmap.New[string, *jsonschema.Schema]()
	props.Set("power", &jsonschema.Schema{Type: "number", ExclusiveMinimum: "0"})
	return &jsonschema.Schema{OneOf: []*jsonschema.Schema{
		{Type: "string", Enum: []any{"linear", "quadratic"}},
		{Type: "object", Properties: props, Required: []string{"power"}, AdditionalProperties: jsonschema.FalseSchema},
	}}
}

// docParam is a number or a distribution (MODEL.md §5).
type docParam struct{}

func (docParam) JSONSchema() *jsonschema.Schema {
	numbers := func(n uint64) *jsonschema.Schema {
		s := &jsonschema.Schema{Type: "array", Items: &jsonschema.Schema{Type: "number"}}
		if n > 0 {
			s.MinItems, s.MaxItems = &n, &n
		} else {
			one := uint64(1)
			s.MinItems = &one
		}
		return s
	}
	form := func(key, doc string, args *jsonschema.Schema, extra ...string) *jsonschema.Schema {
		props := orderedmap.New[string, *jsonschema.Schema]()
		args.Description = doc
		props.Set(key, args)
		for _, e := range extra {
			props.Set(e, numbers(0))
		}
		return &jsonschema.Schema{Type: "object", Properties: props, Required: []string{key}, AdditionalProperties: jsonschema.FalseSchema}
	}
	return &jsonschema.Schema{
		Description: "A number, or a distribution drawn once per run.",
		OneOf: []*jsonschema.Schema{
			{Type: "number"},
			form("triangular", "[min, mode, max]", numbers(3)),
			form("uniform", "[a, b]", numbers(2)),
			form("normal", "[mean, sd], truncated to the valid range", numbers(2)),
			form("beta", "[α, β] on [0, 1], scaled to the issue's scale for positions", numbers(2)),
			form("choice", "[v1, v2, …] with optional weights", numbers(0), "weights"),
		},
	}
}

// JSONSchema returns the JSON Schema of the scenario format, generated
// from the document types above.
func JSONSchema() ([]byte, error) {
	r := &jsonschema.Reflector{ExpandedStruct: true, Namer: func(t reflect.Type) string {
		return strings.TrimPrefix(t.Name(), "doc")
	}}
	s := r.Reflect(&docScenario{})
	s.ID = "https://parleysim.github.io/schema/scenario-1.json"
	s.Title = "Parley scenario"
	s.Description = "A negotiation scenario for the parley simulator (format version 1)."
	return json.MarshalIndent(s, "", "  ")
}
