package models

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// Baron & Ferejohn (1989) recognition: under `proposer: power` party i
// proposes each round with probability π_i = power_i / Σ power. Over N
// rounds the count is Binomial(N, π_i); the test allows 5 standard
// deviations, √(Nπ(1−π)).
func TestPowerRecognitionFrequencies(t *testing.T) {
	u := pie(1, 1)
	u.Parties = append(u.Parties, Party{Ideal: []float64{0.5}, Weight: []float64{1}, Gamma: 1, Patience: 1})
	powers := []float64{1, 3, 6}
	for i := range u.Parties {
		u.Parties[i].Power = powers[i]
	}
	u.Proposer = Power
	a := NewAlternating()
	rng := newRNG(7)
	a.Start(u, rng)
	const N = 60000
	count := make([]int, 3)
	for r := 0; r < N; r++ {
		count[a.Play(u, r, rng).Proposer]++
	}
	for i, c := range count {
		p := powers[i] / 10
		if sd := math.Sqrt(N * p * (1 - p)); math.Abs(float64(c)-N*p) > 5*sd {
			t.Errorf("party %d proposed %d times in %d, want %.0f ± %.0f", i, c, N, N*p, 5*sd)
		}
	}
}

// With σ = 0 each proposer knows the thresholds exactly and the SPE offer
// is accepted at once (MODEL.md §4.1): round 1 agrees for every first
// proposer, under either rule, also with several issues and parties.
func TestAgreementInRoundOneWithoutNoise(t *testing.T) {
	for _, rule := range []ProposerRule{Rotate, Power} {
		for seed := uint64(0); seed < 20; seed++ {
			u := nuclearUnit()
			u.Noise = 0
			u.Proposer = rule
			if seed%2 == 1 {
				u.Parties = append(u.Parties, Party{Ideal: []float64{0.5, 0.5, 0.5}, Weight: []float64{0.2, 0.3, 0.5}, Gamma: 2, Patience: 0.8, Reservation: 0.2, Power: 1})
			}
			a := NewAlternating()
			rng := newRNG(seed)
			a.Start(u, rng)
			if r := a.Play(u, int(seed), rng); !r.Agreed {
				t.Errorf("rule %d seed %d: round 1 not agreed: %+v", rule, seed, r)
			}
			m := NewNash()
			m.Start(u, rng)
			if r := m.Play(u, 0, rng); !r.Agreed {
				t.Errorf("nash seed %d: round 1 not agreed: %+v", seed, r)
			}
		}
	}
}

// Learning shrinks the proposer's error after each rejection, so with the
// same draws (common random numbers) more learning cannot slow agreement
// down on average (MODEL.md §4.1): mean rounds to agreement over fixed
// seeds fall as learning rises.
func TestMoreLearningFewerRounds(t *testing.T) {
	meanRounds := func(learning float64) float64 {
		total := 0
		for seed := uint64(0); seed < 400; seed++ {
			u := nuclearUnit()
			u.Parties[0].RedLines, u.Parties[1].RedLines = nil, nil
			u.Learning = learning
			a := NewAlternating()
			rng := newRNG(seed)
			a.Start(u, rng)
			r := 0
			for r < 50 && !a.Play(u, r, rng).Agreed {
				r++
			}
			total += r + 1
		}
		return float64(total) / 400
	}
	prev := math.Inf(1)
	for _, l := range []float64{0.05, 0.3, 0.6, 0.9} {
		m := meanRounds(l)
		if m >= prev {
			t.Errorf("learning %g: %.2f mean rounds, not fewer than %.2f", l, m, prev)
		}
		prev = m
	}
}

