package opendata

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/site"
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExportXLSXAmountsDisplayExactly writes amounts with many shapes of
// decimals and requires Excel's displayed text to be Decimal.String().
func TestExportXLSXAmountsDisplayExactly(t *testing.T) {
	var ps []*budget.Project
	for i, v := range []string{"69", "109.73", "2.7132", "54.864", "11.50", "0.05", "1234567.8901", "0.1"} {
		ps = append(ps, &budget.Project{
			Code: "P" + strconv.Itoa(i), Name: "项目", Year: 2022,
			Department: budget.Coded{Code: "1", Name: "部门"}, Unit: budget.Coded{Code: "1001", Name: "单位"}, Funds: decimal.MustDecimal(v),
			Indicators: []budget.Indicator{{Level1: "产出指标", Weight: decimal.MustDecimal(v)}},
		})
	}
	s := site.NewSite(site.Settings{}, ps, nil)
	b, err := xlsxBytes(t, s)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, p := range ps {
		got, _ := f.GetCellValue(SheetProjects, "H"+strconv.Itoa(i+2))
		if got != p.Funds.String() {
			t.Errorf("资金总额 %s shows %q", p.Funds, got)
		}
		got, _ = f.GetCellValue(SheetIndicators, "O"+strconv.Itoa(i+2))
		if got != p.Funds.String() {
			t.Errorf("权重 %s shows %q", p.Funds, got)
		}
	}
	// More digits than a float holds: kept as text rather than misstated.
	big := decimal.MustDecimal("12345678901234567.89")
	ps[0].Funds = big
	b, err = xlsxBytes(t, site.NewSite(site.Settings{}, ps, nil))
	if err != nil {
		t.Fatal(err)
	}
	f2, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if got, _ := f2.GetCellValue(SheetProjects, "H2"); got != big.String() {
		t.Errorf("资金总额 %s shows %q", big, got)
	}
}

// TestExportXLSXDeterministic encodes the same data twice, in separate
// processes' worth of state, and checks the zip's stamps.
func TestExportXLSXDeterministic(t *testing.T) {
	p := &budget.Project{Code: "P1", Name: "项目", Year: 2022, Department: budget.Coded{Code: "1", Name: "部门"}, Unit: budget.Coded{Code: "1001", Name: "单位"},
		Funds: decimal.MustDecimal("1.5"), Indicators: []budget.Indicator{{Level1: "产出指标", Weight: decimal.MustDecimal("90")}}}
	s := site.NewSite(site.Settings{PubDate: "2022-02-15", Title: "标题"}, []*budget.Project{p}, nil)
	var first []byte
	for i := 0; i < 5; i++ {
		b, err := xlsxBytes(t, s)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b
		} else if !bytes.Equal(b, first) {
			t.Fatal("two encodings of the same workbook differ")
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2022-02-15T00:00:00Z" || props.Modified != props.Created {
		t.Errorf("document dates %q / %q, want the data's date", props.Created, props.Modified)
	}
	if bytes.Contains(first, []byte("Sheet1")) {
		t.Error("the default Sheet1 is still in the workbook")
	}
}

// TestExportDataDictionary keeps the 数据字典, the tables' columns and the
// projects.json contract in step: every column of every table, and every
// key of projects.json (the optional ones included, down to the 自评's
// nested fields), has its entry, in order.
func TestExportDataDictionary(t *testing.T) {
	dict := Dictionary()
	byFile := map[string][]string{}
	for _, e := range dict {
		if e.Title == "" || e.Type == "" || e.Description == "" {
			t.Errorf("incomplete entry %+v", e)
		}
		byFile[e.File] = append(byFile[e.File], e.Field)
	}
	for file, cols := range map[string][]*Field{ProjectsCSVPath: ProjectColumns, IndicatorsCSVPath: IndicatorColumns, ResultsCSVPath: ResultColumns} {
		if !reflect.DeepEqual(byFile[file], columnHeaders(cols)) {
			t.Errorf("%s entries %q", file, byFile[file])
		}
	}
	// Every key of the JSON contract, in its order: a struct is listed as
	// an object (budget.Coded only by its fields), a list of structs as a
	// list followed by its items' fields, once per type on a path.
	var want, optional []string
	var walk func(prefix string, typ reflect.Type, seen map[reflect.Type]bool)
	walk = func(prefix string, typ reflect.Type, seen map[reflect.Type]bool) {
		seen[typ] = true
		defer delete(seen, typ)
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			tag := strings.Split(f.Tag.Get("json"), ",")
			key := prefix + tag[0]
			if len(tag) > 1 && tag[1] == "omitempty" && prefix == "projects[]." {
				optional = append(optional, key)
			}
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch {
			case ft == reflect.TypeOf(budget.Coded{}):
				walk(key+".", ft, seen)
			case ft.Kind() == reflect.Struct && ft != reflect.TypeOf(decimal.Decimal{}):
				want = append(want, key)
				walk(key+".", ft, seen)
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				want = append(want, key)
				if !seen[ft.Elem()] {
					walk(key+"[].", ft.Elem(), seen)
				}
			default:
				want = append(want, key)
			}
		}
	}
	walk("", reflect.TypeOf(jsonExport{}), map[reflect.Type]bool{})
	if got := byFile[ProjectsJSONPath]; !reflect.DeepEqual(got, want) {
		t.Errorf("projects.json entries\n got %q\nwant %q", got, want)
	}
	if wantOpt := []string{"projects[].funds_breakdown", "projects[].overall_goal", "projects[].pub_date", "projects[].source", "projects[].evaluation"}; !reflect.DeepEqual(optional, wantOpt) {
		t.Errorf("optional projects.json keys %q, want %q", optional, wantOpt)
	}
}

