package xlsx

// This reader is hand-written, XML scanner included, because excelize is
// too slow for the largest workbook expected: a flat list of 10,000
// projects, 60,203 rows × 12 columns, 2.2 MB (bench_test.go). Measured
// with go test -bench Flat -benchtime 3x -count 3 on the 2-core machine,
// shared with other work; the middle of three runs, time and memory per
// read:
//
//	                        BenchmarkFlat        BenchmarkFlatMerged
//	                        (1 merged area)      (40,001 merged areas)
//	Read                     0.32 s     67 MB      0.19 s     75 MB
//	excelize v2.11.1         3.57 s  1,368 MB     10.34 s  1,447 MB
//	(Rows with RawCellValue,
//	then GetMergeCells)
//
// Read allocates 335 thousand times, excelize 22 to 24 million. excelize
// does less here than Read (no number formats) and still takes 11 to 54
// times as long and 20 times the memory: more than the 3 s the whole
// import of such a file may take. grid.ReadXLSX, layout included, took
// 0.38 to 0.59 s.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
)

// A Kind says what a cell holds.
type Kind uint8

const (
	Text   Kind = iota // text, a boolean (TRUE, FALSE) or an error value (#DIV/0!)
	Number             // a number; Value is its decimal digits
	Date               // a number under a date or time format; Value is the serial
)

func (k Kind) String() string {
	switch k {
	case Number:
		return "number"
	case Date:
		return "date"
	}
	return "text"
}

// A Cell is one cell of a worksheet that holds a value.
type Cell struct {
	Row, Col int // 1-based: C7 is row 7, column 3
	Kind     Kind

	// Raw is the value as the file stores it, unescaped: a text cell's
	// text (line breaks as "\n"), TRUE or FALSE for a boolean, and a
	// number's stored digits (“8827620.5299999993”).
	Raw string
	// Value is Raw for a text cell and, for a number, the stored value
	// rounded to Excel's 15 significant digits in plain decimal notation
	// (“8827620.53”).
	Value string
	// Display is the cell as Excel shows it, under its number format
	// (“8,827,620.53”, “2021-12-31”); Value where the format is not one
	// this package renders, and for every text cell.
	Display string
}

// A Range is a merged area, 1-based and inclusive: A1:L1 is {1, 1, 1, 12}.
type Range struct{ Top, Left, Bottom, Right int }

// A Sheet is one worksheet: its cells that hold a value, in the order the
// file stores them, and its merged areas.
type Sheet struct {
	Name   string
	Cells  []Cell
	Merges []Range
}

// An Error is a workbook this package cannot read, told to the publisher
// in Chinese: Msg says what is wrong and Hint what to do. Sheet, Row and
// Col say where, as far as known: all zero for the workbook as a whole.
type Error struct {
	Sheet    string
	Row, Col int
	Msg      string
	Hint     string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Sheet != "" {
		b.WriteString(e.Sheet)
		if e.Row > 0 && e.Col > 0 {
			b.WriteString("!" + CellName(e.Row, e.Col))
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("。" + e.Hint)
	}
	return b.String()
}

// CellName returns the A1 name of a 1-based row and column: CellName(7,
// 3) is “C7”.
func CellName(row, col int) string {
	var b [16]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:]) + strconv.Itoa(row)
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// IsZip reports whether b starts as a zip file does, as every .xlsx.
func IsZip(b []byte) bool { return bytes.HasPrefix(b, zipMagic) }

// IsOLE reports whether b starts as an OLE compound file does: an Excel
// 97-2003 workbook, or an .xlsx encrypted with a password.
func IsOLE(b []byte) bool { return bytes.HasPrefix(b, oleMagic) }

// Read reads a workbook and returns its worksheets in the workbook's
// order; see the package documentation.
func Read(b []byte) ([]Sheet, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		if IsOLE(b) {
			return nil, &Error{Msg: "这是设置了密码的工作簿，或旧版 Excel 97-2003（.xls）文件", Hint: "请在 Excel 或 WPS 中取消密码，另存为 .xlsx 后重试"}
		}
		return nil, &Error{Msg: "这不是有效的 .xlsx 文件（无法按 zip 格式打开）", Hint: resave}
	}
	x := &reader{files: make(map[string]*zip.File)}
	for _, f := range zr.File {
		x.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	return x.read()
}

const resave = "请用 Excel 或 WPS 打开后另存为 .xlsx 重试"

type reader struct {
	files    map[string]*zip.File // by lower-case name
	sst      []string             // shared strings
	formats  []numFormat          // by cell style index
	date1904 bool
}

// maxPart bounds the unpacked size of one part of a workbook.
const maxPart = 1 << 30

