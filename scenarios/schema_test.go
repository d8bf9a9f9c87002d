package scenarios

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	sj "github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func compileSchema(t *testing.T) *sj.Schema {
	t.Helper()
	raw, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := sj.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := sj.NewCompiler()
	if err := c.AddResource("scenario.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("scenario.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// yamlToJSON converts a YAML document to the generic JSON value a schema
// validator reads (mapping keys become strings, as marks' numbers do).
func yamlToJSON(t *testing.T, src []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	var conv func(n *yaml.Node) any
	conv = func(n *yaml.Node) any {
		n = deref(n)
		switch n.Kind {
		case yaml.DocumentNode:
			return conv(n.Content[0])
		case yaml.MappingNode:
			m := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				m[n.Content[i].Value] = conv(n.Content[i+1])
			}
			return m
		case yaml.SequenceNode:
			l := []any{}
			for _, c := range n.Content {
				l = append(l, conv(c))
			}
			return l
		}
		var v any
		if err := n.Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	b, err := json.Marshal(conv(&doc))
	if err != nil {
		t.Fatal(err)
	}
	v, err := sj.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemaAcceptsBuiltins validates every built-in and valid fixture
// against the published schema.
func TestSchemaAcceptsBuiltins(t *testing.T) {
	s := compileSchema(t)
	sources := map[string][]byte{}
	for _, b := range Builtins() {
		sources[b.Name], _ = BuiltinSource(b.Name)
	}
	files, _ := filepath.Glob("testdata/valid/*.yaml")
	for _, f := range files {
		sources[f] = mustRead(t, f)
	}
	for name, src := range sources {
		if err := s.Validate(yamlToJSON(t, src)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestSchemaRejects checks that the schema catches what editors should
// flag: an unknown key, a bad distribution, an effect with two forms.
func TestSchemaRejects(t *testing.T) {
	s := compileSchema(t)
	base := string(mustRead(t, "testdata/valid/full.yaml"))
	for _, c := range [][2]string{
		{"    salience: {guarantees: 0.5,", "    saliense: {guarantees: 0.5,"},
		{"{triangular: [0.90, 0.95, 0.98]}", "{triangular: [0.90, 0.95]}"},
		{"      - escalate: true", "      - {escalate: true, breakdown: {layer: kinetic, add: 0.1}}"},
		{"parley: 1", "parley: 2"},
		{"    protocol: nash\n    solution", "    protocol: bargain\n    solution"},
	} {
		if !strings.Contains(base, c[0]) {
			t.Fatalf("fixture lacks %q", c[0])
		}
		bad := strings.Replace(base, c[0], c[1], 1)
		if err := s.Validate(yamlToJSON(t, []byte(bad))); err == nil {
			t.Errorf("schema accepts %q", c[1])
		}
	}
}

// TestSchemaKeys checks that the schema and the loader know the same keys
// for every object of the format.
func TestSchemaKeys(t *testing.T) {
	raw, _ := JSONSchema()
	var doc struct {
		Properties map[string]any `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	keysOf := func(m map[string]any) []string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		slices.Sort(k)
		return k
	}
	check := func(name string, got map[string]any, want []string) {
		w := slices.Clone(want)
		slices.Sort(w)
		if g := keysOf(got); !slices.Equal(g, w) {
			t.Errorf("%s: schema has %v, loader has %v", name, g, w)
		}
	}
	check("scenario", doc.Properties, scenarioKeys)
	for def, keys := range map[string][]string{
		"Settings": settingsKeys, "Beliefs": beliefsKeys, "Issue": issueKeys, "Layer": layerKeys,
		"Actor": actorKeys, "RedLine": redLineKeys, "Shock": shockKeys, "Effect": effectKeys,
		"Breakdown": breakdownKeys, "Change": changeKeys, "RedLineEffect": redLineEffectKeys,
		"Implementation": implementationKeys, "Cheating": cheatingKeys, "Outcome": outcomeKeys,
	} {
		d, ok := doc.Defs[def]
		if !ok {
			t.Errorf("schema has no %s", def)
			continue
		}
		check(def, d.Properties, keys)
	}
}
