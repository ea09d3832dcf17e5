package opendata

import (
	"archive/zip"
	"budgetsite/generator/site"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Sheet names of budget.xlsx.
const (
	SheetProjects   = "项目"
	SheetIndicators = "指标"
	SheetResults    = "自评"
)

// encodeXLSX writes the 项目, 指标 and 自评 tables of every project as
// one workbook; the 自评 sheet is always there, with only its header
// when no project has a 自评, so the workbook's shape never changes. Amounts are number cells, so Excel can sum them, each with a
// number format showing exactly the places it was written with: 2.7132
// shows 2.7132, 69 shows 69.
//
// excelize writes the workbook: properties, styles, sheets with their
// header rows, column widths and frozen panes. The rows themselves come
// from the fragment store, already deflated (fragments.go): fixedZip
// splices them into each sheet's part, where excelize's sheet has its
// header row, so a rebuild never compresses a province's rows again.
//
// The bytes depend only on the data: document properties carry the data's
// date instead of the clock, and the zip is written by fixedZip, which
// orders the entries and stamps them all with that date (excelize writes
// its worksheets from a map, in no fixed order).
func encodeXLSX(s *site.Site, pieces Pieces, out io.Writer) error {
	stamp := fixedTime(dataUpdated(s))
	f := excelize.NewFile()
	defer f.Close()
	z := &fixedZip{w: out, modified: stamp, splice: map[string]*sheetSplice{}}
	f.ZipWriter = func(w io.Writer) excelize.ZipWriter { z.w = w; return z }

	creator := s.Settings.Publisher
	if creator == "" {
		creator = "budgetsite"
	}
	iso := stamp.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: s.Settings.Title, Subject: "项目支出绩效目标表", Description: "金额单位：万元，按绩效目标表原文公布。",
		Creator: creator, LastModifiedBy: creator, Language: "zh-CN",
		Created: iso, Modified: iso,
	}); err != nil {
		return err
	}
	ids, err := addXLSXStyles(f)
	if err != nil {
		return err
	}
	if ids != xlsxStyles() {
		return errors.New("xlsx: style ids differ from those the rows were encoded with")
	}
	if err := f.SetSheetName("Sheet1", SheetProjects); err != nil {
		return err
	}
	for _, sh := range sheets[1:] {
		if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
	}
	// Set before the sheets are streamed: afterwards excelize would read
	// them back into memory to change them.
	f.SetActiveSheet(0)
	groups := make([][GroupKinds]sheetMeta, pieces.Groups())
	for g := range groups {
		if groups[g], err = groupSheets(pieces.GroupMeta(g)); err != nil {
			return err
		}
	}
	for si := 0; si < GroupKinds; si++ {
		cols, sheet := sheets[si].cols, sheets[si].name
		sp := &sheetSplice{pieces: pieces, groups: groups, si: si, cols: len(cols), rows: 1}
		widths := make([]int, len(cols))
		for i, col := range cols {
			widths[i] = displayWidth(col.Header)
		}
		for _, g := range groups {
			for c, w := range g[si].Widths {
				widths[c] = max(widths[c], int(w))
			}
		}
		for _, p := range s.Projects {
			switch si {
			case pieceSheetProjects:
				sp.rows++
			case pieceSheetIndicators:
				sp.rows += len(p.Indicators)
			case pieceSheetResults:
				if p.Evaluation != nil {
					sp.rows += len(p.Evaluation.Indicators)
				}
			}
		}
		z.splice[fmt.Sprintf("xl/worksheets/sheet%d.xml", si+1)] = sp
		if err := writeSheetHead(f, ids.header, sheet, cols, widths); err != nil {
			return err
		}
	}
	return f.Write(out)
}

// xlsxStyleIDs are the workbook's cell styles: the header's, and one
// number format per count of decimal places.
type xlsxStyleIDs struct {
	header int
	places [maxNumberPlaces + 1]int
}

// maxNumberPlaces is the most decimal places a number cell gets a format
// for; amounts with more stay text, exactly as written.
const maxNumberPlaces = 9

// addXLSXStyles adds the styles to f, always in the same order, so every
// workbook gets the same ids and rows encoded once fit them all.
func addXLSXStyles(f *excelize.File) (xlsxStyleIDs, error) {
	var ids xlsxStyleIDs
	var err error
	ids.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	if err != nil {
		return ids, err
	}
	for n := range ids.places {
		format := "0"
		if n > 0 {
			format += "." + strings.Repeat("0", n)
		}
		if ids.places[n], err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
			return ids, err
		}
	}
	return ids, nil
}

// xlsxStyles returns the style ids every workbook has.
var xlsxStyles = sync.OnceValue(func() xlsxStyleIDs {
	f := excelize.NewFile()
	defer f.Close()
	ids, err := addXLSXStyles(f)
	if err != nil {
		panic(err) // constant input: fails on every run or never
	}
	return ids
})