func damaged(detail string) error {
	return &Error{Msg: "工作簿已损坏（" + detail + "）", Hint: resave}
}

// part returns the unpacked bytes of a part of the package, or nil if
// there is no such part.
func (x *reader) part(name string) ([]byte, error) {
	f := x.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, nil
	}
	if f.UncompressedSize64 > maxPart {
		return nil, &Error{Msg: "工作簿过大（" + name + " 解压后超过 1 GB）", Hint: "请删除表格以外的内容，或把表格拆成几个文件后重试"}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, damaged(name + "：" + err.Error())
	}
	defer rc.Close()
	// The zip's stated size, checked against the data by archive/zip.
	b := make([]byte, f.UncompressedSize64)
	if _, err := io.ReadFull(rc, b); err != nil {
		return nil, damaged(name + "：" + err.Error())
	}
	if n, err := rc.Read(make([]byte, 1)); n > 0 || err != io.EOF {
		return nil, damaged(name + "：大小不符")
	}
	return b, nil
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
		Mode   string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

type rel struct{ typ, target string }

// rels returns the relationships of the part called name, by ID, with
// targets resolved to part names.
func (x *reader) rels(name string) (map[string]rel, error) {
	dir, file := path.Split(name)
	b, err := x.part(dir + "_rels/" + file + ".rels")
	if err != nil || b == nil {
		return nil, err
	}
	var rs xmlRels
	if err := xml.Unmarshal(b, &rs); err != nil {
		return nil, damaged(dir + "_rels/" + file + ".rels")
	}
	m := make(map[string]rel)
	for _, r := range rs.Rels {
		if strings.EqualFold(r.Mode, "External") {
			continue
		}
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = path.Clean(t[1:])
		} else {
			t = path.Join(dir, t)
		}
		// Only the last segment of the type matters: transitional and
		// strict OOXML differ in the rest.
		m[r.ID] = rel{typ: path.Base(r.Type), target: t}
	}
	return m, nil
}

type xmlWorkbook struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name string `xml:"name,attr"`
		ID   string `xml:"id,attr"` // r:id
	} `xml:"sheets>sheet"`
}

type xmlStyles struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	Xfs []struct {
		NumFmtID int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

func (x *reader) read() ([]Sheet, error) {
	wbName := "xl/workbook.xml"
	root, err := x.rels("")
	if err != nil {
		return nil, err
	}
	for _, r := range root {
		if r.typ == "officeDocument" {
			wbName = r.target
		}
	}
	b, err := x.part(wbName)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, &Error{Msg: "这不是 Excel 工作簿（缺少 " + wbName + "）", Hint: "如果这是 Word 或其他文件，请把表格复制到 Excel，另存为 .xlsx 后重试"}
	}
	var wb xmlWorkbook
	if err := xml.Unmarshal(b, &wb); err != nil {
		return nil, damaged(wbName)
	}
	x.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	rels, err := x.rels(wbName)
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		switch r.typ {
		case "sharedStrings":
			if err := x.readStrings(r.target); err != nil {
				return nil, err
			}
		case "styles":
			if err := x.readStyles(r.target); err != nil {
				return nil, err
			}
		}
	}
	sheets := []Sheet{}
	for _, s := range wb.Sheets {
		r, ok := rels[s.ID]
		if !ok {
			return nil, damaged("找不到工作表“" + s.Name + "”")
		}
		if r.typ != "worksheet" {
			continue // a chart sheet or a dialog: no cells
		}
		b, err := x.part(r.target)
		if err != nil {
			return nil, err
		}
		if b == nil {
			return nil, damaged("找不到工作表“" + s.Name + "”")
		}
		sh, err := x.readSheet(s.Name, b)
		if err != nil {
			return nil, err
		}
		sheets = append(sheets, sh)
	}
	return sheets, nil
}

func (x *reader) readStyles(name string) error {
	b, err := x.part(name)
	if err != nil || b == nil {
		return err
	}
	var st xmlStyles
	if err := xml.Unmarshal(b, &st); err != nil {
		return damaged(name)
	}
	codes := make(map[int]string)
	for _, f := range st.NumFmts {
		codes[f.ID] = f.Code
	}
	parsed := make(map[string]numFormat)
	x.formats = make([]numFormat, len(st.Xfs))
	for i, xf := range st.Xfs {
		code, ok := codes[xf.NumFmtID]
		if !ok {
			code = builtinFormats[xf.NumFmtID]
		}
		f, ok := parsed[code]
		if !ok {
			f = parseNumFormat(code)
			parsed[code] = f
		}
		x.formats[i] = f
	}
	return nil
}
