package models

import "fmt"

// The parameter switches of KTAB's Spatial Model of Politics (KTAB kmodel.h
// and smp.h; smpSchema.xsd names them). Each type's zero value is KTAB's
// default (SMPModel's member initialisers and smpc's defaults), so
// SMPParams{} is the default parameter set.

// VictoryProbModel turns coalition strengths into a victory probability:
// P_ij = c_ij^e / (c_ij^e + c_ji^e) with e = 1, 2, 4, 8, or Binary (a 10 %
// advantage wins outright, linear in between).
type VictoryProbModel int

// Victory-probability models.
const (
	VPLinear VictoryProbModel = iota
	VPSquare
	VPQuartic
	VPOctic
	VPBinary
)

// PCEModel is the probabilistic Condorcet election model.
type PCEModel int

// PCE models: Conditional p_i ∝ Π_j P_ij; the two Markov chains of KTAB's
// "Markov Voting with Incentives" note.
const (
	PCEConditional PCEModel = iota
	PCEMarkovIncentive
	PCEMarkovUniform
)

// StateTransition says how an actor's bargain is chosen from its queue.
type StateTransition int

// State transitions: the most probable bargain, or one drawn ∝ probability.
const (
	STDeterministic StateTransition = iota
	STStochastic
)

// VotingRule is how a utility difference becomes a vote (Model::vote).
type VotingRule int

// Voting rules.
const (
	VRProportional VotingRule = iota // w·Δu
	VRBinary                         // w·clip(Δu/1e-8, ±1)
	VRPropBin                        // w·(0.8Δu + 0.2 binary)
	VRPropCbc                        // w·(0.5Δu + 0.5Δu³)
	VRCubic                          // w·Δu³
	VRASymProsp                      // w·Δu for losses, (2/3)w·Δu for gains
)

// BigRAdjust is how actor h estimates actor i's risk attitude:
// r^h_i = a·r_i + (1 − a)·r_h.
type BigRAdjust int

// Risk-adjustment rules (a = 1/3 is the default).
const (
	RAdjOneThird  BigRAdjust = iota // (2 r_h + r_i)/3
	RAdjFull                        // r_i
	RAdjTwoThirds                   // (r_h + 2 r_i)/3
	RAdjHalf                        // (r_h + r_i)/2
	RAdjNo                          // r_h
)

// BigRRange is the range of inferred risk attitudes.
type BigRRange int

// Risk ranges: Mid maps the least probable position to −1/2 and the most
// probable to +1; Min to [0, 1]; Max to [−1, +1].
const (
	RRangeMid BigRRange = iota
	RRangeMin
	RRangeMax
)

// ThirdPartyCommit is how a third party values joining a side
// (Actor::thirdPartyVoteSU).
type ThirdPartyCommit int

// Third-party commitment models.
const (
	TPSemiCommit ThirdPartyCommit = iota
	TPNoCommit
	TPFullCommit
)

// InterVecBargain is how two positions are interpolated into a bargain:
// weights s^n·p^m per dimension.
type InterVecBargain int

// Interpolation rules.
const (
	IVBS2P2 InterVecBargain = iota
	IVBS1P1
	IVBS2PMax
)

// BargainModel says whose interpolations enter the queues.
type BargainModel int

// Bargain models.
const (
	BMInitOnlyInterp BargainModel = iota // the initiator's interpolation only
	BMInitRcvrInterp                     // both the initiator's and the receiver's
	BMPWCompInterp                       // their power-weighted compromise
)

// SMPParams is one KTAB parameter set plus the stop rule of
// SMPModel::configExec.
type SMPParams struct {
	VictoryProb VictoryProbModel
	PCE         PCEModel
	Transitions StateTransition
	Voting      VotingRule
	RiskAdjust  BigRAdjust
	RiskRange   BigRRange
	ThirdParty  ThirdPartyCommit
	Interp      InterVecBargain
	Bargain     BargainModel
	// MaxTurns stops the run after this many turns (KTAB: 100; 0 means 100).
	MaxTurns int
	// StopRatio stops the run, after at least two turns, when a turn's
	// change is below this fraction of the first turn's (KTAB: 0.02; 0
	// means 0.02).
	StopRatio float64
}

// Enumeration names as written in KTAB's XML (smpSchema.xsd) and logs.
var (
	VictoryProbNames = []string{"Linear", "Square", "Quartic", "Octic", "Binary"}
	PCENames         = []string{"Conditional", "MarkovIncentive", "MarkovUniform"}
	TransitionNames  = []string{"Deterministic", "Stochastic"}
	VotingNames      = []string{"Proportional", "Binary", "PropBin", "PropCbc", "Cubic", "ASymProsp"}
	RiskAdjustNames  = []string{"OneThird", "Full", "TwoThirds", "Half", "No"}
	RiskRangeNames   = []string{"Mid", "Min", "Max"}
	ThirdPartyNames  = []string{"SemiCommit", "NoCommit", "FullCommit"}
	InterpNames      = []string{"S2P2", "S1P1", "S2PMax"}
	BargainNames     = []string{"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"}
)

// ParseEnum returns the index of name in names, or an error listing them.
func ParseEnum(names []string, name string) (int, error) {
	for i, n := range names {
		if n == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%q is not one of %v", name, names)
}

// String describes the parameter set in KTAB's names.
func (p SMPParams) String() string {
	return fmt.Sprintf("VictoryProbModel=%s PCEModel=%s StateTransitions=%s VotingRule=%s BigRAdjust=%s BigRRange=%s ThirdPartyCommit=%s InterVecBrgn=%s BargnModel=%s",
		VictoryProbNames[p.VictoryProb], PCENames[p.PCE], TransitionNames[p.Transitions],
		VotingNames[p.Voting], RiskAdjustNames[p.RiskAdjust], RiskRangeNames[p.RiskRange],
		ThirdPartyNames[p.ThirdParty], InterpNames[p.Interp], BargainNames[p.Bargain])
}
