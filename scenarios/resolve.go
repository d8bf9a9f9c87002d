package scenarios

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Resolve loads the scenario a user named: arg is a file path or the name
// of a built-in ("" is DefaultScenario). sets are --set PATH=VALUE
// overrides, applied to the YAML tree before it is validated, so an
// override is checked exactly like the file. With overrides, the
// Scenario's Source is the YAML actually used (re-encoded, comments kept)
// and its positions refer to it.
func Resolve(arg string, sets []string) (*Scenario, error) {
	if arg == "" {
		arg = DefaultScenario
	}
	var data []byte
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		if data, err = readFile(arg); err != nil {
			return nil, err
		}
	} else if src, berr := BuiltinSource(arg); berr == nil {
		data = src
	} else if strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml") {
		if err == nil {
			return nil, single(arg, "is a directory, not a scenario file")
		}
		return nil, single(arg, "no such file (built-in scenarios: %s)", strings.Join(builtinNames(), ", "))
	} else {
		return nil, berr
	}
	if len(sets) == 0 {
		return Load(arg, data)
	}
	return loadWithSets(arg, data, sets)
}

// loadWithSets applies overrides to the tree of data, validates the result
// (problems in an override are reported under "--set PATH"), and loads the
// re-encoded YAML.
func loadWithSets(file string, data []byte, sets []string) (*Scenario, error) {
	root, err := parse(file, data)
	if err != nil {
		return nil, err
	}
	var errs ErrorList
	paths := make([]string, len(sets))
	for k, set := range sets {
		path, value, ok := strings.Cut(set, "=")
		paths[k] = path
		if !ok || path == "" {
			errs = append(errs, &Error{File: "--set " + set, Msg: "an override is PATH=VALUE, e.g. --set actors.iran.patience=0.8"})
			continue
		}
		if e := applySet(root, path, value, -(k + 1)); e != nil {
			errs = append(errs, e)
		}
	}
	if n, ok := countNodes(root, maxNodes); !ok {
		return nil, single(file, "more than %d YAML nodes after --set (%d counted)", maxNodes, n)
	}
	// Report the problems of the paths together with those of the values.
	if _, err := decode(file, root, paths); err != nil {
		errs = append(errs, err.(ErrorList)...)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, single(file, "cannot write the scenario after --set: %v", err)
	}
	_ = enc.Close()
	return Load(file, buf.Bytes())
}

// applySet replaces (or adds) the value at a dotted path. In a list,
// a segment picks the item whose id (or issue, or actor) it names, or an
// index. line marks the new nodes so problems in them name the override.
func applySet(root *yaml.Node, path, value string, line int) *Error {
	fail := func(hint, msg string) *Error { return &Error{File: "--set " + path, Msg: msg, Hint: hint} }
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(value), &doc); err != nil {
		return fail("", "value is not valid YAML: "+strings.TrimPrefix(err.Error(), "yaml: "))
	}
	val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
	if len(doc.Content) > 0 {
		val = doc.Content[0]
	}
	mark(val, line)
	segs := strings.Split(path, ".")
	cur := deref(root)
	for i, seg := range segs {
		last := i == len(segs)-1
		where := strings.Join(segs[:i], ".")
		if seg == "" {
			return fail("", "empty segment in the path")
		}
		switch cur.Kind {
		case yaml.MappingNode:
			j := -1
			for c := 0; c+1 < len(cur.Content); c += 2 {
				if cur.Content[c].Value == seg {
					j = c + 1
				}
			}
			if j < 0 {
				// A key the file leaves out; the decoder checks it is a
				// known one (with did-you-mean) like any key of the file.
				key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: seg, Line: line}
				next := val
				if !last {
					next = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line, Style: yaml.FlowStyle}
				}
				cur.Content = append(cur.Content, key, next)
				j = len(cur.Content) - 1
			}
			if last {
				cur.Content[j] = val
				return nil
			}
			cur = deref(cur.Content[j])
		case yaml.SequenceNode:
			j := -1
			if n, err := strconv.Atoi(seg); err == nil {
				if n < 0 || n >= len(cur.Content) {
					return fail("", where+" has "+strconv.Itoa(len(cur.Content))+" items; no item "+seg)
				}
				j = n
			}
			var ids []string
			for c, item := range cur.Content {
				id := itemID(deref(item))
				ids = append(ids, id)
				if j < 0 && id == seg {
					j = c
				}
			}
			if j < 0 {
				return fail(didYouMean(seg, ids), "no item "+seg+" in "+where+" (items: "+strings.Join(ids, ", ")+")")
			}
			if last {
				cur.Content[j] = val
				return nil
			}
			cur = deref(cur.Content[j])
		default:
			return fail("", where+" is a single value; it has no "+seg)
		}
	}
	return nil
}

// itemID names a list item for --set paths: its id, or for red lines its
// issue, or for cheating entries its actor.
func itemID(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for _, key := range []string{"id", "issue", "actor"} {
		for c := 0; c+1 < len(n.Content); c += 2 {
			if n.Content[c].Value == key && deref(n.Content[c+1]).Kind == yaml.ScalarNode {
				return deref(n.Content[c+1]).Value
			}
		}
	}
	return ""
}

// mark gives every node of an override the negative line that names it,
// and writes lists and mappings in flow style ({triangular: [a, b, c]}).
func mark(n *yaml.Node, line int) {
	n.Line, n.Column = line, 0
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style |= yaml.FlowStyle
	}
	for _, c := range n.Content {
		mark(c, line)
	}
}
