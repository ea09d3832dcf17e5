package opendata

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"budgetsite/generator/budget"
	"budgetsite/generator/markdown"
)

// Every download lists projects in the site's one order
// (budget.SortProjects), and every list a download holds (a year, a
// department, a unit, one project) is a run of that order. So each
// project is encoded once per format, as a piece, and a download is a
// header, the pieces of a run of projects and a footer. The pieces are
// kept by a store the caller offers (Pieces); the build cache keeps them
// between builds, so a rebuild after one edit encodes one project.
//
// The workbook's sheets are stored deflated, each piece ending on a byte
// boundary (a sync flush), so budget.xlsx is stitched from compressed
// pieces without compressing a province's rows again (see
// export_xlsx.go). Deflate finds no repeats across pieces, so the sheets
// are encoded per unit (实施单位) rather than per project: a unit's
// projects share its names and many indicator texts, which keeps the
// workbook near the size of one stream, and an edit still recompresses
// only its unit.

// Kinds of piece: one of each per project, then one of each per unit.
const (
	pieceProjectCSV   = iota // a project's projects.csv row
	pieceIndicatorCSV        // its indicators.csv rows
	pieceJSON                // "," and its object in projects.json
	pieceResultCSV           // its results.csv rows (none without a 自评)
	ItemKinds

	pieceSheetProjects   = 0 // a unit's 项目 sheet rows, deflated
	pieceSheetIndicators = 1 // its 指标 sheet rows, deflated
	pieceSheetResults    = 2 // its 自评 sheet rows, deflated
	GroupKinds           = 3
)

// sheets are the workbook's sheets, by group kind: name and columns.
var sheets = [GroupKinds]struct {
	name string
	cols []*Field
}{
	pieceSheetProjects:   {SheetProjects, ProjectColumns},
	pieceSheetIndicators: {SheetIndicators, IndicatorColumns},
	pieceSheetResults:    {SheetResults, ResultColumns},
}

// Pieces is where a build's encoded pieces are kept, in site order: the
// projects' pieces of each item kind, and each unit's pieces of each
// group kind with the metadata the encoder gave it.
type Pieces interface {
	CopyItems(w io.Writer, kind int, runs [][2]int, skip int64) error
	CopyGroups(w io.Writer, kind int) error
	Groups() int
	GroupMeta(g int) []byte
	GroupLen(g, kind int) int64
}

// assembly is what downloads are assembled from: the pieces, and where
// each project is in site order.
type assembly struct {
	Pieces
	index map[*budget.Project]int
}

func newAssembly(ps []*budget.Project, pieces Pieces) *assembly {
	a := &assembly{Pieces: pieces, index: make(map[*budget.Project]int, len(ps))}
	for i, p := range ps {
		a.index[p] = i
	}
	return a
}

// runs returns the runs of ps in site order, in ps's order.
func (a *assembly) runs(ps []*budget.Project) [][2]int {
	var out [][2]int
	for _, p := range ps {
		i := a.index[p]
		if n := len(out); n > 0 && out[n-1][1] == i {
			out[n-1][1]++
			continue
		}
		out = append(out, [2]int{i, i + 1})
	}
	return out
}

// UnitGroups splits the site order into runs of projects of one unit.
func UnitGroups(ps []*budget.Project) [][2]int {
	var gs [][2]int
	for i, p := range ps {
		if n := len(gs); n > 0 {
			q := ps[gs[n-1][0]]
			if q.Year == p.Year && q.Department.Code == p.Department.Code && q.Unit.Code == p.Unit.Code {
				gs[n-1][1] = i + 1
				continue
			}
		}
		gs = append(gs, [2]int{i, i + 1})
	}
	return gs
}

// sheetMeta is what the workbook needs of a unit's rows of one sheet
// besides the rows: the CRC-32 and size of the uncompressed XML, which
// the zip needs, and each column's display width.
type sheetMeta struct {
	CRC    uint32
	Raw    int64
	Widths []uint8
}

