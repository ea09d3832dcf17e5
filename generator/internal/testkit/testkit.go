// Package testkit holds what the tests of several packages share: the
// real sample inside the repository, synthetic tables in the shape of the
// sample, and assertions on publishers' errors. Tests only.
package testkit

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
)

// Root is the repository's root folder, wherever the test runs from.
var Root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}()

// SamplePath is the real extraction of 綦江区's 2022 tables, kept in the
// repository's testdata/.
var SamplePath = filepath.Join(Root, "testdata", "qijiang-2022-performance-targets.txt")

// SampleNames are the private persons the sample's 遗属生活补助 table
// names: three survivors and three deceased staff members.
var SampleNames = []string{"李云芳", "王茂全", "钱永秀", "林国文", "文治兰", "包达贵"}

// Sample returns the sample's bytes; a missing sample fails the test.
func Sample(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(SamplePath)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Tabbed turns the "│" cell separators used in tests (as in
// `sed 's/\t/│/g'`) back into tabs.
func Tabbed(s string) string { return strings.ReplaceAll(s, "│", "\t") }

// Synthetic tables for the variations seen in other districts' files.
const (
	SynTitle = "2022年财政资金项目支出绩效目标表\n单位：万元\n"
	SynHead  = `项目名称│500110T1-测试项目
主管部门│103-重庆市綦江区人民政府办公室│实施单位│103001-重庆市綦江区人民政府办公室（本级）
资金总额（万）│12.5│项目属性│新增
项目起始时间│2022年│项目终止时间│长期
项目概况│概况文字。
项目当年绩效目标│目标文字。
`
	SynIndHead = "绩效指标│一级指标│二级指标│三级指标│指标值│指标性质│度量单位│权重\n"
	SynRows    = `│产出指标│数量指标│服务部门│81│≥│个│50
│满意度指标│服务对象满意度指标│服务对象满意度│95│≥│%│50
`
	SynTable = SynTitle + SynHead + SynIndHead + SynRows
)

// FindProject returns the project with the code, or fails the test.
func FindProject(t testing.TB, ps []budget.Project, code string) *budget.Project {
	t.Helper()
	for i := range ps {
		if ps[i].Code == code {
			return &ps[i]
		}
	}
	t.Fatalf("project %s not found", code)
	return nil
}

// IndicatorRows renders indicators compactly for comparison.
func IndicatorRows(ins []budget.Indicator) []string {
	var out []string
	for _, in := range ins {
		out = append(out, strings.Join([]string{in.Level1, in.Level2, in.Level3, in.Value, in.Operator, in.Unit, in.Weight.String()}, "|"))
	}
	return out
}

// DumpProjects prints every field, for readable diffs.
func DumpProjects(ps []budget.Project) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%s|%s|%d|%v|%v|%s|%s|%s|%s|%s|%q|%v|%s|%v\n", p.Code, p.Name, p.Year, p.Department, p.Unit, p.Funds,
			p.Attribute, p.Start, p.End, p.AnnualGoal, p.Overview, p.Source, p.PubDate, p.Lines)
		for _, in := range p.Indicators {
			fmt.Fprintf(&b, "  %d %s\n", in.Line, IndicatorRows([]budget.Indicator{in})[0])
		}
	}
	return b.String()
}

// OneError asserts err is one *budget.Error, alone or in a list.
func OneError(t testing.TB, err error) *budget.Error {
	t.Helper()
	var list budget.ErrorList
	if !errors.As(err, &list) {
		var e *budget.Error
		if errors.As(err, &e) {
			return e
		}
		t.Fatalf("error %T %v is neither ErrorList nor *Error", err, err)
	}
	if len(list) != 1 {
		t.Fatalf("%d errors, want 1:\n%v", len(list), err)
	}
	return list[0]
}

// AssertChineseError requires a message and a hint, both in Chinese.
func AssertChineseError(t testing.TB, e *budget.Error) {
	t.Helper()
	if !HasHan(e.Msg) {
		t.Errorf("message %q is not Chinese", e.Msg)
	}
	if e.Hint == "" || !HasHan(e.Hint) {
		t.Errorf("hint %q missing or not Chinese", e.Hint)
	}
}

