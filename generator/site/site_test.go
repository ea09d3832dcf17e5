package site

import (
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
)

func project(year int, code, dept, unit, name, funds string) *budget.Project {
	return &budget.Project{Year: year, Code: code, Name: name, Funds: decimal.MustDecimal(funds),
		Department: budget.Coded{Code: dept, Name: "部门" + dept}, Unit: budget.Coded{Code: unit, Name: "单位" + unit}}
}

func testSite() *Site {
	ps := []*budget.Project{
		project(2023, "A1", "103", "103001", "网络运维", "12.5"),
		project(2023, "N1", "103", "103002", "新项目", "1"),
		project(2022, "A1", "103", "103001", "网络运维", "10"),
		// Renumbered by the budget system: same unit and name.
		project(2022, "B9", "103", "103002", "新项目", "0.50"),
		project(2022, "C1", "104", "104001", "其他", "2.25"),
	}
	budget.SortProjects(ps)
	return NewSite(Settings{Title: "测试"}, ps, nil)
}

// TestNewSiteGroupsExactly: years newest first, agencies per year, exact
// totals as written.
func TestNewSiteGroupsExactly(t *testing.T) {
	s := testSite()
	if len(s.Years) != 2 || s.Years[0].Year != 2023 || s.Year(2022) != s.Years[1] || s.Year(2021) != nil {
		t.Fatalf("years %v", s.Years)
	}
	y := s.Year(2022)
	if y.Total.String() != "12.75" || len(y.Departments) != 2 || len(y.Units) != 3 {
		t.Errorf("2022: total %s, %d departments, %d units", y.Total, len(y.Departments), len(y.Units))
	}
	d := y.Departments[0]
	if d.Code != "103" || d.Total.String() != "10.50" || len(d.Units) != 2 || d.Units[0].Department != d {
		t.Errorf("department 103: %+v", d)
	}
}

// TestHistoryFollowsCodesAndRenumbering: a project continues by code, or
// by unit and name when the budget system renumbered it.
func TestHistoryFollowsCodesAndRenumbering(t *testing.T) {
	s := testSite()
	byCode := map[string]*budget.Project{}
	for _, p := range s.Projects {
		byCode[p.Code+"/"+string(rune('0'+p.Year%10))] = p
	}
	if h := s.ProjectHistory(byCode["A1/3"]); len(h) != 2 || h[0].Year != 2022 {
		t.Errorf("A1 history %v", h)
	}
	if h := s.ProjectHistory(byCode["N1/3"]); len(h) != 2 || h[0].Code != "B9" {
		t.Errorf("renumbered project's history %v", h)
	}
	if h := s.ProjectHistory(byCode["C1/2"]); h != nil {
		t.Errorf("a one-year project has history %v", h)
	}
	ch := YearChanges(s, 2023)
	if len(ch) != 2 || ch[1].Year != 2023 || !ch[1].HasPrev || ch[1].Delta.String() != "0.75" || ch[1].Percent != "+5.88%" || !ch[1].Current {
		t.Errorf("year changes %+v", ch)
	}
	if Signed(decimal.MustDecimal("1.50")) != "+1.50" || Signed(decimal.MustDecimal("-2")) != "-2" {
		t.Error("Signed")
	}
}

func TestURLsAreFilesRelativeToTheRoot(t *testing.T) {
	s := testSite()
	y := s.Years[0]
	for got, want := range map[string]string{
		YearURL(2023):                        "2023/index.html",
		ProjectURL(y.Projects[0]):            "2023/project/A1.html",
		AgencyURL(y.Departments[0]):          "2023/department/103.html",
		AgencyURL(y.Units[0]):                "2023/unit/103001.html",
		PageURL(&budget.Page{Slug: "about"}): "about.html",
	} {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}
