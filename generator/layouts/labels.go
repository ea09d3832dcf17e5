package layouts

import (
	"budgetsite/generator/layouts/cellvalue"
	"regexp"
	"strings"
)

// A role is what a label means: a field of the form, a column of the
// indicator grid or of the flat list, or something known to be no data.
type role uint8

const (
	rNone role = iota

	// Fields of a form, and the project columns of a flat list.
	rName       // 项目名称
	rCode       // 项目编码 (a column of its own)
	rDepartment // 主管部门
	rUnit       // 实施单位
	rFunds      // 资金总额
	rBreakdown  // a row of the funds breakdown (其中：财政拨款, (一)财政拨款小计…)
	rAttribute  // 项目属性
	rStart      // 项目起始时间
	rEnd        // 项目终止时间
	rPeriod     // 项目起止时间, split into start and end
	rOverall    // 总体目标 (medium-term)
	rAnnual     // 年度目标
	rOverview   // 项目概况

	// Labels that group others or head the funds block; no value.
	rGroup       // 资金情况（万元）: a block whose qualifier may give the unit
	rMoneyHeader // 金额（万元）: a column head of the funds block
	rIndicators  // 绩效指标: the label of the indicator grid

	// Labels whose value is read and dropped.
	rPersonal // 填表人, 联系人, 项目负责人, 财务负责人: personal information
	rIgnored  // known fields the model does not hold (项目类别, 归口科室…)
	rFooter   // 审核意见, 盖章, 注: the end of a table

	// The block of a 自评's budget execution (预算执行情况): its column
	// heads. 分值/权重 and 得分 are the indicator grid's cWeight and cScore.
	eInitial  // 年初预算数
	eAdjusted // 全年预算数, 调整后预算数
	eExecuted // 全年执行数, 预算执行数
	eRate     // 执行率
	eReason   // 原因

	// The 自评's goal: the column heads over the goal and what was done.
	gPlanned // 预期目标, 年初设定目标
	gActual  // 实际完成情况, 年度目标完成情况

	// What follows a 自评's indicator rows; each also ends the rows.
	rTotal      // 总分, 合计
	rConclusion // 评价结论
	rProblems   // 存在问题
	rImprove    // 改进措施
	rGrade      // 评价等次

	// Columns of the indicator grid.
	cLevel1
	cLevel2
	cLevel3
	cValue
	cNature    // 指标性质 / 指标方向: operator or direction, by content
	cValueType // 指标值类型: 定量 or 定性
	cUnit
	cWeight
	cStandard
	cRemark
	cExplain // 指标解释, 评分标准: known, not kept
	// The columns of a self-evaluation (自评): a header with cActual is
	// one; Projects refuses all three as a target table's.
	cActual // 实际完成值, 完成值, 全年实际值
	cScore  // 得分
	cReason // 偏差原因分析及改进措施, 未完成原因分析
	nRoles
)

