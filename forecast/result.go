package forecast

// Result is the JSON of `parley forecast --json` (CLI.md). Positions are in
// the input's own units.
type Result struct {
	Input  InputInfo     `json:"input"`
	Notes  []string      `json:"notes,omitempty"`
	Runs   int           `json:"runs,omitempty"`
	Jitter float64       `json:"jitter,omitempty"`
	Seed   uint64        `json:"seed,omitempty"`
	Models []ModelResult `json:"models"`
}

// InputInfo describes the input file.
type InputInfo struct {
	File          string `json:"file"`
	Format        Format `json:"format"`
	Actors        int    `json:"actors"`
	Dimensions    int    `json:"dimensions"`
	SalienceScale string `json:"salience_scale,omitempty"`
}

// ModelResult is one model's forecast. eum and weighted-mean fill
// Dimensions; smp fills Turns, Modal, PModal and Expected. With Monte
// Carlo runs, Distribution holds the forecast's distribution per
// dimension.
type ModelResult struct {
	Model        string      `json:"model"`
	Params       string      `json:"params,omitempty"`
	Dimensions   []DimResult `json:"dimensions,omitempty"`
	Turns        []SMPTurn   `json:"turns,omitempty"`
	Modal        []float64   `json:"modal,omitempty"`
	PModal       *float64    `json:"p_modal,omitempty"`
	Expected     []float64   `json:"expected,omitempty"`
	Distribution []Dist      `json:"distribution,omitempty"`
	// Samples[dim][run] are the Monte Carlo forecasts, kept for charts.
	Samples [][]float64 `json:"-"`
}

// DimResult is a one-dimensional forecast with its rounds.
type DimResult struct {
	ID       string      `json:"id"`
	Rounds   []RoundStat `json:"rounds,omitempty"`
	Forecast float64     `json:"forecast"`
	Median   *float64    `json:"median,omitempty"`
	// Positions[round][actor] is kept for charts.
	Positions [][]float64 `json:"-"`
}

// RoundStat is the weighted median and mean of positions after a round
// (round 0 is the input).
type RoundStat struct {
	Round  int     `json:"round"`
	Median float64 `json:"median"`
	Mean   float64 `json:"mean"`
}

// SMPTurn is the state of the SMP after a turn.
type SMPTurn struct {
	Turn   int          `json:"turn"`
	Actors []SMPActorAt `json:"actors"`
}

// SMPActorAt is an actor's position and its position's probability.
type SMPActorAt struct {
	ID       string    `json:"id"`
	Position []float64 `json:"position"`
	P        float64   `json:"p"`
}

// Dist summarises a forecast's Monte Carlo distribution on a dimension.
type Dist struct {
	ID   string  `json:"id"`
	Mean float64 `json:"mean"`
	P10  float64 `json:"p10"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
}