// No responder ever accepts an offer that crosses one of its firm red
// lines (MODEL.md §3), whatever the beliefs, bluffs and probing; and a
// rejection for a firm line reveals it.
func TestNeverAcceptAcrossFirmLine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		u := nuclearUnit()
		u.Noise = rapid.Float64Range(0, 0.5).Draw(t, "noise")
		u.ProbeThreshold = rapid.Float64Range(0, 1).Draw(t, "probe")
		for p := range u.Parties {
			u.Parties[p].RedLines = nil
			for l := 0; l < rapid.IntRange(0, 3).Draw(t, "lines"); l++ {
				a := rapid.Float64Range(0, 1).Draw(t, "a")
				b := rapid.Float64Range(0, 1).Draw(t, "b")
				u.Parties[p].RedLines = append(u.Parties[p].RedLines, RedLine{
					Issue: rapid.IntRange(0, 2).Draw(t, "issue"), Lo: min(a, b), Hi: max(a, b),
					Firmness: rapid.Float64Range(0, 1).Draw(t, "firmness"), Firm: rapid.Bool().Draw(t, "firm"),
				})
			}
		}
		var proto Protocol = NewAlternating()
		if rapid.Bool().Draw(t, "nash") {
			proto = NewNash()
		}
		rng := newRNG(rapid.Uint64().Draw(t, "seed"))
		proto.Start(u, rng)
		for round := 0; round < 8; round++ {
			r := proto.Play(u, round, rng)
			for _, resp := range r.Responses {
				p := &u.Parties[resp.Party]
				if line, crosses := p.Crosses(r.Offer); crosses {
					if resp.Accept {
						t.Fatalf("party %d accepted %v across firm line %+v", resp.Party, r.Offer, p.RedLines[line])
					}
				}
				if resp.Reason == RejectRedLine && !p.RedLines[resp.RedLine].Revealed {
					t.Fatalf("rejection by line %d did not reveal it", resp.RedLine)
				}
			}
			if r.Agreed && !Feasible(u) {
				t.Fatalf("agreement on an infeasible unit")
			}
			if r.Agreed {
				return
			}
		}
	})
}

// Mutually exclusive firm lines leave no feasible point: Feasible says so
// and no protocol ever reaches agreement (MODEL.md §3). A proposer whose
// believed box is empty probes the stated lines once; the rejections reveal
// them, and from then on it makes no offer.
func TestMutuallyExclusiveFirmLines(t *testing.T) {
	for _, proto := range []Protocol{NewAlternating(), NewNash()} {
		u := pie(1, 1)
		u.Parties[0].RedLines = []RedLine{{Issue: 0, Lo: 0.6, Hi: 1, Firmness: 1, Firm: true}}
		u.Parties[1].RedLines = []RedLine{{Issue: 0, Lo: 0, Hi: 0.4, Firmness: 1, Firm: true}}
		if Feasible(u) {
			t.Fatal("Feasible: want false")
		}
		rng := newRNG(3)
		proto.Start(u, rng)
		for r := 0; r < 6; r++ {
			rr := proto.Play(u, r, rng)
			if rr.Agreed {
				t.Fatalf("%T round %d: agreed on an infeasible unit: %+v", proto, r, rr)
			}
			if r >= 2 && !rr.NoOffer {
				t.Fatalf("%T round %d: lines revealed, want no offer: %+v", proto, r, rr)
			}
		}
	}
}

// An indifferent party (all weights 0) has u ≡ 1 (MODEL.md §2); the fast
// paths agree with math.Pow.
func TestUtility(t *testing.T) {
	p := Party{Ideal: []float64{0.2, 0.9}, Weight: []float64{0.25, 0.75}}
	z := []float64{0.7, 0.4}
	for _, g := range []float64{1, 2, 1.5, 0.5} {
		p.Gamma = g
		want := 1 - 0.25*math.Pow(0.5, g) - 0.75*math.Pow(0.5, g)
		if got := p.Utility(z); math.Abs(got-want) > 1e-15 {
			t.Errorf("γ=%g: %g, want %g", g, got, want)
		}
	}
	q := Party{Ideal: []float64{0, 0}, Weight: []float64{0, 0}, Gamma: 2}
	if q.Utility(z) != 1 || !q.Indifferent() {
		t.Error("indifferent party: want u ≡ 1")
	}
}

func TestRegistry(t *testing.T) {
	for _, name := range []string{"alternating", "nash"} {
		if p, err := NewProtocol(name); err != nil || p == nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := NewProtocol("haggle"); err == nil {
		t.Error("unknown protocol: want an error")
	}
}
