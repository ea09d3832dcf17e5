package grid

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"budgetsite/generator/budget"
	"budgetsite/generator/grid/xlsx"
	"budgetsite/generator/internal/xlsxtest"
)

// want is one expected cell: at grid row r and column c (1-based), with
// pos its Pos.String().
type want struct {
	r, c    int
	text    string
	pos     string
	span    [2]int // rows, cols; zero means 1×1
	covered bool
	kind    Kind
	display string // "" means Text
	raw     string // "" means Text
}

func checkCells(t *testing.T, g Grid, wants []want) {
	t.Helper()
	for _, w := range wants {
		c := g.At(w.r-1, w.c-1)
		span := w.span
		if span == [2]int{} {
			span = [2]int{1, 1}
		}
		display, raw := w.display, w.raw
		if display == "" {
			display = w.text
		}
		if raw == "" {
			raw = w.text
		}
		got := []any{c.Text, c.Pos.String(), [2]int{c.RowSpan, c.ColSpan}, c.Covered, c.Kind, c.Display, c.Raw}
		exp := []any{w.text, w.pos, span, w.covered, w.kind, display, raw}
		for i := range got {
			if got[i] != exp[i] {
				t.Errorf("%s %s: got %q %s %v covered=%v %s display %q raw %q\nwant %q %s %v covered=%v %s display %q raw %q",
					g.Name, xlsx.CellName(w.r, w.c), got[0], got[1], got[2], got[3], got[4], got[5], got[6],
					exp[0], exp[1], exp[2], exp[3], exp[4], exp[5], exp[6])
				break
			}
		}
	}
}

func TestReadTextFixture(t *testing.T) {
	g := readFixture(t, "extracted.txt")[0]
	if len(g.Rows) != 21 || g.Width() != 11 {
		t.Fatalf("%d×%d grid, want 21×11", len(g.Rows), g.Width())
	}
	checkCells(t, g, []want{
		{r: 1, c: 1, text: "部门预算项目支出绩效自评表(2023年度)", pos: "extracted.txt:1"},
		{r: 1, c: 11, text: "", pos: "extracted.txt:1"}, // padding
		{r: 5, c: 1, text: "", pos: "extracted.txt:5"},  // empty cells keep columns
		{r: 5, c: 3, text: "根据要求购买安可设备，并完成项目资金支付。", pos: "extracted.txt:5"},
		{r: 13, c: 1, text: "", pos: "extracted.txt:13"}, // the blank line
		{r: 14, c: 1, text: "", pos: "extracted.txt:14"}, // the page break
		{r: 15, c: 1, text: "绩效指标(90分)", pos: "extracted.txt:14"},
		{r: 17, c: 5, text: "≤", pos: "extracted.txt:16"},
		{r: 18, c: 3, text: "100", raw: "\u00a0100 ", pos: "extracted.txt:17"},
		{r: 19, c: 2, text: "根据财政局资金下达的管理办法， 将资金支付给项目施工方。", raw: "根据财政局资金下达的管理办法，  将资金支付给项目施工方。", pos: "extracted.txt:18"},
		{r: 21, c: 2, text: "无", pos: "extracted.txt:20"},
	})
}

// TestReadTextEncodings reads one text in every encoding and line end a
// publisher's machine produces.
func TestReadTextEncodings(t *testing.T) {
	const text = "项目名称\t麻风病防治\n\n资金\t≥4.00万元\n"
	utf16 := func(e xunicode.Endianness) []byte {
		b, err := xunicode.UTF16(e, xunicode.ExpectBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(strings.ReplaceAll(text, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"UTF-8", []byte(text)},
		{"UTF-8 BOM", append([]byte("\ufeff"), text...)},
		{"UTF-8 CRLF", []byte(strings.ReplaceAll(text, "\n", "\r\n"))},
		{"UTF-8 CR", []byte(strings.ReplaceAll(text, "\n", "\r"))},
		{"UTF-8 no final newline", []byte(strings.TrimSuffix(text, "\n"))},
		{"UTF-16LE", utf16(xunicode.LittleEndian)},
		{"UTF-16BE", utf16(xunicode.BigEndian)},
		{"GB18030 CRLF", gb},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := ReadText("a.txt", bytes.NewReader(tc.b))
			if err != nil {
				t.Fatal(err)
			}
			checkGrid(t, g, "a.txt")
			if len(g.Rows) != 3 {
				t.Fatalf("%d rows, want 3", len(g.Rows))
			}
			checkCells(t, g, []want{
				{r: 1, c: 2, text: "麻风病防治", pos: "a.txt:1"},
				{r: 2, c: 1, text: "", pos: "a.txt:2"},
				{r: 3, c: 2, text: "≥4.00万元", pos: "a.txt:3"},
			})
		})
	}
}

