package render

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"budgetsite/generator/budget"
	"budgetsite/generator/content"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/site"
)

// The fast tables (fasttables.go) against the partials they stand in
// for: every summary page (home, year, department, unit) of the shipped
// sample, the example site and a synthetic site of several years with
// hostile strings, rendered both ways; the partials themselves on hostile
// roots and captions; fuzzed ones; and the site templates that turn them
// off.

// tablesBothWays loads the templates of l with the fast tables, which it
// requires, and without any fast path, the reference.
func tablesBothWays(tb testing.TB, l Layers) (fast, ref Templates) {
	tb.Helper()
	fast, ref = bothWaysOn(tb, l)
	if !fast.tables || ref.tables {
		tb.Fatalf("fast tables %v, reference %v; want true, false", fast.tables, ref.tables)
	}
	return fast, ref
}

// compareSummaryPages renders every page of s that is not a project page
// with both template sets and requires the same bytes. It returns how
// many pages it compared and how many rows of project and agency tables
// they have.
func compareSummaryPages(t *testing.T, s *site.Site, fast, ref Templates) (pages, rows int) {
	t.Helper()
	want := map[string]Page{}
	for _, pg := range New(s, ref, projectDownloads(s.Projects)).Pages() {
		want[pg.Path] = pg
	}
	for _, pg := range New(s, fast, projectDownloads(s.Projects)).Pages() {
		if strings.Contains(pg.Path, "/project/") {
			continue
		}
		got, err1 := pg.Render()
		exp, err2 := want[pg.Path].Render()
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", pg.Path, err1, err2)
		}
		if !bytes.Equal(got, exp) {
			t.Errorf("%s: page differs\n%s", pg.Path, firstDifference(got, exp))
		}
		rows += bytes.Count(got, []byte(`<tr><td>`))
		pg.Release(got)
		pages++
	}
	return pages, rows
}

// summaryPageCount is how many home, year, department and unit pages s
// has.
func summaryPageCount(s *site.Site) int {
	n := 1
	for _, y := range s.Years {
		n += 1 + len(y.Departments) + len(y.Units)
	}
	return n
}

// tableHostile are strings each escaper treats differently, and URLs
// with schemes html/template filters.
var tableHostile = []string{"<script>alert('x')</script>", `"q"&'a'`, "a+b", "a\x00b", "\u2028段\u2029", "\xff\xfe无效", "javascript:alert(1)",
	"JavaScript:x", "%zz%41%4", "a b/c?d=e#f", "http://a/b", "mailto:a@b", "中文（编码）"}

// multiYearProjects is a site of three years, three departments of two
// units each, whose names and codes take their turn at being hostile,
// with funds of every shape, zero included.
func multiYearProjects() []*budget.Project {
	var ps []*budget.Project
	funds := []string{"0", "1", "12.5", "0.0001", "123456789.123456", "33.33", "100"}
	n := 0
	for _, year := range []int{2022, 2023, 2024} {
		for d := 0; d < 3; d++ {
			dept := budget.Coded{Code: fmt.Sprintf("D%d", d), Name: "部门" + tableHostile[d%len(tableHostile)]}
			for u := 0; u < 2; u++ {
				unit := budget.Coded{Code: fmt.Sprintf("U%d%d", d, u), Name: "单位" + tableHostile[(d*2+u+3)%len(tableHostile)]}
				if d == 2 && u == 1 {
					unit.Code = "javascript:alert(1)"
				}
				for i := 0; i < 4; i++ {
					h := tableHostile[n%len(tableHostile)]
					p := &budget.Project{Code: fmt.Sprintf("P%d-%d", d*10+u, i) + h, Name: "项目" + h, Year: year, Department: dept, Unit: unit,
						Funds: decimal.MustDecimal(funds[n%len(funds)])}
					if i == 0 {
						p.Code = h // a code that is nothing but the hostile string
					}
					for k := 0; k < n%4; k++ {
						p.Indicators = append(p.Indicators, budget.Indicator{Level1: "产出指标", Level2: "数量指标", Level3: fmt.Sprint("指标", k), Value: "1", Operator: "=", Weight: decimal.MustDecimal("10")})
					}
					ps = append(ps, p)
					n++
				}
			}
		}
	}
	// A year whose funds are all zero: every share is “—”.
	ps = append(ps, &budget.Project{Code: "Z1", Name: "零", Year: 2021, Department: budget.Coded{Code: "DZ", Name: "部门"}, Unit: budget.Coded{Code: "UZ", Name: "单位"}, Funds: decimal.MustDecimal("0")})
	return ps
}