// appendSheetRow appends one row of a sheet as SpreadsheetML and widens
// widths to the display width of its cells. Rows and cells carry no
// "r" reference: they follow each other, so a project's rows read the
// same wherever in the sheet they land.
func appendSheetRow(b *bytes.Buffer, cols []*Field, r tableRow, widths []uint8) {
	ids := xlsxStyles()
	b.WriteString("<row>")
	for i, col := range cols {
		c := col.value(r)
		text := c.String()
		widths[i] = uint8(max(int(widths[i]), min(displayWidth(text), 255)))
		switch c.kind {
		case 'i':
			b.WriteString("<c><v>")
			b.WriteString(text)
			b.WriteString("</v></c>")
			continue
		case 'd':
			// A number only when the float shows exactly as written;
			// otherwise (more digits than a float holds) it stays text,
			// because a misstated amount is worse than one Excel cannot
			// sum.
			places := 0
			if i := strings.IndexByte(text, '.'); i >= 0 {
				places = len(text) - i - 1
			}
			v := c.d.Float64()
			if places <= maxNumberPlaces && strconv.FormatFloat(v, 'f', places, 64) == text {
				b.WriteString(`<c s="`)
				b.WriteString(strconv.Itoa(ids.places[places]))
				b.WriteString(`"><v>`)
				b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
				b.WriteString("</v></c>")
				continue
			}
		}
		if text == "" {
			b.WriteString("<c/>")
			continue
		}
		b.WriteString(`<c t="inlineStr"><is><t`)
		if strings.TrimSpace(text) != text {
			b.WriteString(` xml:space="preserve"`)
		}
		b.WriteByte('>')
		xml.EscapeText(b, []byte(text))
		b.WriteString("</t></is></c>")
	}
	b.WriteString("</row>")
}

// writeSheetHead writes a sheet's header row, column widths and frozen
// header; fixedZip adds the rows.
func writeSheetHead(f *excelize.File, headerStyle int, sheet string, cols []*Field, widths []int) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
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
		header[i] = excelize.Cell{StyleID: headerStyle, Value: col.Header}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	return sw.Flush()
}

// sheetSplice is the rows fixedZip adds to one sheet part.
type sheetSplice struct {
	pieces Pieces
	groups [][GroupKinds]sheetMeta
	si     int // the sheet's group kind
	cols   int
	rows   int // including the header
}

var dimensionRef = regexp.MustCompile(`<dimension ref="[^"]*"`)

// write writes the sheet part: excelize's XML up to the end of its header
// row, the stored rows, and the rest of excelize's XML, as one deflate
// stream, with the CRC-32 of the whole combined from the pieces'.
func (sp *sheetSplice) write(zw *zip.Writer, name string, modified time.Time, xmlPart []byte) error {
	cut := bytes.LastIndex(xmlPart, []byte("</sheetData>"))
	if cut < 0 {
		return fmt.Errorf("xlsx: %s has no sheetData", name)
	}
	last, err := excelize.CoordinatesToCellName(sp.cols, sp.rows)
	if err != nil {
		return err
	}
	head := dimensionRef.ReplaceAll(xmlPart[:cut], []byte(`<dimension ref="A1:`+last+`"`))
	tail := xmlPart[cut:]
	var zhead, ztail bytes.Buffer
	fw, _ := flate.NewWriter(&zhead, flate.DefaultCompression)
	fw.Write(head)
	if err := fw.Flush(); err != nil {
		return err
	}
	fw.Reset(&ztail)
	fw.Write(tail)
	if err := fw.Close(); err != nil {
		return err
	}
	crc := crc32.ChecksumIEEE(head)
	raw := int64(len(head))
	compressed := int64(zhead.Len() + ztail.Len())
	for i, g := range sp.groups {
		crc = crc32Combine(crc, g[sp.si].CRC, g[sp.si].Raw)
		raw += g[sp.si].Raw
		compressed += sp.pieces.GroupLen(i, sp.si)
	}
	crc = crc32Combine(crc, crc32.ChecksumIEEE(tail), int64(len(tail)))
	raw += int64(len(tail))
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, Modified: modified,
		CRC32: crc, CompressedSize64: uint64(compressed), UncompressedSize64: uint64(raw),
	})
	if err != nil {
		return err
	}
	if _, err := w.Write(zhead.Bytes()); err != nil {
		return err
	}
	if err := sp.pieces.CopyGroups(w, sp.si); err != nil {
		return err
	}
	_, err = w.Write(ztail.Bytes())
	return err
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
	// splice names the parts whose rows come from the fragment store;
	// excelize's XML of those is kept uncompressed (it is small).
	splice map[string]*sheetSplice
}

// zipPart is one compressed member with what its header needs.
type zipPart struct {
	buf  bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
	raw  bool // kept uncompressed, for a splice
}

func (p *zipPart) Write(b []byte) (int, error) {
	if p.raw {
		return p.buf.Write(b)
	}
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
	if z.splice[name] != nil {
		p.raw = true
		z.parts[name] = p
		z.names = append(z.names, name)
		return p, nil
	}
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
		if sp := z.splice[name]; sp != nil {
			if err := sp.write(zw, name, z.modified, p.buf.Bytes()); err != nil {
				return err
			}
			continue
		}
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

// crc32Combine returns the CRC-32 (IEEE) of A followed by B from the CRCs
// of A and B and the length of B, as zlib's crc32_combine does: appending
// n bytes multiplies A's remainder by x^(8n) modulo the CRC polynomial.
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	return multModP(x2nModP(lenB, 3), crcA) ^ crcB
}

// multModP multiplies a and b modulo the CRC polynomial, in the CRC's
// reflected bit order.
func multModP(a, b uint32) uint32 {
	m := uint32(1) << 31
	var p uint32
	for {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				break
			}
		}
		m >>= 1
		if b&1 != 0 {
			b = b>>1 ^ crc32.IEEE
		} else {
			b >>= 1
		}
	}
	return p
}

// x2nTable[k] is x^(2^k) modulo the CRC polynomial.
var x2nTable = func() (t [32]uint32) {
	p := uint32(1) << 30 // x^1
	t[0] = p
	for n := 1; n < 32; n++ {
		p = multModP(p, p)
		t[n] = p
	}
	return t
}()

// x2nModP returns x^(n·2^k) modulo the CRC polynomial.
func x2nModP(n int64, k uint) uint32 {
	p := uint32(1) << 31 // x^0
	for n != 0 {
		if n&1 != 0 {
			p = multModP(x2nTable[k&31], p)
		}
		n >>= 1
		k++
	}
	return p
}
