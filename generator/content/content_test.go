package content

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/markdown"
	"budgetsite/generator/tables"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// withoutLocation drops what ParseContent adds and ParseTables does not:
// the file, field lines and indicator lines.
func withoutLocation(p budget.Project) budget.Project {
	q := p.Clone()
	q.File, q.Lines = "", nil
	for i := range q.Indicators {
		q.Indicators[i].Line = 0
	}
	if e := q.Evaluation; e != nil {
		for i := range e.Indicators {
			e.Indicators[i].Line = 0
		}
	}
	return *q
}

func marshalOrFatal(t testing.TB, p *budget.Project) []byte {
	t.Helper()
	b, err := Marshal(p)
	if err != nil {
		t.Fatalf("MarshalContent(%s): %v", p.Code, err)
	}
	return b
}

func TestContentRoundTripSample(t *testing.T) {
	for _, p := range sampleProjects(t) {
		t.Run(p.Code, func(t *testing.T) {
			b := marshalOrFatal(t, &p)
			if again := marshalOrFatal(t, &p); !bytes.Equal(b, again) {
				t.Fatalf("MarshalContent differs on repeat:\n%s\n---\n%s", b, again)
			}
			q, err := Parse(bytes.NewReader(b), "content/2022/"+p.Code+".md")
			if err != nil {
				t.Fatalf("ParseContent: %v\n%s", err, b)
			}
			if got, want := withoutLocation(*q), withoutLocation(p); !reflect.DeepEqual(got, want) {
				t.Errorf("round trip differs:\n got %s\nwant %s", testkit.DumpProjects([]budget.Project{got}), testkit.DumpProjects([]budget.Project{want}))
			}
			if q.File != "content/2022/"+p.Code+".md" || q.Lines["code"] != 2 || q.Lines["name"] != 3 || q.Lines["overview"] == 0 {
				t.Errorf("locations: file %q lines %v", q.File, q.Lines)
			}
			// Indicator lines point at the "- level1:" item in the file.
			lines := strings.Split(string(b), "\n")
			for i, in := range q.Indicators {
				if l := lines[in.Line-1]; l != "  - level1: "+in.Level1 {
					t.Errorf("indicator %d: line %d is %q", i, in.Line, l)
				}
			}
			if ov := lines[q.Lines["overview"]-1]; !strings.HasPrefix(q.Overview, ov) {
				t.Errorf("overview line %d is %q", q.Lines["overview"], ov)
			}
			if again := marshalOrFatal(t, q); !bytes.Equal(b, again) {
				t.Errorf("re-marshalling the parsed file changes it:\n%s\n---\n%s", b, again)
			}
		})
	}
}

func TestContentGolden(t *testing.T) {
	const code = "50011021T000000048440"
	p := testkit.FindProject(t, sampleProjects(t), code)
	got := marshalOrFatal(t, p)
	golden := filepath.Join("testdata", "golden", "content-"+code+".md")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/content -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("content file differs from %s (rerun with -update if intended):\n%s", golden, got)
	}
	// What the golden file must say, whatever -update wrote.
	for _, s := range []string{"---\ncode: 50011021T000000048440\n", "\nfunds_wan: 109.73\n", "department:\n  code: \"103\"\n",
		"\n    weight: 40\n", "\n    unit: \"\"\n", "\n---\n\n拓展电子政务外网覆盖范围。"} {
		if !bytes.Contains(want, []byte(s)) {
			t.Errorf("golden file lacks %q", s)
		}
	}
}

// sampleContent is a valid content file to break in the error tests.
const sampleContent = `---
code: 50011021T000000048440
name: 电子政务外网延伸到村居网络工程
year: 2022
department:
  code: "103"
  name: 重庆市綦江区人民政府办公室
unit:
  code: "103002"
  name: 重庆市綦江区电子政务中心
funds_wan: 109.73
attribute: 新增
start: 2022年
end: 长期
annual_goal: 实现纵向覆盖全区381个村(社区)。
indicators:
  - level1: 产出指标
    level2: 数量指标
    level3: 网络链接线路租赁
    value: "381"
    operator: '>='
    unit: ""
    weight: 40
  - level1: 满意度指标
    level2: 服务对象满意度指标
    level3: 服务对象满意度
    value: "90"
    operator: ≥
    unit: '%'
    weight: 50
---

拓展电子政务外网覆盖范围。
`

