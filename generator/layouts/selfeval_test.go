package layouts

import (
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/grid"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/layouts/cellvalue"
)

// readSelfEval reads a 自评 fixture and returns its one result.
func readSelfEval(t *testing.T, name string, opt Options) Evaluated {
	t.Helper()
	ps, rs, _, err := Read(readGrids(t, name), opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(ps) != 0 || len(rs) != 1 {
		t.Fatalf("%s: %d projects and %d results, want one result", name, len(ps), len(rs))
	}
	return rs[0]
}

// num is a score or amount as the tests write it: "" is nil.
func num(p *decimal.Decimal) string {
	if p == nil {
		return ""
	}
	return p.String()
}

// execRow prints a row of 预算执行情况 as the tests compare it.
func execRow(e budget.Execution) string {
	return strings.Join([]string{e.Source, num(e.Initial), num(e.Adjusted), num(e.Executed), e.Rate, num(e.MaxScore), num(e.Score)}, "|")
}

// resultRow prints a result as the tests compare it.
func resultRow(r budget.Result) string {
	return strings.Join([]string{r.Level1, r.Level2, r.Level3, r.Target, r.Actual, num(r.MaxScore), num(r.Score), r.Reason}, "|")
}

func checkLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s", what, testkit.DiffLines(strings.Join(want, "\n"), strings.Join(got, "\n")))
	}
}

func execRows(e budget.Execution) []string {
	out := []string{execRow(e)}
	for _, b := range e.Breakdown {
		out = append(out, execRow(b))
	}
	return out
}

func resultRows(ev *budget.Evaluation) []string {
	var out []string
	for _, r := range ev.Indicators {
		out = append(out, resultRow(r))
	}
	return out
}

// Test财政部Style: 24 (贵池, a workbook with merged cells). The facts are
// read off the excerpt by hand: the funds rows as printed (0 0 0 10 0 0
// for 年度资金总额: a 0 score is a score), 预期目标 and 实际完成情况, the
// indicators with 产出指标(50分) merged and its points dropped, the empty
// 经济效益指标 row skipped, 总分 90 and 评价等次 优 (completed by hand).
func TestSelfEvalMOF(t *testing.T) {
	r := readSelfEval(t, "selfeval-guichi.xlsx", Options{})
	p, ev := r.Project, r.Evaluation
	if p.Year != 2022 || p.Name != "委托业务项目" || p.Department != (budget.Coded{Code: "219", Name: "池州市贵池区棠溪镇人民政府"}) ||
		p.Unit != (budget.Coded{Code: "219001", Name: "池州市贵池区棠溪镇人民政府"}) {
		t.Errorf("project %d %q %+v %+v", p.Year, p.Name, p.Department, p.Unit)
	}
	if p.Code != cellvalue.DerivedCode("2022", "池州市贵池区棠溪镇人民政府", "委托业务项目") {
		t.Errorf("code %s, want the derived one", p.Code)
	}
	checkLines(t, "budget", execRows(ev.Budget), []string{
		"年度资金总额|0|0|0|0|10|0",
		"本年财政拨款|90|89.974|89.974|||",
		"上年结转资金||||||",
		"其他资金||||||",
	})
	if !strings.HasPrefix(p.AnnualGoal, "本项目共申请预算资金90万元。") || !strings.HasPrefix(ev.GoalActual, "本项目共完成预算资金89.97万元。") {
		t.Errorf("goals %q / %q", p.AnnualGoal, ev.GoalActual)
	}
	checkLines(t, "results", resultRows(ev), []string{
		"产出指标|数量指标|基建工程委托业务项目数量|≥50个|50|8|8|",
		"产出指标|质量指标|委托业务报告合格率|≥100百分比|100|8|8|",
		"产出指标|质量指标|经费支出合规性|严格执行相关制度规定|达成预期指标|8|8|",
		"产出指标|时效指标|提交报告及时性|在项目计划完成时间内完成|达成预期指标|8|8|",
		"产出指标|成本指标|项目总成本|≤90万元|90|8|8|",
		"产出指标|成本指标|单项业务成本|符合相关规定|达成预期指标|10|10|",
		"效益指标|社会效益指标|对维护基建市场公平的影响程度|效果明显|达成预期指标|10|10|",
		"效益指标|生态效益指标|对控制基建项目成本影响程度|效果明显|达成预期指标|10|10|",
		"效益指标|可持续影响指标|对推动基建项目“四项制度”健全和落实的持续性影响|效果明显|达成预期指标|10|10|",
		"满意度指标|满意度指标|公众满意度|≥90%|95%|10|10|",
	})
	if num(ev.Total) != "90" || ev.Grade != "优" {
		t.Errorf("total %s grade %q", num(ev.Total), ev.Grade)
	}
	// The 自评's own targets: 年度指标值 split, weight 0, one per result.
	if len(p.Indicators) != len(ev.Indicators) {
		t.Fatalf("%d targets for %d results", len(p.Indicators), len(ev.Indicators))
	}
	in := p.Indicators[4]
	if in.Operator != "≤" || in.Value != "90" || in.Unit != "万元" || in.Weight.Sign() != 0 || in.Printed != "≤90万元" {
		t.Errorf("target %+v", in)
	}
	if p.Indicators[2].Operator != budget.OpQualitative || p.Indicators[2].Value != "严格执行相关制度规定" {
		t.Errorf("target %+v", p.Indicators[2])
	}
	if p.Funds.Sign() != 0 {
		t.Errorf("funds %s, want the 全年预算数 0", p.Funds)
	}
	if ev.Source.File != "selfeval-guichi.xlsx!Sheet1!A3" || ev.Indicators[0].Line != 0 {
		t.Errorf("source %+v", ev.Source)
	}
	noPersonalInfo(t, p, "王某某", "0566-0000000")
}

