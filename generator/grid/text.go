package grid

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"budgetsite/generator/grid/xlsx"
)

// ReadText reads text extracted from a PDF: one row per line, cells
// separated by tabs, or by “|” in a file that has no tab and prints
// “ | ” between cells (as web pages' tables are copied as text). name is
// used in positions and messages.
func ReadText(name string, r io.Reader) (Grid, error) {
	b, err := readAll(name, r)
	if err != nil {
		return Grid{}, err
	}
	text, err := DecodeText(name, b, "文本文件")
	if err != nil {
		return Grid{}, err
	}
	sep := "\t"
	if !strings.Contains(text, "\t") && strings.Contains(text, " | ") {
		sep = "|"
	}
	var rows [][]Cell
	var lines []int // the line of each row
	cells := 0
	for i, line := range splitLines(text) {
		// pdftotext writes a form feed between pages. Each is an empty
		// row of its own, and it breaks the line into rows that keep the
		// line's number.
		var pieces []string
		for k, piece := range strings.Split(line, "\f") {
			if k > 0 {
				pieces = append(pieces, "")
			}
			if piece != "" || line == "" {
				pieces = append(pieces, piece)
			}
		}
		for _, piece := range pieces {
			p := Pos{File: name, Line: i + 1, Row: len(rows) + 1}
			var row []Cell
			if piece != "" {
				fields := strings.Split(piece, sep)
				row = make([]Cell, len(fields))
				for c, f := range fields {
					p.Col = c + 1
					row[c] = textCell(f, p)
				}
			}
			if cells += len(row); cells > maxCells {
				return Grid{}, tooBig(Pos{File: name, Line: i + 1}, len(rows), len(row))
			}
			rows = append(rows, row)
			lines = append(lines, i+1)
		}
	}
	if err := checkRectangle(Pos{File: name}, rows, cells); err != nil {
		return Grid{}, err
	}
	return Grid{Name: name, Rows: rectangle(rows, linePos(name, lines))}, nil
}

// ReadCSV reads a CSV file as Excel or WPS saves it: comma- or
// tab-separated, fields quoted when they need to be. name is used in
// positions and messages.
func ReadCSV(name string, r io.Reader) (Grid, error) {
	b, err := readAll(name, r)
	if err != nil {
		return Grid{}, err
	}
	text, err := DecodeText(name, b, " CSV 文件")
	if err != nil {
		return Grid{}, err
	}
	if !strings.Contains(text, "\n") {
		// Excel for Mac's “CSV (Macintosh)” ends lines with CR alone.
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sniffComma(text)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	var rows [][]Cell
	var lines []int // the line of each row
	lc := lineCounter{text: text}
	cells := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			p := Pos{File: name}
			if errors.As(err, &pe) {
				p.Line = pe.StartLine
			}
			return Grid{}, errorAt(p, "CSV 格式有误（"+err.Error()+"）", "请用 Excel 打开后重新另存为 CSV，或改用 .xlsx")
		}
		start, _ := cr.FieldPos(0)
		// encoding/csv skips blank lines; they become empty rows, as in
		// a text file.
		for l := lc.end + 1; l < start; l++ {
			rows = append(rows, nil)
			lines = append(lines, l)
		}
		p := Pos{File: name, Line: start, Row: len(rows) + 1}
		row := make([]Cell, len(rec))
		for c, f := range rec {
			p.Col = c + 1
			row[c] = textCell(f, p)
		}
		if cells += len(row); cells > maxCells {
			return Grid{}, tooBig(Pos{File: name, Line: start}, len(rows), len(row))
		}
		rows = append(rows, row)
		lines = append(lines, start)
		lc.advance(int(cr.InputOffset()))
	}
	last := strings.Count(text, "\n") // the last line, not counting one after a final newline
	if !strings.HasSuffix(text, "\n") {
		last++
	}
	for l := lc.end + 1; l <= last; l++ {
		rows = append(rows, nil)
		lines = append(lines, l)
	}
	if err := checkRectangle(Pos{File: name}, rows, cells); err != nil {
		return Grid{}, err
	}
	return Grid{Name: name, Rows: rectangle(rows, linePos(name, lines))}, nil
}

// lineCounter follows the line number of a growing prefix of text.
type lineCounter struct {
	text string
	off  int // length of the prefix
	nl   int // newlines in the prefix
	end  int // line of the prefix's last byte, 0 for an empty prefix
}

func (lc *lineCounter) advance(off int) {
	if off <= lc.off || off > len(lc.text) {
		return
	}
	lc.nl += strings.Count(lc.text[lc.off:off], "\n")
	lc.off = off
	lc.end = lc.nl + 1
	if lc.text[off-1] == '\n' {
		lc.end-- // the newline belongs to the line it ends
	}
}

// checkRectangle fails if padding rows of cells cells to the widest would
// pass the limit.
func checkRectangle(p Pos, rows [][]Cell, cells int) error {
	w := 0
	for _, row := range rows {
		w = max(w, len(row))
	}
	if w > 0 && len(rows) > cellLimit(cells)/w {
		return tooBig(p, len(rows), w)
	}
	return nil
}

