package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// decoder walks the YAML node tree of one scenario and collects every
// problem it meets instead of stopping at the first.
type decoder struct {
	file string
	errs ErrorList
	sets []string // --set paths: a node with Line -(k+1) came from sets[k]

	shockWhen []*yaml.Node // per decoded shock, its `when` node (nil when absent)
}

// deref follows an alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func posOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{Line: n.Line, Col: n.Column}
}

// errorAt records a problem at p. Positions with a negative line come from
// a --set override and are reported under its path.
func (d *decoder) errorAt(p Pos, hint, format string, args ...any) {
	e := &Error{File: d.file, Pos: p, Msg: fmt.Sprintf(format, args...), Hint: hint}
	if p.Line < 0 {
		if k := -p.Line - 1; k < len(d.sets) {
			e.File = "--set " + d.sets[k]
		}
		e.Pos = Pos{}
	}
	d.errs = append(d.errs, e)
}

// errorf records a problem at node n.
func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errorAt(posOf(n), "", format, args...)
}

// describe names what a node holds, for "must be X, got Y" messages.
func describe(n *yaml.Node) string {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing"
		}
		v := n.Value
		if utf8.RuneCountInString(v) > 40 {
			v = string([]rune(v)[:40]) + "…"
		}
		return strconv.Quote(v)
	}
	return "something else"
}

func isNull(n *yaml.Node) bool {
	n = deref(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// object is a decoded mapping: its node and its values by key.
type object struct {
	node *yaml.Node
	vals map[string]*yaml.Node
	keys map[string]*yaml.Node
}

// get returns the value of key, or nil when it is absent or null.
func (o object) get(key string) *yaml.Node {
	v := o.vals[key]
	if isNull(v) {
		return nil
	}
	return deref(v)
}

// object decodes a mapping of known keys. Unknown keys, duplicate keys and
// keys that are not plain words are reported; YAML merge keys (<<) are
// honoured. ok is false when n is not a mapping at all.
func (d *decoder) object(n *yaml.Node, what string, known ...string) (object, bool) {
	o := object{node: n, vals: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{}}
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		if n != nil {
			d.errorf(n, "%s must be a mapping of keys, got %s", what, describe(n))
		}
		return o, false
	}
	o.node = n
	var merged [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s has a key that is %s; keys are plain words", what, describe(k))
			continue
		}
		if k.Value == "<<" && k.ShortTag() == "!!merge" {
			merged = append(merged, d.mergePairs(v, what)...)
			continue
		}
		if first, dup := o.keys[k.Value]; dup {
			d.errorAt(posOf(k), "", "duplicate key %s (first at line %d)", k.Value, first.Line)
			continue
		}
		if !contains(known, k.Value) {
			hint := didYouMean(k.Value, known)
			if hint == "" {
				hint = "keys of " + what + ": " + strings.Join(known, ", ")
			}
			d.errorAt(posOf(k), hint, "unknown key %s in %s", k.Value, what)
			continue
		}
		o.keys[k.Value], o.vals[k.Value] = k, v
	}
	// Keys written out win over merged ones (YAML merge key semantics).
	for _, kv := range merged {
		k := kv[0]
		if _, ok := o.keys[k.Value]; ok {
			continue
		}
		if !contains(known, k.Value) {
			d.errorAt(posOf(k), didYouMean(k.Value, known), "unknown key %s in %s", k.Value, what)
			continue
		}
		o.keys[k.Value], o.vals[k.Value] = k, kv[1]
	}
	return o, true
}

// mergePairs returns the key/value pairs a merge key (<<: *x or
// <<: [*x, *y]) brings in.
func (d *decoder) mergePairs(v *yaml.Node, what string) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	add := func(m *yaml.Node) {
		m = deref(m)
		if m.Kind != yaml.MappingNode {
			d.errorf(m, "a merge key (<<) in %s needs a mapping, got %s", what, describe(m))
			return
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			if k := deref(m.Content[i]); k.Kind == yaml.ScalarNode && k.Value != "<<" {
				out = append(out, [2]*yaml.Node{k, m.Content[i+1]})
			}
		}
	}
	if dv := deref(v); dv.Kind == yaml.SequenceNode {
		for _, m := range dv.Content {
			add(m)
		}
	} else {
		add(v)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// seq decodes a list; absent or null gives nil.
func (d *decoder) seq(n *yaml.Node, what string) []*yaml.Node {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, got %s", what, describe(n))
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = deref(c)
	}
	return out
}

