package render

import (
	"fmt"
	"strings"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/render/figure"
	"budgetsite/generator/site"
)

// The 绩效自评 on the pages. A project page shows each result beside its
// target, marked as budget.Assess judged it (through Project.Pairs), and
// a summary of the 自评 below the form. Agency, year and home pages show
// the statistics of site.Evaluate with charts. A project or agency
// without any evaluation renders exactly as before the 自评 existed.

// evalView is a project's 自评 prepared for the form.
type evalView struct {
	// Budget is 预算执行情况: the total first, then each source of funds.
	Budget       []execRow
	Total        string // 总分, "" when blank
	Grade        string
	GoalActual   string
	Conclusion   string
	Problems     string
	Improvements string
	PubDate      string
	// Met, Unmet, Unknown and NoResult count the target indicators by
	// status; Unmatched are results that match no target indicator.
	Met, Unmet, Unknown, NoResult int
	// Changed counts the targets the 自评 printed otherwise than published.
	Changed   int
	Unmatched []resultRow
}

// execRow is one row of 预算执行情况, every cell as printed.
type execRow struct {
	Source, Initial, Adjusted, Executed, Rate, Score, Reason string
	Sub                                                      bool // a row of the breakdown by source
}

// resultRow is a result that matches no target indicator.
type resultRow struct {
	Level1, Level2, Level3, Target, Actual, Score, Reason string
}

// statusView is how a mark reads and which shape it has.
type statusView struct {
	Text  string // 达成, 未达成, 无法判断, 未自评
	Class string // met, unmet, unknown, none
	Icon  string // the shape's glyph, hidden from screen readers
}

func markOf(s budget.Status) statusView {
	switch s {
	case budget.StatusMet:
		return statusView{string(s), "met", "✓"}
	case budget.StatusUnmet:
		return statusView{string(s), "unmet", "✗"}
	case budget.StatusUnknown:
		return statusView{string(s), "unknown", "?"}
	}
	return statusView{"未自评", "none", "–"}
}

