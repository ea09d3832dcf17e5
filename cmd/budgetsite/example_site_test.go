package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// exampleConfig is the fictional example site of targets and 绩效自评.
var exampleConfig = filepath.Join("..", "..", "examples", "shiliqu", "config.yaml")

// buildExample builds the example site as the README says, into a
// temporary folder, and returns that folder.
func buildExample(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, errs := cli(t, "--config", exampleConfig, "build", "--out", out); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, errs)
	}
	return out
}

// TestExampleSite builds examples/shiliqu and reads its pages: every page
// says the data is fictional; project pages show each target with its
// result and the right mark; the summary, the unmatched results, and the
// statistics with their charts and data tables are there; a project
// without a 自评 shows none of it.
func TestExampleSite(t *testing.T) {
	public := buildExample(t)
	if pages := checkSiteLinks(t, public, sitePrefix); pages < 20 {
		t.Errorf("only %d pages", pages)
	}
	files := siteFiles(t, public)
	for name := range files {
		if strings.HasSuffix(name, ".html") && !strings.Contains(readPage(t, public, name), "示例数据，非真实预算信息") {
			t.Errorf("%s does not say the data is fictional", name)
		}
	}
	if !files["assets/css/evaluation.css"] {
		t.Error("assets/css/evaluation.css not published")
	}

	// Marks, results and scores beside their targets, as budget.Assess
	// judges them.
	for _, c := range []struct {
		page, level3 string
		want         []string // cells after the target's, in order
	}{
		{"2023/project/99990901T000000000021.html", "培训教师人次", []string{"1850人次", "18.5 / 20", "✗未达成", "部分培训因场地调整延期至次年。"}},
		{"2023/project/99990901T000000000021.html", "培训合格率", []string{"97.2%", "15 / 15", "✓达成", ""}},
		// 定性, less than full marks, a shortfall without a reason.
		{"2023/project/99990901T000000000021.html", "教师教学能力提升", []string{"有所提升", "22 / 30", "✗未达成", ""}},
		{"2023/project/99990901T000000000011.html", "改造成本", []string{"118.69万元", "5 / 5", "✓达成", ""}},
		// A target the 自评 printed otherwise than published (≥80% for ≥85%).
		{"2023/project/99990902T000000000031.html", "公路优良中等路率", []string{"81.6%", "12 / 15", "✗未达成!自评表的目标值为“≥80%”，与公开的目标不同", "汛期水毁路段较多，修复未完成。"}},
		// A number below its target: unmet although the score is blank.
		{"2023/project/99990902T000000000031.html", "水毁修复及时率", []string{"92%", "未填", "✗未达成", ""}},
		// 定性 without a score: nothing to judge by.
		{"2023/project/99990902T000000000031.html", "群众出行条件", []string{"改善", "未填", "?无法判断", ""}},
		// A target the 自评 has no result for.
		{"2024/project/99990901T000000000021.html", "培训完成时间", []string{"", "", "–未自评", ""}},
		{"2024/project/99990902T000000000031.html", "沿线群众满意度", []string{"83%", "未填", "✗未达成", "部分路段施工期间通行受限。"}},
	} {
		row := indicatorRow(t, public, c.page, c.level3)
		if len(row) < len(c.want) {
			t.Errorf("%s %s: row %q", c.page, c.level3, row)
			continue
		}
		if got := row[len(row)-len(c.want):]; strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s %s: result cells %q, want %q", c.page, c.level3, got, c.want)
		}
	}

	p := readPage(t, public, "2023/project/99990901T000000000021.html")
	for _, want := range []string{"项目支出绩效自评", "绩效自评：达成 2 项，未达成 4 项，无法判断 0 项", "<dd>86.55</dd>", "<dd>良</dd>", "<dd>90.45%</dd>",
		">财政拨款<", ">67.36<", ">91.03%<", "9.05 / 10", "年度总体目标实际完成情况", "完成培训 1850 人次", "评价结论", "存在问题", "改进措施", "提前落实培训场地",
		`href="../../assets/css/evaluation.css"`} {
		if !strings.Contains(p, want) {
			t.Errorf("2023 教师培训 page lacks %q", want)
		}
	}
	if strings.Contains(p, "自评表中未能与目标表对应的指标") {
		t.Error("2023 教师培训 lists unmatched results, but every result matches")
	}
	if p := readPage(t, public, "2023/project/99990902T000000000031.html"); !strings.Contains(p, "目标值与公开的不同</dt><dd>1 项") {
		t.Error("农村公路养护 2023 does not count its changed target")
	}
	if strings.Contains(p, "目标值与公开的不同") {
		t.Error("2023 教师培训 counts a changed target, but none changed")
	}
	p = readPage(t, public, "2024/project/99990901T000000000021.html")
	for _, want := range []string{"自评表中未能与目标表对应的指标", "培训按计划完成率", "未自评 1 项"} {
		if !strings.Contains(p, want) {
			t.Errorf("2024 教师培训 page lacks %q", want)
		}
	}
	p = readPage(t, public, "2024/project/99990902T000000000051.html")
	if n := strings.Count(p, `class="mark mark-none"`); n != 6 {
		t.Errorf("公交候车亭: %d targets marked 未自评, want all 6 (its results match none)", n)
	}
	// A project without a 自评 is the target table alone.
	p = readPage(t, public, "2023/project/99990902T000000000041.html")
	for _, bad := range []string{"项目支出绩效自评", "绩效自评：", "evaluation.css", "完成情况", "实际完成值"} {
		if strings.Contains(p, bad) {
			t.Errorf("桥梁定期检测 has no 自评 but its page shows %q", bad)
		}
	}

	// Statistics: exact numbers, charts with their data tables.
	for _, c := range []struct {
		page   string
		charts []string
		want   []string
	}{
		{"2024/index.html", []string{"chart_y_2024_score", "chart_y_2024_grade", "chart_y_2024_status", "chart_y_2024_exec", "chart_y_2024_evalhist"},
			// (97.83+91.8+85)/3; 535.15/555; 13 of 15 assessable.
			[]string{"<dd>4 / 4</dd>", "<dd>91.54</dd>", "<dd>96.42%</dd>", "<dd>86.67%</dd>", "历年绩效自评对比", "自评总分最低的项目", "未评等次"}},
		{"2023/index.html", []string{"chart_y_2023_score", "chart_y_2023_exec"},
			// (99.85+86.55+76.14)/3; 489.25/526.9.
			[]string{"<dd>3 / 4</dd>", "<dd>87.51</dd>", "<dd>92.85%</dd>"}},
		{"2023/unit/902001.html", []string{"chart_u_902001_score", "chart_u_902001_exec"}, []string{"<dd>1 / 2</dd>", "<dd>76.14</dd>", "<dd>91.36%</dd>"}},
		{"2023/department/901.html", []string{"chart_d_901_grade", "chart_d_901_evalhist"}, []string{"<dd>2 / 2</dd>", "<dd>93.20</dd>"}},
		{"index.html", []string{"chart_y_2024_score"}, []string{"<dd>91.54</dd>"}},
	} {
		p := readPage(t, public, c.page)
		for _, id := range c.charts {
			for _, part := range []string{`id="` + id + `"`, `<script type="application/json" id="` + id + `-opt">`, `<figcaption id="` + id + `-cap">`} {
				if !strings.Contains(p, part) {
					t.Errorf("%s lacks %s", c.page, part)
				}
			}
		}
		for _, want := range c.want {
			if !strings.Contains(p, want) {
				t.Errorf("%s lacks %q", c.page, want)
			}
		}
	}
	// The lowest-score table links the 2024 projects, lowest first; the
	// one without a total comes last.
	p = readPage(t, public, "2024/index.html")
	i, j, k := strings.Index(p, ">公交候车亭新建</a>"), strings.Index(p, "<th scope=\"row\"><a href=\"../2024/project/99990901T000000000021.html\">"), strings.LastIndex(p, ">农村公路日常养护</a>")
	if i < 0 || j < 0 || k < 0 || !(i < j && j < k) {
		t.Errorf("lowest-score table order: 公交候车亭 %d, 教师培训 %d, 农村公路 %d", i, j, k)
	}
}

