package render

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/opendata"
	"budgetsite/generator/render/figure"
	"budgetsite/generator/site"
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"
	"sync"
)

// pageData is what every template receives. Kind-specific fields are set
// only for their kind.
type pageData struct {
	// Site is the whole model, for the pages that summarise it (home,
	// year, search, downloads, free pages, 404). Project and agency
	// pages do not get it: their cache keys cover only what they are
	// given, so a template there cannot reach data outside its key.
	Site  *site.Site
	Cfg   *site.Settings
	Kind  string
	Path  string // output path relative to the site root
	Root  string // prefix from this page back to the site root ("../../")
	Title string
	// Heading is the h1; Title is the <title> prefix.
	Heading     string
	Description string
	Crumbs      []crumb
	Meta        []metaTag
	Nav         []navItem
	PubDate     string
	Charts      []figure.Chart

	// History is the same year, agency or project across years, oldest
	// first, when there is more than one year.
	History []site.YearChange

	// Chrome holds the header and footer, rendered once per variant.
	Chrome chrome

	Year   *site.Year
	Agency *site.Agency
	// Share is an agency page's share of its year's funds (department)
	// or its department's (unit), as shown.
	Share   string
	Project *projectView
	Page    *budget.Page
	// Downloads lists the open-data files for this page: all of them on
	// the 数据下载 page, the page's own slice elsewhere.
	Downloads  []opendata.Download
	Dictionary []opendata.DictEntry
	// Filter choices on the search page: every agency of any year, by code.
	SearchDepts []budget.Coded
	SearchUnits []budget.Coded
	Latest      *site.Year // newest year, for the home page
	// Eval is the 绩效自评 statistics of an agency, year or home page;
	// nil when none of its projects has an evaluation.
	Eval *evalSection
	// EvalCSS links the 自评 stylesheet: set on pages that show a 自评.
	EvalCSS bool
	// Main is the page's main block written by Go (appendProjectMain),
	// which "main" includes when the templates of a kind are the
	// embedded ones (LoadTemplates); empty otherwise.
	Main template.HTML
}

type crumb struct {
	Name string
	URL  string // root-relative; empty for the current page
}

type metaTag struct{ Name, Content string }

type navItem struct {
	Name string
	URL  string
	// Current is the aria-current value: "page" on the item's own page,
	// "true" inside its section, empty elsewhere.
	Current string
}

// rootPrefix returns the relative path from a page back to the root.
func rootPrefix(p string) string {
	return strings.Repeat("../", strings.Count(p, "/"))
}

// Renderer plans and renders the pages of a site with a set of templates.
// downloads lists the open-data files, for the pages that link them.
type Renderer struct {
	site *site.Site
	tmpl Templates

	downloads []opendata.Download
	dlOnce    sync.Once
	dlIndex   map[string][]opendata.Download
	chromes   sync.Map // variant key → chrome
	// yearCharts caches each year's charts, which the home page and the
	// year page both show: a province's year has tens of thousands of
	// indicators to add up.
	yearChartCache sync.Map // year → *yearChartsOnce
}

// New returns a Renderer of the site's pages.
func New(s *site.Site, tmpl Templates, downloads []opendata.Download) *Renderer {
	return &Renderer{site: s, tmpl: tmpl, downloads: downloads}
}

type yearChartsOnce struct {
	once   sync.Once
	charts []figure.Chart
}

func (r *Renderer) newPage(kind, p, title string) *pageData {
	pd := &pageData{Site: r.site, Cfg: &r.site.Settings, Kind: kind, Path: p, Root: rootPrefix(p), Title: title, Heading: title}
	pd.PubDate = r.site.Settings.PubDate
	pd.Meta = []metaTag{
		{"SiteName", r.site.Settings.Title},
		{"SiteDomain", r.site.Settings.SiteDomain},
		{"SiteIDCode", r.site.Settings.Footer.SiteCode},
	}
	pd.Nav = r.nav(p)
	return pd
}

