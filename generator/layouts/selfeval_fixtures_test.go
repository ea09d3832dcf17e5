package layouts

// The 自评 fixtures in testdata, generated here (see fixtures_test.go):
// each is built by hand from an excerpt of the shared layout samples and
// completed by hand where the excerpt stops; personal names are made up
// (王某某, 张某某…) and telephone numbers are not real. The facts the
// tests expect are read off the excerpts by hand.

import (
	"strings"
	"testing"

	"budgetsite/generator/internal/xlsxtest"
)

func init() {
	generated["selfeval-guichi.xlsx"] = guichiXLSX
	generated["selfeval-zhongjiang.xlsx"] = zhongjiangXLSX
	generated["selfeval-tianchang.html"] = func(testing.TB) []byte { return []byte(tianchangHTML) }
	generated["selfeval-daying.csv"] = func(testing.TB) []byte { return []byte(crlf(dayingCSV)) }
	generated["selfeval-nanhua.txt"] = func(testing.TB) []byte { return []byte(nanhuaTXT) }
	generated["selfeval-hengshan.txt"] = func(testing.TB) []byte { return []byte(strings.ReplaceAll(hengshanTXT, "│", "\t")) }
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// guichiXLSX is 24_anhui-chizhou-guichi_2022 (委托业务项目), 财政部 style,
// with merged cells: 项目资金（万元） over the funds rows, 年度总体目标 over
// its two rows, 绩效指标 over the indicator rows, 一级 printed with its
// points and merged, 二级 merged where it repeats, an empty 经济效益指标
// row. Completed by hand: the 项目负责人 row (made-up name and number),
// the 满意度 row after 公众满, 总分 (100, 90), 评价等次 and a 填表人 line.
func guichiXLSX(t testing.TB) []byte {
	s := xlsxtest.Sheet{
		Name: "Sheet1",
		Merges: [][3]string{
			{"A1", "I1", "项目支出绩效自评表"},
			{"A2", "I2", "(2022年度)"},
			{"B3", "I3", "委托业务项目"},
			{"B4", "D4", "219-池州市贵池区棠溪镇人民政府"}, {"F4", "I4", "219001-池州市贵池区棠溪镇人民政府"},
			{"B5", "D5", "王某某"}, {"F5", "I5", "0566-0000000"},
			{"A6", "A10", "项目资金（万元）"},
			{"A11", "A12", "年度总体目标"},
			{"B11", "E11", "预期目标"}, {"F11", "I11", "实际完成情况"},
			{"B12", "E12", "本项目共申请预算资金90万元。其中：30万元用于基建工程项目预算编制；30万元用于基建工程项目审计；30万元用于基建工程项目设计、规划、测绘。"},
			{"F12", "I12", "本项目共完成预算资金89.97万元。其中：30万元用于基建工程项目预算编制；30万元用于基建工程项目审计；29.99万元用于基建工程项目设计、规划、测绘。"},
			{"A13", "A24", "绩效指标"},
			{"B14", "B19", "产出指标(50分)"}, {"C15", "C16", "质量指标"}, {"C18", "C19", "成本指标"},
			{"B20", "B23", "效益指标(30分)"},
			{"A25", "F25", "总分"},
			{"B26", "I26", "优"},
			{"A27", "I27", "填表人：王某某  联系电话：0566-0000000"},
		},
		Cells: [][2]any{
			{"A3", "项目名称"}, {"A4", "主管部门"}, {"E4", "实施单位"}, {"A5", "项目负责人"}, {"E5", "联系电话"},
			{"C6", "年初预算数"}, {"D6", "全年预算数"}, {"E6", "全年执行数"}, {"F6", "分值"}, {"G6", "执行率"}, {"H6", "得分"},
			{"B7", "年度资金总额："}, {"C7", 0}, {"D7", 0}, {"E7", 0}, {"F7", 10}, {"G7", 0}, {"H7", 0},
			{"B8", "其中：本年财政拨款"}, {"C8", 90}, {"D8", 89.974}, {"E8", 89.974},
			{"B9", "上年结转资金"}, {"B10", "其他资金"},
			{"B13", "一级指标"}, {"C13", "二级指标"}, {"D13", "三级指标"}, {"E13", "年度指标值"}, {"F13", "实际完成值"}, {"G13", "分值"}, {"H13", "得分"}, {"I13", "偏差原因分析及改进措施"},
			{"C14", "数量指标"}, {"D14", "基建工程委托业务项目数量"}, {"E14", "≥50个"}, {"F14", 50}, {"G14", 8}, {"H14", 8},
			{"C15", "质量指标"}, {"D15", "委托业务报告合格率"}, {"E15", "≥100百分比"}, {"F15", 100}, {"G15", 8}, {"H15", 8},
			{"D16", "经费支出合规性"}, {"E16", "严格执行相关制度规定"}, {"F16", "达成预期指标"}, {"G16", 8}, {"H16", 8},
			{"C17", "时效指标"}, {"D17", "提交报告及时性"}, {"E17", "在项目计划完成时间内完成"}, {"F17", "达成预期指标"}, {"G17", 8}, {"H17", 8},
			{"D18", "项目总成本"}, {"E18", "≤90万元"}, {"F18", 90}, {"G18", 8}, {"H18", 8},
			{"D19", "单项业务成本"}, {"E19", "符合相关规定"}, {"F19", "达成预期指标"}, {"G19", 10}, {"H19", 10},
			{"C20", "社会效益指标"}, {"D20", "对维护基建市场公平的影响程度"}, {"E20", "效果明显"}, {"F20", "达成预期指标"}, {"G20", 10}, {"H20", 10},
			{"C21", "生态效益指标"}, {"D21", "对控制基建项目成本影响程度"}, {"E21", "效果明显"}, {"F21", "达成预期指标"}, {"G21", 10}, {"H21", 10},
			{"C22", "可持续影响指标"}, {"D22", "对推动基建项目“四项制度”健全和落实的持续性影响"}, {"E22", "效果明显"}, {"F22", "达成预期指标"}, {"G22", 10}, {"H22", 10},
			{"C23", "经济效益指标"},
			{"B24", "满意度指标(10分)"}, {"C24", "满意度指标"}, {"D24", "公众满意度"}, {"E24", "≥90%"}, {"F24", "95%"}, {"G24", 10}, {"H24", 10},
			{"G25", 100}, {"H25", 90},
			{"A26", "评价等次"},
		},
	}
	return xlsxtest.Write(t, []xlsxtest.Sheet{s}, xlsxtest.FormWidths)
}

// zhongjiangXLSX is 23_sichuan-zhongjiang_2022, a transfer payment's
// 自评 with 分值 before the target: 资金情况(万元) with 全年预算数(A),
// 全年执行数(B), 分值, 执行率(B/A) (the number 1 shown as 100.00%) and
// 得分; 年初设定目标 / 年度总体目标完成情况综述; columns 分值, 年度指标值,
// 全年实际值, 得分, 未完成原因及拟采取的改进措施; an empty 经济效益指标 and
// a “……” row. Completed by hand: the 项目负责人及电话 value (made up), the
// 总分 row's layout and the 注 line, cut short.
func zhongjiangXLSX(t testing.TB) []byte {
	s := xlsxtest.Sheet{
		Name: "Sheet1",
		Merges: [][3]string{
			{"A1", "I1", "绩效目标自评表"},
			{"A2", "I2", "(2022年度)"},
			{"B3", "I3", "中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装"},
			{"B4", "I4", "赵某某13800000000(办公)"},
			{"B5", "D5", "中江县水利局"}, {"F5", "I5", "中江县水利局"},
			{"A6", "A9", "资金情况(万元)"},
			{"A10", "A11", "年度总体目标"},
			{"B10", "D10", "年初设定目标"}, {"E10", "I10", "年度总体目标完成情况综述"},
			{"B11", "D11", "对农村地区供水计量设施设备进行改进,对项目区农业用水计量,为项目区农业生产夯实基础,"},
			{"E11", "I11", "对项目区农业用水计量,为项目区农业生产夯实基础,"},
			{"A12", "A23", "绩效指标"},
			{"B13", "B18", "产出指标(70分)"}, {"C13", "C14", "数量指标"}, {"C16", "C17", "时效指标"},
			{"B19", "B21", "效益指标(20分)"}, {"C20", "C21", "社会效益指标"},
			{"B22", "B23", "满意度指标(10分)"},
			{"A24", "D24", "总分"},
			{"A25", "I25", "注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分"},
		},
		Cells: [][2]any{
			{"A3", "项目名称"}, {"A4", "项目负责人及电话"}, {"A5", "主管部门"}, {"E5", "实施单位"},
			{"C6", "全年预算数(A)"}, {"D6", "全年执行数(B)"}, {"E6", "分值"}, {"F6", "执行率(B/A)"}, {"G6", "得分"},
			{"B7", "年度资金总额:"}, {"C7", 20}, {"D7", 20}, {"E7", 10}, {"F7", 1}, {"G7", 10},
			{"B8", "其中:本年财政拨款"}, {"C8", 20}, {"D8", 20},
			{"B9", "其他资金"},
			{"B12", "一级指标"}, {"C12", "二级指标"}, {"D12", "三级指标"}, {"E12", "分值"}, {"F12", "年度指标值"}, {"G12", "全年实际值"}, {"H12", "得分"}, {"I12", "未完成原因及拟采取的改进措施"},
			{"D13", "安装坡面水标尺"}, {"E13", 10}, {"F13", "≥266米"}, {"G13", "≥266米"}, {"H13", 10},
			{"D14", "水标尺宽度"}, {"E14", 10}, {"F14", "≥50厘米"}, {"G14", "≥50厘米"}, {"H14", 10},
			{"C15", "质量指标"}, {"D15", "项目(工程)验收合格率"}, {"E15", 20}, {"F15", "100%"}, {"G15", "100%"}, {"H15", 20},
			{"D16", "及时(按期)开工率"}, {"E16", 10}, {"F16", "≥90%"}, {"G16", "≥90%"}, {"H16", 10},
			{"D17", "及时(按期)完工率"}, {"E17", 10}, {"F17", "≥90%"}, {"G17", "≥90%"}, {"H17", 10},
			{"C18", "成本指标"}, {"D18", "项目计划总投资"}, {"E18", 10}, {"F18", "20万元"}, {"G18", "20万元"}, {"H18", 10},
			{"C19", "经济效益指标"},
			{"D20", "受益脱贫(含监测对象)户人口数"}, {"E20", 10}, {"F20", "≥1000人"}, {"G20", "≥1000人"}, {"H20", 10},
			{"D21", "群众生产生活条件改善状况"}, {"E21", 10}, {"F21", "显著提升"}, {"G21", "显著提升"}, {"H21", 10},
			{"C22", "服务对象满意度指标"}, {"D22", "受益脱贫(含监测对象)户满意度"}, {"E22", 10}, {"F22", "≥95%"}, {"G22", "≥95%"}, {"H22", 10},
			{"C23", "……"}, {"D23", "……"},
			{"E24", 100}, {"H24", 100},
		},
		Styles: map[string]string{"F7": "0.00%"},
	}
	return xlsxtest.Write(t, []xlsxtest.Sheet{s}, xlsxtest.FormWidths)
}

// tianchangHTML is 25_anhui-tianchang_2022 (水旱灾害防御经费) as the page
// showed it: one table with rowspan and colspan, 主管部门 left blank, a
// rate the page leaves blank, “-” for no score, 一级 printed over two
// lines with its points (产出指标<br>(50分)), 二级 broken over lines
// (经济效益<br>指标), and the 财政部 form's placeholder rows (指标2：,
// ……, 指标1：/ / /). Completed by hand: nothing after the 总分 row.
const tianchangHTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>天长市水利局水旱灾害防御股项目支出绩效自评</title></head><body>
<p>发布时间：2023-12-05 15:04</p>
<table border="1">
<tr><td colspan="9">项目支出绩效自评表<br>(2022年度)</td></tr>
<tr><td>项目名称</td><td colspan="8">水旱灾害防御经费</td></tr>
<tr><td>主管部门</td><td colspan="3"></td><td>实施单位</td><td colspan="4">天长市水利局</td></tr>
<tr><td rowspan="5">项目资金<br>(万元)</td><td></td><td>年初预算数</td><td>全年预算数(A)</td><td>全年执行数(B)</td><td>分值</td><td>执行率(B/A)</td><td>得分</td><td></td></tr>
<tr><td>年度资金总额:</td><td>880</td><td>880</td><td>880</td><td>10</td><td></td><td>10</td><td></td></tr>
<tr><td>其中:本年财政拨款</td><td>880</td><td>880</td><td>880</td><td>-</td><td></td><td>-</td><td></td></tr>
<tr><td>上年结转资金</td><td></td><td></td><td></td><td>-</td><td></td><td>-</td><td></td></tr>
<tr><td>其他资金</td><td></td><td></td><td></td><td>-</td><td></td><td>-</td><td></td></tr>
<tr><td rowspan="2">年度总体目标完成情况</td><td colspan="4">预期目标</td><td colspan="4">实际完成情况</td></tr>
<tr><td colspan="4">完成年度防汛工作，完成中型灌区节水改造项目和农业综合水价改革项目。</td><td colspan="4">完成年度目标。</td></tr>
<tr><td rowspan="28">年度绩效指标完成情况</td><td>一级<br>指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>
<tr><td rowspan="12">产出指标<br>(50分)</td><td rowspan="3">数量指标</td><td>指标1：完成中型灌区节水改造项目数量</td><td>1</td><td>1</td><td>10</td><td>10</td><td></td></tr>
<tr><td>指标2：完成农业综合水价改革项目</td><td>1</td><td>1</td><td>10</td><td>10</td><td></td></tr>
<tr><td>……</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="3">质量指标</td><td>指标1：工程质量合格</td><td></td><td></td><td>10</td><td>10</td><td></td></tr>
<tr><td>指标2：</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>……</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="3">时效指标</td><td>指标1：年度资金支付完成率100%</td><td></td><td></td><td>10</td><td>10</td><td></td></tr>
<tr><td>指标2：</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>……</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="3">成本指标</td><td>指标1：资金执行在预算范围内</td><td></td><td></td><td>10</td><td>10</td><td></td></tr>
<tr><td>指标2：</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>……</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="12">效益指标<br>(30分)</td><td rowspan="3">经济效益<br>指标</td><td>指标1：全市安全度汛</td><td></td><td></td><td>10</td><td>10</td><td></td></tr>
<tr><td>指标2：</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>……</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="3">社会效益<br>指标</td><td>指标1：保护全市人口财产不受损失</td><td></td><td></td><td>10</td><td>10</td><td></td></tr>
<tr><td>指标2：</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>……</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="3">生态效益<br>指标</td><td>指标1：/</td><td>/</td><td>/</td><td></td><td></td><td></td></tr>
<tr><td>指标2：</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>……</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="3">可持续影<br>响指标</td><td>指标1：已建工程良性运行</td><td></td><td></td><td>10</td><td>10</td><td></td></tr>
<tr><td>指标2：</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>……</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td rowspan="3">满意度指标<br>(10分)</td><td rowspan="3">服务对象<br>满意度指标</td><td>指标1：服务对象满意度</td><td>90%</td><td>100%</td><td>10</td><td>10</td><td></td></tr>
<tr><td>指标2：</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>……</td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td colspan="6">总分</td><td>100</td><td>100</td><td></td></tr>
<tr><td colspan="9">注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。</td></tr>
</table>
</body></html>
`

// dayingCSV is 22_sichuan-daying_2023 (安可替代补助资金), Sichuan style, as
// Excel saves CSV: merged cells blank, 预算执行情况(10分) with the rows of
// 财政资金, 财政专户管理资金, 单位资金 and 其他资金, “/” for no score, the
// columns 指标性质, 指标值 and 度量单位 apart, then 合计, 评价结论, 存在问题,
// 改进措施 and the signatures. Completed by hand: the indicators after
// the first (成本控制数 ≤ 30 万元 is the row the excerpt prints for the
// table before), 完成值, 权重 and 得分 of every indicator, the 合计 row's
// layout (100, 99), and the names (made up).
const dayingCSV = `部门预算项目支出绩效自评表(2023年度),,,,,,,,,,
项目名称,51092324T000010263357-2023年全县安可替代补助资金项目,,,,,,,,,
主管部门,大英县司法局部门,,,实施单位,大英县司法局,,,,,
项目基本情况,1.项目年度目标完成情况,项目年度目标,,,,年度目标完成情况,,,,
,,"根据要求购买安可设备,并完成项目资金支付。",,,,完成,,,,
,2.项目实施内容及过程概述,"2023年购买13台安可电脑,并于12月前完成资金支付。",,,,,,,,
预算执行情况(10分),年度预算数(万元),年初预算,调整后预算数,预算执行数,预算执行率,权重,得分,原因,,
,总额,0.00,3.36,3.36,100.00%,10,10,"1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);2.年中发生预算调整的(追加或调减),应单独说明理由;3.其他资金包括:社会投入资金、银行贷款.",,
,其中:财政资金,0.00,3.36,3.36,100.00%,/,/,,,
,财政专户管理资金,0.00,0.00,0.00,0.00%,/,/,,,
,单位资金,0.00,0.00,0.00,0.00%,/,/,,,
,其他资金,/,/,/,/,/,/,,,
绩效指标(90分),一级指标,二级指标,三级指标,指标性质,指标值,度量单位,完成值,权重,得分,未完成原因分析
,产出指标,质量指标,完成安可产品购买并按要求支付资金,=,100,%,100%,30,30,
,产出指标,数量指标,购买安可电脑数量,≥,13,台,13台,20,20,
,产出指标,时效指标,资金支付及时率,≥,90,%,100%,10,10,
,产出指标,经济成本指标,成本控制数,≤,30,万元,完成,10,10,
,效益指标,社会效益指标,安可替代完成率,≥,95,%,100%,10,10,
,满意度指标,服务对象满意度指标,使用人员满意度,≥,90,%,92%,10,9,个别使用人员对新设备操作不熟悉，已组织培训
合计,,,,,,,,100,99,
评价结论,根据财政局资金下达的管理办法，将资金支付给项目施工方。,,,,,,,,,
存在问题,无,,,,,,,,,
改进措施,无,,,,,,,,,
项目负责人:张某某,,,,,财务负责人:李某某,,,,,
`

// nanhuaTXT is 26_yunnan-nanhua (野生菌加工车间, the year not printed) as
// its page's table copied as text: cells separated by “ | ”, merged
// cells left empty, “—” for nothing, fractional scores (10.3, 9.3,
// 10.8), 二级 broken by a space (经济效益 指标), a row with only a 二级
// (成本指标), the label 绩 效 指 标 spaced out. Read by hand: the row of
// 配套烘干杀菌设备 prints 550 and 20 (年度指标值, 实际完成值) and that of
// the 变压器 only 3 (年度指标值). Completed by hand: the 效益 and 满意度
// rows and the 总分 row.
const nanhuaTXT = `项目支出绩效自评表 |  |  |  |  |  |  |  | 
项目名称 | 南华县乡村振兴示范园罗家屯社区野生菌加工车间建设项目(续建) |  |  |  |  |  |  | 
主管部门 | 南华县农业农村局 |  |  | 实施单位 | 南华县国有资本管理有限公司 |  |  | 
项目资金 (万元) |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 
 | 年度资金总额 | 1100 | 1100 | 1100 | 10 | 100% | 10 | 
 | 其中:当年财政拨款 | 1100 | 1100 | 1100 | — | 100% | — | 
 | 上年结转资金 |  |  |  | — |  | — | 
 | 其他资金 |  |  |  | — |  | — | 
年度总体目标 | 预期目标 |  |  |  | 实际完成情况 |  |  | 
 | 目标1:1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装,冷库仓储3100元每平方米,投资400万元;目标2:配套烘干杀菌设备及包装设备购置及安装550万元;目标3:配套电力设施1250KVA变压器3台,完成高压线接入及土建安装投资150万元。 |  |  |  | 目标1:1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装,冷库仓储3100元每平方米,投资400万元;目标2:配套烘干杀菌设备及包装设备购置及安装550万元;目标3:配套电力设施1250KVA变压器3台,完成高压线接入及土建安装投资150万元。 |  |  | 
绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
 | 产出指标(50分) | 数量指标 | 1290.3平方米冷库仓储建设及配套生产设备、配套电力设施购置安装 | ≥1290.3平方米 | 1290.3平方米 | 10.3 | 10.3 | 
 |  |  | 配套烘干杀菌设备及包装设备购置及安装 | 550 | 20 | 9.3 | 9.3 | 
 |  |  | 配套电力设施1250KVA变压器3台 | 3 |  | 9.3 | 9.3 | 
 |  | 经济效益 指标 | 奖补资金兑付率(%) | ≥100% | ≥100% | 10.8 | 10.8 | 
 |  | 时效指标 | 任务完成时限(月) | 10 | 10 | 10.3 | 10.3 | 
 |  | 成本指标 |  |  |  |  |  | 
 | 效益指标(30分) | 社会效益指标 | 带动农户增收(户) | ≥100户 | 120户 | 15 | 15 | 
 |  | 可持续影响指标 | 冷库持续运行年限(年) | ≥10年 | 10年 | 15 | 15 | 
 | 满意度指标(10分) | 服务对象满意度指标 | 受益群众满意度 | ≥90% | 95% | 10 | 10 | 
总分 |  |  |  |  |  | 100 | 100 | 
`

// hengshanTXT is 28_hunan-hengshan_2020 (县级储备粮) as text extracted
// from its Word file, tab-separated (│ here): no 分值 or 得分 anywhere,
// 全年预算数(A), 全年执行数(B), 执行率(B/A), a breakdown row 其中：中央、
// 省、市补助县级资金 the vocabulary does not name, 年初设定目标 /
// 全年实际完成情况, the columns 年度指标值, 全年完成值 and 未完成原因和改进
// 措施, 说明 and 注 after the indicators. Read by hand: the extractor's
// line-wrap spaces are removed, and 市民满意度调查2 is 市民满意度调查 with
// the footnote mark 2. The names of 负责人及电话 are masked.
const hengshanTXT = `2020年度县级专项资金绩效目标自评表
专项资金名称│县级储备粮│负责人及电话│旷某某、向某某
县级主管部门│衡山县商务和粮食局│实施单位│粮食调控储备与产业发展股
项目资金(万元)││全年预算数(A)│全年执行数(B)│执行率(B/A)
│年度资金总额│194.9│194.9│100%
│其中:中央、省、市补助县级资金│194.9│194.9│100%
│其他资金│││
年度总体目标│年初设定目标││全年实际完成情况│
│保持和稳定地方粮食储备机制││地方储备粮食规模达标│
绩效指标│一级指标│二级指标│三级指标│年度指标值│全年完成值│未完成原因和改进措施
│产出指标│数量指标│5000吨稻谷、500吨成品粮储备到位率│100%│100%│
│││库存数量真实率│100%│100%│
││质量指标│县级储备粮管理制度严格执行率│100%│100%│
│││储备粮管理专户管理率│100%│100%│
│││县级储备粮库存粮食明显变质比例│0│0│
││时效指标│县级储备粮贷款付息及时率│100%│100%│
│││县级储备粮应急保障率│100%│100%│
││成本指标│国家政策性粮收购价格执行率│100%│100%│
│││县级储备粮库存成本核算率│100%│100%│
│效益指标│经济效益指标│利息费用保障率│100%│100%│
│││政策性挂账利息补贴保障率│100%│无│没有轮换、动用库存
││生态效益指标│低温、低氧、低剂量科学保粮率│100%│100%│
│││食品安全指标达标率│100%│100%│
││可持续影响指标│粮食储备设备维护及安全性│高│高│
│满意度指标│服务对象满意度指标│因粮食市场波动引起的粮食安全事件发生数│0起│0起│
│││市民满意度调查│90%│100%│
说明│无
注:1、其他资金包括和中央、省、市补助、地方财政资金共同投入到同一项目的自有资金、社会资金,以及以前年度的结转资金等。
`