func appendSheetMeta(b []byte, m sheetMeta) []byte {
	b = binary.AppendUvarint(b, uint64(m.CRC))
	b = binary.AppendUvarint(b, uint64(m.Raw))
	b = binary.AppendUvarint(b, uint64(len(m.Widths)))
	return append(b, m.Widths...)
}

// groupSheets decodes a unit's metadata: one sheetMeta per sheet.
func groupSheets(b []byte) ([GroupKinds]sheetMeta, error) {
	var out [GroupKinds]sheetMeta
	for si := range out {
		crc, n := binary.Uvarint(b)
		if n <= 0 {
			return out, errors.New("xlsx: damaged sheet metadata")
		}
		b = b[n:]
		raw, n := binary.Uvarint(b)
		if n <= 0 {
			return out, errors.New("xlsx: damaged sheet metadata")
		}
		b = b[n:]
		w, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b[n:])) < w {
			return out, errors.New("xlsx: damaged sheet metadata")
		}
		out[si] = sheetMeta{CRC: uint32(crc), Raw: int64(raw), Widths: b[n : n+int(w)]}
		b = b[n+int(w):]
	}
	return out, nil
}

// Encoder encodes projects' and units' pieces; each worker has its
// own.
type Encoder struct {
	projects []*budget.Project
	tmp      bytes.Buffer
	json     *json.Encoder
	xml      bytes.Buffer
	deflat   *flate.Writer
	rec      []string
	// csv writes rows into csvBuf, whence they are copied to a piece: a
	// csv.Writer per piece would allocate its 4 KB buffer 300,000 times
	// for 100,000 projects.
	csv    *csv.Writer
	csvBuf bytes.Buffer
}

func NewEncoder(projects []*budget.Project) *Encoder {
	e := &Encoder{projects: projects}
	e.json = json.NewEncoder(&e.tmp)
	e.json.SetEscapeHTML(false)
	e.deflat, _ = flate.NewWriter(io.Discard, flate.DefaultCompression)
	e.csv = csv.NewWriter(&e.csvBuf)
	e.csv.UseCRLF = true
	return e
}

// EncodeItem appends project i's pieces to bufs.
func (e *Encoder) EncodeItem(i int, bufs []*bytes.Buffer) error {
	p := e.projects[i]
	rows := projectRows(p)
	for _, k := range []int{pieceProjectCSV, pieceIndicatorCSV, pieceResultCSV} {
		cols := csvColumns[k]
		if err := e.csvRows(bufs[k], cols, rows.of(k)); err != nil {
			return fmt.Errorf("编码项目 %s 的数据失败：%w", p.Code, err)
		}
	}
	e.tmp.Reset()
	if err := e.json.Encode(exportProject(p)); err != nil {
		return fmt.Errorf("编码项目 %s 的数据失败：%w", p.Code, err)
	}
	bufs[pieceJSON].WriteByte(',')
	bufs[pieceJSON].Write(e.tmp.Bytes()[:e.tmp.Len()-1]) // without Encode's newline
	return nil
}

// EncodeGroup appends the sheet rows of projects [from, to), one unit's,
// to bufs, deflated, and returns their metadata.
func (e *Encoder) EncodeGroup(from, to int, bufs []*bytes.Buffer) ([]byte, error) {
	ps := e.projects[from:to]
	var meta []byte
	for si := 0; si < GroupKinds; si++ {
		cols := sheets[si].cols
		e.xml.Reset()
		widths := make([]uint8, len(cols))
		for _, p := range ps {
			for _, r := range projectRows(p).of(sheetTable[si]) {
				appendSheetRow(&e.xml, cols, r, widths)
			}
		}
		meta = appendSheetMeta(meta, sheetMeta{CRC: crc32.ChecksumIEEE(e.xml.Bytes()), Raw: int64(e.xml.Len()), Widths: widths})
		e.deflat.Reset(bufs[si])
		if _, err := e.deflat.Write(e.xml.Bytes()); err != nil {
			return nil, fmt.Errorf("编码实施单位 %s 的表格失败：%w", ps[0].Unit.Code, err)
		}
		// A sync flush ends the piece on a byte boundary without ending
		// the stream, so pieces can follow one another.
		if err := e.deflat.Flush(); err != nil {
			return nil, err
		}
	}
	return meta, nil
}