func (r *Renderer) nav(current string) []navItem {
	items := []navItem{{Name: "首页", URL: "index.html"}}
	for _, y := range r.site.Years {
		items = append(items, navItem{Name: fmt.Sprintf("%d年", y.Year), URL: site.YearURL(y.Year)})
	}
	items = append(items, navItem{Name: "数据下载", URL: "download.html"})
	for _, pg := range r.site.Pages {
		if pg.Nav != "" {
			items = append(items, navItem{Name: pg.Nav, URL: site.PageURL(pg)})
		}
	}
	for i := range items {
		switch u := items[i].URL; {
		case u == current:
			items[i].Current = "page"
		case u != "index.html" && strings.HasSuffix(u, "/index.html") && strings.HasPrefix(current, strings.TrimSuffix(u, "index.html")):
			items[i].Current = "true"
		}
	}
	return items
}

func (r *Renderer) column(pd *pageData, name, typ, desc string) {
	pd.Meta = append(pd.Meta,
		metaTag{"ColumnName", name},
		metaTag{"ColumnDescription", desc},
		metaTag{"ColumnKeywords", r.site.Settings.Keywords},
		metaTag{"ColumnType", typ},
	)
}

// chrome is a page's header and footer, already rendered.
type chrome struct {
	Header, Footer template.HTML
}

// chromeFor renders the header and footer of a page once per variant:
// they depend only on the page's depth, its place in the navigation and
// the configuration, and take a good part of a page's rendering time.
func (r *Renderer) chromeFor(pd *pageData) (chrome, error) {
	var key strings.Builder
	key.WriteString(pd.Root)
	key.WriteByte('|')
	key.WriteString(fmt.Sprint(pd.Kind == "search", pd.PubDate))
	for _, n := range pd.Nav {
		key.WriteString("|" + n.Current)
	}
	k := key.String()
	if c, ok := r.chromes.Load(k); ok {
		return c.(chrome), nil
	}
	t := r.tmpl.kinds[pd.Kind]
	var h, f bytes.Buffer
	if t.Lookup("header") != nil {
		if err := t.ExecuteTemplate(&h, "header", pd); err != nil {
			return chrome{}, err
		}
	}
	if t.Lookup("footer") != nil {
		if err := t.ExecuteTemplate(&f, "footer", pd); err != nil {
			return chrome{}, err
		}
	}
	c := chrome{Header: template.HTML(h.String()), Footer: template.HTML(f.String())}
	r.chromes.Store(k, c)
	return c, nil
}

// execute renders one page into a buffer of pageBufs, which the caller
// gives back with releasePage (Page.Release) once it has written it. It
// is called from several goroutines at once; templates and the site
// model are read-only by then.
func (r *Renderer) execute(pd *pageData) ([]byte, error) {
	pd.EvalCSS = pd.Eval != nil || pd.Project != nil && pd.Project.Eval != nil
	c, err := r.chromeFor(pd)
	if err != nil {
		return nil, &budget.Error{File: "templates/layout.html", Msg: "生成页面 " + pd.Path + " 的页头或页脚时模板出错：" + err.Error(), Hint: "请检查模板中引用的字段名"}
	}
	pd.Chrome = c
	buf := getPageBuf()
	// The whole page in Go; but a header or footer that renders empty
	// the layout executes again itself, so such a page takes it.
	if r.tmpl.page[pd.Kind] && c.Header != "" && c.Footer != "" {
		b, err := appendProjectPage(buf, pd)
		if err != nil {
			releasePage(b)
			return nil, markdownError(pd, err)
		}
		return b, nil
	}
	if r.tmpl.fast[pd.Kind] {
		main, err := appendProjectMain(buf, pd)
		if err != nil {
			releasePage(main)
			return nil, markdownError(pd, err)
		}
		pd.Main = template.HTML(main)
		buf = main[:0]
	}
	b := bytes.NewBuffer(buf)
	if err := r.tmpl.kinds[pd.Kind].ExecuteTemplate(b, "layout", pd); err != nil {
		releasePage(b.Bytes())
		return nil, &budget.Error{File: "templates/" + pd.Kind + ".html", Msg: "生成页面 " + pd.Path + " 时模板出错：" + err.Error(), Hint: "请检查模板中引用的字段名"}
	}
	return b.Bytes(), nil
}

// markdownError is the error of a main block written in Go: the
// Markdown renderer's.
func markdownError(pd *pageData, err error) error {
	return &budget.Error{File: "templates/" + pd.Kind + ".html", Msg: "生成页面 " + pd.Path + " 时出错：" + err.Error(), Hint: "请检查项目概况的 Markdown 文字"}
}