// str decodes free text (any scalar).
func (d *decoder) str(n *yaml.Node, what string) string {
	n = deref(n)
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be text, got %s", what, describe(n))
		return ""
	}
	return n.Value
}

// word decodes one of the allowed words.
func (d *decoder) word(n *yaml.Node, what, def string, allowed ...string) string {
	n = deref(n)
	if n == nil {
		return def
	}
	if n.Kind != yaml.ScalarNode || !contains(allowed, n.Value) {
		hint := ""
		if n.Kind == yaml.ScalarNode {
			hint = didYouMean(n.Value, allowed)
		}
		d.errorAt(posOf(n), hint, "%s must be one of %s, got %s", what, strings.Join(allowed, " | "), describe(n))
		return def
	}
	return n.Value
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// id decodes an identifier: a lowercase word.
func (d *decoder) id(n *yaml.Node, what string) (string, bool) {
	n = deref(n)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || !idPattern.MatchString(n.Value) || len(n.Value) > 64 {
		hint := ""
		if n.Kind == yaml.ScalarNode {
			if low := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(n.Value, "-", "_"), " ", "_")); idPattern.MatchString(low) {
				hint = "try " + low
			}
		}
		d.errorAt(posOf(n), hint, "%s must be a lowercase word ([a-z][a-z0-9_]*, at most 64 characters), got %s", what, describe(n))
		return "", false
	}
	return n.Value, true
}

// number decodes a finite number.
func (d *decoder) number(n *yaml.Node, what string) (float64, bool) {
	n = deref(n)
	if n == nil {
		return 0, false
	}
	tag := n.ShortTag()
	if n.Kind != yaml.ScalarNode || (tag != "!!int" && tag != "!!float") {
		d.errorf(n, "%s must be a number, got %s", what, describe(n))
		return 0, false
	}
	var v float64
	if err := n.Decode(&v); err != nil {
		d.errorf(n, "%s must be a number, got %s", what, describe(n))
		return 0, false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		d.errorf(n, "%s must be a finite number, got %s", what, describe(n))
		return 0, false
	}
	return v, true
}

// integer decodes a whole number within [lo, hi].
func (d *decoder) integer(n *yaml.Node, what string, lo, hi int) (int, bool) {
	n = deref(n)
	if n == nil {
		return 0, false
	}
	var v int64
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		d.errorf(n, "%s must be a whole number, got %s", what, describe(n))
		return 0, false
	}
	if v < int64(lo) || v > int64(hi) {
		d.errorf(n, "%s must be between %d and %d, got %d", what, lo, hi, v)
		return 0, false
	}
	return int(v), true
}

// boolean decodes true or false.
func (d *decoder) boolean(n *yaml.Node, what string) (bool, bool) {
	n = deref(n)
	if n == nil {
		return false, false
	}
	var v bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&v) != nil {
		d.errorf(n, "%s must be true or false, got %s", what, describe(n))
		return false, false
	}
	return v, true
}

// ids is a table of the ids of one kind (layers, issues, …) in file order.
type ids struct {
	kind  string // "layer", "issue", …
	index map[string]int
	names []string
	pos   []Pos
}

func newIDs(kind string) *ids { return &ids{kind: kind, index: map[string]int{}} }

// add registers an id read from node n, reporting a duplicate. It returns
// false for a duplicate.
func (t *ids) add(d *decoder, id string, n *yaml.Node) bool {
	if i, dup := t.index[id]; dup {
		d.errorf(n, "duplicate %s id %s (first at line %d)", t.kind, id, t.pos[i].Line)
		return false
	}
	t.index[id] = len(t.names)
	t.names = append(t.names, id)
	t.pos = append(t.pos, posOf(deref(n)))
	return true
}

// ref resolves a reference to an id of this kind, reporting a dangling one
// with the nearest id as a hint. It returns -1 when it does not resolve.
func (t *ids) ref(d *decoder, n *yaml.Node, what string) (string, int) {
	n = deref(n)
	if n == nil {
		return "", -1
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be a %s id, got %s", what, t.kind, describe(n))
		return "", -1
	}
	if i, ok := t.index[n.Value]; ok {
		return n.Value, i
	}
	hint := didYouMean(n.Value, t.names)
	if hint == "" && len(t.names) > 0 && len(t.names) <= 12 {
		hint = t.kind + "s: " + strings.Join(t.names, ", ")
	}
	d.errorAt(posOf(n), hint, "%s: unknown %s %s", what, t.kind, n.Value)
	return n.Value, -1
}
