package report

import (
	"bytes"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/parleysim/parley/scenarios"
	"github.com/parleysim/parley/sim"
)

//go:embed templates/report.html.tmpl
var templateFS embed.FS

// page is parsed once; html/template escapes every value for its context.
var page = template.Must(template.New("report.html.tmpl").ParseFS(templateFS, "templates/report.html.tmpl"))

// figure is one chart as the report shows it.
type figure struct {
	Name, Heading, Caption string
	Src                    template.URL // data: URI of the PNG
}

// reportData is what the template prints; every number is already formatted.
type reportData struct {
	Title, Name string
	Description []string // paragraphs
	Sources     []string

	Version, SHA256, Seed, Runs, Requested string
	Partial                                bool
	Horizon, RoundUnit, RoundTitle         string

	Outcomes   []outcomeRow
	Layers     []layerRow
	Issues     []issueRow
	Actors     []actorRow
	Escalation string
	EscCI      string
	Shocks     []shockRow
	Compliance []complianceRow

	Definitions []definitionRow
	RedLines    []redLineRow

	OutcomeFigs, LayerFigs, ActorFigs []figure
	IssueFigs                         []issueFigures
	OtherFigs                         []figure // charts Write knows but no section claims

	MaxHalfWidth string // largest 95 % half-width among the outcomes, in points
	ExampleP     string // an example outcome for the error paragraph
	ExampleCI    string
	ExampleSE    string
}

type outcomeRow struct{ ID, Title, Runs, P, CI, SE string }
type layerRow struct {
	ID, Title, Agreed, AgreedCI, Collapsed, Broken, Open, Unopened, OffAgenda, Infeasible, Round string
}
type issueRow struct {
	ID, Title, Layer, Unit, AgreedRuns, Mean, P10, P50, P90 string
}
type actorRow struct{ Name, Role, Utility, Reservation string }
type shockRow struct{ Title, Fired, Mean string }
type complianceRow struct{ Actor, Layer, Runs, Cheated, Detected string }
type definitionRow struct{ ID, Title, Condition string }
type redLineRow struct{ Actor, Issue, Bound, Firmness, Label string }
type issueFigures struct {
	Title string
	Figs  []figure
}

// HTML builds the self-contained report page from the summary, the scenario
// and the charts already rendered as PNG: every image is a data: URI, the
// style sheet is inline, and nothing refers to the network.
func HTML(sum *sim.Summary, sc *scenarios.Scenario, charts []rendered) ([]byte, error) {
	d := buildData(sum, sc)
	claimed := map[string]*[]figure{
		"outcomes": &d.OutcomeFigs, "layers": &d.LayerFigs, "rounds": &d.LayerFigs, "utilities": &d.ActorFigs,
	}
	issueIdx := map[string]int{}
	for _, is := range sum.Issues {
		issueIdx[is.ID] = len(d.IssueFigs)
		d.IssueFigs = append(d.IssueFigs, issueFigures{Title: nonEmpty(is.Title, is.ID)})
	}
	for _, r := range charts {
		png, ok := r.files["png"]
		if !ok {
			return nil, fmt.Errorf("report: chart %s was not rendered as PNG", r.chart.Name)
		}
		f := figure{
			Name: r.chart.Name, Heading: r.chart.Heading, Caption: r.chart.Caption,
			Src: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)),
		}
		if dst, ok := claimed[f.Name]; ok {
			*dst = append(*dst, f)
			continue
		}
		id, isIssue := strings.CutPrefix(f.Name, "issue-")
		if !isIssue {
			id, isIssue = strings.CutPrefix(f.Name, "offers-")
		}
		if i, ok := issueIdx[id]; ok && isIssue {
			d.IssueFigs[i].Figs = append(d.IssueFigs[i].Figs, f)
			continue
		}
		d.OtherFigs = append(d.OtherFigs, f)
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return buf.Bytes(), nil
}

