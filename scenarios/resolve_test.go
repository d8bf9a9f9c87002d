package scenarios

import (
	"strings"
	"testing"
)

func TestResolveSets(t *testing.T) {
	plain, err := Resolve("testdata/valid/full.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Resolve("testdata/valid/full.yaml", []string{
		"actors.iran.patience=0.8",
		"layers.nuclear.breakdown={triangular: [0.01, 0.05, 0.2]}",
		"actors.us.positions.enrichment=3.67",
		"beliefs.noise=0.2",
		"horizon=20",
		"shocks.strike.rate=0.5",
		"actors.iran.red_lines.enrichment.firmness=0.4",
		"actors.oman.name=Sultanate of Oman",
		"settings.probe_threshold=0.7",
	})
	if err != nil {
		t.Fatal(err)
	}
	iran := s.Actors[1]
	if p := iran.Patience; p.Kind != Fixed || p.Args[0] != 0.8 {
		t.Errorf("patience %v", p)
	}
	if b := s.Layers[1].Breakdown; b.Kind != Triangular || b.Args[2] != 0.2 {
		t.Errorf("breakdown %v", b)
	}
	if s.Actors[0].Positions[1].Value.Args[0] != 3.67 || s.Beliefs.Noise.Args[0] != 0.2 || s.Horizon != 20 ||
		s.Shocks[2].Rate.Args[0] != 0.5 || iran.RedLines[0].Firmness.Args[0] != 0.4 ||
		s.Actors[2].Name != "Sultanate of Oman" || s.Settings.ProbeThreshold != 0.7 {
		t.Errorf("overrides not applied")
	}
	if s.SHA256 == plain.SHA256 {
		t.Error("SHA256 unchanged by --set")
	}
	src := string(s.Source)
	for _, want := range []string{"horizon: 20", "# A fixture that uses every key", "triangular: [0.01, 0.05, 0.2]"} {
		if !strings.Contains(src, want) {
			t.Errorf("Source lacks %q", want)
		}
	}
	// The re-encoded source loads to the same scenario, so a run can be repeated from it.
	again, err := Load("again.yaml", s.Source)
	if err != nil || again.SHA256 != s.SHA256 || again.Horizon != 20 {
		t.Errorf("re-loading Source: %v", err)
	}
}

func TestResolveSetErrors(t *testing.T) {
	_, err := Resolve("testdata/valid/full.yaml", []string{
		"actors.iran.patience=1.5",
		"actors.iran.patiense=0.9",
		"actors.irn.power=1",
		"horizon.x=1",
		"layers.nuclear.breakdown={triangular: [0.3, 0.1, 0.2]}",
		"noequals",
		"beliefs.noise=[1",
	})
	if err == nil {
		t.Fatal("no error")
	}
	got := err.Error()
	for _, want := range []string{
		"--set actors.iran.patience: patience must be in (0, 1], got 1.5",
		"--set actors.iran.patiense: unknown key patiense in actor (did you mean patience?)",
		"--set actors.irn.power: no item irn in actors (items: us, iran, oman, israel, gulf) (did you mean iran?)",
		"--set horizon.x: horizon is a single value; it has no x",
		"--set layers.nuclear.breakdown: breakdown triangular: needs min <= mode <= max",
		"--set noequals: an override is PATH=VALUE",
		"--set beliefs.noise: value is not valid YAML",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestResolveNames(t *testing.T) {
	s, err := Resolve("", nil)
	if err != nil || s.Name != DefaultScenario {
		t.Fatalf("default: %v", err)
	}
	for arg, want := range map[string]string{
		"muscat":         `unknown scenario "muscat": no such file and no built-in of that name (did you mean muscat-2026?); built-in scenarios: muscat-2026`,
		"nowhere.yaml":   "nowhere.yaml: no such file (built-in scenarios: muscat-2026",
		"testdata/valid": "is a directory",
	} {
		_, err := Resolve(arg, nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Resolve(%q) = %v, want %q", arg, err, want)
		}
	}
}