// TestExportJSONImportedFields: projects.json carries 总体目标 and each
// indicator's 指标方向, 绩效标准, 备注 and printed value when a project has
// them, each in its place in the contract's order, and a project without
// them exports exactly the keys it always had.
func TestExportJSONImportedFields(t *testing.T) {
	p := &budget.Project{Code: "P1", Name: "项目", Year: 2022, Department: budget.Coded{Code: "1", Name: "部门"}, Unit: budget.Coded{Code: "1001", Name: "单位"},
		Funds: decimal.MustDecimal("1.5"), OverallGoal: "三年目标", AnnualGoal: "当年目标",
		Indicators: []budget.Indicator{
			{Level1: "产出指标", Level2: "数量指标", Level3: "覆盖率", Value: "85", Operator: "≥", Unit: "%", Weight: decimal.MustDecimal("90"),
				Direction: "正向", Standard: "计划标准", Remark: "抽样调查", Printed: "≥85%"},
			{Level1: "满意度指标", Level2: "服务对象满意度指标", Level3: "满意度", Value: "好", Operator: "定性"},
		}}
	var b bytes.Buffer
	if err := writeProjectsJSON(&b, []*budget.Project{p}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"overview":"","overall_goal":"三年目标","annual_goal":"当年目标",`,
		`{"level1":"产出指标","level2":"数量指标","level3":"覆盖率","value":"85","operator":"≥","unit":"%","weight":90,"direction":"正向","standard":"计划标准","remark":"抽样调查","printed":"≥85%"}`,
		`{"level1":"满意度指标","level2":"服务对象满意度指标","level3":"满意度","value":"好","operator":"定性","unit":"","weight":0}`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("projects.json lacks %s:\n%s", want, b.String())
		}
	}

	p.OverallGoal, p.Indicators[0] = "", budget.Indicator{Level1: "产出指标", Level2: "数量指标", Level3: "覆盖率", Value: "85", Operator: "≥", Unit: "%", Weight: decimal.MustDecimal("90")}
	b.Reset()
	if err := writeProjectsJSON(&b, []*budget.Project{p}); err != nil {
		t.Fatal(err)
	}
	want := `{"version":1,"projects":[{"code":"P1","name":"项目","year":2022,"department":{"code":"1","name":"部门"},"unit":{"code":"1001","name":"单位"},` +
		`"funds_wan":1.5,"attribute":"","start":"","end":"","overview":"","annual_goal":"当年目标","indicators":[` +
		`{"level1":"产出指标","level2":"数量指标","level3":"覆盖率","value":"85","operator":"≥","unit":"%","weight":90},` +
		`{"level1":"满意度指标","level2":"服务对象满意度指标","level3":"满意度","value":"好","operator":"定性","unit":"","weight":0}],` +
		`"weight_total":90,"page":"2022/project/P1.html"}]}` + "\n"
	if b.String() != want {
		t.Errorf("a project without the optional fields exports\n%s\nwant\n%s", b.String(), want)
	}
}

// xlsxBytes is budget.xlsx for s.
func xlsxBytes(t *testing.T, s *site.Site) ([]byte, error) {
	var b bytes.Buffer
	err := encodeXLSX(s, memStore(t, s), &b)
	return b.Bytes(), err
}

// columnHeaders are the headers of a table's columns.
func columnHeaders(cols []*Field) []string {
	var hs []string
	for _, c := range cols {
		hs = append(hs, c.Header)
	}
	return hs
}