func TestReadTextPageBreaks(t *testing.T) {
	g, err := ReadText("a.txt", strings.NewReader("a\fb\n\fc\nd\f\ne\f\ff\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range g.Rows {
		got = append(got, row[0].Text+"@"+itoa(row[0].Pos.Line))
	}
	want := "a@1 @1 b@1 @2 c@2 d@3 @3 e@4 @4 @4 f@4"
	if strings.Join(got, " ") != want {
		t.Fatalf("rows %v, want %s", got, want)
	}
}

func TestReadTextErrors(t *testing.T) {
	gbBad := append([]byte("第一行\n第二行\n"), 0xFF, 0x30, '\n')
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(gbBad[:len("第一行\n第二行\n")])
	gb = append(gb, 0x81, 0x20, '\n') // a lead byte without its trail byte
	damaged := append([]byte(strings.Repeat("项目名称\t麻风病防治\n", 5)), 0xE9, 0xA1, '\n')
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"GB18030 with a broken character", gb, "a.txt:3: 无法识别的文本编码。请另存为 UTF-8 或 GB18030 编码的文本文件后重试"},
		{"damaged UTF-8", damaged, "a.txt:6: 无法识别的文本编码。请另存为 UTF-8 或 GB18030 编码的文本文件后重试"},
		{"a PDF", []byte("%PDF-1.7\n..."), "a.txt: 这是 PDF 文件，不是提取出的文本。请先把 PDF 中的表格提取为文本（每行一行，单元格之间用 Tab 分隔）后重试"},
		{"a workbook", append([]byte("PK\x03\x04"), 0, 0), "a.txt: 这不是文本文件，而是 Excel 或 WPS 的工作簿。请把扩展名改为 .xlsx，或在 Excel 中另存为文本文件后重试"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadText("a.txt", bytes.NewReader(tc.b))
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error %v\nwant %s", err, tc.want)
			}
			checkErr(t, err, "a.txt")
		})
	}
	_, err := ReadText("a.txt", iotest.ErrReader(errors.New("disk on fire")))
	checkErr(t, err, "a.txt")
}

func TestReadCSVFixture(t *testing.T) {
	g := readFixture(t, "flat.csv")[0]
	if len(g.Rows) != 15 || g.Width() != 12 {
		t.Fatalf("%d×%d grid, want 15×12", len(g.Rows), g.Width())
	}
	checkCells(t, g, []want{
		{r: 1, c: 1, text: "部门预算项目绩效目标申报表(2023年度)", pos: "flat.csv:1"},
		{r: 1, c: 12, text: "", pos: "flat.csv:1"},
		{r: 2, c: 1, text: "金额单位：元", pos: "flat.csv:2"},
		{r: 3, c: 12, text: "指标方向性", pos: "flat.csv:3"},
		{r: 4, c: 1, text: "820-马踏镇部门", pos: "flat.csv:4"},
		{r: 4, c: 3, text: "8,827,620.53", pos: "flat.csv:4"},
		{r: 5, c: 3, text: "3,309,840.00", pos: "flat.csv:5"},
		{r: 6, c: 1, text: "", pos: "flat.csv:6"}, // same as above
		{r: 11, c: 9, text: "100", pos: "flat.csv:11"},
		{r: 14, c: 4, text: "组织“两后生”参加职业技能培训，提升就业能力。 培训合格率不低于90%。",
			raw: "组织“两后生”参加职业技能培训，提升就业能力。\n培训合格率不低于90%。", pos: "flat.csv:14"},
		{r: 14, c: 12, text: "正向", pos: "flat.csv:14"},
		// The record after the two-line field starts on line 16.
		{r: 15, c: 7, text: "培训后就业率", pos: "flat.csv:16"},
	})
}

