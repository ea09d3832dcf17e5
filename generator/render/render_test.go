package render

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/site"
)

func testSite() *site.Site {
	mk := func(code, unit string) *budget.Project {
		return &budget.Project{Code: code, Name: "项目" + code, Year: 2022, File: "content/2022/" + code + ".md",
			Department: budget.Coded{Code: "103", Name: "部门"}, Unit: budget.Coded{Code: unit, Name: "单位" + unit},
			Funds:      decimal.MustDecimal("1.5"),
			Indicators: []budget.Indicator{{Level1: "产出指标", Level2: "数量指标", Level3: "事项", Value: "1", Operator: "=", Unit: "个", Weight: decimal.MustDecimal("90")}}}
	}
	ps := []*budget.Project{mk("A1", "103001"), mk("A2", "103001"), mk("B1", "103002")}
	return site.NewSite(site.Settings{Title: "测试", PubDate: "2022-02-15"}, ps, nil)
}

// TestPagesDeclareTheirInputs: every page is planned once, and a project
// page depends on its project only, an agency page on its agency's.
func TestPagesDeclareTheirInputs(t *testing.T) {
	s := testSite()
	tmpl, err := LoadTemplates(SiteLayers(""), true)
	if err != nil {
		t.Fatal(err)
	}
	pages := New(s, tmpl, nil).Pages()
	byPath := map[string]Page{}
	for _, p := range pages {
		if _, dup := byPath[p.Path]; dup {
			t.Errorf("%s planned twice", p.Path)
		}
		byPath[p.Path] = p
	}
	for _, want := range []string{"index.html", "2022/index.html", "2022/department/103.html", "2022/unit/103001.html",
		"2022/unit/103002.html", "2022/project/A1.html", "2022/project/B1.html", DownloadPagePath, "search.html", "404.html"} {
		if _, ok := byPath[want]; !ok {
			t.Errorf("%s not planned", want)
		}
	}
	if in := byPath["2022/project/A1.html"].Inputs; len(in.Projects) != 1 || in.Projects[0].Code != "A1" {
		t.Errorf("project page inputs %v", in.Projects)
	}
	if in := byPath["2022/unit/103001.html"].Inputs; len(in.Projects) != 2 {
		t.Errorf("unit page depends on %d projects, want its 2", len(in.Projects))
	}
	b, err := byPath["2022/project/A1.html"].Render()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`lang="zh-CN"`, "项目A1", "单位103001"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("project page lacks %s", want)
		}
	}
}

// TestLayersOverrideFileByFile: a site's file replaces the default of the
// same path and adds new ones; hidden files are ignored.
func TestLayersOverrideFileByFile(t *testing.T) {
	low := fstest.MapFS{"assets/a.css": {Data: []byte("low")}, "assets/b.css": {Data: []byte("b")}}
	high := fstest.MapFS{"assets/a.css": {Data: []byte("high")}, "assets/c.css": {Data: []byte("c")}, "assets/.x": {Data: []byte("x")}}
	paths, owner := Layers{low, high}.Files("assets")
	if strings.Join(paths, ",") != "assets/a.css,assets/b.css,assets/c.css" {
		t.Fatalf("paths %v", paths)
	}
	if owner["assets/a.css"].(fstest.MapFS)["assets/a.css"].Data[0] != 'h' {
		t.Error("the site's file did not win")
	}
}

// TestAssetsNeedTheChartsBundle: without the ECharts bundle, Assets says
// in Chinese how to get it.
func TestAssetsNeedTheChartsBundle(t *testing.T) {
	_, err := Assets(Layers{fstest.MapFS{"assets/css/site.css": {Data: []byte("p{}")}}}, nil)
	var e *budget.Error
	if !errors.As(err, &e) || e.File != EchartsAsset || !strings.Contains(e.Hint, "npm ci") {
		t.Fatalf("error %v", err)
	}
}

