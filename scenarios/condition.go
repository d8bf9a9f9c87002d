package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"go.yaml.in/yaml/v3"
)

// Layer variables, in the order of LayerSlots.
var layerFields = []string{"agreed", "broken", "open", "offagenda", "collapsed", "round"}

// newVars lays out the run state of s (MODEL.md §8): round, rounds,
// escalated, then per layer its six variables, per issue its agreed value,
// per actor cheated and detected, per shock the times it fired.
func newVars(s *Scenario) *Vars {
	v := &Vars{}
	add := func(name string) int { v.Names = append(v.Names, name); return len(v.Names) - 1 }
	v.Round, v.Rounds, v.Escalated = add("round"), add("rounds"), add("escalated")
	for _, l := range s.Layers {
		var ls LayerSlots
		ls.Agreed = add(l.ID + ".agreed")
		ls.Broken = add(l.ID + ".broken")
		ls.Open = add(l.ID + ".open")
		ls.OffAgenda = add(l.ID + ".offagenda")
		ls.Collapsed = add(l.ID + ".collapsed")
		ls.Round = add(l.ID + ".round")
		v.Layer = append(v.Layer, ls)
	}
	for _, is := range s.Issues {
		v.Issue = append(v.Issue, add(is.ID))
	}
	for _, a := range s.Actors {
		v.Cheated = append(v.Cheated, add("cheated."+a.ID))
	}
	for _, a := range s.Actors {
		v.Detected = append(v.Detected, add("detected."+a.ID))
	}
	for _, sh := range s.Shocks {
		v.Shock = append(v.Shock, add("shocks."+sh.ID))
	}
	return v
}

// Slot returns the slot of a variable by its dotted name.
func (v *Vars) Slot(name string) (int, bool) {
	for i, n := range v.Names {
		if n == name {
			return i, true
		}
	}
	return -1, false
}

// condCompiler compiles the conditions of one scenario.
type condCompiler struct {
	vars   *Vars
	slot   map[string]int
	isBool map[string]bool
	groups map[string]string // "kinetic" → "layer", "cheated" → "actor"…: names that need a member
	env    any               // a struct value whose fields are the variables, for expr's type checker
}

// maxConditionLen bounds a condition's length (and so the parser's work).
const maxConditionLen = 2000

func newCondCompiler(v *Vars) *condCompiler {
	c := &condCompiler{vars: v, slot: map[string]int{}, isBool: map[string]bool{}, groups: map[string]string{}}
	for i, n := range v.Names {
		c.slot[n] = i
	}
	boolSlot := map[int]bool{v.Escalated: true}
	for _, ls := range v.Layer {
		for _, s := range []int{ls.Agreed, ls.Broken, ls.Open, ls.OffAgenda, ls.Collapsed} {
			boolSlot[s] = true
		}
	}
	for _, s := range append(append([]int{}, v.Cheated...), v.Detected...) {
		boolSlot[s] = true
	}
	for i, n := range v.Names {
		c.isBool[n] = boolSlot[i]
	}
	c.groups["cheated"], c.groups["detected"], c.groups["shocks"] = "actor", "actor", "shock"
	for _, ls := range v.Layer {
		c.groups[strings.TrimSuffix(v.Names[ls.Agreed], ".agreed")] = "layer"
	}
	c.env = c.buildEnv()
	return c
}

// buildEnv makes a struct type with one field per variable (nested structs
// for dotted names), tagged with the names conditions use, so that expr
// type-checks a condition against exactly this scenario's variables.
func (c *condCompiler) buildEnv() any {
	type field struct {
		name string
		typ  reflect.Type
	}
	var top []field
	sub := map[string][]field{}
	var order []string
	for _, n := range c.vars.Names {
		t := reflect.TypeFor[float64]()
		if c.isBool[n] {
			t = reflect.TypeFor[bool]()
		}
		head, tail, dotted := strings.Cut(n, ".")
		if !dotted {
			top = append(top, field{n, t})
			continue
		}
		if _, ok := sub[head]; !ok {
			order = append(order, head)
		}
		sub[head] = append(sub[head], field{tail, t})
	}
	for _, g := range []string{"cheated", "detected", "shocks"} {
		if _, ok := sub[g]; !ok {
			order = append(order, g)
			sub[g] = nil
		}
	}
	mk := func(fs []field) reflect.Type {
		sf := make([]reflect.StructField, len(fs))
		for i, f := range fs {
			sf[i] = reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: f.typ, Tag: reflect.StructTag(fmt.Sprintf(`expr:%q`, f.name))}
		}
		return reflect.StructOf(sf)
	}
	for _, g := range order {
		top = append(top, field{g, mk(sub[g])})
	}
	return reflect.New(mk(top)).Elem().Interface()
}

