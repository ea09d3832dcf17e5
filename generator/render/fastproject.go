package render

import (
	"strconv"
	"strings"

	"budgetsite/generator/render/figure"
	"budgetsite/generator/site"
)

// The project page's "main" block, written in Go.
//
// Why by hand: a project page is most of a site (10,000 of them in a
// province), and its indicator table has some twenty escaped actions per
// row; html/template pays a reflective field lookup and an escaper call
// for each. BenchmarkProjectMain (a project with 5 indicators, a 自评, a
// funds history, two charts and downloads; the shared 2-core machine,
// go1.26): templates 0.64–1.1 ms, 2,590 allocations, 107 KB per main
// block; this writer 0.15–0.29 ms, 143 allocations, 51 KB, most of which
// is the Markdown overview, rendered the same way on both paths. In a
// profiled cold build of 10,000 generated projects, template execution
// fell from 4.55 s to 1.59 s of CPU, appendProjectMain taking 0.33 s, and
// the build's user CPU from 11.7–14.4 s to 9.2–10.0 s.
//
// The layout around it (appendProjectPage) followed: with the main block
// in Go, the layout template was most of what remained of a project
// page (at 100,000 projects, 21.8 s of CPU in ExecuteTemplate, plus the
// main block's copy into a string and a fresh buffer for each page).
// BenchmarkProjectPage (the same project, the whole page as a build
// renders it, the chrome cached): the template layout around the Go main
// block as before, 135–147 µs, 576 allocations, 128 KB per page;
// appendProjectPage into a pooled buffer, 32–33 µs, 147 allocations,
// 12.5 KB (the templates alone: 430–520 µs, 3,005 allocations).
//
// What it stands in for, when LoadTemplates takes it and how the tests
// hold it to the templates: see the package doc.
//
// The escapers are html/template's for the contexts used here (Go's
// src/html/template): element text and quoted attribute values
// (htmlEscaper, attrEscaper: NUL, " & ' + < > replaced, other bytes kept,
// so a byte loop matches its rune loop), URL attribute values (urlFilter
// on an action at the start of the URL, then urlNormalizer, then
// attrEscaper) and the chart option, a template.JS inside
// <script type="application/json">, which jsValEscaper writes as it is.

// projectMainTemplates are the templates the project's "main" block is
// made of: the fast path stands in for all of them.
var projectMainTemplates = []string{"main", "resultCells", "mark", "projectEvaluation", "charts", "chart", "history", "pageDownloads"}

// projectMainFiles are the embedded files that define them.
var projectMainFiles = []string{"templates/project.html", "templates/partials/evaluation.html",
	"templates/partials/chart.html", "templates/partials/history.html", "templates/partials/downloads.html"}

// projectPageTemplates are the templates, besides those of the main
// block, that the whole project page is made of and appendProjectPage
// stands in for: the layout. The header and footer it includes are
// rendered once per variant by chromeFor through the templates, so a
// site's own header or footer does not turn the fast layout off.
var projectPageTemplates = []string{"layout"}

// projectPageFiles are the embedded files that define them. layout.html
// also defines "header", which stays a template (chromeFor); a site's
// layout.html that differs from the embedded one turns the fast layout
// off all the same.
var projectPageFiles = []string{"templates/layout.html"}

// fastMainSource redefines "main" in the project's template set when the
// fast path is on: the layout, header and footer still execute as
// templates, and include the block written by appendProjectMain.
const fastMainSource = `{{define "main"}}{{.Main}}{{end}}`

// htmlWriter appends HTML to a byte slice.
type htmlWriter struct{ b []byte }

// raw appends trusted markup.
func (w *htmlWriter) raw(s string) { w.b = append(w.b, s...) }

// text appends a plain string as html/template escapes it in element
// text and in a quoted attribute value (htmlEscaper, attrEscaper).
func (w *htmlWriter) text(s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.b = append(w.b, s[start:i]...)
		w.b = append(w.b, repl...)
		start = i + 1
	}
	w.b = append(w.b, s[start:]...)
}