func TestReadCSV(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		rows  int
		wants []want
	}{
		{"tabs", "一级指标\t二级指标\t指标值\n产出指标\t\t\"3,309,840.00\"\n", 2, []want{
			{r: 1, c: 3, text: "指标值", pos: "a.csv:1"},
			{r: 2, c: 2, text: "", pos: "a.csv:2"},
			{r: 2, c: 3, text: "3,309,840.00", pos: "a.csv:2"},
		}},
		{"commas in quotes do not make it comma-separated", "a\t\"1,2,3\"\tb\n", 1, []want{
			{r: 1, c: 2, text: "1,2,3", pos: "a.csv:1"},
		}},
		{"blank lines at the end too", "a,b\r\n\r\n", 2, []want{
			{r: 2, c: 2, text: "", pos: "a.csv:2"},
		}},
		{"blank lines are empty rows", "a,b\n\n\nc,d\n", 4, []want{
			{r: 2, c: 1, text: "", pos: "a.csv:2"},
			{r: 3, c: 2, text: "", pos: "a.csv:3"},
			{r: 4, c: 2, text: "d", pos: "a.csv:4"},
		}},
		{"records over several lines", "\"a\nb\nc\",x\r\n\r\n\"d\r\ne\",y\r\nz\r\n", 4, []want{
			{r: 1, c: 1, text: "a b c", raw: "a\nb\nc", pos: "a.csv:1"},
			{r: 1, c: 2, text: "x", pos: "a.csv:1"},
			{r: 2, c: 1, text: "", pos: "a.csv:4"},
			{r: 3, c: 1, text: "d e", raw: "d\ne", pos: "a.csv:5"},
			{r: 4, c: 1, text: "z", pos: "a.csv:7"},
		}},
		{"bare quotes", "他说\"好\",\"x\"y\"\n", 1, []want{
			{r: 1, c: 1, text: "他说\"好\"", pos: "a.csv:1"},
			{r: 1, c: 2, text: "x\"y", pos: "a.csv:1"},
		}},
		{"CR line ends", "a,b\r\rc,\"d\re\"\r", 3, []want{
			{r: 2, c: 1, text: "", pos: "a.csv:2"},
			{r: 3, c: 2, text: "d e", raw: "d\ne", pos: "a.csv:3"},
		}},
		{"short rows are padded", "a,b,c\nd\n", 2, []want{
			{r: 2, c: 3, text: "", pos: "a.csv:2"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := ReadCSV("a.csv", strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			checkGrid(t, g, "a.csv")
			if len(g.Rows) != tc.rows {
				t.Fatalf("%d rows, want %d", len(g.Rows), tc.rows)
			}
			checkCells(t, g, tc.wants)
		})
	}
}

func TestReadCSVEncodingError(t *testing.T) {
	in := append([]byte("a,b\r\nc,d\r\n"), 0x81, '\r', '\n')
	_, err := ReadCSV("a.csv", bytes.NewReader(in))
	const msg = "a.csv:3: 无法识别的文本编码。请另存为 UTF-8 或 GB18030 编码的 CSV 文件后重试"
	if err == nil || err.Error() != msg {
		t.Fatalf("error %v\nwant %s", err, msg)
	}
}

func TestReadXLSXForm(t *testing.T) {
	for _, file := range []string{"form.xlsx", "form-libreoffice.xlsx"} {
		t.Run(file, func(t *testing.T) {
			grids := readFixture(t, file)
			if len(grids) != 2 || grids[0].Name != file+"!绩效目标申报表" || grids[1].Name != file+"!乌海" {
				t.Fatalf("grids %v", names(grids))
			}
			g := grids[0]
			if len(g.Rows) != 28 || g.Width() != 6 {
				t.Fatalf("%d×%d grid, want 28×6", len(g.Rows), g.Width())
			}
			p := file + "!绩效目标申报表!"
			checkCells(t, g, []want{
				{r: 1, c: 1, text: "项目支出绩效目标申报表", pos: p + "A1", span: [2]int{1, 6}},
				{r: 1, c: 6, text: "项目支出绩效目标申报表", pos: p + "A1", span: [2]int{1, 6}, covered: true},
				{r: 5, c: 1, text: "项目资金(万元)", pos: p + "A5", span: [2]int{9, 1}},
				{r: 13, c: 1, text: "项目资金(万元)", pos: p + "A5", span: [2]int{9, 1}, covered: true},
				{r: 6, c: 2, text: "(一)财政拨款小计", raw: "   (一)财政拨款小计", pos: p + "B6", span: [2]int{1, 3}},
				{r: 6, c: 5, text: "4", display: "4.00", kind: Number, pos: p + "E6", span: [2]int{1, 2}},
				{r: 6, c: 6, text: "4", display: "4.00", kind: Number, pos: p + "E6", span: [2]int{1, 2}, covered: true},
				{r: 8, c: 5, text: "0", display: "0.00", kind: Number, pos: p + "E8", span: [2]int{1, 2}},
				{r: 14, c: 1, text: "总体 目标", raw: "总体\n目标", pos: p + "A14", span: [2]int{2, 1}},
				{r: 16, c: 4, text: "三级指标", pos: p + "D16", span: [2]int{1, 2}},
				// A merged 一级指标 reads as its value on every row it spans.
				{r: 17, c: 2, text: "项目完成 指标", raw: "项目完成\n指标", pos: p + "B17", span: [2]int{7, 1}},
				{r: 23, c: 2, text: "项目完成 指标", raw: "项目完成\n指标", pos: p + "B17", span: [2]int{7, 1}, covered: true},
				{r: 18, c: 3, text: "数量指标", pos: p + "C17", span: [2]int{2, 1}, covered: true},
				{r: 19, c: 6, text: "1", display: "100%", kind: Number, pos: p + "F19"},
				{r: 20, c: 6, text: "100%", pos: p + "F20"},
				{r: 28, c: 2, text: "满意度指标", pos: p + "B28"},
				{r: 28, c: 6, text: "明显提升", pos: p + "F28"},
			})
			p = file + "!乌海!"
			checkCells(t, grids[1], []want{
				{r: 3, c: 7, text: "", pos: p + "G3"},
				{r: 6, c: 6, text: "44561", display: "2021-12-31", kind: Date, pos: p + "F6"},
				{r: 6, c: 7, text: "44561", display: "44,561", kind: Number, pos: p + "G6"},
				{r: 8, c: 6, text: "0.25", display: "0", kind: Number, pos: p + "F8"},
				{r: 9, c: 9, text: "", pos: p + "I9"},
			})
		})
	}
}

func TestReadXLSXFlat(t *testing.T) {
	grids := readFixture(t, "flat.xlsx")
	g := grids[0]
	if len(grids) != 1 || len(g.Rows) != 15 || g.Width() != 12 {
		t.Fatalf("%v, %d×%d grid, want one 15×12", names(grids), len(g.Rows), g.Width())
	}
	p := "flat.xlsx!Sheet1!"
	checkCells(t, g, []want{
		{r: 1, c: 1, text: "部门预算项目绩效目标申报表(2023年度)", pos: p + "A1", span: [2]int{1, 12}},
		{r: 4, c: 3, text: "8827620.53", display: "8,827,620.53", raw: "8827620.5299999993", kind: Number, pos: p + "C4"},
		{r: 5, c: 3, text: "3309840", display: "3,309,840.00", kind: Number, pos: p + "C5"},
		{r: 6, c: 3, text: "", pos: p + "C6"},
		{r: 10, c: 9, text: "12.5", kind: Number, pos: p + "I10"},
		{r: 11, c: 9, text: "100", pos: p + "I11"}, // a number typed as text
		{r: 13, c: 3, text: "1250000.5", display: "1,250,000.50", kind: Number, pos: p + "C13"},
		{r: 14, c: 4, text: "组织“两后生”参加职业技能培训，提升就业能力。 培训合格率不低于90%。",
			raw: "组织“两后生”参加职业技能培训，提升就业能力。\n培训合格率不低于90%。", pos: p + "D14"},
		{r: 15, c: 11, text: "50", kind: Number, pos: p + "K15"},
	})
}

func TestReadHTMLFixture(t *testing.T) {
	grids := readFixture(t, "page.html")
	if len(grids) != 2 || grids[0].Name != "page.html#table2" || grids[1].Name != "page.html#table3" {
		t.Fatalf("grids %v, want the form (table 2) and the footer (table 3)", names(grids))
	}
	page := pageHTML(t)
	// lineBelow returns the position of the line below lines below the
	// line holding marker.
	lineBelow := func(marker string, below int) string {
		gb, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(marker))
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.Index(page, gb)
		if i < 0 {
			t.Fatalf("%q is not in the page", marker)
		}
		return "page.html:" + itoa(bytes.Count(page[:i], []byte("\n"))+1+below)
	}
	line := func(marker string) string { return lineBelow(marker, 0) }
	g := grids[0]
	if len(g.Rows) != 23 || g.Width() != 6 {
		t.Fatalf("%d×%d grid, want 23×6", len(g.Rows), g.Width())
	}
	checkCells(t, g, []want{
		{r: 1, c: 1, text: "绩效目标申报表", pos: line(`<td colspan="6"`), span: [2]int{1, 6}},
		{r: 2, c: 5, text: "", raw: "\u00a0", pos: line(`<td colspan="2">&nbsp;</td>`), span: [2]int{1, 2}},
		{r: 3, c: 5, text: "[607001]衡阳市南岳区南岳镇人民政府", pos: line("[607001]"), span: [2]int{1, 2}},
		{r: 4, c: 1, text: "资金情况 (万元)", raw: "资金情况\n(万元)", pos: line(`<td rowspan="3">`), span: [2]int{3, 1}},
		{r: 6, c: 1, text: "资金情况 (万元)", raw: "资金情况\n(万元)", pos: line(`<td rowspan="3">`), span: [2]int{3, 1}, covered: true},
		{r: 6, c: 4, text: "0", pos: line(`<td colspan="3">0</td>`), span: [2]int{1, 3}},
		{r: 9, c: 1, text: "绩效指标", pos: line(`<td rowspan="12">`), span: [2]int{12, 1}},
		{r: 10, c: 2, text: "产出指标", pos: line(`<td rowspan="7">`), span: [2]int{7, 1}},
		{r: 16, c: 2, text: "产出指标", pos: line(`<td rowspan="7">`), span: [2]int{7, 1}, covered: true},
		{r: 12, c: 3, text: "数量指标", pos: line(`<td rowspan="3">数量指标`), span: [2]int{3, 1}, covered: true},
		{r: 12, c: 5, text: "=10个", pos: line("=10个")},
		{r: 13, c: 5, text: "第一年按总投资额返本20%, 分红按8%分红", raw: "第一年按总投资额返本20%,\n分红按8%分红", pos: line("返本分红比例")},
		{r: 17, c: 5, text: ">=8%", pos: line("&gt;=8%")},
		{r: 20, c: 2, text: "满意度指标", pos: line("<tr><td>满意度指标")},
		{r: 20, c: 5, text: ">=95%", pos: line("<tr><td>满意度指标")},
		// Rows whose </td> and </tr> are missing.
		{r: 22, c: 3, text: "(盖章)", raw: "(盖章)\n\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0", pos: lineBelow("绩效评价股", 1), span: [2]int{1, 4}},
		{r: 23, c: 1, text: "区扶贫办审核意见", pos: line("区扶贫办"), span: [2]int{1, 2}},
		{r: 23, c: 6, text: "(盖章)", pos: lineBelow("区扶贫办", 1), span: [2]int{1, 4}, covered: true},
	})
}

