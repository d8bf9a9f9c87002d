package scenarios

import (
	"math"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// decodeParam decodes one YAML value as a parameter with range r.
func decodeParam(t *testing.T, src string, r interval) (Param, string) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	d := &decoder{file: "p"}
	p := d.param(doc.Content[0], "x", r, 0.5)
	return p, d.errs.Error()
}

func TestParamForms(t *testing.T) {
	for _, c := range []struct {
		src  string
		r    interval
		kind DistKind
		args []float64
		lo   float64
		hi   float64
	}{
		{"0.3", unitInterval, Fixed, []float64{0.3}, 0, 1},
		{"{triangular: [0.1, 0.2, 0.4]}", unitInterval, Triangular, []float64{0.1, 0.2, 0.4}, 0, 1},
		{"{uniform: [0.9, 1]}", patienceRng, Uniform, []float64{0.9, 1}, 0, 1},
		{"{normal: [1, 5]}", positive, Normal, []float64{1, 5}, 0, math.Inf(1)},
		{"{beta: [2, 5]}", interval{lo: 0, hi: 60}, Beta, []float64{2, 5}, 0, 60},
		{"{beta: [2, 5]}", nonNegative, Beta, []float64{2, 5}, 0, 1}, // unbounded range: beta on [0, 1]
		{"{choice: [1, 2, 3]}", positive, Choice, []float64{1, 2, 3}, 0, math.Inf(1)},
	} {
		p, errs := decodeParam(t, c.src, c.r)
		if errs != "" {
			t.Errorf("%s: %s", c.src, errs)
			continue
		}
		if p.Kind != c.kind || !p.Set || p.Lo != c.lo || p.Hi != c.hi || len(p.Args) != len(c.args) {
			t.Errorf("%s: %+v", c.src, p)
			continue
		}
		for i := range c.args {
			if p.Args[i] != c.args[i] {
				t.Errorf("%s: args %v", c.src, p.Args)
			}
		}
	}
}

func TestParamChoiceWeights(t *testing.T) {
	p, errs := decodeParam(t, "{choice: [0.2, 0.5, 0.9], weights: [2, 0, 6]}", unitInterval)
	if errs != "" {
		t.Fatal(errs)
	}
	if w := p.Weights; w[0] != 0.25 || w[1] != 0 || w[2] != 0.75 {
		t.Errorf("weights %v, want [0.25 0 0.75]", w)
	}
	p, _ = decodeParam(t, "{choice: [0.2, 0.5, 0.9, 1]}", unitInterval)
	if w := p.Weights; len(w) != 4 || w[3] != 0.25 {
		t.Errorf("default weights %v, want equal", w)
	}
}

func TestParamChecks(t *testing.T) {
	for src, want := range map[string]string{
		"1.5":                                  "x must be in [0, 1], got 1.5",
		".nan":                                 "x must be a finite number",
		"yes":                                  `x must be a number, got "yes"`,
		"[1, 2]":                               "x must be a number or a distribution",
		"{triangular: [0.5, 0.2, 0.9]}":        "needs min <= mode <= max",
		"{triangular: [0.5, 0.5, 0.5]}":        "needs min < max",
		"{triangular: [-0.1, 0.2, 0.9]}":       "[-0.1, 0.9] leaves the valid range [0, 1]",
		"{triangular: [0.1, 0.2]}":             "needs 3 numbers, got 2",
		"{uniform: [0.5, 0.5]}":                "needs a < b",
		"{uniform: [0.5, 1.5]}":                "leaves the valid range",
		"{normal: [0.5, 0]}":                   "needs sd > 0",
		"{normal: [1.5, 0.1]}":                 "mean 1.5 must be in [0, 1]",
		"{beta: [0, 2]}":                       "needs α > 0 and β > 0",
		"{choice: [0.5, 2]}":                   "value 2 must be in [0, 1]",
		"{choice: [0.5, 1], weights: [1]}":     "weights needs 2 numbers, got 1",
		"{choice: [0.5, 1], weights: [0, 0]}":  "weights must not all be 0",
		"{choice: [0.5, 1], weights: [1, -1]}": "weights must be >= 0",
		"{uniform: [0, 1], weights: [1, 1]}":   "weights only go with choice",
		"{uniform: [0, 1], normal: [0, 1]}":    "gives two distributions",
		"{gauss: [0, 1]}":                      "unknown key gauss",
		"{}":                                   "needs one of triangular, uniform, normal, beta or choice",
	} {
		_, errs := decodeParam(t, src, unitInterval)
		if !strings.Contains(errs, want) {
			t.Errorf("%s: got %q, want %q", src, errs, want)
		}
	}
	// Open bounds: patience excludes 0, power excludes 0.
	if _, errs := decodeParam(t, "{uniform: [0, 0.5]}", patienceRng); !strings.Contains(errs, "leaves the valid range (0, 1]") {
		t.Errorf("patience support from 0 accepted: %q", errs)
	}
	if _, errs := decodeParam(t, "0", positive); !strings.Contains(errs, "x must be > 0, got 0") {
		t.Errorf("power 0 accepted: %q", errs)
	}
}