// markup appends markup and values in turn: parts[0], parts[2]… as
// they are, parts[1], parts[3]… escaped as text.
func (w *htmlWriter) markup(parts ...string) {
	for i, s := range parts {
		if i%2 == 0 {
			w.raw(s)
		} else {
			w.text(s)
		}
	}
}

// int appends a number, as fmt prints it.
func (w *htmlWriter) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// url appends a piece of a URL attribute value as html/template does:
// urlFilter when the action starts the URL (first), which replaces a
// value with a scheme other than http, https or mailto by "#ZgotmplZ";
// then urlNormalizer, which percent-encodes (lower-case hex) every byte
// but the unreserved and reserved URL characters and valid escapes;
// then attrEscaper, which of those leaves only & and + to escape.
func (w *htmlWriter) url(s string, first bool) {
	if first && !safeURL(s) {
		s = "#ZgotmplZ"
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&':
			w.b = append(w.b, "&amp;"...)
		case c == '+':
			w.b = append(w.b, "&#43;"...)
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0,
			c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			w.b = append(w.b, c)
		default:
			w.b = append(w.b, '%', hex[c>>4], hex[c&15])
		}
	}
}

// safeURL is html/template's isSafeURL.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// orBlank is the templates' {{or . "未填"}}.
func orBlank(s string) string {
	if s == "" {
		return "未填"
	}
	return s
}

