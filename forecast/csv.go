package forecast

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
)

// record is one CSV line with its line number.
type record struct {
	line   int
	fields []string
}

// readRecords splits data into trimmed CSV records, skipping blank lines,
// and reports a malformed line by its number.
func readRecords(name string, data []byte) ([]record, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.LazyQuotes = true
	var recs []record
	for {
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, errAt(name, pe.Line, "%v", pe.Err)
			}
			return nil, errAt(name, 0, "%v", err)
		}
		line, _ := r.FieldPos(0)
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		// Trailing empty fields (KTAB writes a comma at the end of lines).
		for len(fields) > 0 && fields[len(fields)-1] == "" {
			fields = fields[:len(fields)-1]
		}
		if len(fields) == 0 {
			continue
		}
		recs = append(recs, record{line: line, fields: fields})
	}
	return recs, nil
}

// number parses a numeric cell; what names the cell in the message.
func number(name string, line int, cell, what string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(cell), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errAt(name, line, "%s %q is not a number", what, cell)
	}
	return v, nil
}

// isKTABFirstLine reports whether line looks like KTAB's first CSV line:
// scenario name, description, number of actors, number of dimensions.
func isKTABFirstLine(line string) bool {
	f := strings.Split(line, ",")
	if len(f) < 4 {
		return false
	}
	_, e1 := strconv.Atoi(strings.TrimSpace(f[2]))
	_, e2 := strconv.Atoi(strings.TrimSpace(f[3]))
	return e1 == nil && e2 == nil
}