func readPage(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// indicatorRow returns the text of each cell of the row of the indicator
// table whose 三级指标 is level3.
func indicatorRow(t *testing.T, dir, page, level3 string) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader([]byte(readPage(t, dir, page))))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	var walk func(n *html.Node, inTable bool)
	walk = func(n *html.Node, inTable bool) {
		if n.Type == html.ElementNode && n.Data == "table" && hasClass(n, "indicator-table") {
			inTable = true
		}
		if inTable && n.Type == html.ElementNode && n.Data == "tr" {
			var cells []string
			isRow := false
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					text := strings.TrimSpace(nodeText(c))
					cells = append(cells, text)
					if c.Data == "th" && attr(c, "scope") == "row" && text == level3 {
						isRow = true
					}
				}
			}
			if isRow {
				found = cells
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inTable)
		}
	}
	walk(doc, false)
	if found == nil {
		t.Errorf("%s: no indicator row %s", page, level3)
	}
	return found
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// examplePages are the example site's pages the browser opens: every
// kind, each project page with a 自评 and the one without.
var examplePages = []sitePage{
	{Name: "index", Path: "index.html", Charts: 6, Screenshot: true},
	{Name: "year-2023", Path: "2023/index.html", Charts: 6},
	{Name: "year-2024", Path: "2024/index.html", Charts: 6},
	{Name: "department-901", Path: "2023/department/901.html", Charts: 5},
	{Name: "department-902", Path: "2024/department/902.html", Charts: 5},
	{Name: "unit-901002", Path: "2023/unit/901002.html", Charts: 4, Screenshot: true},
	{Name: "unit-902001", Path: "2024/unit/902001.html", Charts: 4},
	{Name: "project-2023-99990901T000000000021", Path: "2023/project/99990901T000000000021.html", Charts: 1, Screenshot: true},
	{Name: "project-2023-99990902T000000000031", Path: "2023/project/99990902T000000000031.html", Charts: 1},
	{Name: "project-2023-99990902T000000000041", Path: "2023/project/99990902T000000000041.html", Charts: 1},
	{Name: "project-2024-99990901T000000000021", Path: "2024/project/99990901T000000000021.html", Charts: 1},
	{Name: "project-2024-99990902T000000000031", Path: "2024/project/99990902T000000000031.html", Charts: 1},
	{Name: "project-2024-99990902T000000000051", Path: "2024/project/99990902T000000000051.html", Charts: 1, Screenshot: true},
	{Name: "about", Path: "about.html"},
	{Name: "download", Path: "download.html"},
	{Name: "search", Path: "search.html?q=%E5%9F%B9%E8%AE%AD"},
	{Name: "404", Path: "404.html", HTTPPath: "2024/project/nope/x.html", Status: 404, HTTPOnly: true},
}

// TestExampleSiteBrowser runs the browser checks (console, CSP, no
// request leaving the site, charts drawn, links, axe-core WCAG 2.1 AA)
// on the example site's pages.
func TestExampleSiteBrowser(t *testing.T) {
	chrome := findChrome(t)
	public, err := filepath.EvalSymlinks(buildExample(t))
	if err != nil {
		t.Fatal(err)
	}
	runBrowserChecks(t, chrome, public, examplePages, "example-site")
}