// linePos returns the Pos of a padding cell of a text or CSV grid whose
// rows lie on the given lines.
func linePos(name string, lines []int) func(r, c int) Pos {
	return func(r, c int) Pos {
		return Pos{File: name, Line: lines[r], Row: r + 1, Col: c + 1}
	}
}

func textCell(raw string, p Pos) Cell {
	t := clean(raw)
	return Cell{Text: t, Raw: raw, Display: t, RowSpan: 1, ColSpan: 1, Pos: p}
}

// splitLines splits text at LF, CRLF or, in a file with no LF at all, CR.
// A final line break does not start another line.
func splitLines(text string) []string {
	sep := "\n"
	if !strings.Contains(text, "\n") && strings.Contains(text, "\r") {
		sep = "\r"
	}
	text = strings.TrimSuffix(text, sep)
	if text == "" {
		return nil
	}
	lines := strings.Split(text, sep)
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// sniffComma chooses the CSV separator: a tab if the first non-empty
// lines have more tabs than commas outside quotes, else a comma.
func sniffComma(text string) rune {
	commas, tabs, lines := 0, 0, 0
	quoted := false
	for i := 0; i < len(text) && lines < 10; i++ {
		switch text[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				commas++
			}
		case '\t':
			if !quoted {
				tabs++
			}
		case '\n':
			if !quoted {
				lines++
			}
		}
	}
	if tabs > commas {
		return '\t'
	}
	return ','
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// decodeText turns the bytes of a text or CSV file into UTF-8: UTF-8 with
// or without a BOM, UTF-16 with a BOM, else GB18030 (of which GBK and
// GB2312 are subsets). what names the kind of file in messages.
// DecodeText turns the bytes of a text file into UTF-8: UTF-8 with or
// without BOM, UTF-16 with BOM, or GB18030/GBK, which budget systems on
// Chinese Windows write. Valid UTF-8 is taken as UTF-8; mostly-UTF-8 text
// with a few damaged bytes is refused at the damaged line rather than
// garbled as GB18030; workbooks and PDFs given as text are named as such.
// what names the kind of file in the messages (e.g. "文本文件").
func DecodeText(name string, b []byte, what string) (string, error) {
	bad := func(line int) error {
		return errorAt(Pos{File: name, Line: line}, "无法识别的文本编码", "请另存为 UTF-8 或 GB18030 编码的"+what+"后重试")
	}
	switch {
	case bytes.HasPrefix(b, utf8BOM):
		b = b[3:]
		if !utf8.Valid(b) {
			return "", bad(invalidUTF8Line(b))
		}
		return string(b), nil
	case bytes.HasPrefix(b, utf16LEBOM), bytes.HasPrefix(b, utf16BEBOM):
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", bad(0)
		}
		if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
			return "", bad(bytes.Count(out[:i], []byte("\n")) + 1)
		}
		return string(out), nil
	case xlsx.IsZip(b), xlsx.IsOLE(b):
		return "", errorAt(Pos{File: name}, "这不是"+what+"，而是 Excel 或 WPS 的工作簿", "请把扩展名改为 .xlsx，或在 Excel 中另存为"+what+"后重试")
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "", errorAt(Pos{File: name}, "这是 PDF 文件，不是提取出的文本", "请先把 PDF 中的表格提取为文本（每行一行，单元格之间用 Tab 分隔）后重试")
	case utf8.Valid(b):
		return string(b), nil
	}
	if valid, invalid := utf8Runes(b); valid >= 10*invalid {
		// Mostly UTF-8 with a few damaged bytes: reading it as GB18030
		// would garble every line, so point at the damage instead.
		return "", bad(invalidUTF8Line(b))
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return "", bad(0)
	}
	if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
		return "", bad(bytes.Count(out[:i], []byte("\n")) + 1)
	}
	return string(out), nil
}

// utf8Runes counts the valid multi-byte UTF-8 sequences and the invalid
// bytes in b.
func utf8Runes(b []byte) (valid, invalid int) {
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		b = b[n:]
	}
	return valid, invalid
}

// invalidUTF8Line returns the 1-based line of the first byte of b that is
// not valid UTF-8.
func invalidUTF8Line(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			break
		}
		if b[0] == '\n' {
			line++
		}
		b = b[n:]
	}
	return line
}

// clean normalises cell text: white space of any kind (tabs, line breaks,
// NBSP, the ideographic space U+3000) becomes a single space, spaces at
// either end are trimmed, and zero-width characters, BOMs and other
// control characters are removed.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case isInvisible(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// shows reports whether clean(s) != "", quickly.
func shows(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !isInvisible(r) {
			return true
		}
	}
	return false
}

// isClean reports whether clean(s) == s, quickly.
func isClean(s string) bool {
	prevSpace := true // no space at the start
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c < ' ' || c == 0x7F:
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || isInvisible(r) || r == utf8.RuneError && n == 1 {
			return false
		}
		prevSpace = false
		i += n
	}
	return len(s) == 0 || s[len(s)-1] != ' '
}

// isInvisible reports whether r is a character clean removes: control
// and format characters such as zero-width spaces and the BOM.
func isInvisible(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}
