package scenarios

import (
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ProvenanceRow is one documented value of a scenario file: where it is,
// what it is as written, and the comment that says where it comes from.
// The built-in scenarios document every number with the sentence of a seed
// article it comes from, or with "assumption:" and why (issue 6); Provenance
// collects those comments so they can be listed and checked.
type ProvenanceRow struct {
	// Path names the value, e.g. issues.[enrichment].scale: keys joined by
	// dots; a list item of objects is named by its id in brackets, or by
	// [issue X] / [actor X] for red lines and cheating entries (which have
	// no id), and not named at all when it has none of these (shock effects).
	Path string
	// Value is the value exactly as written in the file: quotes kept, a
	// flow mapping or sequence as one line, a block list of scalars as a
	// flow list.
	Value string
	// Comment is the comment that documents the value without its "#":
	// the line comment of the value or of its key, else the head comment
	// of the key (the lines above it, joined by spaces).
	Comment string
	// Line is the 1-based line of the value in the file.
	Line int
	// Numeric is true when the value is or holds a number (a scalar, a
	// scale, marks, a distribution, an effect with an amount).
	Numeric bool
	// Condition is true for a `when` expression.
	Condition bool
}

// provenanceSkipTop are top-level keys that describe the file rather than
// parameterise the model: they never get a row.
var provenanceSkipTop = []string{"parley", "name", "title", "description", "sources"}

// provenanceSkip are keys that label an object anywhere in the file.
var provenanceSkip = []string{"id", "name", "title", "description", "label", "unit"}

// Provenance walks the YAML of a scenario and returns, in file order, one
// row per leaf that carries a number or a condition, and per other leaf
// that carries a comment (a documented choice such as a protocol or
// on_breakdown). A leaf is a scalar, a flow mapping or sequence (a
// distribution such as {triangular: [..]}, marks, an effect), or a block
// list of scalars. The file is parsed as the loader parses it (size,
// encoding and alias checks) but not validated: a scenario with model
// errors still has its provenance listed.
func Provenance(src []byte) ([]ProvenanceRow, error) {
	root, err := parse("scenario", src)
	if err != nil {
		return nil, err
	}
	w := provWalker{lines: strings.Split(string(src), "\n")}
	w.mapping(deref(root), "", true)
	return w.rows, nil
}

type provWalker struct {
	lines []string
	rows  []ProvenanceRow
	depth int
}

// mapping visits the key/value pairs of a block or flow mapping.
func (w *provWalker) mapping(n *yaml.Node, path string, top bool) {
	if w.enter() {
		defer w.leave()
	} else {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if top && slices.Contains(provenanceSkipTop, key) || slices.Contains(provenanceSkip, key) {
			continue
		}
		w.value(k, v, join(path, key), key)
	}
}

// enter bounds the recursion depth (parse has already bounded the node
// count, aliases included; this keeps a deep alias chain from recursing far).
func (w *provWalker) enter() bool {
	if w.depth > 200 {
		return false
	}
	w.depth++
	return true
}

func (w *provWalker) leave() { w.depth-- }

// value visits the value v of key k (k is nil for a list item).
func (w *provWalker) value(k, v *yaml.Node, path, key string) {
	d := deref(v)
	if d == nil {
		return
	}
	if w.isLeaf(v) {
		w.leaf(k, v, path, key)
		return
	}
	switch d.Kind {
	case yaml.MappingNode:
		w.mapping(d, path, false)
	case yaml.SequenceNode:
		if !w.enter() {
			return
		}
		defer w.leave()
		for _, item := range d.Content {
			it := deref(item)
			p := path
			if it != nil && it.Kind == yaml.MappingNode {
				if name := itemName(it); name != "" {
					p += ".[" + name + "]"
				}
			}
			if it != nil && it.Kind == yaml.MappingNode && !w.isLeaf(item) {
				w.mappingItem(it, p)
				continue
			}
			w.value(nil, item, p, key)
		}
	}
}

// mappingItem visits an object in a list, skipping the key that names it.
func (w *provWalker) mappingItem(n *yaml.Node, path string) {
	naming := namingKey(n)
	if !w.enter() {
		return
	}
	defer w.leave()
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == naming || slices.Contains(provenanceSkip, k.Value) {
			continue
		}
		w.value(k, v, join(path, k.Value), k.Value)
	}
}

