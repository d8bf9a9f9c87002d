package scenarios

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a scenario, with the position it was found at.
// It prints as `file:line:col: message (hint)`, the form editors and
// terminals turn into links. A problem that comes from a --set override has
// File "--set PATH" and no line.
type Error struct {
	File string
	Pos  Pos
	Msg  string
	Hint string // optional, e.g. "did you mean salience?"
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Pos.Line)
		if e.Pos.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Pos.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// ErrorList is every problem found in one scenario, sorted by position. The
// loader reports all of them at once so a user fixes a file in one pass.
type ErrorList []*Error

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sort orders the problems by file (overrides first), line and column; the
// sort is stable so problems at one position keep the order they were found.
func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if (a.Pos.Line > 0) != (b.Pos.Line > 0) {
			return a.Pos.Line <= 0
		}
		if a.Pos.Line <= 0 && a.File != b.File {
			return a.File < b.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Pos.Col < b.Pos.Col
	})
}

// err returns the list as an error, or nil when it is empty.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	l.sort()
	return l
}

// didYouMean returns "did you mean X?" for the candidate closest to word by
// edit distance, or "" when none is close enough to be a plausible typo.
func didYouMean(word string, candidates []string) string {
	if s := closest(word, candidates); s != "" {
		return "did you mean " + s + "?"
	}
	return ""
}

// closest returns the candidate nearest to word, if its edit distance is at
// most a third of the word's length (at least 1, at most 3).
func closest(word string, candidates []string) string {
	limit := len(word) / 3
	if limit < 1 {
		limit = 1
	}
	if limit > 3 {
		limit = 3
	}
	if contains(candidates, word) {
		return ""
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := editDistance(word, c); d < bestD && c != word {
			best, bestD = c, d
		}
	}
	if best == "" && len(word) >= 3 {
		// "muscat" for "muscat-2026": a unique candidate that starts with the word.
		for _, c := range candidates {
			if strings.HasPrefix(c, word) {
				if best != "" {
					return ""
				}
				best = c
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, with an adjacent
// transposition counted as one edit (optimal string alignment), since
// swapped letters are the commonest typo.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// list joins names for a message: "a, b and c".
func list(names []string) string {
	switch len(names) {
	case 0:
		return "none"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
