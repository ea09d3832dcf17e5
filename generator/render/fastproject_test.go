package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"budgetsite/generator/budget"
	"budgetsite/generator/content"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/opendata"
	"budgetsite/generator/site"
)

// The fast path of the project page (fastproject.go) against the
// templates it stands in for: the same bytes, for every project of the
// shipped sample and the example site, for projects with every optional
// part and hostile strings, and for fuzzed ones.

// bothWays loads the embedded templates twice: with the fast path, and
// with every kind on its templates, the reference.
func bothWays(tb testing.TB) (fast, ref Templates) {
	tb.Helper()
	fast, ref = bothWaysOn(tb, SiteLayers(""))
	if !fast.fast["project"] || !fast.page["project"] || ref.fast["project"] || ref.page["project"] {
		tb.Fatal("the embedded templates should take the fast path, and only when allowed")
	}
	return fast, ref
}

// bothWaysOn loads the templates of l twice, as bothWays does.
func bothWaysOn(tb testing.TB, l Layers) (fast, ref Templates) {
	tb.Helper()
	fast, err := LoadTemplates(l, true)
	if err != nil {
		tb.Fatal(err)
	}
	ref, err = loadTemplates(l, true, false)
	if err != nil {
		tb.Fatal(err)
	}
	return fast, ref
}

// projectDownloads lists a JSON and a CSV file for each project, as the
// build does, so the pages' download lists are not empty.
func projectDownloads(ps []*budget.Project) []opendata.Download {
	var out []opendata.Download
	for i, p := range ps {
		out = append(out,
			opendata.Download{Path: opendata.ProjectDataPath(p, "json"), Title: p.Name + "（JSON）", Format: "JSON", Bytes: 900 + i, Level: opendata.LevelProject, Year: p.Year},
			opendata.Download{Path: opendata.ProjectDataPath(p, "csv"), Title: p.Name + "（CSV）", Format: "CSV", Bytes: 3 << 20, Level: opendata.LevelProject, Year: p.Year})
	}
	return out
}

// templateMain executes the template's "main" block for pd.
func templateMain(ref Templates, pd *pageData) ([]byte, error) {
	var b bytes.Buffer
	err := ref.kinds["project"].ExecuteTemplate(&b, "main", pd)
	return b.Bytes(), err
}

// compareSite renders every project page of s both ways with the
// embedded templates: its main block and the whole page must be the same
// bytes. It returns how many pages it compared.
func compareSite(t *testing.T, s *site.Site) int {
	t.Helper()
	fast, ref := bothWays(t)
	return compareSiteWith(t, s, fast, ref)
}

// compareSiteWith is compareSite with the given templates. The fast
// pages are rendered one after the other and each buffer released
// before the next page, so every page but the first is written into a
// reused buffer.
func compareSiteWith(t *testing.T, s *site.Site, fast, ref Templates) int {
	t.Helper()
	dl := projectDownloads(s.Projects)
	rf, rr := New(s, fast, dl), New(s, ref, dl)
	for _, p := range s.Projects {
		pd := rr.projectPage(p)
		want, err := templateMain(ref, pd)
		if err != nil {
			t.Fatalf("%s: %v", p.Code, err)
		}
		got, err := appendProjectMain(nil, pd)
		if err != nil {
			t.Fatalf("%s: %v", p.Code, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s %d: main block differs\n%s", p.Code, p.Year, firstDifference(got, want))
		}
	}
	pages := map[string]Page{}
	for _, pg := range rr.Pages() {
		pages[pg.Path] = pg
	}
	n := 0
	for _, pg := range rf.Pages() {
		if !strings.Contains(pg.Path, "/project/") {
			continue
		}
		got, err1 := pg.Render()
		want, err2 := pages[pg.Path].Render()
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", pg.Path, err1, err2)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: page differs\n%s", pg.Path, firstDifference(got, want))
		}
		pg.Release(got)
		n++
	}
	return n
}

// firstDifference shows both outputs around their first different byte.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d\nfast:     %q\ntemplate: %q", i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

