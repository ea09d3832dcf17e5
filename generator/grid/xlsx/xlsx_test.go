package xlsx

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"budgetsite/generator/internal/xlsxtest"
)

// sheetXML is hand-written worksheet XML: cell types, rich text, escapes,
// prefixes, cells without references, a style-only cell, spaces far away
// and merged areas.
const sheetXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:r><x:t>≥</x:t></x:r><x:r><x:rPr/><x:t xml:space="preserve">85% </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ダイ</x:t></x:rPh></x:is></x:c>
<x:c t="str"><x:f>A1&amp;""</x:f><x:v>a&amp;b_x000D_&#10;c</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c><x:v>1.0000000000000001E-5</x:v></x:c><x:c t="d"><x:v>2021-12-31T00:00:00</x:v></x:c><x:c t="n"><x:v> 12 </x:v></x:c><x:c><x:v>not a number</x:v></x:c></x:row>
<x:row><x:c r="B2" s="0"/><x:c r="C2" t="s"><x:v><![CDATA[0]]></x:v></x:c><x:c r="D2" s="1"><x:v>3309840.5</x:v></x:c><x:c s="2"><x:v>44561.5</x:v></x:c></x:row>
<x:row r="9"><x:c r="Z9" t="inlineStr"><x:is><x:t>   </x:t></x:is></x:c></x:row>
</x:sheetData><x:mergeCells><x:mergeCell ref="J20:H3"/><x:mergeCell ref="B2:C2"/><x:mergeCell ref="bad"/></x:mergeCells></x:worksheet>`

func TestRead(t *testing.T) {
	base := xlsxtest.Small(t)
	_, sst := xlsxtest.Parts(t, base)
	sheets, err := Read(xlsxtest.ReplaceParts(t, base, map[string][]byte{"xl/worksheets/sheet1.xml": []byte(sheetXML)}))
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) != 1 || sheets[0].Name != "Sheet1" {
		t.Fatalf("sheets %+v", sheets)
	}
	first := string(sstFirst(t, sst))
	s := sheets[0]
	want := []Cell{
		{1, 1, Text, "≥85% ", "≥85% ", "≥85% "},
		{1, 2, Text, "a&b\r\nc", "a&b\r\nc", "a&b\r\nc"},
		{1, 3, Text, "TRUE", "TRUE", "TRUE"},
		{1, 4, Text, "#DIV/0!", "#DIV/0!", "#DIV/0!"},
		{1, 5, Number, "1.0000000000000001E-5", "0.00001", "0.00001"},
		{1, 6, Date, "2021-12-31T00:00:00", "2021-12-31T00:00:00", "2021-12-31T00:00:00"},
		{1, 7, Number, " 12 ", "12", "12"},
		{1, 8, Text, "not a number", "not a number", "not a number"},
		// B2 has only a style: no cell.
		{2, 3, Text, first, first, first},
		{2, 4, Number, "3309840.5", "3309840.5", "3,309,840.50"},  // style 1 is #,##0.00
		{2, 5, Date, "44561.5", "44561.5", "2021-12-31 12:00:00"}, // style 2 is yyyy/m/d
		{9, 26, Text, "   ", "   ", "   "},
	}
	if !reflect.DeepEqual(s.Cells, want) {
		t.Errorf("cells\n%+v\nwant\n%+v", s.Cells, want)
	}
	if m := []Range{{3, 8, 20, 10}, {2, 2, 2, 3}}; !reflect.DeepEqual(s.Merges, m) {
		t.Errorf("merges %+v, want %+v", s.Merges, m)
	}
}

// sstFirst returns the first shared string of a table with one run per
// item, as excelize writes it.
func sstFirst(t *testing.T, sst []byte) []byte {
	_, rest, _ := bytes.Cut(sst, []byte("<t>"))
	s, _, ok := bytes.Cut(rest, []byte("</t>"))
	if !ok {
		t.Fatalf("no <t> in %s", sst)
	}
	return s
}

func TestReadErrors(t *testing.T) {
	base := xlsxtest.Small(t)
	sheet, _ := xlsxtest.Parts(t, base)
	for _, tc := range []struct {
		name  string
		b     []byte
		parts map[string][]byte
		want  Error
	}{
		{name: "not a zip", b: []byte("not a zip"),
			want: Error{Msg: "这不是有效的 .xlsx 文件（无法按 zip 格式打开）", Hint: resave}},
		{name: "OLE", b: append(append([]byte{}, oleMagic...), 0, 0),
			want: Error{Msg: "这是设置了密码的工作簿，或旧版 Excel 97-2003（.xls）文件", Hint: "请在 Excel 或 WPS 中取消密码，另存为 .xlsx 后重试"}},
		{name: "a shared string that is not there",
			parts: map[string][]byte{"xl/worksheets/sheet1.xml": []byte(`<worksheet><sheetData><row r="3"><c r="C3" t="s"><v>99</v></c></row></sheetData></worksheet>`)},
			want:  Error{Sheet: "Sheet1", Row: 3, Col: 3, Msg: "单元格引用了不存在的共享字符串", Hint: resave}},
		{name: "a bad cell reference",
			parts: map[string][]byte{"xl/worksheets/sheet1.xml": []byte(`<worksheet><sheetData><row r="3"><c r="3C"><v>1</v></c></row></sheetData></worksheet>`)},
			want:  Error{Sheet: "Sheet1", Row: 3, Col: 1, Msg: "工作表内容损坏（单元格引用“3C”无效）", Hint: resave}},
		{name: "a bad row number",
			parts: map[string][]byte{"xl/worksheets/sheet1.xml": []byte(`<worksheet><sheetData><row r="1048577"><c><v>1</v></c></row></sheetData></worksheet>`)},
			want:  Error{Sheet: "Sheet1", Row: 1, Msg: "工作表内容损坏（行号“1048577”无效）", Hint: resave}},
		{name: "a column past XFD",
			parts: map[string][]byte{"xl/worksheets/sheet1.xml": []byte(`<worksheet><sheetData><row r="2"><c r="XFD2"><v>1</v></c><c><v>2</v></c></row></sheetData></worksheet>`)},
			want:  Error{Sheet: "Sheet1", Row: 2, Col: 16385, Msg: "工作表内容损坏（列数超过 16384）", Hint: resave}},
		{name: "truncated XML",
			parts: map[string][]byte{"xl/worksheets/sheet1.xml": sheet[:bytes.Index(sheet, []byte("<c r=\"B2\""))+5]}, // after A2, inside the tag of B2
			want:  Error{Sheet: "Sheet1", Row: 2, Col: 1, Msg: "工作表内容损坏（XML 格式错误）", Hint: resave}},
		{name: "no workbook",
			parts: map[string][]byte{"xl/workbook.xml": nil, "_rels/.rels": []byte(`<Relationships/>`)},
			want:  Error{Msg: "工作簿已损坏（xl/workbook.xml）", Hint: resave}},
		{name: "not a workbook",
			parts: map[string][]byte{"_rels/.rels": []byte(`<Relationships><Relationship Id="r1" Type="x/officeDocument" Target="word/document.xml"/></Relationships>`)},
			want:  Error{Msg: "这不是 Excel 工作簿（缺少 word/document.xml）", Hint: "如果这是 Word 或其他文件，请把表格复制到 Excel，另存为 .xlsx 后重试"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.b
			if b == nil {
				b = xlsxtest.ReplaceParts(t, base, tc.parts)
			}
			_, err := Read(b)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want an *Error", err, err)
			}
			if *e != tc.want {
				t.Fatalf("error %+v\nwant %+v", *e, tc.want)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{Sheet: "Sheet1", Row: 7, Col: 3, Msg: "坏", Hint: "重试"}, "Sheet1!C7: 坏。重试"},
		{Error{Sheet: "Sheet1", Row: 7, Msg: "坏", Hint: "重试"}, "Sheet1: 坏。重试"},
		{Error{Msg: "坏"}, "坏"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.e, got, tc.want)
		}
	}
}

func TestCellName(t *testing.T) {
	for _, tc := range []struct {
		row, col int
		want     string
	}{{7, 3, "C7"}, {1, 26, "Z1"}, {1, 27, "AA1"}, {1, 16384, "XFD1"}, {1048576, 702, "ZZ1048576"}, {1, 703, "AAA1"}} {
		if got := CellName(tc.row, tc.col); got != tc.want {
			t.Errorf("CellName(%d, %d) = %q, want %q", tc.row, tc.col, got, tc.want)
		}
		r, c, ok := parseRef([]byte(tc.want))
		if !ok || r != tc.row || c != tc.col {
			t.Errorf("parseRef(%q) = %d, %d, %v", tc.want, r, c, ok)
		}
	}
}

func TestNumberText(t *testing.T) {
	for _, tc := range []struct{ stored, text string }{
		{"3309840", "3309840"},
		{"330.984", "330.984"},
		{"330.98399999999998", "330.984"},
		{"8827620.5299999993", "8827620.53"},
		{"0.30000000000000004", "0.3"},
		{"1E-3", "0.001"},
		{"1.0000000000000001E-5", "0.00001"},
		{"1.23E+20", "123000000000000000000"},
		{"-0.5", "-0.5"},
		{"-0", "0"},
		{"007.50", "7.5"},
		{"999999999999999.9", "1000000000000000"},
		{".5", "0.5"},
		{"123456789012345678", "123456789012346000"},
		{"-123456789012345678.5", "-123456789012346000"},
		{"0.000000000000000000001234567890123456", "0.00000000000000000000123456789012346"},
		{"1.000000000000000000000000000000000000", "1"},
		{"+7", "7"},
		{"1e399", "1" + strings.Repeat("0", 399)}, // maxExp digits
		{"1e-401", "0." + strings.Repeat("0", 400) + "1"},
	} {
		got, ok := numberText(tc.stored)
		if !ok || got != tc.text {
			t.Errorf("numberText(%q) = %q, %v; want %q", tc.stored, got, ok, tc.text)
		}
	}
	for _, bad := range []string{"", "-", ".", "1e", "1e+", "1.2.3", "0x10", "1,000", "NaN", "1e99999", "1e400", "1e-402", "١٢", "1 E5", "1E5 5", "5.", "1E+-5", "1e_5"} {
		if got, ok := numberText(bad); ok {
			t.Errorf("numberText(%q) = %q, want not a number", bad, got)
		}
	}
}

func TestNumFormat(t *testing.T) {
	for _, tc := range []struct{ code, stored, want string }{
		{"General", "3309840", "3309840"},
		{"0.00", "4", "4.00"},
		{"0.00", "2.675", "2.68"},
		{"0.00", "-0.001", "0.00"},
		{"#,##0.00", "8827620.5299999993", "8,827,620.53"},
		{"#,##0.00", "-1250000.5", "-1,250,000.50"},
		{"#,##0", "44561", "44,561"},
		{"#,##0", "999.5", "1,000"},
		{"0", "0.25", "0"},
		{"0%", "1", "100%"},
		{"0%", "0.955", "96%"},
		{"0.00%", "0.12345", "12.35%"},
		{"0.0#", "3", "3.0"},
		{"0.0#", "3.14159", "3.14"},
		{"#.00", "0.5", ".50"},
		{"0.", "3", "3."},
		{`0.00"万元"`, "330.984", "330.98万元"},
		{`"¥"#,##0.00;"¥"\-#,##0.00`, "-4", "¥-4.00"},
		{`[$¥-804]#,##0.00`, "4", "¥4.00"},
		{`#,##0.00_);[Red]\(#,##0.00\)`, "-4", "(4.00)"},
		{`_ * #,##0.00_ ;_ * \-#,##0.00_ ;_ * "-"??_ ;_ @_ `, "0", "-"},
		{`_ * #,##0.00_ ;_ * \-#,##0.00_ ;_ * "-"??_ ;_ @_ `, "1234", "1,234.00"},
		{"#,##0,", "3309840", "3,310"},
		{"0.0,,", "3309840", "3.3"},
		{`"共"General"项"`, "12", "共12项"},
		{"[Red]0.00", "1", "1.00"},
		{"0.00E+00", "3309840", ""},
		{"# ?/?", "0.5", ""},
		{"[>=100]0;0.00", "5", ""},
		{"[DBNum1]General", "5", ""},
		{"@", "5", ""},
		{"0%%%%%%%%%", "1", ""}, // past maxScaling
		{"0.00,,,,,,,,", "1", "0.00"},
	} {
		text, ok := numberText(tc.stored)
		if !ok {
			t.Fatalf("numberText(%q) failed", tc.stored)
		}
		x := mustNumber(text)
		f := parseNumFormat(tc.code)
		got, ok := f.format(x, text)
		if !ok {
			got = ""
		}
		if got != tc.want || f.date {
			t.Errorf("format %q of %s = %q (date %v), want %q", tc.code, tc.stored, got, f.date, tc.want)
		}
	}
}

