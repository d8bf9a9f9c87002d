package scenarios

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var updateProvenance = flag.Bool("update-provenance", false, `rewrite the "## Parameters" sections of docs/scenarios/*.md from the built-in scenarios`)

// seedScenarios are the built-ins calibrated against the seed articles
// (issue 6); each has docs/scenarios/<name>.md ending in a parameter table.
var seedScenarios = []string{"muscat-2026", "freeze-for-relief", "ceasefire-2026"}

// articleTags are the short names by which the seed articles
// (shared/seeds/README.md) are cited in the scenarios' comments.
var articleTags = regexp.MustCompile(`\[(Muscat Gamble|Freeze for relief|Three layers)\]`)

// quotation is a quoted passage: straight double quotes around at least
// three words, or typographic quotes around anything.
var quotation = regexp.MustCompile(`"[^"\s]+(?:\s+[^"\s]+){2,}"|“[^”]+”`)

// documented reports whether a comment says where its value comes from: a
// quotation from a seed article with the article's tag, or an assumption.
func documented(comment string) bool {
	if strings.Contains(strings.ToLower(comment), "assumption") {
		return true
	}
	return quotation.MatchString(comment) && articleTags.MatchString(comment)
}

// TestProvenanceSeedComments checks issue 6's rule: every parameter of the
// seed scenarios carries a comment that quotes the sentence it comes from
// (with the article's tag) or says "assumption" and why. Every number and
// every condition counts; all offenders are listed at once.
func TestProvenanceSeedComments(t *testing.T) {
	var bad []string
	for _, name := range seedScenarios {
		src, err := BuiltinSource(name)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := Provenance(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(rows) < 50 {
			t.Errorf("%s: only %d documented values found; the walker misses some", name, len(rows))
		}
		for _, r := range rows {
			if (r.Numeric || r.Condition) && !documented(r.Comment) {
				bad = append(bad, fmt.Sprintf("%s.yaml:%d: %s = %s: comment %q", name, r.Line, r.Path, r.Value, r.Comment))
			}
		}
	}
	if len(bad) > 0 {
		t.Errorf("%d values lack a quoted source with its [article tag] or an \"assumption:\" comment:\n%s",
			len(bad), strings.Join(bad, "\n"))
	}
}

// TestProvenanceDocumented checks the rule itself on examples, so the
// check above cannot pass by accepting anything.
func TestProvenanceDocumented(t *testing.T) {
	for comment, want := range map[string]bool{
		"":                                false,
		"labels of the ends of the scale": false,
		`"a need for immediate sanctions relief"`:                 false, // no tag
		`"a need for immediate sanctions relief" [Muscat Gamble]`: true,
		`"Maximum Pressure" [Muscat Gamble]`:                      false, // two words are a phrase, not a quotation
		`the “ceasefire discussions” [Three layers]`:              true,
		`"a need for immediate sanctions relief" [Some Blog]`:     false, // not a seed article
		"assumption: the reference power":                         true,
		"Assumption":                                              true,
	} {
		if got := documented(comment); got != want {
			t.Errorf("documented(%q) = %v, want %v", comment, got, want)
		}
	}
}

// provenancePreamble stands between the heading and the table.
const provenancePreamble = `Generated from the comments of the YAML file (every number with its quoted source or "assumption:
why"); regenerate after editing the file.
`

const provenanceHeading = "## Parameters\n"

// TestProvenanceDocs checks that each seed scenario's doc ends with the
// table generated from its YAML; -update-provenance rewrites that section
// (from "## Parameters" to the end of the file) and nothing else.
func TestProvenanceDocs(t *testing.T) {
	for _, name := range seedScenarios {
		src, err := BuiltinSource(name)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := Provenance(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := provenanceHeading + provenancePreamble + "\n" + ProvenanceMarkdown(rows)
		path := filepath.Join("..", "docs", "scenarios", name+".md")
		doc, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		head, got := splitParameters(string(doc))
		if got == want {
			continue
		}
		if *updateProvenance {
			if head != "" && !strings.HasSuffix(head, "\n\n") {
				head = strings.TrimRight(head, "\n") + "\n\n"
			}
			if err := os.WriteFile(path, []byte(head+want), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: parameter table rewritten", path)
			continue
		}
		t.Errorf("%s: the \"## Parameters\" section is not the table generated from scenarios/builtin/%s.yaml (first difference at line %d of the section); run go test ./scenarios -run Provenance -update-provenance",
			path, name, firstDiffLine(got, want))
	}
}

// splitParameters splits a doc at its "## Parameters" heading: the text
// before it and the section (heading to end of file; "" when missing).
func splitParameters(doc string) (head, section string) {
	if strings.HasPrefix(doc, provenanceHeading) {
		return "", doc
	}
	i := strings.LastIndex(doc, "\n"+provenanceHeading)
	if i < 0 {
		return doc, ""
	}
	return doc[:i+1], doc[i+1:]
}

func firstDiffLine(a, b string) int {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}

func TestSplitParameters(t *testing.T) {
	head, sec := splitParameters("# T\n\ntext\n## Parameters\nx\n| a |\n")
	if head != "# T\n\ntext\n" || sec != "## Parameters\nx\n| a |\n" {
		t.Errorf("split = %q, %q", head, sec)
	}
	if head, sec := splitParameters("# T\n"); head != "# T\n" || sec != "" {
		t.Errorf("no section: split = %q, %q", head, sec)
	}
}

// TestProvenanceFixture checks the walker on a file written for it, row by
// row, against rows written by hand from testdata/provenance.yaml.
func TestProvenanceFixture(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "provenance.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Provenance(src)
	if err != nil {
		t.Fatal(err)
	}
	// Written by reading testdata/provenance.yaml line by line: parley,
	// name, title, id, unit and label never give rows; round, role,
	// proposer, layer and the block list of requires have neither a number,
	// a condition nor a comment; effects have no id, so no bracket.
	want := []ProvenanceRow{
		{Path: "horizon", Value: "12", Comment: "assumption: weekly | quarterly", Line: 6, Numeric: true},
		{Path: "issues.[relief].scale", Value: "[0, 100]", Comment: `"sanctions are lifted" [Freeze for relief]`, Line: 12, Numeric: true},
		// a # inside quotes is not a comment; the line comment of a flow map
		{Path: "issues.[relief].marks", Value: `{0: "none # not a comment", 50: "half, 'partial'"}`, Comment: "flow map on one line", Line: 13, Numeric: true},
		{Path: "layers.[talks].protocol", Value: "alternating", Comment: "a documented choice", Line: 16},
		// the head comment of a block mapping's key
		{Path: "layers.[talks].breakdown", Value: "0.04", Comment: "assumption: head comment of the key", Line: 22, Numeric: true},
		// a distribution over two lines, joined
		{Path: "actors.[us].patience", Value: "{triangular: [0.90, 0.95, 0.99]}", Comment: "spans two lines", Line: 26, Numeric: true},
		{Path: "actors.[us].positions.relief", Value: "10", Line: 29, Numeric: true},
		// columns count characters, not bytes
		{Path: "actors.[us].positions.prob–lo", Value: "{uniform: [0, 1]}", Comment: "non-ASCII key before the value", Line: 30, Numeric: true},
		{Path: "actors.[us].red_lines.[issue relief].max", Value: "30", Comment: `"a red line" [Three layers]`, Line: 33, Numeric: true},
		{Path: "shocks.[post].rate", Value: "0.05", Line: 37, Numeric: true},
		{Path: "shocks.[post].when", Value: "'round >= 2 && !talks.agreed || escalated'", Comment: "either | or", Line: 38, Condition: true},
		{Path: "shocks.[post].effects.breakdown", Value: "{layer: talks, add: 0.10, rounds: 1}", Comment: "first effect", Line: 40, Numeric: true},
		{Path: "implementation.cheating.[actor us].rate", Value: "{triangular: [0.01, 0.03, 0.08]}", Line: 46, Numeric: true},
		// a folded block scalar, by its value
		{Path: "outcomes.[broke].when", Value: "talks.broken && escalated", Line: 49, Condition: true},
		{Path: "outcomes.[rest].when", Value: `"true"`, Comment: `"the diplomatic waiting room" [Freeze for relief]`, Line: 53, Condition: true},
	}
	if !reflect.DeepEqual(rows, want) {
		var b strings.Builder
		for _, r := range rows {
			fmt.Fprintf(&b, "%#v\n", r)
		}
		t.Errorf("rows differ:\n%s", b.String())
	}
}

// TestProvenanceMarkdown checks the table format of docs/scenarios/*.md:
// path and value as code, every | escaped (also inside code spans, as
// GitHub tables require), an undocumented value with an empty source.
func TestProvenanceMarkdown(t *testing.T) {
	rows := []ProvenanceRow{
		{Path: "horizon", Value: "12", Comment: "assumption: weekly | quarterly"},
		{Path: "outcomes.[x].when", Value: `"a || b"`, Comment: `"quoted" [Three layers]`},
		{Path: "actors.[us].positions.relief", Value: "10"},
		{Path: "odd", Value: "a`b", Comment: "two\nlines"},
	}
	want := "| parameter | value | source |\n" +
		"|---|---|---|\n" +
		"| `horizon` | `12` | assumption: weekly \\| quarterly |\n" +
		"| `outcomes.[x].when` | `\"a \\|\\| b\"` | \"quoted\" [Three layers] |\n" +
		"| `actors.[us].positions.relief` | `10` |  |\n" +
		"| `odd` | `` a`b `` | two lines |\n"
	if got := ProvenanceMarkdown(rows); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