// namingKey is the key whose value names a list item: id, else issue (red
// lines), else actor (cheating entries); "" when it has none.
func namingKey(n *yaml.Node) string {
	for _, key := range []string{"id", "issue", "actor"} {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key && deref(n.Content[i+1]).Kind == yaml.ScalarNode {
				return key
			}
		}
	}
	return ""
}

// itemName is how a list item is named in a path: its id, or "issue X" /
// "actor X".
func itemName(n *yaml.Node) string {
	key := namingKey(n)
	if key == "" {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			v := deref(n.Content[i+1]).Value
			if key == "id" {
				return v
			}
			return key + " " + v
		}
	}
	return ""
}

// isLeaf reports whether v is listed as one value: a scalar, a flow
// collection, or a block list of scalars.
func (w *provWalker) isLeaf(v *yaml.Node) bool {
	if v.Kind == yaml.AliasNode {
		return true // shown as written (*name)
	}
	switch {
	case v.Kind == yaml.ScalarNode:
		return true
	case v.Style&yaml.FlowStyle != 0:
		return true
	case v.Kind == yaml.SequenceNode:
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return false
			}
		}
		return len(v.Content) > 0
	}
	return false
}

// leaf records a row for the leaf v of key k when it carries a number, a
// condition or a comment.
func (w *provWalker) leaf(k, v *yaml.Node, path, key string) {
	row := ProvenanceRow{
		Path:      path,
		Value:     w.written(v),
		Comment:   provComment(k, v),
		Line:      v.Line,
		Numeric:   hasNumber(v, 0),
		Condition: key == "when" && v.Kind == yaml.ScalarNode,
	}
	if row.Numeric || row.Condition || row.Comment != "" {
		w.rows = append(w.rows, row)
	}
}

// hasNumber reports whether a leaf is or holds a number (mark positions,
// the arguments of a distribution, the amount of an effect).
func hasNumber(n *yaml.Node, depth int) bool {
	n = deref(n)
	if n == nil || depth > 50 {
		return false
	}
	if n.Kind == yaml.ScalarNode {
		t := n.ShortTag()
		return t == "!!int" || t == "!!float"
	}
	for _, c := range n.Content {
		if hasNumber(c, depth+1) {
			return true
		}
	}
	return false
}

// provComment is the comment documenting a leaf: the value's line comment,
// the key's line comment, the key's head comment, else the first line
// comment inside the value (a flow collection, a block list).
func provComment(k, v *yaml.Node) string {
	cands := []string{v.LineComment}
	if k != nil {
		cands = append(cands, k.LineComment, k.HeadComment)
	}
	for _, c := range cands {
		if s := commentText(c); s != "" {
			return s
		}
	}
	var inner func(n *yaml.Node, depth int) string
	inner = func(n *yaml.Node, depth int) string {
		if depth > 50 {
			return ""
		}
		for _, c := range n.Content {
			if s := commentText(c.LineComment); s != "" {
				return s
			}
			if s := inner(c, depth+1); s != "" {
				return s
			}
		}
		return ""
	}
	if v.Kind != yaml.AliasNode {
		return inner(v, 0)
	}
	return ""
}

// commentText strips the # marks of a comment and joins its lines.
func commentText(c string) string {
	var parts []string
	for _, line := range strings.Split(c, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimSpace(strings.TrimLeft(line, "#"))
		if line != "" {
			parts = append(parts, line)
		}
	}
	return strings.Join(parts, " ")
}