// TestFastTablesOnSites: every summary page of the shipped sample, the
// example site, the synthetic site of several years and the varied
// projects of the project page's tests, both ways.
func TestFastTablesOnSites(t *testing.T) {
	fast, ref := tablesBothWays(t, SiteLayers(""))
	sites := map[string][]*budget.Project{"multi-year": multiYearProjects(), "varied": variedProjects(hostile)}
	for _, dir := range []string{"content", filepath.Join("examples", "shiliqu", "content")} {
		ps, _, err := content.LoadDir(filepath.Join(testkit.Root, dir), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) == 0 {
			t.Fatalf("%s: no projects", dir)
		}
		sites[dir] = ps
	}
	settings := []site.Settings{{Title: "测试", PubDate: "2025-04-30"}, {Title: "门户", BasePath: "/zwgk/ysgk/", BaseURL: "https://www.example.gov.cn/zwgk/ysgk/"}}
	for name, ps := range sites {
		for i, set := range settings {
			t.Run(fmt.Sprint(name, i), func(t *testing.T) {
				s := site.NewSite(set, ps, nil)
				pages, rows := compareSummaryPages(t, s, fast, ref)
				if want := summaryPageCount(s); pages < want {
					t.Errorf("compared %d pages, want at least %d", pages, want)
				}
				// Each project is a row of its department's, its unit's
				// and its year's table, each agency of its year's.
				if rows < 3*len(ps) {
					t.Errorf("%d table rows for %d projects", rows, len(ps))
				}
			})
		}
	}
}

// TestFastTablesPartials: the partials themselves, on every agency of
// the synthetic site, with roots and captions html/template escapes or
// filters, with and without the unit column.
func TestFastTablesPartials(t *testing.T) {
	_, ref := tablesBothWays(t, SiteLayers(""))
	s := site.NewSite(site.Settings{Title: "测试"}, multiYearProjects(), nil)
	roots := append([]string{"", "../../", "/zwgk/ysgk/"}, tableHostile...)
	filtered := 0
	for _, y := range s.Years {
		for _, a := range append(append([]*site.Agency(nil), y.Departments...), y.Units...) {
			for i, root := range roots {
				caption := a.Name + tableHostile[i%len(tableHostile)]
				got, want := compareTables(t, ref, projectListArgs{root, a.Projects, a.Total, caption, i%2 == 0},
					agencyListArgs{root, a.Units, a.Total, caption, len(a.Projects)})
				if got != want {
					t.Errorf("%s %d, root %q: differs", a.Code, y.Year, root)
				}
				if strings.Contains(got, "#ZgotmplZ") {
					filtered++
				}
			}
		}
		if got, want := compareTables(t, ref, projectListArgs{"../", y.Projects, y.Total, "年", true}, agencyListArgs{"../", y.Departments, y.Total, "年", len(y.Projects)}); got != want {
			t.Errorf("%d: differs", y.Year)
		}
	}
	if filtered == 0 {
		t.Error("no javascript: root was filtered")
	}
}

// compareTables writes both tables of a and g both ways and reports the
// first difference; it returns the fast and the template output.
func compareTables(t testing.TB, ref Templates, a projectListArgs, g agencyListArgs) (got, want string) {
	t.Helper()
	tm := ref.kinds["department"]
	var b bytes.Buffer
	if err := tm.ExecuteTemplate(&b, "projectTable", a); err != nil {
		t.Fatal(err)
	}
	if err := tm.ExecuteTemplate(&b, "agencyTable", g); err != nil {
		t.Fatal(err)
	}
	got = string(fastProjectTable(a) + fastAgencyTable(g))
	if got != b.String() {
		t.Errorf("tables differ\n%s", firstDifference([]byte(got), b.Bytes()))
	}
	return got, b.String()
}