// pageBufs recycles the buffers pages are rendered into: a province's
// build renders 100,000 pages of some 30 KB, and a fresh buffer for each
// was a good part of its allocations and so of its collector's work.
var pageBufs = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// maxPooledPage is the largest buffer kept for reuse: the few pages that
// list a whole province (the year, download and search pages) would
// otherwise pin megabytes in the pool for the rest of the build.
const maxPooledPage = 1 << 20

func getPageBuf() []byte {
	p := pageBufs.Get().(*[]byte)
	return (*p)[:0]
}

// releasePage gives a page's buffer back for reuse; b must not be used
// afterwards.
func releasePage(b []byte) {
	if cap(b) == 0 || cap(b) > maxPooledPage {
		return
	}
	b = b[:0]
	pageBufs.Put(&b)
}

// Page is one page as planned: its path, what it is made from, and how to
// render it. Nothing is rendered until Render is called.
type Page struct {
	Path   string
	Inputs site.Inputs
	Render func() ([]byte, error)
	// Release, when set, takes back the bytes Render returned for
	// reuse by a later page; the caller calls it once it has written
	// them (output.Writer.PutKeyed keeps no reference) and must not use
	// them afterwards. A caller that keeps the bytes does not call it.
	Release func([]byte)
}

// Pages plans every page; nothing is rendered yet. Pages
// that summarise many projects come first so that the long jobs start
// early and the workers finish together.
func (r *Renderer) Pages() []Page {
	s := r.site
	var jobs []Page
	all := site.Inputs{What: "all", Projects: s.Projects}
	in := all
	page := func(p string, f func() *pageData) {
		jobs = append(jobs, Page{Path: p, Inputs: in, Render: func() ([]byte, error) { return r.execute(f()) }, Release: releasePage})
	}
	page("index.html", func() *pageData {
		home := r.newPage("index", "index.html", s.Settings.Title)
		home.Description = s.Settings.Description
		r.column(home, "首页", "首页", s.Settings.Description)
		if len(s.Years) == 0 {
			return home // a new site: nothing imported yet (Latest is nil)
		}
		latest := s.Years[0]
		home.Latest = latest
		home.Year = latest
		home.Charts = r.yearCharts(latest)
		r.addYearHistory(home, latest)
		home.Eval = r.yearEval(latest)
		return home
	})
	for _, y := range s.Years {
		y := y
		page(site.YearURL(y.Year), func() *pageData { return r.yearPage(y) })
	}
	for _, y := range s.Years {
		for _, a := range append(append([]*site.Agency(nil), y.Departments...), y.Units...) {
			y, a := y, a
			// An agency page shows its projects, and its totals in every
			// year, so it depends on the agency's projects in all years.
			// Its share compares it with its year (a department) or its
			// department (a unit). The page sees only the share as shown,
			// and a unit's department only by name (agencyPage), so an
			// edit elsewhere re-renders it only when its share reads
			// differently.
			var ps []*budget.Project
			for _, h := range s.AgencyHistory(a) {
				ps = append(ps, h.Projects...)
			}
			what := site.AgencyURL(a) + "\x00" + agencyShare(y, a)
			if d := a.Department; d != nil {
				what += "\x00" + d.Code + "\x00" + d.Name
			}
			in = site.Inputs{What: what, Projects: ps}
			page(site.AgencyURL(a), func() *pageData { return r.agencyPage(y, a) })
		}
	}
	in = all
	for _, pg := range s.Pages {
		pg := pg
		page(site.PageURL(pg), func() *pageData {
			pd := r.newPage("page", site.PageURL(pg), pg.Title)
			pd.Page = pg
			pd.Description = pg.Description
			pd.Crumbs = []crumb{{"首页", "index.html"}, {pg.Title, ""}}
			r.column(pd, pg.Title, "说明", pg.Description)
			return pd
		})
	}
	page(DownloadPagePath, r.downloadPage)
	page("search.html", func() *pageData {
		sp := r.newPage("search", "search.html", "站内搜索")
		sp.Description = "搜索各年度项目支出绩效目标：项目名称、编码、主管部门、实施单位、绩效指标、项目概况。"
		sp.Crumbs = []crumb{{"首页", "index.html"}, {"站内搜索", ""}}
		sp.SearchDepts, sp.SearchUnits = agencyChoices(s)
		r.column(sp, "站内搜索", "搜索", sp.Description)
		return sp
	})
	page("404.html", func() *pageData {
		nf := r.newPage("404", "404.html", "页面不存在")
		// A 404 page is served at whatever depth the missing URL had, so
		// its links must be absolute to the portal path when one is set.
		if bp := s.Settings.BasePath; bp != "" {
			nf.Root = strings.TrimSuffix(bp, "/") + "/"
		}
		nf.Nav = r.nav("404.html")
		return nf
	})
	for _, p := range s.Projects {
		p := p
		chain := s.ProjectHistory(p)
		if chain == nil {
			chain = []*budget.Project{p}
		}
		// The page shows the project, its agencies' names (part of its
		// content) and its funds in other years. The names of its
		// agencies come from the first of their projects, which may be
		// another project.
		y := s.Year(p.Year)
		in = site.Inputs{What: site.ProjectURL(p) + "\x00" + y.Department(p.Department.Code).Name + "\x00" + y.Unit(p.Unit.Code).Name, Projects: chain}
		page(site.ProjectURL(p), func() *pageData { return r.projectPage(p) })
	}
	return jobs
}

