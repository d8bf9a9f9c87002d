package report

// Small plotters in data coordinates that gonum/plot lacks or draws in
// absolute sizes (its bar widths are in points, so they would change with the
// canvas): filled rectangles, whiskers, text labels, annotated vertical lines
// and a centred note for empty charts.

import (
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rect is an axis-aligned rectangle in data coordinates.
type rect struct {
	x0, x1, y0, y1 float64
	fill           color.Color
}

// rects fills rectangles (bars, stacked segments, histogram bins), with an
// optional outline.
type rects struct {
	items []rect
	line  draw.LineStyle // Width 0: no outline
}

func (r *rects) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, it := range r.items {
		x0, x1, y0, y1 := trX(it.x0), trX(it.x1), trY(it.y0), trY(it.y1)
		pts := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		if it.fill != nil {
			c.FillPolygon(it.fill, c.ClipPolygonXY(pts))
		}
		if r.line.Width > 0 {
			c.StrokeLines(r.line, c.ClipLinesXY(append(pts, pts[0]))...)
		}
	}
}

func (r *rects) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, it := range r.items {
		xmin, xmax = math.Min(xmin, math.Min(it.x0, it.x1)), math.Max(xmax, math.Max(it.x0, it.x1))
		ymin, ymax = math.Min(ymin, math.Min(it.y0, it.y1)), math.Max(ymax, math.Max(it.y0, it.y1))
	}
	return
}

// swatch is a legend thumbnail: a filled box, optionally outlined.
type swatch struct {
	fill color.Color
	line draw.LineStyle
}

func (s swatch) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	pad := h * 0.1
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y + pad}, {X: c.Max.X, Y: c.Min.Y + pad}, {X: c.Max.X, Y: c.Max.Y - pad}, {X: c.Min.X, Y: c.Max.Y - pad}}
	if s.fill != nil {
		c.FillPolygon(s.fill, pts)
	}
	if s.line.Width > 0 {
		c.StrokeLines(s.line, append(pts, pts[0]))
	}
}

// lineThumb is a legend thumbnail: a horizontal line in a style.
type lineThumb struct{ line draw.LineStyle }

func (l lineThumb) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(l.line, c.Min.X, y, c.Max.X, y)
}

// glyphThumb is a legend thumbnail: one glyph in the middle.
type glyphThumb struct{ glyph draw.GlyphStyle }

func (g glyphThumb) Thumbnail(c *draw.Canvas) { c.DrawGlyph(g.glyph, c.Center()) }

// whisker is an interval [lo, hi] drawn at a fixed coordinate at: horizontal
// (lo, hi on X, at on Y) or vertical.
type whisker struct{ lo, hi, at float64 }

// whiskers draws intervals with end caps of capLen points.
type whiskers struct {
	items      []whisker
	horizontal bool
	line       draw.LineStyle
	capLen     vg.Length
}

func (w *whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, it := range w.items {
		if w.horizontal {
			x0, x1, y := trX(it.lo), trX(it.hi), trY(it.at)
			c.StrokeLine2(w.line, x0, y, x1, y)
			c.StrokeLine2(w.line, x0, y-w.capLen/2, x0, y+w.capLen/2)
			c.StrokeLine2(w.line, x1, y-w.capLen/2, x1, y+w.capLen/2)
		} else {
			y0, y1, x := trY(it.lo), trY(it.hi), trX(it.at)
			c.StrokeLine2(w.line, x, y0, x, y1)
			c.StrokeLine2(w.line, x-w.capLen/2, y0, x+w.capLen/2, y0)
			c.StrokeLine2(w.line, x-w.capLen/2, y1, x+w.capLen/2, y1)
		}
	}
}

func (w *whiskers) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, it := range w.items {
		a0, a1, b := math.Min(it.lo, it.hi), math.Max(it.lo, it.hi), it.at
		if w.horizontal {
			xmin, xmax, ymin, ymax = math.Min(xmin, a0), math.Max(xmax, a1), math.Min(ymin, b), math.Max(ymax, b)
		} else {
			ymin, ymax, xmin, xmax = math.Min(ymin, a0), math.Max(ymax, a1), math.Min(xmin, b), math.Max(xmax, b)
		}
	}
	return
}

