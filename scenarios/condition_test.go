package scenarios

import (
	"math"
	"strings"
	"testing"
)

// condScenario is a small scenario whose variables the condition tests use.
const condScenario = `parley: 1
horizon: 10
issues:
  - {id: enrichment, layer: nuclear, scale: [0, 60]}
  - {id: guarantees, layer: kinetic, scale: [0, 1]}
layers:
  - {id: kinetic}
  - {id: nuclear}
actors:
  - {id: us, salience: {enrichment: 1, guarantees: 1}}
  - {id: iran, salience: {enrichment: 1}}
shocks:
  - {id: strike, rate: 0.1, effects: [{escalate: true}]}
`

func condVars(t testing.TB) (*Vars, *condCompiler) {
	s, err := Load("cond.yaml", []byte(condScenario))
	if err != nil {
		t.Fatal(err)
	}
	return s.Vars, newCondCompiler(s.Vars)
}

// TestVarsLayout checks the slot order documented on Vars.
func TestVarsLayout(t *testing.T) {
	v, _ := condVars(t)
	want := []string{"round", "rounds", "escalated",
		"kinetic.agreed", "kinetic.broken", "kinetic.open", "kinetic.offagenda", "kinetic.collapsed", "kinetic.round",
		"nuclear.agreed", "nuclear.broken", "nuclear.open", "nuclear.offagenda", "nuclear.collapsed", "nuclear.round",
		"enrichment", "guarantees", "cheated.us", "cheated.iran", "detected.us", "detected.iran", "shocks.strike"}
	if strings.Join(v.Names, " ") != strings.Join(want, " ") {
		t.Fatalf("names\n got %v\nwant %v", v.Names, want)
	}
	if v.Len() != len(want) || v.Layer[1].Agreed != 9 || v.Layer[1].Round != 14 || v.Issue[0] != 15 ||
		v.Cheated[1] != 18 || v.Detected[0] != 19 || v.Shock[0] != 21 || v.Escalated != 2 {
		t.Errorf("slots %+v", v)
	}
	if i, ok := v.Slot("nuclear.round"); !ok || i != 14 {
		t.Errorf("Slot(nuclear.round) = %d, %v", i, ok)
	}
}

func TestConditionEval(t *testing.T) {
	v, c := condVars(t)
	state := make([]float64, v.Len())
	state[v.Round] = 4
	state[v.Layer[0].Agreed] = 1
	state[v.Issue[0]] = 3.67
	state[v.Issue[1]] = math.NaN() // its layer did not agree
	state[v.Cheated[1]] = 1
	state[v.Shock[0]] = 2
	for src, want := range map[string]bool{
		"true":                                     true,
		"false":                                    false,
		"kinetic.agreed":                           true,
		"!kinetic.agreed":                          false,
		"not nuclear.agreed":                       true,
		"kinetic.agreed && nuclear.agreed":         false,
		"kinetic.agreed and cheated.iran":          true,
		"nuclear.agreed || cheated.iran":           true,
		"nuclear.agreed or detected.iran":          false,
		"round >= 3 && !nuclear.agreed":            true,
		"round > 4":                                false,
		"round <= 4 && round < 5":                  true,
		"round == 4 && round != 3":                 true,
		"enrichment <= 3.67":                       true,
		"enrichment * 2 - 1 > 6 / 1":               true,
		"(round + 1) * 2 == 10":                    true,
		"-round < 0":                               true,
		"+round == 4":                              true,
		"shocks.strike >= 2":                       true,
		"guarantees >= 0":                          false, // NaN: absent value compares false
		"guarantees < 0":                           false,
		"guarantees == guarantees":                 false,
		"guarantees != 1":                          true,
		"kinetic.agreed == true":                   true,
		"kinetic.agreed != nuclear.agreed":         true,
		"escalated == false && kinetic.round == 0": true,
		"1 / 0 > 1":                                true, // +Inf
	} {
		eval, errs := c.compile(src)
		if len(errs) > 0 {
			t.Errorf("%q: %v", src, errs)
			continue
		}
		if got := eval(state); got != want {
			t.Errorf("%q = %v, want %v", src, got, want)
		}
	}
}