// appendProjectMain appends the project page's "main" block to b, the
// bytes the embedded minified templates produce for pd. The error is
// the Markdown renderer's, as the template's markdown function returns
// it.
func appendProjectMain(b []byte, pd *pageData) ([]byte, error) {
	w := &htmlWriter{b: b}
	p := pd.Project
	w.raw(`<article class="project-form"><h1><span class="form-title">`)
	w.int(p.Year)
	w.raw(`年财政资金项目支出绩效目标表</span><span class="project-name">`)
	w.text(p.Name)
	w.raw(`</span></h1><p class="meta"><span>项目编码 `)
	w.text(p.Code)
	w.raw(`</span><span>单位：万元</span>`)
	if pd.PubDate != "" {
		w.raw(`<span>发布日期：<time datetime="`)
		w.text(pd.PubDate)
		w.raw(`">`)
		w.text(pd.PubDate)
		w.raw(`</time></span>`)
	}
	w.raw(`<span><button type="button" data-print>打印本表</button></span></p><div class="table-scroll" tabindex="0" role="region" aria-label="项目基本信息"><table class="form-table"><caption class="visually-hidden">项目基本信息</caption><tbody><tr><th scope="row">项目名称</th><td colspan="3">`)
	w.text(p.Code)
	w.raw(`-`)
	w.text(p.Name)
	w.raw(`</td></tr><tr><th scope="row">主管部门</th><td><a href="`)
	w.agencyURL(pd, "/department/", p.Department.Code)
	w.raw(`">`)
	w.text(p.Department.Code)
	w.raw(`-`)
	w.text(p.Department.Name)
	w.raw(`</a></td><th scope="row">实施单位</th><td><a href="`)
	w.agencyURL(pd, "/unit/", p.Unit.Code)
	w.raw(`">`)
	w.text(p.Unit.Code)
	w.raw(`-`)
	w.text(p.Unit.Name)
	w.raw(`</a></td></tr><tr><th scope="row">资金总额（万元）</th><td class="num">`)
	w.text(p.Funds.String())
	if len(p.FundsBreakdown) > 0 {
		w.raw(`<br><small class="funds-breakdown">其中：`)
		for i, f := range p.FundsBreakdown {
			if i > 0 {
				w.raw(`；`)
			}
			w.text(f.Source)
			w.raw(` `)
			w.text(f.Amount.String())
			w.raw(` 万元`)
		}
		w.raw(`</small>`)
	}
	w.raw(`</td><th scope="row">项目属性</th><td>`)
	w.text(p.Attribute)
	w.raw(`</td></tr><tr><th scope="row">项目起始时间</th><td>`)
	w.text(p.Start)
	w.raw(`</td><th scope="row">项目终止时间</th><td>`)
	w.text(p.End)
	w.raw(`</td></tr><tr><th scope="row">项目概况</th><td colspan="3"><div class="prose">`)
	overview, err := markdownHTML(p.Overview)
	if err != nil {
		return w.b, err
	}
	w.raw(string(overview))
	w.raw(`</div></td></tr>`)
	if p.OverallGoal != "" {
		w.raw(`<tr><th scope="row">总体目标</th><td colspan="3">`)
		w.text(p.OverallGoal)
		w.raw(`</td></tr>`)
	}
	w.raw(`<tr><th scope="row">项目当年绩效目标</th><td colspan="3">`)
	w.text(p.AnnualGoal)
	w.raw(`</td></tr></tbody></table></div>`)
	w.indicatorTable(p)
	if p.Weighted {
		w.raw(`<p class="notice">绩效指标权重通常合计 90 分，另 10 分为预算执行率，在年度绩效自评时按实际支出计分。`)
		if !weightOK(p.Total) {
			w.raw(`本表权重合计为 `)
			w.text(p.Total.String())
			w.raw(`，按原表公布。`)
		}
		w.raw(`</p>`)
	} else {
		w.raw(`<p class="notice">原表未列绩效指标权重，按原表公布。</p>`)
	}
	if p.Eval != nil {
		w.evaluation(p.Eval)
	}
	w.raw(`</article>`)
	if len(pd.Charts) > 0 {
		w.raw(`<section aria-labelledby="charts-h"><h2 id="charts-h">图表</h2>`)
		w.charts(pd.Charts)
		w.raw(`</section>`)
	}
	w.history(pd)
	w.raw("\n")
	w.downloads(pd)
	w.raw(`<section class="related" aria-labelledby="related-h"><h2 id="related-h">相关链接</h2><ul class="link-list">`)
	for _, a := range [...]struct {
		kind string
		*site.Agency
	}{{"/unit/", p.Unit}, {"/department/", p.Department}} {
		w.raw(`<li><a href="`)
		w.agencyURL(pd, a.kind, a.Code)
		w.raw(`">`)
		w.text(a.Name)
		w.raw(` `)
		w.int(p.Year)
		w.raw(`年全部项目</a></li>`)
	}
	w.raw(`<li><a href="`)
	w.url(pd.Root, true)
	w.raw(`download.html">全部数据下载和数据字典</a></li></ul></section>`)
	return w.b, nil
}

// agencyURL is href="{{.Root}}{{$p.Year}}/KIND/{{CODE}}.html".
func (w *htmlWriter) agencyURL(pd *pageData, kind, code string) {
	w.url(pd.Root, true)
	w.url(strconv.Itoa(pd.Project.Year), true)
	w.raw(kind)
	w.url(code, false)
	w.raw(`.html`)
}