// label is a text at a data point, shifted by (dx, dy) points, aligned by its
// style.
type label struct {
	x, y   float64
	dx, dy vg.Length
	text   string
	style  text.Style
	// fitLo < fitHi: draw the label only if it fits between these X values
	// (a segment of a stacked bar), judged at draw time in canvas units.
	fitLo, fitHi float64
}

// labels draws texts; its glyph boxes make the plot leave room for them, so
// a label at the end of a bar is never clipped.
type labels struct{ items []label }

func (l *labels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, it := range l.items {
		if it.fitLo < it.fitHi && it.style.Width(it.text)+vg.Points(6) > trX(it.fitHi)-trX(it.fitLo) {
			continue
		}
		c.FillText(it.style, vg.Point{X: trX(it.x) + it.dx, Y: trY(it.y) + it.dy}, it.text)
	}
}

func (l *labels) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	boxes := make([]plot.GlyphBox, len(l.items))
	for i, it := range l.items {
		boxes[i] = plot.GlyphBox{
			X:         p.X.Norm(it.x),
			Y:         p.Y.Norm(it.y),
			Rectangle: it.style.Rectangle(it.text).Add(vg.Point{X: it.dx, Y: it.dy}),
		}
	}
	return boxes
}

// note writes a message in the middle of the data area: what an empty chart
// means ("no run reached an agreement"), so it is never mistaken for a bug.
type note struct {
	text  string
	style text.Style
}

func newNote(msg string) *note {
	s := textStyle(noteSize+1, mutedColor)
	s.XAlign = draw.XCenter
	s.YAlign = draw.YCenter
	return &note{text: msg, style: s}
}

// empty turns p into a chart with no axes and only the message msg, for a
// result with nothing to draw.
func empty(p *plot.Plot, msg string) *plot.Plot {
	p.HideAxes()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(newNote(msg))
	return p
}

func (n *note) Plot(c draw.Canvas, _ *plot.Plot) {
	ctr := c.Center()
	w, h := n.style.Width(n.text)/2+vg.Points(8), n.style.Height(n.text)/2+vg.Points(6)
	c.FillPolygon(color.White, []vg.Point{{X: ctr.X - w, Y: ctr.Y - h}, {X: ctr.X + w, Y: ctr.Y - h}, {X: ctr.X + w, Y: ctr.Y + h}, {X: ctr.X - w, Y: ctr.Y + h}})
	c.FillText(n.style, ctr, n.text)
}

// vline is a vertical line at x with a label, drawn from the bottom of the
// data area up to its label.
type vline struct {
	x     float64
	text  string
	line  draw.LineStyle
	color color.Color
}

// vlines draws annotated vertical lines (ideal points, red lines) with their
// labels in rows at the top of the data area. Labels are packed greedily:
// each takes the first row where it does not overlap a label already there,
// so two lines at nearby values never print on top of each other. The chart
// reserves headroom for the rows (see vlines.rows).
type vlines struct {
	items []vline
	style text.Style
}

// rowHeight is the height of one label row.
func (v *vlines) rowHeight() vg.Length {
	return v.style.Height("Ag") * 1.35
}

// layout places the labels on a data area of the given x extent; it returns
// each label's row and left edge.
func (v *vlines) layout(xmin, xmax vg.Length, xpos func(float64) vg.Length) (rows []int, left []vg.Length) {
	gap := v.style.Width("  ")
	order := make([]int, len(v.items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return v.items[order[a]].x < v.items[order[b]].x })
	rows = make([]int, len(v.items))
	left = make([]vg.Length, len(v.items))
	var ends []vg.Length // right edge of the last label in each row
	for _, i := range order {
		w := v.style.Width(v.items[i].text)
		x := xpos(v.items[i].x)
		l := x - w/2 // centred on the line, kept inside the data area
		l = vg.Length(math.Max(float64(xmin), math.Min(float64(l), float64(xmax-w))))
		r := 0
		for r < len(ends) && l < ends[r]+gap {
			r++
		}
		if r == len(ends) {
			ends = append(ends, 0)
		}
		ends[r] = l + w
		rows[i], left[i] = r, l
	}
	return rows, left
}

