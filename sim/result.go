package sim

// Status is how a layer ended in a run (MODEL.md §8). The statuses are
// exclusive: a layer that agreed and then collapsed in the compliance phase
// is `collapsed`, not `agreed`.
type Status uint8

// Layer statuses.
const (
	Open      Status = iota // on the agenda, no result at the horizon (or never opened: a prerequisite never agreed)
	Agreed                  // agreed, and the agreement held
	Broken                  // broke down (collapse or escalation)
	OffAgenda               // not on the agenda in this run
	Collapsed               // agreed, then collapsed after a detected violation
)

var statusNames = [...]string{"open", "agreed", "broken", "offagenda", "collapsed"}

func (s Status) String() string { return statusNames[s] }

// RunResult is what one run produced: the row of runs.csv.
type RunResult struct {
	Run       int
	Outcome   int // index into Scenario.Outcomes; len(Outcomes) means "other"
	Escalated bool
	Rounds    int       // rounds played
	Status    []Status  // per layer
	Round     []int     // per layer: the round it ended, or the horizon
	Unopened  []bool    // per layer: on the agenda but never opened
	Value     []float64 // per issue, agreed value in issue units; NaN when its layer did not agree
	Utility   []float64 // per actor: run utility (MODEL.md §2)
	Cheated   []bool    // per actor
	Detected  []bool    // per actor

	resUtility []float64 // per actor: no-deal utility, weighted like Utility
	infeasible []bool    // per layer: on the agenda and no point satisfies the firm red lines
}

func newRunResult(nLayers, nIssues, nActors int) RunResult {
	return RunResult{
		Status:   padded[Status](nLayers),
		Round:    padded[int](nLayers),
		Unopened: padded[bool](nLayers),
		Value:    padded[float64](nIssues),
		Utility:  padded[float64](nActors),
		Cheated:  padded[bool](nActors),
		Detected: padded[bool](nActors),

		resUtility: padded[float64](nActors),
		infeasible: padded[bool](nLayers),
	}
}