// TestProjectPageShowsImportedFields: 总体目标 is a row of the form when
// set; the 指标值 cell shows the value as printed when the importer kept
// it; a 绩效标准 column appears only when an indicator has a standard, its
// cells headed as the others, and a table without such fields renders
// none of them.
func TestProjectPageShowsImportedFields(t *testing.T) {
	render := renderProject(t)
	p := &budget.Project{Code: "A1", Name: "项目", Year: 2022, File: "content/2022/A1.md",
		Department: budget.Coded{Code: "103", Name: "部门"}, Unit: budget.Coded{Code: "103001", Name: "单位"},
		Funds: decimal.MustDecimal("1.5"), OverallGoal: "三年内覆盖全部村居", AnnualGoal: "当年覆盖一半",
		Indicators: []budget.Indicator{
			{Level1: "产出指标", Level2: "数量指标", Level3: "覆盖村居", Value: "85", Operator: "≥", Unit: "%", Printed: "≥85%", Standard: "计划标准"},
			{Level1: "产出指标", Level2: "数量指标", Level3: "培训人次", Value: "100", Operator: "=", Unit: "人次"},
		}}
	page := render(p)
	for _, want := range []string{
		`<tr><th scope="row">总体目标</th><td colspan="3">三年内覆盖全部村居</td></tr><tr><th scope="row">项目当年绩效目标</th>`,
		`<th scope="col" id="h-unit">度量单位</th><th scope="col" id="h-standard">绩效标准</th></tr>`,
		`<td class="num" headers="h-value l1-1 l2-1 ind-1">≥85%</td>`,
		`<td headers="h-standard l1-1 l2-1 ind-1">计划标准</td></tr>`,
		`<td class="num" headers="h-value l1-1 l2-1 ind-2">100</td>`,
		`<td headers="h-standard l1-1 l2-1 ind-2"></td></tr>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	for _, absent := range []string{"h-direction", "h-remark", "h-weight", "权重合计"} {
		if strings.Contains(page, absent) {
			t.Errorf("page has %s, though no indicator has one", absent)
		}
	}

	p.OverallGoal, p.Indicators[0].Printed, p.Indicators[0].Standard = "", "", ""
	page = render(p)
	if strings.Contains(page, "总体目标") || strings.Contains(page, "h-standard") || strings.Contains(page, "≥85%") {
		t.Error("a project without the optional fields shows them")
	}
	if !strings.Contains(page, `<td class="num" headers="h-value l1-1 l2-1 ind-1">85</td>`) {
		t.Error("without a printed value the cell does not show the value")
	}
}

// renderProject returns a function rendering a project's page alone.
func renderProject(t *testing.T) func(p *budget.Project) string {
	return func(p *budget.Project) string {
		t.Helper()
		tmpl, err := LoadTemplates(SiteLayers(""), true)
		if err != nil {
			t.Fatal(err)
		}
		s := site.NewSite(site.Settings{Title: "测试", PubDate: "2022-02-15"}, []*budget.Project{p}, nil)
		for _, pg := range New(s, tmpl, nil).Pages() {
			if pg.Path == "2022/project/"+p.Code+".html" {
				b, err := pg.Render()
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
		}
		t.Fatal("no project page")
		return ""
	}
}

// TestProjectPageShowsBreakdownAndPeriods: the funds breakdown is listed
// in the 资金总额 row, and 中期 indicators are a row group of their own
// before the year's, each titled, the 一级 cells not merged across them.
func TestProjectPageShowsBreakdownAndPeriods(t *testing.T) {
	render := renderProject(t)
	p := &budget.Project{Code: "A1", Name: "项目", Year: 2022, File: "content/2022/A1.md",
		Department: budget.Coded{Code: "103", Name: "部门"}, Unit: budget.Coded{Code: "103001", Name: "单位"},
		Funds:          decimal.MustDecimal("210"),
		FundsBreakdown: []budget.Fund{{Source: "财政拨款", Amount: decimal.MustDecimal("200")}, {Source: "其他资金", Amount: decimal.MustDecimal("10")}},
		OverallGoal:    "三年内完成29个项目", AnnualGoal: "当年完成3个项目结算",
		Indicators: []budget.Indicator{
			{Level1: "产出指标", Level2: "数量指标", Level3: "完成项目数", Value: "29", Operator: "=", Unit: "个", Period: "中期"},
			{Level1: "产出指标", Level2: "数量指标", Level3: "结算项目数", Value: "3", Operator: "=", Unit: "个"},
			{Level1: "产出指标", Level2: "质量指标", Level3: "结算误差率", Value: "±3%以内", Operator: "定性"},
		}}
	page := render(p)
	for _, want := range []string{
		`<td class="num">210<br><small class="funds-breakdown">其中：财政拨款 200 万元；其他资金 10 万元</small></td>`,
		`<tbody><tr class="period"><th scope="rowgroup" colspan="6">中期绩效指标</th></tr>`,
		`<th scope="rowgroup" id="l1-1" headers="h-l1">产出指标</th>`,
		`</tbody><tbody><tr class="period"><th scope="rowgroup" colspan="6">年度绩效指标</th></tr>`,
		`<th scope="rowgroup" id="l1-2" headers="h-l1" rowspan="2">产出指标</th>`,
		`绩效指标（共 3 项`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	p.FundsBreakdown = nil
	for i := range p.Indicators {
		p.Indicators[i].Period = ""
	}
	page = render(p)
	for _, absent := range []string{"funds-breakdown", "其中：", `class="period"`, "中期绩效指标", "年度绩效指标"} {
		if strings.Contains(page, absent) {
			t.Errorf("a project without a breakdown or periods shows %s", absent)
		}
	}
	if strings.Count(page, "<tbody>") != 2 { // the form's and the indicators'
		t.Errorf("%d tbody elements", strings.Count(page, "<tbody>"))
	}
}