// condError is a problem in a condition at a rune offset of its source.
type condError struct {
	line, col int // 1-based line, 0-based column within the source
	msg, hint string
}

// compile parses, checks and translates one condition.
func (c *condCompiler) compile(src string) (func([]float64) bool, []condError) {
	if len(src) > maxConditionLen {
		return nil, []condError{{1, 0, fmt.Sprintf("condition is too long (%d characters; at most %d)", len(src), maxConditionLen), ""}}
	}
	if strings.TrimSpace(src) == "" {
		return nil, []condError{{1, 0, "condition is empty", `write "true" for a condition that always holds`}}
	}
	tree, err := parser.Parse(src)
	if err != nil {
		return nil, []condError{fromExprError(err)}
	}
	var errs []condError
	c.checkNodes(tree.Source, tree.Node, &errs)
	if len(errs) > 0 {
		return nil, errs
	}
	prog, err := expr.Compile(src, expr.Env(c.env), expr.Optimize(false), expr.DisableAllBuiltins())
	if err != nil {
		return nil, []condError{fromExprError(err)}
	}
	k, _, b, err := c.translate(prog.Node())
	if err != nil {
		return nil, []condError{{1, 0, err.Error(), ""}}
	}
	if k != kindBool {
		return nil, []condError{{1, 0, "condition must be true or false, but it is a number", "compare it, e.g. round >= 3"}}
	}
	return b, nil
}

func fromExprError(err error) condError {
	var fe *file.Error
	if errors.As(err, &fe) {
		return condError{line: max(fe.Line, 1), col: max(fe.Column, 0), msg: fe.Message}
	}
	return condError{line: 1, msg: err.Error()}
}

// locOf turns a node's location into a line and column of src.
func locOf(src file.Source, n ast.Node) (int, int) {
	line, col := 1, 0
	for i, r := range []rune(src.String()) {
		if i >= n.Location().From {
			break
		}
		if r == '\n' {
			line, col = line+1, 0
		} else {
			col++
		}
	}
	return line, col
}

// leftmost returns the node where a variable's name starts (kinetic in
// kinetic.agreed), so messages point at the whole name.
func leftmost(n ast.Node) ast.Node {
	for {
		m, ok := n.(*ast.MemberNode)
		if !ok {
			return n
		}
		n = m.Node
	}
}

// dotted returns the variable name a node spells (kinetic.agreed), if it
// is an identifier or a chain of plain member accesses.
func dotted(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		return n.Value, true
	case *ast.MemberNode:
		p, ok := n.Property.(*ast.StringNode)
		if !ok || n.Method || n.Optional {
			return "", false
		}
		head, ok := dotted(n.Node)
		return head + "." + p.Value, ok
	}
	return "", false
}

