package render

import (
	"encoding/json"
	"fmt"
	"strings"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/site"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
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
	History  []evalHistoryRow
	Charts   []chart
}

type lowRow struct {
	Name, URL, UnitName, UnitURL, Total, Grade, Rate string
	Shortfalls                                       int
}

type evalHistoryRow struct {
	Year                    int
	URL                     string
	Current                 bool
	Evaluated, Projects     int
	Average, Rate, MetShare string
}

// execPart is one row of an execution-rate chart: a unit or a project.
type execPart struct {
	Name     string
	Projects []*budget.Project
}

// newEvalSection computes the statistics of ps, or returns nil when none
// of them is evaluated. parts are what the execution rate is shown by
// (units of a year or department, projects of a unit), partHeader their
// column name; hist the same agency or the site in each year.
func newEvalSection(id, scope string, ps []*budget.Project, parts []execPart, partHeader string, showUnit bool, hist []site.EvalYear) *evalSection {
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
		row := evalHistoryRow{Year: h.Year, URL: h.URL, Current: h.Current}
		if s := h.Stats; s != nil {
			row.Evaluated, row.Projects, row.Average, row.Rate, row.MetShare = s.Evaluated, s.Projects, s.Average, s.Rate, s.MetShare
		}
		sec.History = append(sec.History, row)
	}
	sec.Charts = []chart{
		scoreBandsChart(id+"_score", scope+"自评总分分布", st),
		gradesChart(id+"_grade", scope+"自评评价等次", st),
		indicatorStatusChart(id+"_status", scope+"绩效指标完成情况", st),
	}
	if c, ok := execRateChart(id+"_exec", scope+"预算执行率（按"+partHeader+"）", parts, partHeader, st); ok {
		sec.Charts = append(sec.Charts, c)
	}
	if len(sec.History) > 1 {
		sec.Charts = append(sec.Charts, evalHistoryChart(id+"_evalhist", "历年自评总分和预算执行率", sec.History))
	}
	return sec
}

// unitParts are a year's or department's units as rows of the
// execution-rate chart.
func unitParts(units []*site.Agency) []execPart {
	out := make([]execPart, len(units))
	for i, u := range units {
		out[i] = execPart{Name: u.Name, Projects: u.Projects}
	}
	return out
}

// projectParts are a unit's projects as rows of the execution-rate chart.
func projectParts(ps []*budget.Project) []execPart {
	out := make([]execPart, len(ps))
	for i, p := range ps {
		out[i] = execPart{Name: p.Name, Projects: []*budget.Project{p}}
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

func countShare(n, of int) string {
	return share(decimal.MustDecimal(fmt.Sprint(n)), decimal.MustDecimal(fmt.Sprint(of)))
}

// countBar is a bar chart of counts by category with its data table.
func countBar(id, title, header, unit string, counts []site.Count, of int) chart {
	names := make([]string, len(counts))
	data := make([]opts.BarData, len(counts))
	t := chartTable{Columns: []string{header, unit + "数", "占比"}, Numeric: []bool{false, true, true}}
	for i, c := range counts {
		names[i] = c.Label
		data[i] = opts.BarData{Name: c.Label, Value: c.N}
		t.Rows = append(t.Rows, []string{c.Label, fmt.Sprint(c.N), countShare(c.N, of)})
	}
	t.Foot = []string{"合计", fmt.Sprint(of), "100.00%"}
	c := charts.NewBar()
	c.SetGlobalOptions(append(baseOpts(id, title),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: types.FuncStr("{b}\n{c} 个" + unit)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "12%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "个" + unit, MinInterval: 1}),
		// Every category is labelled: a distribution reads by its labels.
		charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Interval: "0", Width: 90, Overflow: "break"}}),
	)...)
	c.SetXAxis(names).AddSeries(unit+"数", data).SetSeriesOptions(
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{c}"}),
		charts.WithKlineChartOpts(opts.KlineChart{BarMaxWidth: "48"}),
	)
	return chart{ID: id, Title: title, Option: finish(c),
		Summary: fmt.Sprintf("%s：共 %d 个%s，明细见下方数据表。", title, of, unit),
		Table:   t}
}

func scoreBandsChart(id, title string, st *site.EvalStats) chart {
	c := countBar(id, title, "总分", "项目", st.Bands, st.Scored)
	if st.Scored < st.Evaluated {
		c.Summary = fmt.Sprintf("%s：%d 个项目有总分（另 %d 个自评表未填总分），明细见下方数据表。", title, st.Scored, st.Evaluated-st.Scored)
	}
	return c
}

func gradesChart(id, title string, st *site.EvalStats) chart {
	return countBar(id, title, "评价等次", "项目", st.Grades, st.Evaluated)
}

// statusColours keep the marks' colours in the chart; the data table and
// the tooltip name every status, so colour is never the only cue.
var statusColours = map[string]string{"达成": "#2e7d4f", "未达成": "#b51f1f", "无法判断": "#4d5b6a", "未自评": "#8c6d1f"}

