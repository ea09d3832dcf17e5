package xlsx

import (
	"bytes"
	"strconv"
	"strings"
)

// readStrings reads the shared-string table: each <si> is the text of
// its <t> elements, leaving out phonetic runs (<rPh>).
func (x *reader) readStrings(name string) error {
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
				return damaged(name)
			}
			return nil
		case xmlStart:
			switch string(s.name) {
			case "sst":
				if n, ok := s.attr("uniqueCount"); ok {
					if c, err := strconv.Atoi(string(n)); err == nil && c > 0 && c < len(b)/8 {
						x.sst = make([]string, 0, c)
					}
				}
			case "si":
				inSI = true
				buf.Reset()
				if s.empty {
					x.sst = append(x.sst, "")
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
					x.sst = append(x.sst, buf.String())
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
func (x *reader) readSheet(sheet string, b []byte) (Sheet, error) {
	// Most cells are written <c r=…>: counting them saves growing the
	// slice cell by cell.
	sh := Sheet{Name: sheet, Cells: make([]Cell, 0, min(bytes.Count(b, []byte("<c ")), len(b)/8))}
	s := xmlScanner{b: b}
	bad := func(row, col int, what string) error {
		return &Error{Sheet: sheet, Row: row, Col: col, Msg: "工作表内容损坏（" + what + "）", Hint: resave}
	}
	row, col := 0, 0
	for {
		switch s.next() {
		case xmlEOF:
			if s.err != nil {
				return Sheet{}, bad(row, col, "XML 格式错误")
			}
			return sh, nil
		case xmlStart:
			switch string(s.name) {
			case "row":
				row++
				if v, ok := s.attr("r"); ok {
					n, err := strconv.Atoi(string(v))
					if err != nil || n < 1 || n > maxRow {
						return Sheet{}, bad(row, 0, "行号“"+string(v)+"”无效")
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
						return Sheet{}, bad(row, col, "单元格引用“"+string(ref)+"”无效")
					}
					row, col = r, c
				}
				if col > maxCol {
					return Sheet{}, bad(row, col, "列数超过 16384")
				}
				row = max(row, 1)
				cell, err := x.readCell(&s, typ, style)
				if err != nil {
					err.Sheet, err.Row, err.Col = sheet, row, col
					return Sheet{}, err
				}
				if cell.Raw == "" {
					continue // formatting only
				}
				cell.Row, cell.Col = row, col
				sh.Cells = append(sh.Cells, cell)
			case "mergeCell":
				if v, ok := s.attr("ref"); ok {
					if m, ok := parseRange(v); ok {
						sh.Merges = append(sh.Merges, m)
					}
				}
			}
		}
	}
}

// The largest row and column of a worksheet.
const (
	maxRow = 1 << 20
	maxCol = 1 << 14
)

// readCell reads the value of the cell whose start tag was just read,
// with attributes t and s. An error is for readSheet to place.
func (x *reader) readCell(s *xmlScanner, t, styleAttr []byte) (Cell, *Error) {
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
		return Cell{}, &Error{Msg: "工作表内容损坏（XML 格式错误）", Hint: resave}
	}
	if vTokens > 0 && string(t) == "s" && !vCDATA {
		// A shared string: parse the index without making a string.
		return x.sharedString(vb)
	}
	if vTokens > 0 {
		v = unescape(vb, vCDATA) + v
	}
	var c Cell
	text := func(raw string) { c.Raw, c.Value, c.Display = raw, raw, raw }
	switch string(t) {
	case "s":
		if v == "" {
			break
		}
		return x.sharedString([]byte(v))
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
		val, ok := numberText(v)
		if !ok {
			text(v)
			break
		}
		c = Cell{Kind: Number, Raw: v, Value: val, Display: val}
		var f numFormat
		if style >= 0 && style < len(x.formats) {
			f = x.formats[style]
		}
		switch {
		case f.date:
			c.Kind = Date
			if d, ok := dateText(mustNumber(val), x.date1904); ok {
				c.Display = d
			}
		case !f.isGeneral():
			if d, ok := f.format(mustNumber(val), val); ok {
				c.Display = d
			}
		}
	}
	return c, nil
}

// sharedString returns the cell holding the shared string whose index is
// in v.
func (x *reader) sharedString(v []byte) (Cell, *Error) {
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
		return Cell{}, &Error{Msg: "单元格引用了不存在的共享字符串", Hint: resave}
	}
	si := x.sst[i]
	return Cell{Raw: si, Value: si, Display: si}, nil
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
		if col > maxCol {
			return 0, 0, false
		}
	}
	if i < len(b) && b[i] == '$' {
		i++
	}
	start := i
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		row = row*10 + int(b[i]-'0')
		if row > maxRow {
			return 0, 0, false
		}
	}
	return row, col, col > 0 && row > 0 && i == len(b) && i > start
}

// parseRange parses a range such as “A1:F3”.
func parseRange(b []byte) (Range, bool) {
	from, to, ok := bytes.Cut(b, []byte(":"))
	if !ok {
		return Range{}, false
	}
	r1, c1, ok1 := parseRef(from)
	r2, c2, ok2 := parseRef(to)
	if !ok1 || !ok2 {
		return Range{}, false
	}
	return Range{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)}, true
}
