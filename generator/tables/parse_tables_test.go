package tables

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/markdown"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func parseTablesSample(tb testing.TB) []budget.Project {
	tb.Helper()
	ps, err := ParseTables(bytes.NewReader(testkit.Sample(tb)), testkit.SamplePath, ParseOptions{})
	if err != nil {
		tb.Fatalf("ParseTables(sample): %v", err)
	}
	return ps
}

// hanGapRe finds whitespace left between two Han characters.
var hanGapRe = regexp.MustCompile(`\p{Han}[\s\x{00a0}\x{3000}]+\p{Han}`)

// allStringFields returns every string reachable from v (struct fields,
// slices, maps), with a path for messages, so new fields are covered too.
func allStringFields(v any) map[string]string {
	out := map[string]string{}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			out[path] = v.String()
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(fmt.Sprintf("%s[%v]", path, k), v.MapIndex(k))
				walk(fmt.Sprintf("%s{key}", path), k)
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		}
	}
	walk("", reflect.ValueOf(v))
	return out
}

func TestParseTablesSample(t *testing.T) {
	ps := parseTablesSample(t)
	type want struct {
		code, name, funds, unit string
		indicators              int
		weight                  string
		line                    int
	}
	wants := []want{
		{"50011021T000000048438", "政府网站群民生监察OA办公平台运维经费", "69", "103002", 8, "90", 7},
		{"50011021T000000048439", "电子政务外网工作经费", "150", "103002", 7, "90", 27},
		{"50011021T000000048440", "电子政务外网延伸到村居网络工程", "109.73", "103002", 7, "95", 47},
		{"50011022T000000097933", "政务新媒体常态化检测服务", "93", "103002", 7, "90", 66},
		{"50011022T00000097945", "运转性项目—人员补丁", "3", "103002", 6, "90", 87},
		{"50011022T000000141281", "限额内非在编人员", "11.5", "103002", 5, "90", 106},
		{"50011022T000000133648", "遗属生活补助", "2.71", "103001", 5, "90", 123},
		{"50011022T000000140244", "运转性项目—独立运行补丁", "10", "103001", 6, "90", 141},
		{"50011022T000000140256", "运转性项目—非在编人员—限额内非在编人员", "20.8", "103001", 5, "90", 159},
		{"50011022T000000155466", "会务服务", "96.9", "103001", 11, "90", 177},
		{"50011022T000000155478", "文件办理服务", "47", "103001", 7, "90", 200},
		{"50011022T000000155484", "政务督查", "36", "103001", 8, "90", 221},
		{"50011022T000000155489", "信息调研", "47", "103001", 8, "90", 242},
		{"50011022T000000155495", "政府运转保障", "160.9", "103001", 8, "90", 262},
	}
	if len(ps) != len(wants) {
		t.Fatalf("got %d projects, want %d", len(ps), len(wants))
	}
	unitNames := map[string]string{"103002": "重庆市綦江区电子政务中心", "103001": "重庆市綦江区人民政府办公室（本级）"}
	for i, w := range wants {
		p := ps[i]
		if p.Code != w.code || p.Name != w.name {
			t.Errorf("project %d = %s-%s, want %s-%s", i, p.Code, p.Name, w.code, w.name)
		}
		if p.Year != 2022 {
			t.Errorf("%s: year %d", w.code, p.Year)
		}
		if got := p.Funds.String(); got != w.funds {
			t.Errorf("%s: funds %q, want %q", w.code, got, w.funds)
		}
		if p.Department != (budget.Coded{Code: "103", Name: "重庆市綦江区人民政府办公室"}) {
			t.Errorf("%s: department %+v", w.code, p.Department)
		}
		if p.Unit != (budget.Coded{Code: w.unit, Name: unitNames[w.unit]}) {
			t.Errorf("%s: unit %+v, want %s-%s", w.code, p.Unit, w.unit, unitNames[w.unit])
		}
		if len(p.Indicators) != w.indicators {
			t.Errorf("%s: %d indicators, want %d", w.code, len(p.Indicators), w.indicators)
		}
		if got := p.WeightTotal().String(); got != w.weight {
			t.Errorf("%s: weight total %s, want %s", w.code, got, w.weight)
		}
		if p.Source != (budget.Source{File: "qijiang-2022-performance-targets.txt", Line: w.line}) {
			t.Errorf("%s: source %+v, want line %d", w.code, p.Source, w.line)
		}
		if p.Attribute != "新增" || p.Start != "2022年" {
			t.Errorf("%s: attribute %q start %q", w.code, p.Attribute, p.Start)
		}
		if p.AnnualGoal == "" || p.Overview == "" {
			t.Errorf("%s: empty goal or overview", w.code)
		}
		for path, s := range allStringFields(p) {
			if m := hanGapRe.FindString(s); m != "" {
				t.Errorf("%s%s = %q: space between Han characters in %q", w.code, path, s, m)
			}
			if strings.Contains(s, "满意 度") {
				t.Errorf("%s%s = %q", w.code, path, s)
			}
		}
		for j, in := range p.Indicators {
			if in.Level1 == "" || in.Level2 == "" || in.Level3 == "" || in.Value == "" {
				t.Errorf("%s indicator %d incomplete: %+v", w.code, j, in)
			}
			if budget.NormalizeOperator(in.Operator) != in.Operator {
				t.Errorf("%s indicator %d operator %q not canonical", w.code, j, in.Operator)
			}
		}
		if last := p.Indicators[len(p.Indicators)-1]; last.Level1 != "满意度指标" || last.Level2 != "服务对象满意度指标" {
			t.Errorf("%s: last indicator %s/%s", w.code, last.Level1, last.Level2)
		}
	}

	// Unit and grand totals, summed exactly.
	sums := map[string]decimal.Decimal{}
	var all decimal.Decimal
	for _, p := range ps {
		sums[p.Unit.Code] = sums[p.Unit.Code].Add(p.Funds)
		all = all.Add(p.Funds)
	}
	for unit, want := range map[string]string{"103002": "436.23", "103001": "421.31"} {
		if got := sums[unit].String(); got != want {
			t.Errorf("unit %s funds sum %s, want %s", unit, got, want)
		}
	}
	if all.String() != "857.54" {
		t.Errorf("all funds sum %s, want 857.54", all)
	}
}