// TestFastProjectMainOnShippedContent: every project of the repository's
// sample (content/) and of the example site, whose projects have 自评,
// breakdowns and several years.
func TestFastProjectMainOnShippedContent(t *testing.T) {
	for _, dir := range []string{"content", filepath.Join("examples", "shiliqu", "content")} {
		t.Run(dir, func(t *testing.T) {
			ps, pages, err := content.LoadDir(filepath.Join(testkit.Root, dir), nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) == 0 {
				t.Fatal("no projects")
			}
			s := site.NewSite(site.Settings{Title: "测试", PubDate: "2025-04-30"}, ps, pages)
			if n := compareSite(t, s); n != len(ps) {
				t.Errorf("compared %d pages of %d projects", n, len(ps))
			}
		})
	}
}

// hostile is text that every escaper treats differently.
const hostile = "<script>alert('x&y')</script> \"q\" a+b \x00 \u2028 javascript:alert(1) %zz %41 ü 中文 #?/:"

func dp(s string) *decimal.Decimal {
	d := decimal.MustDecimal(s)
	return &d
}

// variedProjects have every optional part of a project page, and lack
// them, across two years; strings in them are hostile.
func variedProjects(h string) []*budget.Project {
	ind := func(l1, l2, l3, value, op, unit, weight string) budget.Indicator {
		return budget.Indicator{Level1: l1, Level2: l2, Level3: l3, Value: value, Operator: op, Unit: unit, Weight: decimal.MustDecimal(weight)}
	}
	full := &budget.Project{Code: "P1" + h, Name: "项目" + h, Year: 2024, Department: budget.Coded{Code: "D" + h, Name: "部门" + h},
		Unit: budget.Coded{Code: "U" + h, Name: "单位" + h}, Funds: decimal.MustDecimal("210.5"), Attribute: "新增" + h,
		Start: "2024年" + h, End: "长期" + h, OverallGoal: "总体" + h, AnnualGoal: "当年" + h, PubDate: "2024-02-" + h,
		Overview:       "**概况** " + h + "\n\n- 一\n- [链接](javascript:alert(1))\n\n<b>raw</b>",
		FundsBreakdown: []budget.Fund{{Source: "财政拨款" + h, Amount: decimal.MustDecimal("200")}, {Source: "其他", Amount: decimal.MustDecimal("10.5")}},
		Indicators: []budget.Indicator{
			ind("产出指标", "数量指标", "中期"+h, "29", "=", "个", "10"),
			ind("产出指标", "数量指标", "数量"+h, "3", "≥", "个"+h, "20"),
			ind("产出指标", "质量指标", "质量", "±3%以内"+h, "定性", "", "20"),
			ind("效益指标"+h, "社会效益指标", "效益", "95", "≤", "%", "20.5"),
			ind("效益指标"+h, "社会效益指标", "效益二", "1", h, "%", "10"),
		}}
	full.Indicators[0].Period = "中期"
	full.Indicators[1].Direction, full.Indicators[2].Standard, full.Indicators[3].Remark = "正向"+h, "计划标准"+h, "备注"+h
	full.Indicators[3].Printed = "≤95%" + h
	full.Evaluation = &budget.Evaluation{
		Budget: budget.Execution{Initial: dp("200"), Adjusted: dp("210.5"), Executed: dp("200.1"), Rate: "95.06%" + h, MaxScore: dp("10"), Score: dp("9.5"), Reason: "原因" + h,
			Breakdown: []budget.Execution{{Source: "财政资金" + h, Adjusted: dp("200")}, {Source: "其他资金"}}},
		GoalActual: "完成" + h, Total: dp("88.5"), Grade: "良" + h, Conclusion: "结论" + h, Problems: "问题" + h, Improvements: "措施" + h, PubDate: "2025-03-01" + h,
		Indicators: []budget.Result{
			{Level1: "产出指标", Level2: "数量指标", Level3: "数量" + h, Target: "5", Actual: "4" + h, MaxScore: dp("20"), Score: dp("15"), Reason: "偏差" + h},
			{Level1: "产出指标", Level2: "质量指标", Level3: "质量", Actual: "达标", MaxScore: dp("20")},
			{Level1: "效益指标" + h, Level2: "社会效益指标", Level3: "效益", Actual: "96", Score: dp("20.5")},
			{Level1: "其他" + h, Level2: "其他", Level3: "未对应" + h, Target: "1" + h, Actual: "2", Score: dp("1"), MaxScore: dp("2"), Reason: h},
		}}
	// The same project a year before: a history table and its chart.
	prev := &budget.Project{Code: full.Code, Name: full.Name, Year: 2023, Department: full.Department, Unit: full.Unit,
		Funds: decimal.MustDecimal("180"), Indicators: []budget.Indicator{ind("产出指标", "数量指标", "数量", "3", "=", "个", "0")}}
	// Without weights, 自评 or anything optional; and with weights not
	// adding up to 90 or 100, and a 自评 without results.
	bare := &budget.Project{Code: "P2", Name: "空" + h, Year: 2024, Department: full.Department, Unit: budget.Coded{Code: "U2", Name: "单位二"},
		Funds: decimal.MustDecimal("0"), Indicators: []budget.Indicator{ind("产出指标", "数量指标", "数量", "1", "=", "个", "0")}}
	odd := &budget.Project{Code: "P3", Name: "权重", Year: 2024, Department: full.Department, Unit: bare.Unit, Funds: decimal.MustDecimal("1.25"),
		Indicators: []budget.Indicator{ind("产出指标", "数量指标", "甲", "1", ">", "个", "45"), ind("产出指标", "时效指标", "乙", "1", "<", "月", "40.5")},
		Evaluation: &budget.Evaluation{}}
	none := &budget.Project{Code: "P4", Name: "无指标", Year: 2023, Department: full.Department, Unit: bare.Unit, Funds: decimal.MustDecimal("3")}
	return []*budget.Project{full, prev, bare, odd, none}
}

