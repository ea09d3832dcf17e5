// Package budget is the model: one 项目支出绩效目标表 per Project, as plain
// data with no behaviour beyond arithmetic on it, and the Chinese errors
// every stage reports to publishers.
//
// # The content format
//
// A project lives in one human-editable file, content/<year>/<code>.md:
// YAML front matter with every field of the printed table, then 项目概况
// (the overview) as the Markdown body. The struct tags of Project,
// Indicator, Coded and Source are the format: their order is the order
// of the front matter, which follows the printed form.
//
//	---
//	code: 50011021T000000048440      # project code: letters and digits
//	name: 电子政务外网延伸到村居网络工程
//	year: 2022
//	department: {code: "103", name: 重庆市綦江区人民政府办公室}   # 主管部门
//	unit: {code: "103002", name: 重庆市綦江区电子政务中心}        # 实施单位
//	funds_wan: 109.73                 # 资金总额 in 万元, exact digits
//	attribute: 新增                   # 项目属性
//	start: 2022年                     # 项目起始时间
//	end: 长期                         # 项目终止时间
//	overall_goal: …                   # optional 总体目标 (中期目标)
//	annual_goal: …                    # 项目当年绩效目标
//	indicators:                       # 绩效指标, one per row
//	  - {level1: 产出指标, level2: 数量指标, level3: …, value: "381",
//	     operator: =, unit: 个, weight: 40,
//	     direction: 正向,              # optional 指标方向
//	     standard: 计划标准,           # optional 绩效标准
//	     remark: …,                    # optional 备注
//	     printed: ≥381个}              # optional: the value cell as printed
//	pub_date: 2022-02-15              # optional 发布日期
//	source: {file: …, line: 47}       # where the table was imported from
//	evaluation:                       # optional 绩效自评表, after the year
//	  budget:                         # 预算执行情况, amounts in 万元
//	    {source: 年度资金总额, initial_wan: 90, adjusted_wan: 90,
//	     executed_wan: 89.974, rate: 99.97%, max_score: 10, score: 9.9,
//	     breakdown: [{source: 本年财政拨款, adjusted_wan: 90, executed_wan: 89.974}]}
//	  goal_actual: …                  # 年度总体目标 的 实际完成情况
//	  indicators:                     # one result per 三级指标
//	    - {level1: 产出指标, level2: 数量指标, level3: …,
//	       target: ≥50个,              # 年度指标值 as the 自评 prints it
//	       actual: "50",               # 实际完成值 as printed
//	       max_score: 8, score: 8,     # 分值 and 得分; absent: left blank
//	       reason: …}                  # 偏差原因分析及改进措施
//	  total_score: 90                 # 总分
//	  grade: 优                       # 评价等次, as printed
//	  conclusion: …                   # 评价结论; also problems, improvements
//	  source: {file: …, line: 2}
//	---
//	拓展电子政务外网覆盖范围。……
//
// An evaluation's results name their target indicators by the three
// levels (Pairs); a result with no target keeps its own levels. The
// names of 项目负责人, 财务负责人 and 填表人 are never part of it.
//
// The optional fields (overall_goal, direction, standard, remark,
// printed) come from other districts' forms (package layouts); a file
// without them is exactly the file it was before they existed, and a
// table that prints no weight has weight 0.
//
// Amounts and weights are decimal.Decimal: never converted through
// floating point, so funds_wan: 2.7132 is published as 2.7132. An
// indicator's value is text as printed (定性 values are words); Operator
// is one of the canonical 指标性质 below, and NormalizeOperator maps the
// spellings other districts use onto them.
//
// Fields the format does not hold (File, Lines, Overview, Indicator.Line)
// locate a project for error messages and carry the body; they are
// tagged yaml:"-". Free pages (说明, 名词解释) are Pages: a title,
// optional navigation label, weight and description, and a Markdown body.
//
// Error and ErrorList are how every stage reports bad input: the file
// and line, what is wrong and what to do, in Chinese, for the publisher.
package budget