// indicatorTable is the 绩效指标 table.
func (w *htmlWriter) indicatorTable(p *projectView) {
	w.raw(`<div class="table-scroll" tabindex="0" role="region" aria-label="绩效指标"><table class="indicator-table"><caption>绩效指标（共 `)
	w.int(len(p.Rows))
	w.raw(` 项`)
	if p.Weighted {
		w.raw(`，权重合计 `)
		w.text(p.Total.String())
	}
	if e := p.Eval; e != nil {
		w.raw(`；绩效自评：达成 `)
		w.int(e.Met)
		w.raw(` 项，未达成 `)
		w.int(e.Unmet)
		w.raw(` 项，无法判断 `)
		w.int(e.Unknown)
		w.raw(` 项`)
		if e.NoResult != 0 {
			w.raw(`，未自评 `)
			w.int(e.NoResult)
			w.raw(` 项`)
		}
	}
	w.raw(`）</caption><thead><tr><th scope="col" id="h-l1">一级指标</th><th scope="col" id="h-l2">二级指标</th><th scope="col" id="h-l3">三级指标</th><th scope="col" id="h-value" class="num">指标值</th><th scope="col" id="h-op">指标性质</th><th scope="col" id="h-unit">度量单位</th>`)
	if p.Directions {
		w.raw(`<th scope="col" id="h-direction">指标方向</th>`)
	}
	if p.Standards {
		w.raw(`<th scope="col" id="h-standard">绩效标准</th>`)
	}
	if p.Weighted {
		w.raw(`<th scope="col" id="h-weight" class="num">权重</th>`)
	}
	if p.Remarks {
		w.raw(`<th scope="col" id="h-remark">备注</th>`)
	}
	if p.Eval != nil {
		w.raw(`<th scope="col" id="h-actual" class="result">实际完成值</th><th scope="col" id="h-score" class="num result">得分／分值</th><th scope="col" id="h-mark" class="result">完成情况</th><th scope="col" id="h-reason" class="result">偏差原因</th>`)
	}
	w.raw(`</tr></thead>`)
	for _, g := range p.Groups {
		w.raw(`<tbody>`)
		if g.Title != "" {
			w.raw(`<tr class="period"><th scope="rowgroup" colspan="`)
			w.int(p.Columns)
			w.raw(`">`)
			w.text(g.Title)
			w.raw(`</th></tr>`)
		}
		for i := range g.Rows {
			w.indicatorRow(p, &g.Rows[i])
		}
		w.raw(`</tbody>`)
	}
	if p.Weighted {
		w.raw(`<tfoot><tr><th scope="row" colspan="`)
		w.int(p.TotalSpan)
		w.raw(`">权重合计</th><td class="num">`)
		w.text(p.Total.String())
		w.raw(`</td>`)
		if p.Remarks {
			w.raw(`<td></td>`)
		}
		if p.Eval != nil {
			w.raw(`<td colspan="4"></td>`)
		}
		w.raw(`</tr></tfoot>`)
	}
	w.raw(`</table></div>`)
}

// cell opens a <td> headed by its column and the row's header cells.
func (w *htmlWriter) cell(open, column string, r *indicatorRow) {
	w.raw(open)
	w.raw(column)
	w.raw(` `)
	w.text(r.HeadersCells)
	w.raw(`">`)
}

// groupCell is a merged 一级 or 二级 cell, headed by headers and the
// id of the 一级 cell (none for a 一级 cell).
func (w *htmlWriter) groupCell(id, headers, l1ID string, span int, text string) {
	w.raw(`<th scope="rowgroup" id="`)
	w.text(id)
	w.raw(`" headers="`)
	w.raw(headers)
	w.text(l1ID)
	w.raw(`"`)
	if span > 1 {
		w.raw(` rowspan="`)
		w.int(span)
		w.raw(`"`)
	}
	w.raw(`>`)
	w.text(text)
	w.raw(`</th>`)
}