// TestFastProjectMainOnVariedProjects: every optional part, with and
// without hostile strings.
func TestFastProjectMainOnVariedProjects(t *testing.T) {
	for _, h := range []string{"1", hostile, "'\"&+<>", "\x00\xff\xfe%", "JAVASCRIPT:x", "http://a/b?c=d&e+f#g", "%2F%zz%4"} {
		ps := variedProjects(h)
		s := site.NewSite(site.Settings{Title: "测试", PubDate: "2024-03-01"}, ps, nil)
		if n := compareSite(t, s); n != len(ps) {
			t.Errorf("compared %d pages of %d projects", n, len(ps))
		}
	}
}

// TestFastProjectPageSettings: the whole page, both ways, under settings
// that change the layout: no publication date or one, a portal path and
// address, live reload, every meta tag and footer line, hostile values;
// on projects with and without 自评 (the 自评 stylesheet), with and
// without charts (the chart scripts), with and without a date of their own.
func TestFastProjectPageSettings(t *testing.T) {
	footer := site.Footer{Sponsor: "主办" + hostile, SponsorContact: "023", Organizer: "承办", Address: "地址", Phone: "电话", Email: "a@b",
		SiteCode: "5001100001", ICP: "渝ICP备", PoliceRecord: "公安", PoliceRecordURL: "javascript:x", GovBadge: true, GovBadgeURL: "https://x/"}
	settings := map[string]site.Settings{
		"bare":        {Title: "测试"},
		"pub date":    {Title: "测试", PubDate: "2024-03-01"},
		"portal":      {Title: "测试", BasePath: "/zwgk/ysgk/", BaseURL: "https://www.example.gov.cn/zwgk/ysgk/", PubDate: "2024-03-01"},
		"live reload": {Title: "测试", LiveReload: "_budgetsite/livereload.js"},
		"everything": {Title: "站点" + hostile, Description: "描述" + hostile, Keywords: "关键词," + hostile, Publisher: "发布" + hostile,
			SiteDomain: "www.example.gov.cn", PubDate: hostile, LiveReload: "javascript:alert(1)", Footer: footer},
	}
	for name, set := range settings {
		t.Run(name, func(t *testing.T) {
			ps := variedProjects(hostile)
			s := site.NewSite(set, ps, nil)
			fast, ref := bothWays(t)
			dl := projectDownloads(ps)
			rf := New(s, fast, dl)
			seen := map[string]int{}
			for _, p := range ps {
				pd := rf.projectPage(p)
				got, err := rf.execute(pd)
				if err != nil {
					t.Fatal(err)
				}
				for _, part := range []string{"assets/css/evaluation.css", "assets/js/charts.js", "<time datetime=", "livereload.js"} {
					if bytes.Contains(got, []byte(part)) {
						seen[part]++
					}
				}
				releasePage(got)
			}
			// Every optional part of the page appears on some pages and
			// not on others (live reload, and a site's date, on all).
			for part, n := range seen {
				if part != "livereload.js" && !(part == "<time datetime=" && set.PubDate != "") && n == len(ps) {
					t.Errorf("every page has %s", part)
				}
			}
			if len(seen) < 3 {
				t.Errorf("the pages lack some optional parts: %v", seen)
			}
			if n := compareSiteWith(t, s, fast, ref); n != len(ps) {
				t.Errorf("compared %d pages of %d projects", n, len(ps))
			}
		})
	}
}