func TestParseTablesSampleDetails(t *testing.T) {
	ps := parseTablesSample(t)
	lines := strings.Split(string(testkit.Sample(t)), "\n")

	p := testkit.FindProject(t, ps, "50011022T000000155484")
	if got := p.Indicators[0].Level3; got != "“互联网+督查”平台交办问题" {
		t.Errorf("indicator 0 = %q", got)
	}
	if got := p.Indicators[1].Level3; got != "督查专报、督查通报、督查周报" {
		t.Errorf("indicator 1 = %q", got)
	}
	// A blank line inside the indicator rows does not shift line numbers.
	if in := p.Indicators[4]; in.Line != 233 || in.Level3 != "工作完成时效提升" {
		t.Errorf("indicator 4 = line %d %q, want line 233", in.Line, in.Level3)
	}

	p = testkit.FindProject(t, ps, "50011022T00000097945")
	if p.Name != "运转性项目—人员补丁" || p.End != "1年" {
		t.Errorf("97945: name %q end %q", p.Name, p.End)
	}
	// 绩效指标 printed on a data row after a blank line.
	if in := p.Indicators[2]; in.Line != 97 || in.Level3 != "支出控制在预算内" || in.Operator != budget.OpAtMost || in.Unit != "万元" {
		t.Errorf("97945 indicator 2 = %+v", in)
	}

	p = testkit.FindProject(t, ps, "50011021T000000048440")
	if in := p.Indicators[0]; in.Line != 54 || in.Unit != "" || in.Weight.String() != "40" {
		t.Errorf("048440 indicator 0 = %+v", in)
	}
	if in := p.Indicators[3]; in.Value != "54.864" || in.Unit != "万元/年" {
		t.Errorf("048440 indicator 3 = %+v", in)
	}
	if !strings.HasPrefix(markdown.PlainText(p.Overview), "拓展电子政务外网覆盖范围。按照《2020年“渝快办”政务服务平台建设工作要点》(渝府办发[2020]50号)要求, 各区县") {
		t.Errorf("048440 overview plain text = %q", markdown.PlainText(p.Overview))
	}

	p = testkit.FindProject(t, ps, "50011022T000000133648")
	if in := p.Indicators[1]; in.Value != "2.7132" || in.Weight.String() != "20" {
		t.Errorf("133648 indicator 1 = %+v", in)
	}

	p = testkit.FindProject(t, ps, "50011022T000000155495")
	if in := p.Indicators[5]; in.Level3 != "全区GDP增长率" {
		t.Errorf("155495 indicator 5 = %q", in.Level3)
	}

	// Every indicator's line holds its value and weight in the source.
	for _, p := range ps {
		for _, in := range p.Indicators {
			src := strings.Split(lines[in.Line-1], "\t")
			if src[len(src)-1] != in.Weight.String() || !strings.Contains(lines[in.Line-1], "\t"+in.Value+"\t") {
				t.Errorf("%s %q: line %d is %q", p.Code, in.Level3, in.Line, lines[in.Line-1])
			}
		}
	}
}

func assertIndicators(t *testing.T, p budget.Project, want ...string) {
	t.Helper()
	if got := testkit.IndicatorRows(p.Indicators); !reflect.DeepEqual(got, want) {
		t.Errorf("indicators:\n got %q\nwant %q", got, want)
	}
}

var synDefaultIndicators = []string{
	"产出指标|数量指标|服务部门|81|≥|个|50",
	"满意度指标|服务对象满意度指标|服务对象满意度|95|≥|%|50",
}

