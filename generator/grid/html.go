package grid

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// ReadHTML reads a web page and returns one Grid per data table on it,
// in page order. name is used in positions and messages.
func ReadHTML(name string, r io.Reader) ([]Grid, error) {
	b, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	text := decodeHTML(b)
	z := html.NewTokenizer(strings.NewReader(text))
	var (
		stack  []*htmlTable
		grids  []Grid
		tables int  // <table> start tags so far
		line   = 1  // line of the next token
		hidden bool // inside <script>, <style> or <template>
	)
	finish := func() error {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		t.endRow()
		if t.nested || t.cells == 0 {
			return nil // a layout wrapper, or no data
		}
		g, err := t.grid(name)
		if err == nil {
			grids = append(grids, g)
		}
		return err
	}
	for {
		tt := z.Next()
		tokLine := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		var t *htmlTable
		if len(stack) > 0 {
			t = stack[len(stack)-1]
		}
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return nil, errorAt(Pos{File: name, Line: tokLine}, "无法解析网页："+z.Err().Error(), "请在浏览器中打开该页面，另存为“网页，仅 HTML”后重试")
			}
			for len(stack) > 0 {
				if err := finish(); err != nil {
					return nil, err
				}
			}
			if len(grids) == 0 {
				return nil, errorAt(Pos{File: name}, "网页中没有找到表格（<table>）", "请确认保存的是表格所在的页面；如果表格是图片或附件，请下载附件后导入")
			}
			return grids, nil
		case html.TextToken:
			if t != nil && t.cell != nil && !hidden {
				t.cell.text(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			a := atom.Lookup(tn)
			switch a {
			case atom.Script, atom.Style, atom.Template:
				hidden = tt == html.StartTagToken
			case atom.Table:
				tables++
				for _, outer := range stack {
					outer.nested = true
				}
				stack = append(stack, &htmlTable{index: tables})
			case atom.Tr:
				if t != nil {
					t.endRow()
					t.rows = append(t.rows, htmlRow{line: tokLine})
					t.inRow = true
				}
			case atom.Td, atom.Th:
				if t != nil {
					t.endCell()
					if !t.inRow {
						t.rows = append(t.rows, htmlRow{line: tokLine})
						t.inRow = true
					}
					c := &htmlCell{line: tokLine, rowspan: 1, colspan: 1}
					for hasAttr {
						var k, v []byte
						k, v, hasAttr = z.TagAttr()
						switch string(k) {
						case "rowspan":
							c.rowspan = span(v, 65534)
						case "colspan":
							c.colspan = span(v, 1000)
						}
					}
					t.cell = c
					t.cells++
				}
			case atom.Br:
				if t != nil && t.cell != nil {
					t.cell.lineBreak()
				}
			default:
				if t != nil && t.cell != nil && isBlock(a) {
					t.cell.lineBreak()
				}
			}
		case html.EndTagToken:
			tn, _ := z.TagName()
			a := atom.Lookup(tn)
			switch a {
			case atom.Script, atom.Style, atom.Template:
				hidden = false
			case atom.Table:
				if t != nil {
					if err := finish(); err != nil {
						return nil, err
					}
				}
			case atom.Tr:
				if t != nil {
					t.endRow()
				}
			case atom.Td, atom.Th:
				if t != nil {
					t.endCell()
				}
			default:
				if t != nil && t.cell != nil && (isBlock(a) || a == atom.Br) {
					t.cell.lineBreak()
				}
			}
		}
	}
}

// span reads a rowspan or colspan attribute as browsers do: leading
// digits, at least 1, at most limit.
func span(v []byte, limit int) int {
	v = bytes.TrimLeft(v, " \t\n\r\f")
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			break
		}
		n = min(n*10+int(c-'0'), limit)
	}
	return max(n, 1)
}

// isBlock reports whether an element starts a new line of text.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre,
		atom.Blockquote, atom.Center, atom.Hr, atom.Address, atom.Section,
		atom.Article, atom.Header, atom.Footer:
		return true
	}
	return false
}

type htmlTable struct {
	index  int  // 1-based among the page's tables
	nested bool // contains another table
	rows   []htmlRow
	inRow  bool
	cell   *htmlCell // open cell
	cells  int
}

type htmlRow struct {
	line  int
	cells []*htmlCell
}

type htmlCell struct {
	line             int
	rowspan, colspan int
	buf              []byte
}

// text appends text as a browser lays it out: runs of white space become
// one space, and none starts a line.
func (c *htmlCell) text(t []byte) {
	for _, b := range t {
		switch b {
		case ' ', '\t', '\n', '\r', '\f':
			if n := len(c.buf); n > 0 && c.buf[n-1] != ' ' && c.buf[n-1] != '\n' {
				c.buf = append(c.buf, ' ')
			}
		default:
			c.buf = append(c.buf, b)
		}
	}
}

func (c *htmlCell) lineBreak() {
	c.buf = bytes.TrimRight(c.buf, " ")
	if n := len(c.buf); n > 0 && c.buf[n-1] != '\n' {
		c.buf = append(c.buf, '\n')
	}
}