// noPersonalInfo fails if any text of the project holds one of the words.
func noPersonalInfo(t *testing.T, p budget.Project, words ...string) {
	t.Helper()
	p.Texts(func(path string, s *string, _ bool) {
		text := *s
		for _, w := range words {
			if strings.Contains(text, w) {
				t.Errorf("%s holds personal information %q: %q", path, w, text)
			}
		}
	})
}

// TestSelfEvalMOFPage: 25 (天长, a web page): placeholder rows skipped,
// 主管部门 blank (the 实施单位 is both, with a note), a rate left blank,
// “-” for no score, 一级 and 二级 broken over lines, 总分 100.
func TestSelfEvalMOFPage(t *testing.T) {
	r := readSelfEval(t, "selfeval-tianchang.html", Options{})
	p, ev := r.Project, r.Evaluation
	if p.Year != 2022 || p.Name != "水旱灾害防御经费" || p.Department.Name != "天长市水利局" || p.Unit.Name != "天长市水利局" {
		t.Errorf("project %d %q %+v %+v", p.Year, p.Name, p.Department, p.Unit)
	}
	checkLines(t, "budget", execRows(ev.Budget), []string{
		"年度资金总额|880|880|880||10|10",
		"本年财政拨款|880|880|880|||",
		"上年结转资金||||||",
		"其他资金||||||",
	})
	if p.AnnualGoal != "完成年度防汛工作，完成中型灌区节水改造项目和农业综合水价改革项目。" || ev.GoalActual != "完成年度目标。" {
		t.Errorf("goals %q / %q", p.AnnualGoal, ev.GoalActual)
	}
	checkLines(t, "results", resultRows(ev), []string{
		"产出指标|数量指标|完成中型灌区节水改造项目数量|1|1|10|10|",
		"产出指标|数量指标|完成农业综合水价改革项目|1|1|10|10|",
		"产出指标|质量指标|工程质量合格|||10|10|",
		"产出指标|时效指标|年度资金支付完成率100%|||10|10|",
		"产出指标|成本指标|资金执行在预算范围内|||10|10|",
		"效益指标|经济效益指标|全市安全度汛|||10|10|",
		"效益指标|社会效益指标|保护全市人口财产不受损失|||10|10|",
		"效益指标|可持续影响指标|已建工程良性运行|||10|10|",
		"满意度指标|服务对象满意度指标|服务对象满意度|90%|100%|10|10|",
	})
	if num(ev.Total) != "100" || ev.Indicators[0].Line != 16 || ev.Source.Line != 6 {
		t.Errorf("total %s, line %d, source %+v", num(ev.Total), ev.Indicators[0].Line, ev.Source)
	}
}

