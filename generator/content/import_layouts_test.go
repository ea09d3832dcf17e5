package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/grid"
	"budgetsite/generator/layouts"
	"budgetsite/generator/tables"
)

// layoutFixture is a fixture of package layouts.
func layoutFixture(name string) string { return filepath.Join("..", "layouts", "testdata", name) }

// TestImportLayouts imports a form as a web page, a form as a workbook
// with merged cells, and the flat list as a workbook and as a GB18030
// CSV (one at a time: the two hold the same projects, so together they
// are duplicate codes). Each project is written where its year and code
// say, reads back as the project the layout gave, and re-importing
// changes nothing. The notes tell the publisher which codes were made.
func TestImportLayouts(t *testing.T) {
	for _, tc := range []struct {
		files []string
		year  int
		paths []string
	}{
		{[]string{"nanyue.html", "zhaohua.xlsx", "wuhai.xlsx"}, 2018,
			[]string{"2018/X7F40F9F91058A083.md", "2021/X3BCE0660A4016E04.md", "2021/XF6F1CF553DB71454.md"}},
		{[]string{"flat.xlsx"}, 0, []string{"2023/X3F2B5142BB4F7F2A.md", "2023/X0D383EA66912049A.md", "2023/XE20F42127A389037.md"}},
		{[]string{"flat.csv", "chongqing.csv"}, 0,
			[]string{"2023/X3F2B5142BB4F7F2A.md", "2023/X0D383EA66912049A.md", "2023/XE20F42127A389037.md", "2022/500110T101.md", "2023/500110T103.md"}},
	} {
		t.Run(strings.Join(tc.files, "+"), func(t *testing.T) {
			var files []string
			var want []budget.Project
			for _, f := range tc.files {
				files = append(files, layoutFixture(f))
				want = append(want, layoutProjects(t, layoutFixture(f), tc.year)...)
			}
			dir := filepath.Join(t.TempDir(), "content")
			res, err := Import(files, dir, tables.ParseOptions{Year: tc.year}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Projects != len(tc.paths) || len(res.Written) != len(tc.paths) {
				t.Fatalf("imported %d, wrote %v", res.Projects, res.Written)
			}
			for i, rel := range tc.paths {
				path := filepath.Join(dir, filepath.FromSlash(rel))
				f, err := os.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				got, err := Parse(f, path)
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
				w := want[i]
				got.File, got.Lines = "", nil
				for j := range got.Indicators {
					got.Indicators[j].Line, w.Indicators[j].Line = 0, 0
				}
				if !reflect.DeepEqual(canonicalJSON(t, *got), canonicalJSON(t, w)) {
					t.Errorf("%s reads back as\n%s\nwant\n%s", rel, canonicalJSON(t, *got), canonicalJSON(t, w))
				}
			}
			if tc.files[0] == "nanyue.html" {
				// A content file with the optional fields, as the format
				// documents them.
				got, err := os.ReadFile(filepath.Join(dir, "2021", "XF6F1CF553DB71454.md"))
				if err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", "golden", "import-wuhai.md")
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if want, err := os.ReadFile(golden); err != nil || string(want) != string(got) {
					t.Errorf("the content file of wuhai.xlsx differs from %s (rerun with -update if intended):\n%s", golden, got)
				}
			}
			if !strings.Contains(res.Notes.Error(), "没有项目编码，已生成编码 X3F2B5142BB4F7F2A") && tc.files[0] != "nanyue.html" {
				t.Errorf("notes:\n%v", res.Notes)
			}
			again, err := Import(files, dir, tables.ParseOptions{Year: tc.year}, nil)
			if err != nil || len(again.Written) != 0 || len(again.Unchanged) != len(tc.paths) {
				t.Errorf("re-import: %v, wrote %v", err, again.Written)
			}
		})
	}
}

func layoutProjects(t *testing.T, path string, year int) []budget.Project {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	grids, err := grid.Read(path, f)
	if err != nil {
		t.Fatal(err)
	}
	ps, _, err := layouts.Projects(grids, layouts.Options{Year: year})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// TestImportLayoutsRefused: a bad workbook stops the whole import, with
// its cell named, and nothing is written; the same table twice is a
// duplicate code named by sheet and cell.
func TestImportLayoutsRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	good := filepath.Join("..", "tables", "testdata", "import", "variants.txt")
	_, err := Import([]string{good, layoutFixture("form.xlsx")}, dir, tables.ParseOptions{}, nil)
	if err == nil || !strings.Contains(err.Error(), "form.xlsx!乌海!A2: 找到指标表头，但没有找到“项目名称”") {
		t.Fatalf("error %v", err)
	}
	if _, statErr := os.Stat(dir); statErr == nil {
		t.Error("content folder written despite the error")
	}
	copyTo := filepath.Join(t.TempDir(), "again.xlsx")
	b, _ := os.ReadFile(layoutFixture("flat.xlsx"))
	if err := os.WriteFile(copyTo, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Import([]string{layoutFixture("flat.xlsx"), copyTo}, dir, tables.ParseOptions{}, nil)
	if err == nil || !strings.Contains(err.Error(), "again.xlsx!Sheet1!B5: 项目编码 X3F2B5142BB4F7F2A 重复："+layoutFixture("flat.xlsx")+"!Sheet1!B5 已有同一编码的项目") {
		t.Fatalf("error %v", err)
	}
	pdf := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Import([]string{pdf}, dir, tables.ParseOptions{}, nil)
	if err == nil || !strings.Contains(err.Error(), "PDF 文件不能直接读取") {
		t.Fatalf("error %v", err)
	}
}

// TestPlanIsImportWithoutWriting: Plan returns the projects Import
// writes, in input order, marks the codes made for tables that print
// none, reports Import's notes and errors, and creates nothing.
func TestPlanIsImportWithoutWriting(t *testing.T) {
	files := []string{layoutFixture("flat.csv"), layoutFixture("chongqing.csv")}
	plan, err := Plan(files, tables.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	var derived []bool
	for _, p := range plan.Projects {
		codes = append(codes, yearCode(p))
		derived = append(derived, p.DerivedCode)
	}
	if want := []string{"2023/X3F2B5142BB4F7F2A", "2023/X0D383EA66912049A", "2023/XE20F42127A389037", "2022/500110T101", "2023/500110T103"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("planned %v, want %v", codes, want)
	}
	if want := []bool{true, true, true, false, false}; !reflect.DeepEqual(derived, want) {
		t.Errorf("derived codes %v, want %v", derived, want)
	}
	if !reflect.DeepEqual(plan.Years, []int{2022, 2023}) {
		t.Errorf("years %v", plan.Years)
	}
	if plan.Projects[0].From != files[0] || plan.Projects[3].From != files[1] {
		t.Errorf("from %q, %q", plan.Projects[0].From, plan.Projects[3].From)
	}

	dir := filepath.Join(t.TempDir(), "content")
	res, err := Import(files, dir, tables.ParseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Notes) == 0 || !reflect.DeepEqual(plan.Notes, res.Notes) {
		t.Errorf("plan notes %v, import notes %v", plan.Notes, res.Notes)
	}
	for _, p := range plan.Projects {
		path := filepath.Join(dir, filepath.FromSlash(yearCode(p))+".md")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Marshal(&p.Project)
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != string(want) {
			t.Errorf("%s differs from the planned project", path)
		}
	}

	// Errors are Import's.
	if _, err := Plan([]string{files[0], files[0]}, tables.ParseOptions{}); err == nil || !strings.Contains(err.Error(), "项目编码 X3F2B5142BB4F7F2A 重复") {
		t.Errorf("duplicate codes: %v", err)
	}
}

func yearCode(p Planned) string { return strconv.Itoa(p.Year) + "/" + p.Code }
