package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The built-in scenarios, one YAML file each, embedded so the binary runs
// without any file of its own.
//
//go:embed builtin/*.yaml
var builtinFS embed.FS

// DefaultScenario is the built-in used when no scenario is named.
const DefaultScenario = "muscat-2026"

// Builtin describes one built-in scenario.
type Builtin struct {
	Name        string // what a user types: parley run NAME
	Title       string
	Description string
}

// builtinOrder is the order `parley scenarios` lists them in: the default
// and the other analyses first, then the textbook cases; any other file
// follows in alphabetical order.
var builtinOrder = []string{DefaultScenario, "freeze-for-relief", "ceasefire-2026", "rubinstein", "nash-mediated", "red-lines"}

// builtinNames returns the names of the embedded scenarios in list order.
func builtinNames() []string {
	entries, _ := fs.ReadDir(builtinFS, "builtin")
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, name)
		}
	}
	rank := func(n string) int {
		if i := slices.Index(builtinOrder, n); i >= 0 {
			return i
		}
		return len(builtinOrder)
	}
	slices.SortStableFunc(names, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	return names
}

// Builtins lists the built-in scenarios in a stable order. Title and
// description are read from each file's own keys.
func Builtins() []Builtin {
	var out []Builtin
	for _, name := range builtinNames() {
		data, _ := BuiltinSource(name)
		var head struct {
			Title       string `yaml:"title"`
			Description string `yaml:"description"`
		}
		_ = yaml.Unmarshal(data, &head) // a broken built-in is caught by its test, not here
		out = append(out, Builtin{Name: name, Title: head.Title, Description: strings.TrimSpace(head.Description)})
	}
	return out
}

// BuiltinSource returns the YAML of a built-in scenario exactly as
// embedded, comments included.
func BuiltinSource(name string) ([]byte, error) {
	names := builtinNames()
	if !slices.Contains(names, name) {
		return nil, unknownScenario(name, names)
	}
	return builtinFS.ReadFile("builtin/" + name + ".yaml")
}

// unknownScenario is the error for a name that is neither a file nor a
// built-in; it lists the built-ins.
func unknownScenario(name string, names []string) error {
	msg := fmt.Sprintf("unknown scenario %q: no such file and no built-in of that name", name)
	if hint := didYouMean(name, names); hint != "" {
		msg += " (" + hint + ")"
	}
	return fmt.Errorf("%s; built-in scenarios: %s", msg, strings.Join(names, ", "))
}
