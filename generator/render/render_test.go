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
	_, err := Assets(Layers{fstest.MapFS{"assets/css/site.css": {Data: []byte("p{}")}}})
	var e *budget.Error
	if !errors.As(err, &e) || e.File != EchartsAsset || !strings.Contains(e.Hint, "npm ci") {
		t.Fatalf("error %v", err)
	}
}
