package forecast

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/parleysim/parley/models"
)

// xmlNode is an element with its line, for messages.
type xmlNode struct {
	name     string
	text     string
	line     int
	children []*xmlNode
}

// parseXMLTree reads an XML document into a tree of elements.
func parseXMLTree(name string, data []byte) (*xmlNode, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xmlNode
	var root *xmlNode
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, errAt(name, se.Line, "XML syntax: %s", se.Msg)
			}
			return nil, errAt(name, line, "XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{name: t.Name.Local, line: line}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, errAt(name, 0, "no XML element")
	}
	return root, nil
}

// schemaSeq checks that n's children are exactly the named elements in
// order (KTAB's xs:sequence); optional ones may be missing. It returns the
// children by name.
func schemaSeq(file string, n *xmlNode, names []string, optional map[string]bool) (map[string]*xmlNode, error) {
	got := map[string]*xmlNode{}
	i := 0
	for _, c := range n.children {
		for i < len(names) && names[i] != c.name && optional[names[i]] {
			i++
		}
		if i >= len(names) {
			return nil, errAt(file, c.line, "unexpected element <%s> in <%s> (KTAB smpSchema.xsd)", c.name, n.name)
		}
		if names[i] != c.name {
			return nil, errAt(file, c.line, "element <%s> in <%s>: want <%s> here (KTAB smpSchema.xsd)", c.name, n.name, names[i])
		}
		got[c.name] = c
		i++
	}
	for ; i < len(names); i++ {
		if !optional[names[i]] {
			return nil, errAt(file, n.line, "<%s> lacks <%s> (KTAB smpSchema.xsd)", n.name, names[i])
		}
	}
	return got, nil
}

// decimal parses an xs:decimal element within [lo, hi].
func decimal(file string, n *xmlNode, lo, hi float64) (float64, error) {
	s := strings.TrimSpace(n.text)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || strings.ContainsAny(s, "eEnN") {
		return 0, errAt(file, n.line, "<%s> %q is not a decimal number", n.name, s)
	}
	if v < lo || v > hi {
		return 0, errAt(file, n.line, "<%s> %v outside [%v, %v] (KTAB smpSchema.xsd)", n.name, v, lo, hi)
	}
	return v, nil
}

// readKTABXML reads KTAB's SMP XML format, checking it against the structure
// of smpSchema.xsd: Scenario(name, desc, prngSeed, ModelParameters?,
// Dimensions?, Actors, IdealAdjustment?), at least three actors, positions
// and saliences in [0, 100], capabilities in [0, 1000], the enumerated
// model parameters. Beyond the schema it requires as many coordinates and
// saliences per actor as dimensions, and saliences summing to at most 100.
func readKTABXML(file string, data []byte) (*Input, error) {
	root, err := parseXMLTree(file, data)
	if err != nil {
		return nil, err
	}
	if root.name != "Scenario" {
		return nil, errAt(file, root.line, "root element <%s>, want <Scenario> (KTAB smpSchema.xsd)", root.name)
	}
	top, err := schemaSeq(file, root,
		[]string{"name", "desc", "prngSeed", "ModelParameters", "Dimensions", "Actors", "IdealAdjustment"},
		map[string]bool{"ModelParameters": true, "Dimensions": true, "IdealAdjustment": true})
	if err != nil {
		return nil, err
	}
	in := &Input{
		File: file, Format: FormatKTABXML, Name: strings.TrimSpace(top["name"].text),
		Description: strings.TrimSpace(top["desc"].text), SalienceScale: "percent", Lo: 0, Hi: 100,
	}
	if s := strings.TrimSpace(top["prngSeed"].text); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return nil, errAt(file, top["prngSeed"].line, "prngSeed %q is not an unsigned 64-bit integer", s)
		}
		in.Seed, in.HasSeed = seed, true
	}
	if mp := top["ModelParameters"]; mp != nil {
		if in.SMP, err = readSMPParams(file, mp); err != nil {
			return nil, err
		}
	}
	if dims := top["Dimensions"]; dims != nil {
		for _, c := range dims.children {
			if c.name != "dName" {
				return nil, errAt(file, c.line, "unexpected element <%s> in <Dimensions>, want <dName>", c.name)
			}
			in.Dimensions = append(in.Dimensions, strings.TrimSpace(c.text))
		}
		if len(in.Dimensions) == 0 {
			return nil, errAt(file, dims.line, "<Dimensions> needs at least one <dName>")
		}
	}
	actors := top["Actors"]
	for _, c := range actors.children {
		if c.name != "Actor" {
			return nil, errAt(file, c.line, "unexpected element <%s> in <Actors>, want <Actor>", c.name)
		}
		a, err := readXMLActor(file, c)
		if err != nil {
			return nil, err
		}
		in.Actors = append(in.Actors, a)
	}
	if len(in.Actors) < 3 {
		return nil, errAt(file, actors.line, "<Actors> has %d actors; KTAB's schema requires at least 3", len(in.Actors))
	}
	nd := len(in.Actors[0].Position)
	if in.Dimensions == nil {
		for k := range nd {
			in.Dimensions = append(in.Dimensions, "Dim"+strconv.Itoa(k+1))
		}
	}
	for _, a := range in.Actors {
		if len(a.Position) != len(in.Dimensions) || len(a.Salience) != len(in.Dimensions) {
			return nil, errAt(file, a.Line, "actor %s has %d coordinates and %d saliences, want %d (one per dimension)",
				a.Name, len(a.Position), len(a.Salience), len(in.Dimensions))
		}
	}
	if ia := top["IdealAdjustment"]; ia != nil {
		if in.Accommodation, err = readIdealAdjustment(file, ia, in.Actors); err != nil {
			return nil, err
		}
	}
	return in, nil
}

