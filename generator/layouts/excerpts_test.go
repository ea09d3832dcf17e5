package layouts

import (
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/layouts/cellvalue"
)

// The tables below are more of the shared excerpts, each laid out as a
// sheet saved as CSV would hold it (merged cells printed once); where an
// excerpt stops, the table ends early or is completed in its style, as
// noted. Personal names and numbers are made up.

// 14_shandong-linyi_2025: odd level names (一级, 二级, 三级, 年度数值,
// 产出值…), 项目主管部门 only, 项目资金申请(万元) over 资金总额：.
var linyi = []string{
	"项目支出目标申报表",
	"(2025年度)",
	"项目名称,小学教育公用经费",
	"项目主管部门,临邑县师范附属小学",
	"项目资金申请(万元),资金总额:,438.768",
	",财政拨款:,438.768",
	",其他:,",
	"项目总体情况,\"根据鲁财科教(2024)67号文件,小学教育公用经费每生每年780元,县级财政负担20%计,主要用于学校教学与管理、校舍维修维护及日常办公等。\"",
	"一级,二级,三级,年度数值,备注",
	"产出值,数量值,小学就读人数,<=6962人,",
	",质量值,教学条件改善、办学水平提高,=100%,",
	",时效值,教育均衡化发展,有效,",
	",成本值,义务教育小学生均公用经费,780元/生/年,",
	"效益值,经济效益值,经费有效使用情况,=100%,",
	",社会效益值,教学质量提高、办学条件改善,=100%,",
	",生态效益值,安全情况,有效,",
	",可持续影响值,学生受益情况,=100%,",
	",,,,",
	"内容保障 | 公务邮箱,",
}

// 11_hunan-yueyangxian_2022: the amount is text (854万(…)), 资金情况
// (万元) as a group, 年度目标 below 总体目标, a note under the table. The
// rows after 年增粮食 are abridged.
var yueyang = []string{
	"绩效目标申报表(基础设施建设类)",
	"(2022年度)",
	"项目名称,岳阳县2022年高标准农田建设项目,项目负责人及电话,王某",
	"主管部门,岳阳县农业农村局,实施单位,农田建设服务中心",
	"资金情况 (万元),年度资金总额:,\"854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)\"",
	",其中:财政拨款,\"854万854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)\"",
	",其他资金,",
	"总体目标,年度目标,",
	",完成项目主体工程70%,",
	"绩效指标,一级指标,二级指标,三级指标,指标值",
	",产出指标,数量指标,脱贫村村内道路硬化里程,≥100公里",
	",,,脱贫户供水设施数量,≥20座",
	",,质量指标,项目(工程)验收合格率,100%",
	",,时效指标,项目(工程)完成及时率,≥100%",
	",,成本指标,财政资金补助,1600元/亩",
	",效益指标,经济效益 指标,年增粮食,3500公斤",
	",满意度指标,服务对象满意度指标,受益脱贫(监测)户满意度,≥95%",
	"注:各地请根据实际情况，从上述绩效指标中选择适合的填报。,,,,",
}

