package layouts

// This file generates the workbook and CSV fixtures in testdata that are
// not copies of package grid's (see testdata/README.md), with excelize as
// an independent writer of workbooks. TestFixtures checks that the
// committed files are what it makes; go test -update rewrites them and
// the golden files.

import (
	"flag"
	"strconv"
	"strings"
	"testing"

	"budgetsite/generator/grid/xlsx"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/internal/xlsxtest"
)

var update = flag.Bool("update", false, "rewrite the generated fixtures and the golden files in testdata")

var generated = map[string]func(testing.TB) []byte{
	"zhaohua.xlsx":  zhaohuaXLSX,
	"wuhai.xlsx":    wuhaiXLSX,
	"chongqing.csv": chongqingCSV,
	"dongguan.html": func(testing.TB) []byte { return []byte(dongguanPage) },
}

func TestFixtures(t *testing.T) {
	testkit.CheckGenerated(t, "testdata", generated, *update)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// zhaohuaXLSX is 18_sichuan-guangyuan-zhaohua_2021 (麻风病防治) as the
// form it was, the same sheet as package grid's form.xlsx: 预算单位 only,
// a funding breakdown under 金额(万元) with no total of its own, merged
// 一级 and 二级 cells, 三级 merged across two columns, one 100% stored as
// the number 1.
func zhaohuaXLSX(t testing.TB) []byte {
	return xlsxtest.Write(t, []xlsxtest.Sheet{xlsxtest.ZhaohuaForm()}, xlsxtest.FormWidths)
}

// wuhaiXLSX is 03_neimenggu-wuhai_2021 as a workbook: a header form with
// codes in brackets, 投入目标(万元) over 资金来源 | 年初安排金额(万元), then
// flat indicator rows whose 指标性质 holds 正向/反向 and 指标方向 holds
// the operator, with 计量单位 and 分值. The time targets are the date
// serial 44561, with the same serial, as a number, in 计量单位. Completed
// by hand: the rows after 年度预算总成本 (效益 and 满意度), 出差单位成本's
// value 0.25 (the excerpt prints “0” under the format 0) and the
// 填表人 line with a made-up name and number.
func wuhaiXLSX(t testing.TB) []byte {
	s := xlsxtest.Sheet{
		Name: "Sheet1",
		Merges: [][3]string{
			{"A1", "J1", "再生资源回收市场管理经费项目绩效目标表"},
			{"A2", "J2", "(2021年)"},
			{"B3", "J3", "再生资源回收市场管理经费"},
			{"B4", "J4", "(31)部门预算项目"},
			{"B5", "J5", "(08)经济贸易科"},
			{"B6", "J6", "(433)乌海市供销合作社联合社(部门)"},
			{"B7", "J7", "(433001)乌海市供销合作社联合社"},
			{"A8", "A11", "投入目标 (万元)"},
			{"B8", "E8", "资金来源"}, {"F8", "J8", "年初安排金额(万元)"},
			{"B9", "E9", "资金总额"}, {"F9", "J9", ""},
			{"B10", "E10", "其中: 财政拨款数"}, {"F10", "J10", ""},
			{"B11", "E11", "其他资金"}, {"F11", "J11", ""},
			{"B12", "J12", "围绕国家关于建设节约型社会和发展循环经济的要求,在充分规范整合和利用现有再生资源回收渠道的基础上,合理布局,规范建设。达成以下目标: 目标1:聘用人员1人,出差8人 目标2:聘用人员在岗率100% 目标3:2021年12月31日前完成 目标4:年度预算总金额3万元 目标5:促进资源循环和高效利用,改善城乡生态环境。"},
			{"A13", "A26", "绩效指标(权重分值90分,其中产出指标权重分值50分,效益指标权重分值30分,满意度指标权重分值10分)"},
			{"A27", "J27", "填表人：李某某  联系电话：13800000000"},
		},
		Cells: [][2]any{
			{"A3", "项目名称"}, {"A4", "项目类别"}, {"A5", "归口科室"}, {"A6", "主管部门"}, {"A7", "实施单位"},
			{"F9", 3}, {"F10", 3}, {"F11", 0}, {"A12", "年度目标"},
		},
		Styles: map[string]string{"G17": `yyyy"年"m"月"d"日"`, "H17": "#,##0", "G19": `yyyy"年"m"月"d"日"`, "H19": "#,##0", "G20": "0"},
	}
	for i, row := range [][]any{
		{"一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "目标值", "计量单位", "分值", "备注"},
		{"产出指标", "数量指标", "出差人数", "正向", "=", 8, nil, 4},
		{"产出指标", "数量指标", "出差人次", "正向", "=", 24, "人/次", 4},
		{"产出指标", "质量指标", "工作任务完成率", "正向", "=", 100, "%", 4},
		{"产出指标", "时效指标", "项目财政资金到位时间", "正向", "=", 44561, 44561, 10},
		{"产出指标", "时效指标", "财政资金到位及时支付率", "正向", "=", 100, "%", 4},
		{"产出指标", "时效指标", "工作计划按时完成时间", "正向", "=", 44561, 44561, 4},
		{"产出指标", "成本指标", "出差单位成本", "反向", "=", 0.25, "万元/人", 4},
		{"产出指标", "成本指标", "出差总成本", "反向", "=", 1, "万元", 4},
		{"产出指标", "成本指标", "劳务人员总成本", "反向", "=", 2, "万元", 4},
		{"产出指标", "成本指标", "办公费总成本", "反向", "=", 0, "万元", 4},
		{"产出指标", "成本指标", "年度预算总成本", "反向", "=", 3, "万元", 4},
		{"效益指标", "社会效益指标", "促进资源循环利用", "正向", "定性", "有效促进", nil, 30},
		{"满意度指标", "服务对象满意度指标", "服务对象满意度", "正向", "≥", 90, "%", 10, "抽样调查"},
	} {
		for j, v := range row {
			if v != nil {
				s.Cells = append(s.Cells, [2]any{xlsx.CellName(13+i, j+2), v})
			}
		}
	}
	return xlsxtest.Write(t, []xlsxtest.Sheet{s}, map[string]float64{"A": 16, "D": 24})
}

// chongqingCSV is two of Chongqing's tables (those of package tables'
// testdata/import/variants.txt, without the extractor's noise) as a
// sheet saved as CSV: a title with the year before each, 单位：万元,
// 绩效指标 in the first column of the first indicator row, merged 一级
// and 二级 printed blank, ASCII and full-width operators.
func chongqingCSV(t testing.TB) []byte {
	rows := [][]string{
		{"2022年财政资金项目支出绩效目标表"},
		{"单位：万元"},
		{"项目名称", "500110T101-电子政务外网延伸工程"},
		{"主管部门", "103-重庆市綦江区人民政府办公室", "实施单位", "103002-重庆市綦江区电子政务中心"},
		{"资金总额（万元）", "109.73", "项目属性", "新增"},
		{"项目起始时间", "2022年", "项目终止时间", "长期"},
		{"项目概况", "拓展电子政务外网覆盖范围。"},
		{"项目当年绩效目标", "实现纵向覆盖全区381个村（社区）。"},
		{"", "一级指标", "二级指标", "三级指标", "指标值", "指标性质", "度量单位", "权重"},
		{"绩效指标", "产出指标", "数量指标", "网络链接线路租赁", "381", "=", "", "40"},
		{"", "", "", "服务街镇", "21", ">=", "个", "20"},
		{"", "效益指标", "社会效益指标", "群众获得感", "提升", "定性", "", "10"},
		{"", "满意度指标", "服务对象满意度指标", "服务对象满意度", "95", "＞＝", "%", "30"},
		{},
		{"2023年度项目支出绩效目标表"},
		{"单位：万元"},
		{"项目名称", "500110T103-运转性项目"},
		{"主管部门", "103-重庆市綦江区人民政府办公室", "实施单位", "103001-重庆市綦江区人民政府办公室（本级）"},
		{"资金总额（万元）", "3", "项目属性", "新增"},
		{"项目起始时间", "2023年", "项目终止时间", "1年"},
		{"项目概况", "区委区政府文件及电子政务中心职能职责。"},
		{"项目当年绩效目标", "保障区委区政府文件及电子政务中心运转。"},
		{"", "一级指标", "二级指标", "三级指标", "指标值", "指标性质", "度量单位", "权重"},
		{"绩效指标", "产出指标", "成本指标", "支出控制在预算内", "3", "<=", "万元", "50"},
		{"", "满意度指标", "服务对象满意度指标", "职工满意度", "95", "≥", "%", "50"},
	}
	var b strings.Builder
	for _, row := range rows {
		for j := range 8 {
			if j > 0 {
				b.WriteByte(',')
			}
			if j < len(row) {
				b.WriteString(row[j])
			}
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// dongguanPage is 13_guangdong-dongguan_2019 as its page served it, one
// table with rowspan and colspan: 预算单位 in a cell of its own with a
// colon, 中期市财政预算 (no field of the model: not read) beside
// 本年度申请市财政预算资金(万元), 总体目标 over 中期滚动目标 and 年度目标 with
// their texts below, and the 中期 and annual indicators side by side,
// sharing the 一级 on the left. Completed by hand: the value of 实现建设
// 总目标控制程度 (有效控制) on both sides, where the excerpt stops.
const dongguanPage = `<html><head><meta charset="utf-8"><title>东莞市财政项目支出绩效目标批复表(镇际联网路升级改造工程一期)</title></head><body>
<table>
<tr><td colspan="8">东莞市财政项目支出绩效目标批复表</td></tr>
<tr><td colspan="8">( 2019 年度)</td></tr>
<tr><td colspan="8">预算单位:东莞市交通运输局</td></tr>
<tr><td>项目 名称</td><td colspan="3">镇际联网路升级改造工程一期</td><td>中期市财政预算(万元)</td><td>284500.00</td><td>本年度申请市财政预算资金(万元)</td><td>919.00</td></tr>
<tr><td rowspan="2">总体目标</td><td colspan="4">中期滚动目标(2019年--2021年)</td><td colspan="3">年度目标</td></tr>
<tr><td colspan="4">新建或改造道路,共29个项目,规划里程169公里。</td><td colspan="3">督促勘察设计单位、咨询单位完成勘察设计费、审查咨询费结算532万元,以及茶山、常平镇街完成3个项目补助尾款结算387万元。</td></tr>
<tr><td rowspan="7">绩效指标</td><td>一级 指标</td><td>二级 指标</td><td>三级 指标</td><td>指标值(或计划水平)</td><td>二级 指标</td><td>三级 指标</td><td>计划指标值(或计划水平)</td></tr>
<tr><td rowspan="4">预期产出指标</td><td>数量指标(或建筑规模指标)</td><td>镇街补助款完成结算项目数</td><td>3</td><td>数量指标(或建筑规模指标)</td><td>镇街补助款完成结算项目数</td><td>3</td></tr>
<tr><td>质量指标</td><td>补助款结算误差率</td><td>±3%以内</td><td>质量指标</td><td>补助款结算误差率</td><td>±3%以内</td></tr>
<tr><td>时效指标(工期指标)</td><td>结算款支付及时性</td><td>及时</td><td>时效指标(工期指标、形象进度指标)</td><td>结算款支付及时性</td><td>及时</td></tr>
<tr><td>预算(或投资规模)控制指标</td><td>年度预算执行率</td><td>≥90%</td><td>预算(或投资规模)控制指标</td><td>年度预算执行率</td><td>≥90%</td></tr>
<tr><td rowspan="2">效果指标</td><td>社会、经济、生态效益 指标</td><td>补助款结算争议率</td><td>0%</td><td>社会、经济、生态效益 指标</td><td>补助款结算争议率</td><td>0%</td></tr>
<tr><td>可持续影响指标</td><td>实现建设总目标控制程度</td><td>有效控制</td><td>可持续影响指标</td><td>实现建设总目标控制程度</td><td>有效控制</td></tr>
</table></body></html>
`