func readSMPParams(file string, mp *xmlNode) (*models.SMPParams, error) {
	fields := []struct {
		tag   string
		names []string
	}{
		{"VictoryProbModel", models.VictoryProbNames},
		{"PCEModel", models.PCENames},
		{"StateTransitions", models.TransitionNames},
		{"VotingRule", models.VotingNames},
		{"BigRAdjust", models.RiskAdjustNames},
		{"BigRRange", models.RiskRangeNames},
		{"ThirdPartyCommit", models.ThirdPartyNames},
		{"InterVecBrgn", models.InterpNames},
		{"BargnModel", models.BargainNames},
	}
	tags := make([]string, len(fields))
	for i, f := range fields {
		tags[i] = f.tag
	}
	got, err := schemaSeq(file, mp, tags, nil)
	if err != nil {
		return nil, err
	}
	v := make([]int, len(fields))
	for i, f := range fields {
		n := got[f.tag]
		if v[i], err = models.ParseEnum(f.names, strings.TrimSpace(n.text)); err != nil {
			return nil, errAt(file, n.line, "<%s>: %v", f.tag, err)
		}
	}
	return &models.SMPParams{
		VictoryProb: models.VictoryProbModel(v[0]), PCE: models.PCEModel(v[1]),
		Transitions: models.StateTransition(v[2]), Voting: models.VotingRule(v[3]),
		RiskAdjust: models.BigRAdjust(v[4]), RiskRange: models.BigRRange(v[5]),
		ThirdParty: models.ThirdPartyCommit(v[6]), Interp: models.InterVecBargain(v[7]),
		Bargain: models.BargainModel(v[8]),
	}, nil
}

func readXMLActor(file string, n *xmlNode) (Actor, error) {
	got, err := schemaSeq(file, n, []string{"name", "description", "capability", "Position", "Salience"}, nil)
	if err != nil {
		return Actor{}, err
	}
	a := Actor{Name: strings.TrimSpace(got["name"].text), Description: strings.TrimSpace(got["description"].text), Line: n.line}
	if a.Capability, err = decimal(file, got["capability"], 0, 1000); err != nil {
		return a, err
	}
	for _, c := range got["Position"].children {
		if c.name != "dCoord" {
			return a, errAt(file, c.line, "unexpected element <%s> in <Position>, want <dCoord>", c.name)
		}
		v, err := decimal(file, c, 0, 100)
		if err != nil {
			return a, err
		}
		a.Position = append(a.Position, v)
	}
	var sum float64
	for _, c := range got["Salience"].children {
		if c.name != "dSal" {
			return a, errAt(file, c.line, "unexpected element <%s> in <Salience>, want <dSal>", c.name)
		}
		v, err := decimal(file, c, 0, 100)
		if err != nil {
			return a, err
		}
		sum += v
		a.Salience = append(a.Salience, v/100)
	}
	if len(a.Position) == 0 || len(a.Salience) == 0 {
		return a, errAt(file, n.line, "actor %s needs at least one <dCoord> and one <dSal>", a.Name)
	}
	if sum > 100+1e-9 {
		return a, errAt(file, got["Salience"].line, "saliences of %s sum to %s, over 100", a.Name, strconv.FormatFloat(sum, 'g', -1, 64))
	}
	return a, nil
}

// readIdealAdjustment builds the accommodation matrix from iaPair elements:
// a(i, j) = adjust for adjustingIdeal i and referencePos j, 0 elsewhere.
// Each turn KTAB moves i's ideal to Σ_j a_ij·pos_j + (1 − Σ_j a_ij)·ideal_i
// (SMPState::newIdeals), so a row may sum to at most 1.
func readIdealAdjustment(file string, n *xmlNode, actors []Actor) ([][]float64, error) {
	idx := map[string]int{}
	for i, a := range actors {
		idx[a.Name] = i
	}
	na := len(actors)
	acc := make([][]float64, na)
	for i := range acc {
		acc[i] = make([]float64, na)
	}
	if len(n.children) == 0 {
		return nil, errAt(file, n.line, "<IdealAdjustment> needs at least one <iaPair>")
	}
	for _, c := range n.children {
		if c.name != "iaPair" {
			return nil, errAt(file, c.line, "unexpected element <%s> in <IdealAdjustment>, want <iaPair>", c.name)
		}
		got, err := schemaSeq(file, c, []string{"adjustingIdeal", "referencePos", "adjust"}, nil)
		if err != nil {
			return nil, err
		}
		i, ok := idx[strings.TrimSpace(got["adjustingIdeal"].text)]
		if !ok {
			return nil, errAt(file, got["adjustingIdeal"].line, "unknown actor %q", strings.TrimSpace(got["adjustingIdeal"].text))
		}
		j, ok := idx[strings.TrimSpace(got["referencePos"].text)]
		if !ok {
			return nil, errAt(file, got["referencePos"].line, "unknown actor %q", strings.TrimSpace(got["referencePos"].text))
		}
		v, err := decimal(file, got["adjust"], 0, 1)
		if err != nil {
			return nil, err
		}
		acc[i][j] = v
	}
	for i, row := range acc {
		var s float64
		for _, v := range row {
			s += v
		}
		if s > 1+1e-9 {
			return nil, errAt(file, n.line, "ideal adjustments of %s sum to %v, over 1", actors[i].Name, s)
		}
	}
	return acc, nil
}
