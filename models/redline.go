package models

// lineTol absorbs rounding when an offer sits exactly on a red line's bound.
const lineTol = 1e-12

// Crosses reports the first of the party's FIRM red lines that the
// normalised point z crosses (MODEL.md §3). A line that is not firm in this
// run is a bluff and never makes the party reject. line is an index into
// p.RedLines, or -1 when crosses is false.
func (p *Party) Crosses(z []float64) (line int, crosses bool) {
	for i := range p.RedLines {
		l := &p.RedLines[i]
		if !l.Firm {
			continue
		}
		if x := z[l.Issue]; x < l.Lo-lineTol || x > l.Hi+lineTol {
			return i, true
		}
	}
	return -1, false
}

// Reveal marks red line i of the party as known to every proposer for the
// rest of the run: a rejection it caused shows it is firm (MODEL.md §3).
func (p *Party) Reveal(i int) {
	if i >= 0 && i < len(p.RedLines) {
		p.RedLines[i].Revealed = true
	}
}

// Feasible reports whether the parties' firm red lines leave a point on
// every issue of the unit: the true feasible set is the box [0,1]^K cut by
// every firm line of every party, and it is empty as soon as one issue's
// interval is (MODEL.md §3, reported as p_infeasible). It does not allocate.
func Feasible(u *Unit) bool {
	for k := 0; k < u.Issues; k++ {
		lo, hi := 0.0, 1.0
		for q := range u.Parties {
			for _, l := range u.Parties[q].RedLines {
				if l.Firm && l.Issue == k {
					lo, hi = max(lo, l.Lo), min(hi, l.Hi)
				}
			}
		}
		if lo > hi+lineTol {
			return false
		}
	}
	return true
}

// FeasibleBox writes the true feasible box of the unit into lo and hi
// (len ≥ u.Issues): on each issue the intersection of [0, 1] with every
// party's firm red lines. It reports false when the box is empty.
func FeasibleBox(u *Unit, lo, hi []float64) bool {
	resetBox(u.Issues, lo, hi)
	for q := range u.Parties {
		for _, l := range u.Parties[q].RedLines {
			if l.Firm {
				cut(lo, hi, &l)
			}
		}
	}
	return closeBox(u.Issues, lo, hi)
}

// BelievedBox writes into lo and hi the box a proposer believes feasible
// (MODEL.md §3): its own firm lines; every revealed line of the others that
// is firm; and every stated, unrevealed line of the others whose firmness is
// at least u.ProbeThreshold (lines below the threshold are probed, that is
// ignored). proposer −1 stands for a mediator, which has no lines of its own.
//
// When the stated lines leave nothing (two high-firmness lines that exclude
// each other, one of them perhaps a bluff), the proposer probes them all and
// keeps only what it knows binds: its own firm lines and the revealed firm
// lines. It reports false when even that box is empty; then no agreement is
// possible on the unit in this run and the proposer makes no offer.
func BelievedBox(u *Unit, proposer int, lo, hi []float64) bool {
	if believedBox(u, proposer, lo, hi, true) {
		return true
	}
	return believedBox(u, proposer, lo, hi, false)
}

func believedBox(u *Unit, proposer int, lo, hi []float64, stated bool) bool {
	resetBox(u.Issues, lo, hi)
	for q := range u.Parties {
		for _, l := range u.Parties[q].RedLines {
			var avoid bool
			switch {
			case q == proposer:
				avoid = l.Firm
			case l.Revealed:
				avoid = l.Firm
			default:
				avoid = stated && l.Firmness >= u.ProbeThreshold
			}
			if avoid {
				cut(lo, hi, &l)
			}
		}
	}
	return closeBox(u.Issues, lo, hi)
}

func resetBox(k int, lo, hi []float64) {
	for i := 0; i < k; i++ {
		lo[i], hi[i] = 0, 1
	}
}

func cut(lo, hi []float64, l *RedLine) {
	if l.Issue < 0 || l.Issue >= len(lo) {
		return
	}
	lo[l.Issue] = max(lo[l.Issue], l.Lo)
	hi[l.Issue] = min(hi[l.Issue], l.Hi)
}

// closeBox reports whether every interval is non-empty, snapping intervals
// that are empty only by rounding to a point.
func closeBox(k int, lo, hi []float64) bool {
	for i := 0; i < k; i++ {
		if lo[i] > hi[i] {
			if lo[i] > hi[i]+lineTol {
				return false
			}
			hi[i] = lo[i]
		}
	}
	return true
}
