package layouts

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/grid"
	"budgetsite/generator/layouts/cellvalue"
)

// row is an indicator as read off a table by hand: levels, operator,
// value, unit, weight, direction and the value cell as printed where it
// differs from the value.
type row struct {
	l1, l2, l3, op, value, unit, weight, dir, printed string
}

func (r row) String() string {
	return fmt.Sprintf("%s/%s/%s %s %s %s w%s %s printed %q", r.l1, r.l2, r.l3, r.op, r.value, r.unit, r.weight, r.dir, r.printed)
}

func rowOf(in budget.Indicator) row {
	return row{in.Level1, in.Level2, in.Level3, in.Operator, in.Value, in.Unit, in.Weight.String(), in.Direction, in.Printed}
}

func checkRows(t *testing.T, p budget.Project, want []row) {
	t.Helper()
	if len(p.Indicators) != len(want) {
		var got []string
		for _, in := range p.Indicators {
			got = append(got, rowOf(in).String())
		}
		t.Fatalf("%s: %d indicators, want %d:\n%s", p.Name, len(p.Indicators), len(want), strings.Join(got, "\n"))
	}
	for i, in := range p.Indicators {
		if got := rowOf(in); got != want[i] {
			t.Errorf("%s indicator %d:\n got %v\nwant %v", p.Name, i+1, got, want[i])
		}
	}
}

func checkProject(t *testing.T, p budget.Project, code, name string, year int, dept, unit budget.Coded, funds string) {
	t.Helper()
	if p.Code != code || p.Name != name || p.Year != year || p.Department != dept || p.Unit != unit || p.Funds.String() != funds {
		t.Errorf("project:\n got %s %q %d %v %v %s\nwant %s %q %d %v %v %s", p.Code, p.Name, p.Year, p.Department, p.Unit, p.Funds,
			code, name, year, dept, unit, funds)
	}
}

// TestNanyueHTML: 09_hunan-nanyue_2018 as its portal served it, a form
// with ASCII operators in the value cells and no codes but the unit's.
func TestNanyueHTML(t *testing.T) {
	ps, notes := readFixture(t, "nanyue.html", Options{Year: 2018})
	if len(ps) != 1 {
		t.Fatalf("%d projects, want 1", len(ps))
	}
	p := ps[0]
	name := "2018年南岳镇资产收益扶贫项目"
	checkProject(t, p, cellvalue.DerivedCode("2018", "衡阳市南岳区南岳镇人民政府", name), name, 2018,
		budget.Coded{Code: cellvalue.DerivedCode("南岳镇人民政府"), Name: "南岳镇人民政府"},
		budget.Coded{Code: "607001", Name: "衡阳市南岳区南岳镇人民政府"}, "214.06")
	if !strings.HasPrefix(p.AnnualGoal, "10个合作社为入股贫困户返本分红,第一年按投资额20%反本") || !strings.HasSuffix(p.AnnualGoal, "余下小部分用于企业发展") {
		t.Errorf("annual goal %q", p.AnnualGoal)
	}
	if p.Source != (budget.Source{File: "nanyue.html", Line: 28}) {
		t.Errorf("source %+v", p.Source)
	}
	checkRows(t, p, []row{
		{"产出指标", "数量指标", "*贫困地区贫困人口加入合作社、村集体经济组织人数(≥**人)", "≥", "1102", "人", "0", "", ">=1102人"},
		{"产出指标", "数量指标", "资产入股贫困人口总数(≥**人)", "≥", "1102", "人", "0", "", ">=1102人"},
		{"产出指标", "数量指标", "入股合作社个数", "=", "10", "个", "0", "", "=10个"},
		{"产出指标", "质量指标", "返本分红比例", "定性", "第一年按总投资额返本20%, 分红按8%分红", "", "0", "", ""},
		{"产出指标", "时效指标", "每年返本分红时间", "定性", "每年12月底前", "", "0", "", ""},
		{"产出指标", "时效指标", "返本分红分几年", "=", "5", "年", "0", "", "=5年"},
		{"产出指标", "成本指标", "补助合作社平均标准", "=", "23", "万元/个", "0", "", "=23万元/个"},
		{"效益指标", "经济效益指标", "*资产股权年收益率( ≥**% )", "≥", "8", "%", "0", "", ">=8%"},
		{"效益指标", "经济效益指标", "贫困户全年返本分红总额", "=", "46.16", "万元", "0", "", "=46.16万元"},
		{"效益指标", "社会效益指标", "受益建档立卡贫困人口数(≥**人)", "≥", "1102", "人", "0", "", ">=1102人"},
		{"满意度指标", "服务对象满意度指标", "*资产入股贫困人口满意度( ≥**% )", "≥", "95", "%", "0", "", ">=95%"},
	})
	if len(notes) != 2 {
		t.Errorf("notes: %v", notes)
	}

	// The year is on the page, not in the table: without --year the
	// table is refused at its 项目名称.
	_, _, err := Projects(readGrids(t, "nanyue.html"), Options{})
	wantError(t, err, "nanyue.html:28: 无法确定这张表的年度。请在表上方保留带年度的标题")
}