func (w *htmlWriter) indicatorRow(p *projectView, r *indicatorRow) {
	w.raw(`<tr>`)
	if r.L1Span != 0 {
		w.groupCell(r.L1ID, "h-l1", "", r.L1Span, r.Level1)
	}
	if r.L2Span != 0 {
		w.groupCell(r.L2ID, "h-l2 ", r.L1ID, r.L2Span, r.Level2)
	}
	w.raw(`<th scope="row" id="`)
	w.text(r.RowID)
	w.raw(`" headers="h-l3 `)
	w.text(r.L1ID)
	w.raw(` `)
	w.text(r.L2ID)
	w.raw(`">`)
	w.text(r.Level3)
	w.raw(`</th>`)
	w.cell(`<td class="num" headers="`, "h-value", r)
	w.text(r.Value)
	w.raw(`</td>`)
	w.cell(`<td headers="`, "h-op", r)
	w.raw(`<abbr title="`)
	w.text(operatorLabel(r.Operator))
	w.raw(`">`)
	w.text(r.Operator)
	w.raw(`</abbr></td>`)
	w.cell(`<td headers="`, "h-unit", r)
	w.text(r.Unit)
	w.raw(`</td>`)
	if p.Directions {
		w.cell(`<td headers="`, "h-direction", r)
		w.text(r.Direction)
		w.raw(`</td>`)
	}
	if p.Standards {
		w.cell(`<td headers="`, "h-standard", r)
		w.text(r.Standard)
		w.raw(`</td>`)
	}
	if p.Weighted {
		w.cell(`<td class="num" headers="`, "h-weight", r)
		w.text(r.Weight.String())
		w.raw(`</td>`)
	}
	if p.Remarks {
		w.cell(`<td headers="`, "h-remark", r)
		w.text(r.Remark)
		w.raw(`</td>`)
	}
	if p.Eval != nil {
		w.resultCells(r)
	}
	w.raw(`</tr>`)
}

// resultCells is the partial of that name: a row's 自评 cells.
func (w *htmlWriter) resultCells(r *indicatorRow) {
	w.cell(`<td class="result" headers="`, "h-actual", r)
	w.text(r.Actual)
	w.raw(`</td>`)
	w.cell(`<td class="num result" headers="`, "h-score", r)
	if r.Score != "" {
		w.text(r.Score)
	} else if r.Mark.Class != "none" {
		w.raw(`<span class="blank">未填</span>`)
	}
	w.raw(`</td>`)
	w.cell(`<td class="result" headers="`, "h-mark", r)
	w.raw(`<span class="mark mark-`)
	w.text(r.Mark.Class)
	w.raw(`"><span class="mark-icon" aria-hidden="true">`)
	w.text(r.Mark.Icon)
	w.raw(`</span>`)
	w.text(r.Mark.Text)
	w.raw(`</span>`)
	if r.ChangedTarget != "" {
		w.raw(`<span class="changed-target"><span class="mark-icon" aria-hidden="true">!</span>自评表的目标值为“`)
		w.text(r.ChangedTarget)
		w.raw(`”，与公开的目标不同</span>`)
	}
	w.raw(`</td>`)
	w.cell(`<td class="result" headers="`, "h-reason", r)
	w.text(r.Reason)
	w.raw(`</td>`)
}