func TestReadHTML(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		grids []string // names
		wants []want   // in the first grid
	}{
		{"nested tables: the wrapper is skipped", `<table><tr><td>导航</td></tr><tr><td>
<table><tr><td>项目名称</td><td>x</td></tr></table>
</td></tr></table>`, []string{"a.html#table2"}, []want{
			{r: 1, c: 1, text: "项目名称", pos: "a.html:2"},
		}},
		{"several tables, page order", "<table><tr><td>a</td></tr></table>\n<p>text</p>\n<table><tr><td>b</td></tr></table>",
			[]string{"a.html#table1", "a.html#table2"}, nil},
		{"empty tables are no tables", "<table></table><table><tr></tr></table><table><tr><td>x</td></tr></table>",
			[]string{"a.html#table3"}, nil},
		{"a colspan stops at a rowspan from above", `<table>
<tr><td>a</td><td rowspan=2>b</td><td>c</td></tr>
<tr><td colspan=3>d</td><td>e</td></tr>
</table>`, []string{"a.html#table1"}, []want{
			{r: 2, c: 1, text: "d", pos: "a.html:3"},
			{r: 2, c: 2, text: "b", pos: "a.html:2", span: [2]int{2, 1}, covered: true},
			{r: 2, c: 3, text: "e", pos: "a.html:3"},
		}},
		{"a rowspan stops at the end of the table", `<table><tr><td rowspan="5">a</td><td>b</td></tr><tr><td>c</td></tr></table>`,
			[]string{"a.html#table1"}, []want{
				{r: 1, c: 1, text: "a", pos: "a.html:1", span: [2]int{2, 1}},
			}},
		{"bad spans read as browsers read them", `<table><tr><td colspan="0">a</td><td rowspan="x">b</td><td colspan=" 2px">c</td></tr></table>`,
			[]string{"a.html#table1"}, []want{
				{r: 1, c: 1, text: "a", pos: "a.html:1"},
				{r: 1, c: 2, text: "b", pos: "a.html:1"},
				{r: 1, c: 3, text: "c", pos: "a.html:1", span: [2]int{1, 2}},
			}},
		{"markup inside cells", "<table><tr><td><p><span style='x'>项目</span><b>名称</b></p><p>第二段</p>a<br/>b<div>c</div>d<script>var x='<td>'</script><style>td{}</style></td></tr></table>",
			[]string{"a.html#table1"}, []want{
				{r: 1, c: 1, text: "项目名称 第二段 a b c d", raw: "项目名称\n第二段\na\nb\nc\nd", pos: "a.html:1"},
			}},
		{"cells without rows, th", "<table><th>一级指标</th><td>产出</table>", []string{"a.html#table1"}, []want{
			{r: 1, c: 1, text: "一级指标", pos: "a.html:1"},
			{r: 1, c: 2, text: "产出", pos: "a.html:1"},
		}},
		{"a table left open", "<table><tr><td>a<tr><td>b", []string{"a.html#table1"}, []want{
			{r: 2, c: 1, text: "b", pos: "a.html:1"},
		}},
		{"padding cells take the row's line", "<table>\n<tr><td colspan=2>a</td></tr>\n<tr>\n<td>b</td></tr></table>", []string{"a.html#table1"}, []want{
			{r: 2, c: 2, text: "", pos: "a.html:3"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			grids, err := ReadHTML("a.html", strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := names(grids); strings.Join(got, " ") != strings.Join(tc.grids, " ") {
				t.Fatalf("grids %v, want %v", got, tc.grids)
			}
			for _, g := range grids {
				checkGrid(t, g, "a.html")
			}
			checkCells(t, grids[0], tc.wants)
		})
	}
}

// TestTooBig checks that spans cannot make a small file a huge grid.
func TestTooBig(t *testing.T) {
	page := "<table><tr><td colspan=1000 rowspan=65534>x" + strings.Repeat("<tr><td>y", 3000) + "</table>"
	_, err := ReadHTML("a.html", strings.NewReader(page))
	if err == nil || !strings.Contains(err.Error(), "a.html:1: 表格过大（3001 行 × 1000 列）") {
		t.Fatalf("error %v", err)
	}
	csv := strings.Repeat(",", 5000) + strings.Repeat("\n", 5000)
	if _, err := ReadCSV("a.csv", strings.NewReader(csv)); err == nil {
		t.Fatal("5,000 blank lines under a row of 5,001 fields read as a 25-million-cell grid")
	}
	// A big merged area over one value is fine.
	sheet := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:Z2000"/></mergeCells></worksheet>`
	b := xlsxtest.ReplaceParts(t, xlsxtest.Small(t), map[string][]byte{"xl/worksheets/sheet1.xml": []byte(sheet)})
	grids, err := ReadXLSX("f.xlsx", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if g := grids[0]; len(g.Rows) != 2000 || g.Width() != 26 || g.At(1999, 25).Text != "说明" {
		t.Fatalf("%d×%d grid", len(g.Rows), g.Width())
	}
}

func TestReadHTMLCharset(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	const table = "<table><tr><td>项目名称</td><td>麻风病防治</td></tr></table>"
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"meta charset gb2312", gbk(`<html><head><meta charset="gb2312"></head><body>` + table)},
		{"http-equiv gbk", gbk(`<meta http-equiv="content-type" content="text/html; charset=GBK">` + table)},
		{"http-equiv gb18030", gbk(`<meta http-equiv=Content-Type content='text/html;charset=gb18030'>` + table)},
		{"no declaration, GBK", gbk(table)},
		{"no declaration, UTF-8", []byte(table)},
		{"declared UTF-8, really GBK", gbk(`<meta charset="utf-8">` + table)},
		{"UTF-8 BOM, declared gbk", append([]byte("\ufeff"), `<meta charset="gbk">`+table...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			grids, err := ReadHTML("a.html", bytes.NewReader(tc.b))
			if err != nil {
				t.Fatal(err)
			}
			if got := grids[0].At(0, 1).Text; got != "麻风病防治" {
				t.Fatalf("got %q", got)
			}
		})
	}
}

