package grid

// This file generates the fixtures in testdata from the data below, with
// excelize as an independent writer of workbooks. TestFixtures checks that
// the committed files are what the generator makes; go test -update
// rewrites them (and the golden files). testdata/README.md says where each
// fixture's content came from and what was completed by hand.

import (
	"flag"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetsite/generator/grid/xlsx"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/internal/xlsxtest"
)

var update = flag.Bool("update", false, "rewrite the generated fixtures and the golden files in testdata")

// generated are the fixtures this file makes, by file name.
var generated = map[string]func(testing.TB) []byte{
	"form.xlsx":     formXLSX,
	"flat.xlsx":     flatXLSX,
	"flat.csv":      flatCSV,
	"page.html":     pageHTML,
	"extracted.txt": extractedTXT,
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

// formXLSX is 18_sichuan-guangyuan-zhaohua_2021 (a target form with a
// funding breakdown) laid out as the form it was, and a second sheet with
// the flat indicator rows of 03_neimenggu-wuhai_2021.
func formXLSX(t testing.TB) []byte {
	form := xlsxtest.ZhaohuaForm()
	wuhai := xlsxtest.Sheet{
		Name:   "乌海",
		Merges: [][3]string{{"A1", "I1", "再生资源回收市场管理经费项目绩效目标表"}},
		Styles: map[string]string{"F6": `yyyy"年"m"月"d"日"`, "G6": "#,##0", "F8": "0"},
	}
	for i, row := range [][]any{
		{"一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "目标值", "计量单位", "分值", "备注"},
		{"产出指标", "数量指标", "出差人数", "正向", "=", 8, nil, 4},
		{"产出指标", "数量指标", "出差人次", "正向", "=", 24, "人/次", 4},
		{"产出指标", "质量指标", "工作任务完成率", "正向", "=", 100, "%", 4},
		{"产出指标", "时效指标", "项目财政资金到位时间", "正向", "=", 44561, 44561, 10},
		{"产出指标", "时效指标", "财政资金到位及时支付率", "正向", "=", 100, "%", 4},
		{"产出指标", "成本指标", "出差单位成本", "反向", "=", 0.25, "万元/人", 4},
		{"产出指标", "成本指标", "年度预算总成本", "反向", "=", 3, "万元", 4},
	} {
		for j, v := range row {
			if v != nil {
				wuhai.Cells = append(wuhai.Cells, [2]any{xlsx.CellName(2+i, j+1), v})
			}
		}
	}
	return xlsxtest.Write(t, []xlsxtest.Sheet{form, wuhai}, xlsxtest.FormWidths)
}

// flatRows is the Sichuan flat list (its shape is in the README of the
// layout excerpts; the content is made up in that shape). Amounts are
// numbers here; the CSV shows them as Excel saves them.
var flatRows = [][]any{
	{"部门预算项目绩效目标申报表(2023年度)"},
	{"金额单位：元"},
	{"单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向性"},
	{"820-马踏镇部门", nil, "8827620.5299999993"},
	{"820001-井研县马踏镇人民政府", "马踏镇2023年村（社区）干部报酬", 3309840, "保障全镇12个村（社区）干部报酬按时足额发放，维护基层组织正常运转。", "产出指标", "数量指标", "保障村（社区）干部人数", "=", 96, "人", 20, "正向"},
	{nil, nil, nil, nil, "产出指标", "时效指标", "报酬发放及时率", "≥", 95, "%", 20, "正向"},
	{nil, nil, nil, nil, "产出指标", "成本指标", "人均报酬标准", "≤", 2873, "元/月", 20, "反向"},
	{nil, nil, nil, nil, "效益指标", "社会效益指标", "基层组织运转情况", "定性", "良好", nil, 20, "正向"},
	{nil, nil, nil, nil, "满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", 20, "正向"},
	{"820001-井研县马踏镇人民政府", "马踏镇场镇环境卫生保洁经费", 5517780.53, "完成场镇及周边道路日常保洁，垃圾日产日清，场镇环境整洁有序。", "产出指标", "数量指标", "保洁道路面积", "≥", 12.5, "万平方米", 30, "正向"},
	{nil, nil, nil, nil, "产出指标", "质量指标", "垃圾清运率", "=", "100", "%", 30, "正向"},
	{nil, nil, nil, nil, "满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", 40, "正向"},
	{"821-集益镇部门", nil, 1250000.5},
	{"821001-井研县集益镇人民政府", "集益镇2023年“两后生”职业技能培训", 1250000.5, "组织“两后生”参加职业技能培训，提升就业能力。\n培训合格率不低于90%。", "产出指标", "数量指标", "培训人数", "≥", 120, "人", 50, "正向"},
	{nil, nil, nil, nil, "效益指标", "社会效益指标", "培训后就业率", "≥", 80, "%", 50, "正向"},
}

func flatXLSX(t testing.TB) []byte {
	s := xlsxtest.Sheet{
		Name:   "Sheet1",
		Merges: [][3]string{{"A1", "L1", flatRows[0][0].(string)}},
		Styles: map[string]string{"C4:C15": "#,##0.00"},
		Raw:    map[string]string{},
	}
	for i, row := range flatRows[1:] {
		for j, v := range row {
			ref := xlsx.CellName(i+2, j+1)
			switch v := v.(type) {
			case nil:
			case string:
				if j == 2 { // an amount stored with a binary rounding error
					s.Raw[ref] = v
					continue
				}
				s.Cells = append(s.Cells, [2]any{ref, v})
			default:
				s.Cells = append(s.Cells, [2]any{ref, v})
			}
		}
	}
	return xlsxtest.Write(t, []xlsxtest.Sheet{s}, map[string]float64{"A": 28, "B": 30, "C": 14, "D": 40})
}

// flatCSV is flatRows as Excel on Chinese Windows saves it as CSV:
// GB18030, CRLF, the shown text of every cell, quotes where needed.
func flatCSV(t testing.TB) []byte {
	shown := map[string]string{
		"8827620.5299999993": "8,827,620.53", "3309840": "3,309,840.00",
		"5517780.53": "5,517,780.53", "1250000.5": "1,250,000.50",
	}
	var b strings.Builder
	for _, row := range flatRows {
		for j := range 12 {
			if j > 0 {
				b.WriteByte(',')
			}
			if j >= len(row) || row[j] == nil {
				continue
			}
			v := toString(row[j])
			if j == 2 {
				if s, ok := shown[v]; ok {
					v = s
				}
			}
			if strings.ContainsAny(v, ",\"\n") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			b.WriteString(v)
		}
		b.WriteString("\r\n")
	}
	out, err := simplifiedchinese.GB18030.NewEncoder().String(b.String())
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

func toString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

func itoa(i int) string { return strconv.Itoa(i) }

// pageHTML is 09_hunan-nanyue_2018 (a target form with ASCII operators)
// as the portal served it: a GB2312 page with CRLF line ends, the form
// inside a layout table, the portal's chrome around it, a footer table,
// and scripts that mention tables.
func pageHTML(t testing.TB) []byte {
	page := `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>2018年南岳镇资产收益扶贫项目绩效目标申报表_南岳区财政局</title>
<link rel="stylesheet" type="text/css" href="/css/style.css" />
<script type="text/javascript">
var tpl = "<table><tr><td>not data</td></tr></table>";
</script>
</head>
<body>
<div class="top"><a href="/">南岳区人民政府门户网站</a> | <a href="/nyczj/">南岳区财政局</a></div>
<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center" class="layout">
  <tr>
    <td class="nav">当前位置：<a href="/">首页</a> &gt; <a href="/nyczj/czysgk/">财政预算公开</a> &gt; 正文</td>
  </tr>
  <tr>
    <td class="article">
      <p class="archive">归档时间:2023-09-06</p>
      <h1>2018年南岳镇资产收益扶贫项目绩效目标申报表</h1>
      <p class="info">发布时间:2018年05月20日 15:19&nbsp;&nbsp;来源:南岳区财政局</p>
      <div class="content">
<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">
 <tr>
  <td colspan="6" align="center"><p class="MsoNormal" align="center"><b><span style="font-size:16pt;font-family:宋体">绩效目标申报表</span></b></p></td>
 </tr>
 <tr>
  <td>项目名称</td>
  <td colspan="2">2018年南岳镇资产收益扶贫项目</td>
  <td>项目负责人及电话</td>
  <td colspan="2">&nbsp;</td>
 </tr>
 <tr>
  <td>主管部门</td>
  <td colspan="2">南岳镇人民政府</td>
  <td>实施单位</td>
  <td colspan="2"><span lang="EN-US">[607001]</span>衡阳市南岳区南岳镇人民政府</td>
 </tr>
 <tr>
  <td rowspan="3"><p class="MsoNormal">资金情况</p><p class="MsoNormal">(万元)</p></td>
  <td colspan="2">年度资金总额:</td>
  <td colspan="3">214.06</td>
 </tr>
 <tr>
  <td colspan="2">其中:财政拨款</td>
  <td colspan="3">214.06</td>
 </tr>
 <tr>
  <td colspan="2">其他资金</td>
  <td colspan="3">0</td>
 </tr>
 <tr>
  <td rowspan="2">总体目标</td>
  <td colspan="3">年度目标</td>
  <td colspan="2">年度总体目标完成情况</td>
 </tr>
 <tr>
  <td colspan="3">10个合作社为入股贫困户返本分红,第一年按投资额20%反本,第二年第三年均各按25%本,第四年第五年各按15%返本,分红第一年按总客%,第二年以后按返本后的余额8%,余下小部分用于企业发展</td>
  <td colspan="2">&nbsp;</td>
 </tr>
 <tr>
  <td rowspan="12">绩效指标</td>
  <td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>备注</td>
 </tr>
 <tr>
  <td rowspan="7">产出指标</td>
  <td rowspan="3">数量指标</td>
  <td>*贫困地区贫困人口加入合作社、村集体经济组织人数(≥**人)</td>
  <td>&gt;=1102人</td>
  <td>&nbsp;</td>
 </tr>
 <tr><td>资产入股贫困人口总数(≥**人)</td><td>&gt;=1102人</td><td>&nbsp;</td></tr>
 <tr><td>入股合作社个数</td><td>=10个</td><td>&nbsp;</td></tr>
 <tr><td>质量指标</td><td>返本分红比例</td><td>第一年按总投资额返本20%,<br>分红按8%分红</td><td>&nbsp;</td></tr>
 <tr><td rowspan="2">时效指标</td><td>每年返本分红时间</td><td>每年12月底前</td><td>&nbsp;</td></tr>
 <tr><td>返本分红分几年</td><td>=5年</td><td>&nbsp;</td></tr>
 <tr><td>成本指标</td><td>补助合作社平均标准</td><td>=23万元/个</td><td>&nbsp;</td></tr>
 <tr>
  <td rowspan="3">效益指标</td>
  <td rowspan="2">经济效益指标</td>
  <td>*资产股权年收益率( ≥**% )</td>
  <td>&gt;=8%</td>
  <td>&nbsp;</td>
 </tr>
 <tr><td>贫困户全年返本分红总额</td><td>=46.16万元</td><td>&nbsp;</td></tr>
 <tr><td>社会效益指标</td><td>受益建档立卡贫困人口数(≥**人)</td><td>&gt;=1102人</td><td>&nbsp;</td></tr>
 <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>*资产入股贫困人口满意度( ≥**% )</td><td>&gt;=95%</td><td>&nbsp;</td></tr>
 <tr>
  <td colspan="2">财政部门支出股室初审意见</td>
  <td colspan="4" align="right">(盖章)<br>
  &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;</td>
 </tr>
 <tr>
  <td colspan="2">财政部门绩效评价股审核意见</td>
  <td colspan="4" align="right">(盖章)<br>
  &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
 </tr>
 <tr>
  <td colspan="2">区扶贫办审核意见
  <td colspan="4" align="right">(盖章)
</table>
      </div>
      <p class="attach">相关附件：无</p>
    </td>
  </tr>
</table>
<table width="1000" align="center" class="footer">
  <tr><td>主办：衡阳市南岳区人民政府办公室&nbsp;&nbsp;承办：南岳区财政局</td></tr>
  <tr><td>网站标识码：0000000000&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/">湘ICP备00000000号</a></td></tr>
</table>
<script>document.write("<table><tr><td>" + "x" + "</td></tr></table>");</script>
</body>
</html>
`
	out, err := simplifiedchinese.GBK.NewEncoder().String(strings.ReplaceAll(page, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

// extractedTXT is 22_sichuan-daying_2023 (a Sichuan self-evaluation) as
// a PDF extractor writes it: UTF-8, tab-separated, a form feed where the
// second page starts, a blank line, a non-breaking space and stray spaces.
func extractedTXT(t testing.TB) []byte {
	lines := []string{
		"部门预算项目支出绩效自评表(2023年度)",
		"项目名称\t51092324T000010263357-2023年全县安可替代补助资金项目",
		"主管部门\t大英县司法局部门\t实施单位\t大英县司法局",
		"项目基本情况\t1.项目年度目标完成情况\t项目年度目标\t年度目标完成情况",
		"\t\t根据要求购买安可设备，并完成项目资金支付。\t完成",
		"\t2.项目实施内容及过程概述\t2023年购买13台安可电脑，并于12月前完成资金支付。",
		"预算执行情况(10分)\t年度预算数(万元)\t年初预算\t调整后预算数\t预算执行数\t预算执行率\t权重\t得分\t原因",
		"\t总额\t0.00\t3.36\t3.36\t100.00%\t10\t10\t1.预算执行率=预算执行数/调整后预算数",
		"\t其中：财政资金\t0.00\t3.36\t3.36\t100.00%\t/\t/",
		"\t财政专户管理资金\t0.00\t0.00\t0.00\t0.00%\t/\t/",
		"\t单位资金\t0.00\t0.00\t0.00\t0.00%\t/\t/",
		"\t其他资金\t\t\t\t\t/\t/",
		"",
		"\f绩效指标(90分)\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析",
		"\t产出指标\t质量指标\t完成安可产品购买并按要求支付资金\t=\t100\t%\t100\t45\t45",
		"\t产出指标\t经济成本指标\t成本控制数\t≤\t30\t万元\t完成\t45\t45",
		"合计\t100\t\u00a0100 ",
		"评价结论\t根据财政局资金下达的管理办法，  将资金支付给项目施工方。",
		"存在问题\t无",
		"改进措施\t无",
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}