func (r *Renderer) yearPage(y *site.Year) *pageData {
	yp := site.YearURL(y.Year)
	pd := r.newPage("year", yp, fmt.Sprintf("%d年项目支出绩效目标", y.Year))
	pd.Year = y
	pd.Description = fmt.Sprintf("%d年度各部门项目支出绩效目标表，共 %d 个项目，资金合计 %s 万元。", y.Year, len(y.Projects), y.Total)
	pd.Crumbs = []crumb{{"首页", "index.html"}, {fmt.Sprintf("%d年", y.Year), ""}}
	pd.Charts = r.yearCharts(y)
	r.addYearHistory(pd, y)
	pd.Eval = r.yearEval(y)
	pd.Downloads = r.downloadsFor(opendata.LevelYear, y.Year, fmt.Sprintf("data/%d/", y.Year))
	if len(r.site.Years) == 1 { // no year-level copies (opendata.YearCounterparts)
		pd.Downloads = nil
		for _, d := range r.downloadsFor(opendata.LevelSite, 0, "") {
			if slices.Contains(opendata.YearCounterparts, d.Path) {
				pd.Downloads = append(pd.Downloads, d)
			}
		}
	}
	r.column(pd, fmt.Sprintf("%d年绩效目标", y.Year), "栏目", pd.Description)
	return pd
}

// yearEval is the 绩效自评 statistics of a year, by unit, with the
// site's years side by side.
func (r *Renderer) yearEval(y *site.Year) *evalSection {
	return newEvalSection(figure.ID("y", fmt.Sprint(y.Year)), fmt.Sprintf("%d年", y.Year), y.Projects,
		unitParts(y.Units), "实施单位", true, siteEvalHistory(r.site, y.Year))
}

func (r *Renderer) addYearHistory(pd *pageData, y *site.Year) {
	if len(r.site.Years) < 2 {
		return
	}
	pd.History = site.YearChanges(r.site, y.Year)
	pd.Charts = append(pd.Charts, figure.FundsHistory(figure.ID("y", fmt.Sprint(y.Year), "history"), "历年资金总额", pd.History))
}

func (r *Renderer) yearCharts(y *site.Year) []figure.Chart {
	v, _ := r.yearChartCache.LoadOrStore(y.Year, &yearChartsOnce{})
	c := v.(*yearChartsOnce)
	c.once.Do(func() { c.charts = computeYearCharts(y) })
	// A copy, because pages append their own charts.
	return append([]figure.Chart(nil), c.charts...)
}

