package check

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/content"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func chkParse(t *testing.T, text, name string) *budget.Project {
	t.Helper()
	p, err := content.Parse(strings.NewReader(text), name)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return p
}

// chkProject parses testkit.ContentFixture with the given edits.
func chkProject(t *testing.T, pairs ...string) *budget.Project {
	t.Helper()
	return chkParse(t, testkit.Edit(t, testkit.ContentFixture, pairs...), testkit.FixtureFile)
}

func chkRun(t *testing.T, cfg Config, ps ...*budget.Project) *Report {
	t.Helper()
	rep, err := Check(ps, cfg, PrivacyConfig{}, nil)
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	return rep
}

// chkWant is one expected finding; project and file default to the
// base's, and "-" stands for empty.
type chkWant struct {
	sev, rule string
	line      int
	project   string
	file      string
}

func (w chkWant) key() string {
	switch w.project {
	case "":
		w.project = testkit.FixtureCode
	case "-":
		w.project = ""
	}
	switch w.file {
	case "":
		w.file = testkit.FixtureFile
	case "-":
		w.file = ""
	}
	return fmt.Sprintf("%s %s %s %s:%d", w.sev, w.rule, w.project, w.file, w.line)
}

func chkKey(f Finding) string {
	return fmt.Sprintf("%s %s %s %s:%d", f.Severity, f.Rule, f.Project, f.File, f.Line)
}

// chkExpect requires the report to hold exactly the wanted findings.
func chkExpect(t *testing.T, rep *Report, wants ...chkWant) {
	t.Helper()
	var got, want []string
	for _, f := range rep.Findings {
		got = append(got, chkKey(f))
	}
	for _, w := range wants {
		want = append(want, w.key())
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n  %s\nwant:\n  %s\nmessages:\n%s", strings.Join(got, "\n  "), strings.Join(want, "\n  "), chkMessages(rep))
	}
}

func chkMessages(rep *Report) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "  %s %s\n", chkKey(f), f.Message)
	}
	return b.String()
}

// chkMsg requires the only finding of a rule to mention every string.
func chkMsg(t *testing.T, rep *Report, rule string, subs ...string) {
	t.Helper()
	var fs []Finding
	for _, f := range rep.Findings {
		if f.Rule == rule {
			fs = append(fs, f)
		}
	}
	if len(fs) != 1 {
		t.Fatalf("%d %s findings, want 1:\n%s", len(fs), rule, chkMessages(rep))
	}
	for _, s := range subs {
		if !strings.Contains(fs[0].Message, s) {
			t.Errorf("%s message %q lacks %q", rule, fs[0].Message, s)
		}
	}
	if fs[0].Suggestion == "" {
		t.Errorf("%s has no suggestion", rule)
	}
}

var chkSplitInfo = chkWant{sev: SevInfo, rule: "weight-split", line: 16}

func TestCheckCleanFixture(t *testing.T) {
	p := chkProject(t)
	if p.Lines["indicators"] != 16 || p.Indicators[0].Line != 17 || p.Indicators[1].Line != 24 || p.Indicators[2].Line != 31 || p.Lines["overview"] != 40 {
		t.Fatalf("fixture lines moved: %v, indicators at %d %d %d", p.Lines, p.Indicators[0].Line, p.Indicators[1].Line, p.Indicators[2].Line)
	}
	chkExpect(t, chkRun(t, Config{}, p))
}

