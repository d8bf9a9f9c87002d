package scenarios

import (
	"path/filepath"
	"testing"
)

// FuzzLoad feeds the loader arbitrary bytes, seeded with the built-ins and
// every fixture: it must return a scenario or an error, never panic or
// hang. Crashers found are kept in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	for _, b := range Builtins() {
		src, _ := BuiltinSource(b.Name)
		f.Add(src)
	}
	files, _ := filepath.Glob("testdata/*/*.yaml")
	for _, file := range files {
		f.Add(mustRead(f, file))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Load("fuzz.yaml", data)
		if err == nil && (s.Vars == nil || s.Horizon < 1) {
			t.Fatalf("loaded without variables or horizon")
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
	})
}
