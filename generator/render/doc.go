// Package render makes the HTML pages: it plans one Page per file, each
// declaring the site.Inputs it is made from, and renders it with
// html/template, so all data is escaped; Markdown bodies go through
// package markdown, which never passes raw HTML.
//
// Pages are: the home page (the newest year), a page per year, per
// 主管部门 and 实施单位 of a year, per project (the official form, printable
// on A4), the free pages, 数据下载, 站内搜索 and 404.html. Charts come
// from package figure and are embedded as a JSON block through
// html/template, each with its data table as the text alternative; pages
// load no inline script, so a strict Content-Security-Policy holds.
//
// Templates and assets come in Layers: the defaults embedded in the
// binary at the bottom, a site's own templates/ and assets/ folders on
// top, overriding file by file. Every template is overridable: the
// layout, header, footer, partials and each page kind. Templates are
// minified once when loaded rather than every page after rendering.
//
// The project pages have a fast path (fastproject.go): Go code writes
// exactly the bytes html/template writes from the embedded, minified
// templates, with html/template's escapers for each context. Its main
// block (the form, the indicator table, the 自评, charts, history,
// downloads and links) stands in for project.html and the partials it
// calls (evaluation.html's resultCells, mark and projectEvaluation;
// chart.html; history.html; downloads.html); LoadTemplates takes it only
// when templates are minified (the default build) and no site file
// overrides those files or redefines one of their templates by name (a
// copy with the embedded bytes, as the budgetsite source folder has, is
// no override); otherwise, as with --no-minify or minify_pages, the
// project page is rendered by its templates like every other page. When
// layout.html is not overridden either (nor "layout" redefined by name),
// the layout around the main block is written in Go too
// (appendProjectPage), with the header and footer that chromeFor renders
// from their templates once per variant, so a site's own header or footer
// keeps the fast page; with a site's layout, the project's "main" becomes
// {{.Main}}, written in Go, inside the site's layout template. Whoever
// changes the embedded layout.html, project.html or those partials
// changes fastproject.go with them: TestFastProjectMain*,
// TestFastProjectPage* and FuzzFastProjectMain compare both paths byte
// for byte and fail otherwise.
//
// The summary pages (home, year, 主管部门, 实施单位) have a narrower fast
// path (fasttables.go): their pages stay templates, but the partials
// "projectTable" and "agencyTable" of tables.html, a row per project or
// agency, are redefined in every page kind as calls of fastProjectTable
// and fastAgencyTable, which write from the same argument (projectList's
// or agencyList's value) the bytes the embedded, minified partials
// write. LoadTemplates takes it when templates are minified and no site
// file overrides tables.html or redefines either template by name (a
// page of a site's own, such as its department.html, keeps it); whoever
// changes tables.html changes fasttables.go with it: TestFastTables* and
// FuzzFastTables compare both ways and fail otherwise.
//
// Pages are rendered into buffers from a pool: Page.Release gives one
// back once the caller has written the page (the build's runJobs does,
// after output.Writer.PutKeyed), so a build of 100,000 pages does not
// allocate and collect a buffer for each.
//
// The 绩效自评 (evaluation.go): a project page with an evaluation shows,
// beside each target indicator, its 实际完成值, 得分 of its maximum, 偏差原因
// and a mark (达成, 未达成, 无法判断, or 未自评 without a result) that
// comes from (*budget.Project).Pairs and budget.Assess, never computed
// here; each mark has its own text, glyph and shape, so colour is never
// the only cue. Below the form come 预算执行情况, 总分, 评价等次 and the
// texts of the 自评, and the results that match no target apart. Agency,
// year and home pages show site.Evaluate's statistics with a chart and
// data table each, and the years side by side. A project, agency or
// site without any evaluation renders byte for byte as it did before:
// the 自评 stylesheet (assets/css/evaluation.css) is published only when
// some project has an evaluation and linked only by pages that show one.
//
// A project's form lists its funds breakdown (FundsBreakdown) in the
// 资金总额 row, “其中：财政拨款 200 万元；其他资金 10 万元”, and its
// 总体目标 (OverallGoal) in a row of its own. Indicators of the 中期 goal
// (Indicator.Period) are a row group of their own, 中期绩效指标, before
// the year's, 年度绩效指标, as the forms print the two side by side; the
// 一级 and 二级 cells do not merge across the groups. A project without
// these fields renders as it did before they existed.
//
// A project or agency page sees only its own data (a unit page sees its
// department by name and its share as shown), so the inputs it declares
// are exact even for a site's own templates.
package render
