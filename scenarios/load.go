package scenarios

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits that make hostile input fail fast instead of exhausting memory.
const (
	// MaxFileSize is the largest scenario file the loader reads (1 MiB);
	// a hand-written scenario is a few kilobytes.
	MaxFileSize = 1 << 20
	// maxNodes bounds the YAML nodes of a file after expanding aliases,
	// which defeats "billion laughs" alias bombs.
	maxNodes = 100000
)

// Load parses and validates a scenario from data; file names it in
// messages. On failure the error is an ErrorList holding every problem
// found, each with its position.
func Load(file string, data []byte) (*Scenario, error) {
	root, err := parse(file, data)
	if err != nil {
		return nil, err
	}
	s, err := decode(file, root, nil)
	if err != nil {
		return nil, err
	}
	s.Source = data
	sum := sha256.Sum256(data)
	s.SHA256 = hex.EncodeToString(sum[:])
	return s, nil
}

// LoadFile reads and loads the scenario file at path.
func LoadFile(path string) (*Scenario, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Load(path, data)
}

// readFile reads at most MaxFileSize+1 bytes, so a huge file is refused
// without being read whole.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// single returns one error without a position.
func single(file, format string, args ...any) error {
	return ErrorList{{File: file, Msg: fmt.Sprintf(format, args...)}}
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parse checks the bytes and parses them into one YAML document whose top
// level is a mapping.
func parse(file string, data []byte) (*yaml.Node, error) {
	switch {
	case len(data) > MaxFileSize:
		return nil, single(file, "file is too large (more than %d bytes); a scenario is a few kilobytes of YAML", MaxFileSize)
	case len(bytes.TrimSpace(data)) == 0:
		return nil, single(file, "file is empty; a scenario starts with parley: 1 (see parley scenarios show rubinstein)")
	case bytes.IndexByte(data, 0) >= 0:
		return nil, single(file, "file is binary (it contains NUL bytes), not a YAML scenario")
	case !utf8.Valid(data):
		line := 1 + bytes.Count(data[:invalidUTF8(data)], []byte("\n"))
		return nil, ErrorList{{File: file, Pos: Pos{Line: line}, Msg: "file is not valid UTF-8 text"}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, yamlError(file, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, ErrorList{{File: file, Pos: Pos{Line: extra.Line, Col: extra.Column}, Msg: "file holds more than one YAML document (---); a scenario is one document"}}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, single(file, "file holds no YAML document")
	}
	root := doc.Content[0]
	if n, ok := countNodes(root, maxNodes); !ok {
		return nil, single(file, "file has more than %d YAML nodes once aliases are expanded (%d counted); refusing it as an alias bomb", maxNodes, n)
	}
	if deref(root).Kind != yaml.MappingNode {
		return nil, ErrorList{{File: file, Pos: posOf(root), Msg: "the top level of a scenario must be a mapping of keys (parley: 1, horizon: …), got " + describe(root)}}
	}
	return root, nil
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// yamlError turns a YAML syntax error into a positioned Error.
func yamlError(file string, err error) error {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return single(file, "%v", err)
	}
	line, _ := strconv.Atoi(m[1])
	return ErrorList{{File: file, Pos: Pos{Line: line}, Msg: "YAML syntax: " + m[2]}}
}

// countNodes counts the nodes of a tree with aliases expanded, stopping as
// soon as limit is passed. The count of each anchored node is memoised, so
// an alias bomb is measured in time linear in the file.
func countNodes(n *yaml.Node, limit int) (int, bool) {
	memo := map[*yaml.Node]int{}
	var count func(n *yaml.Node, depth int) int
	count = func(n *yaml.Node, depth int) int {
		if n == nil {
			return 0
		}
		if depth > 1000 {
			return limit + 1
		}
		if n.Kind == yaml.AliasNode {
			n = n.Alias
			if n == nil {
				return 1
			}
		}
		if c, ok := memo[n]; ok {
			return c
		}
		memo[n] = limit + 1 // an alias back into its own anchor counts as too many
		total := 1
		for _, c := range n.Content {
			total += count(c, depth+1)
			if total > limit {
				break
			}
		}
		memo[n] = total
		return total
	}
	total := count(n, 0)
	return total, total <= limit
}

// decode validates a parsed tree; sets names the --set overrides whose
// nodes carry negative lines.
func decode(file string, root *yaml.Node, sets []string) (*Scenario, error) {
	d := &decoder{file: file, sets: sets}
	s := d.scenario(root)
	if err := d.errs.err(); err != nil {
		return nil, err
	}
	s.File = file
	return s, nil
}