func TestConditionErrors(t *testing.T) {
	_, c := condVars(t)
	for src, want := range map[string]string{
		"kinetic.agred":                          "unknown variable kinetic.agred (did you mean kinetic.agreed?) at 0",
		"deal.agred":                             "unknown variable deal.agred (deal is not a layer; layers: kinetic, nuclear) at 0",
		"round >= 3 && nucler.agreed":            "unknown variable nucler.agreed (did you mean nuclear.agreed?) at 14",
		"kinetic":                                "kinetic is a layer, not a value",
		"cheated":                                "cheated needs an actor: cheated.<actor>",
		"cheated.israel":                         "unknown variable cheated.israel (actors: us, iran)",
		"round":                                  "condition must be true or false",
		"round + 1":                              "condition must be true or false",
		"len(kinetic) > 0":                       "function calls are not supported",
		`kinetic.agreed == "agreed"`:             "text in quotes",
		"round % 2 == 0":                         "operator % is not supported",
		"kinetic.agreed ? true : false":          "not supported in conditions",
		"kinetic.agreed &&":                      "unexpected token EOF",
		"":                                       "condition is empty",
		"kinetic.agreed > 1":                     "invalid operation",
		"round && true":                          "mismatched types",
		strings.Repeat("true && ", 300) + "true": "too long",
	} {
		_, errs := c.compile(src)
		if len(errs) == 0 {
			t.Errorf("%q compiled", src)
			continue
		}
		e := errs[0]
		got := e.msg
		if e.hint != "" {
			got += " (" + e.hint + ")"
		}
		if strings.HasSuffix(want, " at 0") || strings.HasSuffix(want, " at 14") {
			got += " at " + map[bool]string{true: "0", false: "14"}[e.col == 0]
		}
		if !strings.Contains(got, want) {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}

// TestConditionPosition checks that a problem in a condition is reported
// at its column in the file, for plain and quoted scalars.
func TestConditionPosition(t *testing.T) {
	src := condScenario + "outcomes:\n  - id: a\n    when: round > 2 && kinetic.agred\n  - id: b\n    when: \"kinetic.agred\"\n"
	_, err := Load("p.yaml", []byte(src))
	if err == nil {
		t.Fatal("loaded")
	}
	got := err.Error()
	for _, want := range []string{"p.yaml:16:24: when: unknown variable kinetic.agred", "p.yaml:18:12: when: unknown variable kinetic.agred"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// TestConditionNoAlloc asserts that Eval does not allocate; the run loop
// calls it every round.
func TestConditionNoAlloc(t *testing.T) {
	v, c := condVars(t)
	eval, errs := c.compile("round >= 3 && !kinetic.agreed || enrichment * 2 > 7.34 && shocks.strike == 0")
	if errs != nil {
		t.Fatal(errs)
	}
	cond := &Condition{eval: eval}
	state := make([]float64, v.Len())
	if n := testing.AllocsPerRun(1000, func() { cond.Eval(state) }); n != 0 {
		t.Errorf("Eval allocates %v times per call", n)
	}
}

func BenchmarkConditionEval(b *testing.B) {
	v, c := condVars(b)
	eval, errs := c.compile("round >= 3 && !kinetic.agreed || enrichment * 2 > 7.34 && shocks.strike == 0")
	if errs != nil {
		b.Fatal(errs)
	}
	cond := &Condition{eval: eval}
	state := make([]float64, v.Len())
	state[v.Round] = 5
	b.ReportAllocs()
	for b.Loop() {
		state[v.Issue[0]] = float64(b.N & 7)
		cond.Eval(state)
	}
}
