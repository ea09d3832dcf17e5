package check

import (
	"fmt"
	"math/big"
	"strings"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
)

// The rules for 绩效自评 results (a project's evaluation block). Each
// looks only at projects with an evaluation, so target-only sites are
// checked exactly as before.

// Grade is one band of GradeBands: a total of at least Min (and below
// the previous band's Min) earns Grade.
type Grade struct {
	Grade string
	Min   decimal.Decimal
}

var defaultGrades = []Grade{
	{"优", decimal.MustDecimal("90")},
	{"良", decimal.MustDecimal("80")},
	{"中", decimal.MustDecimal("60")},
	{"差", decimal.MustDecimal("0")},
}

var defaultResultTotals = []decimal.Decimal{decimal.MustDecimal("100")}

var resultRules = []rule{
	{"result-score-over-max", checkScoresWithinMax},
	{"result-max-total", checkMaxTotal},
	{"result-rate-mismatch", checkRate},
	{"result-grade-mismatch", checkGrade},
	{"result-reason-missing", checkShortfallReasons},
	{"result-target-changed", checkTargetChanged},
	{"result-unmatched", checkUnmatched},
}

func evalLine(p *budget.Project) int { return p.Lines["evaluation"] }

func resultLine(p *budget.Project, r *budget.Result) int {
	if r.Line > 0 {
		return r.Line
	}
	return evalLine(p)
}

// checkScoresWithinMax: no score above its maximum, for an indicator,
// for budget execution, or for the total against the sum of maxima.
func checkScoresWithinMax(c *checker, p *budget.Project) {
	e := p.Evaluation
	if e == nil {
		return
	}
	over := func(score, max *decimal.Decimal) bool { return score != nil && max != nil && score.Cmp(*max) > 0 }
	for i := range e.Indicators {
		r := &e.Indicators[i]
		if over(r.Score, r.MaxScore) {
			c.add(SevError, "result-score-over-max", p, resultLine(p, r),
				fmt.Sprintf("自评指标“%s”得分 %s 超过其分值 %s", r.Level3, r.Score, r.MaxScore),
				"得分不能超过该指标的分值；请与自评表核对 score 和 max_score")
		}
	}
	if b := e.Budget; over(b.Score, b.MaxScore) {
		c.add(SevError, "result-score-over-max", p, evalLine(p),
			fmt.Sprintf("预算执行率得分 %s 超过其分值 %s", b.Score, b.MaxScore),
			"得分不能超过分值；请与自评表核对 evaluation.budget 的 score 和 max_score")
	}
	if max, ok := maxTotal(e); ok && over(e.Total, &max) {
		c.add(SevError, "result-score-over-max", p, evalLine(p),
			fmt.Sprintf("总分 %s 超过各项分值之和 %s", e.Total, max),
			"请与自评表核对 total_score 和各项得分")
	}
}

// maxTotal is the sum of the indicators' maxima and budget execution's;
// ok is false when the table prints no maxima.
func maxTotal(e *budget.Evaluation) (sum decimal.Decimal, ok bool) {
	if e.Budget.MaxScore != nil {
		sum, ok = sum.Add(*e.Budget.MaxScore), true
	}
	for _, r := range e.Indicators {
		if r.MaxScore != nil {
			sum, ok = sum.Add(*r.MaxScore), true
		}
	}
	return sum.Trimmed(), ok
}

// checkMaxTotal: the maxima total 100 (90 for indicators and 10 for
// execution), or one of check.result_totals.
func checkMaxTotal(c *checker, p *budget.Project) {
	e := p.Evaluation
	if e == nil {
		return
	}
	sum, ok := maxTotal(e)
	if !ok {
		return // a 自评 without scores (some counties print none)
	}
	for _, t := range c.cfg.ResultTotals {
		if sum.Cmp(t) == 0 {
			return
		}
	}
	var accepted []string
	for _, t := range c.cfg.ResultTotals {
		accepted = append(accepted, t.String())
	}
	c.add(SevWarning, "result-max-total", p, evalLine(p),
		fmt.Sprintf("自评表各项分值合计为 %s，不是 %s", sum, strings.Join(accepted, " 或 ")),
		"指标分值一般合计 90，加预算执行率 10 分共 100 分；请与自评表核对各项 max_score，或在 check.result_totals 中注明本地的满分")
}

// checkRate: the execution rate as printed agrees with executed ÷
// adjusted at the printed precision, for the total and each source of
// funds.
func checkRate(c *checker, p *budget.Project) {
	e := p.Evaluation
	if e == nil {
		return
	}
	var walk func(x *budget.Execution, what string)
	walk = func(x *budget.Execution, what string) {
		if want, ok := expectedRate(x); ok {
			c.add(SevWarning, "result-rate-mismatch", p, evalLine(p),
				fmt.Sprintf("%s的执行率印为 %s，但执行数 %s ÷ 预算数 %s = %s", what, x.Rate, x.Executed, x.Adjusted, want),
				"请与自评表核对全年预算数（调整后预算数）、全年执行数和执行率")
		}
		for i := range x.Breakdown {
			b := &x.Breakdown[i]
			walk(b, firstNonEmpty(b.Source, "资金来源"))
		}
	}
	walk(&e.Budget, "预算执行")
}