// TestFastTablesWithSiteTemplates: a site's tables.html, or a file of a
// site redefining either table, keeps the partials templates; a site's
// own department page, or a copy of the defaults, keeps the fast tables.
// Either way the pages equal the reference, and show the site's markup.
func TestFastTablesWithSiteTemplates(t *testing.T) {
	def := copyOfDefaults(t)
	dept := string(def["templates/department.html"].Data)
	cases := []struct {
		name   string
		files  fstest.MapFS
		tables bool
		want   string
	}{
		{"copy of the defaults", def, true, `<table class="data-table"><caption>`},
		{"department page", fstest.MapFS{"templates/department.html": {Data: []byte(strings.Replace(dept, `<h2 id="units">`, `<h2 data-site="1" id="units">`, 1))}},
			true, `<h2 data-site="1" id="units">`},
		{"tables.html", fstest.MapFS{"templates/partials/tables.html": {Data: append(bytes.Clone(def["templates/partials/tables.html"].Data), "\n"...)}},
			false, `<table class="data-table"><caption>`},
		{"projectTable redefined", fstest.MapFS{"templates/partials/zz.html": {Data: []byte(`{{define "projectTable"}}<ol>{{range .Projects}}<li>{{.Name}}</li>{{end}}</ol>{{end}}`)}},
			false, `<ol><li>`},
		{"agencyTable redefined in a page", fstest.MapFS{"templates/department.html": {Data: []byte(dept + `{{define "agencyTable"}}<p>自己的单位表 {{.Count}}</p>{{end}}`)}},
			false, `<p>自己的单位表 `},
	}
	ps := multiYearProjects()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fast, ref := bothWaysOn(t, Layers{Defaults, c.files})
			if fast.tables != c.tables || ref.tables {
				t.Fatalf("fast tables %v, want %v (reference %v)", fast.tables, c.tables, ref.tables)
			}
			s := site.NewSite(site.Settings{Title: "测试"}, ps, nil)
			if pages, _ := compareSummaryPages(t, s, fast, ref); pages < summaryPageCount(s) {
				t.Errorf("compared %d pages", pages)
			}
			r := New(s, fast, nil)
			page, err := r.execute(r.agencyPage(s.Years[0], s.Years[0].Departments[0]))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(page), c.want) {
				t.Errorf("page lacks %s", c.want)
			}
		})
	}
	tm, err := LoadTemplates(SiteLayers(""), false)
	if err != nil {
		t.Fatal(err)
	}
	if tm.tables {
		t.Error("unminified templates take the fast tables")
	}
}

// FuzzFastTables writes both tables from fuzzed names, codes, amounts,
// root and caption, both ways.
func FuzzFastTables(f *testing.F) {
	f.Add("项目", "P1", "单位", "U1", "12.5", "100", "../../", "一览", uint8(0))
	f.Add("<script>&'\"+", "javascript:x", "a\x00b\u2028", "\xff%zz", "0", "0", "javascript:alert(1)", "<b>", uint8(255))
	_, ref := tablesBothWays(f, SiteLayers(""))
	f.Fuzz(func(t *testing.T, name, code, unitName, unitCode, funds, total, root, caption string, flags uint8) {
		amount := func(s string) decimal.Decimal {
			d, err := decimal.ParseDecimal(s)
			if err != nil {
				return decimal.MustDecimal("1")
			}
			return d
		}
		unit := budget.Coded{Code: unitCode, Name: unitName}
		year := 2000 + int(flags>>2)
		p := &budget.Project{Code: code, Name: name, Year: year, Unit: unit, Funds: amount(funds)}
		for i := 0; i < int(flags&3); i++ {
			p.Indicators = append(p.Indicators, budget.Indicator{Level3: name})
		}
		q := &budget.Project{Code: unitCode, Name: caption, Year: year, Unit: unit, Funds: amount(total)}
		ag := &site.Agency{Kind: unitName, Code: unitCode, Name: name, Year: year, Projects: []*budget.Project{p, q}, Total: amount(funds)}
		ag2 := &site.Agency{Kind: "unit", Code: code, Name: caption, Year: year, Total: amount(total)}
		compareTables(t, ref, projectListArgs{root, []*budget.Project{p, q}, amount(total), caption, flags&1 != 0},
			agencyListArgs{root, []*site.Agency{ag, ag2}, amount(total), caption, 2})
	})
}

// BenchmarkProjectTable writes a department's project table of 300
// projects with the unit column, by the template and by the fast path;
// fasttables.go notes the numbers.
func BenchmarkProjectTable(b *testing.B) {
	_, ref := tablesBothWays(b, SiteLayers(""))
	var ps []*budget.Project
	total := decimal.MustDecimal("0")
	for i := 0; i < 300; i++ {
		p := &budget.Project{Code: fmt.Sprintf("500101%06d", i), Name: fmt.Sprintf("城市道路维护管理项目%d", i), Year: 2024,
			Unit: budget.Coded{Code: fmt.Sprintf("5001%03d", i%7), Name: "区市政设施管理所"}, Funds: decimal.MustDecimal(fmt.Sprintf("%d.%02d", i*7, i%100)),
			Indicators: make([]budget.Indicator, 6)}
		total = total.Add(p.Funds)
		ps = append(ps, p)
	}
	a := projectListArgs{"../../", ps, total, "区城市管理局 2024年项目支出绩效目标表一览", true}
	tm := ref.kinds["department"]
	b.Run("template", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		for i := 0; i < b.N; i++ {
			buf.Reset()
			if err := tm.ExecuteTemplate(&buf, "projectTable", a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = fastProjectTable(a)
		}
	})
}