func computeYearCharts(y *site.Year) []figure.Chart {
	var depts, units []figure.Item
	for _, d := range y.Departments {
		depts = append(depts, figure.Item{Name: d.Name, Value: d.Total})
	}
	for _, u := range y.Units {
		units = append(units, figure.Item{Name: u.Name, Value: u.Total})
	}
	yr := fmt.Sprint(y.Year)
	charts := []figure.Chart{
		figure.FundsPie(figure.ID("y", yr, "dept"), fmt.Sprintf("%d年各主管部门资金分布", y.Year), depts, y.Total, "主管部门"),
		figure.FundsPie(figure.ID("y", yr, "unit"), fmt.Sprintf("%d年各实施单位资金分布", y.Year), units, y.Total, "实施单位"),
	}
	if anyWeights(y.Projects) {
		charts = append(charts, figure.WeightSunburst(figure.ID("y", yr, "weight"), fmt.Sprintf("%d年绩效指标权重分布（按一级、二级指标汇总）", y.Year), y.Projects))
	}
	return charts
}

// anyWeights reports whether any of the projects prints weights; a chart
// of weights over tables without them would be empty.
func anyWeights(ps []*budget.Project) bool {
	for _, p := range ps {
		if p.HasWeights() {
			return true
		}
	}
	return false
}

func (r *Renderer) agencyPage(y *site.Year, a *site.Agency) *pageData {
	kindName := map[string]string{"department": "主管部门", "unit": "实施单位"}[a.Kind]
	pd := r.newPage(a.Kind, site.AgencyURL(a), a.Name)
	// An agency page sees its year and a unit's department only by name
	// and its share of their funds as shown, as its cache key assumes
	// (pageJobs).
	pd.Year, pd.Agency, pd.Share = &site.Year{Year: y.Year}, a, agencyShare(y, a)
	pd.Site = nil
	if d := a.Department; d != nil {
		view := *a
		view.Department = agencyName(d)
		pd.Agency = &view
	}
	pd.Title = fmt.Sprintf("%s %d年项目支出绩效目标", a.Name, y.Year)
	pd.Description = fmt.Sprintf("%s（%s %s）%d年共 %d 个项目，资金合计 %s 万元。", a.Name, kindName, a.Code, y.Year, len(a.Projects), a.Total)
	pd.Crumbs = []crumb{{"首页", "index.html"}, {fmt.Sprintf("%d年", y.Year), site.YearURL(y.Year)}}
	if a.Department != nil {
		pd.Crumbs = append(pd.Crumbs, crumb{a.Department.Name, site.AgencyURL(a.Department)})
	}
	pd.Crumbs = append(pd.Crumbs, crumb{a.Name, ""})
	r.column(pd, a.Name, kindName, pd.Description)
	pd.Downloads = r.downloadsFor(a.Kind, a.Year, opendata.AgencyDataPath(a, ""))

	var items []figure.Item
	for _, p := range a.Projects {
		items = append(items, figure.Item{Name: p.Name, Value: p.Funds})
	}
	id := figure.ID(a.Kind[:1], a.Code)
	if a.Kind == "department" {
		var units []figure.Item
		for _, u := range a.Units {
			units = append(units, figure.Item{Name: u.Name, Value: u.Total})
		}
		pd.Charts = append(pd.Charts, figure.FundsPie(id+"_units", "各实施单位资金分布", units, a.Total, "实施单位"))
	}
	pd.Charts = append(pd.Charts, figure.FundsBar(id+"_projects", "各项目资金分布", items, a.Total, "项目"))
	if anyWeights(a.Projects) {
		pd.Charts = append(pd.Charts, figure.WeightSunburst(id+"_weight", "绩效指标权重分布（各项目合计）", a.Projects))
	}
	hist := r.site.AgencyHistory(a)
	if len(hist) > 1 {
		pd.History = site.AgencyChanges(hist, a.Year)
		pd.Charts = append(pd.Charts, figure.FundsHistory(id+"_history", "历年资金总额", pd.History))
	}
	if a.Kind == "department" {
		pd.Eval = newEvalSection(id, "", a.Projects, unitParts(a.Units), "实施单位", true, agencyEvalHistory(hist, a.Year))
	} else {
		pd.Eval = newEvalSection(id, "", a.Projects, projectParts(a.Projects), "项目", false, agencyEvalHistory(hist, a.Year))
	}
	return pd
}