func TestParseTablesVariants(t *testing.T) {
	one := func(t *testing.T, ps []budget.Project) budget.Project {
		t.Helper()
		if len(ps) != 1 {
			t.Fatalf("got %d projects, want 1", len(ps))
		}
		return ps[0]
	}
	tests := []struct {
		name  string
		input string
		opt   ParseOptions
		check func(t *testing.T, ps []budget.Project)
	}{
		{"baseline", testkit.SynTable, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			if p.Code != "500110T1" || p.Name != "测试项目" || p.Year != 2022 || p.Funds.String() != "12.5" ||
				p.Department != (budget.Coded{Code: "103", Name: "重庆市綦江区人民政府办公室"}) || p.Unit != (budget.Coded{Code: "103001", Name: "重庆市綦江区人民政府办公室（本级）"}) ||
				p.Attribute != "新增" || p.Start != "2022年" || p.End != "长期" || p.Overview != "概况文字。" || p.AnnualGoal != "目标文字。" {
				t.Errorf("project = %+v", p)
			}
			assertIndicators(t, p, synDefaultIndicators...)
			if p.Indicators[0].Line != 10 || p.Indicators[1].Line != 11 || p.Source.Line != 3 {
				t.Errorf("lines: %d %d source %d", p.Indicators[0].Line, p.Indicators[1].Line, p.Source.Line)
			}
		}},
		{"title carries year", "綦江区2023年度项目支出绩效目标表\n" + testkit.SynHead + testkit.SynIndHead + testkit.SynRows, ParseOptions{Year: 2021}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.Year != 2023 {
				t.Errorf("year %d, want 2023 from the title", p.Year)
			}
		}},
		{"title year per table", testkit.SynTable + "\n2021年财政资金项目支出绩效目标表\n" + strings.Replace(testkit.SynHead, "500110T1", "500110T2", 1) + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			if len(ps) != 2 || ps[0].Year != 2022 || ps[1].Year != 2021 || ps[1].Code != "500110T2" || ps[1].Source.Line != 14 {
				t.Errorf("projects = %+v", ps)
			}
		}},
		{"money unit line variants", "2022年财政资金项目支出绩效目标表\n金额单位：万元\n单位: 万元\n单位：万\n" + testkit.SynHead + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			one(t, ps)
		}},
		{"no money unit line", "2022年财政资金项目支出绩效目标表\n" + testkit.SynHead + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			one(t, ps)
		}},
		{"funds label 资金总额(万)", testkit.SynTitle + strings.Replace(testkit.SynHead, "资金总额（万）", "资金总额(万)", 1) + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.Funds.String() != "12.5" {
				t.Errorf("funds %s", p.Funds)
			}
		}},
		{"funds label 资金总额（万元）", testkit.SynTitle + strings.Replace(testkit.SynHead, "资金总额（万）", "资金总额（万元）", 1) + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.Funds.String() != "12.5" {
				t.Errorf("funds %s", p.Funds)
			}
		}},
		{"funds label with colon and 项目", testkit.SynTitle + strings.Replace(testkit.SynHead, "资金总额（万）", "项目资金总额（万元）：", 1) + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.Funds.String() != "12.5" {
				t.Errorf("funds %s", p.Funds)
			}
		}},
		{"funds value with 万元 suffix", testkit.SynTitle + strings.Replace(testkit.SynHead, "│12.5│", "│12.50万元│", 1) + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.Funds.String() != "12.50" {
				t.Errorf("funds %s", p.Funds)
			}
		}},
		{"truncated labels", testkit.SynTitle + strings.NewReplacer("项目当年绩效目标", "项目当年绩效目", "项目起始时间", "项目起始时", "项目概况", "项目概况：").Replace(testkit.SynHead) + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			if p.AnnualGoal != "目标文字。" || p.Start != "2022年" || p.Overview != "概况文字。" {
				t.Errorf("goal %q start %q overview %q", p.AnnualGoal, p.Start, p.Overview)
			}
		}},
		{"values scattered across empty cells", testkit.SynTitle + `项目名称│││500110T1-测试│项目│││
主管部门│││103-重庆市綦江区人民政府 办公室││││实施单位│││103001-单位│
││资金总额（万）│││12.5│││项目属性│││新增││
项目起始时间││2022年││项目终止时间│││长期│││
项目概况│││概况│文字。│││
项目当年绩效目标││││目标文字。
` + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			if p.Name != "测试项目" || p.Department.Name != "重庆市綦江区人民政府办公室" || p.Unit != (budget.Coded{Code: "103001", Name: "单位"}) ||
				p.Funds.String() != "12.5" || p.Attribute != "新增" || p.Start != "2022年" || p.End != "长期" ||
				p.Overview != "概况文字。" || p.AnnualGoal != "目标文字。" {
				t.Errorf("project = %+v", p)
			}
			assertIndicators(t, p, synDefaultIndicators...)
		}},
		{"wrapped overview continues on next line", testkit.SynTitle + strings.Replace(testkit.SynHead, "项目概况│概况文字。\n", "项目概况│概况第一行\n│第二 行。\n", 1) + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.Overview != "概况第一行第二行。" {
				t.Errorf("overview %q", p.Overview)
			}
		}},
		{"indicator header without 绩效指标 label", testkit.SynTitle + testkit.SynHead + "│一级指标│二级指标│三级指标│指标值│指标性质│度量单位│权重\n" + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			assertIndicators(t, one(t, ps), synDefaultIndicators...)
		}},
		{"indicator header without any label cell", testkit.SynTitle + testkit.SynHead + "一级指标│二级指标│三级指标│指标值│指标性质│度量单位│权重\n产出指标│数量指标│服务部门│81│≥│个│50\n满意度指标│服务对象满意度指标│服务对象满意度│95│≥│%│50\n", ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			assertIndicators(t, one(t, ps), synDefaultIndicators...)
		}},
		{"绩效指标 on the first data row", testkit.SynTitle + testkit.SynHead + "│一级指标│二级指标│三级指标│指标值│指标性质│度量单位│权重\n绩效指标│产出指标│数量指标│服务部门│81│≥│个│50\n│满意度指标│服务对象满意度指标│服务对象满意度│95│≥│%│50\n", ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			assertIndicators(t, p, synDefaultIndicators...)
			if p.Indicators[0].Line != 10 {
				t.Errorf("line %d, want 10", p.Indicators[0].Line)
			}
		}},
		{"绩效指标 on the first data row after a blank line", testkit.SynTitle + testkit.SynHead + "│一级指标│二级指标│三级指标│指标值│指标性质│度量单位│权重\n\n绩效指标│产出指标│数量指标│服务部门│81│≥│个│50\n│满意度指标│服务对象满意度指标│服务对象满意度│95│≥│%│50\n", ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			assertIndicators(t, one(t, ps), synDefaultIndicators...)
		}},
		{"blank lines inside a table", testkit.SynTitle + "\n" + strings.ReplaceAll(testkit.SynHead, "\n", "\n\n") + "\n" + testkit.SynIndHead + "\n\n" + strings.Replace(testkit.SynRows, "\n", "\n\n  \n│││││\n", 1), ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			assertIndicators(t, p, synDefaultIndicators...)
			if p.Funds.String() != "12.5" || p.AnnualGoal != "目标文字。" || p.Indicators[1].Line != 24 {
				t.Errorf("funds %s goal %q line %d", p.Funds, p.AnnualGoal, p.Indicators[1].Line)
			}
		}},
		{"form feed page breaks inside a table", testkit.SynTitle + strings.Replace(testkit.SynHead, "资金总额", "\f资金总额", 1) + testkit.SynIndHead + strings.Replace(testkit.SynRows, "│满意度指标", "\f│满意度指标", 1) + "\f", ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			assertIndicators(t, p, synDefaultIndicators...)
			if p.Funds.String() != "12.5" {
				t.Errorf("funds %s", p.Funds)
			}
			// Line numbers are the editor's: a form feed is not a newline.
			if p.Indicators[1].Line != 11 {
				t.Errorf("indicator after the page break on line %d, want 11", p.Indicators[1].Line)
			}
		}},
		{"dash rows ignored", testkit.SynTitle + strings.Replace(testkit.SynHead, "\n", "\n------│------\n--│--│--\n", 1) + testkit.SynIndHead + "--│--│--│--│--│--│--│--\n" + strings.Replace(testkit.SynRows, "\n", "\n------│------------│--│--\n--│--\n", 1), ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			if p.Name != "测试项目" {
				t.Errorf("name %q", p.Name)
			}
			assertIndicators(t, p, synDefaultIndicators...)
		}},
		{"page number lines ignored", testkit.SynTitle + strings.Replace(testkit.SynHead, "\n", "\n第 1 页\n", 1) + "- 2 -\n" + testkit.SynIndHead + strings.Replace(testkit.SynRows, "\n", "\n第2页 共3页\n— 3 —\n3/5\n", 1), ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			if p.Name != "测试项目" {
				t.Errorf("name %q", p.Name)
			}
			assertIndicators(t, p, synDefaultIndicators...)
		}},
		{"wrap spaces removed, Latin spaces kept", testkit.SynTitle + `项目名称│500110T1-OA  办公 平台 运维
主管部门│103-重庆市綦江区人民政府 办公室│实施单位│103001-重庆市綦江区电子政 务中心
资金总额（万）│12.5│项目属性│新增
项目起始时间│2022年│项目终止时间│长期
项目概况│Smart   City 项目， 用于 “互联网+ 政务”。
项目当年绩效目标│目标 文字。
` + testkit.SynIndHead + `│产出指标│数量指标│全区GDP 增长率│6│≥│%│50
│满意 度指标│服务对象满意 度指标│服务对象 满意度│95│≥│%│50
`, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			if p.Name != "OA 办公平台运维" || p.Department.Name != "重庆市綦江区人民政府办公室" || p.Unit.Name != "重庆市綦江区电子政务中心" ||
				p.Overview != "Smart City 项目，用于“互联网+ 政务”。" || p.AnnualGoal != "目标文字。" {
				t.Errorf("name %q dept %q unit %q overview %q goal %q", p.Name, p.Department.Name, p.Unit.Name, p.Overview, p.AnnualGoal)
			}
			assertIndicators(t, p, "产出指标|数量指标|全区GDP 增长率|6|≥|%|50", "满意度指标|服务对象满意度指标|服务对象满意度|95|≥|%|50")
		}},
		{"empty 度量单位 cells", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + `│产出指标│数量指标│网络链接线路租赁│381│=││40
│││网络带宽│10│=││10
│产出指标│时效指标│租赁期限│1│=│年│50
`, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			assertIndicators(t, one(t, ps),
				"产出指标|数量指标|网络链接线路租赁|381|=||40",
				"产出指标|数量指标|网络带宽|10|=||10",
				"产出指标|时效指标|租赁期限|1|=|年|50")
		}},
		{"operators normalised", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + `│产出指标│数量指标│a│1│=│个│10
│产出指标│数量指标│b│1│≥│个│10
│产出指标│数量指标│c│1│≤│个│10
│产出指标│数量指标│d│1│>=│个│10
│产出指标│数量指标│e│1│<=│个│10
│产出指标│数量指标│f│1│＞＝│个│10
│产出指标│数量指标│g│1│＜＝│个│10
│产出指标│数量指标│h│1│> =│个│10
│产出指标│数量指标│i│1│＝│个│10
│产出指标│数量指标│j│1│>│个│10
`, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			var ops []string
			for _, in := range one(t, ps).Indicators {
				ops = append(ops, in.Operator)
			}
			if want := []string{"=", "≥", "≤", "≥", "≤", "≥", "≤", "≥", "=", ">"}; !reflect.DeepEqual(ops, want) {
				t.Errorf("operators %q, want %q", ops, want)
			}
		}},
		{"定性 rows with word values and empty unit", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + `│效益指标│社会效益指标│群众获得感│提升│定性││40
│效益指标│社会效益指标│服务质量│较好│定性│││60
`, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			assertIndicators(t, p, "效益指标|社会效益指标|群众获得感|提升|定性||40", "效益指标|社会效益指标|服务质量|较好|定性||60")
			if !p.Indicators[0].Qualitative() || !p.Indicators[1].Qualitative() {
				t.Error("定性 rows not qualitative")
			}
		}},
		{"merged 一级/二级 cells inherited", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + `│产出指标│数量指标│服务部门│81│≥│个│20
│││服务街镇│21│=│个│20
││质量指标│网站正常运行率│95│≥│%│20
│││差错率│1│≤│%│10
│满意度指标│服务对象满意度指标│服务对象满意度│95│≥│%│30
`, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			assertIndicators(t, one(t, ps),
				"产出指标|数量指标|服务部门|81|≥|个|20",
				"产出指标|数量指标|服务街镇|21|=|个|20",
				"产出指标|质量指标|网站正常运行率|95|≥|%|20",
				"产出指标|质量指标|差错率|1|≤|%|10",
				"满意度指标|服务对象满意度指标|服务对象满意度|95|≥|%|30")
		}},
		{"三级 text split over two cells", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + `│产出指标│数量指标│民生监察│平台│1│=│个│15
│产出指标│数量指标│Smart│City 平台│1│=││15
│产出指标│数量指标│督查专报、│督查通报、│督查周报│55│≥│期│50
`, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			assertIndicators(t, one(t, ps),
				"产出指标|数量指标|民生监察平台|1|=|个|15",
				"产出指标|数量指标|Smart City 平台|1|=||15",
				"产出指标|数量指标|督查专报、督查通报、督查周报|55|≥|期|50")
		}},
		{"三级 text wrapped onto a line of its own", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + `│产出指标│数量指标│政府政策传达到基层│95│≥│%│50
│││更及时
│满意度指标│服务对象满意度指标│服务对象满意度│95│≥│%│50
`, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			assertIndicators(t, one(t, ps),
				"产出指标|数量指标|政府政策传达到基层更及时|95|≥|%|50",
				"满意度指标|服务对象满意度指标|服务对象满意度|95|≥|%|50")
		}},
		{"merged cells blank and 三级 split", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + `│产出指标│数量指标│服务部门│81│≥│个│20
│││服务│街镇│21│=│个│10
││数量指标│劳务│派遣│人数│4│≥│人│10
││质量指标│网络│带宽│10│=││10
│满意度指标│服务对象满意度指标│服务对象满意度│95│≥│%│50
`, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			assertIndicators(t, one(t, ps),
				"产出指标|数量指标|服务部门|81|≥|个|20",
				"产出指标|数量指标|服务街镇|21|=|个|10",
				"产出指标|数量指标|劳务派遣人数|4|≥|人|10",
				"产出指标|质量指标|网络带宽|10|=||10",
				"满意度指标|服务对象满意度指标|服务对象满意度|95|≥|%|50")
		}},
		{"CODE-NAME split at the first hyphen", testkit.SynTitle + `项目名称│500110T1-测试-项目（一期）
主管部门│103 - 重庆市-綦江区│实施单位│103001－单位—本级
资金总额（万）│12.5│项目属性│新增
项目概况│概况。
` + testkit.SynIndHead + testkit.SynRows, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			p := one(t, ps)
			if p.Code != "500110T1" || p.Name != "测试-项目（一期）" || p.Department != (budget.Coded{Code: "103", Name: "重庆市-綦江区"}) || p.Unit != (budget.Coded{Code: "103001", Name: "单位—本级"}) {
				t.Errorf("code %q name %q dept %+v unit %+v", p.Code, p.Name, p.Department, p.Unit)
			}
		}},
		{"no title year, ParseOptions.Year", "财政资金项目支出绩效目标表\n" + testkit.SynHead + testkit.SynIndHead + testkit.SynRows, ParseOptions{Year: 2023}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.Year != 2023 {
				t.Errorf("year %d, want 2023", p.Year)
			}
		}},
		{"no title at all, ParseOptions.Year", testkit.SynHead + testkit.SynIndHead + testkit.SynRows, ParseOptions{Year: 2023}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.Year != 2023 || p.Source.Line != 1 {
				t.Errorf("year %d line %d", p.Year, p.Source.Line)
			}
		}},
		{"cover text before the first table ignored", "綦江区人民政府办公室\n2022年部门预算公开\n说明│文字\n" + testkit.SynTable, ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.Source.Line != 6 {
				t.Errorf("source line %d, want 6", p.Source.Line)
			}
		}},
		{"weights with 分 and decimals", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + "│产出指标│数量指标│a│1│=│个│49.5分\n│产出指标│数量指标│b│1│=│个│50.50\n", ParseOptions{}, func(t *testing.T, ps []budget.Project) {
			if p := one(t, ps); p.WeightTotal().String() != "100.00" {
				t.Errorf("weight total %s", p.WeightTotal())
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := parseTabbed(tc.input, tc.opt)
			if err != nil {
				t.Fatalf("ParseTables: %v\ninput:\n%s", err, tc.input)
			}
			tc.check(t, ps)
		})
	}
}

