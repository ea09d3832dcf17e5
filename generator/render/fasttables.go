package render

import (
	"budgetsite/generator/render/figure"
	"html/template"
)

// The project and agency tables of the summary pages, written in Go.
//
// Why by hand: the department, unit, year and home pages list their
// projects through the partial "projectTable" (and their departments and
// units through "agencyTable"), some ten escaped actions and a call of
// share per row. A department lists some 300 projects, a year all of
// them; in a cold build of 100,000 projects these tables took 13 s of
// 161 CPU seconds, and a one-edit rebuild at 10,000 re-renders several
// of them. BenchmarkProjectTable (a department's table of 300 projects
// with the unit column; the shared 2-core machine, go1.26): the template
// 7.2–10.5 ms, 41,178 allocations, 883 KB per table; fastProjectTable
// 0.32–0.41 ms, 1,805 allocations (the amounts' and shares' strings),
// 202 KB.
//
// Only the tables' loops run in Go: department.html, unit.html, year.html
// and index.html stay templates, overridable as before. LoadTemplates
// redefines "projectTable" and "agencyTable" (fastTablesSource) as calls
// of the template functions fastProjectTable and fastAgencyTable, which
// take the very value the partial took (projectList's projectListArgs,
// agencyList's agencyListArgs) and return the bytes html/template
// produces from the embedded, minified templates/partials/tables.html.
// It does so only when templates are minified and no site file overrides
// tables.html or redefines one of those two templates by name (a copy
// with the embedded bytes is no override); otherwise the tables execute
// as templates. TestFastTables*, FuzzFastTables compare both ways byte
// for byte, so a change to tables.html fails them until this file
// follows.
//
// The escapers, as html/template applies them to tables.html (checked
// by executing it and printing its escaped tree): element text
// (htmlEscaper) for the cells and the caption, a quoted attribute
// (attrEscaper) for aria-label, both htmlWriter.text; in the links, the
// root and the year start the URL (urlFilter, urlNormalizer,
// attrEscaper: htmlWriter.url with first set; a year is an int, whose
// digits and sign pass all three unchanged, so htmlWriter.int) and the
// kind and codes follow a slash (urlNormalizer, attrEscaper: first
// unset).

// tableTemplates are the templates the fast tables stand in for.
var tableTemplates = []string{"projectTable", "agencyTable"}

// tableFiles are the embedded files that define them.
var tableFiles = []string{"templates/partials/tables.html"}

// fastTablesSource redefines the tables, in every page kind's set, as
// calls of the functions that write them.
const fastTablesSource = `{{define "projectTable"}}{{fastProjectTable .}}{{end}}{{define "agencyTable"}}{{fastAgencyTable .}}{{end}}`

func init() {
	templateFuncs["fastProjectTable"] = fastProjectTable
	templateFuncs["fastAgencyTable"] = fastAgencyTable
}

// fastProjectTable is the "projectTable" partial.
func fastProjectTable(a projectListArgs) template.HTML {
	w := &htmlWriter{b: make([]byte, 0, 1024+320*len(a.Projects))}
	w.appendProjectTable(a)
	return template.HTML(w.b)
}

// fastAgencyTable is the "agencyTable" partial.
func fastAgencyTable(a agencyListArgs) template.HTML {
	w := &htmlWriter{b: make([]byte, 0, 1024+256*len(a.Agencies))}
	w.appendAgencyTable(a)
	return template.HTML(w.b)
}

// tableStart is the scrolling region and caption both tables open with.
func (w *htmlWriter) tableStart(caption string) {
	w.raw(`<div class="table-scroll" tabindex="0" role="region" aria-label="`)
	w.text(caption)
	w.raw(`"><table class="data-table"><caption>`)
	w.text(caption)
	w.raw(`</caption>`)
}

// tableLink is <a href="{{$.Root}}{{.Year}}/DIR/{{.Code}}.html">{{.Name}}</a>,
// DIR being "project" or "unit" in the project table, where the template
// writes it as text, and the agency's {{.Kind}} in the agency table: the
// URL normalizer leaves lower-case letters as they are, so one writer
// serves both.
func (w *htmlWriter) tableLink(root string, year int, dir, code, name string) {
	w.raw(`<a href="`)
	w.url(root, true)
	w.int(year)
	w.raw(`/`)
	w.url(dir, false)
	w.raw(`/`)
	w.url(code, false)
	w.raw(`.html">`)
	w.text(name)
	w.raw(`</a>`)
}

func (w *htmlWriter) appendProjectTable(a projectListArgs) {
	w.tableStart(a.Caption)
	w.raw(`<thead><tr><th scope="col">项目编码</th><th scope="col">项目名称</th>`)
	if a.ShowUnit {
		w.raw(`<th scope="col">实施单位</th>`)
	}
	w.raw(`<th scope="col" class="num">资金总额（万元）</th><th scope="col" class="num">占比</th><th scope="col" class="num">指标数</th></tr></thead><tbody>`)
	for _, p := range a.Projects {
		w.raw(`<tr><td>`)
		w.text(p.Code)
		w.raw(`</td><th scope="row">`)
		w.tableLink(a.Root, p.Year, "project", p.Code, p.Name)
		w.raw(`</th>`)
		if a.ShowUnit {
			w.raw(`<td>`)
			w.tableLink(a.Root, p.Year, "unit", p.Unit.Code, p.Unit.Name)
			w.raw(`</td>`)
		}
		w.raw(`<td class="num">`)
		w.text(p.Funds.String())
		w.raw(`</td><td class="num">`)
		w.text(figure.Share(p.Funds, a.Total))
		w.raw(`</td><td class="num">`)
		w.int(len(p.Indicators))
		w.raw(`</td></tr>`)
	}
	w.raw(`</tbody><tfoot><tr><th scope="row" colspan="`)
	if a.ShowUnit {
		w.raw(`3`)
	} else {
		w.raw(`2`)
	}
	w.raw(`">合计（`)
	w.int(len(a.Projects))
	w.raw(` 个项目）</th><td class="num">`)
	w.text(a.Total.String())
	w.raw(`</td><td class="num">100.00%</td><td class="num"></td></tr></tfoot></table></div>`)
}

func (w *htmlWriter) appendAgencyTable(a agencyListArgs) {
	w.tableStart(a.Caption)
	w.raw(`<thead><tr><th scope="col">编码</th><th scope="col">名称</th><th scope="col" class="num">项目数</th><th scope="col" class="num">资金总额（万元）</th><th scope="col" class="num">占比</th></tr></thead><tbody>`)
	for _, g := range a.Agencies {
		w.raw(`<tr><td>`)
		w.text(g.Code)
		w.raw(`</td><th scope="row">`)
		w.tableLink(a.Root, g.Year, g.Kind, g.Code, g.Name)
		w.raw(`</th><td class="num">`)
		w.int(len(g.Projects))
		w.raw(`</td><td class="num">`)
		w.text(g.Total.String())
		w.raw(`</td><td class="num">`)
		w.text(figure.Share(g.Total, a.Total))
		w.raw(`</td></tr>`)
	}
	w.raw(`</tbody><tfoot><tr><th scope="row" colspan="2">合计</th><td class="num">`)
	w.int(a.Count)
	w.raw(`</td><td class="num">`)
	w.text(a.Total.String())
	w.raw(`</td><td class="num">100.00%</td></tr></tfoot></table></div>`)
}