func TestCheckRequiredEmpty(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []string
		want  []chkWant
	}{
		{"name", []string{"name: 测试项目", `name: ""`}, []chkWant{{sev: SevError, rule: "required-empty", line: 3}}},
		{"department.name", []string{"name: 测试部门", `name: "  "`}, []chkWant{{sev: SevError, rule: "required-empty", line: 5}}},
		{"unit.name", []string{"name: 测试单位", `name: ""`}, []chkWant{{sev: SevError, rule: "required-empty", line: 8}}},
		{"annual_goal", []string{"annual_goal: 完成测试任务。", `annual_goal: ""`}, []chkWant{{sev: SevError, rule: "required-empty", line: 15}}},
		{"level1", []string{"level1: 产出指标", `level1: ""`}, []chkWant{{sev: SevError, rule: "required-empty", line: 17}, chkSplitInfo}},
		{"level2", []string{"level2: 数量指标", `level2: ""`}, []chkWant{{sev: SevError, rule: "required-empty", line: 17}}},
		{"level3", []string{"level3: 完成事项", `level3: ""`}, []chkWant{{sev: SevError, rule: "required-empty", line: 17}}},
		{"value", []string{`value: "3"`, `value: ""`}, []chkWant{{sev: SevError, rule: "required-empty", line: 17}}},
		{"qualitative value", []string{"value: 提升", `value: ""`}, []chkWant{{sev: SevWarning, rule: "required-empty", line: 24}}},
		{"attribute", []string{"attribute: 新增", `attribute: ""`}, []chkWant{{sev: SevWarning, rule: "required-empty", line: 12}}},
		{"start", []string{"start: 2022年", `start: ""`}, []chkWant{{sev: SevWarning, rule: "required-empty", line: 13}}},
		{"end", []string{"end: 长期", `end: ""`}, []chkWant{{sev: SevWarning, rule: "required-empty", line: 14}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := chkRun(t, Config{}, chkProject(t, tc.edits...))
			chkExpect(t, rep, tc.want...)
			chkMsg(t, rep, "required-empty", "为空")
		})
	}
	t.Run("indicators", func(t *testing.T) {
		// No indicators at all: the front matter ends after the key.
		text := testkit.ContentFixture[:strings.Index(testkit.ContentFixture, "indicators:")] + "indicators: []\n---\n\n项目概况。\n"
		rep := chkRun(t, Config{}, chkParse(t, text, testkit.FixtureFile))
		// Without indicators there are no weights to hold to a total.
		chkExpect(t, rep, chkWant{sev: SevError, rule: "required-empty", line: 16})
		chkMsg(t, rep, "required-empty", "没有绩效指标")
	})
}

func TestCheckFundsNotPositive(t *testing.T) {
	for _, v := range []string{"0", "0.00", "-1.5"} {
		rep := chkRun(t, Config{}, chkProject(t, "funds_wan: 10", "funds_wan: "+v))
		chkExpect(t, rep, chkWant{sev: SevError, rule: "funds-not-positive", line: 11})
		chkMsg(t, rep, "funds-not-positive", v+" 万元")
	}
}

func TestCheckCodePattern(t *testing.T) {
	short := "50011022T00000097945"
	p := chkProject(t, "code: "+testkit.FixtureCode, "code: "+short)
	rep := chkRun(t, Config{}, p)
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "code-pattern", line: 2, project: short})
	chkMsg(t, rep, "code-pattern", short, "20 位")

	// A district whose codes are 11 or 12 digits after the T.
	chkExpect(t, chkRun(t, Config{CodePattern: `^\d{8}T\d{11,12}$`}, p))
	// A custom pattern the default code does not match.
	rep = chkRun(t, Config{CodePattern: `^5001\d{4}X\d+$`}, chkProject(t))
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "code-pattern", line: 2})
	chkMsg(t, rep, "code-pattern", `^5001\d{4}X\d+$`)

	_, err := Check([]*budget.Project{p}, Config{CodePattern: `^(\d{8}`}, PrivacyConfig{}, nil)
	var e *budget.Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "check.code_pattern") {
		t.Errorf("invalid pattern: %v, want an *Error naming check.code_pattern", err)
	}
}

func TestCheckWeightTotal(t *testing.T) {
	p95 := chkProject(t, "weight: 50", "weight: 55")
	rep := chkRun(t, Config{}, p95)
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "weight-total", line: 16}, chkSplitInfo)
	chkMsg(t, rep, "weight-total", "95", "90")

	totals := []decimal.Decimal{decimal.MustDecimal("90"), decimal.MustDecimal("100")}
	p100 := chkProject(t, "weight: 50", "weight: 60")
	chkExpect(t, chkRun(t, Config{WeightTotals: totals}, p100), chkSplitInfo)
	chkExpect(t, chkRun(t, Config{WeightTotals: totals}, chkProject(t)))
	// 100 is refused by default, and 95 is still refused with [90, 100].
	chkExpect(t, chkRun(t, Config{}, p100), chkWant{sev: SevWarning, rule: "weight-total", line: 16}, chkSplitInfo)
	rep = chkRun(t, Config{WeightTotals: totals}, p95)
	chkMsg(t, rep, "weight-total", "95", "90 或 100")
	// 90.0 equals 90.
	chkExpect(t, chkRun(t, Config{}, chkProject(t, "weight: 50", "weight: 50.0")))
}