func TestDates(t *testing.T) {
	for _, code := range []string{`yyyy"年"m"月"d"日"`, "yyyy/m/d", "m-d-yy", "h:mm", "[h]:mm:ss", `[$-804]yyyy"年"m"月"`, "[DBNum1]yyyy年m月", "mmss.0", "上午/下午h\"时\"mm\"分\""} {
		if !parseNumFormat(code).date {
			t.Errorf("%q is not a date format", code)
		}
	}
	for _, code := range []string{"General", "0.00", `0.00"m²"`, `#,##0.00_);[Red](#,##0.00)`, "[Red]General", `\d0`} {
		if parseNumFormat(code).date {
			t.Errorf("%q is a date format", code)
		}
	}
	for _, id := range []int{14, 22, 27, 31, 36, 45, 46, 47, 50, 58} {
		if !parseNumFormat(builtinFormats[id]).date {
			t.Errorf("built-in format %d is not a date format", id)
		}
	}
	for _, tc := range []struct {
		serial   string
		date1904 bool
		want     string
	}{
		{"44561", false, "2021-12-31"},
		{"1", false, "1900-01-01"},
		{"59", false, "1900-02-28"},
		{"60", false, "1900-02-29"},
		{"61", false, "1900-03-01"},
		{"43101.5", false, "2018-01-01 12:00:00"},
		{"43101.99999999", false, "2018-01-02"},
		{"0.75", false, "18:00:00"},
		{"0", false, ""},
		{"-1", false, ""},
		{"2958465", false, "9999-12-31"},
		{"2958466", false, ""},
		{"0", true, ""},
		{"43099", true, "2021-12-31"},
	} {
		got, ok := dateText(mustNumber(tc.serial), tc.date1904)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("dateText(%s, 1904=%v) = %q, want %q", tc.serial, tc.date1904, got, tc.want)
		}
	}
}
