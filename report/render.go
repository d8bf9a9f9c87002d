package report

import (
	"bytes"
	"fmt"
	"image/png"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Formats are the image formats charts can be written in. PDF is deliberately
// absent: gonum/plot's PDF backend garbles non-ASCII text and darkens
// transparent fills.
var Formats = []string{"png", "svg"}

// margin is the white space kept around every chart so nothing touches the
// edge of the image.
const margin = 10 * vg.Millimeter / 2

// Render draws p on a canvas of w × h in format ("png" at 150 dpi, or "svg")
// and returns the encoded bytes. A legend, if the plot has one, is drawn in a
// column to the right of the plot area, so it never covers data. Rendering is
// deterministic.
func Render(p *plot.Plot, format string, w, h vg.Length) ([]byte, error) {
	var (
		canvas vg.CanvasWriterTo
		pngImg *vgimg.Canvas
	)
	switch format {
	case "png":
		pngImg = vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
		canvas = vgimg.PngCanvas{Canvas: pngImg}
	case "svg":
		canvas = vgsvg.New(w, h)
	default:
		return nil, fmt.Errorf("unknown image format %q (want png or svg)", format)
	}
	drawChart(p, draw.New(canvas))

	var buf bytes.Buffer
	if pngImg != nil {
		// Best speed: the charts are flat colours, so the files are still
		// small, and encoding is most of the cost of a chart.
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, pngImg.Image()); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// drawChart draws p inside the margin, with its legend moved to a right-hand
// column aligned with the top of the data area.
func drawChart(p *plot.Plot, c draw.Canvas) {
	// The background covers the margin too.
	c.SetColor(p.BackgroundColor)
	c.Fill(c.Rectangle.Path())
	c = draw.Crop(c, margin, -margin, margin, -margin)

	// The title is centred on the whole image, not on the plot area beside
	// the legend, so a long title is never cut at the left edge.
	if title := p.Title.Text; title != "" {
		sty := p.Title.TextStyle
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, title)
		c.Max.Y -= sty.Height(title) + p.Title.Padding
		p.Title.Text = ""
		defer func() { p.Title.Text = title }()
	}

	leg := p.Legend
	legWidth := leg.Rectangle(c).Size().X
	if legWidth <= 0 {
		p.Draw(c)
		return
	}
	gap := 6 * vg.Millimeter / 2
	plotArea := draw.Crop(c, 0, -(legWidth + gap), 0, 0)
	p.Legend = plot.Legend{TextStyle: leg.TextStyle} // drawn below instead
	p.Draw(plotArea)
	data := p.DataCanvas(plotArea)
	p.Legend = leg

	legArea := c
	legArea.Min.X = c.Max.X - legWidth
	legArea.Max.Y = data.Max.Y
	legArea.Min.Y = data.Min.Y
	leg.Top, leg.Left = true, true
	leg.Draw(legArea)
}