// TestFastProjectPageWithSiteTemplates: a site's header and footer (the
// chrome) keep the whole page in Go, and the page equals the templates'
// with them; a site's layout, a file redefining "layout", or a header
// that renders empty keep the layout a template around the Go main
// block, equal too.
func TestFastProjectPageWithSiteTemplates(t *testing.T) {
	def, err := fs.ReadFile(Defaults, "templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		files fstest.MapFS
		page  bool
		want  string
	}{
		{"header and footer", fstest.MapFS{
			"templates/partials/footer.html": {Data: []byte(`{{define "footer"}}<footer>自己的页脚 {{.Cfg.Title}} {{.PubDate}}</footer>{{end}}`)},
			"templates/partials/zz.html":     {Data: []byte(`{{define "header"}}<header><a href="{{.Root}}index.html">自己的页头</a></header>{{end}}`)},
		}, true, `<body class="kind-project"><header><a href="../../index.html">自己的页头</a></header><nav class="breadcrumb"`},
		{"layout", fstest.MapFS{"templates/layout.html": {Data: bytes.Replace(def, []byte(`<body class=`), []byte(`<body data-site="1" class=`), 1)}},
			false, `<body data-site="1" class="kind-project">`},
		{"layout redefined", fstest.MapFS{"templates/partials/zz.html": {Data: []byte(`{{define "layout"}}<!DOCTYPE html><title>{{.Title}}</title>{{template "main" .}}{{.Chrome.Footer}}{{end}}`)}},
			false, `<!doctype html><title>`},
		{"empty header", fstest.MapFS{"templates/partials/zz.html": {Data: []byte(`{{define "header"}}{{if false}}x{{end}}{{end}}`)}},
			true, `<body class="kind-project"><nav class="breadcrumb"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fast, ref := bothWaysOn(t, Layers{Defaults, c.files})
			if !fast.fast["project"] || fast.page["project"] != c.page {
				t.Fatalf("fast main %v, whole page %v; want true, %v", fast.fast["project"], fast.page["project"], c.page)
			}
			ps := variedProjects("1")
			s := site.NewSite(site.Settings{Title: "测试", PubDate: "2024-03-01"}, ps, nil)
			if n := compareSiteWith(t, s, fast, ref); n != len(ps) {
				t.Errorf("compared %d pages of %d projects", n, len(ps))
			}
			r := New(s, fast, nil)
			page, err := r.execute(r.projectPage(ps[0]))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(page), c.want) {
				t.Errorf("page lacks %s", c.want)
			}
		})
	}
}

// TestFastProjectMainURLs: a root or a data path with a scheme other
// than http, https or mailto is filtered as html/template filters it.
func TestFastProjectMainURLs(t *testing.T) {
	_, ref := bothWays(t)
	ps := variedProjects("1")
	s := site.NewSite(site.Settings{Title: "测试"}, ps, nil)
	r := New(s, ref, []opendata.Download{{Path: "javascript:alert(1)//x", Title: "t", Level: opendata.LevelProject, Year: 2024}})
	for _, root := range []string{"", "/zwgk/ysgk/", "javascript:alert(1)", "Mailto:a@b", "HTTPS://x/", "a b/%zz%41/"} {
		pd := r.projectPage(ps[0])
		pd.Root = root
		pd.Downloads = r.downloads
		want, _ := templateMain(ref, pd)
		got, _ := appendProjectMain(nil, pd)
		if !bytes.Equal(got, want) {
			t.Errorf("root %q: %s", root, firstDifference(got, want))
		}
		if !bytes.Contains(got, []byte("#ZgotmplZ")) {
			t.Errorf("root %q: the javascript: download link is not filtered", root)
		}
	}
}

// TestFastPathOnlyForEmbeddedTemplates: a site's layout, header and
// footer keep working with the fast path; a site's project.html or a
// partial the main block uses, or a site's file redefining one of its
// templates, or unminified templates, turn it off.
func TestFastPathOnlyForEmbeddedTemplates(t *testing.T) {
	layout := `{{define "layout"}}<!DOCTYPE html><title>{{.Title}}</title><div id="site-layout">{{template "header" .}}{{template "main" .}}{{template "footer" .}}</div>{{end}}{{define "header"}}<p>自己的页头</p>{{end}}`
	cases := []struct {
		name  string
		files fstest.MapFS
		fast  bool
		want  string
	}{
		{"layout", fstest.MapFS{"templates/layout.html": {Data: []byte(layout)}}, true, `<div id="site-layout"><p>自己的页头</p><article class="project-form">`},
		{"footer", fstest.MapFS{"templates/partials/footer.html": {Data: []byte(`{{define "footer"}}<p>自己的页脚</p>{{end}}`)}}, true, `<p>自己的页脚</p>`},
		{"project", fstest.MapFS{"templates/project.html": {Data: []byte(`{{define "main"}}<p>自己的项目页</p>{{end}}`)}}, false, `<p>自己的项目页</p>`},
		{"history", fstest.MapFS{"templates/partials/history.html": {Data: []byte(`{{define "history"}}<p>自己的历年</p>{{end}}`)}}, false, `<p>自己的历年</p>`},
		{"copy of the defaults", copyOfDefaults(t), true, `<article class="project-form">`},
		{"mark redefined", fstest.MapFS{"templates/partials/zz.html": {Data: []byte(`{{define "mark"}}<b>{{.Text}}</b>{{end}}`)}}, false, `<b>达成</b>`},
	}
	ps := variedProjects("1")
	s := site.NewSite(site.Settings{Title: "测试"}, ps, nil)
	for _, c := range cases {
		tm, err := LoadTemplates(Layers{Defaults, c.files}, true)
		if err != nil {
			t.Fatal(err)
		}
		if tm.fast["project"] != c.fast {
			t.Errorf("%s: fast path %v, want %v", c.name, tm.fast["project"], c.fast)
		}
		page, err := New(s, tm, nil).execute(New(s, tm, nil).projectPage(ps[0]))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), c.want) {
			t.Errorf("%s: page lacks %s", c.name, c.want)
		}
	}
	tm, err := LoadTemplates(SiteLayers(""), false)
	if err != nil {
		t.Fatal(err)
	}
	if tm.fast["project"] {
		t.Error("unminified templates take the fast path")
	}
}

// copyOfDefaults is a site folder with a copy of every embedded
// template, as the budgetsite source folder is.
func copyOfDefaults(t *testing.T) fstest.MapFS {
	paths, owner := SiteLayers("").Files("templates")
	out := fstest.MapFS{}
	for _, p := range paths {
		b, err := fs.ReadFile(owner[p], p)
		if err != nil {
			t.Fatal(err)
		}
		out[p] = &fstest.MapFile{Data: b}
	}
	return out
}

// FuzzFastProjectMain builds a project and its previous year from fuzzed
// strings, on a site whose settings are fuzzed too, and compares the
// main block and the whole page both ways.
func FuzzFastProjectMain(f *testing.F) {
	f.Add("项目", "P1", "<b>&'\"+", "95", "%", "≥", "原因", "**概况**", "../../", "1.5", uint8(0))
	fast, ref := bothWays(f)
	f.Add("a\x00b", "javascript:x", "\u2028", "", "", "定性", "", "<script>", "javascript:alert(1)", "90", uint8(255))
	f.Fuzz(func(t *testing.T, name, code, level, value, unit, op, reason, overview, root, weight string, flags uint8) {
		w, err := decimal.ParseDecimal(weight)
		if err != nil {
			w = decimal.MustDecimal("0")
		}
		in := budget.Indicator{Level1: level, Level2: "数量指标", Level3: name, Value: value, Operator: op, Unit: unit, Weight: w}
		if flags&1 != 0 {
			in.Direction, in.Standard, in.Remark, in.Printed = reason, unit, value, op+value
		}
		in2 := in
		in2.Level3 = level
		if flags&2 != 0 {
			in2.Period = "中期"
		}
		p := &budget.Project{Code: code, Name: name, Year: 2024, Department: budget.Coded{Code: code, Name: level}, Unit: budget.Coded{Code: level, Name: unit},
			Funds: w, Attribute: reason, Start: value, End: unit, AnnualGoal: reason, OverallGoal: overview, Overview: overview, PubDate: value,
			Indicators: []budget.Indicator{in2, in}}
		if flags&4 != 0 {
			p.FundsBreakdown = []budget.Fund{{Source: name, Amount: w}, {Source: unit, Amount: w}}
		}
		if flags&8 != 0 {
			p.Evaluation = &budget.Evaluation{Budget: budget.Execution{Rate: value, Reason: reason, Adjusted: &w}, Grade: name, Conclusion: overview, PubDate: unit,
				Indicators: []budget.Result{{Level1: level, Level2: "数量指标", Level3: name, Target: unit, Actual: value, Score: &w, Reason: reason},
					{Level1: reason, Level2: name, Level3: unit, Actual: value}}}
		}
		ps := []*budget.Project{p}
		if flags&16 != 0 {
			ps = append(ps, &budget.Project{Code: code, Name: name, Year: 2023, Department: p.Department, Unit: p.Unit, Funds: decimal.MustDecimal("1")})
		}
		set := site.Settings{Title: "测试", PubDate: reason}
		if flags&64 != 0 {
			set = site.Settings{Title: level, Description: overview, Keywords: unit, Publisher: name, SiteDomain: code, PubDate: reason,
				LiveReload: root, Footer: site.Footer{Sponsor: reason, SiteCode: value}}
		}
		s := site.NewSite(set, ps, nil)
		r := New(s, ref, projectDownloads(ps))
		pd := r.projectPage(p)
		if flags&32 != 0 {
			pd.Root = root
		}
		want, err1 := templateMain(ref, pd)
		got, err2 := appendProjectMain(nil, pd)
		if (err1 != nil) != (err2 != nil) {
			t.Fatalf("errors differ: template %v, fast %v", err1, err2)
		}
		if err1 == nil && !bytes.Equal(got, want) {
			t.Errorf("main block differs\n%s", firstDifference(got, want))
		}
		rf := New(s, fast, projectDownloads(ps))
		pf := rf.projectPage(p)
		pd = r.projectPage(p)
		if flags&32 != 0 {
			pd.Root, pf.Root = root, root
		}
		want, err1 = r.execute(pd)
		got, err2 = rf.execute(pf)
		if (err1 != nil) != (err2 != nil) {
			t.Fatalf("errors differ: template %v, fast %v", err1, err2)
		}
		if err1 == nil && !bytes.Equal(got, want) {
			t.Errorf("page differs\n%s", firstDifference(got, want))
		}
		releasePage(got)
	})
}

// BenchmarkProjectMain writes the main block of the varied project (5
// indicators, a 自评, a funds history, two charts, downloads) by the
// templates and by the fast path; fastproject.go notes the numbers.
func BenchmarkProjectMain(b *testing.B) {
	fast, ref := bothWays(b)
	ps := variedProjects("一")
	s := site.NewSite(site.Settings{Title: "测试", PubDate: "2024-03-01"}, ps, nil)
	pd := New(s, fast, projectDownloads(ps)).projectPage(ps[0])
	b.Run("template", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := templateMain(ref, pd); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := appendProjectMain(make([]byte, 0, 16<<10), pd); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkProjectPage renders the whole page of the varied project, as
// a build does (the chrome rendered once, the buffer released), by the
// templates and by the fast path; fastproject.go notes the numbers.
func BenchmarkProjectPage(b *testing.B) {
	fast, ref := bothWays(b)
	ps := variedProjects("一")
	s := site.NewSite(site.Settings{Title: "测试", PubDate: "2024-03-01"}, ps, nil)
	for _, c := range []struct {
		name string
		tm   Templates
	}{{"template", ref}, {"fast", fast}} {
		b.Run(c.name, func(b *testing.B) {
			r := New(s, c.tm, projectDownloads(ps))
			pd := r.projectPage(ps[0])
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				page, err := r.execute(pd)
				if err != nil {
					b.Fatal(err)
				}
				releasePage(page)
			}
		})
	}
}