// TestZhaohuaXLSX: 18_sichuan-guangyuan-zhaohua_2021, a workbook form with
// merged cells, 预算单位 only and a funding breakdown with no total.
func TestZhaohuaXLSX(t *testing.T) {
	ps, notes := readFixture(t, "zhaohua.xlsx", Options{})
	if len(ps) != 1 {
		t.Fatalf("%d projects, want 1", len(ps))
	}
	p := ps[0]
	agency := budget.Coded{Code: cellvalue.DerivedCode("区疾控中心"), Name: "区疾控中心"}
	checkProject(t, p, cellvalue.DerivedCode("2021", "区疾控中心", "麻风病防治"), "麻风病防治", 2021, agency, agency, "4.00")
	if p.AnnualGoal != "每年开展“世界麻风病日”、“中国麻风节”宣传活动和春节前到两个敬老院看望慰问院内休养员、村外康复者和现症患者,实现慰问全覆盖。" || p.OverallGoal != "" {
		t.Errorf("goals %q %q", p.OverallGoal, p.AnnualGoal)
	}
	if p.Source != (budget.Source{File: "zhaohua.xlsx!绩效目标申报表!A3"}) {
		t.Errorf("source %+v", p.Source)
	}
	const l1, l1b = "项目完成指标", "项目效益指标"
	checkRows(t, p, []row{
		{l1, "数量指标", "每年春节慰问麻风村休养员、村外康复者和现症病人", "=", "32", "人", "0", "", "32人"},
		{l1, "数量指标", "宣传教育", "定性", "覆盖全区所有人员", "", "0", "", ""},
		{l1, "质量指标", "麻风村休养员、村外康复者和现症病人生活得到改善", "=", "100", "%", "0", "", "100%"},
		{l1, "质量指标", "广大群众对病风病防治知识知晓率显著提升", "=", "100", "%", "0", "", "100%"},
		{l1, "时效指标", "项目实施时间", "定性", "2021年1月-12月", "", "0", "", ""},
		{l1, "时效指标", "资金拨付到位情况", "定性", "12月底前100%到位", "", "0", "", ""},
		{l1, "成本指标", "严控成本,严格按照项目资金落实各项工作,不扩大,不增债", "定性", "严格按照指标任务落实工作", "", "0", "", ""},
		{l1b, "社会效益指标", "政府对麻风村休养员、村外康复者和现症病人的关爱", "定性", "明显增加", "", "0", "", ""},
		{l1b, "社会效益指标", "广大群众对病风病防治意识", "定性", "明显增强", "", "0", "", ""},
		{l1b, "可持续影响指标", "项目实施情况", "定性", "良好", "", "0", "", ""},
		{l1b, "可持续影响指标", "服务能力提升", "定性", "持续加强", "", "0", "", ""},
		{"满意度指标", "满意度指标", "群众幸福感", "定性", "明显提升", "", "0", "", ""},
	})
	if len(notes) != 3 || !strings.Contains(notes.Error(), "表中只有预算单位“区疾控中心”，没有主管部门；已把它同时作为主管部门") {
		t.Errorf("notes:\n%v", notes)
	}
}