// TestSelfEvalFractional: 26 (南华, pipe-separated text, no year
// printed): fractional scores, “—” for nothing, a 二级 broken by a space,
// a row with only a 二级 skipped.
func TestSelfEvalFractional(t *testing.T) {
	r := readSelfEval(t, "selfeval-nanhua.txt", Options{Year: 2023})
	p, ev := r.Project, r.Evaluation
	if p.Year != 2023 || p.Department.Name != "南华县农业农村局" || p.Unit.Name != "南华县国有资本管理有限公司" || p.Funds.String() != "1100" {
		t.Errorf("project %d %+v %+v %s", p.Year, p.Department, p.Unit, p.Funds)
	}
	checkLines(t, "budget", execRows(ev.Budget), []string{
		"年度资金总额|1100|1100|1100|100%|10|10",
		"当年财政拨款|1100|1100|1100|100%||",
		"上年结转资金||||||",
		"其他资金||||||",
	})
	checkLines(t, "results", resultRows(ev), []string{
		"产出指标|数量指标|1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装|≥1290.3平方米|1290.3平方米|10.3|10.3|",
		"产出指标|数量指标|配套烘干杀菌设备及包装设备购置及安装|550|20|9.3|9.3|",
		"产出指标|数量指标|配套电力设施1250KVA变压器3台|3||9.3|9.3|",
		"产出指标|经济效益指标|奖补资金兑付率(%)|≥100%|≥100%|10.8|10.8|",
		"产出指标|时效指标|任务完成时限(月)|10|10|10.3|10.3|",
		"效益指标|社会效益指标|带动农户增收(户)|≥100户|120户|15|15|",
		"效益指标|可持续影响指标|冷库持续运行年限(年)|≥10年|10年|15|15|",
		"满意度指标|服务对象满意度指标|受益群众满意度|≥90%|95%|10|10|",
	})
	var sum decimal.Decimal
	for _, r := range ev.Indicators[:5] {
		sum = sum.Add(*r.Score)
	}
	if sum.String() != "50.0" || num(ev.Total) != "100" {
		t.Errorf("产出 scores total %s, 总分 %s", sum, num(ev.Total))
	}
	if _, _, _, err := Read(readGrids(t, "selfeval-nanhua.txt"), Options{}); err == nil || !strings.Contains(err.Error(), "无法确定这张表的年度") {
		t.Errorf("without --year: %v", err)
	}
}

// TestSelfEvalSichuan: 22 (大英, CSV): 预算执行情况(10分) with its four
// sources, “/” for no score, the operator, value and unit in columns of
// their own (the target is the three as printed: ≤30万元), 合计,
// 评价结论, 存在问题, 改进措施, and the signatures dropped.
func TestSelfEvalSichuan(t *testing.T) {
	r := readSelfEval(t, "selfeval-daying.csv", Options{})
	p, ev := r.Project, r.Evaluation
	if p.Year != 2023 || p.Code != "51092324T000010263357" || p.Name != "2023年全县安可替代补助资金项目" ||
		p.Department.Name != "大英县司法局部门" || p.Unit.Name != "大英县司法局" || p.Funds.String() != "3.36" {
		t.Errorf("project %d %s %q %+v %+v %s", p.Year, p.Code, p.Name, p.Department, p.Unit, p.Funds)
	}
	checkLines(t, "budget", execRows(ev.Budget), []string{
		"总额|0.00|3.36|3.36|100.00%|10|10",
		"财政资金|0.00|3.36|3.36|100.00%||",
		"财政专户管理资金|0.00|0.00|0.00|0.00%||",
		"单位资金|0.00|0.00|0.00|0.00%||",
		"其他资金||||||",
	})
	if !strings.HasPrefix(ev.Budget.Reason, "1.预算执行率=预算执行数/调整后预算数") {
		t.Errorf("reason %q", ev.Budget.Reason)
	}
	if p.AnnualGoal != "根据要求购买安可设备,并完成项目资金支付。" || ev.GoalActual != "完成" {
		t.Errorf("goals %q / %q", p.AnnualGoal, ev.GoalActual)
	}
	checkLines(t, "results", resultRows(ev), []string{
		"产出指标|质量指标|完成安可产品购买并按要求支付资金|=100%|100%|30|30|",
		"产出指标|数量指标|购买安可电脑数量|≥13台|13台|20|20|",
		"产出指标|时效指标|资金支付及时率|≥90%|100%|10|10|",
		"产出指标|经济成本指标|成本控制数|≤30万元|完成|10|10|",
		"效益指标|社会效益指标|安可替代完成率|≥95%|100%|10|10|",
		"满意度指标|服务对象满意度指标|使用人员满意度|≥90%|92%|10|9|个别使用人员对新设备操作不熟悉，已组织培训",
	})
	in := p.Indicators[3]
	if in.Operator != "≤" || in.Value != "30" || in.Unit != "万元" {
		t.Errorf("target %+v", in)
	}
	if num(ev.Total) != "99" || ev.Conclusion != "根据财政局资金下达的管理办法，将资金支付给项目施工方。" || ev.Problems != "无" || ev.Improvements != "无" {
		t.Errorf("total %s, conclusion %q, problems %q, improvements %q", num(ev.Total), ev.Conclusion, ev.Problems, ev.Improvements)
	}
	noPersonalInfo(t, p, "张某某", "李某某")
}

