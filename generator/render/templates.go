package render

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/markdown"
	"budgetsite/generator/opendata"
	"budgetsite/generator/render/figure"
	"budgetsite/generator/site"
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"budgetsite"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
)

// Layers is an ordered stack of file systems: a file in a later layer
// overrides the same path in an earlier one. The embedded defaults are the
// bottom layer and a site's own folder the top.
type Layers []fs.FS

// Defaults is the bottom layer; tests replace it to simulate a binary
// built without the ECharts bundle.
var Defaults fs.FS = budgetsite.Defaults

func SiteLayers(siteDir string) Layers {
	l := Layers{Defaults}
	if siteDir != "" {
		l = append(l, os.DirFS(siteDir))
	}
	return l
}

// Files lists every file under dir across all layers, with the layer that
// wins for each, sorted by path.
func (l Layers) Files(dir string) (paths []string, owner map[string]fs.FS) {
	owner = map[string]fs.FS{}
	for _, fsys := range l {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			owner[p] = fsys
			return nil
		})
	}
	for p := range owner {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths, owner
}

// Templates are the parsed templates, one set per page kind.
type Templates struct {
	kinds map[string]*template.Template
	// fast holds the kinds whose "main" block Go code writes: "project"
	// when its templates are the embedded ones (see fastproject.go).
	fast map[string]bool
	// page holds the kinds whose whole page Go code writes, layout
	// included: "project" when it is in fast and layout.html is the
	// embedded one too (appendProjectPage).
	page map[string]bool
	// tables is set when "projectTable" and "agencyTable" are written
	// by Go code in every kind (fastTablesSource): tables.html is the
	// embedded one and no site file redefines them.
	tables bool
}

// pageKinds are the page templates; each defines "main" and is executed
// through the shared "layout".
var pageKinds = []string{"index", "year", "department", "unit", "project", "page", "download", "search", "404"}

// LoadTemplates parses the layout and partials once, then clones them for
// each page kind, because every kind defines its own "main".
//
// With minified set, the template sources themselves are minified first
// (template actions are kept as they are), so executing them yields
// minified pages and no page needs a minifier pass of its own: the cost
// is paid once per template instead of once per page.
//
// Minified, and when no layer above the defaults overrides project.html
// or a template its "main" block calls (projectMainTemplates), the
// project pages' main block is written by appendProjectMain instead of
// the templates, to the same bytes. When besides no layer overrides
// layout.html or redefines "layout" (projectPageTemplates), the layout
// around it is written by appendProjectPage too; the header and footer
// stay templates, rendered once per variant, overridable as ever.
//
// Minified, and when no layer above the defaults overrides tables.html
// or redefines "projectTable" or "agencyTable" in any file, those two
// partials are redefined in every kind as calls of fastProjectTable and
// fastAgencyTable (fasttables.go), which write the same bytes; the pages
// that call them stay templates.
func LoadTemplates(l Layers, minified bool) (Templates, error) {
	return loadTemplates(l, minified, true)
}

// loadTemplates is LoadTemplates; allowFast false keeps every kind on
// its templates, as the tests of the fast path need.
func loadTemplates(l Layers, minified, allowFast bool) (Templates, error) {
	paths, owner := l.Files("templates")
	m := newTemplateMinifier()
	read := func(p string) (string, error) {
		b, err := fs.ReadFile(owner[p], p)
		if err != nil || !minified {
			return string(b), err
		}
		var out strings.Builder
		if err := m.Minify("text/html", &out, bytes.NewReader(b)); err != nil {
			return "", templateError(p, err)
		}
		return out.String(), nil
	}
	base := template.New("").Funcs(templateFuncs)
	kinds := map[string]string{}
	fast := allowFast && minified
	fastLayout := fast
	fastTables := fast
	for _, p := range paths {
		if path.Ext(p) != ".html" {
			continue
		}
		name := strings.TrimSuffix(path.Base(p), ".html")
		src, err := read(p)
		if err != nil {
			return Templates{}, err
		}
		if fastTables && l.overridden(p, owner) && defines(p, src, tableFiles, tableTemplates) {
			fastTables = false
		}
		if isPageKind(name) && path.Dir(p) == "templates" {
			kinds[name] = src
			if name == "project" && l.overridden(p, owner) {
				fast = false
			}
			continue
		}
		if _, err := base.New(strings.TrimPrefix(p, "templates/")).Parse(src); err != nil {
			return Templates{}, templateError(p, err)
		}
		if fast && l.overridden(p, owner) && defines(p, src, projectMainFiles, projectMainTemplates) {
			fast = false
		}
		if fastLayout && l.overridden(p, owner) && defines(p, src, projectPageFiles, projectPageTemplates) {
			fastLayout = false
		}
	}
	if fastTables {
		if _, err := base.New("fast-tables").Parse(fastTablesSource); err != nil {
			return Templates{}, err
		}
	}
	out := Templates{kinds: map[string]*template.Template{}, fast: map[string]bool{}, page: map[string]bool{}, tables: fastTables}
	for _, k := range pageKinds {
		src, ok := kinds[k]
		if !ok {
			return Templates{}, &budget.Error{File: "templates/" + k + ".html", Msg: "缺少页面模板", Hint: "请恢复该模板，或删除站点目录中同名的空文件"}
		}
		t, err := base.Clone()
		if err != nil {
			return Templates{}, err
		}
		if _, err := t.New(k + ".html").Parse(src); err != nil {
			return Templates{}, templateError("templates/"+k+".html", err)
		}
		if t.Lookup("layout") == nil {
			return Templates{}, &budget.Error{File: "templates/layout.html", Msg: "模板中没有定义 layout", Hint: `layout.html 应以 {{define "layout"}} 开头`}
		}
		if k == "project" && fast {
			if _, err := t.New("fast-main").Parse(fastMainSource); err != nil {
				return Templates{}, err
			}
			out.fast[k] = true
			out.page[k] = fastLayout
		}
		out.kinds[k] = t
	}
	return out, nil
}

