package forecast

import (
	"strings"
)

// bdmColumns lists the accepted header names of each required column of a
// BDM table (case-insensitive). The alternative names are those of the
// published replication data (e.g. Bueno de Mesquita 2002, China case:
// Stakeholder, Resources).
var bdmColumns = []struct {
	name    string
	aliases []string
}{
	{"Actor", []string{"actor", "stakeholder", "name"}},
	{"Capability", []string{"capability", "resources", "power", "influence", "clout"}},
	{"Position", []string{"position"}},
	{"Salience", []string{"salience"}},
}

// readBDM reads a Bueno de Mesquita table: a header naming the columns
// Actor, Capability, Position, Salience (any order; other columns are
// ignored), then one row per actor. Salience may be a fraction (all values
// ≤ 1) or a percentage (any value > 1, all ≤ 100); the reading is recorded
// in SalienceScale and in a note.
func readBDM(name string, data []byte) (*Input, error) {
	recs, err := readRecords(name, data)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, errAt(name, 0, "empty file")
	}
	head := recs[0]
	col := make([]int, len(bdmColumns))
	for c, want := range bdmColumns {
		col[c] = -1
		for i, h := range head.fields {
			for _, a := range want.aliases {
				if strings.EqualFold(h, a) {
					col[c] = i
				}
			}
		}
		if col[c] < 0 {
			return nil, errAt(name, head.line, "missing column %q in the header (want Actor,Capability,Position,Salience)", want.name)
		}
	}
	if len(recs) < 2 {
		return nil, errAt(name, head.line, "no actors after the header")
	}
	in := &Input{File: name, Format: FormatBDM, Name: strings.TrimSuffix(name, ".csv"), Dimensions: []string{"position"}}
	percent := false
	for _, r := range recs[1:] {
		for c, i := range col {
			if i >= len(r.fields) || r.fields[i] == "" {
				return nil, errAt(name, r.line, "missing %s (column %d)", bdmColumns[c].name, i+1)
			}
		}
		capability, err := number(name, r.line, r.fields[col[1]], "capability")
		if err != nil {
			return nil, err
		}
		if capability < 0 {
			return nil, errAt(name, r.line, "negative capability %v", capability)
		}
		pos, err := number(name, r.line, r.fields[col[2]], "position")
		if err != nil {
			return nil, err
		}
		sal, err := number(name, r.line, r.fields[col[3]], "salience")
		if err != nil {
			return nil, err
		}
		if sal < 0 || sal > 100 {
			return nil, errAt(name, r.line, "salience %v outside [0, 1] (fraction) or [0, 100] (percent)", sal)
		}
		if sal > 1 {
			percent = true
		}
		in.Actors = append(in.Actors, Actor{
			Name: r.fields[col[0]], Capability: capability,
			Position: []float64{pos}, Salience: []float64{sal}, Line: r.line,
		})
	}
	if len(in.Actors) < 2 {
		return nil, errAt(name, recs[0].line, "need at least two actors, found %d", len(in.Actors))
	}
	in.SalienceScale = "fraction"
	if percent {
		in.SalienceScale = "percent"
		for i := range in.Actors {
			in.Actors[i].Salience[0] /= 100
		}
		in.Notes = append(in.Notes, "salience read as a percentage (a value above 1); divided by 100")
	} else {
		in.Notes = append(in.Notes, "salience read as a fraction (all values at most 1)")
	}
	in.Lo, in.Hi = in.Actors[0].Position[0], in.Actors[0].Position[0]
	var total float64
	for _, a := range in.Actors {
		in.Lo = min(in.Lo, a.Position[0])
		in.Hi = max(in.Hi, a.Position[0])
		total += a.Capability
	}
	if total == 0 {
		return nil, errAt(name, recs[1].line, "all capabilities are zero")
	}
	return in, nil
}