// evaluation is the projectEvaluation partial: the 自评 below the form.
func (w *htmlWriter) evaluation(e *evalView) {
	w.raw(`<section class="evaluation" aria-labelledby="eval-h"><h2 id="eval-h">项目支出绩效自评</h2>`)
	if e.PubDate != "" {
		w.raw(`<p class="meta"><span>自评发布日期：<time datetime="`)
		w.text(e.PubDate)
		w.raw(`">`)
		w.text(e.PubDate)
		w.raw(`</time></span></p>`)
	}
	w.raw(`<dl class="stats"><div><dt>总分</dt><dd>`)
	w.text(orBlank(e.Total))
	w.raw(`</dd></div><div><dt>评价等次</dt><dd>`)
	w.text(orBlank(e.Grade))
	w.raw(`</dd></div><div><dt>预算执行率</dt><dd>`)
	if len(e.Budget) > 0 {
		w.text(orBlank(e.Budget[0].Rate))
	}
	w.raw(`</dd></div><div><dt>绩效指标达成</dt><dd>`)
	w.int(e.Met)
	w.raw(` 项，未达成 `)
	w.int(e.Unmet)
	w.raw(` 项</dd></div>`)
	if e.Changed != 0 {
		w.raw(`<div class="changed"><dt>目标值与公开的不同</dt><dd>`)
		w.int(e.Changed)
		w.raw(` 项</dd></div>`)
	}
	w.raw(`</dl><div class="table-scroll" tabindex="0" role="region" aria-label="预算执行情况"><table class="data-table exec-table"><caption>预算执行情况（金额单位：万元）</caption><thead><tr><th scope="col">资金</th><th scope="col" class="num">年初预算数</th><th scope="col" class="num">全年预算数（调整后）</th><th scope="col" class="num">全年执行数</th><th scope="col" class="num">执行率</th><th scope="col" class="num">得分／分值</th><th scope="col">原因</th></tr></thead><tbody>`)
	for _, x := range e.Budget {
		w.raw(`<tr`)
		if x.Sub {
			w.raw(` class="sub"`)
		}
		w.raw(`><th scope="row">`)
		w.text(x.Source)
		w.raw(`</th>`)
		for _, c := range [...]string{x.Initial, x.Adjusted, x.Executed, x.Rate, x.Score} {
			w.raw(`<td class="num">`)
			w.text(c)
			w.raw(`</td>`)
		}
		w.raw(`<td>`)
		w.text(x.Reason)
		w.raw(`</td></tr>`)
	}
	w.raw(`</tbody></table></div><div class="table-scroll" tabindex="0" role="region" aria-label="自评结论"><table class="form-table"><caption class="visually-hidden">自评结论</caption><tbody><tr><th scope="row">年度总体目标实际完成情况</th><td>`)
	w.text(e.GoalActual)
	w.raw(`</td></tr><tr><th scope="row">评价结论</th><td>`)
	w.text(e.Conclusion)
	w.raw(`</td></tr><tr><th scope="row">存在问题</th><td>`)
	w.text(e.Problems)
	w.raw(`</td></tr><tr><th scope="row">改进措施</th><td>`)
	w.text(e.Improvements)
	w.raw(`</td></tr></tbody></table></div><p class="notice">完成情况由目标表的指标值和自评表的实际完成值比较得出：定量指标按指标性质（=、≥、≤ 等）比较数值（指标性质为“=”而数值不等时，有得分的按得分判断）；无法比较数值的，按得分是否为满分判断；二者都没有的标为“无法判断”。</p>`)
	if len(e.Unmatched) > 0 {
		w.raw(`<h3 id="eval-unmatched">自评表中未能与目标表对应的指标</h3><div class="table-scroll" tabindex="0" role="region" aria-label="自评表中未能与目标表对应的指标"><table class="data-table"><caption>自评表中未能与目标表对应的指标（共 `)
		w.int(len(e.Unmatched))
		w.raw(` 项，按自评表原文公布）</caption><thead><tr><th scope="col">一级指标</th><th scope="col">二级指标</th><th scope="col">三级指标</th><th scope="col">年度指标值</th><th scope="col">实际完成值</th><th scope="col" class="num">得分／分值</th><th scope="col">偏差原因</th></tr></thead><tbody>`)
		for _, r := range e.Unmatched {
			w.markup(`<tr><td>`, r.Level1, `</td><td>`, r.Level2, `</td><th scope="row">`, r.Level3, `</th><td>`, r.Target,
				`</td><td>`, r.Actual, `</td><td class="num">`, r.Score, `</td><td>`, r.Reason, `</td></tr>`)
		}
		w.raw(`</tbody></table></div>`)
	}
	w.raw(`</section>`)
}

