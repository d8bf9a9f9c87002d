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
		rows := seedRows(t, name)
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
		rows := seedRows(t, name)
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

// seedDir holds the seed articles (shared/seeds, outside the module).
var seedDir = filepath.Join("..", "..", "shared", "seeds")

// seedFiles maps each article tag to its file in seedDir (shared/seeds/README.md).
var seedFiles = map[string]string{
	"Muscat Gamble":     "000_9756b980affb7c4c.txt",
	"Freeze for relief": "001_80334abd680bec54.txt",
	"Three layers":      "002_1d8a8891ea1eadfb.txt",
}

// normQuote folds what a quotation may legitimately change: quote marks
// (a quotation inside a quotation), punctuation at its edges ("strategic
// patience." quoted as 'strategic patience'), dashes, spacing and case.
func normQuote(s string) string {
	s = strings.NewReplacer("’", "", "‘", "", "“", "", "”", "", `"`, "", "'", "",
		".", "", ",", "", ";", "", ":", "", "—", "-", "–", "-").Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

var quoteAndTag = regexp.MustCompile(`"([^"]+)"|\[(Muscat Gamble|Freeze for relief|Three layers)\]`)

// misquotes returns the quotations of three words or more in comment that
// are not in the article whose tag follows them (or, untagged, in none of
// the articles); "..." in a quotation marks an omission.
func misquotes(comment string, articles map[string]string) []string {
	var bad []string
	ms := quoteAndTag.FindAllStringSubmatch(comment, -1)
	for i, m := range ms {
		q := m[1]
		if q == "" || len(strings.Fields(q)) < 3 {
			continue
		}
		var in []string
		for _, n := range ms[i+1:] {
			if n[2] != "" {
				in = []string{articles[n[2]]}
				break
			}
		}
		if in == nil {
			for _, a := range articles {
				in = append(in, a)
			}
		}
		found := false
		for _, a := range in {
			ok := true
			for _, part := range strings.Split(q, "...") {
				if !strings.Contains(a, normQuote(part)) {
					ok = false
				}
			}
			found = found || ok
		}
		if !found {
			bad = append(bad, q)
		}
	}
	return bad
}

// TestProvenanceQuotesInArticles checks that every quotation in the seed
// scenarios' comments is really in the article it is attributed to. It
// reads shared/seeds and skips when they are absent; TestMisquotes checks
// the matching itself on text of its own.
func TestProvenanceQuotesInArticles(t *testing.T) {
	articles := map[string]string{}
	for tag, file := range seedFiles {
		b, err := os.ReadFile(filepath.Join(seedDir, file))
		if err != nil {
			t.Skipf("seed articles not available: %v", err)
		}
		articles[tag] = normQuote(string(b))
	}
	var bad []string
	for _, name := range seedScenarios {
		rows := seedRows(t, name)
		for _, r := range rows {
			for _, q := range misquotes(r.Comment, articles) {
				bad = append(bad, fmt.Sprintf("%s.yaml:%d: %s: %q", name, r.Line, r.Path, q))
			}
		}
	}
	if len(bad) > 0 {
		t.Errorf("%d quotations are not in the article they cite:\n%s", len(bad), strings.Join(bad, "\n"))
	}
}

func TestMisquotes(t *testing.T) {
	articles := map[string]string{
		"Muscat Gamble": normQuote("Talks resumed in “Muscat” this Friday — tense, but real. Nobody expects a deal."),
		"Three layers":  normQuote("The first layer is purely kinetic."),
	}
	for comment, want := range map[string]int{
		`"talks resumed in 'Muscat' this Friday" [Muscat Gamble]`:          0,
		`"Talks resumed ... but real" [Muscat Gamble]`:                     0, // omission
		`"Talks resumed in Muscat this Friday" [Three layers]`:             1, // wrong article
		`"The first layer is purely kinetic"`:                              0, // untagged: any article
		`"nobody expects a breakthrough" [Muscat Gamble]`:                  1, // not in the text
		`"short phrase" [Three layers]; "the first layer" [Muscat Gamble]`: 1,
	} {
		if got := misquotes(comment, articles); len(got) != want {
			t.Errorf("misquotes(%q) = %q, want %d", comment, got, want)
		}
	}
}

// TestProvenanceBadInput runs Provenance over every test file of the
// loader, broken ones included, and over cut-off copies of a built-in: it
// must return rows or an error, never panic (a flow collection or a quote
// left open must not make the source scan run past the text).
func TestProvenanceBadInput(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no test files found in testdata/*/")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = Provenance(src)
	}
	src, _ := BuiltinSource("muscat-2026")
	for n := 0; n < len(src); n += 241 {
		_, _ = Provenance(src[:n])
	}
	if _, err := Provenance([]byte("a: [1, 2\n")); err == nil {
		t.Error("an unclosed flow sequence gave no error")
	}
}

// seedRows returns the provenance rows of a built-in scenario.
func seedRows(t *testing.T, name string) []ProvenanceRow {
	t.Helper()
	src, err := BuiltinSource(name)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Provenance(src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}