func TestCheckWeightNotPositive(t *testing.T) {
	// The second weight absorbs the difference so the total stays 90.
	for _, w := range [][2]string{{"0", "80"}, {"-5", "85"}} {
		rep := chkRun(t, Config{}, chkProject(t, "weight: 50", "weight: "+w[0], "weight: 30", "weight: "+w[1]))
		chkExpect(t, rep, chkWant{sev: SevError, rule: "weight-not-positive", line: 17}, chkSplitInfo)
		chkMsg(t, rep, "weight-not-positive", "完成事项", "权重为 "+w[0])
	}
}

// TestCheckTablesWithoutWeights: many districts print no 权重 column; such
// a table (every weight zero) is not held to the weight rules, while one
// zero among printed weights still is.
func TestCheckTablesWithoutWeights(t *testing.T) {
	rep := chkRun(t, Config{}, chkProject(t, "weight: 50", "weight: 0", "weight: 30", "weight: 0", "weight: 10", "weight: 0"))
	chkExpect(t, rep)
}

func TestCheckWeightSplit(t *testing.T) {
	p := chkProject(t, "weight: 50", "weight: 60", "weight: 30", "weight: 20")
	rep := chkRun(t, Config{}, p)
	chkExpect(t, rep, chkSplitInfo)
	chkMsg(t, rep, "weight-split", "产出 60、效益 20、满意度 10", "产出 50、效益 30、满意度 10")

	split := []LevelWeight{{"产出指标", decimal.MustDecimal("60")}, {"效益指标", decimal.MustDecimal("20")}, {"满意度指标", decimal.MustDecimal("10")}}
	chkExpect(t, chkRun(t, Config{WeightSplit: split}, p))
	chkExpect(t, chkRun(t, Config{WeightSplit: split}, chkProject(t)), chkSplitInfo)

	// Synonyms of a 一级 count towards its canonical name.
	chkExpect(t, chkRun(t, Config{}, chkProject(t, "level1: 产出指标", "level1: 产出")))
}

func TestCheckLevelUnknown(t *testing.T) {
	rep := chkRun(t, Config{}, chkProject(t, "level1: 产出指标", "level1: 投入指标"))
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "level-unknown", line: 17}, chkSplitInfo)
	chkMsg(t, rep, "level-unknown", "一级指标“投入指标”")

	political := chkProject(t, "level2: 社会效益指标", "level2: 政治效益指标")
	rep = chkRun(t, Config{}, political)
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "level-unknown", line: 24})
	chkMsg(t, rep, "level-unknown", "二级指标“政治效益指标”不属于“效益指标”")
	// A known 二级 under the wrong 一级.
	rep = chkRun(t, Config{}, chkProject(t, "level2: 数量指标", "level2: 服务对象满意度指标"))
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "level-unknown", line: 17})

	syn := Config{Synonyms: map[string][]string{"效益指标/政治效益指标": {"政治效益"}}}
	chkExpect(t, chkRun(t, syn, political))
	chkExpect(t, chkRun(t, syn, chkProject(t, "level2: 社会效益指标", "level2: 政治效益")))

	// Spellings of other districts and the 2021 layout (成本指标 as a 一级).
	synonyms := testkit.Edit(t, testkit.ContentFixture,
		"level2: 社会效益指标", "level2: 可持续发展指标",
		"level2: 服务对象满意度指标", "level2: 社会公众或服务对象满意度指标",
		"---\n\n项目概况", "  - level1: 成本指标\n    level2: 经济成本指标\n    level3: 项目成本\n    value: \"5\"\n    operator: ≤\n    unit: 万元\n    weight: 10\n---\n\n项目概况")
	chkExpect(t, chkRun(t, Config{WeightTotals: []decimal.Decimal{decimal.MustDecimal("100")}}, chkParse(t, synonyms, testkit.FixtureFile)))
}