// written is the text of a leaf as it stands in the file. A value that
// spans lines is joined into one line; a block list of scalars is shown in
// flow form; a block scalar (| or >) and a plain scalar by their value
// (which is the text as written, folded).
func (w *provWalker) written(v *yaml.Node) string {
	switch {
	case v.Kind == yaml.AliasNode:
		return "*" + v.Value
	case v.Kind == yaml.ScalarNode && v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0:
		return strings.Join(strings.Fields(v.Value), " ")
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0:
		parts := make([]string, len(v.Content))
		for i, c := range v.Content {
			parts[i] = w.written(c)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if raw, ok := w.raw(v); ok {
		return raw
	}
	return render(v, 0)
}

// render writes a node in flow form from the tree, for a value whose text
// cannot be cut out of the source (an anchored value).
func render(n *yaml.Node, depth int) string {
	if depth > 50 {
		return "…"
	}
	switch n.Kind {
	case yaml.AliasNode:
		return "*" + n.Value
	case yaml.ScalarNode:
		switch {
		case n.Style&yaml.DoubleQuotedStyle != 0:
			return strconv.Quote(n.Value)
		case n.Style&yaml.SingleQuotedStyle != 0:
			return "'" + strings.ReplaceAll(n.Value, "'", "''") + "'"
		}
		return strings.Join(strings.Fields(n.Value), " ")
	case yaml.SequenceNode:
		parts := make([]string, len(n.Content))
		for i, c := range n.Content {
			parts[i] = render(c, depth+1)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case yaml.MappingNode:
		var parts []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, render(n.Content[i], depth+1)+": "+render(n.Content[i+1], depth+1))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

// raw cuts a quoted scalar or a flow collection out of the source,
// starting at the node's position (yaml columns count characters).
func (w *provWalker) raw(v *yaml.Node) (string, bool) {
	if v.Line < 1 || v.Line > len(w.lines) || v.Column < 1 {
		return "", false
	}
	first := []rune(w.lines[v.Line-1])
	if v.Column-1 >= len(first) {
		return "", false
	}
	// The text from the node's start to the end of the file, as runes.
	text := slices.Clone(first[v.Column-1:])
	for _, l := range w.lines[v.Line:] {
		text = append(text, '\n')
		text = append(text, []rune(l)...)
	}
	var end int
	switch text[0] {
	case '"', '\'':
		end = quoted(text, 0)
	case '{', '[':
		end = flowEnd(text)
	}
	if end <= 0 {
		return "", false
	}
	return strings.Join(strings.Fields(string(text[:end])), " "), true
}

// flowEnd returns the end (exclusive) of the flow collection that text
// starts with, skipping quoted scalars and comments, or 0 when it does not
// close.
func flowEnd(text []rune) int {
	depth := 0
	for i := 0; i < len(text); i++ {
		switch r := text[i]; r {
		case '"', '\'':
			// a quote opens a quoted scalar only at the start of a value
			j := i - 1
			for j >= 0 && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n') {
				j--
			}
			if j >= 0 && !strings.ContainsRune("{[,:?", text[j]) {
				continue
			}
			n := quoted(text, i)
			if n == 0 {
				return 0
			}
			i = n - 1
		case '#':
			if i > 0 && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n') {
				for i < len(text) && text[i] != '\n' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// quoted returns the end (exclusive) of the quoted scalar that starts at
// text[i], or 0 when it is not closed.
func quoted(text []rune, i int) int {
	q := text[i]
	for j := i + 1; j < len(text); j++ {
		switch {
		case q == '"' && text[j] == '\\':
			j++
		case text[j] == q && q == '\'' && j+1 < len(text) && text[j+1] == '\'':
			j++
		case text[j] == q:
			return j + 1
		}
	}
	return 0
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// ProvenanceMarkdown renders rows as the Markdown table that ends each
// docs/scenarios/<name>.md: | parameter | value | source |, the path and
// the value as code, every | escaped as \| (GitHub escapes a pipe this way
// in code spans too).
func ProvenanceMarkdown(rows []ProvenanceRow) string {
	var b strings.Builder
	b.WriteString("| parameter | value | source |\n|---|---|---|\n")
	for _, r := range rows {
		b.WriteString("| ")
		b.WriteString(code(r.Path))
		b.WriteString(" | ")
		b.WriteString(code(r.Value))
		b.WriteString(" | ")
		b.WriteString(cell(r.Comment))
		b.WriteString(" |\n")
	}
	return b.String()
}

// cell escapes a table cell: a | would end it, a line break would end the row.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// code renders s as a code span; a backtick inside it needs a longer fence.
func code(s string) string {
	s = cell(s)
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	fence := "``"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + " " + s + " " + fence
}
