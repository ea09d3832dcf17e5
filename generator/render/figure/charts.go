package figure

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/site"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Chart is one figure on a page: the ECharts option, which the page embeds
// as a JSON data block (never as script), and the same numbers as a table,
// which is the chart's text alternative for screen readers, print and
// readers without JavaScript.
type Chart struct {
	ID      string // HTML id; also the go-echarts ChartID, so a valid JS identifier
	Title   string
	Summary string      // one sentence for aria-label
	Option  template.JS // the ECharts option as JSON
	Table   Table
}

type Table struct {
	Columns []string
	Rows    [][]string
	Numeric []bool // right-align these columns
	Foot    []string
}

// Cell is a cell as the template writes it.
type Cell struct {
	Text string
	Num  bool // right-aligned number
	Head bool // the row's header cell
}

// TableView is the table as cells, so the template does no lookups per
// cell (each would be a reflective call, thousands per site).
type TableView struct {
	Head []Cell
	Body [][]Cell
	Foot []Cell
}

// View lays the table out for the template.
func (t Table) View() TableView {
	row := func(cells []string, head bool) []Cell {
		out := make([]Cell, len(cells))
		for i, c := range cells {
			out[i] = Cell{Text: c, Num: i < len(t.Numeric) && t.Numeric[i], Head: head || i == 0}
		}
		return out
	}
	v := TableView{Head: row(t.Columns, true)}
	for _, r := range t.Rows {
		v.Body = append(v.Body, row(r, false))
	}
	if t.Foot != nil {
		v.Foot = row(t.Foot, false)
	}
	return v
}

// Item is one slice of a funding chart.
type Item struct {
	Name  string
	Value decimal.Decimal
}

var chartPalette = []string{"#b51f1f", "#1f5fa8", "#d4822a", "#2e7d4f", "#6a3d9a", "#8c6d1f", "#0f7c8c", "#a8325e", "#4d5b6a", "#7a8b1f"}

// ID makes a deterministic id from page-local parts. go-echarts would
// otherwise pick a random id, breaking byte-identical builds.
func ID(parts ...string) string {
	var b strings.Builder
	b.WriteString("chart")
	for _, p := range parts {
		b.WriteByte('_')
		for _, r := range p {
			if r < 128 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				b.WriteRune(r)
			} else {
				b.WriteByte('_')
			}
		}
	}
	return b.String()
}

func baseOpts(id, title string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: title}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(opts.Colors(chartPalette)),
	}
}

// siteVisitor adjusts go-echarts' output where it has no option for what
// the site needs; it is go-echarts' own extension point.
type siteVisitor struct {
	charts.BaseConfigurationVisitor
}

// richTooltip adds renderMode to go-echarts' tooltip. Tooltips drawn on
// the canvas cannot carry markup, so a project name can never become
// HTML, whatever it contains.
type richTooltip struct {
	opts.Tooltip
	RenderMode string `json:"renderMode"`
}

func (siteVisitor) VisitTooltipOpt(t opts.Tooltip) interface{} {
	return richTooltip{Tooltip: t, RenderMode: "richText"}
}

// sunburstSeries gives sunburst labels a minimum angle, so the small
// outer sectors stay unlabelled instead of overlapping (their numbers are
// in the data table and the tooltip). go-echarts' Label has no such field.
type sunburstSeries struct {
	charts.SingleSeries
	Label sunburstLabel `json:"label"`
}

type sunburstLabel struct {
	Show      bool   `json:"show"`
	Formatter string `json:"formatter"`
	MinAngle  int    `json:"minAngle"`
}

func (v siteVisitor) VisitSeriesOpt(ms charts.MultiSeries) interface{} {
	out := make([]interface{}, len(ms))
	for i, s := range ms {
		if s.Type == "sunburst" {
			out[i] = sunburstSeries{SingleSeries: s, Label: sunburstLabel{Show: true, Formatter: "{b}", MinAngle: 14}}
			continue
		}
		out[i] = s
	}
	return out
}

