// Package sim is the Monte Carlo engine of Parley: it samples a scenario's
// uncertain parameters, plays the bargaining rounds of every layer through
// the protocols of package models, runs the compliance phase, names each
// run's outcome and aggregates the runs into a Summary (summary.json).
//
// # Determinism and the draw order
//
// Run r draws every random number from its own generator
// rand.New(rand.NewPCG(seed, r)) (one generator per worker, reseeded per
// run), in this fixed order:
//
//  1. Parameters, exactly one uniform each whatever their form (inverse-CDF
//     sampling, see Draw), in scenario order: beliefs.noise,
//     beliefs.learning; per layer: breakdown, agenda; per actor: power,
//     patience, positions, saliences, reservations (each in list order),
//     each red line's firmness, skill, influence, pressure; per shock: rate,
//     then each breakdown/change effect's amount; per cheating entry: rate,
//     detection. Two scenarios that differ in one parameter's value or
//     distribution therefore use the same uniforms for every other
//     parameter (common random numbers).
//  2. Coins: one uniform per layer (on the agenda iff u < agenda), then one
//     per red line, actors and lines in file order (firm iff u < firmness).
//  3. models.Protocol.Start of every unit on the agenda, in unit order (the
//     protocol's misperception draws).
//  4. Each round: one uniform per shock in file order; then each
//     negotiating unit's Play (e.g. the proposer draw of proposer: power)
//     and, after a failed round, one uniform against the breakdown hazard.
//  5. Compliance: per period, per cheating entry, two uniforms (violation,
//     detection), drawn whether or not they are used.
//
// Runs are played in blocks of DefaultBlockSize; each block aggregates into
// its own accumulator and blocks are merged in block order, so every sum is
// added in the same order and summary.json is the same bytes for any number
// of workers. Memory depends on the scenario only (a bounded pool of block
// accumulators), never on the number of runs. An interrupted run keeps the
// whole blocks merged so far: a deterministic prefix of the runs.
//
// # Units, agenda and prerequisites
//
// A layer is a negotiation unit; the layers of a package form one unit over
// the union of their issues, negotiated by one protocol instance: they
// agree or break down together. When some layers of a package are off the
// agenda in a run, the package is negotiated over the layers that are on it
// (each subset has its own preallocated models.Unit). A party sits at a
// unit's table when it has a salience or a red line on the unit's issues;
// other actors with salience are its Voices. A package's reservation for a
// party is the mean of its layers' reservations weighted by the party's
// salience on each layer.
//
// A unit opens in the round after every layer its on-agenda layers require
// (outside the unit) has agreed. A layer whose prerequisite never agrees
// (it broke, stayed open, collapsed or was off the agenda) never opens and
// is reported as open at the horizon; LayerStat.PUnopened counts these runs
// separately. Status offagenda is reserved for the layer's own agenda draw.
//
// # Breakdown, spillover and escalation
//
// After a failed round (a rejection, or no offer) a unit breaks down with
// probability 1 − Π_L (1 − h_L) over its on-agenda layers, where
// h_L = clamp((p_L + shock additions + spillover) × max(0, 1 + Σ pressure), 0, 1).
// The protocols' equilibrium thresholds use the base hazard with pressure,
// 1 − Π_L (1 − clamp(p_L × (1 + Σ pressure))); transient shock additions and
// spillover change the realised risk, not the parties' expectations.
//
// Spillover: a breakdown that collapses a unit adds settings.spillover (default 0.05)
// to the hazard of every layer still negotiating or waiting to open, for the
// rest of the run. A breakdown of a unit with on_breakdown: escalation (any
// of its layers), or a shock's escalate effect, escalates the conflict:
// every unit still negotiating breaks down at once, units waiting for a
// prerequisite never open, and bargaining ends.
//
// # Shocks
//
// Each round, before the units play, each shock in file order draws one
// uniform and fires when it is below its rate and its condition holds on
// the current state vector (scenarios.Vars). Effects apply in file order:
// a breakdown addition holds for `rounds` rounds from the firing round (0:
// the rest of the run; a new firing restarts the window, additions do not
// stack); a change adds its sampled amount to an actor's patience,
// reservation, position or salience, clamped to the valid range, and the
// protocol of every unit the actor sits in recomputes its thresholds
// (Reprice) before its next round; a red-line effect reveals the line or
// softens it (it stops being firm); escalate escalates.
//
// # Compliance (MODEL.md §7)
//
// After bargaining, unless the run escalated, each agreed layer with
// cheating entries goes through `periods` periods. A violation happens with
// probability rate; it is detected with probability (normalised agreed level
// of the verification issue, 1 without one, 0 when that issue was not
// agreed) × detection. A detected violation collapses the agreement (every
// layer of its unit; status collapsed) and, with escalate, escalates the
// conflict and ends the phase.
//
// # Outcomes and utilities
//
// The final state vector is filled per scenarios.Vars (statuses are
// exclusive: a collapsed layer is not agreed; agreed values stay set for a
// collapsed layer), and the first outcome whose condition holds names the
// run; a run that matches none is "other", counted and reported.
//
// Actor i's run utility is Σ_U w_iU v_iU over layers (MODEL.md §2): u_i of
// the agreement on U (saliences normalised over U) if U agreed and held; if
// the run escalated, otherwise, the war payoff — i's reservation on the
// first layer whose breakdown is escalation (its own reservation on U when
// there is none); else i's reservation on U. A cheater whose detected
// violation collapsed U keeps the front-loaded issue f:
// v = (1 − ŝ_f)·(the no-deal value) + ŝ_f·(1 − |z_f − a_f|^γ). An actor with
// no salience anywhere is indifferent (utility 1).
//
// # Statistics
//
// Proportions come with Wilson 95 % intervals and standard errors
// √(p(1−p)/n); utilities with their Monte Carlo standard error. Agreed values
// and offers are counted in 200-bin histograms over each issue's scale, each
// bin with the smallest and largest value counted in it; a quantile is
// interpolated between those within its bin (error at most the spread of
// one bin, 0.5 % of the scale; exact when the bin holds one value, as on a
// red line), agreed-value quantiles are then clamped to the observed range. Offers on
// the table are kept for the first 100 rounds.
package sim
