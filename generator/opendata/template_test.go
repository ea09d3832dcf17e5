package opendata_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/content"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/opendata"
	"budgetsite/generator/site"
	"budgetsite/generator/tables"
)

// TestImportTemplateReadsBack writes the import template of a 2022 site
// and imports it: the example project comes back with every fact the
// template shows, and the same site writes the same bytes again.
func TestImportTemplateReadsBack(t *testing.T) {
	s := &site.Site{Years: []*site.Year{{Year: 2022}}}
	f := opendata.ImportTemplate(s)
	if f.Path != "data/import-template.xlsx" || f.Level != opendata.LevelTemplate || f.Title == "" {
		t.Fatalf("download entry %+v", f.Download)
	}
	var a, b bytes.Buffer
	testkit.Must(t, f.Write(&a))
	testkit.Must(t, opendata.ImportTemplate(s).Write(&b))
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the template is not reproducible")
	}
	path := filepath.Join(t.TempDir(), "import-template.xlsx")
	testkit.Must(t, os.WriteFile(path, a.Bytes(), 0o644))
	plan, err := content.Plan([]string{path}, tables.ParseOptions{})
	if err != nil {
		t.Fatalf("the template does not import: %v", err)
	}
	if len(plan.Projects) != 1 {
		t.Fatalf("%d projects, want the one example", len(plan.Projects))
	}
	p := plan.Projects[0]
	if p.Year != 2022 || p.Department != (budget.Coded{Code: "101", Name: "示例主管部门"}) || p.Unit != (budget.Coded{Code: "101001", Name: "示例实施单位"}) ||
		p.Funds.String() != "12.5" || !p.DerivedCode || !strings.HasPrefix(p.Name, "示例项目") || !strings.Contains(p.AnnualGoal, "2022年度") {
		t.Errorf("example project read back as %+v (derived code %v)", p.Project, p.DerivedCode)
	}
	var got []string
	for _, in := range p.Indicators {
		got = append(got, in.Level1+"/"+in.Level2+"/"+in.Level3+" "+in.Operator+in.Value+in.Unit+" "+in.Weight.String()+" "+in.Direction)
	}
	want := []string{
		"产出指标/数量指标/服务人次 ≥1000人次 40 正向",
		"产出指标/时效指标/完成时间 ≤12月 20 反向",
		"效益指标/社会效益指标/群众办事便利程度 定性明显提升 20 正向",
		"满意度指标/服务对象满意度指标/服务对象满意度 ≥90% 10 正向",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("indicators read back:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestImportTemplateWithoutYear: a site with no content yet gets a
// template whose year the publisher fills in; as downloaded it asks for
// the year rather than guessing one.
func TestImportTemplateWithoutYear(t *testing.T) {
	var b bytes.Buffer
	testkit.Must(t, opendata.ImportTemplate(&site.Site{}).Write(&b))
	path := filepath.Join(t.TempDir(), "t.xlsx")
	testkit.Must(t, os.WriteFile(path, b.Bytes(), 0o644))
	if _, err := content.Plan([]string{path}, tables.ParseOptions{}); err == nil || !strings.Contains(err.Error(), "年") {
		t.Errorf("a template without a year imported: %v", err)
	}
	plan, err := content.Plan([]string{path}, tables.ParseOptions{Year: 2024})
	if err != nil || len(plan.Projects) != 1 || plan.Projects[0].Year != 2024 {
		t.Errorf("with --year 2024: %v", err)
	}
}