// TestParseTablesImportFiles checks the variant files kept for the fuzzer
// parse, with the results stated beside each file.
func TestParseTablesImportFiles(t *testing.T) {
	tests := map[string]struct {
		opt   ParseOptions
		codes []string
		check func(t *testing.T, ps []budget.Project)
	}{
		"variants.txt": {ParseOptions{}, []string{"500110T101", "500110T102", "500110T103"}, func(t *testing.T, ps []budget.Project) {
			assertIndicators(t, ps[0],
				"产出指标|数量指标|网络链接线路租赁|381|=||40",
				"产出指标|数量指标|服务街镇|21|≥|个|20",
				"效益指标|社会效益指标|群众获得感|提升|定性||10",
				"满意度指标|服务对象满意度指标|服务对象满意度|95|≥|%|30")
			if ps[0].Name != "电子政务外网延伸工程" || ps[0].Funds.String() != "109.73" || ps[0].AnnualGoal != "实现纵向覆盖全区381个村（社区）。" {
				t.Errorf("project 1 = %+v", ps[0])
			}
			if ps[1].Funds.String() != "2.7132" || ps[1].Unit.Name != "重庆市綦江区电子政务中心" || ps[1].Indicators[0].Level3 != "“互联网+督查”平台交办问题" {
				t.Errorf("project 2 = %+v", ps[1])
			}
			if ps[2].Year != 2023 || ps[2].Indicators[0].Operator != budget.OpAtMost {
				t.Errorf("project 3 = %+v", ps[2])
			}
		}},
		"no-year.txt": {ParseOptions{Year: 2024}, []string{"500110T201"}, func(t *testing.T, ps []budget.Project) {
			if ps[0].Year != 2024 {
				t.Errorf("year %d", ps[0].Year)
			}
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "import", name))
			if err != nil {
				t.Fatal(err)
			}
			ps, err := ParseTables(bytes.NewReader(b), name, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, p := range ps {
				codes = append(codes, p.Code)
			}
			if !reflect.DeepEqual(codes, tc.codes) {
				t.Fatalf("codes %q, want %q", codes, tc.codes)
			}
			tc.check(t, ps)
		})
	}
}