func (e *Encoder) csvRows(b *bytes.Buffer, cols []*Field, rows []tableRow) error {
	w := e.csv
	e.csvBuf.Reset()
	if cap(e.rec) < len(cols) {
		e.rec = make([]string, len(cols))
	}
	rec := e.rec[:len(cols)]
	for _, r := range rows {
		for i, f := range cols {
			rec[i] = f.value(r).String()
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	b.Write(e.csvBuf.Bytes())
	return w.Error()
}

// rows are a project's rows in the three tables.
type rows struct {
	project    []tableRow // one
	indicators []tableRow // one per indicator
	results    []tableRow // one per result of its 自评
}

// of returns the rows of the table of a CSV piece kind.
func (rs rows) of(k int) []tableRow {
	switch k {
	case pieceIndicatorCSV:
		return rs.indicators
	case pieceResultCSV:
		return rs.results
	}
	return rs.project
}

// sheetTable is the CSV piece kind with the columns of each sheet.
var sheetTable = [GroupKinds]int{pieceSheetProjects: pieceProjectCSV, pieceSheetIndicators: pieceIndicatorCSV, pieceSheetResults: pieceResultCSV}

// projectRows returns a project's rows: its row in the project tables,
// one per indicator, and one per result of its 自评.
func projectRows(p *budget.Project) rows {
	ov := markdown.PlainText(p.Overview)
	rs := rows{project: []tableRow{{p: p, overview: ov, idx: -1}}}
	for i := range p.Indicators {
		rs.indicators = append(rs.indicators, tableRow{p: p, overview: ov, idx: i})
	}
	if e := p.Evaluation; e != nil {
		status := resultStatus(p)
		for i := range e.Indicators {
			rs.results = append(rs.results, tableRow{p: p, overview: ov, idx: i, status: status})
		}
	}
	return rs
}

// csvBOM lets Excel and WPS open the UTF-8 file without garbling Chinese.
const CSVBOM = "\ufeff"

// csvHeader is a table's header line, BOM first. Tables are UTF-8 with
// CRLF line ends and RFC 4180 quoting: encoding/csv quotes any field with
// a comma, quote or line break and, with UseCRLF, writes line breaks
// inside fields as CRLF too, which csv readers (and Excel) turn back into
// the original text.
func csvHeader(cols []*Field) []byte {
	var b bytes.Buffer
	b.WriteString(CSVBOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	rec := make([]string, len(cols))
	for i, f := range cols {
		rec[i] = f.Header
	}
	w.Write(rec)
	w.Flush()
	return b.Bytes()
}

// csvColumns are the columns of each kind of CSV piece.
var csvColumns = map[int][]*Field{pieceProjectCSV: ProjectColumns, pieceIndicatorCSV: IndicatorColumns, pieceResultCSV: ResultColumns}

// writeCSV writes the CSV of the projects ps: projects.csv's columns
// for pieceProjectCSV, indicators.csv's for pieceIndicatorCSV,
// results.csv's for pieceResultCSV.
func (a *assembly) writeCSV(w io.Writer, k int, ps []*budget.Project) error {
	cols := csvColumns[k]
	if _, err := w.Write(csvHeader(cols)); err != nil {
		return err
	}
	return a.CopyItems(w, k, a.runs(ps), 0)
}

// writeJSON writes {"version":1,"projects":[…]} for the projects ps,
// byte for byte what marshalJSON makes of the same jsonExport.
func (a *assembly) writeJSON(w io.Writer, ps []*budget.Project) error {
	if _, err := io.WriteString(w, `{"version":1,"projects":[`); err != nil {
		return err
	}
	if err := a.CopyItems(w, pieceJSON, a.runs(ps), 1); err != nil {
		return err
	}
	_, err := io.WriteString(w, "]}\n")
	return err
}
