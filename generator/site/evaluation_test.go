package site

import (
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
)

func decp(s string) *decimal.Decimal {
	d := decimal.MustDecimal(s)
	return &d
}

// evalProject is a project with one ≥ 95 % target and, unless total is
// "-", a 自评 with that total, grade, budget and actual value.
func evalProject(code, total, grade, adjusted, executed, actual string) *budget.Project {
	p := &budget.Project{Code: code, Name: "项目" + code, Year: 2023, Unit: budget.Coded{Code: "1", Name: "单位"},
		Indicators: []budget.Indicator{{Level1: "产出指标", Level2: "质量指标", Level3: "合格率", Value: "95", Operator: "≥", Unit: "%"}}}
	if total == "-" {
		return p
	}
	e := &budget.Evaluation{Grade: grade}
	if total != "" {
		e.Total = decp(total)
	}
	if adjusted != "" {
		e.Budget.Adjusted, e.Budget.Executed = decp(adjusted), decp(executed)
	}
	if actual != "" {
		e.Indicators = []budget.Result{{Level1: "产出指标", Level2: "质量指标", Level3: "合格率", Actual: actual}}
	}
	p.Evaluation = e
	return p
}

func TestEvaluate(t *testing.T) {
	if Evaluate([]*budget.Project{evalProject("A", "-", "", "", "", "")}) != nil {
		t.Error("statistics of projects without any 自评")
	}
	ps := []*budget.Project{
		evalProject("A", "59.99", "差", "100", "99.995", "90%"),
		evalProject("B", "60", "中", "200.5", "100", "96%"),
		evalProject("C", "89.99", "良", "", "", "95%"),
		evalProject("D", "90", "优", "0.333", "0.333", ""),
		evalProject("E", "", "", "", "", "80%"),
		evalProject("F", "60", "合格", "", "", "94%"),
		evalProject("G", "-", "", "", "", ""),
	}
	st := Evaluate(ps)
	if st.Projects != 7 || st.Evaluated != 6 || st.Scored != 5 {
		t.Errorf("projects %d evaluated %d scored %d", st.Projects, st.Evaluated, st.Scored)
	}
	// (59.99+60+89.99+90+60)/5 = 71.996
	if st.Average != "72.00" {
		t.Errorf("average %q", st.Average)
	}
	wantBands := []int{1, 2, 1, 1}
	for i, b := range st.Bands {
		if b.N != wantBands[i] || b.Label != ScoreBands[i] {
			t.Errorf("band %d: %+v, want %d", i, b, wantBands[i])
		}
	}
	var grades []string
	for _, g := range st.Grades {
		grades = append(grades, g.Label+":"+decimal.MustDecimal(itoa(g.N)).String())
	}
	if got := strings.Join(grades, " "); got != "优:1 良:1 中:1 差:1 合格:1 未评等次:1" {
		t.Errorf("grades %s", got)
	}
	// (99.995+100+0.333) / (100+200.5+0.333) = 200.328/300.833 = 66.5918…%
	if st.ExecCounted != 3 || st.Adjusted.String() != "300.833" || st.Executed.String() != "200.328" || st.Rate != "66.59%" {
		t.Errorf("execution %d: %s of %s = %s", st.ExecCounted, st.Executed, st.Adjusted, st.Rate)
	}
	// Met: B, C; unmet: A, E, F; no result: D.
	if st.Met != 2 || st.Unmet != 3 || st.Unknown != 0 || st.NoResult != 1 || st.MetShare != "40.00%" {
		t.Errorf("indicators met %d unmet %d unknown %d none %d share %s", st.Met, st.Unmet, st.Unknown, st.NoResult, st.MetShare)
	}
	var lowest []string
	for _, pe := range st.Lowest {
		lowest = append(lowest, pe.Project.Code)
	}
	// Lowest score first; F before B (same score, one shortfall); E has
	// no score and comes last, beyond the five listed.
	if got := strings.Join(lowest, " "); got != "A F B C D" {
		t.Errorf("lowest %s", got)
	}
}

func TestPercentRoundsHalfAway(t *testing.T) {
	for _, c := range []struct{ part, whole, want string }{
		{"1", "3", "33.33%"}, {"2", "3", "66.67%"}, {"1", "8", "12.50%"}, {"0.00005", "1", "0.01%"}, {"5", "0", ""},
	} {
		if got := Percent(decimal.MustDecimal(c.part), decimal.MustDecimal(c.whole)); got != c.want {
			t.Errorf("%s/%s = %q, want %q", c.part, c.whole, got, c.want)
		}
	}
}