// TestWuhaiXLSX: 03_neimenggu-wuhai_2021, a form with flat indicator
// rows whose 指标性质 and 指标方向 are swapped against Sichuan's, weights,
// a date serial and a 填表人 line that must not become data.
func TestWuhaiXLSX(t *testing.T) {
	ps, notes := readFixture(t, "wuhai.xlsx", Options{})
	if len(ps) != 1 {
		t.Fatalf("%d projects, want 1", len(ps))
	}
	p := ps[0]
	name := "再生资源回收市场管理经费"
	checkProject(t, p, cellvalue.DerivedCode("2021", "乌海市供销合作社联合社", name), name, 2021,
		budget.Coded{Code: "433", Name: "乌海市供销合作社联合社(部门)"}, budget.Coded{Code: "433001", Name: "乌海市供销合作社联合社"}, "3")
	if !strings.HasPrefix(p.AnnualGoal, "围绕国家关于建设节约型社会") {
		t.Errorf("annual goal %q", p.AnnualGoal)
	}
	const a, c = "产出指标", "成本指标"
	checkRows(t, p, []row{
		{a, "数量指标", "出差人数", "=", "8", "", "4", "正向", ""},
		{a, "数量指标", "出差人次", "=", "24", "人/次", "4", "正向", ""},
		{a, "质量指标", "工作任务完成率", "=", "100", "%", "4", "正向", ""},
		{a, "时效指标", "项目财政资金到位时间", "=", "2021-12-31", "", "10", "正向", ""},
		{a, "时效指标", "财政资金到位及时支付率", "=", "100", "%", "4", "正向", ""},
		{a, "时效指标", "工作计划按时完成时间", "=", "2021-12-31", "", "4", "正向", ""},
		{a, c, "出差单位成本", "=", "0.25", "万元/人", "4", "反向", "0"},
		{a, c, "出差总成本", "=", "1", "万元", "4", "反向", ""},
		{a, c, "劳务人员总成本", "=", "2", "万元", "4", "反向", ""},
		{a, c, "办公费总成本", "=", "0", "万元", "4", "反向", ""},
		{a, c, "年度预算总成本", "=", "3", "万元", "4", "反向", ""},
		{"效益指标", "社会效益指标", "促进资源循环利用", "定性", "有效促进", "", "30", "正向", ""},
		{"满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%", "10", "正向", ""},
	})
	if p.Indicators[12].Remark != "抽样调查" {
		t.Errorf("remark %q", p.Indicators[12].Remark)
	}
	if p.WeightTotal().String() != "90" {
		t.Errorf("weights total %s", p.WeightTotal())
	}
	all := dump(t, ps, notes)
	for _, personal := range []string{"李某某", "13800000000", "填表人"} {
		if strings.Contains(all, personal) {
			t.Errorf("%q became data:\n%s", personal, all)
		}
	}
	if !strings.Contains(notes.Error(), "wuhai.xlsx!Sheet1!H19: 三级指标“工作计划按时完成时间”的度量单位“44,561”是数字，不是单位，未导入") {
		t.Errorf("notes:\n%v", notes)
	}
}

// TestFlatList: the Sichuan flat list as a workbook and as the CSV
// Excel saves (GB18030, CRLF, amounts as shown): the same projects,
// amounts in 元 converted to 万元 exactly, departments from the subtotal
// rows, project cells blank meaning “same as above”.
func TestFlatList(t *testing.T) {
	x, xn := readFixture(t, "flat.xlsx", Options{})
	c, cn := readFixture(t, "flat.csv", Options{})
	if len(xn) != 3 || len(cn) != 3 {
		t.Errorf("notes:\n%v\n%v", xn, cn)
	}
	for _, ps := range [][]budget.Project{x, c} {
		if len(ps) != 3 {
			t.Fatalf("%d projects, want 3", len(ps))
		}
		mt := budget.Coded{Code: "820001", Name: "井研县马踏镇人民政府"}
		md := budget.Coded{Code: "820", Name: "马踏镇部门"}
		n0, n1, n2 := "马踏镇2023年村（社区）干部报酬", "马踏镇场镇环境卫生保洁经费", "集益镇2023年“两后生”职业技能培训"
		checkProject(t, ps[0], cellvalue.DerivedCode("2023", mt.Name, n0), n0, 2023, md, mt, "330.984")
		checkProject(t, ps[1], cellvalue.DerivedCode("2023", mt.Name, n1), n1, 2023, md, mt, "551.778053")
		checkProject(t, ps[2], cellvalue.DerivedCode("2023", "井研县集益镇人民政府", n2), n2, 2023,
			budget.Coded{Code: "821", Name: "集益镇部门"}, budget.Coded{Code: "821001", Name: "井研县集益镇人民政府"}, "125.00005")
		if ps[0].AnnualGoal != "保障全镇12个村（社区）干部报酬按时足额发放，维护基层组织正常运转。" ||
			ps[2].AnnualGoal != "组织“两后生”参加职业技能培训，提升就业能力。 培训合格率不低于90%。" {
			t.Errorf("goals %q %q", ps[0].AnnualGoal, ps[2].AnnualGoal)
		}
		const o, s = "产出指标", "服务对象满意度指标"
		checkRows(t, ps[0], []row{
			{o, "数量指标", "保障村（社区）干部人数", "=", "96", "人", "20", "正向", ""},
			{o, "时效指标", "报酬发放及时率", "≥", "95", "%", "20", "正向", ""},
			{o, "成本指标", "人均报酬标准", "≤", "2873", "元/月", "20", "反向", ""},
			{"效益指标", "社会效益指标", "基层组织运转情况", "定性", "良好", "", "20", "正向", ""},
			{"满意度指标", s, "群众满意度", "≥", "90", "%", "20", "正向", ""},
		})
		checkRows(t, ps[1], []row{
			{o, "数量指标", "保洁道路面积", "≥", "12.5", "万平方米", "30", "正向", ""},
			{o, "质量指标", "垃圾清运率", "=", "100", "%", "30", "正向", ""},
			{"满意度指标", s, "群众满意度", "≥", "90", "%", "40", "正向", ""},
		})
		checkRows(t, ps[2], []row{
			{o, "数量指标", "培训人数", "≥", "120", "人", "50", "正向", ""},
			{"效益指标", "社会效益指标", "培训后就业率", "≥", "80", "%", "50", "正向", ""},
		})
	}
	if x[0].Source != (budget.Source{File: "flat.xlsx!Sheet1!B5"}) || c[0].Source != (budget.Source{File: "flat.csv", Line: 5}) {
		t.Errorf("sources %+v %+v", x[0].Source, c[0].Source)
	}
}

