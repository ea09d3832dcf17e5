package generator

import (
	"budgetsite/generator/content"
	"budgetsite/generator/tables"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestMultiYear builds the 2022 sample together with a hand-made 2023 file
// (testdata/multiyear/2023.txt: two projects continue with the same code,
// one continues under a new code, two are new, one in a new department).
func TestMultiYear(t *testing.T) {
	single := testConfig(t, importSample(t))
	build(t, single)

	contentDir := importSample(t)
	if _, err := content.Import([]string{"testdata/multiyear/2023.txt"}, contentDir, tables.ParseOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, contentDir)
	build(t, cfg)
	read := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(cfg.OutDir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	// Publishing 2023 moves no 2022 URL.
	oldPages := htmlUnder(t, filepath.Join(single.OutDir, "2022"))
	newPages := htmlUnder(t, filepath.Join(cfg.OutDir, "2022"))
	if strings.Join(oldPages, "\n") != strings.Join(newPages, "\n") {
		t.Errorf("2022 pages changed when 2023 was added:\nbefore %v\nafter  %v", oldPages, newPages)
	}

	index := read("index.html")
	for _, want := range []string{`href="2023/index.html"`, `href="2022/index.html"`, "2023年概览"} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}

	// Same code in both years.
	p23 := read("2023/project/50011021T000000048438.html")
	if !strings.Contains(p23, `href="../../2022/project/50011021T000000048438.html"`) {
		t.Error("2023 page of 048438 does not link its 2022 page")
	}
	if !strings.Contains(read("2022/project/50011021T000000048438.html"), `href="../../2023/project/50011021T000000048438.html"`) {
		t.Error("2022 page of 048438 does not link its 2023 page")
	}
	if !strings.Contains(p23, "chart_p_50011021T000000048438_history") {
		t.Error("no funds-over-years chart on a project that appears in two years")
	}
	// A new code for the same unit and name (信息调研).
	if !strings.Contains(read("2023/project/50011023T000000201001.html"), `href="../../2022/project/50011022T000000155489.html"`) {
		t.Error("renumbered project 信息调研 does not link its 2022 page")
	}
	// A project only in 2023 has no history section.
	if strings.Contains(read("2023/project/50011023T000000201002.html"), `id="history-h"`) {
		t.Error("a new project shows a history section")
	}

	// Department 103: 857.54 in 2022, 72.5+90+50+25.8 = 238.3 in 2023.
	d23 := read("2023/department/103.html")
	for _, want := range []string{"857.54", "238.3", "-619.24", "-72.21%", `href="../../2022/department/103.html"`} {
		if !strings.Contains(d23, want) {
			t.Errorf("2023 department 103 page lacks %q", want)
		}
	}
	// The year page compares with the year before: 2023 has 5 projects,
	// 72.5+90+50+25.8+38.26 = 276.56.
	y23 := read("2023/index.html")
	for _, want := range []string{"276.56", "-580.98", "-67.75%"} {
		if !strings.Contains(y23, want) {
			t.Errorf("2023 year page lacks %q", want)
		}
	}

	var ex struct {
		Projects []struct {
			Year int    `json:"year"`
			Code string `json:"code"`
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(read("data/projects.json")), &ex); err != nil {
		t.Fatal(err)
	}
	years := map[int]int{}
	for _, p := range ex.Projects {
		years[p.Year]++
	}
	if years[2022] != 14 || years[2023] != 5 {
		t.Errorf("projects.json has %v per year, want 14 in 2022 and 5 in 2023", years)
	}
	if ex.Projects[0].Year != 2023 {
		t.Error("projects.json does not list the newest year first")
	}
}

func htmlUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}