func TestCheckOperatorInvalid(t *testing.T) {
	rep := chkRun(t, Config{}, chkProject(t, "operator: =", "operator: 约等于"))
	chkExpect(t, rep, chkWant{sev: SevError, rule: "operator-invalid", line: 17})
	chkMsg(t, rep, "operator-invalid", "约等于")

	// ">=" in content is normalised on reading and not reported.
	p := chkProject(t, "operator: ≥", "operator: '>='")
	if op := p.Indicators[2].Operator; op != budget.OpAtLeast {
		t.Errorf(">= read as %q", op)
	}
	chkExpect(t, chkRun(t, Config{}, p))
}

func TestCheckValueOperatorMismatch(t *testing.T) {
	rep := chkRun(t, Config{}, chkProject(t, "value: 提升", `value: "95"`))
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "value-operator-mismatch", line: 24})
	chkMsg(t, rep, "value-operator-mismatch", "定性", "95")

	rep = chkRun(t, Config{}, chkProject(t, `value: "95"`, "value: 提升"))
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "value-operator-mismatch", line: 31})
	chkMsg(t, rep, "value-operator-mismatch", "≥", "提升")

	// A percent sign on the number is still a number.
	chkExpect(t, chkRun(t, Config{}, chkProject(t, `value: "95"`, `value: "95%"`)))
}

func TestCheckUnitMissing(t *testing.T) {
	rep := chkRun(t, Config{}, chkProject(t, "unit: 个", `unit: ""`))
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "unit-missing", line: 17})
	chkMsg(t, rep, "unit-missing", "完成事项", "3")
	// The base's 定性 indicator has an empty unit and is not reported
	// (TestCheckCleanFixture); nor is a 定性 one whose value is a number.
	base := chkProject(t)
	if base.Indicators[1].Unit != "" || base.Indicators[1].Operator != budget.OpQualitative {
		t.Fatal("fixture's second indicator should be 定性 with no unit")
	}
	rep = chkRun(t, Config{}, chkProject(t, "value: 提升", `value: "1"`))
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "value-operator-mismatch", line: 24})
}

func TestCheckCostExceedsFunds(t *testing.T) {
	cost := func(funds, value, unit string) *budget.Project {
		return chkProject(t, "funds_wan: 10", "funds_wan: "+funds,
			"level2: 数量指标", "level2: 成本指标", `value: "3"`, fmt.Sprintf("value: %q", value), "unit: 个", "unit: "+unit)
	}
	rep := chkRun(t, Config{}, cost("10", "12", "万元"))
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "cost-exceeds-funds", line: 17})
	chkMsg(t, rep, "cost-exceeds-funds", "12 万元", "10 万元")
	// 遗属生活补助: 资金总额 2.71 printed to 2 places, cost 2.7132.
	chkExpect(t, chkRun(t, Config{}, cost("2.71", "2.7132", "万元/年")))
	chkExpect(t, chkRun(t, Config{}, cost("2.71", "2.71", "万元")))
	chkExpect(t, chkRun(t, Config{}, cost("2.71", "2.72", "万元")), chkWant{sev: SevWarning, rule: "cost-exceeds-funds", line: 17})
	chkExpect(t, chkRun(t, Config{}, cost("2.71", "2.7151", "万元/年")), chkWant{sev: SevWarning, rule: "cost-exceeds-funds", line: 17})
	// Stated in 元, not comparable with 万元.
	chkExpect(t, chkRun(t, Config{}, cost("10", "120000", "元")))
	// Not a cost indicator.
	chkExpect(t, chkRun(t, Config{}, chkProject(t, `value: "3"`, `value: "12"`, "unit: 个", "unit: 万元")))
	// The 2021 layout: 成本指标 as a 一级.
	p := chkProject(t, "level1: 产出指标", "level1: 成本指标", "level2: 数量指标", "level2: 经济成本指标",
		`value: "3"`, `value: "12"`, "unit: 个", "unit: 万元")
	chkExpect(t, chkRun(t, Config{}, p), chkWant{sev: SevWarning, rule: "cost-exceeds-funds", line: 17}, chkSplitInfo)
}

