// Package models is the game theory of Parley: utilities over normalised
// issues, red lines, the per-unit constrained solver, and the bargaining
// protocols that the Monte Carlo engine (sim/) plays round by round.
//
// Everything here works in normalised units: every issue value z ∈ [0, 1]
// (MODEL.md §1). The package imports nothing of the project, reads no files
// and holds no global randomness: a *rand.Rand from math/rand/v2 is passed in
// by the caller, so a run is reproducible from (seed, run index).
//
// The pieces:
//   - utility.go: u_i(z) = 1 − Σ_k ŝ_ik |z_k − a_ik|^γ_i (MODEL.md §2);
//   - redline.go: firm red lines, the true and the believed feasible box,
//     revelation (MODEL.md §3);
//   - solver.go: maximise one party's utility over a box subject to
//     utility floors for the others (the Lagrangian over separable issues);
//   - alternating.go: alternating offers with stationary subgame-perfect
//     thresholds, misperception and learning (MODEL.md §4.1);
//   - nash.go: a mediated single text at the weighted Nash or
//     Kalai–Smorodinsky point (MODEL.md §4.2);
//   - registry.go: protocol names to constructors. A new protocol is one
//     file plus one registry line.
//
// The equations and their sources are written out in docs/model.md.
package models
