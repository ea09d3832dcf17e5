package layouts

import (
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/layouts/cellvalue"
)

// csv joins rows of cells with commas and CRLF, as a sheet saved as CSV.
func csv(rows ...string) string { return strings.Join(rows, "\r\n") + "\r\n" }

// A form in the shape of 10_hunan-nanyue_2018-b, as a sheet saved as CSV,
// with its 项目负责人 and, completed by hand, placeholder rows, a 指标1：
// prefix and a 填表人 line with a made-up name and number.
var nanyueB = []string{
	"2018年市级专项扶贫资金基础设施(人大代表扶贫基地)绩效目标申报表",
	"项目名称,2018年市级专项扶贫资金基础设施(人大代表扶贫基地),项目负责人及电话,郭铁梅18932106863",
	"主管部门,南岳镇政府,实施单位,[610001]湖南省润山润水生态农业发展有限公司",
	"资金情况(万元),年度资金总额:,10",
	",其中:财政拨款,10",
	",其他资金,0",
	"总体目标,年度目标",
	",为水濂村带来观光游客不少于6万人，村集体收入达6万元。",
	"绩效指标,一级指标,二级指标,三级指标,指标值,备注",
	",产出指标,数量指标,贫困地区旅游基础设施建设工程,>=20平方米,",
	",,,贫困地区旅游景点开发数量( ≥**个 ),>=4个,",
	",,,指标2:,,",
	",,,……,,",
	",,质量指标,,,",
	",,时效指标,指标1：按期完工率,100%,",
	",,成本指标,流转土地补助标准,<=475元/亩,",
	",满意度指标,服务对象满意度指标,游客满意度(≥**%),>=90%,",
	"填表人:张三,联系电话:0734-5660000",
}