// charts is the partials of that name and "chart": each chart's canvas,
// its option as JSON and its data table.
func (w *htmlWriter) charts(cs []figure.Chart) {
	w.raw(`<div class="chart-grid">`)
	for i := range cs {
		c := &cs[i]
		w.raw(`<figure class="chart" aria-labelledby="`)
		w.text(c.ID)
		w.raw(`-cap"><figcaption id="`)
		w.text(c.ID)
		w.raw(`-cap">`)
		w.text(c.Title)
		w.raw(`</figcaption><div class="chart-canvas" id="`)
		w.text(c.ID)
		w.raw(`" data-chart="`)
		w.text(c.ID)
		w.raw(`-opt" role="img" aria-label="`)
		w.text(c.Summary)
		w.raw(`"></div><script type="application/json" id="`)
		w.text(c.ID)
		w.raw(`-opt">`)
		w.raw(string(c.Option))
		w.raw(`</script><details class="chart-data"><summary>`)
		w.text(c.Title)
		w.raw(`：数据表</summary><div class="table-scroll" tabindex="0" role="region" aria-label="`)
		w.text(c.Title)
		w.raw(`"><table class="data-table"><caption>`)
		w.text(c.Title)
		w.raw(`</caption>`)
		v := c.Table.View()
		w.raw(`<thead><tr>`)
		for _, h := range v.Head {
			w.raw(`<th scope="col"`)
			if h.Num {
				w.raw(` class="num"`)
			}
			w.raw(`>`)
			w.text(h.Text)
			w.raw(`</th>`)
		}
		w.raw(`</tr></thead><tbody>`)
		for _, row := range v.Body {
			w.raw(`<tr>`)
			w.tableCells(row)
			w.raw(`</tr>`)
		}
		w.raw(`</tbody>`)
		if len(v.Foot) > 0 {
			w.raw(`<tfoot><tr>`)
			w.tableCells(v.Foot)
			w.raw(`</tr></tfoot>`)
		}
		w.raw(`</table></div></details></figure>`)
	}
	w.raw(`</div>`)
}

func (w *htmlWriter) tableCells(cells []figure.Cell) {
	for _, c := range cells {
		switch {
		case c.Head:
			w.raw(`<th scope="row">`)
			w.text(c.Text)
			w.raw(`</th>`)
		case c.Num:
			w.raw(`<td class="num">`)
			w.text(c.Text)
			w.raw(`</td>`)
		default:
			w.raw(`<td>`)
			w.text(c.Text)
			w.raw(`</td>`)
		}
	}
}

// history is the partial of that name, as a project page shows it.
func (w *htmlWriter) history(pd *pageData) {
	if len(pd.History) == 0 {
		return
	}
	w.raw(`<section class="history" aria-labelledby="history-h"><h2 id="history-h">本项目历年情况</h2><div class="table-scroll" tabindex="0" role="region" aria-label="历年对比"><table class="data-table"><caption>本项目各年度资金（与上年相比）</caption><thead><tr><th scope="col">年度</th><th scope="col" class="num">资金（万元）</th><th scope="col" class="num">比上年增减（万元）</th><th scope="col" class="num">增减幅度</th></tr></thead><tbody>`)
	for _, h := range pd.History {
		if h.Current {
			w.raw(`<tr class="current"><th scope="row">`)
			w.int(h.Year)
			w.raw(`年（本页）`)
		} else {
			w.raw(`<tr><th scope="row"><a href="`)
			w.url(pd.Root, true)
			w.url(h.URL, true)
			w.raw(`">`)
			w.int(h.Year)
			w.raw(`年</a>`)
		}
		w.raw(`</th><td class="num">`)
		w.text(h.Total.String())
		w.raw(`</td><td class="num">`)
		if h.HasPrev {
			w.text(site.Signed(h.Delta))
		} else {
			w.raw(`—`)
		}
		w.raw(`</td><td class="num">`)
		if h.HasPrev {
			w.text(h.Percent)
		} else {
			w.raw(`—`)
		}
		w.raw(`</td></tr>`)
	}
	w.raw(`</tbody></table></div></section>`)
}

// downloads is the pageDownloads partial: the page's own data files.
func (w *htmlWriter) downloads(pd *pageData) {
	if len(pd.Downloads) == 0 {
		return
	}
	w.raw(`<section class="downloads" aria-labelledby="downloads-h"><h2 id="downloads-h">本页数据下载</h2><ul class="link-list">`)
	for _, d := range pd.Downloads {
		w.raw(`<li><a href="`)
		w.url(pd.Root, true)
		w.url(d.Path, true)
		w.raw(`" download>`)
		w.text(d.Title)
		w.raw(`</a> <span class="meta">`)
		w.text(d.Format)
		w.raw(`，`)
		w.text(humanSize(d.Bytes))
		w.raw(`</span></li>`)
	}
	w.raw(`<li><a href="`)
	w.url(pd.Root, true)
	w.raw(`download.html">全部数据下载和数据字典</a></li></ul></section>`)
}