func TestExcerptLinyi(t *testing.T) {
	ps, notes, err := Projects(csvGrids(t, "linyi.csv", csv(linyi...)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	school := budget.Coded{Code: cellvalue.DerivedCode("临邑县师范附属小学"), Name: "临邑县师范附属小学"}
	checkProject(t, ps[0], cellvalue.DerivedCode("2025", school.Name, "小学教育公用经费"), "小学教育公用经费", 2025, school, school, "438.768")
	if !strings.HasPrefix(ps[0].Overview, "根据鲁财科教(2024)67号文件") {
		t.Errorf("overview %q", ps[0].Overview)
	}
	checkRows(t, ps[0], []row{
		{"产出值", "数量值", "小学就读人数", "≤", "6962", "人", "0", "", "<=6962人"},
		{"产出值", "质量值", "教学条件改善、办学水平提高", "=", "100", "%", "0", "", "=100%"},
		{"产出值", "时效值", "教育均衡化发展", "定性", "有效", "", "0", "", ""},
		{"产出值", "成本值", "义务教育小学生均公用经费", "=", "780", "元/生/年", "0", "", "780元/生/年"},
		{"效益值", "经济效益值", "经费有效使用情况", "=", "100", "%", "0", "", "=100%"},
		{"效益值", "社会效益值", "教学质量提高、办学条件改善", "=", "100", "%", "0", "", "=100%"},
		{"效益值", "生态效益值", "安全情况", "定性", "有效", "", "0", "", ""},
		{"效益值", "可持续影响值", "学生受益情况", "=", "100", "%", "0", "", "=100%"},
	})
	if !strings.Contains(notes.Error(), "linyi.csv:4: 表中只有项目主管部门“临邑县师范附属小学”，没有实施单位；已把它同时作为实施单位") {
		t.Errorf("notes:\n%v", notes)
	}
}

func TestExcerptYueyang(t *testing.T) {
	ps, _, err := Projects(csvGrids(t, "yueyang.csv", csv(yueyang...)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	name := "岳阳县2022年高标准农田建设项目"
	unit := budget.Coded{Code: cellvalue.DerivedCode("农田建设服务中心"), Name: "农田建设服务中心"}
	checkProject(t, ps[0], cellvalue.DerivedCode("2022", unit.Name, name), name, 2022,
		budget.Coded{Code: cellvalue.DerivedCode("岳阳县农业农村局"), Name: "岳阳县农业农村局"}, unit, "854")
	if ps[0].AnnualGoal != "完成项目主体工程70%" {
		t.Errorf("annual goal %q", ps[0].AnnualGoal)
	}
	checkRows(t, ps[0], []row{
		{"产出指标", "数量指标", "脱贫村村内道路硬化里程", "≥", "100", "公里", "0", "", "≥100公里"},
		{"产出指标", "数量指标", "脱贫户供水设施数量", "≥", "20", "座", "0", "", "≥20座"},
		{"产出指标", "质量指标", "项目(工程)验收合格率", "=", "100", "%", "0", "", "100%"},
		{"产出指标", "时效指标", "项目(工程)完成及时率", "≥", "100", "%", "0", "", "≥100%"},
		{"产出指标", "成本指标", "财政资金补助", "=", "1600", "元/亩", "0", "", "1600元/亩"},
		{"效益指标", "经济效益指标", "年增粮食", "=", "3500", "公斤", "0", "", "3500公斤"},
		{"满意度指标", "服务对象满意度指标", "受益脱贫(监测)户满意度", "≥", "95", "%", "0", "", "≥95%"},
	})
	if strings.Contains(dump(t, ps, nil), "王某") {
		t.Error("项目负责人 became data")
	}
}

// TestExcerptsRefused: excerpts whose tables are not read, and why.
func TestExcerptsRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows []string
		want string
	}{
		// 12_shaanxi-qingjian_2021: 资金情况 names no unit, nor does the
		// page; the publisher has to say whether 500 is 万元.
		{"qingjian.csv", []string{"绩效目标申报表", "(2021年度)",
			"项目名称,2021年交通局寨山石坪、鲍家沟果园路,项目负责人及联系电话,刘某09120000000",
			"主管部门,清涧县交通运输局,实施单位,清涧县交通运输局", "资金情况,年度资金总额:,500", ",其中:财政拨款,500", ",其他资金,",
			"总,年度目标", ",\"1、改善基础实施建设,呼家河至鲍家沟果园路建设2公里、寨山石坪果园路2公里\"",
			"绩,一级指标,二级指标,三级指标,指标值", ",产出指标,数量指标,寨山石坪村新建水泥路1条,2km"},
			"qingjian.csv:5: 年度资金总额“500”没有注明金额单位。请注明单位"},
		// 19_zhejiang-cixi_2023: a policy's 中长期 indicators with no
		// form: the title names the project, nothing names its agencies
		// or its money (the page's 市财政局 is the publisher).
		{"cixi.csv", cixi, "cixi.csv:8: 找到指标表头，但没有找到“项目名称”；标题写明了项目“3岁以下婴幼儿照护服务项目”，但表中只有绩效指标，没有写明主管部门、实施单位、资金总额。" +
			"导入的项目须有主管部门、实施单位和资金总额，本工具不会替表格补写；请在指标表头上方各加一行"},
		// 15_hebei-ningjin_2019: a 绩效评价指标表 with 分值, named by its
		// title only.
		{"ningjin.csv", ningjin, "ningjin.csv:2: 找到指标表头，但没有找到“项目名称”；标题写明了项目“宁晋县高中助学金项目”，但表中只有绩效指标，没有写明主管部门、实施单位、资金总额"},
		// A table of indicators with neither a 项目名称 nor a title.
		{"bare.csv", []string{"一级指标,二级指标,三级指标,指标值", "产出指标,数量指标,培训人数,≥100人"},
			"bare.csv:1: 找到指标表头，但没有找到“项目名称”，表上方也没有写明项目的标题。每张绩效目标表都应在指标之前写明项目名称、主管部门、实施单位、资金总额等栏目"},
		// 07_hunan-yueyanglou_2023: a department's overall target, with
		// the text through a broken Traditional conversion: its labels
		// are read, and it is no project.
		{"yueyanglou.csv", yueyanglou, "yueyanglou.csv:1: 这是部门（单位）整体绩效目标表（“岳陽樓區價格認證鑒定中心2023年度整體績效目標表”），不是项目支出绩效目标表。" +
			"本工具导入项目支出绩效目标表，一张表一个项目"},
		// 06_hubei-ezhou_2022: a cost-composition table, then a grid whose
		// 一级指标 column holds the 二级 (数量指标) and 二级指标 the names,
		// with 绩效标准 holding explanations; no agency. Refused at the
		// grid, saying it lacks 三级指标.
		{"ezhou.csv", ezhou, "ezhou.csv:10: 指标表头中没有“三级指标”栏（这一行是：一级指标、二级指标、绩效标准、当年预期实现值、保障绩效目标实现措施）。" +
			"每个指标应有一级指标、二级指标、三级指标（指标名称）和指标值"},
		// 28_hunan-hengshan_2020: a self-evaluation with no scores.
		{"hengshan.csv", []string{"2020年度县级专项资金绩效目标自评表", "专项资金名称,县级储备粮",
			"绩效指标,一级指标,二级指标,三级指标,年度指标值,全年完成值,未完成原因和改进措施"},
			"hengshan.csv:3: 这是绩效自评表（表头有“全年完成值”），不是绩效目标表"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Projects(csvGrids(t, tc.name, csv(tc.rows...)), Options{})
			wantError(t, err, tc.want)
		})
	}
}

// wuhanForm is made up in the shape the brief of this package describes
// (no excerpt has all of it): 预算部门(及编码) and 项目执行单位 with codes in
// brackets, 项目起止时间, 资金总额（元）, 总体目标 and 本年度绩效目标 side by
// side with their texts below, and the columns 指标内容, 指标值及单位,
// 指标方向, 绩效标准 and 备注; a 联系人 row and a 财务负责人 footer.
const wuhanForm = `<html><head><meta charset="utf-8"></head><body>
<table>
<tr><td colspan="7">2024年度项目支出绩效目标申报表</td></tr>
<tr><td>项目名称</td><td colspan="6">中小学课后服务补助</td></tr>
<tr><td>预算部门(及编码)</td><td colspan="2">[015]武汉市青山区教育局</td><td>项目执行单位</td><td colspan="3">[015001]武汉市青山区教育局（本级）</td></tr>
<tr><td>联系人</td><td colspan="2">张某某</td><td>联系电话</td><td colspan="3">027-00000000</td></tr>
<tr><td>项目起止时间</td><td colspan="6">2024.01-2024.12</td></tr>
<tr><td rowspan="3">资金总额（元）</td><td colspan="2">年度资金总额</td><td colspan="4">1,234,500.00</td></tr>
<tr><td colspan="2">其中：财政拨款</td><td colspan="4">1,234,500.00</td></tr>
<tr><td colspan="2">其他资金</td><td colspan="4">0.00</td></tr>
<tr><td colspan="3">总体目标</td><td colspan="4">本年度绩效目标</td></tr>
<tr><td colspan="3">三年内课后服务覆盖全区中小学。</td><td colspan="4">2024年覆盖全区公办中小学，参与学生不少于3000人次。</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>指标内容</td><td>指标值及单位</td><td>指标方向</td><td>绩效标准</td><td>备注</td></tr>
<tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>参与学生人次</td><td>≥3000人次</td><td>正向</td><td>计划标准</td><td></td></tr>
<tr><td>覆盖学校数</td><td>36所</td><td>正向</td><td>计划标准</td><td>含九年一贯制学校</td></tr>
<tr><td>时效指标</td><td>服务期间</td><td>2024.01-2024.12</td><td></td><td>计划标准</td><td></td></tr>
<tr><td>成本指标</td><td>经济成本指标</td><td>生均补助标准</td><td>≤400元/生</td><td>反向</td><td>行业标准</td><td></td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>家长满意度</td><td>≥90%</td><td>正向</td><td>历史标准</td><td></td></tr>
<tr><td colspan="3">财务负责人：李某某</td><td colspan="4">填报日期：2024年1月5日</td></tr>
</table></body></html>`

func TestWuhanStyleForm(t *testing.T) {
	g := htmlGrids(t, "wuhan.html", wuhanForm)
	ps, notes, err := Projects(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	unit := budget.Coded{Code: "015001", Name: "武汉市青山区教育局（本级）"}
	checkProject(t, ps[0], cellvalue.DerivedCode("2024", unit.Name, "中小学课后服务补助"), "中小学课后服务补助", 2024,
		budget.Coded{Code: "015", Name: "武汉市青山区教育局"}, unit, "123.45")
	p := ps[0]
	if p.Start != "2024.01" || p.End != "2024.12" || p.OverallGoal != "三年内课后服务覆盖全区中小学。" ||
		p.AnnualGoal != "2024年覆盖全区公办中小学，参与学生不少于3000人次。" {
		t.Errorf("fields %q %q %q %q", p.Start, p.End, p.OverallGoal, p.AnnualGoal)
	}
	checkRows(t, p, []row{
		{"产出指标", "数量指标", "参与学生人次", "≥", "3000", "人次", "0", "正向", "≥3000人次"},
		{"产出指标", "数量指标", "覆盖学校数", "=", "36", "所", "0", "正向", "36所"},
		{"产出指标", "时效指标", "服务期间", "定性", "2024.01-2024.12", "", "0", "", ""},
		{"成本指标", "经济成本指标", "生均补助标准", "≤", "400", "元/生", "0", "反向", "≤400元/生"},
		{"满意度指标", "服务对象满意度指标", "家长满意度", "≥", "90", "%", "0", "正向", "≥90%"},
	})
	if p.Indicators[0].Standard != "计划标准" || p.Indicators[3].Standard != "行业标准" || p.Indicators[1].Remark != "含九年一贯制学校" {
		t.Errorf("standard %q %q, remark %q", p.Indicators[0].Standard, p.Indicators[3].Standard, p.Indicators[1].Remark)
	}
	all := dump(t, ps, notes)
	for _, personal := range []string{"张某某", "027-00000000", "李某某"} {
		if strings.Contains(all, personal) {
			t.Errorf("%q became data:\n%s", personal, all)
		}
	}
	if len(notes) != 1 { // the derived project code only
		t.Errorf("notes:\n%v", notes)
	}
}

// fundsOf is a project's funds breakdown as “来源=金额” strings.
func fundsOf(p budget.Project) []string {
	var out []string
	for _, f := range p.FundsBreakdown {
		out = append(out, f.Source+"="+f.Amount.String())
	}
	return out
}

func checkFunds(t *testing.T, p budget.Project, want ...string) {
	t.Helper()
	if got := fundsOf(p); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s: funds breakdown\n got %q\nwant %q", p.Name, got, want)
	}
}

// TestFundsBreakdown: the rows under 资金总额 are kept in the form's
// order, in 万元 by the total's unit rules; blank rows are skipped, a 0
// is kept, subtotals are kept as printed, and a row that prints no
// amount is a note.
func TestFundsBreakdown(t *testing.T) {
	// 18_sichuan-guangyuan-zhaohua_2021: subtotals and their sub-rows
	// under 金额(万元), 0.00 shown by the format.
	ps, _ := readFixture(t, "zhaohua.xlsx", Options{})
	checkFunds(t, ps[0], "财政拨款小计=4.00", "一般公共预算=4.00", "政府性基金=0.00", "国有资本经营预算=0.00",
		"自有资金小计=0.00", "事业收入=0.00", "经营性收入=0.00", "其他收入=0.00")
	// 03_neimenggu-wuhai_2021: 其中: 财政拨款数 under 年初安排金额(万元).
	ps, _ = readFixture(t, "wuhai.xlsx", Options{})
	checkFunds(t, ps[0], "财政拨款数=3", "其他资金=0")
	// 14_shandong-linyi_2025: 其他: left blank is no source.
	ps, _, err := Projects(csvGrids(t, "linyi.csv", csv(linyi...)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkFunds(t, ps[0], "财政拨款=438.768")
	// The made-up Wuhan form: 资金总额（元）, so the rows are converted
	// from 元 as the total is.
	ps, _, err = Projects(htmlGrids(t, "wuhan.html", wuhanForm), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkFunds(t, ps[0], "财政拨款=123.45", "其他资金=0")
	// 11_hunan-yueyangxian_2022: the 财政拨款 cell repeats the amount
	// (854万854万(…)): not an amount, so a note and no row.
	ps, notes, err := Projects(csvGrids(t, "yueyang.csv", csv(yueyang...)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkFunds(t, ps[0])
	if !strings.Contains(notes.Error(), "yueyang.csv:6: 资金来源“财政拨款”的金额“854万854万") {
		t.Errorf("notes:\n%v", notes)
	}
	// 上级资金, 本级资金 and “/” (skipped) under 资金总额（万元）.
	ps, _, err = Projects(csvGrids(t, "shangji.csv", csv("2024年度项目支出绩效目标表",
		"项目名称,道路养护", "主管部门,某县交通运输局,实施单位,某县公路事务中心",
		"资金总额（万元）,120.5", "其中：上级资金,100", "本级资金,20.5", "上年结转,/", "其他资金,—",
		"年度目标,养护道路。", "一级指标,二级指标,三级指标,指标值", "产出指标,数量指标,养护里程,≥20公里")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkFunds(t, ps[0], "上级资金=100", "本级资金=20.5")
}

// TestDongguanSideBySide: 13_guangdong-dongguan_2019, the 中期 and the
// annual indicators side by side under 中期滚动目标 and 年度目标: the left
// set is Period 中期, the right the year's, both with the shared 一级.
func TestDongguanSideBySide(t *testing.T) {
	ps, notes := readFixture(t, "dongguan.html", Options{})
	if len(ps) != 1 {
		t.Fatalf("%d projects", len(ps))
	}
	p := ps[0]
	unit := budget.Coded{Code: cellvalue.DerivedCode("东莞市交通运输局"), Name: "东莞市交通运输局"}
	name := "镇际联网路升级改造工程一期"
	checkProject(t, p, cellvalue.DerivedCode("2019", unit.Name, name), name, 2019, unit, unit, "919.00")
	if p.OverallGoal != "新建或改造道路,共29个项目,规划里程169公里。" || !strings.HasPrefix(p.AnnualGoal, "督促勘察设计单位") {
		t.Errorf("goals %q %q", p.OverallGoal, p.AnnualGoal)
	}
	mid := []row{
		{"预期产出指标", "数量指标(或建筑规模指标)", "镇街补助款完成结算项目数", "=", "3", "", "0", "", ""},
		{"预期产出指标", "质量指标", "补助款结算误差率", "定性", "±3%以内", "", "0", "", ""},
		{"预期产出指标", "时效指标(工期指标)", "结算款支付及时性", "定性", "及时", "", "0", "", ""},
		{"预期产出指标", "预算(或投资规模)控制指标", "年度预算执行率", "≥", "90", "%", "0", "", "≥90%"},
		{"效果指标", "社会、经济、生态效益指标", "补助款结算争议率", "=", "0", "%", "0", "", "0%"},
		{"效果指标", "可持续影响指标", "实现建设总目标控制程度", "定性", "有效控制", "", "0", "", ""},
	}
	annual := append([]row(nil), mid...)
	annual[2].l2 = "时效指标(工期指标、形象进度指标)"
	checkRows(t, p, append(mid, annual...))
	for i, in := range p.Indicators {
		if want := map[bool]string{true: "中期", false: ""}[i < len(mid)]; in.Period != want {
			t.Errorf("indicator %d %s: period %q, want %q", i+1, in.Level3, in.Period, want)
		}
	}
	if strings.Contains(dump(t, ps, notes), "284500") {
		t.Error("中期市财政预算 became data")
	}
}

// 19_zhejiang-cixi_2023, the first project as the page prints it, one
// cell a line (the 满意度 rows end the excerpt's table).
var cixi = []string{
	"2023年慈溪市重大政策和项目绩效目标情况",
	"3岁以下婴幼儿照护服务项目项目绩效目标",
	"(一)中长期绩效目标",
	"坚持政府引导、家庭为主、多方参与、规范管理的原则。到2025年,每千人口拥有3岁以下婴幼儿托位数4.5个。",
	"(二)中长期绩效指标",
	"项目单位按项目实施内容设置了11个指标,包含数量类、时效类、质量类、效果类指标。指标如下:",
	"项目具体目标表",
	"一级指标,二级指标,指标名称,指标值",
	"产出指标,数量指标,每千人托位,4.5",
	",质量指标,应补尽补率,100%",
	",,审核准确性,100%",
	",时效指标,补助发放及时性,及时发放",
	",社会效益,社区婴幼儿照护服务机构覆盖率,提高",
	"满意度指标,满意度指标,受益单位满意度,95%",
	",,社会公众满意度,≥90%",
}

// 15_hebei-ningjin_2019: 评价指标 | 评价内容 | 指标名称 | 指标说明 | 目标值
// | 分值 | 备注, the levels merged (printed blank), 总分 at the end. The
// first row prints no 目标值 (规章制度建立与否, 20 分).
var ningjin = []string{
	"2019年度宁晋县高中助学金项目绩效评价指标表",
	"评价指标,评价内容,指标名称,指标说明,目标值,分值,备注",
	"项目年度绩效目标(定量指标),制度指标,规章制度建立与否,,,20,",
	"产出,数量指标,享受资助人数,达到预计值,2100,10,",
	",,资金支出率,达到目标值,95%,10,",
	",质量指标,建档立卡学生全面覆盖,,100%,10,",
	",,资助对象满意度,达到目标值,95%以上,10,",
	",时效指标,及时发放率,达到目标值,100%,20,",
	",成本指标,资助标准达标率,,100%,20,",
	"总分,,,,,100,",
}

// TestTitledIndicatorTable: a table of indicators that prints no
// 项目名称 is named by its title when it prints its agency and amount.
func TestTitledIndicatorTable(t *testing.T) {
	rows := append([]string{"主管部门,某县城市管理局", "资金总额（万元）,12"}, cixi[7:]...)
	rows = append([]string{"2024年度城区路灯维护项目绩效目标表"}, rows...)
	ps, _, err := Projects(csvGrids(t, "lamps.csv", csv(rows...)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dept := budget.Coded{Code: cellvalue.DerivedCode("某县城市管理局"), Name: "某县城市管理局"}
	checkProject(t, ps[0], cellvalue.DerivedCode("2024", dept.Name, "城区路灯维护项目"), "城区路灯维护项目", 2024, dept, dept, "12")
	if len(ps[0].Indicators) != 7 || ps[0].Indicators[6].Level3 != "社会公众满意度" {
		t.Errorf("indicators %+v", ps[0].Indicators)
	}
}

// 07_hunan-yueyanglou_2023 as the page prints it (the conversion's
// broken characters as printed), cut after the 社会效益 row.
var yueyanglou = []string{
	"岳陽樓區價格認證鑒定中心2023年度整體績效目標表",
	"部門(單位)名稱,岳陽樓區價格認證鑒定中心",
	"*部門(單位)職責,負責價格認定工作",
	"*年度總體績效目標,做好涉案、價格認定工作。",
	"績效指標",
	"一級指標,二級指標,三級指標,指標值類型,*指標值,計量單位,*指標解釋,*評(扣)分標準,備注",
	"產出指標,數量指標,業務工作支出安排金額,定量,28.8萬元,%,該指標主要考察業務工作支出安排情況,未達指標值酌情扣分,",
	",質量指標,業務工作支出到位率,定量,100,%,該指標主要考察業務工作支出安排到位情況,未達指標值酌情扣分,",
	"效益指標,社會效益指標,保證單位正常運轉,定性,應保盡保,%,該指標主要考察單位運轉需要保障範圍應保盡保,未達指標值酌情扣分,",
}

// 06_hubei-ezhou_2022 laid out as its .docx table (the excerpt is the
// document's text run together), cut at the 成本指标 rows.
var ezhou = []string{
	"鄂州市2022年市直部门预算项目支出绩效目标表",
	"项目名称,滨湖大胆办公大楼运行保障",
	"项目类别,本级支出项目,项目性质,持续性项目",
	"立项依据,市机关事务服务中心三定方案",
	"项目预算成本构成,金额,测算(公式)依据,2020年实际执行数,2021年实际执行数",
	"保安服务费,191,依据招标文件,191,191",
	"保洁服务费,99,依据招标文件,99,99",
	"水电气、维修维护费,524,根据三定方案,各项费用据实结算,372.88,504.55",
	"绩效目标,以办公大楼服务对象满意为目标,着力打造文明型机关、卫生Z口机关。",
	"一级指标,二级指标,绩效标准,当年预期实现值,保障绩效目标实现措施",
	"数量指标,办公大楼日常维修维护次数,反映办公大楼全年维修维护情况,2280次,",
	",大楼安检巡察次数,反映大楼保卫巡检情况,200次,",
	"质量指标,办公大楼日常维修维护验收合格率,反映办公大楼全年维修维护质量情况,>92%,",
	"成本指标,成本控制率,,不超预算,",
}

// TestTraditionalLabels: a form printed in Traditional characters is
// read by its labels; the cells' text is kept as printed.
func TestTraditionalLabels(t *testing.T) {
	ps, _, err := Projects(csvGrids(t, "trad.csv", csv("(2023年度)", "項目名稱,價格認定業務經費", "主管部門,岳陽樓區發改局", "實施單位,岳陽樓區價格認證鑒定中心",
		"資金總額（萬元）,28.8", "其中：財政撥款,28.8", "年度績效目標,做好涉案、價格認定工作。",
		"一級指標,二級指標,三級指標,指標值類型,*指標值,計量單位,*指標解釋,*評(扣)分標準,備注",
		"產出指標,質量指標,業務工作支出到位率,定量,100,%,該指標主要考察業務工作支出安排到位情況,未達指標值酌情扣分,",
		",時效指標,工作安排時間,定性,按月安排,,該指標主要考察業務工作支出安排時間,未達指標值酌情扣分,")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	dept := budget.Coded{Code: cellvalue.DerivedCode("岳陽樓區發改局"), Name: "岳陽樓區發改局"}
	unit := budget.Coded{Code: cellvalue.DerivedCode("岳陽樓區價格認證鑒定中心"), Name: "岳陽樓區價格認證鑒定中心"}
	checkProject(t, p, cellvalue.DerivedCode("2023", unit.Name, "價格認定業務經費"), "價格認定業務經費", 2023, dept, unit, "28.8")
	if p.AnnualGoal != "做好涉案、價格認定工作。" {
		t.Errorf("annual goal %q", p.AnnualGoal)
	}
	checkFunds(t, p, "財政撥款=28.8")
	checkRows(t, p, []row{
		{"產出指標", "質量指標", "業務工作支出到位率", "=", "100", "%", "0", "", ""},
		{"產出指標", "時效指標", "工作安排時間", "定性", "按月安排", "", "0", "", ""},
	})
}