// expectedRate returns executed ÷ adjusted as a percentage at the places
// the printed rate has, when the printed rate disagrees with it.
func expectedRate(x *budget.Execution) (string, bool) {
	if x.Rate == "" || x.Executed == nil || x.Adjusted == nil || x.Adjusted.Sign() == 0 {
		return "", false
	}
	printed := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(x.Rate), "%"), "％"))
	pr, err := decimal.ParseDecimal(printed)
	if err != nil {
		return "", false // not a number (—, /): nothing to compare
	}
	places := pr.Places()
	if !strings.ContainsAny(x.Rate, "%％") {
		// A rate printed as a fraction (1.00) rather than a percentage.
		pr = pr.Shift(2)
		places -= 2
	}
	r := new(big.Rat).Quo(x.Executed.Rat(), x.Adjusted.Rat())
	r.Mul(r, big.NewRat(100, 1))
	if places < 0 {
		places = 0
	}
	want, err := decimal.ParseDecimal(r.FloatString(places + 6))
	if err != nil {
		return "", false
	}
	want = want.Round(places)
	if want.Cmp(pr) == 0 {
		return "", false
	}
	return want.String() + "%", true
}

// checkGrade: the printed grade is the band its total falls in.
func checkGrade(c *checker, p *budget.Project) {
	e := p.Evaluation
	if e == nil || e.Total == nil || strings.TrimSpace(e.Grade) == "" {
		return
	}
	want := ""
	for _, g := range c.cfg.Grades {
		if e.Total.Cmp(g.Min) >= 0 {
			want = g.Grade
			break
		}
	}
	if want == "" || strings.HasPrefix(strings.TrimSpace(e.Grade), want) {
		return
	}
	c.add(SevWarning, "result-grade-mismatch", p, evalLine(p),
		fmt.Sprintf("总分 %s 应评为“%s”，自评表写的是“%s”", e.Total, want, e.Grade),
		"等次按总分划定：优 ≥ 90，良 80–90，中 60–80，差 < 60（可在 check.grades 中改）；请与自评表核对总分和等次")
}

// checkShortfallReasons: an indicator not met says why.
func checkShortfallReasons(c *checker, p *budget.Project) {
	pairs, _ := p.Pairs()
	for _, pr := range pairs {
		if pr.Status == budget.StatusUnmet && strings.TrimSpace(pr.Result.Reason) == "" {
			c.add(SevWarning, "result-reason-missing", p, resultLine(p, pr.Result),
				fmt.Sprintf("指标“%s”未达成（目标 %s，完成 %s），但没有说明偏差原因", pr.Indicator.Level3, targetText(pr.Indicator), pr.Result.Actual),
				"自评表应写明偏差原因分析及改进措施；请补上 reason，或与自评表核对完成值")
		}
	}
}

// checkTargetChanged: the target the 自评 prints is the published one.
// A target changed after publication is what readers most need to see.
func checkTargetChanged(c *checker, p *budget.Project) {
	pairs, _ := p.Pairs()
	for _, pr := range pairs {
		if pr.Result != nil && budget.TargetChanged(pr.Indicator, pr.Result) {
			c.add(SevWarning, "result-target-changed", p, resultLine(p, pr.Result),
				fmt.Sprintf("指标“%s”在自评表中的目标值“%s”与公开的绩效目标“%s”不同", pr.Indicator.Level3, pr.Result.Target, targetText(pr.Indicator)),
				"目标公开后不应改动；请核实自评表是否改了目标，属实的请在页面或说明中写明调整依据")
		}
	}
}

// checkUnmatched: every result names a target indicator.
func checkUnmatched(c *checker, p *budget.Project) {
	_, unmatched := p.Pairs()
	for _, r := range unmatched {
		c.add(SevWarning, "result-unmatched", p, resultLine(p, r),
			fmt.Sprintf("自评指标“%s / %s / %s”在绩效目标表中找不到对应的指标", r.Level1, r.Level2, r.Level3),
			"请核对一级、二级、三级指标名称是否与目标表一致；不一致的指标在页面上单独列出")
	}
}

// targetText is a target as the form prints it.
func targetText(in *budget.Indicator) string {
	if in.Printed != "" {
		return in.Printed
	}
	if in.Qualitative() || in.Operator == "" || in.Operator == budget.OpEqual {
		return in.Value + in.Unit
	}
	return in.Operator + in.Value + in.Unit
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
