package check

import (
	"sort"
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
)

// evalFixture is a clean 自评 of testkit.ContentFixture: every maximum,
// score, rate and grade agrees, every target is the published one.
const evalFixture = `evaluation:
  budget:
    initial_wan: 10
    adjusted_wan: 12
    executed_wan: 11.4
    rate: 95.00%
    max_score: 10
    score: 9.5
    breakdown:
      - source: 财政拨款
        adjusted_wan: 12
        executed_wan: 11.4
        rate: 95%
  goal_actual: 完成了测试任务。
  indicators:
    - level1: 产出指标(50分)
      level2: 数量指标
      level3: 完成事项
      target: "3个"
      actual: "3个"
      max_score: 50
      score: 50
    - level1: 效益指标
      level2: 社会效益指标
      level3: 服务水平
      target: 提升
      actual: 有所提升
      max_score: 30
      score: 30
    - level1: 满意度指标
      level2: 服务对象满意度
      level3: 服务对象满意度
      target: ≥95%
      actual: 96%
      max_score: 10
      score: 10
  total_score: 99.5
  grade: 优
`

// chkEval parses the fixture with its evaluation, after the edits.
func chkEval(t *testing.T, edits ...string) *Report {
	t.Helper()
	text := strings.Replace(testkit.ContentFixture, "---\n\n项目概况", evalFixture+"---\n\n项目概况", 1)
	p := chkParse(t, testkit.Edit(t, text, edits...), testkit.FixtureFile)
	return chkRun(t, Config{}, p)
}

// resultRulesFired lists the result-* rules of a report.
func resultRulesFired(rep *Report) []string {
	var got []string
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.Rule, "result-") {
			got = append(got, f.Rule)
		}
	}
	sort.Strings(got)
	return got
}

func TestResultRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []string
		want  []string // result rules that fire
		msg   []string // the message of the first mentions these
	}{
		{"clean", nil, nil, nil},
		{"indicator score above its maximum", []string{"      score: 30\n", "      score: 31\n"},
			[]string{"result-score-over-max"}, []string{"服务水平", "31", "30"}},
		{"total above the maxima", []string{"total_score: 99.5", "total_score: 100.5"},
			[]string{"result-score-over-max"}, []string{"100.5", "100"}},
		{"maxima total 95", []string{"      max_score: 10\n      score: 10\n", "      max_score: 5\n      score: 5\n", "total_score: 99.5", "total_score: 94.5"},
			[]string{"result-max-total"}, []string{"95", "100"}},
		{"rate disagrees", []string{"rate: 95.00%", "rate: 96.00%"},
			[]string{"result-rate-mismatch"}, []string{"96.00%", "95.00%"}},
		{"rate of a source disagrees", []string{"rate: 95%", "rate: 90%"},
			[]string{"result-rate-mismatch"}, []string{"财政拨款", "95%"}},
		{"grade disagrees", []string{"grade: 优", "grade: 良"},
			[]string{"result-grade-mismatch"}, []string{"99.5", "优", "良"}},
		{"shortfall without a reason", []string{`actual: 96%`, `actual: 90%`},
			[]string{"result-reason-missing"}, []string{"服务对象满意度", "90%"}},
		{"shortfall with a reason", []string{`actual: 96%`, "actual: 90%\n      reason: 问卷回收率低，下年改进", "      score: 10\n  total", "      score: 10\n  total"},
			nil, nil},
		{"target changed after publication", []string{"target: ≥95%", "target: ≥90%"},
			[]string{"result-target-changed"}, []string{"≥90%", "≥95%"}},
		{"result without a target", []string{"level3: 服务水平\n      target", "level3: 服务质量\n      target"},
			[]string{"result-unmatched"}, []string{"服务质量"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := chkEval(t, tc.edits...)
			got := resultRulesFired(rep)
			want := append([]string(nil), tc.want...)
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("fired %v, want %v\n%s", got, want, chkMessages(rep))
			}
			for _, f := range rep.Findings {
				if strings.HasPrefix(f.Rule, "result-") && (f.Line == 0 || f.Suggestion == "" || f.File != testkit.FixtureFile) {
					t.Errorf("%s has no line, file or suggestion: %+v", f.Rule, f)
				}
			}
			if len(tc.msg) > 0 {
				chkMsg(t, rep, tc.want[0], tc.msg...)
			}
		})
	}
}

func TestResultRulesAreConfigurable(t *testing.T) {
	text := strings.Replace(testkit.ContentFixture, "---\n\n项目概况", evalFixture+"---\n\n项目概况", 1)
	p := chkParse(t, testkit.Edit(t, text, "grade: 优", "grade: 良好"), testkit.FixtureFile)
	cfg := Config{
		ResultTotals: []decimal.Decimal{decimal.MustDecimal("110")},
		Grades:       []Grade{{"优秀", decimal.MustDecimal("95")}, {"良好", decimal.MustDecimal("85")}, {"一般", decimal.MustDecimal("0")}},
	}
	rep := chkRun(t, cfg, p)
	if got := resultRulesFired(rep); strings.Join(got, " ") != "result-grade-mismatch result-max-total" {
		t.Fatalf("fired %v\n%s", got, chkMessages(rep))
	}
	chkMsg(t, rep, "result-grade-mismatch", "优秀", "良好")
	chkMsg(t, rep, "result-max-total", "110")
}

func TestExpectedRate(t *testing.T) {
	for _, c := range []struct{ adjusted, executed, rate, want string }{
		{"3.36", "3.36", "100.00%", ""},
		{"90", "89.974", "99.97%", ""},
		{"90", "89.974", "99.98%", "99.97%"},
		{"90", "89.974", "100%", ""}, // printed to whole percent: 99.97 rounds to 100
		{"1100", "1100", "100%", ""},
		{"20", "20", "1.00", ""}, // a fraction, not a percentage
		{"20", "19", "1.00", "95%"},
		{"0", "0", "0.00%", ""}, // nothing to divide by
		{"10", "5", "—", ""},
	} {
		a, e := decimal.MustDecimal(c.adjusted), decimal.MustDecimal(c.executed)
		got, bad := expectedRate(&budget.Execution{Adjusted: &a, Executed: &e, Rate: c.rate})
		if (c.want != "") != bad || got != c.want {
			t.Errorf("rate %s of %s/%s: got %q %v, want %q", c.rate, c.executed, c.adjusted, got, bad, c.want)
		}
	}
}
