package scenarios

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .want files of testdata/bad")

// TestBuiltinsLoad checks that every embedded scenario validates.
func TestBuiltinsLoad(t *testing.T) {
	list := Builtins()
	if len(list) == 0 {
		t.Fatal("no built-in scenarios embedded")
	}
	if list[0].Name != DefaultScenario {
		t.Errorf("first built-in is %s, want the default %s", list[0].Name, DefaultScenario)
	}
	for _, b := range list {
		src, err := BuiltinSource(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Load(b.Name, src)
		if err != nil {
			t.Errorf("built-in %s:\n%v", b.Name, err)
			continue
		}
		if s.Name != b.Name {
			t.Errorf("built-in file %s.yaml has name: %s", b.Name, s.Name)
		}
		if b.Title == "" {
			t.Errorf("built-in %s has no title", b.Name)
		}
	}
}

// TestValidFixtures checks the valid fixtures load, and spot-checks what
// the loader fills in (indexes, defaults, normalised weights).
func TestValidFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.yaml")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		if _, err := LoadFile(f); err != nil {
			t.Errorf("%v", err)
		}
	}
	s, err := LoadFile("testdata/valid/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Layers[1].Issues; len(got) != 3 || s.Issues[got[0]].ID != "enrichment" {
		t.Errorf("nuclear issues = %v", got)
	}
	if s.Layers[0].Agenda.Set || s.Layers[0].Agenda.Args[0] != 1 {
		t.Errorf("default agenda = %+v, want 1 and not set", s.Layers[0].Agenda)
	}
	iran := s.Actors[1]
	if w := iran.Patience.Weights; len(w) != 2 || w[0] != 0.25 || w[1] != 0.75 {
		t.Errorf("choice weights %v, want [0.25 0.75]", w)
	}
	if p := iran.Positions[1].Value; p.Kind != Beta || p.Lo != 0 || p.Hi != 60 {
		t.Errorf("beta position %+v, want scaled to [0, 60]", p)
	}
	if iran.Utility.Name != "power" || iran.Utility.Gamma != 1.5 {
		t.Errorf("utility %+v", iran.Utility)
	}
	if m := s.Issues[1].Marks; len(m) != 3 || m[1].Value != 3.67 || m[1].Label != "JCPOA cap" {
		t.Errorf("marks %+v", m)
	}
	rial := s.Shocks[1]
	if c := rial.Effects[1].Change; c.Param != "reservation" || c.Index != 1 || c.ActorIndex != 1 {
		t.Errorf("change effect %+v", c)
	}
	if r := rial.Effects[4].RedLine; r.Line != 1 || r.Action != "soften" {
		t.Errorf("red_line effect %+v", r)
	}
	if c := s.Implementation.Cheating[0]; c.VerifyIndex != 3 || c.FrontIndex != 2 || !c.Escalate {
		t.Errorf("cheating %+v", c)
	}
	if s.SHA256 == "" || !bytes.Equal(s.Source, mustRead(t, "testdata/valid/full.yaml")) {
		t.Error("Source is not the bytes read")
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBadFiles loads each file of testdata/bad, one per loader rule, and
// compares every message with its golden .want file (go test -update
// rewrites them; review the diff).
func TestBadFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.yaml")
	if len(files) < 30 {
		t.Fatalf("only %d bad files", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := Load("bad/"+filepath.Base(f), mustRead(t, f))
			if err == nil {
				t.Fatal("loaded without error")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, not an ErrorList", err)
			}
			got := err.Error() + "\n"
			want := strings.TrimSuffix(f, ".yaml") + ".want"
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if w := string(mustRead(t, want)); got != w {
				t.Errorf("messages differ\n got:\n%s\nwant:\n%s", got, w)
			}
		})
	}
}

// TestTooLarge checks a file over MaxFileSize is refused before parsing.
func TestTooLarge(t *testing.T) {
	data := bytes.Repeat([]byte("# comment\n"), MaxFileSize/10+1)
	_, err := Load("big.yaml", data)
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("err = %v", err)
	}
}

func TestErrorFormat(t *testing.T) {
	for _, c := range []struct {
		e    Error
		want string
	}{
		{Error{File: "f.yaml", Pos: Pos{3, 5}, Msg: "unknown key x", Hint: "did you mean y?"}, "f.yaml:3:5: unknown key x (did you mean y?)"},
		{Error{File: "f.yaml", Pos: Pos{3, 0}, Msg: "m"}, "f.yaml:3: m"},
		{Error{File: "--set a.b", Msg: "m"}, "--set a.b: m"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	keys := []string{"salience", "positions", "patience", "power"}
	for word, want := range map[string]string{
		"saliense": "salience", "patiense": "patience", "postions": "positions",
		"pwoer": "power", "zzz": "", "salience": "", "kinetic": "",
	} {
		if got := closest(word, keys); got != want {
			t.Errorf("closest(%q) = %q, want %q", word, got, want)
		}
	}
}

// BenchmarkLoadBuiltin measures loading the default scenario (parse,
// validate, compile every condition).
func BenchmarkLoadBuiltin(b *testing.B) {
	src, err := BuiltinSource(DefaultScenario)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(DefaultScenario, src); err != nil {
			b.Fatal(err)
		}
	}
}