// appendProjectPage appends the whole project page to b: the bytes the
// embedded minified templates/layout.html produces around the main block
// (appendProjectMain), with the page's header and footer as chromeFor
// rendered them. The caller makes sure both are set: the layout executes
// the templates itself when one is empty, and so does execute then. The
// error is appendProjectMain's.
func appendProjectPage(b []byte, pd *pageData) ([]byte, error) {
	w := &htmlWriter{b: b}
	w.raw(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"><meta name="referrer" content="no-referrer"><title>`)
	w.text(pd.Title)
	if pd.Kind != "index" {
		w.raw(` - `)
		w.text(pd.Cfg.Title)
	}
	w.raw(`</title>`)
	if pd.Description != "" {
		w.raw("\n<meta name=\"description\" content=\"")
		w.text(pd.Description)
		w.raw(`">`)
	}
	for _, m := range pd.Meta {
		if m.Content != "" {
			w.raw("\n<meta name=\"")
			w.text(m.Name)
			w.raw(`" content="`)
			w.text(m.Content)
			w.raw(`">`)
		}
	}
	w.raw("\n<link rel=\"icon\" href=\"")
	w.url(pd.Root, true)
	w.raw(`assets/img/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="`)
	w.url(pd.Root, true)
	w.raw(`assets/css/site.css"><script src="`)
	w.url(pd.Root, true)
	w.raw(`assets/js/site.js"></script>`)
	if pd.EvalCSS {
		w.raw(`<link rel="stylesheet" href="`)
		w.url(pd.Root, true)
		w.raw(`assets/css/evaluation.css">`)
	}
	if len(pd.Charts) > 0 {
		w.raw("\n<script src=\"")
		w.url(pd.Root, true)
		w.raw(`assets/vendor/echarts.min.js" defer></script><script src="`)
		w.url(pd.Root, true)
		w.raw(`assets/js/charts.js" defer></script>`)
	}
	if lr := pd.Cfg.LiveReload; lr != "" {
		w.raw("\n<script src=\"")
		w.url(pd.Root, true)
		w.url(lr, true)
		w.raw(`" defer></script>`)
	}
	if pd.Kind == "search" {
		w.raw("\n<script src=\"")
		w.url(pd.Root, true)
		w.raw(`data/search-index.js" defer></script><script src="`)
		w.url(pd.Root, true)
		w.raw(`assets/js/search.js" defer></script>`)
	}
	w.raw(`</head><body class="kind-`)
	w.text(pd.Kind)
	w.raw(`">`)
	w.raw(string(pd.Chrome.Header))
	if len(pd.Crumbs) > 0 {
		w.raw(`<nav class="breadcrumb" aria-label="当前位置"><div class="wrap"><ol>`)
		for _, c := range pd.Crumbs {
			if c.URL != "" {
				w.raw(`<li><a href="`)
				w.url(pd.Root, true)
				w.url(c.URL, true)
				w.raw(`">`)
				w.text(c.Name)
				w.raw(`</a></li>`)
			} else {
				w.raw(`<li aria-current="page">`)
				w.text(c.Name)
				w.raw(`</li>`)
			}
		}
		w.raw(`</ol></div></nav>`)
	}
	w.raw(`<main id="main" class="wrap" tabindex="-1">`)
	b, err := appendProjectMain(w.b, pd)
	if err != nil {
		return b, err
	}
	w.b = b
	w.raw(`</main>`)
	w.raw(string(pd.Chrome.Footer))
	w.raw(`</body></html>`)
	return w.b, nil
}
