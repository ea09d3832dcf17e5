package site

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"fmt"
	"sort"
)

// Site is the model every page and export is rendered from. It is built
// once from the loaded content and never changed afterwards.
type Site struct {
	Settings Settings
	Projects []*budget.Project // SortProjects order
	Years    []*Year           // newest first
	Pages    []*budget.Page

	projectHistory map[*budget.Project][]*budget.Project
	agencyHistory  map[string][]*Agency
}

// Inputs declares what an output file is made from, so that a build can
// tell whether it must make the file again: What names the file and
// anything it shows besides its projects' content (a share as printed, a
// department's name), and Projects lists the projects it shows. Every
// page also shows the site-wide settings, templates and the list of years.
type Inputs struct {
	What     string
	Projects []*budget.Project
}

// Year is one budget year's section of the site.
type Year struct {
	Year        int
	Projects    []*budget.Project
	Departments []*Agency
	Units       []*Agency
	Total       decimal.Decimal

	deptByCode, unitByCode map[string]*Agency
}

func (y *Year) Department(code string) *Agency { return y.deptByCode[code] }
func (y *Year) Unit(code string) *Agency       { return y.unitByCode[code] }

// Agency is a 主管部门 or 实施单位 within one year.
type Agency struct {
	Kind       string // "department" or "unit"
	Code       string
	Name       string
	Year       int
	Projects   []*budget.Project
	Units      []*Agency // for a department
	Department *Agency   // for a unit
	Total      decimal.Decimal
}

// NewSite groups projects into years, departments and units.
func NewSite(settings Settings, projects []*budget.Project, pages []*budget.Page) *Site {
	s := &Site{Settings: settings, Projects: projects, Pages: pages}
	years := map[int]*Year{}
	for _, p := range projects {
		y := years[p.Year]
		if y == nil {
			y = &Year{Year: p.Year}
			years[p.Year] = y
			s.Years = append(s.Years, y)
		}
		y.Projects = append(y.Projects, p)
		y.Total = y.Total.Add(p.Funds)
	}
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Year > s.Years[j].Year })
	for _, y := range s.Years {
		depts := map[string]*Agency{}
		units := map[string]*Agency{}
		y.deptByCode, y.unitByCode = depts, units
		for _, p := range y.Projects {
			d := depts[p.Department.Code]
			if d == nil {
				d = &Agency{Kind: "department", Code: p.Department.Code, Name: p.Department.Name, Year: y.Year}
				depts[d.Code] = d
				y.Departments = append(y.Departments, d)
			}
			u := units[p.Unit.Code]
			if u == nil {
				u = &Agency{Kind: "unit", Code: p.Unit.Code, Name: p.Unit.Name, Year: y.Year, Department: d}
				units[u.Code] = u
				y.Units = append(y.Units, u)
				d.Units = append(d.Units, u)
			}
			d.Projects = append(d.Projects, p)
			u.Projects = append(u.Projects, p)
			d.Total = d.Total.Add(p.Funds)
			u.Total = u.Total.Add(p.Funds)
		}
	}
	s.linkHistory()
	return s
}

// Year returns the section for year y, or nil.
func (s *Site) Year(y int) *Year {
	for _, yr := range s.Years {
		if yr.Year == y {
			return yr
		}
	}
	return nil
}

// URL paths, relative to the site root. Every page is a file so that the
// site works from file:// where folder index pages do not resolve.
func YearURL(y int) string                { return fmt.Sprintf("%d/index.html", y) }
func ProjectURL(p *budget.Project) string { return fmt.Sprintf("%d/project/%s.html", p.Year, p.Code) }
func AgencyURL(a *Agency) string {
	if a.Kind == "department" {
		return fmt.Sprintf("%d/department/%s.html", a.Year, a.Code)
	}
	return fmt.Sprintf("%d/unit/%s.html", a.Year, a.Code)
}
func PageURL(pg *budget.Page) string { return pg.Slug + ".html" }
