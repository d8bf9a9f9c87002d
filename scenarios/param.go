package scenarios

import (
	"fmt"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// interval is the valid range of a parameter; an open end excludes its bound.
type interval struct {
	lo, hi         float64
	loOpen, hiOpen bool
}

var (
	unitInterval = interval{lo: 0, hi: 1}                         // probabilities, firmness, skill
	nonNegative  = interval{lo: 0, hi: math.Inf(1)}               // salience, noise
	positive     = interval{lo: 0, hi: math.Inf(1), loOpen: true} // power, utility exponent
	patienceRng  = interval{lo: 0, hi: 1, loOpen: true}           // δ ∈ (0, 1]
	pressureRng  = interval{lo: -1, hi: math.Inf(1)}              // relative change of a hazard
	changeRng    = interval{lo: -1, hi: 1}                        // additive change of a [0, 1] quantity
	anyReal      = interval{lo: math.Inf(-1), hi: math.Inf(1)}
)

func (r interval) contains(v float64) bool {
	if v < r.lo || v > r.hi || (r.loOpen && v == r.lo) || (r.hiOpen && v == r.hi) {
		return false
	}
	return true
}

func (r interval) bounded() bool { return !math.IsInf(r.lo, 0) && !math.IsInf(r.hi, 0) }

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// String writes the range the way messages show it: "[0, 1]", "(0, 1]",
// ">= 0", "> 0".
func (r interval) String() string {
	switch {
	case math.IsInf(r.hi, 1) && math.IsInf(r.lo, -1):
		return "any number"
	case math.IsInf(r.hi, 1) && r.loOpen:
		return "> " + num(r.lo)
	case math.IsInf(r.hi, 1):
		return ">= " + num(r.lo)
	}
	l, h := "[", "]"
	if r.loOpen {
		l = "("
	}
	if r.hiOpen {
		h = ")"
	}
	return l + num(r.lo) + ", " + num(r.hi) + h
}

// inRange is the phrase of a range check: "in [0, 1]" or "> 0".
func (r interval) phrase() string {
	if math.IsInf(r.hi, 1) {
		return r.String()
	}
	return "in " + r.String()
}

// fixed is a parameter with a default value that was not written.
func fixed(v float64, r interval) Param {
	return Param{Kind: Fixed, Args: []float64{v}, Lo: r.lo, Hi: r.hi}
}

// distKeys are the forms a distribution mapping may take.
var distKeys = []string{"triangular", "uniform", "normal", "beta", "choice", "weights"}

// param decodes a numeric parameter (MODEL.md §5): a number or a
// distribution, checked to stay inside r. n == nil gives the default def.
func (d *decoder) param(n *yaml.Node, what string, r interval, def float64) Param {
	n = deref(n)
	if isNull(n) {
		return fixed(def, r)
	}
	p := Param{Set: true, Pos: posOf(n), Lo: r.lo, Hi: r.hi}
	if n.Kind == yaml.ScalarNode {
		v, ok := d.number(n, what)
		if !ok {
			return fixed(def, r)
		}
		if !r.contains(v) {
			d.errorf(n, "%s must be %s, got %s", what, r.phrase(), num(v))
		}
		p.Kind, p.Args = Fixed, []float64{v}
		return p
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a number or a distribution ({triangular: [min, mode, max]}, {uniform: [a, b]}, {normal: [mean, sd]}, {beta: [α, β]}, {choice: [...]}), got %s", what, describe(n))
		return fixed(def, r)
	}
	o, _ := d.object(n, what+" distribution", distKeys...)
	var form string
	var argsNode *yaml.Node
	for _, k := range distKeys[:5] {
		if v, ok := o.vals[k]; ok {
			if form != "" {
				d.errorf(o.keys[k], "%s gives two distributions (%s and %s); choose one", what, form, k)
				continue
			}
			form, argsNode = k, v
		}
	}
	if form == "" {
		if len(o.keys) > 0 || len(n.Content) == 0 {
			d.errorf(n, "%s needs one of triangular, uniform, normal, beta or choice", what)
		}
		return fixed(def, r)
	}
	if w, ok := o.keys["weights"]; ok && form != "choice" {
		d.errorf(w, "weights only go with choice, not with %s", form)
	}
	want := map[string]int{"triangular": 3, "uniform": 2, "normal": 2, "beta": 2}[form]
	args, ok := d.numbers(argsNode, what+" "+form, want)
	if !ok {
		return fixed(def, r)
	}
	p.Args = args
	ap := posOf(deref(argsNode))
	bad := func(format string, a ...any) { d.errorAt(ap, "", what+" "+form+": "+format, a...) }
	outside := func(lo, hi float64, loOpen bool) bool {
		return lo < r.lo || hi > r.hi || (r.loOpen && lo == r.lo && !loOpen) || (r.hiOpen && hi == r.hi)
	}
	switch form {
	case "triangular":
		p.Kind = Triangular
		a, m, b := args[0], args[1], args[2]
		switch {
		case !(a <= m && m <= b):
			bad("needs min <= mode <= max, got [%s, %s, %s]", num(a), num(m), num(b))
		case a == b:
			bad("needs min < max, got [%s, %s, %s]", num(a), num(m), num(b))
		case outside(a, b, false):
			bad("[%s, %s] leaves the valid range %s", num(a), num(b), r)
		}
	case "uniform":
		p.Kind = Uniform
		a, b := args[0], args[1]
		switch {
		case !(a < b):
			bad("needs a < b, got [%s, %s]", num(a), num(b))
		case outside(a, b, false):
			bad("[%s, %s] leaves the valid range %s", num(a), num(b), r)
		}
	case "normal":
		p.Kind = Normal
		switch {
		case !(args[1] > 0):
			bad("needs sd > 0, got %s", num(args[1]))
		case !r.contains(args[0]):
			bad("mean %s must be %s (the normal is truncated to that range)", num(args[0]), r.phrase())
		}
	case "beta":
		p.Kind = Beta
		if !(args[0] > 0 && args[1] > 0) {
			bad("needs α > 0 and β > 0, got [%s, %s]", num(args[0]), num(args[1]))
		}
		// A beta lives on [0, 1], scaled to the range when it is bounded
		// (an issue's scale for a position).
		if !r.bounded() {
			p.Lo, p.Hi = 0, 1
			if outside(0, 1, true) {
				bad("lives on [0, 1], which leaves the valid range %s", r)
			}
		}
	case "choice":
		p.Kind = Choice
		for i, v := range args {
			if !r.contains(v) {
				d.errorf(deref(argsNode).Content[i], "%s choice: value %s must be %s", what, num(v), r.phrase())
			}
		}
		p.Weights = d.weights(o.get("weights"), what, len(args))
	}
	return p
}

// weights decodes and normalises the weights of a choice; absent weights
// are equal.
func (d *decoder) weights(n *yaml.Node, what string, k int) []float64 {
	w := make([]float64, k)
	for i := range w {
		w[i] = 1 / float64(k)
	}
	if n == nil {
		return w
	}
	ws, ok := d.numbers(n, what+" weights", k)
	if !ok {
		return w
	}
	sum := 0.0
	for i, v := range ws {
		if v < 0 {
			d.errorf(n.Content[i], "%s weights must be >= 0, got %s", what, num(v))
			return w
		}
		sum += v
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		d.errorf(n, "%s weights must not all be 0", what)
		return w
	}
	for i, v := range ws {
		w[i] = v / sum
	}
	return w
}

// numbers decodes a list of numbers; want > 0 asks for exactly that many,
// otherwise at least one.
func (d *decoder) numbers(n *yaml.Node, what string, want int) ([]float64, bool) {
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		if n != nil {
			d.errorf(n, "%s must be a list of numbers, got %s", what, describe(n))
		}
		return nil, false
	}
	if want > 0 && len(n.Content) != want {
		d.errorf(n, "%s needs %s, got %d", what, plural(want, "number"), len(n.Content))
		return nil, false
	}
	if len(n.Content) == 0 {
		d.errorf(n, "%s needs at least one value", what)
		return nil, false
	}
	out := make([]float64, len(n.Content))
	ok := true
	for i, c := range n.Content {
		v, good := d.number(c, what)
		out[i], ok = v, ok && good
	}
	return out, ok
}

// plural writes "1 number", "3 numbers".
func plural(k int, word string) string {
	if k == 1 {
		return "1 " + word
	}
	return strconv.Itoa(k) + " " + word + "s"
}

// supportMax is the largest value a parameter can take.
func supportMax(p Param) float64 {
	switch p.Kind {
	case Normal, Beta:
		return p.Hi
	}
	m := math.Inf(-1)
	for _, v := range p.Args {
		m = math.Max(m, v)
	}
	return m
}

// String writes a parameter as it would appear in a file, for messages.
func (p Param) String() string {
	if p.Kind == Fixed && len(p.Args) == 1 {
		return num(p.Args[0])
	}
	name := [...]string{"fixed", "triangular", "uniform", "normal", "beta", "choice"}[p.Kind]
	s := "{" + name + ": ["
	for i, a := range p.Args {
		if i > 0 {
			s += ", "
		}
		s += num(a)
	}
	return s + "]}"
}

var _ fmt.Stringer = Param{}