// finish validates a go-echarts chart and marshals its option once. The
// JSON is HTML-escaped (json.Marshal turns <, > and & into \u escapes),
// so it is safe as the body of a <script type="application/json"> block
// whatever the names contain, and goes into the page as is.
func finish(c interface {
	Accept(charts.ConfigurationVisitor)
	Validate()
	JSON() map[string]interface{}
}) template.JS {
	c.Accept(siteVisitor{})
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		panic(err) // only plain data goes in; a failure is a programming error
	}
	return template.JS(b)
}

// FundsPie shows how an amount divides among parts (units of a department,
// departments of a year).
func FundsPie(id, title string, items []Item, total decimal.Decimal, nameHeader string) Chart {
	c := charts.NewPie()
	c.SetGlobalOptions(append(baseOpts(id, title),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}\n{c} 万元（{d}%）"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
	)...)
	data := make([]opts.PieData, len(items))
	for i, it := range items {
		data[i] = opts.PieData{Name: it.Name, Value: json.Number(it.Value.String())}
	}
	c.AddSeries("资金", data).SetSeriesOptions(
		charts.WithPieChartOpts(opts.PieChart{Radius: []string{"40%", "68%"}, Center: []string{"50%", "45%"}}),
		// Names can be long; the legend and the data table carry them, so
		// the slice labels show only the share.
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{d}%"}),
	)
	return Chart{ID: id, Title: title, Option: finish(c),
		Summary: fmt.Sprintf("%s：共 %d 项，合计 %s 万元，明细见下方数据表。", title, len(items), total),
		Table:   amountTable(items, total, nameHeader)}
}

// FundsBar ranks items by amount; used for projects, which can be many and
// have long names that a pie cannot label.
func FundsBar(id, title string, items []Item, total decimal.Decimal, nameHeader string) Chart {
	sorted := append([]Item(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Value.Cmp(sorted[j].Value) < 0 })
	names := make([]string, len(sorted))
	data := make([]opts.BarData, len(sorted))
	for i, it := range sorted {
		names[i] = it.Name
		data[i] = opts.BarData{Name: it.Name, Value: json.Number(it.Value.String())}
	}
	c := rankBar(id, title, "资金", names, data, "{b}\n{c} 万元", "万元", "{c}")
	return Chart{ID: id, Title: title, Option: finish(c),
		Summary: fmt.Sprintf("%s：共 %d 个项目，合计 %s 万元，明细见下方数据表。", title, len(items), total),
		Table:   amountTable(items, total, nameHeader)}
}

// rankBar is a horizontal bar chart of named values, one bar per name
// in the order given, each labelled at its end: funds per project,
// execution rate per unit.
func rankBar(id, title, series string, names []string, data []opts.BarData, tooltip, axis, label string) *charts.Bar {
	c := charts.NewBar()
	c.SetGlobalOptions(append(baseOpts(id, title),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: types.FuncStr(tooltip)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "12%", Top: "3%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: axis}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: &opts.AxisLabel{Width: 160, Overflow: "truncate"}}),
	)...)
	c.SetXAxis(names).AddSeries(series, data).SetSeriesOptions(
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: label}),
	)
	c.XYReversal()
	return c
}

func amountTable(items []Item, total decimal.Decimal, nameHeader string) Table {
	t := Table{Columns: []string{nameHeader, "资金（万元）", "占比"}, Numeric: []bool{false, true, true}}
	for _, it := range items {
		t.Rows = append(t.Rows, []string{it.Name, it.Value.String(), Share(it.Value, total)})
	}
	t.Foot = []string{"合计", total.String(), "100.00%"}
	return t
}

// Share formats part/whole as a percentage with two places, computed
// exactly and rounded half up, as finance tables do.
func Share(part, whole decimal.Decimal) string {
	if p := site.Percent(part, whole); p != "" {
		return p
	}
	return "—"
}

// weightNode is a category in the indicator-weight breakdown.
type weightNode struct {
	Name     string
	Weight   decimal.Decimal
	Count    int
	Children []*weightNode
}