func TestCheckYearMismatch(t *testing.T) {
	rep := chkRun(t, Config{}, chkProject(t, "level3: 完成事项", "level3: 2021年完成事项"))
	chkExpect(t, rep, chkWant{sev: SevWarning, rule: "year-mismatch", line: 17})
	chkMsg(t, rep, "year-mismatch", "2021", "2022")
	chkExpect(t, chkRun(t, Config{}, chkProject(t, "level3: 完成事项", "level3: 2022年完成事项")))
	// Years in the overview and the goal are history, not a stale table.
	chkExpect(t, chkRun(t, Config{}, chkProject(t, "项目概况。", "按照2020年要求，于2021年建成。", "annual_goal: 完成测试任务。", "annual_goal: 巩固2021年成果。")))
}

func TestCheckDuplicateCode(t *testing.T) {
	a := chkParse(t, testkit.ContentFixture, "a/2022/x.md")
	b := chkParse(t, testkit.ContentFixture, "b/2022/x.md")
	// Given in reverse order: the finding is on the later file by name.
	rep := chkRun(t, Config{}, b, a)
	chkExpect(t, rep, chkWant{sev: SevError, rule: "duplicate-code", line: 2, file: "b/2022/x.md"})
	chkMsg(t, rep, "duplicate-code", testkit.FixtureCode, "a/2022/x.md")

	c := chkParse(t, testkit.Edit(t, testkit.ContentFixture, "year: 2022", "year: 2021", "start: 2022年", "start: 2021年"), "b/2021/x.md")
	chkExpect(t, chkRun(t, Config{}, a, c))
}