func indicatorStatusChart(id, title string, st *site.EvalStats) chart {
	counts := []site.Count{{Label: string(budget.StatusMet), N: st.Met}, {Label: string(budget.StatusUnmet), N: st.Unmet},
		{Label: string(budget.StatusUnknown), N: st.Unknown}, {Label: "未自评", N: st.NoResult}}
	all := st.Met + st.Unmet + st.Unknown + st.NoResult
	t := chartTable{Columns: []string{"完成情况", "指标数", "占比"}, Numeric: []bool{false, true, true}}
	var data []opts.PieData
	for _, c := range counts {
		t.Rows = append(t.Rows, []string{c.Label, fmt.Sprint(c.N), countShare(c.N, all)})
		if c.N > 0 {
			data = append(data, opts.PieData{Name: c.Label, Value: c.N, ItemStyle: &opts.ItemStyle{Color: statusColours[c.Label]}})
		}
	}
	t.Foot = []string{"合计", fmt.Sprint(all), "100.00%"}
	c := charts.NewPie()
	c.SetGlobalOptions(append(baseOpts(id, title),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}\n{c} 项（{d}%）"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
	)...)
	c.AddSeries("绩效指标", data).SetSeriesOptions(
		charts.WithPieChartOpts(opts.PieChart{Radius: []string{"40%", "68%"}, Center: []string{"50%", "45%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b} {c}"}),
	)
	summary := fmt.Sprintf("%s：目标表 %d 项指标，达成 %d 项，未达成 %d 项，无法判断 %d 项，未自评 %d 项", title, all, st.Met, st.Unmet, st.Unknown, st.NoResult)
	if st.MetShare != "" {
		summary += fmt.Sprintf("，可判断的指标中达成 %s", st.MetShare)
	}
	return chart{ID: id, Title: title, Option: finish(c), Summary: summary + "。", Table: t}
}

// execRateChart shows the execution rate of each part that prints its
// budget; ok is false when none does.
func execRateChart(id, title string, parts []execPart, header string, st *site.EvalStats) (chart, bool) {
	t := chartTable{Columns: []string{header, "全年预算数（万元）", "全年执行数（万元）", "执行率"}, Numeric: []bool{false, true, true, true}}
	var names []string
	var data []opts.BarData
	for _, pt := range parts {
		ps := site.Evaluate(pt.Projects)
		if ps == nil || ps.ExecCounted == 0 {
			continue
		}
		rate := ps.Rate
		if rate == "" {
			rate = "—"
		}
		t.Rows = append(t.Rows, []string{pt.Name, ps.Adjusted.String(), ps.Executed.String(), rate})
		names = append(names, pt.Name)
		v := interface{}("-")
		if ps.Rate != "" {
			v = json.Number(ps.Rate[:len(ps.Rate)-1])
		}
		data = append(data, opts.BarData{Name: pt.Name, Value: v})
	}
	if len(names) == 0 {
		return chart{}, false
	}
	rate := st.Rate
	if rate == "" {
		rate = "—"
	}
	t.Foot = []string{"合计", st.Adjusted.String(), st.Executed.String(), rate}
	c := rankBar(id, title, "执行率", names, data, "{b}\n执行率 {c}%", "%", "{c}%")
	return chart{ID: id, Title: title, Option: finish(c),
		Summary: fmt.Sprintf("%s：合计执行率 %s（全年执行数 %s 万元 ÷ 全年预算数 %s 万元），明细见下方数据表。", title, rate, st.Executed, st.Adjusted),
		Table:   t}, true
}

// evalHistoryChart shows the average score and the execution rate of
// each year; years without evaluations are gaps.
func evalHistoryChart(id, title string, rows []evalHistoryRow) chart {
	years := make([]string, len(rows))
	avg := make([]opts.LineData, len(rows))
	rate := make([]opts.LineData, len(rows))
	t := chartTable{Columns: []string{"年度", "已自评项目", "平均总分", "预算执行率", "指标达成率"}, Numeric: []bool{false, true, true, true, true}}
	dash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	for i, r := range rows {
		years[i] = fmt.Sprintf("%d年", r.Year)
		avg[i] = opts.LineData{Name: years[i], Value: "-"}
		rate[i] = opts.LineData{Name: years[i], Value: "-"}
		if r.Average != "" {
			avg[i].Value = json.Number(r.Average)
		}
		if r.Rate != "" {
			rate[i].Value = json.Number(r.Rate[:len(r.Rate)-1])
		}
		evaluated := "—"
		if r.Projects > 0 {
			evaluated = fmt.Sprintf("%d / %d", r.Evaluated, r.Projects)
		}
		t.Rows = append(t.Rows, []string{years[i], evaluated, dash(r.Average), dash(r.Rate), dash(r.MetShare)})
	}
	c := charts.NewLine()
	c.SetGlobalOptions(append(baseOpts(id, title),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{a}\n{b}：{c}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "12%", Bottom: "14%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "分 / %"}),
	)...)
	// Different symbols tell the two lines apart without colour.
	c.SetXAxis(years).
		AddSeries("平均总分（分）", avg, charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 10, ShowSymbol: opts.Bool(true)})).
		AddSeries("预算执行率（%）", rate, charts.WithLineChartOpts(opts.LineChart{Symbol: "rect", SymbolSize: 10, ShowSymbol: opts.Bool(true)}))
	c.SetSeriesOptions(charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{c}"}))
	return chart{ID: id, Title: title, Option: finish(c),
		Summary: fmt.Sprintf("%s：%d 个年度，明细见下方数据表。", title, len(rows)),
		Table:   t}
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