// weightTree sums indicator weights by 一级 then 二级, in order of first
// appearance, which follows the printed form (产出, 效益, 满意度).
func weightTree(projects []*budget.Project) []*weightNode {
	var roots []*weightNode
	idx := map[string]*weightNode{}
	for _, p := range projects {
		for _, in := range p.Indicators {
			l1 := idx[in.Level1]
			if l1 == nil {
				l1 = &weightNode{Name: in.Level1}
				idx[in.Level1] = l1
				roots = append(roots, l1)
			}
			key := in.Level1 + "\x00" + in.Level2
			l2 := idx[key]
			if l2 == nil {
				l2 = &weightNode{Name: in.Level2}
				idx[key] = l2
				l1.Children = append(l1.Children, l2)
			}
			l1.Weight, l1.Count = l1.Weight.Add(in.Weight), l1.Count+1
			l2.Weight, l2.Count = l2.Weight.Add(in.Weight), l2.Count+1
		}
	}
	return roots
}

// WeightSunburst shows how indicator weight divides among 一级 and 二级
// categories. For an agency the weights of all its projects are summed,
// which shows where its targets put their emphasis.
func WeightSunburst(id, title string, projects []*budget.Project) Chart {
	tree := weightTree(projects)
	var total decimal.Decimal
	t := Table{Columns: []string{"一级指标", "二级指标", "指标数", "权重", "占比"}, Numeric: []bool{false, false, true, true, true}}
	for _, n := range tree {
		total = total.Add(n.Weight)
	}
	for _, n := range tree {
		for _, c := range n.Children {
			t.Rows = append(t.Rows, []string{n.Name, c.Name, fmt.Sprint(c.Count), c.Weight.String(), Share(c.Weight, total)})
		}
	}
	t.Foot = []string{"合计", "", fmt.Sprint(CountIndicators(projects)), total.String(), "100.00%"}
	return Chart{ID: id, Title: title, Option: sunburstOption(title, tree),
		Summary: fmt.Sprintf("%s：权重合计 %s，按一级、二级指标分布，明细见下方数据表。", title, total),
		Table:   t}
}

// sunburstEcharts is the weight sunburst as go-echarts builds it, which
// owns its layout: sunburstOption marshals it once with placeholders
// (chartfast.go), and the tests compare the two for every input.
func sunburstEcharts(id, title string, data []opts.SunBurstData) template.JS {
	c := charts.NewSunburst()
	c.SetGlobalOptions(append(baseOpts(id, title),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}：权重 {c}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)...)
	c.AddSeries("权重", data).SetSeriesOptions(
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}"}),
	)
	return finish(c)
}

func CountIndicators(ps []*budget.Project) int {
	n := 0
	for _, p := range ps {
		n += len(p.Indicators)
	}
	return n
}

// FundsHistory shows an amount across years, with the change from the
// year before in the data table.
func FundsHistory(id, title string, rows []site.YearChange) Chart {
	t := Table{Columns: []string{"年度", "项目数", "资金（万元）", "比上年增减（万元）", "增减幅度"}, Numeric: []bool{false, true, true, true, true}}
	for _, r := range rows {
		delta, pct := "—", "—"
		if r.HasPrev {
			delta, pct = site.Signed(r.Delta), r.Percent
		}
		t.Rows = append(t.Rows, []string{historyYear(r), fmt.Sprint(r.Projects), r.Total.String(), delta, pct})
	}
	return Chart{ID: id, Title: title, Option: historyOption(title, rows),
		Summary: fmt.Sprintf("%s：%d 个年度，明细见下方数据表。", title, len(rows)),
		Table:   t}
}

// historyYear is a year as the history chart and table name it.
func historyYear(r site.YearChange) string { return strconv.Itoa(r.Year) + "年" }

// historyEcharts is the funds history as go-echarts builds it; like
// sunburstEcharts, the layout's owner and the tests' reference.
func historyEcharts(id, title string, years []string, data []opts.BarData) template.JS {
	c := charts.NewBar()
	c.SetGlobalOptions(append(baseOpts(id, title),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}\n{c} 万元"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "12%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "万元"}),
	)...)
	c.SetXAxis(years).AddSeries("资金", data).SetSeriesOptions(
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{c}"}),
		// The bar option lacks barMaxWidth; the series field is shared.
		charts.WithKlineChartOpts(opts.KlineChart{BarMaxWidth: "48"}),
	)
	return finish(c)
}