func TestParseTablesEncodings(t *testing.T) {
	utf8Text := testkit.Tabbed(testkit.SynTable + "\n" + strings.NewReplacer("500110T1", "500110T2", "12.5", "2.7132").Replace(testkit.SynHead) + testkit.SynIndHead +
		"│效益指标│社会效益指标│“互联网+督 查”│提升│定性││50\n│满意度指标│服务对象满意度指标│服务对象满意 度│95│≥│%│50\n")
	crlf := strings.ReplaceAll(utf8Text, "\n", "\r\n")
	inputs := map[string][]byte{
		"UTF-8":             []byte(utf8Text),
		"UTF-8 BOM + CRLF":  append([]byte("\uFEFF"), crlf...),
		"GB18030":           toGB18030(t, utf8Text),
		"GB18030 + CRLF":    toGB18030(t, crlf),
		"UTF-16LE BOM":      toUTF16LE(utf8Text, true),
		"UTF-16LE BOM+CRLF": toUTF16LE(crlf, true),
	}
	want, err := ParseTables(bytes.NewReader(inputs["UTF-8"]), "t.txt", ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 2 || want[1].Funds.String() != "2.7132" || want[1].Indicators[0].Level3 != "“互联网+督查”" {
		t.Fatalf("UTF-8 parse = %+v", want)
	}
	for name, b := range inputs {
		t.Run(name, func(t *testing.T) {
			if name != "UTF-8" && bytes.Equal(b, inputs["UTF-8"]) {
				t.Fatal("encoding produced the same bytes")
			}
			got, err := ParseTables(bytes.NewReader(b), "t.txt", ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %s\nwant %s", testkit.DumpProjects(got), testkit.DumpProjects(want))
			}
		})
	}
}

func TestParseTablesErrors(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		line    int
		contain string
	}{
		{"no recognisable table", "綦江区人民政府办公室\n2022年部门预算说明\n\n一、收入│100\n", 1, "没有找到可识别的绩效目标表"},
		{"title only", testkit.SynTitle + "说明文字\n", 1, "没有找到可识别的绩效目标表"},
		{"non-numeric weight", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + "│产出指标│数量指标│服务部门│81│≥│个│十分\n│满意度指标│服务对象满意度指标│服务对象满意度│95│≥│%│50\n", 10, "权重“十分”不是数字"},
		{"non-numeric amount", testkit.SynTitle + strings.Replace(testkit.SynHead, "│12.5│", "│abc│", 1) + testkit.SynIndHead + testkit.SynRows, 5, "资金总额“abc”不是数字"},
		{"funds in 元 in the label", testkit.SynTitle + strings.Replace(testkit.SynHead, "资金总额（万）", "资金总额（元）", 1) + testkit.SynIndHead + testkit.SynRows, 5, "资金总额的单位是“元”"},
		{"project without a code", testkit.SynTitle + strings.Replace(testkit.SynHead, "500110T1-测试项目", "测试项目", 1) + testkit.SynIndHead + testkit.SynRows, 3, "缺少项目编码"},
		{"empty project name", testkit.SynTitle + strings.Replace(testkit.SynHead, "500110T1-测试项目", "", 1) + testkit.SynIndHead + testkit.SynRows, 3, "项目名称为空"},
		{"code with path characters", testkit.SynTitle + strings.Replace(testkit.SynHead, "500110T1-测试项目", "../../etc/x-名称", 1) + testkit.SynIndHead + testkit.SynRows, 3, "项目编码“../../etc/x”含有不允许的字符"},
		{"code with a slash", testkit.SynTitle + strings.Replace(testkit.SynHead, "500110T1-测试项目", "50011022/T1-名称", 1) + testkit.SynIndHead + testkit.SynRows, 3, "含有不允许的字符"},
		{"department code with path characters", testkit.SynTitle + strings.Replace(testkit.SynHead, "103-重庆市", "../103-重庆市", 1) + testkit.SynIndHead + testkit.SynRows, 4, "主管部门编码“../103”含有不允许的字符"},
		{"money unit 元", "2022年财政资金项目支出绩效目标表\n单位：元\n" + testkit.SynHead + testkit.SynIndHead + testkit.SynRows, 2, "金额单位是“元”"},
		{"unknown operator", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + "│产出指标│数量指标│服务部门│81│约等于│个│50\n│满意度指标│服务对象满意度指标│服务对象满意度│95│≥│%│50\n", 10, "指标性质“约等于”无法识别"},
		{"unrecognisable indicator row", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + testkit.SynRows + "│产出指标│数量指标│服务部门│很多│50\n", 12, "无法识别这一绩效指标行"},
		{"no year", "财政资金项目支出绩效目标表\n" + testkit.SynHead + testkit.SynIndHead + testkit.SynRows, 2, "无法确定这张表的年度"},
		{"no indicators", testkit.SynTitle + testkit.SynHead, 3, "没有找到绩效指标"},
		{"header label among indicator rows", testkit.SynTitle + testkit.SynHead + testkit.SynIndHead + testkit.SynRows + "资金总额（万）│12\n", 12, "在绩效指标中出现了“资金总额（万）”栏"},
		{"missing department", testkit.SynTitle + strings.Replace(testkit.SynHead, "主管部门│103-重庆市綦江区人民政府办公室│", "", 1) + testkit.SynIndHead + testkit.SynRows, 3, "主管部门为空"},
		{"missing funds", testkit.SynTitle + strings.Replace(testkit.SynHead, "资金总额（万）│12.5│", "", 1) + testkit.SynIndHead + testkit.SynRows, 3, "项目缺少资金总额"},
		{"unrecognised header line", testkit.SynTitle + strings.Replace(testkit.SynHead, "项目起始时间", "说明│随便\n项目起始时间", 1) + testkit.SynIndHead + testkit.SynRows, 6, "无法识别这一行：“说明 随便”"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := parseTabbed(tc.input, ParseOptions{})
			if err == nil {
				t.Fatalf("no error; got %d projects", len(ps))
			}
			if ps != nil {
				t.Errorf("projects returned with an error: %+v", ps)
			}
			e := testkit.OneError(t, err)
			if e.File != "test.txt" || e.Line != tc.line {
				t.Errorf("error at %s:%d, want test.txt:%d (%v)", e.File, e.Line, tc.line, e)
			}
			if !strings.Contains(e.Msg, tc.contain) {
				t.Errorf("message %q does not contain %q", e.Msg, tc.contain)
			}
			testkit.AssertChineseError(t, e)
			if want := fmt.Sprintf("test.txt:%d: ", tc.line); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q, want prefix %q", err.Error(), want)
			}
		})
	}
}

