package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// docCommand is one `parley …` line of a fenced ```sh block in a document,
// with what the document says about its result; or, when file is set, a
// fenced block preceded by <!-- file: NAME --> that the document asks the
// reader to save as NAME before the commands that follow.
type docCommand struct {
	line   int
	args   []string
	expect []*regexp.Regexp // from <!-- expect: REGEXP --> after the block
	exit   int              // from <!-- exit: N --> after the block; default 0
	file   string           // a file to write instead of a command
	text   string           // the file's content
}

// TestTutorialCommands runs every command of the documents a student or an
// analyst copies from, exactly as written, and checks what the text after
// each block says it prints (issue 6: "every command in them runs as
// written").
func TestTutorialCommands(t *testing.T) {
	for _, doc := range []string{"tutorial.md", "analyst-guide.md"} {
		t.Run(doc, func(t *testing.T) {
			path, err := filepath.Abs(filepath.Join("..", "..", "docs", doc))
			if err != nil {
				t.Fatal(err)
			}
			cmds := parseDocCommands(t, path)
			if len(cmds) == 0 {
				t.Fatalf("%s has no parley commands", doc)
			}
			t.Chdir(t.TempDir())
			for _, c := range cmds {
				if c.file != "" {
					if err := os.WriteFile(c.file, []byte(c.text), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				var out, errb bytes.Buffer
				code := run(c.args, &out, &errb)
				where := doc + ":" + strconv.Itoa(c.line) + ": parley " + strings.Join(c.args, " ")
				if code != c.exit {
					t.Errorf("%s: exit %d, want %d\n%s", where, code, c.exit, errb.String())
					continue
				}
				for _, re := range c.expect {
					if !re.Match(out.Bytes()) && !re.Match(errb.Bytes()) {
						t.Errorf("%s: output does not match %q:\n%s%s", where, re, out.String(), errb.String())
					}
				}
			}
		})
	}
}

var (
	expectRe = regexp.MustCompile(`^<!-- expect: (.*) -->$`)
	fileRe   = regexp.MustCompile(`^<!-- file: ([A-Za-z0-9._-]+) -->$`)
	exitRe   = regexp.MustCompile(`^<!-- exit: (\d+) -->$`)
)

// parseDocCommands reads the `parley` lines of the ```sh blocks of a
// Markdown file; the expectations written after a block apply to the last
// command of that block.
func parseDocCommands(t *testing.T, path string) []docCommand {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cmds []docCommand
	inBlock, inFile, fenced := false, false, false
	pendingFile := ""
	var text strings.Builder
	last := -1
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		switch {
		case strings.HasPrefix(line, "```"):
			fenced = !fenced
			inBlock = fenced && strings.TrimPrefix(line, "```") == "sh"
			switch {
			case fenced && pendingFile != "":
				inFile = true
				text.Reset()
			case !fenced && inFile:
				cmds = append(cmds, docCommand{line: n, file: pendingFile, text: text.String()})
				inFile, pendingFile, last = false, "", -1
			}
		case inFile:
			text.WriteString(raw + "\n")
		case !fenced && fileRe.MatchString(line):
			pendingFile = fileRe.FindStringSubmatch(line)[1]
		case inBlock && strings.HasPrefix(line, "parley "):
			cmds = append(cmds, docCommand{line: n, args: splitArgs(strings.TrimPrefix(line, "parley "))})
			last = len(cmds) - 1
		case !fenced && last >= 0 && expectRe.MatchString(line):
			cmds[last].expect = append(cmds[last].expect, regexp.MustCompile(expectRe.FindStringSubmatch(line)[1]))
		case !fenced && last >= 0 && exitRe.MatchString(line):
			cmds[last].exit, _ = strconv.Atoi(exitRe.FindStringSubmatch(line)[1])
		case !fenced && line != "":
			last = -1
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cmds
}

// splitArgs splits a command line like a shell for the simple quoting the
// documents use: words, 'single' and "double" quoted strings.
func splitArgs(s string) []string {
	var args []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		args = append(args, cur.String())
	}
	return args
}