func TestReadHTMLNoTable(t *testing.T) {
	_, err := ReadHTML("a.html", strings.NewReader(`<html><body><script>x="<table><tr><td>"</script><p>附件：<a href="x.xlsx">目标表</a></p></body></html>`))
	const msg = "a.html: 网页中没有找到表格（<table>）。请确认保存的是表格所在的页面；如果表格是图片或附件，请下载附件后导入"
	if err == nil || err.Error() != msg {
		t.Fatalf("error %v\nwant %s", err, msg)
	}
}

func TestRead(t *testing.T) {
	html := "<table><tr><td>x</td></tr></table>"
	ole := "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
	for _, tc := range []struct {
		name, in string
		grids    []string
		err      string
	}{
		{name: "a.TXT", in: "x\ty", grids: []string{"a.TXT"}},
		{name: "dir.v2/a.csv", in: "x,y", grids: []string{"dir.v2/a.csv"}},
		{name: "a.htm", in: html, grids: []string{"a.htm#table1"}},
		{name: "a.xls", in: "\ufeff\r\n" + html, grids: []string{"a.xls#table1"}},
		{name: "a.xlsx", in: string(xlsxtest.Small(t)), grids: []string{"a.xlsx!Sheet1"}},
		{name: "a.xls", in: string(xlsxtest.Small(t)), grids: []string{"a.xls!Sheet1"}},
		{name: "a.xls", in: ole, err: "a.xls: 这是旧版 Excel 97-2003 工作簿（.xls），无法直接读取。请用 Excel 或 WPS 打开，另存为 .xlsx 后重试"},
		{name: "a.xlsx", in: ole, err: "a.xlsx: 这是设置了密码的工作簿，或旧版 Excel 97-2003（.xls）文件。请在 Excel 或 WPS 中取消密码，另存为 .xlsx 后重试"},
		{name: "a.xlsx", in: "not a zip", err: "a.xlsx: 这不是有效的 .xlsx 文件（无法按 zip 格式打开）。请用 Excel 或 WPS 打开后另存为 .xlsx 重试"},
		{name: "a.pdf", err: "a.pdf: PDF 文件不能直接读取。请先把表格提取为文本（.txt，每行一行，单元格之间用 Tab 分隔），或把表格另存为 .xlsx 后重试"},
		{name: "a.docx", err: "a.docx: Word 文档不能直接读取。请把表格复制到 Excel，另存为 .xlsx 后重试"},
		{name: "a.json", err: "a.json: 不支持的文件类型“.json”。请提供 .xlsx、.csv、.txt 或 .html 文件"},
		{name: "README", err: "README: 不支持的文件类型“”。请提供 .xlsx、.csv、.txt 或 .html 文件"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			grids, err := Read(tc.name, strings.NewReader(tc.in))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v\nwant %s", err, tc.err)
				}
				checkErr(t, err, tc.name)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := names(grids); strings.Join(got, " ") != strings.Join(tc.grids, " ") {
				t.Fatalf("grids %v, want %v", got, tc.grids)
			}
		})
	}
}

