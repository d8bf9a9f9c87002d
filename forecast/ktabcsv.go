package forecast

import (
	"strconv"
	"strings"
)

// readKTABCSV reads KTAB's SMP CSV: line 1 `scenario name, description,
// number of actors, number of dimensions`; line 2 the header (its position
// columns name the dimensions); then per actor `name, description,
// capability, position_1, salience_1, …` on 0–100 scales. KTAB requires an
// actor's saliences to sum to at most 100 (SMPModel::csvRead), and so do we.
func readKTABCSV(name string, data []byte) (*Input, error) {
	recs, err := readRecords(name, data)
	if err != nil {
		return nil, err
	}
	first := recs[0]
	na, _ := strconv.Atoi(first.fields[2])
	nd, _ := strconv.Atoi(first.fields[3])
	if na < 2 {
		return nil, errAt(name, first.line, "number of actors %d: need at least 2", na)
	}
	if nd < 1 {
		return nil, errAt(name, first.line, "number of dimensions %d: need at least 1", nd)
	}
	if len(recs) < 2 {
		return nil, errAt(name, first.line, "missing the header line")
	}
	head := recs[1]
	want := 3 + 2*nd
	if len(head.fields) < want {
		return nil, errAt(name, head.line, "header has %d columns, want %d (name, description, capability, then position and salience for %d dimensions)", len(head.fields), want, nd)
	}
	in := &Input{
		File: name, Format: FormatKTABCSV, Name: first.fields[0], Description: first.fields[1],
		SalienceScale: "percent", Lo: 0, Hi: 100,
	}
	for k := range nd {
		in.Dimensions = append(in.Dimensions, head.fields[3+2*k])
	}
	rows := recs[2:]
	if len(rows) != na {
		line := head.line
		if len(rows) > 0 {
			line = rows[len(rows)-1].line
		}
		return nil, errAt(name, line, "found %d actors, line 1 announces %d", len(rows), na)
	}
	for _, r := range rows {
		if len(r.fields) < want {
			return nil, errAt(name, r.line, "%d columns, want %d (name, description, capability, then position and salience for %d dimensions)", len(r.fields), want, nd)
		}
		a := Actor{Name: r.fields[0], Description: r.fields[1], Line: r.line}
		if a.Capability, err = number(name, r.line, r.fields[2], "capability"); err != nil {
			return nil, err
		}
		if a.Capability < 0 {
			return nil, errAt(name, r.line, "negative capability %v", a.Capability)
		}
		var sum float64
		for k := range nd {
			p, err := number(name, r.line, r.fields[3+2*k], "position "+strconv.Itoa(k+1))
			if err != nil {
				return nil, err
			}
			s, err := number(name, r.line, r.fields[4+2*k], "salience "+strconv.Itoa(k+1))
			if err != nil {
				return nil, err
			}
			if p < 0 || p > 100 {
				return nil, errAt(name, r.line, "position %d = %v outside [0, 100]", k+1, p)
			}
			if s < 0 {
				return nil, errAt(name, r.line, "negative salience %d = %v", k+1, s)
			}
			sum += s
			a.Position = append(a.Position, p)
			a.Salience = append(a.Salience, s/100)
		}
		if sum > 100+1e-9 {
			return nil, errAt(name, r.line, "saliences of %s sum to %s, over 100", a.Name, strconv.FormatFloat(sum, 'g', -1, 64))
		}
		if sum == 0 {
			return nil, errAt(name, r.line, "all saliences of %s are zero", a.Name)
		}
		in.Actors = append(in.Actors, a)
	}
	if strings.TrimSpace(in.Name) == "" {
		in.Name = strings.TrimSuffix(name, ".csv")
	}
	return in, nil
}
