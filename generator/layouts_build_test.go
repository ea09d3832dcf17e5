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
	// Rebuild after an edit equals a cold build.
	ms, _ := filepath.Glob(filepath.Join(contentDir, "*", "*.md"))
	b, err := os.ReadFile(ms[0])
	testkit.Must(t, err)
	testkit.Must(t, os.WriteFile(ms[0], []byte(strings.Replace(string(b), "\nname: ", "\nname: 改", 1)), 0o644))
	build(t, cfg)
	assertEqualsCold(t, cfg)
}