func TestReadXLSXErrors(t *testing.T) {
	base := xlsxtest.Small(t)
	sheet, _ := xlsxtest.Parts(t, base)
	for _, tc := range []struct {
		name  string
		parts map[string][]byte
		err   string
	}{
		{"a shared string that is not there",
			map[string][]byte{"xl/worksheets/sheet1.xml": []byte(`<worksheet><sheetData><row r="3"><c r="C3" t="s"><v>99</v></c></row></sheetData></worksheet>`)},
			"f.xlsx!Sheet1!C3: 单元格引用了不存在的共享字符串。请用 Excel 或 WPS 打开后另存为 .xlsx 重试"},
		{"a bad cell reference",
			map[string][]byte{"xl/worksheets/sheet1.xml": []byte(`<worksheet><sheetData><row r="3"><c r="3C"><v>1</v></c></row></sheetData></worksheet>`)},
			"f.xlsx!Sheet1!A3: 工作表内容损坏（单元格引用“3C”无效）。请用 Excel 或 WPS 打开后另存为 .xlsx 重试"},
		{"truncated XML",
			map[string][]byte{"xl/worksheets/sheet1.xml": sheet[:len(sheet)/2]},
			""},
		{"a cell far away",
			map[string][]byte{"xl/worksheets/sheet1.xml": []byte(`<worksheet><sheetData><row r="1000000"><c r="XFD1000000"><v>1</v></c></row></sheetData></worksheet>`)},
			"f.xlsx!Sheet1: 表格过大（1000000 行 × 16384 列）。请删除表格以外多余的行、列或合并单元格，或把表格拆成几个文件后重试"},
		{"no workbook",
			map[string][]byte{"xl/workbook.xml": nil, "_rels/.rels": []byte(`<Relationships/>`)},
			""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := xlsxtest.ReplaceParts(t, base, tc.parts)
			_, err := ReadXLSX("f.xlsx", bytes.NewReader(b))
			if err == nil {
				t.Fatal("no error")
			}
			checkErr(t, err, "f.xlsx")
			if tc.err != "" && err.Error() != tc.err {
				t.Fatalf("error %v\nwant %s", err, tc.err)
			}
			// A workbook's errors name the cell in File and have no line.
			if e := err.(*budget.Error); e.Line != 0 || tc.err != "" && !strings.HasPrefix(tc.err, e.File+": ") {
				t.Fatalf("error %+v: File is not the position", e)
			}
		})
	}
}