// The shipped content, as the real sample imports.
func chkSample(t *testing.T) []*budget.Project {
	t.Helper()
	ps, _, err := content.LoadDir("../../content", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 14 {
		t.Fatalf("%d projects in ../content, want 14", len(ps))
	}
	return ps
}

func TestCheckSampleFindings(t *testing.T) {
	ps := chkSample(t)
	rep, err := Check(ps, Config{}, PrivacyConfig{Redact: testkit.SampleNames}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := func(code string) string { return "../../content/2022/" + code + ".md" }
	w := func(rule, code string, line int) chkWant {
		return chkWant{sev: SevWarning, rule: rule, line: line, project: code, file: f(code)}
	}
	want := []chkWant{
		w("weight-total", "50011021T000000048440", 16),
		w("year-mismatch", "50011021T000000048438", 45),
		w("year-mismatch", "50011021T000000048439", 38),
		w("year-mismatch", "50011021T000000048440", 31),
		w("year-mismatch", "50011022T00000097945", 24),
		w("code-pattern", "50011022T00000097945", 2),
		w("unit-missing", "50011021T000000048438", 24),
		w("unit-missing", "50011021T000000048440", 17),
		w("unit-missing", "50011021T000000048440", 24),
	}
	var got, exp []string
	var privacy, split []Finding
	for _, x := range rep.Findings {
		switch {
		case x.Severity != SevInfo:
			got = append(got, chkKey(x))
		case x.Rule == "privacy-person-name":
			privacy = append(privacy, x)
		case x.Rule == "weight-split":
			split = append(split, x)
		default:
			t.Errorf("unexpected info finding %s %s", chkKey(x), x.Message)
		}
	}
	for _, x := range want {
		exp = append(exp, x.key())
	}
	sort.Strings(got)
	sort.Strings(exp)
	if strings.Join(got, "\n") != strings.Join(exp, "\n") {
		t.Errorf("sample errors and warnings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(exp, "\n  "))
	}
	if s := rep.Summary(); s.Errors != 0 || s.Warnings != 9 {
		t.Errorf("summary %+v, want 0 errors and 9 warnings", s)
	}
	for _, x := range rep.Findings {
		if x.Rule == "unit-missing" && !strings.Contains(x.Message, "民生监察平") && !strings.Contains(x.Message, "网络链接线路租赁") && !strings.Contains(x.Message, "网络带宽") {
			t.Errorf("unit-missing on an unexpected indicator: %s", x.Message)
		}
		if x.Rule == "weight-total" && !strings.Contains(x.Message, "95") {
			t.Errorf("weight-total message lacks the total 95: %s", x.Message)
		}
		if x.Rule == "year-mismatch" && !strings.Contains(x.Message, "2021") {
			t.Errorf("year-mismatch message lacks 2021: %s", x.Message)
		}
	}

	// 6 names × (annual_goal on line 15, overview on line 57) of 遗属生活补助.
	var gotPriv, wantPriv []string
	for _, x := range privacy {
		gotPriv = append(gotPriv, fmt.Sprintf("%s:%d %s", x.Project, x.Line, quoted(x.Message)))
	}
	for _, n := range testkit.SampleNames {
		masked := string([]rune(n)[:1]) + "某某"
		wantPriv = append(wantPriv, "50011022T000000133648:15 "+masked, "50011022T000000133648:57 "+masked)
	}
	sort.Strings(gotPriv)
	sort.Strings(wantPriv)
	if strings.Join(gotPriv, "\n") != strings.Join(wantPriv, "\n") {
		t.Errorf("privacy infos:\n  %s\nwant:\n  %s", strings.Join(gotPriv, "\n  "), strings.Join(wantPriv, "\n  "))
	}
	for _, x := range privacy {
		for _, n := range testkit.SampleNames {
			if strings.Contains(x.Message, n) {
				t.Errorf("info finding repeats the name %s: %s", n, x.Message)
			}
		}
	}
	// 13 of the 14 projects differ from 产出 50、效益 30、满意度 10; only
	// 50011022T000000140244 (信息化项目运维) matches it. The others are
	// e.g. 70/10/10 (48438, 155478, 155489, 155495), 60/20/10 (48439,
	// 155484), 75/15/5 (48440), 55/15/20 (97933), 40/40/10 (133648),
	// 50/20/20 (140256), 40/30/20 (141281), 75/10/5 (155466), 55/25/10 (97945).
	if len(split) != 13 {
		t.Errorf("%d weight-split infos, want 13", len(split))
	}
	for _, x := range split {
		if x.Project == "50011022T000000140244" {
			t.Errorf("weight-split for 50011022T000000140244, whose split is 50/30/10: %s", x.Message)
		}
	}
	if len(rep.Redactions) != 12 {
		t.Errorf("%d redactions, want 12", len(rep.Redactions))
	}

	// Without the reviewer's decisions the names are errors.
	rep, err = Check(ps, Config{}, PrivacyConfig{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, x := range rep.Findings {
		if x.Severity != SevError {
			continue
		}
		if x.Rule != "privacy-person-name" || x.Project != "50011022T000000133648" {
			t.Errorf("unexpected error %s %s", chkKey(x), x.Message)
		}
		count[quoted(x.Message)]++
	}
	if rep.Count(SevError) != 12 || rep.Count(SevWarning) != 9 {
		t.Errorf("without privacy config: %+v, want 12 errors and 9 warnings", rep.Summary())
	}
	for _, n := range testkit.SampleNames {
		if count[n] != 2 {
			t.Errorf("name %s in %d errors, want 2 (overview and annual_goal)", n, count[n])
		}
	}
	if len(rep.Redactions) != 0 {
		t.Errorf("%d redactions without decisions", len(rep.Redactions))
	}
	// The check never changes the projects.
	for _, p := range ps {
		if p.Code == "50011022T000000133648" && !strings.Contains(p.Overview, "李云芳") {
			t.Error("Check changed the project's overview")
		}
	}
}

func TestReportJSONShape(t *testing.T) {
	b, err := json.Marshal((&Report{}).JSON())
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"version":1,"summary":{"errors":0,"warnings":0,"info":0},"findings":[]}` {
		t.Errorf("empty report JSON: %s", b)
	}
	rep := &Report{Findings: []Finding{
		{Severity: SevError, Rule: "r1", Project: "P", File: "f.md", Line: 3, Message: "m", Suggestion: "s"},
		{Severity: SevWarning, Rule: "r2"}, {Severity: SevWarning, Rule: "r3"},
		{Severity: SevInfo, Rule: "r4"},
	}}
	b, _ = json.Marshal(rep.JSON())
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["version"] != float64(1) {
		t.Errorf("version %v", got["version"])
	}
	sum, _ := got["summary"].(map[string]any)
	if sum["errors"] != float64(1) || sum["warnings"] != float64(2) || sum["info"] != float64(1) {
		t.Errorf("summary %v", sum)
	}
	fs, _ := got["findings"].([]any)
	if len(fs) != 4 {
		t.Fatalf("findings %v", got["findings"])
	}
	first, _ := fs[0].(map[string]any)
	want := map[string]any{"severity": "error", "rule": "r1", "project": "P", "file": "f.md", "line": float64(3), "message": "m", "suggestion": "s"}
	if len(first) != len(want) {
		t.Errorf("finding keys %v, want %v", first, want)
	}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("finding[%s] = %v, want %v", k, first[k], v)
		}
	}
}

func TestReportAuditLogHasNoOriginalText(t *testing.T) {
	rep, err := Check(chkSample(t), Config{}, PrivacyConfig{Redact: testkit.SampleNames}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := rep.MarshalAuditLog("")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range testkit.SampleNames {
		for _, form := range testkit.NameForms(n) {
			if strings.Contains(string(b), form) {
				t.Errorf("audit log holds %s as %q", n, form)
			}
		}
		if !strings.Contains(string(b), privSHA(n)) {
			t.Errorf("audit log lacks the sha256 of %s", n)
		}
	}
	var log AuditLog
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != 1 || log.Policy != "mask" || len(log.Redactions) != 12 {
		t.Errorf("audit log version %d policy %q with %d redactions; want 1, mask, 12", log.Version, log.Policy, len(log.Redactions))
	}
	fields := map[string]int{}
	for _, r := range log.Redactions {
		fields[r.Field]++
		if r.Project != "50011022T000000133648" || r.Rule != ruleName || r.Policy != "mask" || !strings.HasSuffix(r.File, "50011022T000000133648.md") {
			t.Errorf("redaction %+v", r)
		}
	}
	if fields["overview"] != 6 || fields["annual_goal"] != 6 {
		t.Errorf("redacted fields %v, want 6 overview and 6 annual_goal", fields)
	}

	b, _ = (&Report{}).MarshalAuditLog("remove")
	if err := json.Unmarshal(b, &log); err != nil || log.Policy != "remove" || log.Redactions == nil || !strings.Contains(string(b), `"redactions": []`) && !strings.Contains(string(b), `"redactions":[]`) {
		t.Errorf("empty audit log: %s", b)
	}
}

func TestReportHTML(t *testing.T) {
	dir := t.TempDir()
	fileA := filepath.Join(dir, "content", "2022", "A.md")
	fileB := filepath.Join(dir, "content", "2022", "B.md")
	rep := &Report{Findings: []Finding{
		{Severity: SevWarning, Rule: "weight-total", Project: "PA", File: fileA, Line: 16, Message: "合计为 95", Suggestion: "核对"},
		{Severity: SevError, Rule: "operator-invalid", Project: "PB", File: fileB, Line: 17, Message: `指标性质“<script>alert(1)</script>”无法识别`},
		{Severity: SevInfo, Rule: "weight-split", Project: "PA", File: fileA, Line: 16, Message: "一级指标权重"},
		{Severity: SevError, Rule: "content-invalid", Message: "内容目录中没有项目文件"},
	}}
	b, err := rep.RenderHTMLReport(filepath.Join(dir, "reports", "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("finding message is not escaped")
	}
	if strings.Count(html, "项目 PA") != 1 || strings.Count(html, "项目 PB") != 1 || strings.Count(html, "全站") != 1 {
		t.Errorf("findings not grouped by project:\n%s", html)
	}
	for _, link := range []string{`href="../content/2022/A.md"`, `href="../content/2022/B.md"`} {
		if !strings.Contains(html, link) {
			t.Errorf("report lacks the relative link %s", link)
		}
	}
	if strings.Contains(html, `href="`+dir) || strings.Contains(html, `href="file:`) || strings.Contains(html, `href="/`) {
		t.Error("report links hold absolute paths")
	}
	// Both of PA's findings are under PA's heading, before PB's.
	ia, ib := strings.Index(html, "项目 PA"), strings.Index(html, "项目 PB")
	for _, m := range []string{"合计为 95", "一级指标权重"} {
		if i := strings.Index(html, m); !(i > ia && i < ib) {
			t.Errorf("%q is not in PA's group", m)
		}
	}
	if !strings.Contains(html, `<span class="error">错误 2</span>`) || !strings.Contains(html, `<span class="warning">警告 1</span>`) || !strings.Contains(html, `<span class="info">提示 1</span>`) {
		t.Error("summary counts missing")
	}

	b, _ = (&Report{}).RenderHTMLReport(filepath.Join(dir, "r.html"))
	if !strings.Contains(string(b), "没有发现问题") {
		t.Error("empty report does not say there are no findings")
	}
}
