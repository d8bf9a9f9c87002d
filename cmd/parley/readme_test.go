package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeSummaryIsCurrent: the summary table on the README's first
// screen is what `parley run` prints today for the default scenario (10,000
// runs, seed 1), line for line, and docs/img/outcomes.png is the chart that
// run draws. A change of the engine or of muscat-2026 that moves a number
// must come with a new README table and image:
//
//	go run ./cmd/parley run --out /tmp/def > /tmp/def.txt
//	cp /tmp/def/outcomes.png docs/img/outcomes.png   # and paste the table
func TestReadmeSummaryIsCurrent(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := readmeSummaryBlock(t, string(readme))
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("parley run: exit %d\n%s", code, stderr.String())
	}
	for _, line := range block {
		if !strings.Contains(stdout.String(), line) {
			t.Errorf("README line not in today's output: %q\n(regenerate the README table)", line)
		}
	}
	want, err := os.ReadFile(filepath.Join(out, "outcomes.png"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "docs", "img", "outcomes.png"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("docs/img/outcomes.png is not the outcomes chart of today's default run (copy it again)")
	}
}

// readmeSummaryBlock returns the lines of the README's code block that
// starts with the default scenario's summary header.
func readmeSummaryBlock(t *testing.T, readme string) []string {
	t.Helper()
	const header = "muscat-2026 — US–Iran talks in Muscat, February 2026"
	i := strings.Index(readme, "```\n"+header)
	if i < 0 {
		t.Fatal("README has no code block with the default scenario's summary")
	}
	rest := readme[i+4:]
	j := strings.Index(rest, "```")
	if j < 0 {
		t.Fatal("README's summary block is not closed")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(rest[:j], "\n"), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) < 5 {
		t.Fatalf("README summary block has only %d lines", len(lines))
	}
	return lines
}