func TestParseContentSampleFile(t *testing.T) {
	p, err := Parse(strings.NewReader(sampleContent), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	if p.Code != "50011021T000000048440" || p.Funds.String() != "109.73" || p.Department.Code != "103" ||
		p.Overview != "拓展电子政务外网覆盖范围。" || p.Lines["overview"] == 0 || p.WeightTotal().String() != "90" {
		t.Errorf("parsed %+v", p)
	}
	if p.Indicators[0].Operator != budget.OpAtLeast || p.Indicators[0].Line != 17 || p.Indicators[1].Line != 24 {
		t.Errorf("indicators %+v", p.Indicators)
	}
	// A BOM and CRLF line ends, as Windows editors save, read the same.
	q, err := Parse(strings.NewReader("\ufeff"+strings.ReplaceAll(sampleContent, "\n", "\r\n")), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("BOM+CRLF: got %+v, want %+v", q, p)
	}
}

func TestParseContentErrors(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(sampleContent, old) {
			t.Fatalf("sample content lacks %q", old)
		}
		return strings.Replace(sampleContent, old, new, 1)
	}
	tests := []struct {
		name    string
		input   string
		line    int
		contain string
	}{
		{"missing opening ---", strings.TrimPrefix(sampleContent, "---\n"), 1, "文件应以 --- 开头"},
		{"text before the front matter", "# 标题\n" + sampleContent, 1, "文件应以 --- 开头"},
		{"unterminated front matter", strings.SplitAfter(sampleContent, "weight: 50\n")[0], 30, "文件头没有结束"},
		{"empty front matter", "---\n---\nbody\n", 2, "文件头（--- 之间）是空的"},
		{"unknown field", replace("attribute: 新增\n", "attribute: 新增\ncolour: red\n"), 13, "未知字段“colour”"},
		{"unknown indicator field", replace("    weight: 40\n", "    weight: 40\n    weigth: 40\n"), 24, "未知字段“weigth”"},
		{"weight: abc", replace("weight: 50", "weight: abc"), 30, "“abc”不是数字"},
		{"funds_wan: 1,5", replace("funds_wan: 109.73", "funds_wan: 1,5"), 11, "不是数字"},
		{"year: abc", replace("year: 2022", "year: abc"), 4, "值的类型不对"},
		{"year: 22", replace("year: 2022", "year: 22"), 4, "年度“22”不正确"},
		{"year: 2200", replace("year: 2022", "year: 2200"), 4, "年度“2200”不正确"},
		{"empty code", replace("code: 50011021T000000048440", `code: ""`), 2, "缺少项目编码"},
		{"code with a slash", replace("code: 50011021T000000048440", "code: 500110/21T"), 2, "项目编码“500110/21T”含有不允许的字符"},
		{"code with dots", replace("code: 50011021T000000048440", "code: ../../etc"), 2, "含有不允许的字符"},
		{"unit code with a slash", replace(`code: "103002"`, `code: 103/002`), 8, "实施单位编码“103/002”含有不允许的字符"},
		{"YAML syntax", replace("name: 电子政务外网延伸到村居网络工程", "name: 电子政务: 外网"), 3, "文件头格式错误"},
		{"tab indentation", replace("  name: 重庆市綦江区电子政务中心", "\tname: 重庆市綦江区电子政务中心"), 10, "文件头格式错误"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(strings.NewReader(tc.input), "content/2022/x.md")
			if err == nil {
				t.Fatalf("no error; parsed %+v", p)
			}
			if p != nil {
				t.Errorf("project returned with an error")
			}
			e := testkit.OneError(t, err)
			if e.File != "content/2022/x.md" || e.Line != tc.line {
				t.Errorf("error at %s:%d, want line %d: %v", e.File, e.Line, tc.line, e)
			}
			if !strings.Contains(e.Msg, tc.contain) {
				t.Errorf("message %q lacks %q", e.Msg, tc.contain)
			}
			testkit.AssertChineseError(t, e)
		})
	}
}

func TestPlainTextOfSampleOverviews(t *testing.T) {
	raw := map[string]string{}
	for _, line := range strings.Split(string(testkit.Sample(t)), "\n") {
		if cells := strings.Split(line, "\t"); cells[0] == "项目概况" {
			raw[tables.CleanCell(cells[1])] = ""
		}
	}
	for _, p := range sampleProjects(t) {
		if _, ok := raw[markdown.PlainText(p.Overview)]; !ok {
			t.Errorf("%s: plainText(Overview) = %q is not the source text", p.Code, markdown.PlainText(p.Overview))
		}
	}
}