// rows is how many label rows the lines need on a data area width wide
// showing [lo, hi].
func (v *vlines) rows(width vg.Length, lo, hi float64) int {
	if len(v.items) == 0 || !(hi > lo) {
		return 0
	}
	rows, _ := v.layout(0, width, func(x float64) vg.Length { return vg.Length((x - lo) / (hi - lo) * float64(width)) })
	n := 0
	for _, r := range rows {
		n = max(n, r+1)
	}
	return n
}

// vlineLayer draws either the lines or the labels of a vlines, so that the
// lines can go under the data and the labels over it.
type vlineLayer struct {
	v     *vlines
	lines bool
}

func (l *vlineLayer) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	v := l.v
	rows, left := v.layout(c.Min.X, c.Max.X, trX)
	rh := v.rowHeight()
	top := func(i int) vg.Length { return c.Max.Y - rh*vg.Length(rows[i]+1) }
	if l.lines {
		for i, it := range v.items {
			x := trX(it.x)
			c.StrokeLine2(it.line, x, c.Min.Y, x, top(i))
		}
		return
	}
	// Labels go on a white ground, so a line that runs up to a higher row
	// never strikes through a lower label.
	ground := color.NRGBA{0xFF, 0xFF, 0xFF, 0xEB}
	for i, it := range v.items {
		s := v.style
		s.Color = it.color
		s.XAlign = draw.XLeft
		s.YAlign = draw.YBottom
		w := s.Width(it.text)
		y0 := top(i)
		pad := rh * 0.08
		c.FillPolygon(ground, []vg.Point{{X: left[i] - pad, Y: y0}, {X: left[i] + w + pad, Y: y0}, {X: left[i] + w + pad, Y: y0 + rh}, {X: left[i] - pad, Y: y0 + rh}})
		c.FillText(s, vg.Point{X: left[i], Y: y0 + rh*0.15}, it.text)
	}
}

func (l *vlineLayer) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, it := range l.v.items {
		xmin, xmax = math.Min(xmin, it.x), math.Max(xmax, it.x)
	}
	return xmin, xmax, math.Inf(1), math.Inf(-1)
}

// pt is a point in data coordinates.
type pt struct{ x, y float64 }

// glyphs draws one glyph style at points; its glyph boxes keep the glyphs
// inside the image.
type glyphs struct {
	items []pt
	style draw.GlyphStyle
}

func (g *glyphs) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, it := range g.items {
		c.DrawGlyphNoClip(g.style, vg.Point{X: trX(it.x), Y: trY(it.y)})
	}
}

func (g *glyphs) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, it := range g.items {
		xmin, xmax, ymin, ymax = math.Min(xmin, it.x), math.Max(xmax, it.x), math.Min(ymin, it.y), math.Max(ymax, it.y)
	}
	return
}

func (g *glyphs) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	boxes := make([]plot.GlyphBox, len(g.items))
	for i, it := range g.items {
		boxes[i] = plot.GlyphBox{X: p.X.Norm(it.x), Y: p.Y.Norm(it.y), Rectangle: g.style.Rectangle()}
	}
	return boxes
}

// diamondGlyph is a filled diamond with a white outline, so it stays visible
// on top of a bar of another colour.
type diamondGlyph struct{}

func (diamondGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, p vg.Point) {
	r := sty.Radius
	var path vg.Path
	path.Move(vg.Point{X: p.X, Y: p.Y + r})
	path.Line(vg.Point{X: p.X + r*0.75, Y: p.Y})
	path.Line(vg.Point{X: p.X, Y: p.Y - r})
	path.Line(vg.Point{X: p.X - r*0.75, Y: p.Y})
	path.Close()
	c.SetColor(sty.Color)
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: color.White, Width: vg.Points(1.2)})
	c.Stroke(path)
}
