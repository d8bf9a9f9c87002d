package models

import "math/rand/v2"

// Spatial is the protocol of the spatial forecasting models (`eum`, `smp`,
// `weighted-mean`) on a negotiation unit: the actors are the unit's parties
// and voices, with ideal points as positions, normalised saliences as
// saliences and power as capability. The model's forecast point becomes
// the offer of every round (Round.Proposer = −1); each party accepts iff
// the offer crosses none of its firm red lines and gives it at least its
// reservation utility (MODEL.md §3, §4.3–4.5), screened by the same
// respond function as every other protocol.
type Spatial struct {
	_     cacheLinePad // no false sharing with another worker's instance
	Model string       // "eum", "smp" or "weighted-mean"
	// EUMRounds is the number of eum rounds (default 10).
	EUMRounds int
	EUM       EUMSettings
	SMP       SMPParams

	eum    *EUM
	smp    *SMP
	offer  []float64
	capab  []float64
	pos    []float64
	sal    []float64
	col    []float64 // one issue's positions
	salk   []float64 // one issue's saliences
	round  Round
	stable *rand.Rand // generator for recomputations without new draws
	_      cacheLinePad
}

// NewSpatial returns a spatial protocol for the named model.
func NewSpatial(model string) *Spatial {
	return &Spatial{Model: model, stable: rand.New(rand.NewPCG(0, 0))}
}

// actors returns the number of actors of u (parties, then voices).
func spatialActors(u *Unit) int { return len(u.Parties) + len(u.Voices) }

func (s *Spatial) actor(u *Unit, i int) *Party {
	if i < len(u.Parties) {
		return &u.Parties[i]
	}
	return &u.Voices[i-len(u.Parties)]
}

// Start computes the forecast for this run's sampled unit.
func (s *Spatial) Start(u *Unit, rng *rand.Rand) { s.forecast(u, rng) }

// Reprice recomputes the forecast after a shock, without new draws.
func (s *Spatial) Reprice(u *Unit) { s.forecast(u, s.stable) }

func (s *Spatial) forecast(u *Unit, rng *rand.Rand) {
	n, K := spatialActors(u), u.Issues
	if len(s.offer) != K || len(s.capab) != n {
		s.offer = make([]float64, K)
		s.capab = make([]float64, n)
		s.pos = make([]float64, n*K)
		s.sal = make([]float64, n*K)
		s.col = make([]float64, n)
		s.salk = make([]float64, n)
		s.round.Offer = make([]float64, K)
		s.round.Responses = make([]Response, 0, len(u.Parties))
	}
	for i := range n {
		a := s.actor(u, i)
		s.capab[i] = a.Power
		for k := range K {
			s.pos[i*K+k] = a.Ideal[k]
			s.sal[i*K+k] = a.Weight[k]
		}
	}
	switch s.Model {
	case "smp":
		if s.smp == nil || s.smp.n != n || s.smp.d != K {
			s.smp = NewSMP(n, K, s.SMP)
		}
		s.smp.P = s.SMP
		s.smp.Set(s.capab, s.pos, s.sal, nil)
		s.smp.Run(rng, nil)
		reps, p := s.smp.UniqueProb()
		clear(s.offer)
		for c, i := range reps {
			for k, z := range s.smp.Position(i) {
				s.offer[k] += p[c] * z
			}
		}
	default:
		for k := range K {
			for i := range n {
				s.col[i] = s.pos[i*K+k]
				s.salk[i] = s.sal[i*K+k]
			}
			var w float64
			for i := range n {
				w += s.capab[i] * s.salk[i]
			}
			if w == 0 { // nobody cares about this issue: the middle
				s.offer[k] = 0.5
				continue
			}
			if s.Model == "eum" {
				if s.eum == nil || s.eum.n != n {
					s.eum = NewEUM(n, s.EUM)
				}
				s.eum.S = s.EUM
				s.eum.Set(s.capab, s.salk, s.col)
				rounds := s.EUMRounds
				if rounds <= 0 {
					rounds = 10
				}
				for range rounds {
					s.eum.Round()
				}
				s.offer[k] = s.eum.Mean()
			} else {
				var num float64
				for i := range n {
					num += s.capab[i] * s.salk[i] * s.col[i]
				}
				s.offer[k] = num / w // the weighted mean (§4.5)
			}
		}
	}
	for k := range s.offer {
		s.offer[k] = min(1, max(0, s.offer[k]))
	}
}

// Play offers the forecast point; every party answers.
func (s *Spatial) Play(u *Unit, t int, rng *rand.Rand) *Round {
	r := &s.round
	r.Proposer, r.NoOffer, r.Agreed, r.ProposerUtility = -1, false, true, 0
	copy(r.Offer, s.offer)
	r.Responses = r.Responses[:0]
	for j := range u.Parties {
		resp := respond(u, j, r.Offer, u.Parties[j].Reservation)
		if !resp.Accept {
			r.Agreed = false
		}
		r.Responses = append(r.Responses, resp)
	}
	return r
}