// FuzzFrontMatter holds the hand-written front matter to yaml.v3's
// encoding of the same project, byte for byte, for any text in any field.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{"会务服务", "12", "2022年", "a: b", "- x", " lead", "x #y", "yes", "'x", "100%", "≥", "x\ny", "\u00a0", "\ufeff",
		"50011022T000000155466", "1e5", "0x1F", "1_000", "12:30", "2022-01-02", "0o17", "0b101", "1.5e3", "1_000T", "0b1T", "2022年度", "1E", "9Z", "１２", "𠮷"} {
		f.Add(s, "95", "长期", 3)
	}
	f.Fuzz(func(t *testing.T, a, b, c string, n int) {
		p := &budget.Project{
			Code: a, Name: b, Year: n, Department: budget.Coded{Code: c, Name: a}, Unit: budget.Coded{Code: b, Name: c},
			Funds: decimal.MustDecimal("2.7132"), Attribute: c, Start: a, End: b, AnnualGoal: c,
			Indicators: []budget.Indicator{{Level1: a, Level2: b, Level3: c, Value: b, Operator: a, Unit: c, Weight: decimal.MustDecimal("10")}},
			PubDate:    c,
			Source:     budget.Source{File: a, Line: n},
		}
		if n%3 == 0 {
			p.Indicators = nil
		}
		var want bytes.Buffer
		if err := encodeFrontMatter(&want, p); err != nil {
			return
		}
		got, ok := appendFrontMatter(nil, p)
		if ok && !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("front matter differs from yaml.v3:\n%s\nwant\n%s", got, want.Bytes())
		}
	})
}

// TestFrontMatterMatchesYAML checks the shipped content: every file's
// front matter, written by hand, equals yaml.v3's.
func TestFrontMatterMatchesYAML(t *testing.T) {
	ps, _, err := LoadDir("../../content", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		var want bytes.Buffer
		if err := encodeFrontMatter(&want, p); err != nil {
			t.Fatal(err)
		}
		got, ok := appendFrontMatter(nil, p)
		if !ok || !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: front matter differs from yaml.v3 (ok=%v):\n%s\nwant\n%s", p.File, ok, got, want.Bytes())
		}
	}
}

// TestReadFrontMatterCanonical requires the fast reader to accept every
// shipped content file (all written by import) and to read each exactly
// as yaml.v3 does, line numbers included; and to refuse hand-made
// variations, which yaml.v3 then reads.
func TestReadFrontMatterCanonical(t *testing.T) {
	files, err := filepath.Glob("../../content/20*/*.md")
	if err != nil || len(files) < 14 {
		t.Fatalf("%d content files, %v", len(files), err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fm, _, _, err := splitFrontMatter(bytes.NewReader(b), f)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, _, ok := readFrontMatter(fm); !ok {
			t.Errorf("%s: the fast reader refused an imported file", f)
		}
		fast, err1 := parseContent(bytes.NewReader(b), f, true)
		slow, err2 := parseContent(bytes.NewReader(b), f, false)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s: fast and yaml.v3 readings differ:\n%+v\n%+v", f, fast, slow)
		}
	}
	b, _ := os.ReadFile(files[0])
	for name, edit := range map[string]func(string) string{
		"comment": func(s string) string { return strings.Replace(s, "\nyear:", "\n# 年度\nyear:", 1) },
		"quoted name": func(s string) string {
			return regexp.MustCompile(`\nname: (.*)\n`).ReplaceAllString(s, "\nname: \"$1\"\n")
		},
		"fields swapped": func(s string) string {
			return regexp.MustCompile(`\n(attribute: .*)\n(start: .*)\n`).ReplaceAllString(s, "\n$2\n$1\n")
		},
		"unknown field": func(s string) string { return strings.Replace(s, "\nyear:", "\nnote: x\nyear:", 1) },
	} {
		text := edit(string(b))
		if text == string(b) {
			t.Fatalf("%s: the edit changed nothing", name)
		}
		fm, _, _, err := splitFrontMatter(strings.NewReader(text), "x.md")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, _, ok := readFrontMatter(fm); ok {
			t.Errorf("%s: the fast reader accepted a hand-made variation", name)
		}
		fast, err1 := parseContent(strings.NewReader(text), "x.md", true)
		slow, err2 := parseContent(strings.NewReader(text), "x.md", false)
		if fmt.Sprint(err1) != fmt.Sprint(err2) || !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s: readings differ", name)
		}
	}
}

// sampleProjects parses the real sample.
func sampleProjects(tb testing.TB) []budget.Project {
	tb.Helper()
	ps, err := tables.ParseTables(bytes.NewReader(testkit.Sample(tb)), testkit.SamplePath, tables.ParseOptions{})
	if err != nil {
		tb.Fatalf("ParseTables(sample): %v", err)
	}
	return ps
}