var (
	unaryOps  = []string{"!", "not", "-", "+"}
	binaryOps = []string{"&&", "and", "||", "or", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/"}
)

// checkNodes reports constructs conditions do not support and variables
// the scenario does not define, before expr's checker sees them, so the
// messages can name the scenario's own variables.
func (c *condCompiler) checkNodes(src file.Source, n ast.Node, errs *[]condError) {
	report := func(msg, hint string) {
		line, col := locOf(src, leftmost(n))
		*errs = append(*errs, condError{line, col, msg, hint})
	}
	switch n := n.(type) {
	case *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode:
	case *ast.IdentifierNode, *ast.MemberNode:
		name, ok := dotted(n)
		if !ok {
			report("only variables like kinetic.agreed may be used here (no indexing or method calls)", "")
			return
		}
		if _, ok := c.slot[name]; ok {
			return
		}
		if kind, ok := c.groups[name]; ok {
			if kind == "layer" {
				report(fmt.Sprintf("%s is a layer, not a value", name), "use "+name+".agreed, .broken, .open, .offagenda, .collapsed or .round")
			} else {
				report(fmt.Sprintf("%s needs an %s: %s.<%s>", name, kind, name, kind), "")
			}
			return
		}
		hint := ""
		head, tail, isDotted := strings.Cut(name, ".")
		if kind, known := c.groups[head]; isDotted && known {
			// A known layer or group with a wrong member: compare members.
			var tails []string
			for _, v := range c.vars.Names {
				if h, t, ok := strings.Cut(v, "."); ok && h == head {
					tails = append(tails, t)
				}
			}
			if t := closest(tail, tails); t != "" {
				hint = "did you mean " + head + "." + t + "?"
			} else if kind == "layer" {
				hint = "a layer has " + strings.Join(layerFields, ", ")
			} else if len(tails) > 0 {
				hint = kind + "s: " + strings.Join(tails, ", ")
			} else {
				hint = "the scenario has no " + kind + "s"
			}
		} else if hint = didYouMean(name, c.vars.Names); isDotted && hint == "" {
			var layers []string
			for k, g := range c.groups {
				if g == "layer" {
					layers = append(layers, k)
				}
			}
			slices.Sort(layers)
			hint = head + " is not a layer; layers: " + strings.Join(layers, ", ")
		}
		report("unknown variable "+name, hint)
	case *ast.UnaryNode:
		if !contains(unaryOps, n.Operator) {
			report("operator "+n.Operator+" is not supported in conditions", "")
			return
		}
		c.checkNodes(src, n.Node, errs)
	case *ast.BinaryNode:
		if !contains(binaryOps, n.Operator) {
			report("operator "+n.Operator+" is not supported in conditions", "use && || ! == != < <= > >= + - * /")
			return
		}
		c.checkNodes(src, n.Left, errs)
		c.checkNodes(src, n.Right, errs)
	case *ast.StringNode:
		report("text in quotes is not supported in conditions", "variables are true/false or numbers, e.g. kinetic.agreed")
	case *ast.CallNode, *ast.BuiltinNode:
		report("function calls are not supported in conditions", "")
	default:
		report("this is not supported in conditions", "use variables, numbers, true/false, && || ! == != < <= > >= + - * / and parentheses")
	}
}

const (
	kindNum = iota
	kindBool
)

type numFn = func([]float64) float64
type boolFn = func([]float64) bool

// translate turns expr's checked tree into closures over state slots, so a
// condition is evaluated without the expr VM and without allocating.
func (c *condCompiler) translate(n ast.Node) (int, numFn, boolFn, error) {
	switch n := n.(type) {
	case *ast.BoolNode:
		v := n.Value
		return kindBool, nil, func([]float64) bool { return v }, nil
	case *ast.IntegerNode:
		v := float64(n.Value)
		return kindNum, func([]float64) float64 { return v }, nil, nil
	case *ast.FloatNode:
		v := n.Value
		return kindNum, func([]float64) float64 { return v }, nil, nil
	case *ast.IdentifierNode, *ast.MemberNode:
		name, _ := dotted(n)
		i, ok := c.slot[name]
		if !ok {
			return 0, nil, nil, fmt.Errorf("unknown variable %s", name)
		}
		if c.isBool[name] {
			return kindBool, nil, func(s []float64) bool { return s[i] != 0 }, nil
		}
		return kindNum, func(s []float64) float64 { return s[i] }, nil, nil
	case *ast.UnaryNode:
		k, f, b, err := c.translate(n.Node)
		if err != nil {
			return 0, nil, nil, err
		}
		switch n.Operator {
		case "!", "not":
			if k != kindBool {
				return 0, nil, nil, fmt.Errorf("%s needs true/false, not a number", n.Operator)
			}
			return kindBool, nil, func(s []float64) bool { return !b(s) }, nil
		case "-", "+":
			if k != kindNum {
				return 0, nil, nil, fmt.Errorf("%s needs a number, not true/false", n.Operator)
			}
			if n.Operator == "+" {
				return kindNum, f, nil, nil
			}
			return kindNum, func(s []float64) float64 { return -f(s) }, nil, nil
		}
	case *ast.BinaryNode:
		return c.binary(n)
	}
	return 0, nil, nil, fmt.Errorf("this is not supported in conditions")
}

func (c *condCompiler) binary(n *ast.BinaryNode) (int, numFn, boolFn, error) {
	lk, lf, lb, err := c.translate(n.Left)
	if err != nil {
		return 0, nil, nil, err
	}
	rk, rf, rb, err := c.translate(n.Right)
	if err != nil {
		return 0, nil, nil, err
	}
	op := n.Operator
	switch op {
	case "&&", "and", "||", "or":
		if lk != kindBool || rk != kindBool {
			return 0, nil, nil, fmt.Errorf("%s needs true/false on both sides", op)
		}
		if op == "&&" || op == "and" {
			return kindBool, nil, func(s []float64) bool { return lb(s) && rb(s) }, nil
		}
		return kindBool, nil, func(s []float64) bool { return lb(s) || rb(s) }, nil
	case "==", "!=":
		if lk != rk {
			return 0, nil, nil, fmt.Errorf("%s compares a number with true/false", op)
		}
		eq := op == "=="
		if lk == kindBool {
			return kindBool, nil, func(s []float64) bool { return (lb(s) == rb(s)) == eq }, nil
		}
		// NaN (an issue whose layer did not agree) equals nothing.
		if eq {
			return kindBool, nil, func(s []float64) bool { return lf(s) == rf(s) }, nil
		}
		return kindBool, nil, func(s []float64) bool { return lf(s) != rf(s) }, nil
	}
	if lk != kindNum || rk != kindNum {
		return 0, nil, nil, fmt.Errorf("%s needs numbers on both sides", op)
	}
	switch op {
	case "<":
		return kindBool, nil, func(s []float64) bool { return lf(s) < rf(s) }, nil
	case "<=":
		return kindBool, nil, func(s []float64) bool { return lf(s) <= rf(s) }, nil
	case ">":
		return kindBool, nil, func(s []float64) bool { return lf(s) > rf(s) }, nil
	case ">=":
		return kindBool, nil, func(s []float64) bool { return lf(s) >= rf(s) }, nil
	case "+":
		return kindNum, func(s []float64) float64 { return lf(s) + rf(s) }, nil, nil
	case "-":
		return kindNum, func(s []float64) float64 { return lf(s) - rf(s) }, nil, nil
	case "*":
		return kindNum, func(s []float64) float64 { return lf(s) * rf(s) }, nil, nil
	case "/":
		return kindNum, func(s []float64) float64 { return lf(s) / rf(s) }, nil, nil
	}
	return 0, nil, nil, fmt.Errorf("operator %s is not supported in conditions", op)
}

// condition compiles the `when` at node n, reporting problems at their
// place in the file.
func (d *decoder) condition(c *condCompiler, n *yaml.Node, what string) *Condition {
	n = deref(n)
	var src string
	switch {
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool":
		src = n.Value // when: true
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str":
		src = n.Value
	default:
		d.errorf(n, "%s must be a condition in quotes, e.g. \"kinetic.agreed && !escalated\", got %s", what, describe(n))
		return nil
	}
	if n.ShortTag() == "!!bool" {
		src = strings.ToLower(src)
	}
	eval, errs := c.compile(src)
	for _, e := range errs {
		d.errorAt(exprPos(n, e.line, e.col), e.hint, "%s: %s", what, e.msg)
	}
	if eval == nil {
		return nil
	}
	return &Condition{Source: src, Pos: posOf(n), eval: eval}
}

// exprPos maps a line and column inside a condition to the file: for a
// one-line plain or quoted scalar, the column is offset within the line.
func exprPos(n *yaml.Node, line, col int) Pos {
	p := posOf(n)
	if p.Line <= 0 || line != 1 || strings.Contains(n.Value, "\n") {
		return p
	}
	switch n.Style {
	case 0:
		p.Col += col
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		p.Col += col + 1
	}
	return p
}
