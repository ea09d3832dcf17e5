package generator

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Sheet names of budget.xlsx.
const (
	sheetProjects   = "项目"
	sheetIndicators = "指标"
)

// encodeXLSX writes the 项目 and 指标 tables as one workbook. Amounts are
// number cells, so Excel can sum them, each with a number format showing
// exactly the places it was written with: 2.7132 shows 2.7132, 69 shows 69.
//
// The bytes depend only on the data: document properties carry the data's
// date instead of the clock, and the zip is written by fixedZip, which
// orders the entries and stamps them all with that date (excelize writes
// its worksheets from a map, in no fixed order).
func encodeXLSX(s *Site, t tables) ([]byte, error) {
	stamp := fixedTime(dataUpdated(s))
	f := excelize.NewFile()
	defer f.Close()
	f.ZipWriter = func(w io.Writer) excelize.ZipWriter { return &fixedZip{w: w, modified: stamp} }

	creator := s.Config.Publisher
	if creator == "" {
		creator = "budgetsite"
	}
	iso := stamp.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: s.Config.Title, Subject: "项目支出绩效目标表", Description: "金额单位：万元，按绩效目标表原文公布。",
		Creator: creator, LastModifiedBy: creator, Language: "zh-CN",
		Created: iso, Modified: iso,
	}); err != nil {
		return nil, err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", sheetProjects); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(sheetIndicators); err != nil {
		return nil, err
	}
	// Set before the rows are streamed: afterwards excelize would read the
	// whole streamed sheet back into memory to change it.
	f.SetActiveSheet(0)
	if err := writeSheet(f, st, sheetProjects, projectColumns, t.projects); err != nil {
		return nil, err
	}
	if err := writeSheet(f, st, sheetIndicators, indicatorColumns, t.indicators); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// xlsxStyles caches the header style and one number style per count of
// decimal places.
type xlsxStyles struct {
	f      *excelize.File
	header int
	places map[int]int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	h, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	if err != nil {
		return nil, err
	}
	return &xlsxStyles{f: f, header: h, places: map[int]int{}}, nil
}

// number returns the style showing a number with exactly n decimals.
func (st *xlsxStyles) number(n int) (int, error) {
	if id, ok := st.places[n]; ok {
		return id, nil
	}
	format := "0"
	if n > 0 {
		format += "." + strings.Repeat("0", n)
	}
	id, err := st.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return 0, err
	}
	st.places[n] = id
	return id, nil
}

// xlsxCell converts a cell. A Decimal becomes a number only when the float
// shows exactly as written; otherwise (more digits than a float holds) it
// stays text, because a misstated amount is worse than one Excel cannot sum.
func (st *xlsxStyles) xlsxCell(c cell) (any, error) {
	switch c.kind {
	case 'i':
		return c.i, nil
	case 'd':
		text := c.d.String()
		places := 0
		if i := strings.IndexByte(text, '.'); i >= 0 {
			places = len(text) - i - 1
		}
		v := c.d.Float64()
		if strconv.FormatFloat(v, 'f', places, 64) != text {
			return text, nil
		}
		id, err := st.number(places)
		if err != nil {
			return nil, err
		}
		return excelize.Cell{StyleID: id, Value: v}, nil
	}
	return c.s, nil
}

func writeSheet(f *excelize.File, st *xlsxStyles, sheet string, cols []*exportField, rows []tableRow) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	// Widths and panes must come before the first row, so a first pass
	// measures the columns; the cells are made again when written rather
	// than kept, which for a province would be hundreds of megabytes.
	const maxWidth = 58
	widths := make([]int, len(cols))
	for i, col := range cols {
		widths[i] = displayWidth(col.Header)
	}
	for _, row := range rows {
		for i, col := range cols {
			if widths[i] < maxWidth {
				widths[i] = max(widths[i], displayWidth(col.value(row).String()))
			}
		}
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(max(w+2, 8), 60))); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, col := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: col.Header}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	line := make([]any, len(cols))
	for r, row := range rows {
		for i, col := range cols {
			if line[i], err = st.xlsxCell(col.value(row)); err != nil {
				return err
			}
		}
		ref, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, line); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// displayWidth approximates a text's width in Excel columns: CJK
// characters take two. Only the longest line of the text counts.
func displayWidth(s string) int {
	best := 0
	for _, line := range strings.Split(s, "\n") {
		n := 0
		for _, r := range line {
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
		best = max(best, n)
	}
	return best
}

// fixedTime is the date stamped into the workbook: the data's date, or
// 2000-01-01 when there is none, never the clock.
func fixedTime(date string) time.Time {
	t, err := time.Parse("2006-01-02", date)
	if err != nil || t.Year() < 1980 || t.Year() > 2107 { // the zip format's range
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// fixedZip is an excelize.ZipWriter with reproducible output: it collects
// the parts and, on Close, writes [Content_Types].xml first and the rest
// in name order, all stamped with one fixed time.
// fixedZip is the zip writer excelize writes through. excelize emits the
// parts in an order that varies from run to run; fixedZip writes them in
// sorted order with one fixed time, so the workbook's bytes depend only
// on the data. Each part is compressed as it arrives and only the
// compressed bytes are kept, so a province-sized workbook does not sit in
// memory uncompressed.
type fixedZip struct {
	w        io.Writer
	modified time.Time
	names    []string
	parts    map[string]*zipPart
}

// zipPart is one compressed member with what its header needs.
type zipPart struct {
	buf  bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
}

func (p *zipPart) Write(b []byte) (int, error) {
	p.crc.Write(b)
	p.size += uint64(len(b))
	return p.fw.Write(b)
}

func (z *fixedZip) Create(name string) (io.Writer, error) {
	if z.parts == nil {
		z.parts = map[string]*zipPart{}
	}
	if _, dup := z.parts[name]; dup {
		return nil, fmt.Errorf("xlsx: duplicate part %s", name)
	}
	p := &zipPart{crc: crc32.NewIEEE()}
	fw, err := flate.NewWriter(&p.buf, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	p.fw = fw
	z.parts[name] = p
	z.names = append(z.names, name)
	return p, nil
}

func (z *fixedZip) AddFS(fs.FS) error {
	return errors.New("xlsx: AddFS is not supported")
}

func (z *fixedZip) Close() error {
	const first = "[Content_Types].xml"
	sort.Slice(z.names, func(i, j int) bool {
		a, b := z.names[i], z.names[j]
		if (a == first) != (b == first) {
			return a == first
		}
		return a < b
	})
	zw := zip.NewWriter(z.w)
	for _, name := range z.names {
		p := z.parts[name]
		if err := p.fw.Close(); err != nil {
			return err
		}
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: name, Method: zip.Deflate, Modified: z.modified,
			CRC32: p.crc.Sum32(), CompressedSize64: uint64(p.buf.Len()), UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.buf.Bytes()); err != nil {
			return err
		}
		p.buf = bytes.Buffer{}
	}
	return zw.Close()
}