func (t *htmlTable) endCell() {
	if t.cell != nil {
		t.rows[len(t.rows)-1].cells = append(t.rows[len(t.rows)-1].cells, t.cell)
		t.cell = nil
	}
}

func (t *htmlTable) endRow() {
	t.endCell()
	t.inRow = false
}

// grid lays the table out as browsers do: each cell takes the first
// column not yet taken by a rowspan from above; a colspan stops short of
// a taken column, and a rowspan at the end of the table.
func (t *htmlTable) grid(name string) (Grid, error) {
	if len(t.rows) > cellLimit(t.cells) {
		return Grid{}, tooBig(Pos{File: name, Table: t.index, Line: t.rows[0].line}, len(t.rows), 1)
	}
	rows := make([][]Cell, len(t.rows))
	width := 0
	p := Pos{File: name, Table: t.index}
	for r, tr := range t.rows {
		c := 0
		for _, hc := range tr.cells {
			for c < len(rows[r]) && rows[r][c].RowSpan != 0 {
				c++
			}
			cs, rs := hc.colspan, min(hc.rowspan, len(rows)-r)
			for k := 1; k < cs; k++ {
				if c+k < len(rows[r]) && rows[r][c+k].RowSpan != 0 {
					cs = k
					break
				}
			}
			if width = max(width, c+cs); width > cellLimit(t.cells)/len(rows) {
				p.Line = hc.line
				return Grid{}, tooBig(p, len(rows), width)
			}
			raw := strings.Trim(string(hc.buf), " \n")
			text := clean(raw)
			p.Line, p.Row, p.Col = hc.line, r+1, c+1
			anchor := Cell{Text: text, Raw: raw, Display: text, RowSpan: rs, ColSpan: cs, Pos: p}
			for i := r; i < r+rs; i++ {
				if len(rows[i]) < c+cs {
					rows[i] = append(rows[i], make([]Cell, c+cs-len(rows[i]))...)
				}
				for j := c; j < c+cs; j++ {
					rows[i][j] = anchor
					rows[i][j].Covered = i != r || j != c
				}
			}
			c += cs
		}
	}
	for r, row := range rows {
		if len(row) < width {
			row = append(row, make([]Cell, width-len(row))...)
			rows[r] = row
		}
		for c := range row {
			if row[c].RowSpan == 0 {
				row[c] = Cell{RowSpan: 1, ColSpan: 1, Pos: Pos{File: name, Table: t.index, Line: t.rows[r].line, Row: r + 1, Col: c + 1}}
			}
		}
	}
	return Grid{Name: name + "#table" + strconv.Itoa(t.index), Rows: rows}, nil
}

// decodeHTML turns a page into UTF-8. A BOM decides; then a charset
// declared in a <meta> tag near the top; then valid UTF-8 is UTF-8 and
// anything else GB18030. The GB labels (gb2312, gbk, gb18030) all decode
// as GB18030, their superset, and a page declared UTF-8 that is not
// valid UTF-8 is read as GB18030, the usual mistake. Undecodable bytes
// become U+FFFD, as in a browser.
func decodeHTML(b []byte) string {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(b, utf8BOM):
		return string(b[3:])
	case bytes.HasPrefix(b, utf16LEBOM), bytes.HasPrefix(b, utf16BEBOM):
		enc = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	default:
		label := metaCharset(b)
		e, name := charset.Lookup(label)
		switch {
		case name == "gbk" || name == "gb18030":
			enc = simplifiedchinese.GB18030
		case e != nil && name != "utf-8":
			enc = e
		case utf8.Valid(b):
			return string(b)
		default:
			enc = simplifiedchinese.GB18030
		}
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

// metaCharset returns the charset a page declares in <meta charset> or
// <meta http-equiv="Content-Type" content="…; charset=…"> in its first
// 4 KB, or "".
func metaCharset(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			switch atom.Lookup(tn) {
			case atom.Meta:
				var cs, content string
				equiv := false
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "charset":
						cs = string(v)
					case "content":
						content = string(v)
					case "http-equiv":
						equiv = strings.EqualFold(string(v), "content-type")
					}
				}
				if cs != "" {
					return cs
				}
				if equiv {
					if i := strings.Index(strings.ToLower(content), "charset="); i >= 0 {
						return strings.Trim(content[i+len("charset="):], ` "';`)
					}
				}
			case atom.Body, atom.Table:
				return ""
			}
		}
	}
}

// looksLikeHTML reports whether b starts like a web page.
func looksLikeHTML(b []byte) bool {
	if len(b) > 1024 {
		b = b[:1024]
	}
	b = bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(b, utf8BOM), " \t\r\n"))
	return bytes.HasPrefix(b, []byte("<")) &&
		(bytes.Contains(b, []byte("<html")) || bytes.Contains(b, []byte("<table")) || bytes.Contains(b, []byte("<!doctype html")))
}