// overridden reports whether the file that wins for p differs from the
// bottom layer's (the embedded defaults): a site's copy of a default
// template, such as the budgetsite source folder's own templates/, is
// not an override.
func (l Layers) overridden(p string, owner map[string]fs.FS) bool {
	if len(l) == 0 {
		return false
	}
	def, err := fs.ReadFile(l[0], p)
	if err != nil {
		return true
	}
	got, err := fs.ReadFile(owner[p], p)
	return err != nil || !bytes.Equal(got, def)
}

// defines reports whether a template file defines one of the templates
// a fast path writes (names): one of their own files, or a site's file
// that redefines one of them by name.
func defines(p, src string, files, names []string) bool {
	if slices.Contains(files, p) {
		return true
	}
	t, err := template.New(p).Funcs(templateFuncs).Parse(src)
	if err != nil {
		return true
	}
	for _, d := range t.Templates() {
		if slices.Contains(names, d.Name()) {
			return true
		}
	}
	return false
}

func isPageKind(name string) bool {
	for _, k := range pageKinds {
		if k == name {
			return true
		}
	}
	return false
}

func templateError(file string, err error) error {
	return &budget.Error{File: file, Msg: "模板有错误：" + err.Error(), Hint: "请改正模板语法；可与内置模板对照"}
}

var templateFuncs = template.FuncMap{
	"share":    figure.Share,
	"markdown": markdownHTML,
	"add":      func(a, b int) int { return a + b },
	"weightOK": weightOK,
	"opLabel":  operatorLabel,
	"printf":   fmt.Sprintf,
	"signed":   site.Signed,
	"size":     humanSize,
}

// markdownHTML renders a Markdown body. Marking it safe is sound because
// the renderer drops raw HTML and dangerous link schemes.
func markdownHTML(src string) (template.HTML, error) {
	h, err := markdown.RenderHTML(src)
	return template.HTML(h), err
}

// weightOK reports whether a weight total is one of the usual ones, 90
// (the 10 remaining points are the execution rate) or 100.
func weightOK(d decimal.Decimal) bool {
	return d.Cmp(decimal.MustDecimal("90")) == 0 || d.Cmp(decimal.MustDecimal("100")) == 0
}

// operatorLabel spells out an operator for screen readers and print.
func operatorLabel(op string) string {
	switch op {
	case budget.OpAtLeast:
		return "不低于"
	case budget.OpAtMost:
		return "不高于"
	case budget.OpEqual:
		return "等于"
	case budget.OpGreater:
		return "高于"
	case budget.OpLess:
		return "低于"
	case budget.OpQualitative:
		return "定性指标"
	}
	return op
}

type projectListArgs struct {
	Root     string
	Projects []*budget.Project
	Total    decimal.Decimal
	Caption  string
	ShowUnit bool
}

type agencyListArgs struct {
	Root     string
	Agencies []*site.Agency
	Total    decimal.Decimal
	Caption  string
	Count    int
}

func init() {
	templateFuncs["projectList"] = func(root string, ps []*budget.Project, total decimal.Decimal, caption string, showUnit bool) projectListArgs {
		return projectListArgs{root, ps, total, caption, showUnit}
	}
	templateFuncs["agencyList"] = func(root string, as []*site.Agency, total decimal.Decimal, caption string) agencyListArgs {
		n := 0
		for _, a := range as {
			n += len(a.Projects)
		}
		return agencyListArgs{root, as, total, caption, n}
	}
	templateFuncs["indicatorCount"] = figure.CountIndicators
}

// humanSize formats a byte count the way download lists show it.
func humanSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

type downloadLevel struct{ Key, Title string }

func init() {
	templateFuncs["downloadLevels"] = func() []downloadLevel {
		return []downloadLevel{
			{opendata.LevelSite, "全部数据"}, {opendata.LevelYear, "按年度"}, {opendata.LevelDepartment, "按主管部门"},
			{opendata.LevelUnit, "按实施单位"}, {opendata.LevelProject, "按项目"},
		}
	}
	templateFuncs["downloadsAt"] = func(ds []opendata.Download, level string) []opendata.Download {
		var out []opendata.Download
		for _, d := range ds {
			if d.Level == level {
				out = append(out, d)
			}
		}
		return out
	}
}

// newTemplateMinifier minifies template sources: Go template actions are
// opaque to it, so {{if}} inside a tag or an attribute survives intact.
func newTemplateMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, TemplateDelims: [2]string{"{{", "}}"}})
	m.AddFunc("text/css", css.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	return m
}