// A year that content files would reject is refused at import, not
// written to content/<year>/ for the build to fail on later.
func TestParseTablesYearRange(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		opt     ParseOptions
		line    int
		contain string
	}{
		{"year option out of range", testkit.SynHead + testkit.SynIndHead + testkit.SynRows, ParseOptions{Year: 22}, 1, "年度“22”不正确"},
		{"negative year option", testkit.SynHead + testkit.SynIndHead + testkit.SynRows, ParseOptions{Year: -98}, 1, "年度“-98”不正确"},
		{"title year before 1990", "1985年财政资金项目支出绩效目标表\n" + testkit.SynHead + testkit.SynIndHead + testkit.SynRows, ParseOptions{Year: 2022}, 2, "年度“1985”不正确"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseTabbed(tc.input, tc.opt)
			if err == nil {
				t.Fatal("no error")
			}
			e := testkit.OneError(t, err)
			if e.Line != tc.line || !strings.Contains(e.Msg, tc.contain) {
				t.Errorf("error %v, want line %d with %q", e, tc.line, tc.contain)
			}
			testkit.AssertChineseError(t, e)
		})
	}
	for _, year := range []int{1990, 2100} {
		if _, err := parseTabbed(testkit.SynHead+testkit.SynIndHead+testkit.SynRows, ParseOptions{Year: year}); err != nil {
			t.Errorf("year %d: %v", year, err)
		}
	}
}