// projectView is a project prepared for the form layout. Its fields are
// copied rather than embedded: text/template looks a field up by name on
// every use, and a name missing from the outer struct sends reflect on a
// search through the embedded ones, a good part of a page's rendering.
type projectView struct {
	Code, Name string
	Year       int
	Funds      decimal.Decimal
	Attribute  string
	Start, End string
	Overview   string
	// OverallGoal is 总体目标, shown as a row of its own when set.
	OverallGoal string
	AnnualGoal  string
	PubDate     string
	Indicators  []budget.Indicator
	Department  *site.Agency
	Unit        *site.Agency
	// FundsBreakdown is the funds by source, listed in the 资金总额 row
	// when the form printed them.
	FundsBreakdown []budget.Fund
	Rows           []indicatorRow
	// Groups are the rows by period: one untitled group for a table
	// whose indicators are all the year's; else 中期绩效指标 and
	// 年度绩效指标, each a row group of its own, as the form prints the
	// 中期 goal's indicators beside the year's.
	Groups []indicatorGroup
	// Columns is how many columns the indicator table has.
	Columns int
	Total   decimal.Decimal
	// Weighted is false for a table that prints no weights: the page
	// then shows no 权重 column and no total.
	Weighted bool
	// Directions, Standards and Remarks report that at least one
	// indicator has a 指标方向, 绩效标准 or 备注: only then does the table
	// show that column.
	Directions, Standards, Remarks bool
	// TotalSpan is how many columns the 权重合计 label spans: those
	// before the 权重 column.
	TotalSpan int
	// Eval is the 绩效自评, nil for a project without one: the page is
	// then exactly the target table.
	Eval *evalView
}

func newProjectView(p *budget.Project, dept, unit *site.Agency) *projectView {
	v := &projectView{
		Code: p.Code, Name: p.Name, Year: p.Year, Funds: p.Funds, Attribute: p.Attribute,
		Start: p.Start, End: p.End, Overview: p.Overview, AnnualGoal: p.AnnualGoal, PubDate: p.PubDate,
		Indicators: p.Indicators, Department: dept, Unit: unit,
		Rows: buildRows(p.Indicators), Total: p.WeightTotal(), Weighted: p.HasWeights(),
	}
	v.OverallGoal = p.OverallGoal
	v.FundsBreakdown = p.FundsBreakdown
	v.Eval = addEvaluation(p, v.Rows)
	v.Groups = groupRows(p.Indicators, v.Rows)
	for _, in := range p.Indicators {
		v.Directions = v.Directions || in.Direction != ""
		v.Standards = v.Standards || in.Standard != ""
		v.Remarks = v.Remarks || in.Remark != ""
	}
	v.TotalSpan = 6
	if v.Directions {
		v.TotalSpan++
	}
	if v.Standards {
		v.TotalSpan++
	}
	v.Columns = v.TotalSpan
	for _, on := range []bool{v.Weighted, v.Remarks} {
		if on {
			v.Columns++
		}
	}
	if v.Eval != nil {
		v.Columns += 4
	}
	return v
}

// indicatorGroup is a run of indicators of one period: Title is empty
// when the project has no 中期 indicators.
type indicatorGroup struct {
	Title string
	Rows  []indicatorRow
}

// groupRows splits rows, built from ins, into runs of one period.
func groupRows(ins []budget.Indicator, rows []indicatorRow) []indicatorGroup {
	periods := false
	for _, in := range ins {
		periods = periods || in.Period != ""
	}
	if !periods {
		return []indicatorGroup{{Rows: rows}}
	}
	var gs []indicatorGroup
	for i, in := range ins {
		if i == 0 || in.Period != ins[i-1].Period {
			title := "年度绩效指标"
			if in.Period != "" {
				title = in.Period + "绩效指标"
			}
			gs = append(gs, indicatorGroup{Title: title})
		}
		g := &gs[len(gs)-1]
		g.Rows = append(g.Rows, rows[i])
	}
	return gs
}

