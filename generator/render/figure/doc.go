// Package figure makes every chart the site shows: a Chart is an ECharts
// option, built with go-echarts, and the same numbers as a data table,
// which is the chart's text alternative for screen readers, print and
// readers without JavaScript. Package render places charts on pages; it
// embeds each option as a JSON block, never as script.
//
// The charts are: funds by part (FundsPie, FundsBar), the weights of the
// indicators by 一级 and 二级 (WeightSunburst), funds across years
// (FundsHistory), and the 绩效自评's statistics (ScoreBands, Grades,
// IndicatorStatus, ExecRate, EvalHistory). Amounts are exact decimals in
// the tables; shares are printed by Share, from exact arithmetic. Every
// label is a string in the option, and tooltips render as rich text on
// the canvas (siteVisitor), so no name can become HTML.
//
// The two charts every project page has are made without go-echarts per
// page (chartfast.go): each kind's option is built by go-echarts once,
// with placeholders, and a page's data is spliced in. Tests and a fuzz
// target hold the result byte-equal to go-echarts' own.
package figure