// TestFormCSV: a form saved as CSV, merged cells printed blank; the
// placeholder rows are skipped and no personal information is read.
func TestFormCSV(t *testing.T) {
	ps, notes, err := Projects(csvGrids(t, "b.csv", csv(nanyueB...)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Fatalf("%d projects", len(ps))
	}
	p := ps[0]
	name := "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)"
	unit := budget.Coded{Code: "610001", Name: "湖南省润山润水生态农业发展有限公司"}
	checkProject(t, p, cellvalue.DerivedCode("2018", unit.Name, name), name, 2018,
		budget.Coded{Code: cellvalue.DerivedCode("南岳镇政府"), Name: "南岳镇政府"}, unit, "10")
	if p.AnnualGoal != "为水濂村带来观光游客不少于6万人，村集体收入达6万元。" {
		t.Errorf("annual goal %q", p.AnnualGoal)
	}
	checkRows(t, p, []row{
		{"产出指标", "数量指标", "贫困地区旅游基础设施建设工程", "≥", "20", "平方米", "0", "", ">=20平方米"},
		{"产出指标", "数量指标", "贫困地区旅游景点开发数量( ≥**个 )", "≥", "4", "个", "0", "", ">=4个"},
		{"产出指标", "时效指标", "按期完工率", "=", "100", "%", "0", "", "100%"},
		{"产出指标", "成本指标", "流转土地补助标准", "≤", "475", "元/亩", "0", "", "<=475元/亩"},
		{"满意度指标", "服务对象满意度指标", "游客满意度(≥**%)", "≥", "90", "%", "0", "", ">=90%"},
	})
	all := dump(t, ps, notes)
	for _, personal := range []string{"郭铁梅", "18932106863", "张三", "0734"} {
		if strings.Contains(all, personal) {
			t.Errorf("%q became data:\n%s", personal, all)
		}
	}
}

// TestRefused: files in no known layout, or in a layout this package
// does not read, are refused with what was found and what is missing,
// naming the cell.
func TestRefused(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"nothing.csv", csv("甲,乙", "丙,丁"),
			[]string{"nothing.csv: 没有找到绩效目标表：表中没有“项目名称”，也没有指标表头（一级指标、二级指标、三级指标、指标值）。请确认导入的是项目支出绩效目标表"}},
		{"noheader.csv", csv("项目名称,某项目", "主管部门,103-某局", "资金总额（万元）,10"),
			[]string{"noheader.csv:1: 找到“项目名称”，但没有找到指标表头（一级指标、二级指标、三级指标、指标值）"}},
		// 01_fujian-anxi_2022: one value column per village.
		{"anxi.csv", csv("2022年省级第七批水利专项资金绩效目标表", "项目名称,省级第七批水利专项资金,主管部门(单位)名称,安溪县水利局",
			"资金情况(万元),资金总额,100,其中:财政拨款,100,其他资金", "总 体 目 标,开展7个小型水利工程建设",
			"绩效 指标,一级指标,二级指标,三级指标,指 标 解 释,西坪镇尧山村,桃舟乡吾培村",
			",产出 指标,数量指标,开展小型水利工程建设(个),反映小型水利工程建设项目开展情况,1,1"),
			[]string{"anxi.csv:5: 指标表头中有“西坪镇尧山村”“桃舟乡吾培村”等 2 栏无法识别的栏目：这是每个地区一栏指标值的表，不能导入（表头中没有“指标值”栏）。" +
				"本工具每个指标只读一个指标值：请把表拆成每个地区（单位）一张表，每张表只有一个“指标值”栏；或只保留一个“指标值”栏（例如全部地区的合计）后重新导入"}},
		// 02_fujian-putian-xiuyu_2025: 指标方向 holds the operator, then
		// one column per area.
		{"xiuyu.csv", csv("秀屿区2025年省级第七批水利专项资金绩效目标表", "项目名称,省级第七批水利专项资金", "主管部门(单位)名称,秀屿区水利局",
			"资金情况(万元),资金总额,35,其中:财政拨款,35,其他资金,0", "总体目标,开展2个防洪水利设施水毁修复",
			"绩效指标,一级指标,二级指标,三级指标,指标解释,指标方向,笏石街道办,埭头镇",
			",成本指标,经济成本指标,省级财政专项资金投入成本控制率(%),反映省级财政专项资金投入成本控制情况,≤,100%,100%",
			",产出指标,数量指标,开展修复工程(个),反映防洪水利设施水毁修复项目开展情况,≥,1,1"),
			[]string{"xiuyu.csv:6: 指标表头中有“笏石街道办”“埭头镇”等 2 栏无法识别的栏目：这是每个地区一栏指标值的表"}},
		// 16_fujian-longyan_2023: values per region after a 指标值-like column.
		{"longyan.csv", csv("专项转移支付绩效目标表(2023年度)", "项目名称,宗教管理经费补助", "部门(单位)名称,龙岩市民族与宗教事务局", "资金情况(万元),资金总额:,30",
			"绩效指标,一级指标,二级指标,三级指标,指标值,新罗区,永定区", ",产出指标,数量指标,宗教管理经费补助县(市、区)数量,7,2,3"),
			[]string{"longyan.csv:5: 指标表头中有“新罗区”“永定区”等 2 栏无法识别的栏目：这是每个地区一栏指标值的表，不能导入。本工具每个指标只读一个指标值：请把表拆成每个地区（单位）一张表"}},
		// One unknown column is named as such.
		{"odd.csv", csv("(2022年度)", "项目名称,某项目", "主管部门,103-某局", "资金总额（万元）,10", "年度目标,目标",
			"一级指标,二级指标,三级指标,指标值,口径", "产出指标,数量指标,培训人数,≥100人,全年"),
			[]string{"odd.csv:6: 指标表头中有无法识别的栏目“口径”"}},
		// 13_guangdong-dongguan_2019: 中期 and 年度 indicators side by side.
		{"dongguan.csv", csv("东莞市财政项目支出绩效目标批复表", "( 2019 年度)", "预算单位:东莞市交通运输局",
			"项目名称,镇际联网路升级改造工程一期,中期市财政预算(万元),284500.00,本年度申请市财政预算资金(万元),919.00",
			"绩效指标,一级指标,二级指标,三级指标,指标值(或计划水平),二级指标,三级指标,计划指标值(或计划水平)",
			",预期产出指标,数量指标,镇街补助款完成结算项目数,3,数量指标,镇街补助款完成结算项目数,3"),
			[]string{"dongguan.csv:5: 指标表头中有两组指标栏目，但表中没有并列的中期目标和年度目标，无法确定哪一组是中期指标"}},
		// A column named twice that is no second set.
		{"twice.csv", csv("(2022年度)", "项目名称,某项目", "主管部门,103-某局", "资金总额（万元）,10", "年度目标,目标",
			"一级指标,二级指标,三级指标,指标值,指标值", "产出指标,数量指标,培训人数,≥100人,≥90人"),
			[]string{"twice.csv:6: 指标表头中有两组指标栏目，但第二组不完整（应有三级指标和指标值）"}},
		// 22_sichuan-daying_2023: a self-evaluation.
		{"daying.csv", csv("部门预算项目支出绩效自评表(2023年度)", "项目名称,51092324T000010263357-2023年全县安可替代补助资金项目",
			"绩效指标(90分),一级指标,二级指标,三级指标,指标性质,指标值,度量单位,完成值,权重,得分,未完成原因分析",
			",产出指标,质量指标,完成安可产品购买并按要求支付资金,=,100,%,100,45,45"),
			[]string{"daying.csv:3: 这是绩效自评表（表头有“完成值”），不是绩效目标表。本工具导入项目支出绩效目标表（申报表）"}},
		{"noyear.csv", csv("绩效目标表", "项目名称,某项目", "主管部门,103-某局", "实施单位,103001-某中心", "资金总额（万元）,10", "年度目标,目标",
			"一级指标,二级指标,三级指标,指标值", "产出指标,数量指标,培训人数,≥100人"),
			[]string{"noyear.csv:2: 无法确定这张表的年度。请在表上方保留带年度的标题（例如“(2021年度)”），或在导入时用 --year 指定年度"}},
		{"nounit.csv", csv("(2022年度)", "项目名称,某项目", "主管部门,103-某局", "实施单位,103001-某中心", "资金总额,10", "年度目标,目标",
			"一级指标,二级指标,三级指标,指标值", "产出指标,数量指标,培训人数,≥100人"),
			[]string{"nounit.csv:5: 资金总额“10”没有注明金额单位。请注明单位：把栏目写成“资金总额（万元）”或“资金总额（元）”，或在表上方加一行“金额单位：万元”"}},
		{"thousands.csv", csv("(2022年度)", "金额单位：千元", "项目名称,某项目", "主管部门,103-某局", "实施单位,103001-某中心", "资金总额,10", "年度目标,目标",
			"一级指标,二级指标,三级指标,指标值", "产出指标,数量指标,培训人数,≥100人"),
			[]string{"thousands.csv:2: 金额单位“千元”无法换算。金额单位应为“元”或“万元”"}},
		{"flatnounit.csv", csv("部门预算项目绩效目标申报表(2023年度)",
			"单位名称,项目名称,预算数,年度目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,权重,指标方向性",
			"820001-井研县马踏镇人民政府,某项目,\"3,309,840.00\",目标,产出指标,数量指标,人数,=,96,人,20,正向"),
			[]string{"flatnounit.csv:2: “预算数”没有注明金额单位。请在表头上方保留“金额单位：元”（或万元）一行，或把栏目写成“预算数（元）”"}},
		{"rows.csv", csv("(2022年度)", "项目名称,某项目", "主管部门,103-某局", "实施单位,103001-某中心", "资金总额（万元）,10", "年度目标,目标",
			"一级指标,二级指标,三级指标,指标值,指标性质,度量单位",
			"产出指标,数量指标,培训人数,,,",
			",,,≥100人,,",
			",质量指标,合格率,≥90%,≤,",
			",,满意率,28.8万元,,%",
			",,及时率,100%,大约,"),
			[]string{"rows.csv:8: 三级指标“培训人数”缺少指标值。请补上指标值；没有指标值的空行请删除",
				"rows.csv:9: 指标值“≥100人”没有对应的三级指标",
				"rows.csv:10: 指标值“≥90%”的比较符“≥”与指标性质“≤”不一致",
				"rows.csv:11: 指标值“28.8万元”自带单位“万元”，与度量单位“%”不一致",
				"rows.csv:12: 指标性质“大约”无法识别", "共 5 处错误"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, _, err := Projects(csvGrids(t, tc.name, tc.text), Options{})
			if ps != nil {
				t.Errorf("%d projects with an error", len(ps))
			}
			wantError(t, err, tc.want...)
		})
	}
}