// vocabulary is every label the recognisers know, with its synonyms. It
// is the one place to add a district's wording. Labels are compared
// after normalisation (see labelKey): without spaces, colons, a leading
// * or numbering such as (一) or 1、, and without bracketed qualifiers,
// which are kept apart: 资金总额（万元） is 资金总额 qualified by 万元,
// 主管部门(单位)名称 is 主管部门名称.
var vocabulary = []struct {
	role   role
	labels []string
}{
	{rName, []string{"项目名称", "项目名", "专项资金名称", "专项名称", "政策项目名称"}},
	{rCode, []string{"项目编码", "项目代码", "项目编号"}},
	{rDepartment, []string{"主管部门", "主管部门名称", "主管单位", "预算部门", "项目主管部门", "县级主管部门", "部门名称", "主管部门及代码", "主管部门及编码", "预算部门及编码", "部门"}},
	{rUnit, []string{"实施单位", "项目实施单位", "执行单位", "项目执行单位", "预算单位", "单位名称", "实施单位名称", "项目单位", "预算单位名称", "实施单位及编码"}},
	{rFunds, []string{"资金总额", "年度资金总额", "总额", "项目资金总额", "资金总额合计", "项目总金额", "预算数", "年度预算数", "预算金额", "项目预算数", "年度预算", "本年度申请市财政预算资金"}},
	{rBreakdown, []string{"财政拨款", "其中财政拨款", "其中财政资金", "财政资金", "其中本年财政拨款", "本年财政拨款", "其中当年财政拨款", "当年财政拨款", "财政拨款数", "其中财政拨款数",
		"其他资金", "其他", "上年结转资金", "财政拨款小计", "一般公共预算", "政府性基金", "政府性基金预算", "国有资本经营预算",
		"自有资金小计", "自有资金", "事业收入", "经营性收入", "其他收入", "财政专户管理资金", "单位资金",
		"上级资金", "其中上级资金", "上级补助资金", "上级补助", "本级资金", "其中本级资金", "本级财政资金", "上年结转", "其中上年结转", "其中上年结转资金", "其中其他资金",
		"其中一般公共预算", "其中政府性基金", "其中自有资金"}},
	{rAttribute, []string{"项目属性", "项目类型", "项目性质"}},
	{rStart, []string{"项目起始时间", "起始时间", "项目开始时间", "开始时间"}},
	{rEnd, []string{"项目终止时间", "终止时间", "项目结束时间", "结束时间"}},
	{rPeriod, []string{"项目起止时间", "起止时间", "实施期", "项目实施期", "实施期限", "项目期限", "项目周期", "执行期限"}},
	{rOverall, []string{"总体目标", "中期目标", "实施期目标", "中长期绩效目标", "中长期目标", "中期滚动目标", "项目总体目标", "总体绩效目标", "实施期绩效目标", "项目中期目标"}},
	{rAnnual, []string{"年度目标", "本年度绩效目标", "项目当年绩效目标", "当年绩效目标", "年度绩效目标", "项目年度绩效目标", "年度总体目标", "年度总体绩效目标", "项目年度目标", "本年度目标", "项目绩效目标"}},
	{rOverview, []string{"项目概况", "项目简介", "项目基本情况", "项目总体情况", "项目内容", "项目实施内容"}},

	{rGroup, []string{"资金情况", "项目资金", "投入目标", "项目资金申请", "资金投入", "年度资金情况", "资金来源", "项目资金情况", "预算执行情况"}},
	{rMoneyHeader, []string{"金额", "年初安排金额", "安排金额", "资金金额"}},
	{rIndicators, []string{"绩效指标", "绩效指标表", "年度绩效指标", "年度绩效指标完成情况"}},

	{rPersonal, []string{"填表人", "填报人", "联系人", "联系电话", "电话", "手机", "手机号码", "联系方式", "项目负责人", "项目负责人及电话", "项目负责人及联系电话",
		"负责人及电话", "负责人", "财务负责人", "单位负责人", "经办人", "审核人", "分管领导"}},
	{rIgnored, []string{"项目类别", "归口科室", "立项依据", "区域", "部门预算编码", "年度总体目标完成情况", "项目年度目标完成情况",
		"填报单位", "单位公章", "填报日期", "填表日期", "发布日期", "资金用途", "项目实施内容及过程概述", "部门职责", "单位职责"}},
	{rFooter, []string{"注", "说明", "备注说明", "填表说明", "盖章", "审核意见"}},

	{eInitial, []string{"年初预算数", "年初预算", "年初预算金额"}},
	{eAdjusted, []string{"全年预算数", "调整后预算数", "调整后预算", "全年预算"}},
	{eExecuted, []string{"全年执行数", "预算执行数", "执行数", "实际执行数"}},
	{eRate, []string{"执行率", "预算执行率"}},
	{eReason, []string{"原因", "偏差原因", "执行偏差原因"}},
	{gPlanned, []string{"预期目标", "年初设定目标", "年度预期目标"}},
	{gActual, []string{"实际完成情况", "全年实际完成情况", "年度目标完成情况", "年度总体目标完成情况综述", "目标实际完成情况", "实际完成"}},
	{rTotal, []string{"合计", "总计", "总分"}},
	{rConclusion, []string{"评价结论", "自评结论", "绩效自评结论"}},
	{rProblems, []string{"存在问题", "存在的问题", "主要问题"}},
	{rImprove, []string{"改进措施", "下一步改进措施", "整改措施"}},
	{rGrade, []string{"评价等次", "评价等级", "自评等级", "自评等次", "绩效等级", "等次"}},

	{cLevel1, []string{"一级指标", "一级", "评价指标"}},
	{cLevel2, []string{"二级指标", "二级", "评价内容"}},
	{cLevel3, []string{"三级指标", "三级", "指标内容", "指标名称", "三级指标内容"}},
	{cValue, []string{"指标值", "指标值及单位", "目标值", "年度指标值", "指标目标值", "年度数值", "当年预期实现值", "计划指标值", "预期目标值", "绩效指标值", "年度目标值"}},
	{cNature, []string{"指标性质", "指标方向", "指标方向性", "比较符", "指标属性"}},
	{cValueType, []string{"指标值类型", "指标类型"}},
	{cUnit, []string{"度量单位", "计量单位", "单位", "指标单位"}},
	{cWeight, []string{"权重", "分值", "权重分值", "指标权重"}},
	{cStandard, []string{"绩效标准"}},
	{cRemark, []string{"备注"}},
	{cExplain, []string{"指标解释", "指标说明", "评扣分标准", "评分标准", "计分方法", "保障绩效目标实现措施"}},
	{cActual, []string{"完成值", "实际完成值", "全年实际值", "全年完成值", "实际值", "全年实际完成值"}},
	{cScore, []string{"得分"}},
	{cReason, []string{"未完成原因分析", "偏差原因分析及改进措施", "未完成原因及拟采取的改进措施", "未完成原因和改进措施", "偏差原因分析", "未完成原因"}},
}

