package grid

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
)

// ReadXLSX reads an Excel workbook (.xlsx) and returns one Grid per
// worksheet, in the workbook's order. name is used in positions and
// messages.
func ReadXLSX(name string, r io.Reader) ([]Grid, error) {
	b, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		if bytes.HasPrefix(b, oleMagic) {
			return nil, &Error{Pos{File: name}, "这是设置了密码的工作簿，或旧版 Excel 97-2003（.xls）文件", "请在 Excel 或 WPS 中取消密码，另存为 .xlsx 后重试"}
		}
		return nil, &Error{Pos{File: name}, "这不是有效的 .xlsx 文件（无法按 zip 格式打开）", "请用 Excel 或 WPS 打开后另存为 .xlsx 重试"}
	}
	x := &xlsxReader{name: name, files: make(map[string]*zip.File)}
	for _, f := range zr.File {
		x.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	return x.read()
}

type xlsxReader struct {
	name     string
	files    map[string]*zip.File // by lower-case name
	sst      []sstItem
	formats  []numFormat // by cell style index
	date1904 bool
}

type sstItem struct{ raw, text string }

// maxPart bounds the unpacked size of one part of a workbook.
const maxPart = 1 << 30

func (x *xlsxReader) damaged(detail string) error {
	return &Error{Pos{File: x.name}, "工作簿已损坏（" + detail + "）", "请用 Excel 或 WPS 打开后另存为 .xlsx 重试"}
}