// buildData formats everything the template prints.
func buildData(sum *sim.Summary, sc *scenarios.Scenario) reportData {
	d := reportData{
		Title:      scenarioTitle(sum, sc),
		Name:       sum.Scenario.Name,
		Version:    nonEmpty(sum.Parley, "unknown"),
		SHA256:     sum.Scenario.SHA256,
		Seed:       strconv.FormatUint(sum.Seed, 10),
		Runs:       groupDigits(sum.Runs),
		Requested:  groupDigits(sum.Requested),
		Partial:    sum.Partial,
		Horizon:    strconv.Itoa(sum.Horizon),
		RoundUnit:  plural(roundUnit(sc)),
		RoundTitle: capitalize(roundUnit(sc)),
	}
	if sc != nil {
		d.Description = paragraphs(sc.Description)
		d.Sources = sc.Sources
		d.Name = nonEmpty(d.Name, sc.Name)
		d.SHA256 = nonEmpty(d.SHA256, sc.SHA256)
	}
	if d.Title == "" {
		d.Title = "Parley report"
	}

	maxHalf := 0.0
	for _, o := range outcomeRows(sum) {
		d.Outcomes = append(d.Outcomes, outcomeRow{
			ID: o.ID, Title: o.Title, Runs: groupDigits(o.Runs), P: formatPercent(o.P),
			CI: formatPercent(o.CI95[0]) + " – " + formatPercent(o.CI95[1]),
			SE: formatPoints(o.SE),
		})
		maxHalf = max(maxHalf, (o.CI95[1]-o.CI95[0])/2)
	}
	d.MaxHalfWidth = formatPoints(maxHalf)
	if rows := outcomeRows(sum); len(rows) > 0 {
		o := rows[0]
		d.ExampleP, d.ExampleSE = formatPercent(o.P), formatPoints(o.SE)
		d.ExampleCI = formatPercent(o.CI95[0]) + " to " + formatPercent(o.CI95[1])
	}

	for _, l := range sum.Layers {
		round := "–"
		if l.PAgreed+l.PBroken+l.PCollapsed > 0 {
			round = formatValue(l.Round.P50) + " (" + formatValue(l.Round.P10) + "–" + formatValue(l.Round.P90) + ")"
		}
		d.Layers = append(d.Layers, layerRow{
			ID: l.ID, Title: nonEmpty(l.Title, layerTitle(sc, l.ID)),
			Agreed: formatPercent(l.PAgreed), Collapsed: formatPercent(l.PCollapsed), Broken: formatPercent(l.PBroken),
			Open: formatPercent(max(0, l.POpen-l.PUnopened)), Unopened: formatPercent(l.PUnopened), OffAgenda: formatPercent(l.POffAgenda), Infeasible: formatPercent(l.PInfeasible),
			Round: round,
		})
		if ci := l.AgreedCI95; ci[1] > 0 {
			d.Layers[len(d.Layers)-1].AgreedCI = formatPercent(ci[0]) + " – " + formatPercent(ci[1])
		}
	}
	for _, is := range sum.Issues {
		r := issueRow{
			ID: is.ID, Title: nonEmpty(is.Title, is.ID), Layer: layerTitle(sc, is.Layer), Unit: is.Unit,
			AgreedRuns: groupDigits(is.AgreedRuns), Mean: "–", P10: "–", P50: "–", P90: "–",
		}
		if is.AgreedRuns > 0 {
			r.Mean, r.P10, r.P50, r.P90 = formatValue(is.Mean), formatValue(is.P10), formatValue(is.P50), formatValue(is.P90)
		}
		d.Issues = append(d.Issues, r)
	}
	for _, a := range sum.Actors {
		r := actorRow{Name: nonEmpty(a.Name, a.ID), Role: a.Role, Utility: "–", Reservation: "–"}
		if hasInterests(sc, a) {
			r.Utility = fmt.Sprintf("%.3f ± %.3f", a.UtilityMean, a.UtilitySE)
			r.Reservation = fmt.Sprintf("%.3f", a.ReservationMean)
		}
		d.Actors = append(d.Actors, r)
	}
	d.Escalation = formatPercent(sum.Escalation)
	d.EscCI = formatPercent(sum.EscCI95[0]) + " – " + formatPercent(sum.EscCI95[1])
	for _, s := range sum.Shocks {
		d.Shocks = append(d.Shocks, shockRow{Title: nonEmpty(s.Title, s.ID), Fired: formatPercent(s.PFired), Mean: strconv.FormatFloat(s.MeanFire, 'f', 2, 64)})
	}
	for _, c := range sum.Compliance {
		d.Compliance = append(d.Compliance, complianceRow{
			Actor: actorName(sc, c.Actor), Layer: layerTitle(sc, c.Layer), Runs: groupDigits(c.Runs),
			Cheated: formatPercent(c.PCheated), Detected: formatPercent(c.PDetected),
		})
	}
	if sc != nil {
		for _, o := range sc.Outcomes {
			cond := "true"
			if o.When != nil {
				cond = o.When.Source
			}
			d.Definitions = append(d.Definitions, definitionRow{ID: o.ID, Title: nonEmpty(o.Title, o.ID), Condition: cond})
		}
		for _, a := range sc.Actors {
			for _, rl := range a.RedLines {
				d.RedLines = append(d.RedLines, redLineRow{
					Actor: nonEmpty(a.Name, a.ID), Issue: issueTitle(sc, rl.Issue),
					Bound: boundText(rl, issueUnit(sc, rl.Issue)), Firmness: firmnessText(rl.Firmness), Label: rl.Label,
				})
			}
		}
	}
	return d
}

// paragraphs splits free text at blank lines and joins the lines of each
// paragraph, so that text hard-wrapped in YAML reflows on a phone.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// boundText is "at most 3.67 % U-235", "at least 10 %", or both.
func boundText(rl scenarios.RedLine, unit string) string {
	var parts []string
	if rl.Min != nil {
		parts = append(parts, "at least "+withUnit(*rl.Min, unit))
	}
	if rl.Max != nil {
		parts = append(parts, "at most "+withUnit(*rl.Max, unit))
	}
	return strings.Join(parts, ", ")
}

func withUnit(v float64, unit string) string {
	if unit == "" {
		return formatValue(v)
	}
	return formatValue(v) + " " + unit
}

// firmnessText is "1 (firm)" or the firmness as written, e.g. "0.7".
func firmnessText(p scenarios.Param) string {
	if !p.Set && len(p.Args) == 0 {
		return "1 (firm)"
	}
	if p.Kind == scenarios.Fixed && Representative(p) >= 1 {
		return "1 (firm)"
	}
	return Describe(p)
}

func actorName(sc *scenarios.Scenario, id string) string {
	if sc != nil {
		for _, a := range sc.Actors {
			if a.ID == id {
				return nonEmpty(a.Name, id)
			}
		}
	}
	return id
}

func issueTitle(sc *scenarios.Scenario, id string) string {
	for _, is := range sc.Issues {
		if is.ID == id {
			return nonEmpty(is.Title, id)
		}
	}
	return id
}

func issueUnit(sc *scenarios.Scenario, id string) string {
	for _, is := range sc.Issues {
		if is.ID == id {
			return is.Unit
		}
	}
	return ""
}

// formatPoints writes a probability difference in percentage points.
func formatPoints(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return strconv.FormatFloat(100*x, 'f', 2, 64) + " pp"
}

// groupDigits writes an integer with thin-space thousands separators
// (10 000), the SI convention, unambiguous in every locale.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