// TestSelfEvalScoreFirst: 23 (中江, a workbook): 分值 before 年度指标值,
// 全年预算数(A) / 全年执行数(B) / 执行率(B/A) (the number 1 shown as
// 100.00%), an empty 经济效益指标 and a “……” row skipped, 总分 100.
func TestSelfEvalScoreFirst(t *testing.T) {
	r := readSelfEval(t, "selfeval-zhongjiang.xlsx", Options{})
	p, ev := r.Project, r.Evaluation
	if p.Year != 2022 || p.Department.Name != "中江县水利局" || p.Funds.String() != "20" {
		t.Errorf("project %d %+v %s", p.Year, p.Department, p.Funds)
	}
	checkLines(t, "budget", execRows(ev.Budget), []string{
		"年度资金总额||20|20|100.00%|10|10",
		"本年财政拨款||20|20|||",
		"其他资金||||||",
	})
	if p.AnnualGoal != "对农村地区供水计量设施设备进行改进,对项目区农业用水计量,为项目区农业生产夯实基础," || ev.GoalActual != "对项目区农业用水计量,为项目区农业生产夯实基础," {
		t.Errorf("goals %q / %q", p.AnnualGoal, ev.GoalActual)
	}
	checkLines(t, "results", resultRows(ev), []string{
		"产出指标|数量指标|安装坡面水标尺|≥266米|≥266米|10|10|",
		"产出指标|数量指标|水标尺宽度|≥50厘米|≥50厘米|10|10|",
		"产出指标|质量指标|项目(工程)验收合格率|100%|100%|20|20|",
		"产出指标|时效指标|及时(按期)开工率|≥90%|≥90%|10|10|",
		"产出指标|时效指标|及时(按期)完工率|≥90%|≥90%|10|10|",
		"产出指标|成本指标|项目计划总投资|20万元|20万元|10|10|",
		"效益指标|社会效益指标|受益脱贫(含监测对象)户人口数|≥1000人|≥1000人|10|10|",
		"效益指标|社会效益指标|群众生产生活条件改善状况|显著提升|显著提升|10|10|",
		"满意度指标|服务对象满意度指标|受益脱贫(含监测对象)户满意度|≥95%|≥95%|10|10|",
	})
	if num(ev.Total) != "100" {
		t.Errorf("total %s", num(ev.Total))
	}
	noPersonalInfo(t, p, "赵某某", "13800000000")
}

