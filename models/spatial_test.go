package models

import (
	"math"
	"math/rand/v2"
	"testing"
)

// spatialUnit: two parties and one voice on one issue. Weighted mean by
// hand: (2·1·0 + 1·1·1 + 1·1·0.5)/(2 + 1 + 1) = 1.5/4 = 0.375.
func spatialUnit() *Unit {
	mk := func(ideal, power, res float64) Party {
		return Party{Ideal: []float64{ideal}, Weight: []float64{1}, Gamma: 1, Patience: 1, Reservation: res, Power: power}
	}
	return &Unit{
		Issues:  1,
		Parties: []Party{mk(0, 2, 0.5), mk(1, 1, 0.5)},
		Voices:  []Party{mk(0.5, 1, 0)},
	}
}

func TestSpatialWeightedMeanOffer(t *testing.T) {
	u := spatialUnit()
	p, err := NewProtocol("weighted-mean")
	if err != nil {
		t.Fatal(err)
	}
	p.Start(u, rand.New(rand.NewPCG(1, 0)))
	r := p.Play(u, 0, nil)
	if r.Proposer != -1 || math.Abs(r.Offer[0]-0.375) > 1e-12 {
		t.Fatalf("proposer %d offer %v, want -1 and 0.375", r.Proposer, r.Offer)
	}
	// u_0 = 1 − 0.375 = 0.625 ≥ 0.5 and u_1 = 0.375 < 0.5: party 1 rejects.
	if r.Agreed || !r.Responses[0].Accept || r.Responses[1].Accept || r.Responses[1].Reason != RejectThreshold {
		t.Errorf("responses %+v", r.Responses)
	}
	// A firm red line of party 0 at z ≤ 0.3 makes it reject by red line.
	u.Parties[0].RedLines = []RedLine{{Issue: 0, Lo: 0, Hi: 0.3, Firm: true, Firmness: 1}}
	r = p.Play(u, 1, nil)
	if r.Responses[0].Accept || r.Responses[0].Reason != RejectRedLine {
		t.Errorf("red line not screened: %+v", r.Responses[0])
	}
	// With low reservations and no lines, both accept.
	u.Parties[0].RedLines = nil
	u.Parties[1].Reservation = 0.2
	if r = p.Play(u, 2, nil); !r.Agreed {
		t.Errorf("not agreed: %+v", r.Responses)
	}
}

// eum and smp offers lie within the actors' range and Play does not
// allocate.
func TestSpatialModels(t *testing.T) {
	for _, name := range []string{"eum", "smp"} {
		u := spatialUnit()
		p, err := NewProtocol(name)
		if err != nil {
			t.Fatal(err)
		}
		p.Start(u, rand.New(rand.NewPCG(1, 0)))
		r := p.Play(u, 0, nil)
		if r.Offer[0] < 0 || r.Offer[0] > 1 || r.Proposer != -1 {
			t.Errorf("%s: offer %v", name, r.Offer)
		}
		if a := testing.AllocsPerRun(10, func() { p.Play(u, 1, nil) }); a != 0 {
			t.Errorf("%s: Play allocates %v times", name, a)
		}
	}
}
