package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestImportedLayoutsSite is issue 11's site test: a new site imports
// other provinces' tables (a web-page form without weights, a workbook
// form with merged cells, the Sichuan flat list as a workbook and as a
// GB18030 CSV, each in a year of its own), builds, has no broken link,
// and every kind of page passes the browser checks (console, CSP, no
// request leaving the site, charts, axe-core WCAG 2.1 AA).
func TestImportedLayoutsSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "其他 地区")
	if code, _, errs := cli(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	cfg := filepath.Join(dir, "config.yaml")
	setConfig(t, cfg, "base_path", sitePrefix)
	fixtures := filepath.Join("..", "..", "generator", "layouts", "testdata")
	// Target forms and the flat list, and 绩效自评 tables of both styles
	// from four kinds of source (they make their projects from the 自评).
	for _, in := range [][]string{{"nanyue.html", "--year", "2018"}, {"wuhai.xlsx"}, {"flat.xlsx"}, {"zhaohua.xlsx"}, {"dongguan.html"},
		{"selfeval-daying.csv"}, {"selfeval-tianchang.html"}, {"selfeval-zhongjiang.xlsx"}, {"selfeval-hengshan.txt"}} {
		src, err := filepath.Abs(filepath.Join(fixtures, in[0]))
		if err != nil {
			t.Fatal(err)
		}
		args := append([]string{"--config", cfg, "import"}, in[1:]...)
		if code, out, errs := cli(t, append(args, src)...); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", in[0], code, out, errs)
		}
	}
	code, out, errs := cli(t, "--config", cfg, "build")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	public := filepath.Join(dir, "public")
	if pages := checkSiteLinks(t, public, sitePrefix); pages < 15 {
		t.Errorf("only %d pages", pages)
	}
	// One page of each kind, and every project page.
	pages := []sitePage{
		{Name: "index", Path: "index.html", Charts: 1, Screenshot: true},
		{Name: "download", Path: "download.html"},
		{Name: "search", Path: "search.html?q=%E6%BB%A1%E6%84%8F%E5%BA%A6"},
	}
	var projects []string
	for _, kind := range []string{"index.html", "department/*.html", "unit/*.html", "project/*.html"} {
		ms, _ := filepath.Glob(filepath.Join(public, "20*", filepath.FromSlash(kind)))
		sort.Strings(ms)
		for i, m := range ms {
			rel, _ := filepath.Rel(public, m)
			rel = filepath.ToSlash(rel)
			if kind == "project/*.html" {
				projects = append(projects, rel)
			} else if i > 0 {
				continue
			}
			name := strings.NewReplacer("/", "_", ".html", "").Replace(rel)
			pages = append(pages, sitePage{Name: name, Path: rel, Screenshot: kind == "project/*.html" && i == 0})
		}
	}
	if len(projects) < 4 {
		t.Fatalf("%d project pages", len(projects))
	}
	if _, err := os.Stat(filepath.Join(public, "data", "projects.json")); err != nil {
		t.Fatal(err)
	}
	// The imported 自评 show beside their targets; a funds breakdown and
	// 中期 indicators show on their projects' forms.
	evaluated, breakdowns, midterm := 0, 0, 0
	for _, rel := range projects {
		p := readPage(t, public, rel)
		if strings.Contains(p, "其中：") {
			breakdowns++
		}
		if strings.Contains(p, "中期绩效指标") {
			midterm++
		}
		if strings.Contains(p, "项目支出绩效自评") {
			evaluated++
			for _, want := range []string{"实际完成值", "完成情况", "预算执行情况", "mark mark-"} {
				if !strings.Contains(p, want) {
					t.Errorf("%s lacks %q", rel, want)
				}
			}
		}
	}
	if evaluated != 4 {
		t.Errorf("%d project pages show a 自评, want the 4 imported", evaluated)
	}
	if breakdowns == 0 || midterm != 1 {
		t.Errorf("%d pages show a funds breakdown, %d 中期 indicators (want some, and Dongguan's)", breakdowns, midterm)
	}
	t.Run("browser", func(t *testing.T) {
		chrome := findChrome(t)
		site, err := filepath.EvalSymlinks(public)
		if err != nil {
			t.Fatal(err)
		}
		runBrowserChecks(t, chrome, site, pages, "layouts-site")
	})
}