// indicatorRow is an indicator with the rowspans of the merged 一级/二级
// cells as printed on the form, and the header ids that let a screen
// reader announce them for every cell. Fields are copied, not embedded,
// as in projectView.
type indicatorRow struct {
	Level1, Level2, Level3 string
	// Value is the value cell as the table printed it (Indicator.Printed)
	// when the importer kept that, else the value.
	Value, Operator, Unit       string
	Direction, Standard, Remark string
	Weight                      decimal.Decimal
	N                           int
	L1Span                      int // >0 on the first row of a 一级 group
	L2Span                      int
	L1ID, L2ID                  string
	RowID                       string
	HeadersCells                string
	// The result beside the target when the project has a 自评: the
	// actual value and reason as printed, the score of its maximum and
	// the mark of budget.Assess.
	Actual, Score, Reason string
	Mark                  statusView
	// ChangedTarget is the target the 自评 printed when it differs from
	// the published one (budget.TargetChanged): a change after
	// publication, shown beside the mark.
	ChangedTarget string
}

func buildRows(ins []budget.Indicator) []indicatorRow {
	rows := make([]indicatorRow, len(ins))
	l1Start, l2Start := 0, 0
	for i, in := range ins {
		value := in.Value
		if in.Printed != "" {
			value = in.Printed
		}
		rows[i] = indicatorRow{Level1: in.Level1, Level2: in.Level2, Level3: in.Level3, Value: value,
			Operator: in.Operator, Unit: in.Unit, Direction: in.Direction, Standard: in.Standard, Remark: in.Remark,
			Weight: in.Weight, N: i + 1, RowID: fmt.Sprintf("ind-%d", i+1)}
		if i == 0 || in.Level1 != ins[i-1].Level1 || in.Period != ins[i-1].Period {
			l1Start, l2Start = i, i
			rows[i].L1Span = 1
			rows[i].L2Span = 1
		} else {
			rows[l1Start].L1Span++
			if in.Level2 != ins[i-1].Level2 {
				l2Start = i
				rows[i].L2Span = 1
			} else {
				rows[l2Start].L2Span++
			}
		}
		rows[i].L1ID = fmt.Sprintf("l1-%d", l1Start+1)
		rows[i].L2ID = fmt.Sprintf("l2-%d", l2Start+1)
		rows[i].HeadersCells = rows[i].L1ID + " " + rows[i].L2ID + " " + rows[i].RowID
	}
	return rows
}