func TestParseTablesReportsEveryError(t *testing.T) {
	input := testkit.SynTitle + strings.Replace(testkit.SynHead, "│12.5│", "│abc│", 1) + testkit.SynIndHead +
		"│产出指标│数量指标│服务部门│81│≥│个│x\n│满意度指标│服务对象满意度指标│服务对象满意度│95│约│%│50\n"
	_, err := parseTabbed(input, ParseOptions{})
	var list budget.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %T %v", err, err)
	}
	var lines []int
	for _, e := range list {
		lines = append(lines, e.Line)
		testkit.AssertChineseError(t, e)
	}
	if want := []int{10, 11, 5}; !reflect.DeepEqual(lines, want) {
		t.Errorf("error lines %v, want %v:\n%v", lines, want, err)
	}
	if !strings.HasSuffix(err.Error(), "共 3 处错误。") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func toGB18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func toUTF16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// TestParseTablesChunksEqualOnePass parses the sample and generated text
// with a cut at every title and in one piece, and requires the same
// projects: parsing in parallel must not change what is read.
func TestParseTablesChunksEqualOnePass(t *testing.T) {
	inputs := map[string][]byte{}
	if b, err := os.ReadFile(testkit.SamplePath); err == nil {
		inputs["sample"] = b
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "import", "*.txt"))
	files = append(files, "../testdata/multiyear/2023.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = b
	}
	if len(inputs) < 3 {
		t.Fatalf("only %d inputs", len(inputs))
	}
	for name, b := range inputs {
		one, err1 := parseTables(bytes.NewReader(b), name, ParseOptions{Year: 2022}, 1<<30)
		for _, per := range []int{1, 3} {
			chunked, err2 := parseTables(bytes.NewReader(b), name, ParseOptions{Year: 2022}, per)
			if !reflect.DeepEqual(one, chunked) || fmt.Sprint(err1) != fmt.Sprint(err2) {
				t.Errorf("%s: %d tables per chunk parse differently", name, per)
			}
		}
	}
}

func parseTabbed(s string, opt ParseOptions) ([]budget.Project, error) {
	return ParseTables(strings.NewReader(testkit.Tabbed(s)), "test.txt", opt)
}
