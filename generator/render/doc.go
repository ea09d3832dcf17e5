// Package render makes the HTML pages: it plans one Page per file, each
// declaring the site.Inputs it is made from, and renders it with
// html/template, so all data is escaped; Markdown bodies go through
// package markdown, which never passes raw HTML.
//
// Pages are: the home page (the newest year), a page per year, per
// 主管部门 and 实施单位 of a year, per project (the official form, printable
// on A4), the free pages, 数据下载, 站内搜索 and 404.html. Charts are
// ECharts options built with go-echarts and embedded as a JSON block
// through html/template, each with a data table as its text alternative;
// pages load no inline script, so a strict Content-Security-Policy holds.
//
// Templates and assets come in Layers: the defaults embedded in the
// binary at the bottom, a site's own templates/ and assets/ folders on
// top, overriding file by file. Every template is overridable: the
// layout, header, footer, partials and each page kind. Templates are
// minified once when loaded rather than every page after rendering.
//
// A project or agency page sees only its own data (a unit page sees its
// department by name and its share as shown), so the inputs it declares
// are exact even for a site's own templates.
package render