// TestChongqingCSV: Chongqing's own table read through grid: codes in
// the cells, 指标性质, 度量单位 and 权重 columns, two tables of two years
// in one sheet.
func TestChongqingCSV(t *testing.T) {
	ps, notes := readFixture(t, "chongqing.csv", Options{})
	if len(ps) != 2 || len(notes) != 0 {
		t.Fatalf("%d projects, notes %v", len(ps), notes)
	}
	office := budget.Coded{Code: "103", Name: "重庆市綦江区人民政府办公室"}
	checkProject(t, ps[0], "500110T101", "电子政务外网延伸工程", 2022, office, budget.Coded{Code: "103002", Name: "重庆市綦江区电子政务中心"}, "109.73")
	checkProject(t, ps[1], "500110T103", "运转性项目", 2023, office, budget.Coded{Code: "103001", Name: "重庆市綦江区人民政府办公室（本级）"}, "3")
	p := ps[0]
	if p.Attribute != "新增" || p.Start != "2022年" || p.End != "长期" || p.Overview != "拓展电子政务外网覆盖范围。" || p.AnnualGoal != "实现纵向覆盖全区381个村（社区）。" {
		t.Errorf("fields %q %q %q %q %q", p.Attribute, p.Start, p.End, p.Overview, p.AnnualGoal)
	}
	checkRows(t, p, []row{
		{"产出指标", "数量指标", "网络链接线路租赁", "=", "381", "", "40", "", ""},
		{"产出指标", "数量指标", "服务街镇", "≥", "21", "个", "20", "", ""},
		{"效益指标", "社会效益指标", "群众获得感", "定性", "提升", "", "10", "", ""},
		{"满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "95", "%", "30", "", ""},
	})
	checkRows(t, ps[1], []row{
		{"产出指标", "成本指标", "支出控制在预算内", "≤", "3", "万元", "50", "", ""},
		{"满意度指标", "服务对象满意度指标", "职工满意度", "≥", "95", "%", "50", "", ""},
	})
}

// wantError checks that err is a budget.ErrorList whose text contains
// each of want.
func wantError(t *testing.T, err error, want ...string) {
	t.Helper()
	var list budget.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T), want a budget.ErrorList", err, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error:\n%v\nwant it to contain %q", err, w)
		}
	}
}

// csvGrids reads CSV text as a file called name.
func csvGrids(t *testing.T, name, text string) []grid.Grid {
	t.Helper()
	g, err := grid.ReadCSV(name, strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return []grid.Grid{g}
}

// htmlGrids reads a web page as a file called name.
func htmlGrids(t *testing.T, name, page string) []grid.Grid {
	t.Helper()
	g, err := grid.ReadHTML(name, strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return g
}