// dec prints an amount or score as stored, "" when the table left it blank.
func dec(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// scoreOf prints a score of its maximum: "8 / 10", "8" without a
// maximum, "" without a score.
func scoreOf(score, max *decimal.Decimal) string {
	if score == nil {
		return ""
	}
	if max == nil {
		return score.String()
	}
	return score.String() + " / " + max.String()
}

func execRowOf(x budget.Execution, source string, sub bool) execRow {
	if x.Source != "" {
		source = x.Source
	}
	return execRow{Source: source, Initial: dec(x.Initial), Adjusted: dec(x.Adjusted), Executed: dec(x.Executed),
		Rate: x.Rate, Score: scoreOf(x.Score, x.MaxScore), Reason: x.Reason, Sub: sub}
}

// addEvaluation fills the result columns of the rows and returns the
// 自评 summary; nil for a project without an evaluation.
func addEvaluation(p *budget.Project, rows []indicatorRow) *evalView {
	e := p.Evaluation
	if e == nil {
		return nil
	}
	v := &evalView{Total: dec(e.Total), Grade: e.Grade, GoalActual: e.GoalActual, Conclusion: e.Conclusion,
		Problems: e.Problems, Improvements: e.Improvements, PubDate: e.PubDate}
	v.Budget = append(v.Budget, execRowOf(e.Budget, "年度资金总额", false))
	for _, b := range e.Budget.Breakdown {
		v.Budget = append(v.Budget, execRowOf(b, "", true))
	}
	pairs, unmatched := p.Pairs()
	for i, pr := range pairs {
		rows[i].Mark = markOf(pr.Status)
		switch pr.Status {
		case budget.StatusMet:
			v.Met++
		case budget.StatusUnmet:
			v.Unmet++
		case budget.StatusUnknown:
			v.Unknown++
		default:
			v.NoResult++
		}
		if r := pr.Result; r != nil {
			rows[i].Actual, rows[i].Score, rows[i].Reason = r.Actual, scoreOf(r.Score, r.MaxScore), r.Reason
			if budget.TargetChanged(pr.Indicator, r) {
				rows[i].ChangedTarget = r.Target
				v.Changed++
			}
		}
	}
	for _, r := range unmatched {
		v.Unmatched = append(v.Unmatched, resultRow{Level1: r.Level1, Level2: r.Level2, Level3: r.Level3,
			Target: r.Target, Actual: r.Actual, Score: scoreOf(r.Score, r.MaxScore), Reason: r.Reason})
	}
	return v
}

// evalSection is the 绩效自评 part of an agency, year or home page.
type evalSection struct {
	Stats *site.EvalStats
	// Lowest links the projects with the lowest scores.
	Lowest []lowRow
	// ShowUnit adds the 实施单位 column to the lowest-score table.
	ShowUnit bool
	History  []figure.EvalHistoryRow
	Charts   []figure.Chart
}

type lowRow struct {
	Name, URL, UnitName, UnitURL, Total, Grade, Rate string
	Shortfalls                                       int
}

// newEvalSection computes the statistics of ps, or returns nil when none
// of them is evaluated. parts are what the execution rate is shown by
// (units of a year or department, projects of a unit), partHeader their
// column name; hist the same agency or the site in each year.
func newEvalSection(id, scope string, ps []*budget.Project, parts []figure.Part, partHeader string, showUnit bool, hist []site.EvalYear) *evalSection {
	st := site.Evaluate(ps)
	if st == nil {
		return nil
	}
	sec := &evalSection{Stats: st, ShowUnit: showUnit}
	for _, pe := range st.Lowest {
		p := pe.Project
		row := lowRow{Name: p.Name, URL: site.ProjectURL(p), UnitName: p.Unit.Name, UnitURL: fmt.Sprintf("%d/unit/%s.html", p.Year, p.Unit.Code),
			Total: dec(pe.Total), Grade: p.Evaluation.Grade, Rate: pe.Rate, Shortfalls: pe.Shortfalls}
		sec.Lowest = append(sec.Lowest, row)
	}
	for _, h := range hist {
		row := figure.EvalHistoryRow{Year: h.Year, URL: h.URL, Current: h.Current}
		if s := h.Stats; s != nil {
			row.Evaluated, row.Projects, row.Average, row.Rate, row.MetShare = s.Evaluated, s.Projects, s.Average, s.Rate, s.MetShare
		}
		sec.History = append(sec.History, row)
	}
	sec.Charts = []figure.Chart{
		figure.ScoreBands(id+"_score", scope+"自评总分分布", st),
		figure.Grades(id+"_grade", scope+"自评评价等次", st),
		figure.IndicatorStatus(id+"_status", scope+"绩效指标完成情况", st),
	}
	if c, ok := figure.ExecRate(id+"_exec", scope+"预算执行率（按"+partHeader+"）", parts, partHeader, st); ok {
		sec.Charts = append(sec.Charts, c)
	}
	if len(sec.History) > 1 {
		sec.Charts = append(sec.Charts, figure.EvalHistory(id+"_evalhist", "历年自评总分和预算执行率", sec.History))
	}
	return sec
}

// unitParts are a year's or department's units as rows of the
// execution-rate chart.
func unitParts(units []*site.Agency) []figure.Part {
	out := make([]figure.Part, len(units))
	for i, u := range units {
		out[i] = figure.Part{Name: u.Name, Projects: u.Projects}
	}
	return out
}

// projectParts are a unit's projects as rows of the execution-rate chart.
func projectParts(ps []*budget.Project) []figure.Part {
	out := make([]figure.Part, len(ps))
	for i, p := range ps {
		out[i] = figure.Part{Name: p.Name, Projects: []*budget.Project{p}}
	}
	return out
}

// agencyEvalHistory is an agency's statistics in each of its years.
func agencyEvalHistory(hist []*site.Agency, current int) []site.EvalYear {
	years := make([]int, len(hist))
	ps := make([][]*budget.Project, len(hist))
	urls := make([]string, len(hist))
	for i, a := range hist {
		years[i], ps[i], urls[i] = a.Year, a.Projects, site.AgencyURL(a)
	}
	return site.EvalHistory(years, ps, urls, current)
}

// siteEvalHistory is the site's statistics in each year, oldest first.
func siteEvalHistory(s *site.Site, current int) []site.EvalYear {
	n := len(s.Years)
	years := make([]int, n)
	ps := make([][]*budget.Project, n)
	urls := make([]string, n)
	for i := range s.Years {
		y := s.Years[n-1-i]
		years[i], ps[i], urls[i] = y.Year, y.Projects, site.YearURL(y.Year)
	}
	return site.EvalHistory(years, ps, urls, current)
}

// evalSentence sums a 自评 up for a page description: "总分 92，等次 优。".
func evalSentence(e *budget.Evaluation) string {
	var parts []string
	if e.Total != nil {
		parts = append(parts, "总分 "+e.Total.String())
	}
	if e.Grade != "" {
		parts = append(parts, "等次 "+e.Grade)
	}
	if e.Budget.Rate != "" {
		parts = append(parts, "预算执行率 "+e.Budget.Rate)
	}
	if len(parts) == 0 {
		return "已公开。"
	}
	return strings.Join(parts, "，") + "。"
}
