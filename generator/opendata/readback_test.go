package opendata

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/internal/testkit"

	"github.com/xuri/excelize/v2"
)

// writeTables writes the site's projects.csv, indicators.csv and
// results.csv into dir, as the build does.
func writeTables(t *testing.T, dir string, ps []*budget.Project) map[string]string {
	t.Helper()
	prows, irows, rrows := tableRows(ps)
	files := map[string]string{}
	for name, c := range map[string]struct {
		cols []*Field
		rows []tableRow
	}{"projects.csv": {ProjectColumns, prows}, "indicators.csv": {IndicatorColumns, irows}, "results.csv": {ResultColumns, rrows}} {
		var b bytes.Buffer
		testkit.Must(t, writeCSV(&b, c.cols, c.rows))
		files[name] = b.String()
	}
	testkit.WriteFiles(t, dir, files)
	return files
}

// TestReadBackFull reads the fixture with every optional field back from
// the three tables and compares the model field by field.
func TestReadBackFull(t *testing.T) {
	p := fullProject(t)
	dir := t.TempDir()
	writeTables(t, dir, []*budget.Project{p})
	own, rest, err := ReadBack([]string{dir, "other.txt"})
	testkit.Must(t, err)
	if len(rest) != 1 || rest[0] != "other.txt" || len(own) != 1 {
		t.Fatalf("own %d, rest %q", len(own), rest)
	}
	got := own[0].Project
	if got.File, got.Lines = p.File, p.Lines; testkit.DumpProjects([]budget.Project{got}) != testkit.DumpProjects([]budget.Project{*p}) {
		t.Errorf("read back\n%s\nwant\n%s", testkit.DumpProjects([]budget.Project{got}), testkit.DumpProjects([]budget.Project{*p}))
	}
	if s := formatBreakdown(got.Evaluation.Budget.Breakdown); s != formatBreakdown(p.Evaluation.Budget.Breakdown) || s == "" {
		t.Errorf("breakdown %s", s)
	}
}

// TestReadBackErrors: bad cells and missing tables are named with their
// file and line, in Chinese, and other files are left to the importers.
func TestReadBackErrors(t *testing.T) {
	p := fullProject(t)
	for _, c := range []struct {
		name, file, old, new string
		only                 []string // the tables given; all three when nil
		want                 string
	}{
		{"amount", "projects.csv", ",120.5000,", ",12O.5,", nil, "projects.csv:2"},
		{"count", "projects.csv", ",5,", ",6,", nil, "指标数为 6"},
		{"no indicators", "", "", "", []string{"projects.csv"}, "缺少指标表"},
		{"no results", "", "", "", []string{"projects.csv", "indicators.csv"}, "results.csv"},
		{"unknown project", "indicators.csv", "51010023T000000777001", "X1", nil, "indicators.csv:2"},
		{"score", "results.csv", ",30,30,", ",30,满分,", nil, "results.csv:2"},
		{"breakdown", "projects.csv", `""source"":""财政资金""`, `""src"":""财政资金""`, nil, "预算执行明细"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			files := writeTables(t, dir, []*budget.Project{p})
			if c.file != "" {
				if !strings.Contains(files[c.file], c.old) {
					t.Fatalf("%s lacks %q", c.file, c.old)
				}
				testkit.WriteFiles(t, dir, map[string]string{c.file: strings.Replace(files[c.file], c.old, c.new, 1)})
			}
			names := []string{dir}
			if c.only != nil {
				names = nil
				for _, n := range c.only {
					names = append(names, filepath.Join(dir, n))
				}
			}
			_, _, err := ReadBack(names)
			var list budget.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v, want a list of publishers' errors", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not name %q", err, c.want)
			}
			for _, e := range list {
				testkit.AssertChineseError(t, e)
			}
		})
	}
	// A CSV file of another shape is not ours: the importers read it.
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, map[string]string{"list.csv": "年度,项目编码\r\n2022,X\r\n"})
	own, rest, err := ReadBack([]string{filepath.Join(dir, "list.csv")})
	if err != nil || own != nil || len(rest) != 1 {
		t.Errorf("another CSV: own %v, rest %q, err %v", own, rest, err)
	}
}

// FuzzReadBack feeds arbitrary tables under our headers to the read-back
// parser: it must not panic, and what it refuses it refuses with a
// publisher's error.
func FuzzReadBack(f *testing.F) {
	head := func(cols []*Field) string { return string(csvHeader(cols)) }
	f.Add(head(ProjectColumns)+strings.Repeat(",", len(ProjectColumns)-1)+"\r\n", head(IndicatorColumns))
	f.Add(head(ProjectColumns)+"2022,A1,名,1,部门,2,单位,1.50,,,,概况 \\*,,1,0,p,,财政：1,,,,,,,,,,,,,,,,,,,,,\r\n",
		head(IndicatorColumns)+"2022,A1,名,1,部门,2,单位,1,产出指标,数量指标,x,3,=,个,0,,,,,\r\n")
	f.Add(head(ProjectColumns)+"\"2022\n\",\"\"\r\n", "\ufeff年度\r\n")
	f.Fuzz(func(t *testing.T, projects, indicators string) {
		dir := t.TempDir()
		testkit.WriteFiles(t, dir, map[string]string{"projects.csv": projects, "indicators.csv": indicators})
		own, _, err := ReadBack([]string{filepath.Join(dir, "projects.csv"), filepath.Join(dir, "indicators.csv")})
		if err != nil {
			var list budget.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %T %v, want a budget.ErrorList", err, err)
			}
			return
		}
		for _, o := range own {
			if !budget.ValidCode(o.Code) {
				t.Fatalf("read back an invalid code %q", o.Code)
			}
		}
	})
}

// TestLooksLikeOwnXLSX: only a workbook with exactly budget.xlsx's
// sheets is read as our own before the importers see it.
func TestLooksLikeOwnXLSX(t *testing.T) {
	for _, c := range []struct {
		sheets []string
		want   bool
	}{
		{[]string{"项目", "指标", "自评"}, true},
		{[]string{"项目", "指标"}, false},
		{[]string{"Sheet1"}, false},
		{[]string{"指标", "项目", "自评"}, false},
	} {
		f := excelize.NewFile()
		for i, name := range c.sheets {
			if i == 0 {
				f.SetSheetName("Sheet1", name)
			} else if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		if got := looksLikeOwnXLSX(b.Bytes()); got != c.want {
			t.Errorf("sheets %v: %v, want %v", c.sheets, got, c.want)
		}
	}
	if looksLikeOwnXLSX([]byte("not a zip")) {
		t.Error("a file that is no zip looks like budget.xlsx")
	}
}
