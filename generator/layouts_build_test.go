package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetsite/generator/content"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/tables"
)

// TestBuildImportedLayouts imports other districts' tables (a web page
// form without weights, a workbook form with merged cells and weights,
// the Sichuan flat list in 元) and builds their site: it must build, an
// unweighted table shows no 权重 column, amounts show in 万元 exactly, and
// incremental equals cold.
func TestBuildImportedLayouts(t *testing.T) {
	contentDir := filepath.Join(t.TempDir(), "content")
	var files []string
	for _, f := range []string{"nanyue.html", "wuhai.xlsx", "flat.xlsx"} {
		files = append(files, filepath.Join("layouts", "testdata", f))
	}
	res, err := content.Import(files, contentDir, tables.ParseOptions{Year: 2018}, nil) // the page names no year
	if err != nil {
		t.Fatal(err)
	}
	if res.Projects < 4 {
		t.Fatalf("imported %d projects", res.Projects)
	}
	cfg := testConfig(t, contentDir)
	cfg.Privacy.Redact = nil
	r := build(t, cfg)
	if r.Projects != res.Projects {
		t.Fatalf("built %d of %d projects", r.Projects, res.Projects)
	}
	pages := testkit.ReadTree(t, cfg.OutDir)
	weighted, unweighted := 0, 0
	sawAmount := false
	for path, b := range pages {
		if !strings.Contains(path, "/project/") || !strings.HasSuffix(path, ".html") {
			continue
		}
		page := string(b)
		if strings.Contains(page, `id="h-weight"`) {
			weighted++
		} else {
			unweighted++
			if strings.Contains(page, "权重合计") {
				t.Errorf("%s: an unweighted table shows a weight total", path)
			}
		}
		sawAmount = sawAmount || strings.Contains(page, "330.984")
	}
	if weighted == 0 || unweighted == 0 {
		t.Errorf("%d weighted and %d unweighted project pages; want both", weighted, unweighted)
	}
	if !sawAmount {
		t.Error("no project page shows 3,309,840.00 元 as 330.984 万元")
	}

	// Wuhai's form prints 指标方向 and 备注: the page shows both columns,
	// headed as the others, the remark last after 权重 and under the
	// weight total an empty cell; it prints no 绩效标准, so no such column.
	// A value cell shows what the workbook displayed (“0” for 0.25 under
	// its number format).
	wuhai := string(pages["2021/project/XF6F1CF553DB71454.html"])
	for _, want := range []string{
		`<th scope="col" id="h-unit">度量单位</th><th scope="col" id="h-direction">指标方向</th><th scope="col" id="h-weight" class="num">权重</th><th scope="col" id="h-remark">备注</th></tr>`,
		`<th scope="row" id="ind-13" headers="h-l3 l1-13 l2-13">服务对象满意度</th><td class="num" headers="h-value l1-13 l2-13 ind-13">90</td>`,
		`<td headers="h-direction l1-13 l2-13 ind-13">正向</td><td class="num" headers="h-weight l1-13 l2-13 ind-13">10</td><td headers="h-remark l1-13 l2-13 ind-13">抽样调查</td></tr>`,
		`出差单位成本</th><td class="num" headers="h-value l1-1 l2-7 ind-7">0</td>`,
		`<td headers="h-direction l1-1 l2-7 ind-7">反向</td>`,
		`<tr><th scope="row" colspan="7">权重合计</th><td class="num">90</td><td></td></tr></tfoot>`,
	} {
		if !strings.Contains(wuhai, want) {
			t.Errorf("wuhai page lacks %s", want)
		}
	}
	if strings.Contains(wuhai, "h-standard") || strings.Contains(wuhai, "总体目标") {
		t.Error("wuhai page shows a 绩效标准 column or a 总体目标 row it has none of")
	}
	// Nanyue's page prints its values with the operator and unit, as
	// published, and shows none of the optional columns.
	var nanyue string
	for path, b := range pages {
		if strings.Contains(path, "/project/") && strings.Contains(string(b), "&gt;=1102人") {
			nanyue = string(b)
		}
	}
	if nanyue == "" {
		t.Error("no project page shows the printed value >=1102人")
	}
	for _, col := range []string{"h-direction", "h-standard", "h-remark"} {
		if strings.Contains(nanyue, col) {
			t.Errorf("nanyue page has a %s column, though no indicator has one", col)
		}
	}
	// projects.json carries what the pages show.
	data := string(pages["data/projects.json"])
	for _, want := range []string{`"weight":10,"direction":"正向","remark":"抽样调查"}`, `"direction":"反向","printed":"0"}`, `"printed":">=1102人"}`} {
		if !strings.Contains(data, want) {
			t.Errorf("projects.json lacks %s", want)
		}
	}
	// Rebuild after an edit equals a cold build.
	ms, _ := filepath.Glob(filepath.Join(contentDir, "*", "*.md"))
	b, err := os.ReadFile(ms[0])
	testkit.Must(t, err)
	testkit.Must(t, os.WriteFile(ms[0], []byte(strings.Replace(string(b), "\nname: ", "\nname: 改", 1)), 0o644))
	build(t, cfg)
	assertEqualsCold(t, cfg)
}