func (r *Renderer) projectPage(p *budget.Project) *pageData {
	y := r.site.Year(p.Year)
	dept, unit := y.Department(p.Department.Code), y.Unit(p.Unit.Code)
	// A project page sees only the names of its year and agencies, as
	// its cache key assumes (pageJobs).
	pv := newProjectView(p, agencyName(dept), agencyName(unit))
	pd := r.newPage("project", site.ProjectURL(p), p.Name)
	pd.Year, pd.Project = &site.Year{Year: y.Year}, pv
	pd.Site = nil
	pd.Title = fmt.Sprintf("%s %d年项目支出绩效目标表", p.Name, p.Year)
	pd.Description = fmt.Sprintf("%s（%s）%d年项目支出绩效目标表：资金总额 %s 万元，%d 项绩效指标。", p.Name, p.Code, p.Year, p.Funds, len(p.Indicators))
	if e := p.Evaluation; e != nil {
		pd.Title = fmt.Sprintf("%s %d年项目支出绩效目标表及绩效自评", p.Name, p.Year)
		pd.Description += "绩效自评" + evalSentence(e)
	}
	if p.PubDate != "" {
		pd.PubDate = p.PubDate
	}
	pd.Crumbs = []crumb{{"首页", "index.html"}, {fmt.Sprintf("%d年", p.Year), site.YearURL(p.Year)},
		{dept.Name, site.AgencyURL(dept)}, {unit.Name, site.AgencyURL(unit)}, {p.Name, ""}}
	r.column(pd, unit.Name, "项目支出绩效目标", pd.Description)
	pd.Meta = append(pd.Meta,
		metaTag{"ArticleTitle", p.Name},
		metaTag{"PubDate", pd.PubDate},
		metaTag{"ContentSource", firstNonEmpty(r.site.Settings.Publisher, p.Department.Name)},
		metaTag{"Keywords", strings.Join([]string{p.Name, p.Department.Name, p.Unit.Name, "绩效目标"}, ",")},
		metaTag{"Description", pd.Description},
	)
	pd.Downloads = r.downloadsFor(opendata.LevelProject, p.Year, opendata.ProjectDataPath(p, ""))
	if p.HasWeights() { // a table without weights has nothing to chart
		pd.Charts = []figure.Chart{figure.WeightSunburst(figure.ID("p", p.Code, "weight"), "绩效指标权重分布", []*budget.Project{p})}
	}
	if hist := r.site.ProjectHistory(p); len(hist) > 1 {
		years := make([]int, len(hist))
		totals := make([]decimal.Decimal, len(hist))
		counts := make([]int, len(hist))
		urls := make([]string, len(hist))
		for i, h := range hist {
			years[i], totals[i], counts[i], urls[i] = h.Year, h.Funds, 1, site.ProjectURL(h)
		}
		pd.History = site.Changes(years, totals, counts, urls, p.Year)
		pd.Charts = append(pd.Charts, figure.FundsHistory(figure.ID("p", p.Code, "history"), "历年资金", pd.History))
	}
	return pd
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// agencyChoices lists every department and unit of any year once, by
// code, with its newest name.
func agencyChoices(s *site.Site) (depts, units []budget.Coded) {
	seen := map[string]bool{}
	for _, y := range s.Years { // newest first
		for _, d := range y.Departments {
			if !seen["d"+d.Code] {
				seen["d"+d.Code] = true
				depts = append(depts, budget.Coded{Code: d.Code, Name: d.Name})
			}
		}
		for _, u := range y.Units {
			if !seen["u"+u.Code] {
				seen["u"+u.Code] = true
				units = append(units, budget.Coded{Code: u.Code, Name: u.Name})
			}
		}
	}
	sort.Slice(depts, func(i, j int) bool { return depts[i].Code < depts[j].Code })
	sort.Slice(units, func(i, j int) bool { return units[i].Code < units[j].Code })
	return depts, units
}

// downloadsFor returns the downloads of one level and year whose path
// starts with prefix (a project's "data/2022/project/X." matches its
// .json and .csv). The index is built on first use, so a site with tens
// of thousands of files does not scan the whole list for every page.
func (r *Renderer) downloadsFor(level string, year int, prefix string) []opendata.Download {
	r.dlOnce.Do(func() {
		r.dlIndex = map[string][]opendata.Download{}
		for _, d := range r.downloads {
			key := downloadKey(d.Level, d.Year, d.Path)
			r.dlIndex[key] = append(r.dlIndex[key], d)
		}
	})
	return r.dlIndex[downloadKey(level, year, prefix)]
}

// downloadKey groups a year's files by year, and an agency's or a
// project's files by their path without the extension.
func downloadKey(level string, year int, p string) string {
	if level == opendata.LevelYear || level == opendata.LevelSite {
		return fmt.Sprintf("%s|%d", level, year)
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		p = p[:i+1]
	}
	return fmt.Sprintf("%s|%d|%s", level, year, p)
}

// DownloadPage plans the 数据下载 page, which lists every download with its
// size and hash: the build plans it again on a renderer given the
// complete list once the downloads are written.
func (r *Renderer) DownloadPage(in site.Inputs) Page {
	return Page{Path: DownloadPagePath, Inputs: in, Render: func() ([]byte, error) { return r.execute(r.downloadPage()) }, Release: releasePage}
}

const DownloadPagePath = "download.html"

// downloadPage lists every download with its size, and the 数据字典.
func (r *Renderer) downloadPage() *pageData {
	dl := r.newPage("download", DownloadPagePath, "数据下载")
	dl.Description = "全部项目支出绩效目标数据的下载：CSV、Excel 和 JSON 格式，按年度、主管部门、实施单位和项目分别提供，附数据字典。"
	dl.Crumbs = []crumb{{"首页", "index.html"}, {"数据下载", ""}}
	dl.Downloads, dl.Dictionary = r.downloads, opendata.Dictionary()
	r.column(dl, "数据下载", "数据开放", dl.Description)
	return dl
}

// agencyShare is an agency's share of its year's funds (a department) or
// of its department's (a unit), as the page shows it.
func agencyShare(y *site.Year, a *site.Agency) string {
	if a.Department != nil {
		return figure.Share(a.Total, a.Department.Total)
	}
	return figure.Share(a.Total, y.Total)
}

// agencyName is an agency as a project or unit page sees it: its names
// only.
func agencyName(a *site.Agency) *site.Agency {
	return &site.Agency{Kind: a.Kind, Code: a.Code, Name: a.Name, Year: a.Year}
}
