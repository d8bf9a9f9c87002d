package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// writeFixture writes the report of a plausible muscat-2026 result into a
// temporary directory and returns the directory.
func writeFixture(t *testing.T, opt Options) (string, *sim.Summary, *scenarios.Scenario) {
	t.Helper()
	sc := builtin(t, "muscat-2026")
	sum := fakeSummary(sc, 10000)
	dir := t.TempDir()
	if err := Write(dir, sum, sc, opt); err != nil {
		t.Fatal(err)
	}
	return dir, sum, sc
}

// TestWriteFiles checks Write produces every chart in every format asked for
// and report.html, and leaves no temporary file behind.
func TestWriteFiles(t *testing.T) {
	dir, sum, sc := writeFixture(t, Options{Formats: []string{"png", "svg"}})
	var want []string
	for _, c := range Charts(sum, sc) {
		want = append(want, c.Name+".png", c.Name+".svg")
	}
	want = append(want, HTMLName)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range entries {
		got[e.Name()] = true
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing %s", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	for _, name := range []string{"issue-enrichment", "offers-enrichment", "outcomes", "layers", "rounds", "utilities"} {
		if !got[name+".png"] {
			t.Errorf("no %s.png", name)
		}
	}
}

// TestWriteBadFormat refuses PDF and unknown formats with a message.
func TestWriteBadFormat(t *testing.T) {
	sc := builtin(t, "rubinstein")
	for _, f := range []string{"pdf", "jpeg", ""} {
		err := Write(t.TempDir(), fakeSummary(sc, 10), sc, Options{Formats: []string{f}})
		if err == nil || !strings.Contains(err.Error(), "png or svg") {
			t.Errorf("format %q: error %v, want one naming png or svg", f, err)
		}
	}
}

// TestWriteDeterministic writes the same result twice: every file must be
// byte-identical (no timestamps, no map order, no worker order).
func TestWriteDeterministic(t *testing.T) {
	sc := builtin(t, "red-lines")
	sum := fakeSummary(sc, 5000)
	a, b := t.TempDir(), t.TempDir()
	opt := Options{Formats: []string{"png", "svg"}}
	if err := Write(a, sum, sc, opt); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, sum, sc, opt); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(a)
	for _, e := range entries {
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, err := os.ReadFile(filepath.Join(b, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes of the same result", e.Name())
		}
	}
}

// TestReportSelfContained parses report.html and checks it holds every chart
// as an inline image, the scenario's title, and no reference to anything
// outside the file.
func TestReportSelfContained(t *testing.T) {
	dir, sum, sc := writeFixture(t, Options{})
	data, err := os.ReadFile(filepath.Join(dir, HTMLName))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var imgs []string
	var title string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "link", "iframe", "object", "embed":
			t.Errorf("report has a <%s> element", n.Data)
		case "img":
			imgs = append(imgs, attr(n, "src"))
		case "h1":
			title = textOf(n)
		}
		for _, a := range n.Attr {
			if a.Key == "src" || a.Key == "href" || a.Key == "srcset" || a.Key == "action" {
				v := strings.TrimSpace(strings.ToLower(a.Val))
				if strings.HasPrefix(v, "http:") || strings.HasPrefix(v, "https:") || strings.HasPrefix(v, "//") || !strings.HasPrefix(v, "data:") && !strings.HasPrefix(v, "#") {
					t.Errorf("<%s %s=%.60q> refers outside the file", n.Data, a.Key, a.Val)
				}
			}
		}
	})
	if title != sc.Title {
		t.Errorf("h1 is %q, want the scenario title %q", title, sc.Title)
	}
	charts := Charts(sum, sc)
	if len(imgs) != len(charts) {
		t.Errorf("%d images, want one per chart (%d)", len(imgs), len(charts))
	}
	for i, src := range imgs {
		if !strings.HasPrefix(src, "data:image/png;base64,") || len(src) < 1000 {
			t.Errorf("image %d is not an inline PNG: %.60q", i, src)
		}
	}
	// Nothing in the style sheet may load a resource either.
	for _, bad := range []string{"@import", "url(", "http://", "https://"} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("report contains %q", bad)
		}
	}
	for _, c := range charts {
		if !bytes.Contains(data, []byte(`id="fig-`+c.Name+`"`)) {
			t.Errorf("no figure for chart %s", c.Name)
		}
	}
}

// TestReportText compares the visible text of the report with a golden
// file (go test -run TestReportText -update rewrites it), so any change to
// what a reader sees is reviewed.
//
// The scenario is testdata/golden.yaml, the report package's own, so that
// edits to the built-in scenarios do not change the golden text.
func TestReportText(t *testing.T) {
	sc, err := scenarios.LoadFile(filepath.Join("testdata", "golden.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Write(dir, fakeSummary(sc, 10000), sc, Options{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, HTMLName))
	if err != nil {
		t.Fatal(err)
	}
	got := visibleText(t, data)
	golden := filepath.Join("testdata", "report.golden.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("visible text differs from %s at line %d:\n got: %q\nwant: %q\n(run with -update if the change is intended)", golden, i+1, g, w)
			}
		}
	}
}

// TestReportPartial shows the partial-run warning only for a partial result.
func TestReportPartial(t *testing.T) {
	sc := builtin(t, "rubinstein")
	sum := fakeSummary(sc, 700)
	for _, partial := range []bool{false, true} {
		sum.Partial, sum.Requested = partial, 1000
		dir := t.TempDir()
		if err := Write(dir, sum, sc, Options{}); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(dir, HTMLName))
		has := strings.Contains(visibleText(t, data), "This result is partial")
		if has != partial {
			t.Errorf("partial=%v: warning shown = %v", partial, has)
		}
	}
}

// TestReportEscapes checks scenario text is escaped, never interpreted.
func TestReportEscapes(t *testing.T) {
	sc := builtin(t, "rubinstein")
	sc.Title = `<script>alert("x")</script> & co`
	sc.Description = `<img src="http://example.com/x.png">`
	dir := t.TempDir()
	if err := Write(dir, fakeSummary(sc, 100), sc, Options{}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, HTMLName))
	if bytes.Contains(data, []byte("<script>")) || bytes.Contains(data, []byte(`<img src="http`)) {
		t.Error("scenario text reached the page unescaped")
	}
	if !strings.Contains(visibleText(t, data), `<script>alert("x")</script> & co`) {
		t.Error("the escaped title is not shown as text")
	}
}

// visibleText is the text a reader sees: text nodes outside <style>,
// <script> and <head>, one line per block, whitespace collapsed.
func visibleText(t *testing.T, data []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var rec func(n *html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "style", "script", "head":
				return
			case "p", "h1", "h2", "h3", "li", "tr", "dt", "dd", "figcaption", "th", "td", "footer":
				b.WriteString("\n")
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(doc)
	space := regexp.MustCompile(`[ \t]+`)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.TrimSpace(space.ReplaceAllString(l, " ")); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.TrimSpace(b.String())
}