// TestPartialWorkbook: package grid's form.xlsx holds a complete form and
// a sheet of indicators with no form above them; the sheet is not
// silently left out, the file is refused at its header.
func TestPartialWorkbook(t *testing.T) {
	_, _, err := Projects(readGrids(t, "form.xlsx"), Options{})
	wantError(t, err, "form.xlsx!乌海!A2: 找到指标表头，但没有找到“项目名称”；标题写明了项目“再生资源回收市场管理经费项目”，但表中只有绩效指标，没有写明主管部门、实施单位、资金总额。导入的项目须有主管部门、实施单位和资金总额，本工具不会替表格补写")
	if strings.Contains(err.Error(), "绩效目标申报表!") {
		t.Errorf("the complete sheet reported an error:\n%v", err)
	}
}

// TestFlatListChrome: a flat list printed from a web page repeats its
// header on each page and prints page numbers, and ends with 合计 and
// 填表人; none of it is data, and 金额单位 may be in the header.
func TestFlatListChrome(t *testing.T) {
	head := "单位名称,项目名称,预算数（元）,年度目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,权重,指标方向性"
	ps, _, err := Projects(csvGrids(t, "chrome.csv", csv(
		"部门预算项目绩效目标申报表(2023年度)", head,
		"820-马踏镇部门,,\"8,827,620.53\"",
		"820001-井研县马踏镇人民政府,甲项目,\"3,309,840.00\",目标甲,产出指标,数量指标,人数,=,96,人,60,正向",
		"第 1 页 共 2 页",
		head,
		",,,,满意度指标,服务对象满意度指标,满意度,≥,90,%,40,正向",
		",乙项目,\"10,000\",目标乙,产出指标,数量指标,次数,≥,3,次,100,正向",
		"合计,,\"3,319,840.00\"",
		"填表人：张三,联系电话：13800000000",
	)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("%d projects", len(ps))
	}
	unit := budget.Coded{Code: "820001", Name: "井研县马踏镇人民政府"}
	dept := budget.Coded{Code: "820", Name: "马踏镇部门"}
	checkProject(t, ps[0], cellvalue.DerivedCode("2023", unit.Name, "甲项目"), "甲项目", 2023, dept, unit, "330.984")
	checkProject(t, ps[1], cellvalue.DerivedCode("2023", unit.Name, "乙项目"), "乙项目", 2023, dept, unit, "1")
	checkRows(t, ps[0], []row{
		{"产出指标", "数量指标", "人数", "=", "96", "人", "60", "正向", ""},
		{"满意度指标", "服务对象满意度指标", "满意度", "≥", "90", "%", "40", "正向", ""},
	})
	if got := dump(t, ps, nil); strings.Contains(got, "张三") || strings.Contains(got, "13800000000") {
		t.Errorf("personal information became data:\n%s", got)
	}
}