// part returns the unpacked bytes of a part of the package, or nil if
// there is no such part.
func (x *xlsxReader) part(name string) ([]byte, error) {
	f := x.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, nil
	}
	if f.UncompressedSize64 > maxPart {
		return nil, &Error{Pos{File: x.name}, "工作簿过大（" + name + " 解压后超过 1 GB）", "请删除表格以外的内容，或把表格拆成几个文件后重试"}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, x.damaged(name + "：" + err.Error())
	}
	defer rc.Close()
	// The zip's stated size, checked against the data by archive/zip.
	b := make([]byte, f.UncompressedSize64)
	if _, err := io.ReadFull(rc, b); err != nil {
		return nil, x.damaged(name + "：" + err.Error())
	}
	if n, err := rc.Read(make([]byte, 1)); n > 0 || err != io.EOF {
		return nil, x.damaged(name + "：大小不符")
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
func (x *xlsxReader) rels(name string) (map[string]rel, error) {
	dir, file := path.Split(name)
	b, err := x.part(dir + "_rels/" + file + ".rels")
	if err != nil || b == nil {
		return nil, err
	}
	var rs xmlRels
	if err := xml.Unmarshal(b, &rs); err != nil {
		return nil, x.damaged(dir + "_rels/" + file + ".rels")
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

func (x *xlsxReader) read() ([]Grid, error) {
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
		return nil, &Error{Pos{File: x.name}, "这不是 Excel 工作簿（缺少 " + wbName + "）", "如果这是 Word 或其他文件，请把表格复制到 Excel，另存为 .xlsx 后重试"}
	}
	var wb xmlWorkbook
	if err := xml.Unmarshal(b, &wb); err != nil {
		return nil, x.damaged(wbName)
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
	grids := []Grid{}
	for _, s := range wb.Sheets {
		r, ok := rels[s.ID]
		if !ok {
			return nil, x.damaged("找不到工作表“" + s.Name + "”")
		}
		if r.typ != "worksheet" {
			continue // a chart sheet or a dialog: no cells
		}
		b, err := x.part(r.target)
		if err != nil {
			return nil, err
		}
		if b == nil {
			return nil, x.damaged("找不到工作表“" + s.Name + "”")
		}
		g, err := x.readSheet(s.Name, b)
		if err != nil {
			return nil, err
		}
		grids = append(grids, g)
	}
	return grids, nil
}

func (x *xlsxReader) readStyles(name string) error {
	b, err := x.part(name)
	if err != nil || b == nil {
		return err
	}
	var st xmlStyles
	if err := xml.Unmarshal(b, &st); err != nil {
		return x.damaged(name)
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

// readStrings reads the shared-string table: each <si> is the text of
// its <t> elements, leaving out phonetic runs (<rPh>).
func (x *xlsxReader) readStrings(name string) error {
	b, err := x.part(name)
	if err != nil || b == nil {
		return err
	}
	s := xmlScanner{b: b}
	var buf strings.Builder
	inSI, inT, rph := false, false, 0
	for {
		switch s.next() {
		case xmlEOF:
			if s.err != nil {
				return x.damaged(name)
			}
			return nil
		case xmlStart:
			switch string(s.name) {
			case "sst":
				if n, ok := s.attr("uniqueCount"); ok {
					if c, err := strconv.Atoi(string(n)); err == nil && c > 0 && c < len(b)/8 {
						x.sst = make([]sstItem, 0, c)
					}
				}
			case "si":
				inSI = true
				buf.Reset()
				if s.empty {
					x.sst = append(x.sst, sstItem{})
					inSI = false
				}
			case "rPh":
				if !s.empty {
					rph++
				}
			case "t":
				inT = inSI && rph == 0 && !s.empty
			}
		case xmlEnd:
			switch string(s.name) {
			case "si":
				if inSI {
					raw := buf.String()
					x.sst = append(x.sst, sstItem{raw, clean(raw)})
				}
				inSI = false
			case "rPh":
				rph = max(rph-1, 0)
			case "t":
				inT = false
			}
		case xmlText:
			if inT {
				buf.WriteString(unescape(s.text, s.cdata))
			}
		}
	}
}

// readSheet reads one worksheet's cells and merged areas.
func (x *xlsxReader) readSheet(sheet string, b []byte) (Grid, error) {
	var rows [][]Cell
	var merges [][4]int // top, left, bottom, right, 1-based
	s := xmlScanner{b: b}
	p := Pos{File: x.name, Sheet: sheet}
	bad := func(row, col int, what string) error {
		p.Row, p.Col = row, col
		return &Error{p, "工作表内容损坏（" + what + "）", "请用 Excel 或 WPS 打开后另存为 .xlsx 重试"}
	}
	row, col := 0, 0
	width := 0 // of the widest row so far
	for {
		switch s.next() {
		case xmlEOF:
			if s.err != nil {
				return Grid{}, bad(row, col, "XML 格式错误")
			}
			return x.layout(sheet, rows, merges)
		case xmlStart:
			switch string(s.name) {
			case "row":
				row++
				if v, ok := s.attr("r"); ok {
					n, err := strconv.Atoi(string(v))
					if err != nil || n < 1 || n > 1<<20 {
						return Grid{}, bad(row, 0, "行号“"+string(v)+"”无效")
					}
					row = n
				}
				col = 0
			case "c":
				col++
				var ref, style, typ []byte
				for a := s.attrs; ; {
					k, v, rest, ok := nextAttr(a)
					if !ok {
						break
					}
					switch string(k) {
					case "r":
						ref = v
					case "s":
						style = v
					case "t":
						typ = v
					}
					a = rest
				}
				if ref != nil {
					r, c, ok := parseRef(ref)
					if !ok {
						return Grid{}, bad(row, col, "单元格引用“"+string(ref)+"”无效")
					}
					row, col = r, c
				}
				if col > 1<<14 {
					return Grid{}, bad(row, col, "列数超过 16384")
				}
				row = max(row, 1)
				p.Row, p.Col = row, col
				cell, err := x.readCell(&s, p, typ, style)
				if err != nil {
					return Grid{}, err
				}
				if cell.Raw == "" {
					continue // formatting only
				}
				for len(rows) < row {
					rows = append(rows, nil)
				}
				r := rows[row-1]
				if r == nil {
					r = make([]Cell, 0, max(width, col))
				}
				for len(r) < col {
					r = append(r, Cell{})
				}
				r[col-1] = cell
				rows[row-1] = r
				width = max(width, col)
			case "mergeCell":
				if v, ok := s.attr("ref"); ok {
					if m, ok := parseRange(v); ok {
						merges = append(merges, m)
					}
				}
			}
		}
	}
}

// readCell reads the value of the cell at p whose start tag was just
// read, with attributes t and s.
func (x *xlsxReader) readCell(s *xmlScanner, p Pos, t, styleAttr []byte) (Cell, error) {
	style := -1
	if len(styleAttr) > 0 {
		if n, err := strconv.Atoi(string(styleAttr)); err == nil {
			style = n
		}
	}
	var v, is string
	var vb []byte // the value, when it is one text token: most are
	vTokens, vCDATA := 0, false
	if !s.empty {
		inV, inIS, inT, rph := false, false, false, 0
	loop:
		for {
			switch s.next() {
			case xmlEOF:
				break loop
			case xmlStart:
				switch string(s.name) {
				case "v":
					inV = !s.empty
				case "is":
					inIS = !s.empty
				case "rPh":
					if !s.empty {
						rph++
					}
				case "t":
					inT = inIS && rph == 0 && !s.empty
				case "f", "extLst":
					s.skipElement()
				}
			case xmlEnd:
				switch string(s.name) {
				case "c":
					break loop
				case "v":
					inV = false
				case "is":
					inIS = false
				case "rPh":
					rph = max(rph-1, 0)
				case "t":
					inT = false
				}
			case xmlText:
				switch {
				case inV:
					if vTokens++; vTokens == 1 {
						vb, vCDATA = s.text, s.cdata
					} else {
						v += unescape(s.text, s.cdata)
					}
				case inT:
					is += unescape(s.text, s.cdata)
				}
			}
		}
	}
	if s.err != nil {
		return Cell{}, &Error{p, "工作表内容损坏（XML 格式错误）", "请用 Excel 或 WPS 打开后另存为 .xlsx 重试"}
	}
	if vTokens > 0 && string(t) == "s" && !vCDATA {
		// A shared string: parse the index without making a string.
		return x.sharedString(p, vb)
	}
	if vTokens > 0 {
		v = unescape(vb, vCDATA) + v
	}
	c := Cell{RowSpan: 1, ColSpan: 1, Pos: p}
	text := func(raw string) {
		c.Raw, c.Text = raw, clean(raw)
		c.Display = c.Text
	}
	switch string(t) {
	case "s":
		if v == "" {
			break
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(x.sst) {
			return Cell{}, &Error{p, "单元格引用了不存在的共享字符串", "请用 Excel 或 WPS 打开后另存为 .xlsx 重试"}
		}
		c.Raw, c.Text, c.Display = x.sst[i].raw, x.sst[i].text, x.sst[i].text
	case "inlineStr":
		text(is)
	case "str", "e":
		text(v)
	case "b":
		switch strings.TrimSpace(v) {
		case "1":
			text("TRUE")
		case "0":
			text("FALSE")
		default:
			text(v)
		}
	case "d":
		text(v)
		if c.Raw != "" {
			c.Kind = Date
		}
	default:
		raw := v
		txt, ok := numberText(raw)
		if !ok {
			text(raw)
			break
		}
		c.Raw, c.Text, c.Display, c.Kind = raw, txt, txt, Number
		var f numFormat
		if style >= 0 && style < len(x.formats) {
			f = x.formats[style]
		}
		switch {
		case f.date:
			c.Kind = Date
			num, _ := parseDecimal(txt)
			if d, ok := dateText(num, x.date1904); ok {
				c.Display = d
			}
		case !f.isGeneral():
			num, _ := parseDecimal(txt)
			if d, ok := f.format(num, txt); ok {
				c.Display = d
			}
		}
	}
	return c, nil
}

// sharedString returns the cell at p holding the shared string whose
// index is in v.
func (x *xlsxReader) sharedString(p Pos, v []byte) (Cell, error) {
	v = bytes.TrimSpace(v)
	i := 0
	for _, c := range v {
		if c < '0' || c > '9' || i > len(x.sst) {
			i = -1
			break
		}
		i = i*10 + int(c-'0')
	}
	if len(v) == 0 || i < 0 || i >= len(x.sst) {
		return Cell{}, &Error{p, "单元格引用了不存在的共享字符串", "请用 Excel 或 WPS 打开后另存为 .xlsx 重试"}
	}
	si := x.sst[i]
	return Cell{Text: si.text, Raw: si.raw, Display: si.text, RowSpan: 1, ColSpan: 1, Pos: p}, nil
}

// layout makes the cells read from a sheet into a rectangular grid and
// applies the merged areas.
func (x *xlsxReader) layout(sheet string, rows [][]Cell, merges [][4]int) (Grid, error) {
	// The table ends at its last cell that shows something, so that a
	// space typed far below it adds nothing. A merged area whose anchor
	// shows something belongs to the table; one over empty cells is
	// formatting, kept only inside the table.
	h, w, cells := 0, 0, 0
	for i, r := range rows {
		for j := len(r) - 1; j >= 0; j-- {
			if r[j].Text != "" {
				h, w = i+1, max(w, j+1)
				break
			}
		}
		for _, c := range r {
			if c.RowSpan != 0 { // a cell read, not a gap before one
				cells++
			}
		}
	}
	for _, m := range merges {
		if m[0] <= len(rows) && m[1] <= len(rows[m[0]-1]) && rows[m[0]-1][m[1]-1].Text != "" {
			h, w = max(h, m[2]), max(w, m[3])
		}
	}
	if w > 0 && h > cellLimit(cells)/w {
		return Grid{}, tooBig(Pos{File: x.name, Sheet: sheet}, h, w)
	}
	if w == 0 {
		h = 0
	}
	rows = rows[:min(h, len(rows))]
	for len(rows) < h {
		rows = append(rows, nil)
	}
	for i, r := range rows {
		r = r[:min(w, len(r))]
		if len(r) < w {
			r = append(r, make([]Cell, w-len(r))...)
		}
		for j := range r {
			if r[j].RowSpan == 0 {
				r[j] = Cell{RowSpan: 1, ColSpan: 1, Pos: Pos{File: x.name, Sheet: sheet, Row: i + 1, Col: j + 1}}
			}
		}
		rows[i] = r
	}
	budget := 4 * maxCells // cells examined for overlaps
merge:
	for _, m := range merges {
		top, left, bottom, right := m[0]-1, m[1]-1, min(m[2], h)-1, min(m[3], w)-1
		if top > bottom || left > right || top == bottom && left == right {
			continue
		}
		for i := top; i <= bottom; i++ {
			for j := left; j <= right; j++ {
				if c := rows[i][j]; c.Covered || c.RowSpan > 1 || c.ColSpan > 1 {
					continue merge // overlaps an earlier area; Excel would not open it
				}
				if budget--; budget < 0 {
					return Grid{}, tooBig(Pos{File: x.name, Sheet: sheet}, h, w)
				}
			}
		}
		anchor := &rows[top][left]
		anchor.RowSpan, anchor.ColSpan = bottom-top+1, right-left+1
		for i := top; i <= bottom; i++ {
			for j := left; j <= right; j++ {
				if i != top || j != left {
					rows[i][j] = *anchor
					rows[i][j].Covered = true
				}
			}
		}
	}
	return Grid{Name: x.name + "!" + sheet, Rows: rows}, nil
}

// parseRef parses a cell reference such as “C7” or “$C$7”.
func parseRef(b []byte) (row, col int, ok bool) {
	i := 0
	if i < len(b) && b[i] == '$' {
		i++
	}
	for ; i < len(b); i++ {
		c := b[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
		if col > 1<<14 {
			return 0, 0, false
		}
	}
	if i < len(b) && b[i] == '$' {
		i++
	}
	start := i
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		row = row*10 + int(b[i]-'0')
		if row > 1<<20 {
			return 0, 0, false
		}
	}
	return row, col, col > 0 && row > 0 && i == len(b) && i > start
}

// parseRange parses a range such as “A1:F3”, returning its top, left,
// bottom and right.
func parseRange(b []byte) ([4]int, bool) {
	from, to, ok := bytes.Cut(b, []byte(":"))
	if !ok {
		return [4]int{}, false
	}
	r1, c1, ok1 := parseRef(from)
	r2, c2, ok2 := parseRef(to)
	if !ok1 || !ok2 {
		return [4]int{}, false
	}
	return [4]int{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)}, true
}
