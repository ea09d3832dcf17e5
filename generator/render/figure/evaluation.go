package figure

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/site"
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// EvalHistoryRow is one year of an agency's or the site's 绩效自评, for
// the table and chart of the years side by side.
type EvalHistoryRow struct {
	Year                    int
	URL                     string
	Current                 bool
	Evaluated, Projects     int
	Average, Rate, MetShare string
}

// Part is one row of an execution-rate chart: a unit or a project.
type Part struct {
	Name     string
	Projects []*budget.Project
}

func countShare(n, of int) string {
	return Share(decimal.MustDecimal(fmt.Sprint(n)), decimal.MustDecimal(fmt.Sprint(of)))
}

// countBar is a bar chart of counts by category with its data table.
func countBar(id, title, header, unit string, counts []site.Count, of int) Chart {
	names := make([]string, len(counts))
	data := make([]opts.BarData, len(counts))
	t := Table{Columns: []string{header, unit + "数", "占比"}, Numeric: []bool{false, true, true}}
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
	return Chart{ID: id, Title: title, Option: finish(c),
		Summary: fmt.Sprintf("%s：共 %d 个%s，明细见下方数据表。", title, of, unit),
		Table:   t}
}

// ScoreBands counts the evaluated projects by band of 总分.
func ScoreBands(id, title string, st *site.EvalStats) Chart {
	c := countBar(id, title, "总分", "项目", st.Bands, st.Scored)
	if st.Scored < st.Evaluated {
		c.Summary = fmt.Sprintf("%s：%d 个项目有总分（另 %d 个自评表未填总分），明细见下方数据表。", title, st.Scored, st.Evaluated-st.Scored)
	}
	return c
}

// Grades counts the evaluated projects by 评价等次.
func Grades(id, title string, st *site.EvalStats) Chart {
	return countBar(id, title, "评价等次", "项目", st.Grades, st.Evaluated)
}

// statusColours keep the marks' colours in the chart; the data table and
// the tooltip name every status, so colour is never the only cue.
var statusColours = map[string]string{"达成": "#2e7d4f", "未达成": "#b51f1f", "无法判断": "#4d5b6a", "未自评": "#8c6d1f"}

// IndicatorStatus shows the target indicators by mark (达成, 未达成,
// 无法判断, 未自评).
func IndicatorStatus(id, title string, st *site.EvalStats) Chart {
	counts := []site.Count{{Label: string(budget.StatusMet), N: st.Met}, {Label: string(budget.StatusUnmet), N: st.Unmet},
		{Label: string(budget.StatusUnknown), N: st.Unknown}, {Label: "未自评", N: st.NoResult}}
	all := st.Met + st.Unmet + st.Unknown + st.NoResult
	t := Table{Columns: []string{"完成情况", "指标数", "占比"}, Numeric: []bool{false, true, true}}
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
	return Chart{ID: id, Title: title, Option: finish(c), Summary: summary + "。", Table: t}
}

// ExecRate shows the execution rate of each part that prints its
// budget; ok is false when none does.
func ExecRate(id, title string, parts []Part, header string, st *site.EvalStats) (Chart, bool) {
	t := Table{Columns: []string{header, "全年预算数（万元）", "全年执行数（万元）", "执行率"}, Numeric: []bool{false, true, true, true}}
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
		return Chart{}, false
	}
	rate := st.Rate
	if rate == "" {
		rate = "—"
	}
	t.Foot = []string{"合计", st.Adjusted.String(), st.Executed.String(), rate}
	c := rankBar(id, title, "执行率", names, data, "{b}\n执行率 {c}%", "%", "{c}%")
	return Chart{ID: id, Title: title, Option: finish(c),
		Summary: fmt.Sprintf("%s：合计执行率 %s（全年执行数 %s 万元 ÷ 全年预算数 %s 万元），明细见下方数据表。", title, rate, st.Executed, st.Adjusted),
		Table:   t}, true
}

// EvalHistory shows the average score and the execution rate of
// each year; years without evaluations are gaps.
func EvalHistory(id, title string, rows []EvalHistoryRow) Chart {
	years := make([]string, len(rows))
	avg := make([]opts.LineData, len(rows))
	rate := make([]opts.LineData, len(rows))
	t := Table{Columns: []string{"年度", "已自评项目", "平均总分", "预算执行率", "指标达成率"}, Numeric: []bool{false, true, true, true, true}}
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
	return Chart{ID: id, Title: title, Option: finish(c),
		Summary: fmt.Sprintf("%s：%d 个年度，明细见下方数据表。", title, len(rows)),
		Table:   t}
}
