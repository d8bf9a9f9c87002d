package models

import (
	"math"
	"math/rand/v2"
	"testing"
)

// trio is a fixture small enough to solve by hand: A (capability 100) at
// (0, 0) and B (100) at (1, 0), both with saliences (½, ½); C (50) at
// (½, 1) caring only about the first dimension.
func trio() *SMP {
	m := NewSMP(3, 2, SMPParams{})
	m.Set([]float64{100, 100, 50},
		[]float64{0, 0, 1, 0, 0.5, 1},
		[]float64{0.5, 0.5, 0.5, 0.5, 1, 0}, nil)
	return m
}

// Turn 0 of the trio by hand (KTAB's formulas, MODEL.md §4.4):
// distances sd_AB = √½, sd_AC = √⅝, sd_CA = sd_CB = ½; risk-neutral votes
// give c_AC = 100(1−0.2094)+100(0.2929−0.2094) = 87.40 against
// c_CA = 50·½ = 25, P_AC = 0.7776, P_AB = ½; conditional PCE
// p ∝ (¼·0.7776, ¼·0.7776, ½·0.2224²) → p_C is the minimum, p_A = p_B the
// maximum, so the Mid range gives R = (1, 1, −½). With those attitudes
// u_A = (1, ½, ⅜), u_C = (⅜, ⅜, 1): coalitions c_AC = 62.5+12.5 = 75,
// c_CA = 31.25, P_AC = 12/17, and the state probabilities are
// p_A = p_B = 102/229, p_C = 25/229.
func TestSMPTrioTurn0(t *testing.T) {
	m := trio()
	m.setup()
	for i, want := range []float64{1, 1, -0.5} {
		if math.Abs(m.nra[i]-want) > 1e-9 {
			t.Errorf("R_%d = %v, want %v", i, m.nra[i], want)
		}
	}
	prob := make([]float64, 3)
	m.StateProb(prob)
	for i, want := range []float64{102.0 / 229, 102.0 / 229, 25.0 / 229} {
		if math.Abs(prob[i]-want) > 1e-7 {
			t.Errorf("p_%d = %.6f, want %.6f", i, prob[i], want)
		}
	}
	// h = A's estimate of C's utility uses r^A_C = (2·1 + (−½))/3 = ½
	// (OneThird adjustment): (1 − ½)(1 + ½·½) = 0.625 for A's position.
	if got := m.aUtil[0*9+2*3+0]; math.Abs(got-0.625) > 1e-12 {
		t.Errorf("u^A_CA = %v, want 0.625", got)
	}
}

// The run is deterministic under the default parameters, stops by the
// rule, and never leaves [0, 1].
func TestSMPTrioRun(t *testing.T) {
	var h1, h2 SMPHistory
	trio().Run(nil, &h1)
	trio().Run(nil, &h2)
	if len(h1.Positions) < 3 || len(h1.Positions) > 101 {
		t.Fatalf("%d states", len(h1.Positions))
	}
	for s := range h1.Positions {
		for k, x := range h1.Positions[s] {
			if x != h2.Positions[s][k] {
				t.Fatalf("state %d differs between runs", s)
			}
			if x < 0 || x > 1 {
				t.Fatalf("state %d position %v outside [0, 1]", s, x)
			}
		}
	}
}

// Every switch value runs on the trio without NaN (feasibility of the
// other KTAB parameter sets).
func TestSMPSwitches(t *testing.T) {
	for _, p := range []SMPParams{
		{VictoryProb: VPSquare}, {VictoryProb: VPQuartic}, {VictoryProb: VPOctic}, {VictoryProb: VPBinary},
		{PCE: PCEMarkovIncentive}, {PCE: PCEMarkovUniform}, {Transitions: STStochastic},
		{Voting: VRBinary}, {Voting: VRPropBin}, {Voting: VRPropCbc}, {Voting: VRCubic}, {Voting: VRASymProsp},
		{RiskAdjust: RAdjFull}, {RiskAdjust: RAdjHalf}, {RiskAdjust: RAdjTwoThirds}, {RiskAdjust: RAdjNo},
		{RiskRange: RRangeMin}, {RiskRange: RRangeMax}, {ThirdParty: TPNoCommit}, {ThirdParty: TPFullCommit},
		{Interp: IVBS1P1}, {Interp: IVBS2PMax}, {Bargain: BMInitRcvrInterp}, {Bargain: BMPWCompInterp},
	} {
		m := trio()
		m.P = p
		var h SMPHistory
		m.Run(rand.New(rand.NewPCG(1, 0)), &h)
		last := h.Prob[len(h.Prob)-1]
		for i, x := range last {
			if math.IsNaN(x) || x < 0 || x > 1 {
				t.Errorf("%v: actor %d probability %v", p, i, x)
			}
		}
	}
}

// A turn allocates nothing once the model is sized.
func TestSMPTurnAllocs(t *testing.T) {
	m := trio()
	m.setup()
	if a := testing.AllocsPerRun(20, func() { m.turn(nil); m.setup() }); a != 0 {
		t.Errorf("turn allocates %v times", a)
	}
}