// TestSelfEvalNoScores: 28 (衡山, tab-separated text): no score anywhere
// stays nil, a breakdown row the vocabulary does not name (其中：中央、
// 省、市补助县级资金), 说明 and 注 after the indicators.
func TestSelfEvalNoScores(t *testing.T) {
	r := readSelfEval(t, "selfeval-hengshan.txt", Options{})
	p, ev := r.Project, r.Evaluation
	if p.Year != 2020 || p.Name != "县级储备粮" || p.Department.Name != "衡山县商务和粮食局" || p.Unit.Name != "粮食调控储备与产业发展股" {
		t.Errorf("project %d %q %+v %+v", p.Year, p.Name, p.Department, p.Unit)
	}
	checkLines(t, "budget", execRows(ev.Budget), []string{
		"年度资金总额||194.9|194.9|100%||",
		"中央、省、市补助县级资金||194.9|194.9|100%||",
		"其他资金||||||",
	})
	if p.AnnualGoal != "保持和稳定地方粮食储备机制" || ev.GoalActual != "地方储备粮食规模达标" {
		t.Errorf("goals %q / %q", p.AnnualGoal, ev.GoalActual)
	}
	if len(ev.Indicators) != 16 || ev.Total != nil {
		t.Fatalf("%d results, total %v", len(ev.Indicators), ev.Total)
	}
	for _, r := range ev.Indicators {
		if r.Score != nil || r.MaxScore != nil {
			t.Errorf("%s has a score", r.Level3)
		}
	}
	checkLines(t, "some results", []string{resultRow(ev.Indicators[4]), resultRow(ev.Indicators[10]), resultRow(ev.Indicators[15])}, []string{
		"产出指标|质量指标|县级储备粮库存粮食明显变质比例|0|0|||",
		"效益指标|经济效益指标|政策性挂账利息补贴保障率|100%|无|||没有轮换、动用库存",
		"满意度指标|服务对象满意度指标|市民满意度调查|90%|100%|||",
	})
	noPersonalInfo(t, p, "旷某某", "向某某")
}

// TestProjectsRefusesSelfEval: Projects (targets only) still refuses a
// 自评 as a target table.
func TestProjectsRefusesSelfEval(t *testing.T) {
	_, _, err := Projects(readGrids(t, "selfeval-daying.csv"), Options{})
	wantError(t, err, "selfeval-daying.csv:13: 这是绩效自评表（表头有“完成值”），不是绩效目标表")
}

// TestSelfEvalErrors: clear Chinese errors for what a 自评 lacks or
// prints wrongly.
func TestSelfEvalErrors(t *testing.T) {
	head := []string{"项目支出绩效自评表(2022年度)", "项目名称,某项目", "主管部门,103-某局,实施单位,103001-某中心",
		"项目资金(万元),,年初预算数,全年预算数,全年执行数,分值,执行率,得分", ",年度资金总额,10,10,10,10,100%,10"}
	for _, tc := range []struct {
		name string
		rows []string
		want []string
	}{
		{"noheader.csv", append(head[:len(head):len(head)], "总分,,,,,,100,100"),
			[]string{"noheader.csv:2: 找到“项目名称”，但没有找到指标表头"}},
		{"scoreonly.csv", append(head[:len(head):len(head)], "一级指标,二级指标,三级指标,年度指标值,分值,得分", "产出指标,数量指标,人数,10人,10,10"),
			[]string{"scoreonly.csv:6: 指标表头中有“得分”，但没有实际完成值栏"}},
		{"badscore.csv", append(head[:len(head):len(head)], "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分", "产出指标,数量指标,人数,10人,10人,十,10"),
			[]string{"badscore.csv:7: 人数的分数“十”不是数字"}},
		{"badamount.csv", []string{head[0], head[1], head[2], head[3], ",年度资金总额,十万,10,10,10,100%,10",
			"一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分", "产出指标,数量指标,人数,10人,10人,10,10"},
			[]string{"badamount.csv:5: 年度资金总额的金额“十万”不是金额"}},
		{"orphan.csv", append(head[:len(head):len(head)], "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分", "产出指标,数量指标,,,12人,10,10"),
			[]string{"orphan.csv:7: 实际完成值“12人”没有对应的三级指标"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, rs, _, err := Read(csvGrids(t, tc.name, csv(tc.rows...)), Options{})
			if ps != nil || rs != nil {
				t.Errorf("results with an error")
			}
			wantError(t, err, tc.want...)
		})
	}
}

