package models

import "math/rand/v2"

// This file is the contract between the Monte Carlo engine (sim/) and the
// bargaining protocols. Everything here is in normalised units: every issue
// value z ∈ [0, 1] (MODEL.md §1). A protocol instance belongs to one worker
// and one negotiation unit; it is reused across runs, so Start and Play must
// not allocate once the unit's sizes are known (the per-round loop is
// allocation-free).

// RedLine is one party's red line on one issue of the unit, normalised: the
// party accepts values z with Lo ≤ z ≤ Hi (MODEL.md §3).
type RedLine struct {
	Issue    int     // index into the unit's issues
	Lo, Hi   float64 // acceptable interval, normalised; 0 and 1 when a side is unbounded
	Firmness float64 // the stated probability that the line is firm
	Firm     bool    // this run's draw: a line that is not firm is a bluff
	Revealed bool    // known to every proposer (after a rejection it caused, or a shock)
	Source   int     // index of the line in the actor's list, for reports
}

// Party is one actor's sampled parameters on one unit.
type Party struct {
	Actor       int       // index of the actor in the scenario, for reports
	Ideal       []float64 // a_k: ideal points after influence, normalised, len = unit issues
	Weight      []float64 // ŝ_k: saliences normalised to sum 1 over the unit; all 0 = indifferent
	Gamma       float64   // loss exponent γ (1 linear, 2 quadratic)
	Patience    float64   // δ ∈ (0, 1]
	Reservation float64   // d ∈ [0, 1]: utility of no agreement on this unit
	Power       float64   // > 0
	RedLines    []RedLine
}

// ProposerRule is how the proposer of a round is chosen under `alternating`.
type ProposerRule int

// Proposer rules (MODEL.md §4.1).
const (
	Rotate ProposerRule = iota // file order, first party first
	Power                      // drawn each round with probability ∝ power (Baron–Ferejohn)
)

// Solution is the point a `nash` mediator proposes (MODEL.md §4.2).
type Solution int

// Solutions of the mediated single text.
const (
	NashSolution     Solution = iota // maximise Π (u_j − d_j)^w_j
	KalaiSmorodinsky                 // Pareto point on the segment from d to the utopia point
)

// Unit is the sampled state of one negotiation unit (a layer, or a package of
// layers) in one run. sim/ fills it before Start and may change parameters
// between rounds (shocks), calling Reprice afterwards.
type Unit struct {
	Issues         int          // number of issues K
	Parties        []Party      // the parties at the table, in file order
	Voices         []Party      // actors not at the table with salience on the unit (spatial models use them; RedLines empty)
	Breakdown      float64      // p: the base per-round breakdown hazard used for thresholds
	Proposer       ProposerRule // alternating only
	Noise          float64      // σ of misperception after mediator skill
	Learning       float64      // share of the error removed by each rejection
	ProbeThreshold float64      // stated lines at or above this firmness are avoided by proposers
	Solution       Solution     // nash only
	EqualWeights   bool         // nash only: equal instead of power weights
	Mediated       bool         // a mediator is present (it proposes under nash)
	// Tolerance τ ≥ 0 (utility units) is the just-noticeable difference of
	// acceptance: a responder accepts an offer that crosses none of its firm
	// red lines and gives it at least threshold − τ (an offer within τ of
	// its reservation is not worth another round of conflict). It applies
	// to every protocol (the shared respond function). 0, the default, is
	// exact acceptance; negative values count as 0. With σ = 0 offers meet
	// thresholds exactly, so the equilibrium results do not depend on τ.
	Tolerance float64
}

// Reason says why a responder answered as it did.
type Reason int

// Reasons of a response.
const (
	Accepted        Reason = iota
	RejectRedLine          // the offer crosses one of its firm red lines
	RejectThreshold        // the offer gives it less than its threshold
)

// Response is one responder's answer to an offer.
type Response struct {
	Party     int     // index into Unit.Parties
	Utility   float64 // u_j(offer)
	Threshold float64 // its true threshold (continuation value, or d_j under nash)
	Believed  float64 // the threshold the proposer believed
	Accept    bool
	Reason    Reason
	RedLine   int // index into Parties[Party].RedLines when Reason == RejectRedLine
}

// Round is the record of one round. It is owned by the protocol and valid
// until the next call to Play.
type Round struct {
	Proposer        int       // index into Unit.Parties; -1 for a mediator or a spatial model
	Offer           []float64 // normalised, len = unit issues
	ProposerUtility float64   // u_proposer(offer); for a mediator, the product it maximised
	NoOffer         bool      // the proposer's believed feasible set is empty: nothing was offered
	Responses       []Response
	Agreed          bool // every responder accepted
}

// Protocol is how offers are made and answered on a unit (MODEL.md §4).
// A new protocol is one file implementing it plus one line in the registry.
type Protocol interface {
	// Start prepares the unit for a new run: it draws the run's
	// misperception errors from rng (in a fixed order) and computes what
	// the protocol needs (equilibrium thresholds, a forecast).
	Start(u *Unit, rng *rand.Rand)
	// Reprice recomputes thresholds after sim/ changed parameters (a
	// shock), without new random draws.
	Reprice(u *Unit)
	// Play plays round t (0-based) and returns its record.
	Play(u *Unit, t int, rng *rand.Rand) *Round
}
