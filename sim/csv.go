package sim

import (
	"bufio"
	"io"
	"math"
	"strconv"

	"github.com/parleysim/parley/scenarios"
)

// rowStore keeps the runs.csv rows of one block in flat slices, allocated
// once per accumulator.
type rowStore struct {
	nL, nI    int
	outcome   []int
	escalated []bool
	status    []Status
	round     []int
	value     []float64
}

func newRowStore(nL, nI, capacity int) *rowStore {
	return &rowStore{nL: nL, nI: nI,
		outcome:   make([]int, 0, capacity),
		escalated: make([]bool, 0, capacity),
		status:    make([]Status, 0, capacity*nL),
		round:     make([]int, 0, capacity*nL),
		value:     make([]float64, 0, capacity*nI),
	}
}

func (s *rowStore) reset() {
	s.outcome, s.escalated = s.outcome[:0], s.escalated[:0]
	s.status, s.round, s.value = s.status[:0], s.round[:0], s.value[:0]
}

func (s *rowStore) add(r *RunResult) {
	s.outcome = append(s.outcome, r.Outcome)
	s.escalated = append(s.escalated, r.Escalated)
	s.status = append(s.status, r.Status...)
	s.round = append(s.round, r.Round...)
	s.value = append(s.value, r.Value...)
}

// CSVHeader is the header of runs.csv (CLI.md): run, outcome, escalated,
// then per layer <layer>.status and <layer>.round, then per issue its
// agreed value in its units (empty when not agreed).
func CSVHeader(sc *scenarios.Scenario) []string {
	h := []string{"run", "outcome", "escalated"}
	for _, l := range sc.Layers {
		h = append(h, l.ID+".status", l.ID+".round")
	}
	for _, is := range sc.Issues {
		h = append(h, is.ID)
	}
	return h
}

// csvWriter writes runs.csv rows in run order.
type csvWriter struct {
	w       *bufio.Writer
	sc      *scenarios.Scenario
	buf     []byte
	started bool
}

func newCSVWriter(w io.Writer, sc *scenarios.Scenario) *csvWriter {
	return &csvWriter{w: bufio.NewWriterSize(w, 1<<16), sc: sc}
}

func (c *csvWriter) header() error {
	b := c.buf[:0]
	for i, h := range CSVHeader(c.sc) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, h)
	}
	b = append(b, '\n')
	c.buf = b
	_, err := c.w.Write(b)
	return err
}

// block writes the rows of a block whose first run is first.
func (c *csvWriter) block(first int, s *rowStore) error {
	if !c.started {
		c.started = true
		if err := c.header(); err != nil {
			return err
		}
	}
	outs := c.sc.Outcomes
	for i := range s.outcome {
		b := c.buf[:0]
		b = strconv.AppendInt(b, int64(first+i), 10)
		b = append(b, ',')
		if o := s.outcome[i]; o < len(outs) {
			b = appendCSVField(b, outs[o].ID)
		} else {
			b = append(b, "other"...)
		}
		b = append(b, ',')
		b = strconv.AppendBool(b, s.escalated[i])
		for l := 0; l < s.nL; l++ {
			b = append(b, ',')
			b = append(b, s.status[i*s.nL+l].String()...)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(s.round[i*s.nL+l]), 10)
		}
		for k := 0; k < s.nI; k++ {
			b = append(b, ',')
			if v := s.value[i*s.nI+k]; !math.IsNaN(v) {
				b = strconv.AppendFloat(b, v, 'g', 10, 64)
			}
		}
		b = append(b, '\n')
		c.buf = b
		if _, err := c.w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (c *csvWriter) flush() error {
	if !c.started {
		c.started = true
		if err := c.header(); err != nil {
			return err
		}
	}
	return c.w.Flush()
}

// appendCSVField quotes a field when it holds a comma, quote or newline
// (RFC 4180). Ids never do; titles might.
func appendCSVField(b []byte, s string) []byte {
	needs := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ',' || c == '"' || c == '\n' || c == '\r' {
			needs = true
			break
		}
	}
	if !needs {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}
