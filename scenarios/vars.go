package scenarios

// Vars is the layout of the run state that conditions read (MODEL.md §8): one
// float64 slot per variable. Booleans are 0 or 1; an agreed issue value whose
// layer did not agree is NaN, so every comparison with it is false. sim/ fills
// a []float64 of length Len() and calls Condition.Eval on it.
//
// Variables (dotted names as written in conditions):
//
//	round                      the current round, numbered from 1 (0 before the talks); the last round played after
//	rounds                     rounds played in the run
//	escalated                  bool
//	<layer>.agreed|broken|open|offagenda|collapsed   bool
//	<layer>.round              round the layer ended (agreed or broke), or horizon
//	<issue>                    agreed value in issue units (NaN when absent)
//	cheated.<actor>, detected.<actor>                bool, for every actor
//	shocks.<shock>             times the shock fired so far
type Vars struct {
	Names     []string     // slot i is named Names[i]
	Round     int          // slot of "round"
	Rounds    int          // slot of "rounds"
	Escalated int          // slot of "escalated"
	Layer     []LayerSlots // per layer, in Scenario.Layers order
	Issue     []int        // per issue, in Scenario.Issues order
	Cheated   []int        // per actor
	Detected  []int        // per actor
	Shock     []int        // per shock
}

// LayerSlots are the slots of one layer's variables.
type LayerSlots struct {
	Agreed, Broken, Open, OffAgenda, Collapsed, Round int
}

// Len is the number of slots a state vector needs.
func (v *Vars) Len() int { return len(v.Names) }

// Condition is a compiled `when` expression (of a shock or an outcome). It is
// parsed and type-checked once at load time against exactly the scenario's
// Vars, then evaluated per run without allocating.
type Condition struct {
	Source string
	Pos    Pos
	eval   func(state []float64) bool
}

// Eval reports whether the condition holds for a state laid out by Vars.
func (c *Condition) Eval(state []float64) bool { return c.eval(state) }
