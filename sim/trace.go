package sim

import "github.com/parleysim/parley/models"

// tracer receives the events of one run as they happen. `explain` narrates
// them; `run` plays with a nil tracer, so the two replay exactly the same
// code path and draws, and the calls cost nothing in `run` (each is guarded
// by a nil check).
type tracer interface {
	sampled(w *worker)                                          // after sampling, influence, agenda and protocol start
	opened(w *worker, t, unit int)                              // a unit opens in round t
	shock(w *worker, t, s int)                                  // shock s fires in round t
	played(w *worker, t, unit int, rd *models.Round)            // a unit played round t
	breakdown(w *worker, t, unit int, h, u float64, broke bool) // a failed round's breakdown draw
	escalated(w *worker, t int)                                 // the conflict escalated (t = −1: in the compliance phase)
	compliance(w *worker, period, entry int, pDetect float64, detected bool)
	finished(w *worker)
}
