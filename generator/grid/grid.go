package grid

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"budgetsite/generator/budget"
	"budgetsite/generator/grid/xlsx"
)

// A Pos says where a cell came from, for error messages.
//
// Row and Col are the 1-based grid coordinates of the cell's anchor (see
// Cell.Covered); in a workbook they are also the sheet's row and column.
// Line is the 1-based source line of a text, CSV or HTML cell and zero in
// a workbook. Sheet is set only in a workbook, Table only in a web page.
type Pos struct {
	File  string // file name as passed to Read
	Sheet string // worksheet name (xlsx)
	Table int    // 1-based index of the <table> in the page (HTML)
	Line  int    // 1-based line (text, CSV, HTML)
	Row   int    // 1-based grid row
	Col   int    // 1-based grid column
}

// String returns the form publishers read in error messages:
// “a.txt:12”, “预算.xlsx!Sheet1!C7”, “old.html:37”.
func (p Pos) String() string {
	switch {
	case p.Sheet != "" && p.Row > 0 && p.Col > 0:
		return p.File + "!" + p.Sheet + "!" + xlsx.CellName(p.Row, p.Col)
	case p.Sheet != "":
		return p.File + "!" + p.Sheet
	case p.Line > 0:
		return p.File + ":" + strconv.Itoa(p.Line)
	}
	return p.File
}

// Kind says what a cell holds: text, a number stored in a workbook
// (Text is its decimal digits), or a number under a date or time format
// (Text is the serial). Every cell of a text, CSV or HTML source is Text.
// It is the workbook reader's own kind.
type Kind = xlsx.Kind

// The kinds of cell.
const (
	Text   = xlsx.Text
	Number = xlsx.Number
	Date   = xlsx.Date
)

// A Cell is one cell of a Grid.
type Cell struct {
	Text    string // normalised text; see the package documentation
	Raw     string // the text as the source holds it, line breaks and all
	Display string // the text as the source showed it; differs from Text only for Number and Date
	Kind    Kind

	// RowSpan and ColSpan are the merged area anchored at this cell, at
	// least 1. Covered marks a cell inside another cell's merged area: it
	// is a copy of that anchor cell (Text, spans and Pos included) with
	// Covered set, so a merged 一级指标 reads the same on every row it
	// spans, and Pos points at the cell the publisher has to edit.
	RowSpan, ColSpan int
	Covered          bool

	Pos Pos
}

// A Grid is one table: a text or CSV file, a worksheet or an HTML <table>.
//
// Rows is rectangular: every row has the same number of cells, and a
// cell's Pos names its own row and column unless the cell is covered.
type Grid struct {
	Name string // “a.txt”, “预算.xlsx!Sheet1”, “old.html#table2”
	Rows [][]Cell
}

// Width returns the number of columns.
func (g Grid) Width() int {
	if len(g.Rows) == 0 {
		return 0
	}
	return len(g.Rows[0])
}

// At returns the cell at 0-based row r and column c, or the zero Cell if
// that is outside the grid. A covered cell reads as its anchor; see Cell.
func (g Grid) At(r, c int) Cell {
	if r < 0 || r >= len(g.Rows) || c < 0 || c >= len(g.Rows[r]) {
		return Cell{}
	}
	return g.Rows[r][c]
}

// errorAt returns the error for a problem at p, told to the publisher
// in Chinese: msg says what is wrong and hint what to do about it. Its
// File is p without the line (“a.csv”, “预算.xlsx!Sheet1!C7”) and its
// Line the line, if p has one, so that it prints as p does.
func errorAt(p Pos, msg, hint string) *budget.Error {
	line := p.Line
	p.Line = 0
	return &budget.Error{File: p.String(), Line: line, Msg: msg, Hint: hint}
}

// Read reads the file called name from r and returns its tables, choosing
// the reader by the name's extension; see the package documentation.
func Read(name string, r io.Reader) ([]Grid, error) {
	switch ext(name) {
	case ".txt":
		return one(ReadText(name, r))
	case ".csv":
		return one(ReadCSV(name, r))
	case ".xlsx", ".xlsm":
		return ReadXLSX(name, r)
	case ".html", ".htm", ".shtml":
		return ReadHTML(name, r)
	case ".xls":
		// Many portals serve an HTML table, or a workbook, as “.xls”.
		b, err := readAll(name, r)
		if err != nil {
			return nil, err
		}
		switch {
		case xlsx.IsZip(b):
			return ReadXLSX(name, bytes.NewReader(b))
		case looksLikeHTML(b):
			return ReadHTML(name, bytes.NewReader(b))
		}
		return nil, errorAt(Pos{File: name}, "这是旧版 Excel 97-2003 工作簿（.xls），无法直接读取", "请用 Excel 或 WPS 打开，另存为 .xlsx 后重试")
	case ".pdf":
		return nil, errorAt(Pos{File: name}, "PDF 文件不能直接读取", "请先把表格提取为文本（.txt，每行一行，单元格之间用 Tab 分隔），或把表格另存为 .xlsx 后重试")
	case ".doc", ".docx", ".wps":
		return nil, errorAt(Pos{File: name}, "Word 文档不能直接读取", "请把表格复制到 Excel，另存为 .xlsx 后重试")
	}
	return nil, errorAt(Pos{File: name}, "不支持的文件类型“"+ext(name)+"”", "请提供 .xlsx、.csv、.txt 或 .html 文件")
}

func one(g Grid, err error) ([]Grid, error) {
	if err != nil {
		return nil, err
	}
	return []Grid{g}, nil
}

// ext returns the lower-case extension of a file name, with its dot.
func ext(name string) string {
	i := strings.LastIndexAny(name, "./\\")
	if i < 0 || name[i] != '.' {
		return ""
	}
	return strings.ToLower(name[i:])
}

// readAll reads r whole, reporting a failure as a *budget.Error.
func readAll(name string, r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, errorAt(Pos{File: name}, "无法读取文件："+err.Error(), "请确认文件没有被其他程序占用后重试")
	}
	return b, nil
}

// maxCells bounds the cells of one grid, so that a stray cell far down a
// sheet or a huge span fails with a message instead of exhausting memory.
// It is about four times the largest real table (60,000 rows × 12
// columns) and costs about 400 MB.
const maxCells = 3_000_000

// cellLimit is the most cells a grid read from source cells may have.
// Merged areas and padding can make a grid much larger than its source,
// but a few kilobytes of HTML must not take gigabytes.
func cellLimit(source int) int {
	return min(maxCells, 1<<16+64*source)
}

func tooBig(p Pos, rows, cols int) error {
	return errorAt(p, "表格过大（"+strconv.Itoa(rows)+" 行 × "+strconv.Itoa(cols)+" 列）",
		"请删除表格以外多余的行、列或合并单元格，或把表格拆成几个文件后重试")
}

// rectangle pads rows to the width of the widest row; pos returns the
// Pos of a padding cell.
func rectangle(rows [][]Cell, pos func(r, c int) Pos) [][]Cell {
	w := 0
	for _, row := range rows {
		w = max(w, len(row))
	}
	for r, row := range rows {
		for c := len(row); c < w; c++ {
			row = append(row, Cell{RowSpan: 1, ColSpan: 1, Pos: pos(r, c)})
		}
		rows[r] = row
	}
	return rows
}