// TestSelfEvalGolden dumps every 自评 fixture's result, as YAML, to
// testdata/<fixture>.golden; go test -update rewrites them.
func TestSelfEvalGolden(t *testing.T) {
	for _, f := range []struct {
		name string
		opt  Options
	}{
		{"selfeval-guichi.xlsx", Options{}}, {"selfeval-zhongjiang.xlsx", Options{}}, {"selfeval-tianchang.html", Options{}},
		{"selfeval-daying.csv", Options{}}, {"selfeval-nanhua.txt", Options{Year: 2023}}, {"selfeval-hengshan.txt", Options{}},
	} {
		t.Run(f.name, func(t *testing.T) {
			_, rs, notes, err := Read(readGrids(t, f.name), f.opt)
			if err != nil {
				t.Fatal(err)
			}
			var ps []budget.Project
			for _, r := range rs {
				ps = append(ps, r.Project)
			}
			checkGolden(t, f.name, dump(t, ps, notes))
		})
	}
}

// FuzzSelfEval holds Read to what it promises on one-table 自评 seeds:
// results complete enough to attach or errors that say where, what and
// what to do; the same both times.
func FuzzSelfEval(f *testing.F) {
	f.Add(csv("项目支出绩效自评表(2022年度)", "项目名称,某项目", "主管部门,103-某局,实施单位,103001-某中心",
		"项目资金(万元),,年初预算数,全年预算数,全年执行数,分值,执行率,得分", ",年度资金总额,10,10,10,10,100%,10", ",其中:本年财政拨款,10,10,10,—,100%,—",
		"年度总体目标,预期目标,,实际完成情况", ",目标,,完成",
		"一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施",
		"产出指标(50分),数量指标,人数,≥10人,12人,50,50,", ",……,,,,,,", "总分,,,,,100,100", "评价等次,优"))
	f.Add(csv("部门预算项目支出绩效自评表(2023年度)", "项目名称,51092324T000010263357-某项目", "主管部门,某局,实施单位,某中心",
		"预算执行情况(10分),年度预算数(万元),年初预算,调整后预算数,预算执行数,预算执行率,权重,得分,原因",
		",总额,0.00,3.36,3.36,100.00%,10,10,", ",其中:财政资金,0.00,3.36,3.36,100.00%,/,/,",
		"绩效指标(90分),一级指标,二级指标,三级指标,指标性质,指标值,度量单位,完成值,权重,得分,未完成原因分析",
		",产出指标,经济成本指标,成本控制数,≤,30,万元,完成,90,90,", "合计,,,,,,,,100,100", "项目负责人:张某某,财务负责人:李某某"))
	f.Add(csv("2020年度县级专项资金绩效目标自评表", "专项资金名称,县级储备粮", "县级主管部门,某局,实施单位,某股",
		"项目资金(万元),,全年预算数(A),全年执行数(B),执行率(B/A)", ",年度资金总额,194.9,194.9,100%",
		"绩效指标,一级指标,二级指标,三级指标,年度指标值,全年完成值,未完成原因和改进措施", ",产出指标,数量指标,到位率,100%,100%,", "说明,无"))
	f.Fuzz(func(t *testing.T, text string) {
		g, err := grid.ReadCSV("f.csv", strings.NewReader(text))
		if err != nil {
			return
		}
		ps, rs, notes, err := Read([]grid.Grid{g}, Options{Year: 2022})
		ps2, rs2, _, err2 := Read([]grid.Grid{g}, Options{Year: 2022})
		if (err == nil) != (err2 == nil) || len(ps) != len(ps2) || len(rs) != len(rs2) {
			t.Fatal("two reads of the same grid differ")
		}
		if err != nil {
			if ps != nil || rs != nil || notes != nil {
				t.Fatal("results with an error")
			}
			for _, e := range err.(budget.ErrorList) {
				if e.Msg == "" || e.Hint == "" || e.File == "" {
					t.Fatalf("error %+v does not say where, what and what to do", e)
				}
			}
			return
		}
		for _, r := range rs {
			p := r.Project
			if !budget.ValidCode(p.Code) || p.Name == "" || p.Unit.Name == "" || p.Evaluation == nil ||
				len(p.Indicators) != len(p.Evaluation.Indicators) || len(p.Indicators) == 0 {
				t.Fatalf("incomplete result %+v", p)
			}
			for i, res := range p.Evaluation.Indicators {
				if res.Level3 == "" || res.Level3 != p.Indicators[i].Level3 {
					t.Fatalf("result %+v", res)
				}
			}
		}
	})
}