// TestReadXLSXCells reads hand-written worksheet XML: cell types, rich
// text, escapes, prefixes, cells without references, and what sets the
// extent of the grid.
func TestReadXLSXCells(t *testing.T) {
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:r><x:t>≥</x:t></x:r><x:r><x:rPr/><x:t xml:space="preserve">85% </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ダイ</x:t></x:rPh></x:is></x:c>
<x:c t="str"><x:f>A1&amp;""</x:f><x:v>a&amp;b_x000D_&#10;c</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c><x:v>1.0000000000000001E-5</x:v></x:c><x:c t="d"><x:v>2021-12-31T00:00:00</x:v></x:c><x:c t="n"><x:v> 12 </x:v></x:c><x:c><x:v>not a number</x:v></x:c></x:row>
<x:row><x:c r="B2" s="0"/><x:c r="C2" t="s"><x:v><![CDATA[0]]></x:v></x:c></x:row>
<x:row r="9"><x:c r="Z9" t="inlineStr"><x:is><x:t>   </x:t></x:is></x:c></x:row>
<x:row r="1000000"><x:c r="A1000000" t="inlineStr"><x:is><x:t> </x:t></x:is></x:c></x:row>
</x:sheetData><x:mergeCells><x:mergeCell ref="H3:J20"/><x:mergeCell ref="B2:C2"/></x:mergeCells></x:worksheet>`
	b := xlsxtest.ReplaceParts(t, xlsxtest.Small(t), map[string][]byte{"xl/worksheets/sheet1.xml": []byte(sheet)})
	grids, err := ReadXLSX("f.xlsx", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	g := grids[0]
	checkGrid(t, g, "f.xlsx")
	if len(g.Rows) != 2 || g.Width() != 8 {
		t.Fatalf("%d×%d grid, want 2×8: spaces and an empty merged area add nothing", len(g.Rows), g.Width())
	}
	p := "f.xlsx!Sheet1!"
	checkCells(t, g, []want{
		{r: 1, c: 1, text: "≥85%", raw: "≥85% ", pos: p + "A1"},
		{r: 1, c: 2, text: "a&b c", raw: "a&b\r\nc", pos: p + "B1"},
		{r: 1, c: 3, text: "TRUE", pos: p + "C1"},
		{r: 1, c: 4, text: "#DIV/0!", pos: p + "D1"},
		{r: 1, c: 5, text: "0.00001", raw: "1.0000000000000001E-5", kind: Number, pos: p + "E1"},
		{r: 1, c: 6, text: "2021-12-31T00:00:00", kind: Date, pos: p + "F1"},
		{r: 1, c: 7, text: "12", raw: " 12 ", kind: Number, pos: p + "G1"},
		{r: 1, c: 8, text: "not a number", pos: p + "H1"},
		// B2 is empty and anchors B2:C2, so C2's shared string is hidden.
		{r: 2, c: 2, text: "", pos: p + "B2", span: [2]int{1, 2}},
		{r: 2, c: 3, text: "", pos: p + "B2", span: [2]int{1, 2}, covered: true},
	})
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"  产出指标 ", "产出指标"},
		{"项目完成\n指标", "项目完成 指标"},
		{"a\u00a0\u00a0b\u3000c\td\r\ne", "a b c d e"},
		{"\ufeff≥85%\u200b", "≥85%"},
		{"x\x00y\x7f", "xy"},
		{"a \u200b b", "a b"},
		{"\xff", "\ufffd"},
		{"全角　空格", "全角 空格"},
	} {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !isClean(clean(tc.in)) {
			t.Errorf("clean(%q) = %q is not clean", tc.in, clean(tc.in))
		}
	}
}

func TestPos(t *testing.T) {
	for _, tc := range []struct {
		p    Pos
		want string
	}{
		{Pos{File: "a.txt", Line: 12, Row: 12, Col: 3}, "a.txt:12"},
		{Pos{File: "预算.xlsx", Sheet: "Sheet1", Row: 7, Col: 3}, "预算.xlsx!Sheet1!C7"},
		{Pos{File: "预算.xlsx", Sheet: "Sheet1", Row: 1, Col: 16384}, "预算.xlsx!Sheet1!XFD1"},
		{Pos{File: "预算.xlsx", Sheet: "Sheet1", Row: 1, Col: 27}, "预算.xlsx!Sheet1!AA1"},
		{Pos{File: "预算.xlsx", Sheet: "Sheet1"}, "预算.xlsx!Sheet1"},
		{Pos{File: "old.html", Table: 2, Line: 37, Row: 4, Col: 1}, "old.html:37"},
		{Pos{File: "a.csv"}, "a.csv"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.p, got, tc.want)
		}
	}
	for _, tc := range []struct {
		p    Pos
		file string
		line int
		want string
	}{
		{Pos{File: "a.csv", Line: 3, Row: 3, Col: 1}, "a.csv", 3, "a.csv:3: 无法识别的文本编码。请另存为 UTF-8 编码后重试"},
		{Pos{File: "预算.xlsx", Sheet: "Sheet1", Row: 7, Col: 3}, "预算.xlsx!Sheet1!C7", 0, "预算.xlsx!Sheet1!C7: 无法识别的文本编码。请另存为 UTF-8 编码后重试"},
		{Pos{File: "old.html", Table: 2, Line: 37, Row: 4, Col: 1}, "old.html", 37, "old.html:37: 无法识别的文本编码。请另存为 UTF-8 编码后重试"},
	} {
		e := errorAt(tc.p, "无法识别的文本编码", "请另存为 UTF-8 编码后重试")
		if e.File != tc.file || e.Line != tc.line || e.Error() != tc.want || e.Error() != tc.p.String()+": "+e.Msg+"。"+e.Hint {
			t.Errorf("errorAt(%+v) = %+v: %q, want %q", tc.p, e, e.Error(), tc.want)
		}
	}
}

func TestAt(t *testing.T) {
	g := readFixture(t, "form.xlsx")[0]
	for _, rc := range [][2]int{{-1, 0}, {0, -1}, {28, 0}, {0, 6}} {
		if c := g.At(rc[0], rc[1]); c != (Cell{}) {
			t.Errorf("At(%d, %d) = %+v, want the zero Cell", rc[0], rc[1], c)
		}
	}
	if (Grid{}).Width() != 0 {
		t.Error("an empty grid has columns")
	}
}

func names(grids []Grid) []string {
	var s []string
	for _, g := range grids {
		s = append(s, g.Name)
	}
	return s
}

// TestReadTextPipes: a file with no tab whose lines print “ | ” between
// cells (a web page's table copied as text, as excerpt 26 is) is split at
// every “|”; a tab-separated file keeps its “|” inside cells.
func TestReadTextPipes(t *testing.T) {
	g, err := ReadText("p.txt", strings.NewReader("项目名称 | 某项目 |\n主管部门 | 某局 | 实施单位 | 某中心\n\n总分 |  | 100\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Rows) != 4 || g.Width() != 4 {
		t.Fatalf("%d rows of %d cells", len(g.Rows), g.Width())
	}
	if got := []string{g.At(0, 0).Text, g.At(0, 1).Text, g.At(1, 3).Text, g.At(3, 1).Text, g.At(3, 2).Text}; strings.Join(got, ",") != "项目名称,某项目,某中心,,100" {
		t.Errorf("cells %q", got)
	}
	if p := g.At(3, 2).Pos; p.Line != 4 || p.Col != 3 {
		t.Errorf("pos %+v", p)
	}
	g, err = ReadText("t.txt", strings.NewReader("a | b\tc\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g.Width() != 2 || g.At(0, 0).Text != "a | b" {
		t.Errorf("a tab-separated file split at “|”: %q", g.At(0, 0).Text)
	}
}
