package forecast

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parleysim/parley/models"
)

// Format names an input format.
type Format string

// The input formats Read understands.
const (
	FormatBDM     Format = "bdm"      // CSV: Actor,Capability,Position,Salience
	FormatKTABCSV Format = "ktab-csv" // KTAB SMP CSV
	FormatKTABXML Format = "ktab-xml" // KTAB SMP XML (smpSchema.xsd)
)

// Actor is one row of an input table, in the input's own units.
type Actor struct {
	Name        string
	Description string
	Capability  float64   // ≥ 0, any scale (only ratios matter)
	Position    []float64 // per dimension, in the input's units (KTAB: 0–100)
	Salience    []float64 // per dimension, as a fraction in [0, 1]
	Line        int       // line of the row in the file
}

// Input is a spatial-forecast table read from a file.
type Input struct {
	File        string
	Format      Format
	Name        string // scenario name (KTAB); the file name otherwise
	Description string
	Dimensions  []string
	Actors      []Actor
	// SalienceScale says how saliences were written in the file:
	// "fraction" (0–1) or "percent" (0–100). Saliences in Actors are
	// always fractions.
	SalienceScale string
	// Scale is the position range of the format: [0, 100] for KTAB, and
	// the observed [min, max] of positions for BDM tables.
	Lo, Hi float64
	// Notes are remarks a user should see (e.g. how salience was read).
	Notes []string
	// SMP holds the model parameters of a KTAB XML file; nil otherwise.
	SMP *models.SMPParams
	// Seed is the KTAB XML prngSeed (HasSeed false when absent).
	Seed    uint64
	HasSeed bool
	// Accommodation is KTAB's ideal-accommodation matrix from the XML
	// IdealAdjustment pairs (nil: identity, ideals track positions).
	Accommodation [][]float64
}

// InputError is bad input at a position in a file.
type InputError struct {
	File string
	Line int // 1-based; 0 when the error concerns the whole file
	Msg  string
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func errAt(file string, line int, format string, args ...any) error {
	return &InputError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// ReadFile reads a BDM table, a KTAB CSV or a KTAB XML file, recognising
// the format by its content: XML by its first tag, KTAB CSV by a first line
// whose third and fourth fields are the numbers of actors and dimensions,
// and a BDM table by its header.
func ReadFile(path string) (*Input, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(filepath.Base(path), data)
}

// Read parses data read from a file called name (used in messages).
func Read(name string, data []byte) (*Input, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // UTF-8 byte-order mark
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errAt(name, 0, "empty file")
	}
	if trimmed[0] == '<' {
		return readKTABXML(name, data)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	if isKTABFirstLine(first) {
		return readKTABCSV(name, data)
	}
	return readBDM(name, data)
}

// Weights returns capability × salience per actor on dimension k.
func (in *Input) Weights(k int) []float64 {
	w := make([]float64, len(in.Actors))
	for i, a := range in.Actors {
		w[i] = a.Capability * a.Salience[k]
	}
	return w
}

// Positions returns the actors' positions on dimension k.
func (in *Input) Positions(k int) []float64 {
	x := make([]float64, len(in.Actors))
	for i, a := range in.Actors {
		x[i] = a.Position[k]
	}
	return x
}