var roleOf = func() map[string]role {
	m := map[string]role{}
	for _, v := range vocabulary {
		for _, l := range v.labels {
			if _, dup := m[l]; dup {
				panic("layouts: label listed twice: " + l)
			}
			m[l] = v.role
		}
	}
	return m
}()

var (
	qualifierRe = regexp.MustCompile(`[(（][^()（）]*[)）]`)
	numberingRe = regexp.MustCompile(`^(?:[(（][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十0-9]+[、.．])`)
	// topLevelRe marks the top rows of a funds breakdown: (一), (二)…
	topLevelRe = regexp.MustCompile(`^[(（][一二三四五六七八九十]+[)）]`)
)

// labelKey normalises a cell for comparison with the vocabulary and
// returns its bracketed qualifiers apart.
func labelKey(text string) (key, qual string) { return normalise(cellvalue.Simplified(text)) }

// normalise is labelKey without the folding of Traditional characters.
func normalise(text string) (key, qual string) {
	s := strings.Map(func(r rune) rune {
		switch r {
		case ' ', ':', '：', '*', '★', '※':
			return -1
		}
		return r
	}, text)
	if s == "" {
		return "", ""
	}
	if r := s[0]; r == '(' || r >= '0' && r <= '9' || r >= 0x80 && strings.ContainsAny(s[:min(len(s), 3)], "（一二三四五六七八九十") {
		s = numberingRe.ReplaceAllString(s, "")
	}
	if !strings.ContainsAny(s, "(（") {
		return s, ""
	}
	var quals []string
	s = qualifierRe.ReplaceAllStringFunc(s, func(q string) string {
		r := []rune(q)
		quals = append(quals, string(r[1:len(r)-1]))
		return ""
	})
	return s, strings.Join(quals, "，")
}

// label is a cell read as a label.
type label struct {
	role   role
	qual   string // its bracketed qualifiers
	inline string // the value written in the same cell after a colon
	has    bool   // the cell holds a value after a colon
}

// matchLabel reads a cell as a label: the whole cell, or the part before
// a colon with the value after it (“预算单位：东莞市交通运输局”).
func matchLabel(text string) (label, bool) {
	if text == "" {
		return label{}, false
	}
	if len(text) <= 400 {
		key, qual := labelKey(text)
		if r, ok := roleOf[key]; ok && len([]rune(key)) <= 20 {
			return label{role: r, qual: qual}, true
		}
		if strings.HasSuffix(key, "意见") {
			return label{role: rFooter}, true
		}
	}
	if isNote(text) {
		return label{role: rFooter}, true
	}
	i := strings.IndexAny(text, ":：")
	if i <= 0 || len([]rune(text[:i])) > 20 {
		return label{}, false
	}
	key, qual := labelKey(text[:i])
	r, ok := roleOf[key]
	if !ok {
		return label{}, false
	}
	tail := strings.TrimSpace(strings.TrimLeft(text[i:], ":："))
	return label{role: r, qual: qual, inline: tail, has: tail != ""}, true
}

// isNote recognises the notes printed under a table: 注：…, 说明：….
func isNote(text string) bool {
	t := strings.ReplaceAll(text, " ", "")
	for _, p := range []string{"注:", "注：", "说明:", "说明：", "注1", "注："} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// isColumn reports whether a role is a column of the indicator grid.
func (r role) isColumn() bool { return r >= cLevel1 }

// selfEval reports a column only a self-evaluation has.
func (r role) selfEval() bool { return r == cActual || r == cScore || r == cReason }

// ends reports a label that ends the indicator rows: a footer, personal
// information, or what follows a 自评's indicators (总分, 评价结论…).
func (r role) ends() bool {
	switch r {
	case rFooter, rPersonal, rTotal, rConclusion, rProblems, rImprove, rGrade:
		return true
	}
	return false
}

// roleName is how messages name a role.
var roleName = map[role]string{
	rName: "项目名称", rDepartment: "主管部门", rUnit: "实施单位", rFunds: "资金总额", rAnnual: "年度目标",
	cLevel1: "一级指标", cLevel2: "二级指标", cLevel3: "三级指标", cValue: "指标值", cNature: "指标性质",
	cValueType: "指标值类型", cUnit: "度量单位", cWeight: "权重", cStandard: "绩效标准", cRemark: "备注",
	cActual: "实际完成值", cScore: "得分", cReason: "偏差原因",
	eInitial: "年初预算数", eAdjusted: "全年预算数", eExecuted: "全年执行数", eRate: "执行率", eReason: "原因",
}
