package sim

// Summary is the aggregated result of a Monte Carlo run: the content of
// summary.json (CLI.md). Field names are a published contract: fields may be
// added, never renamed. Nothing here may depend on the time, the machine or
// the number of workers.
type Summary struct {
	Parley     string           `json:"parley"` // program version
	Scenario   ScenarioRef      `json:"scenario"`
	Seed       uint64           `json:"seed"`
	Runs       int              `json:"runs"`    // runs completed
	Partial    bool             `json:"partial"` // interrupted before all requested runs were done
	Requested  int              `json:"requested_runs"`
	Horizon    int              `json:"horizon"`
	Outcomes   []OutcomeStat    `json:"outcomes"` // in scenario order, then "other"
	Layers     []LayerStat      `json:"layers"`
	Issues     []IssueStat      `json:"issues"`
	Actors     []ActorStat      `json:"actors"`
	Escalation float64          `json:"p_escalation"`
	EscCI95    [2]float64       `json:"p_escalation_ci95"`
	Shocks     []ShockStat      `json:"shocks"`
	Compliance []ComplianceStat `json:"compliance"`
}

// ScenarioRef identifies the scenario that was run.
type ScenarioRef struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	SHA256 string `json:"sha256"`
}

// OutcomeStat is one named outcome's frequency with its 95 % Wilson interval.
type OutcomeStat struct {
	ID    string     `json:"id"`
	Title string     `json:"title"`
	Runs  int        `json:"runs"`
	P     float64    `json:"p"`
	SE    float64    `json:"se"`
	CI95  [2]float64 `json:"ci95"`
}

// Quantiles summarises a distribution.
type Quantiles struct {
	Mean float64 `json:"mean"`
	P10  float64 `json:"p10"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
}

// LayerStat is how a layer ended across runs. Rounds are numbered from 1:
// AgreedBy[i] (resp. BrokenBy[i]) counts runs whose layer agreed (broke) in
// round i+1, for the cumulative chart.
type LayerStat struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	PAgreed     float64    `json:"p_agreed"`
	PBroken     float64    `json:"p_broken"`
	POpen       float64    `json:"p_open"`
	POffAgenda  float64    `json:"p_offagenda"`
	PCollapsed  float64    `json:"p_collapsed"` // agreed, then collapsed in compliance
	PInfeasible float64    `json:"p_infeasible"`
	PUnopened   float64    `json:"p_unopened"` // on the agenda, never opened: a prerequisite never agreed (counted in p_open)
	AgreedCI95  [2]float64 `json:"p_agreed_ci95"`
	Round       Quantiles  `json:"round"` // round at which it agreed or broke, over those runs
	AgreedBy    []int      `json:"agreed_by_round"`
	BrokenBy    []int      `json:"broken_by_round"`
}

// Histogram is a fixed-bin histogram over [Lo, Hi].
type Histogram struct {
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	Counts []int   `json:"counts"`
}

// OfferBand is the distribution of the offers on the table in one round, in
// issue units (the fan chart).
type OfferBand struct {
	Round int     `json:"round"` // 1-based
	N     int     `json:"n"`
	P05   float64 `json:"p05"`
	P25   float64 `json:"p25"`
	P50   float64 `json:"p50"`
	P75   float64 `json:"p75"`
	P95   float64 `json:"p95"`
}

// IssueStat is the distribution of an issue's agreed value, over the runs in
// which its layer agreed, in the issue's units.
type IssueStat struct {
	ID         string      `json:"id"`
	Layer      string      `json:"layer"`
	Title      string      `json:"title"`
	Unit       string      `json:"unit"`
	AgreedRuns int         `json:"agreed_runs"`
	Mean       float64     `json:"mean"`
	P10        float64     `json:"p10"`
	P50        float64     `json:"p50"`
	P90        float64     `json:"p90"`
	Histogram  Histogram   `json:"histogram"`
	Offers     []OfferBand `json:"offers"`
}

// ActorStat is an actor's run utility (MODEL.md §2) across runs.
type ActorStat struct {
	ID              string  `json:"id"`
	Name            string  `json:"name"`
	Role            string  `json:"role"`
	UtilityMean     float64 `json:"utility_mean"`
	UtilitySE       float64 `json:"utility_se"`
	ReservationMean float64 `json:"reservation_mean"` // its no-deal utility, weighted like the run utility
}

// ShockStat is how often a shock fired.
type ShockStat struct {
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	PFired   float64 `json:"p_fired"`    // share of runs in which it fired at least once
	MeanFire float64 `json:"mean_fired"` // mean times fired per run
}

// ComplianceStat is one cheating entry's result over the runs in which its
// layer agreed.
type ComplianceStat struct {
	Actor     string  `json:"actor"`
	Layer     string  `json:"layer"`
	Runs      int     `json:"runs"` // runs with an agreement to cheat on
	PCheated  float64 `json:"p_cheated"`
	PDetected float64 `json:"p_detected"`
}