// HasHan reports whether s holds a Chinese character.
func HasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// ContentFixture is a clean project: every rule passes on it. Line numbers that
// the tests below rely on:
//
//	2 code, 3 name, 5 department, 8 unit, 11 funds_wan, 12 attribute,
//	13 start, 14 end, 15 annual_goal, 16 indicators,
//	17 / 24 / 31 the three indicators, 40 the overview.
const ContentFixture = `---
code: 50011022T000000000001
name: 测试项目
year: 2022
department:
  code: "103"
  name: 测试部门
unit:
  code: "103001"
  name: 测试单位
funds_wan: 10
attribute: 新增
start: 2022年
end: 长期
annual_goal: 完成测试任务。
indicators:
  - level1: 产出指标
    level2: 数量指标
    level3: 完成事项
    value: "3"
    operator: =
    unit: 个
    weight: 50
  - level1: 效益指标
    level2: 社会效益指标
    level3: 服务水平
    value: 提升
    operator: 定性
    unit: ""
    weight: 30
  - level1: 满意度指标
    level2: 服务对象满意度指标
    level3: 服务对象满意度
    value: "95"
    operator: ≥
    unit: '%'
    weight: 10
---

项目概况。
`

const (
	FixtureCode = "50011022T000000000001"
	FixtureFile = "2022/50011022T000000000001.md"
)

// Edit applies old→new replacements (each must occur) to a content text.
func Edit(t testing.TB, text string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			t.Fatalf("fixture lacks %q", pairs[i])
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	return text
}

// NameForms are the ways a name could appear in an output file: as
// UTF-8, as JSON \u escapes (either case) and as HTML character references.
func NameForms(name string) []string {
	var lower, upper, dec, hx strings.Builder
	for _, r := range name {
		fmt.Fprintf(&lower, `\u%04x`, r)
		fmt.Fprintf(&upper, `\u%04X`, r)
		fmt.Fprintf(&dec, "&#%d;", r)
		fmt.Fprintf(&hx, "&#x%x;", r)
	}
	return []string{name, lower.String(), upper.String(), dec.String(), hx.String(), strings.ToUpper(hx.String())}
}

// WriteFiles writes files (slash paths relative to dir → contents).
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Must fails the test on an error.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TrickyProject has names with commas, quotes and line breaks.
// TrickyProject is a project whose text needs quoting in CSV and JSON
// and whose numbers minifiers like to rewrite.
func TrickyProject() *budget.Project {
	return &budget.Project{
		Code: "50011023T000000999001", Name: "老旧管网,\"应急\"维修\n二期", Year: 2023,
		Department: budget.Coded{Code: "201", Name: "某区水利局，含“全角”和\"半角\"引号"}, Unit: budget.Coded{Code: "201001", Name: "供水站,东片<&>"},
		Funds: decimal.MustDecimal("12.3450"), Attribute: "新增", Start: "2023年", End: "2023年",
		AnnualGoal: "完成维修，\"确保\"供水。\n第二行目标。",
		Overview:   "项目概况，含逗号。\n\n第二段。",
		Indicators: []budget.Indicator{
			{Level1: "产出指标", Level2: "数量指标", Level3: "维修管网,\"处\"", Value: "3", Operator: "=", Unit: "处", Weight: decimal.MustDecimal("30")},
			{Level1: "产出指标", Level2: "质量指标", Level3: "验收合格率", Value: "95", Operator: "≥", Unit: "%", Weight: decimal.MustDecimal("20")},
			{Level1: "效益指标", Level2: "社会效益指标", Level3: "供水保障", Value: "有效\n改善", Operator: "定性", Unit: "", Weight: decimal.MustDecimal("30")},
			{Level1: "满意度指标", Level2: "服务对象满意度指标", Level3: "群众满意度", Value: "90", Operator: "≥", Unit: "%", Weight: decimal.MustDecimal("10")},
		},
	}
}

// NeedInodeAndCtime skips tests of edits only ctime or the inode reveal:
// off Linux the stat cache records size and mtime alone.
func NeedInodeAndCtime(t testing.TB) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the stat cache records ctime and inode on Linux only")
	}
}

// RewriteKeepingMtime replaces a file's bytes with others of the same
// length and puts its mtime back, the edit a stat check is most likely
// to miss.
func RewriteKeepingMtime(t testing.TB, p string, edit func([]byte) []byte) {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	nb := edit(bytes.Clone(b))
	if len(nb) != len(b) || bytes.Equal(nb, b) {
		t.Fatal("the edit must keep the length and change the bytes")
	}
	if err := os.WriteFile(p, nb, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// ReadTree returns every file under dir by slash path.
// ReadTree returns every file under dir by slash path.
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// DiffLines shows the first ten lines that differ, for golden tests.
func DiffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

// CheckGenerated holds committed fixture files in dir to the functions
// that generate them, by file name; with update set it rewrites them.
func CheckGenerated(t *testing.T, dir string, generated map[string]func(testing.TB) []byte, update bool) {
	t.Helper()
	for name, gen := range generated {
		b := gen(t)
		file := filepath.Join(dir, name)
		if update {
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(old, b) {
			t.Errorf("%s differs from what the test generates; run go test -update and review the diff", file)
		}
	}
}
