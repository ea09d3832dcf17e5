// Package layouts recognises the layouts of 项目支出绩效目标表 on cell
// grids and turns them into projects. It is the step after package grid:
//
//	source ──grid──▶ []grid.Grid ──layouts──▶ []budget.Project
//
// and knows no file format: a form reads the same from a workbook, a CSV
// file or a web page. (Chongqing's PDF text keeps its own parser, package
// tables.)
//
// # Layouts
//
// A table is found by its indicator header: one row with 三级指标 (or
// 指标内容, 指标名称), 一级 or 二级指标, and 指标值. Its columns are read
// by their labels, in any order: 一级指标, 二级指标, 三级指标, 指标值
// (指标值及单位, 目标值, 年度指标值…), 指标性质, 指标方向, 指标值类型,
// 度量单位, 权重 (分值), 绩效标准 and 备注; 指标解释 and 评分标准 are known and not
// kept. Any other column is an error, which is how tables with one value
// column per region are refused. A column named twice begins a second
// set of columns: the 中期 and the annual indicators side by side
// (Dongguan's 批复表), the second set with its own 三级 and 指标值 (and
// 二级) and sharing the columns of the first it does not repeat (the 一级
// on the left). The set on the side of the form's 中期 goal (总体目标,
// 中期目标…, which the forms print left of 年度目标) gives indicators with
// Period 中期, the other the year's, listed after them; a form without
// both goals, or a second set without 三级 and 指标值, is an error. A
// header with a 实际完成值 column is a self-evaluation (below); 得分 or
// 偏差原因 without one is an error.
//
// A header with 项目名称 among its columns is a flat list (Sichuan's
// export): one indicator per row, the project's cells (单位名称, 项目名称,
// 预算数, 年度目标, optionally 主管部门 and 项目编码) printed on its first
// row and blank on the others, meaning “same as above”. A row holding
// only an agency and an amount (820-马踏镇部门 | 8,827,620.53) is a
// department's subtotal: it names the 主管部门 of the rows below it.
//
// Any other header is the indicator grid of a form: the labels above it,
// since the previous table, are the form. A table of indicators with
// no 项目名称 above it is named by a title that names a project
// (2019年度宁晋县高中助学金项目绩效评价指标表, 3岁以下婴幼儿照护服务项目项目绩效目标:
// the name ends in 项目); it is read only if the labels above it also
// give 主管部门 or 实施单位 and 资金总额, and is otherwise an error saying
// which are missing and how to add them: nothing is made up. Without
// such a title it is an error asking for the 项目名称 and the rest.
// 评价指标 and 评价内容 head the 一级 and 二级 of a 绩效评价指标表. A label's value is the cell to
// its right; when that is another label or there is none, the cell below
// it (总体目标 | 年度目标 over the goals); a label with neither, next to
// another label, groups the labels to its right (资金情况（万元） over
// 年度资金总额 and its breakdown), and its qualifier may give their unit.
// A value may also follow its label after a colon in the same cell
// (预算单位：东莞市交通运输局). The
// labels and their synonyms are one table, vocabulary in labels.go; they
// are compared in Simplified characters (项目名称 matches 項目名稱, for
// tables printed in Traditional or put through a conversion; the cells'
// text is kept as printed), without spaces, colons, a leading *, numbering such as
// (一) or 1、, and bracketed qualifiers, which say the unit of money:
// 资金总额（万元）, 资金情况(万元), 主管部门(单位)名称. Cells with no known
// label are not read.
//
// # Self-evaluations (绩效自评表)
//
// Read returns the self-evaluations of a file beside its targets, each
// an Evaluated: the project it names (read as a form's is: 项目名称 with
// its code, the agencies, cellvalue.DerivedCode where none is printed, the year of
// the title or Options.Year) with its Evaluation, and the 自评's own
// targets as Indicators. Projects reads targets only and refuses a 自评
// as before (“这是绩效自评表…”), for callers that want targets.
//
// A 自评 is a form whose indicator header has a 实际完成值 column
// (完成值, 全年实际值, 全年完成值). Two styles are known, and a mix:
//
//   - 财政部 style (财预〔2020〕10号): 项目资金（万元） with the columns
//     年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 and the rows
//     年度资金总额, 其中：本年财政拨款 (当年财政拨款), 上年结转资金, 其他资金;
//     年度总体目标 with 预期目标 | 实际完成情况 over the two texts; the
//     columns 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值,
//     得分, 偏差原因分析及改进措施; then 总分 and perhaps 评价等次. The
//     transfer-payment variant prints 分值 before 年度指标值, 全年预算数(A),
//     全年执行数(B), 执行率(B/A) and 年初设定目标 | 年度总体目标完成情况综述;
//     a 自评 without scores (全年完成值, 未完成原因和改进措施) has them nil.
//   - Sichuan style: 预算执行情况(10分) with 年初预算, 调整后预算数, 预算执行数,
//     预算执行率, 权重, 得分, 原因 and the rows 总额, 其中：财政资金,
//     财政专户管理资金, 单位资金, 其他资金; 项目年度目标 | 年度目标完成情况;
//     the columns 指标性质, 指标值, 度量单位, 完成值, 权重, 得分 and
//     未完成原因分析; then 合计, 评价结论, 存在问题, 改进措施.
//
// The execution block is found by its row of column heads (two or more
// of the amounts and the rate); each row below it that starts with a
// funds label (or 其中…) is a source: the total (年度资金总额, 总额) is
// Evaluation.Budget, the others its Breakdown, each with its label as
// Source (without 其中：). Amounts are converted to 万元 exactly with the
// unit of a qualifier (项目资金（万元）, 年度预算数(万元)) or the 金额单位
// line; the rate is kept as printed (100.00%, 100%); 分值 and 权重 are
// MaxScore. A cell left blank or printed “/”, “—”, “-” is nil: a 0 is a
// 0, not a missing number.
//
// An indicator row gives a budget.Result (the levels as for targets,
// Target as the 自评 prints it, Actual, MaxScore from 分值/权重, Score,
// Reason) and a target Indicator (年度指标值 split by cellvalue.SplitValue, weight
// 0). Where 指标性质, 指标值 and 度量单位 are columns of their own,
// Target is the three as printed (≤30万元). Placeholder rows (指标2：,
// ……, a 二级 alone, 指标1：/ / /) are skipped; a result without a 三级 is
// an error. The rows after the indicators are read up to the next table:
// 总分 or 合计 (the number in the 得分 column, else the row's last
// number) is Total, 评价结论, 存在问题, 改进措施 and 评价等次 are read as
// printed, and 项目负责人, 财务负责人, 填表人, their names and numbers, 说明
// and 注 are dropped. Personal information never becomes data.
//
// # Fields
//
// 项目名称 may start with the project's code (50011022T000000155466-会务服务:
// six or more letters and digits, one a digit). 主管部门 and 实施单位 (or
// 预算单位, 项目执行单位) may carry theirs as 103-名称, [015001]名称 or
// (433)名称. A table that prints no code gets one from cellvalue.DerivedCode: for a
// project from its year, 实施单位 and name, for an agency from its name.
// A form that names one agency only uses it as both. Each of these is a
// note for the publisher, not an error.
//
// 资金总额 (年度资金总额, 预算数) is converted to 万元 exactly, with
// package decimal: 3,309,840.00 元 is 330.984 万元, and an amount in 万元
// keeps its digits as printed. Its unit is the one the amount prints
// (854万(…)), else its label's qualifier, else the funds block's
// (资金情况（万元）, 金额（万元）), else the table's 金额单位 line; without
// one the table is an error asking the publisher to state it. A form that
// prints only a breakdown totals the breakdown's top rows, (一), (二)….
// The breakdown rows (其中：财政拨款, 其他资金, 上级资金, 本级资金,
// 一般公共预算, 政府性基金, 自有资金, 事业收入, 上年结转…) are
// FundsBreakdown, in the form's order, each converted as the total is
// (a row stating no unit has the total's) and named by its label without
// numbering, 其中 and colons. A row left blank or printed “/”, “—” is
// no source (a 0 is a 0); a subtotal (财政拨款小计) is kept as printed
// beside its sub-rows, the hierarchy not guessed; a row whose cell is no
// amount (854万854万(…)) is left out with a note.
// A workbook's number is read from its stored digits and keeps the
// places its format shows when those are the same number.
//
// The year is the latest title's above the table (“(2021年度)”,
// “部门预算项目绩效目标申报表(2023年度)”), else Options.Year. 项目起止时间
// (实施期) is split into start and end at its one dash or 至. 总体目标
// (中期目标, 实施期目标) is OverallGoal, 年度目标 (本年度绩效目标, 项目当年绩效目标)
// AnnualGoal, 项目概况 the Overview; these long texts keep the spaces of
// their cells (a line break in a cell is one), where names and levels
// lose those between Chinese characters (项目完成 指标 is 项目完成指标).
//
// # Indicators
//
// Merged 一级 and 二级 cells read the same on every row they span, and
// blank ones (a CSV's) are the row above's. A score after a level, as in
// 产出指标(50分), is dropped. Placeholder rows are skipped: “……”, “/”,
// “指标2：” with nothing after it, an empty 三级 with an empty value. A
// 三级 without a value, or a value without a 三级, is an error.
//
// The value cell is split by cellvalue.SplitValue when that is unambiguous: ≥85%,
// >=1102人, 10辆, ≤475元/亩 and 100% become an operator (= when none is
// printed), a number and a unit, and Printed keeps the cell as printed.
// Words, dates and hedged figures (优良, 2023.07-2024.01, ±3%以内, 95%以上)
// stay as printed with operator 定性. A 指标性质 or 指标方向 column holds an
// operator or a direction (正向, 反向), whichever its cells say, since
// districts swap the two labels; 指标值类型 定性 makes the value words. An
// operator or unit printed both in the value and in its own column must
// agree.
//
// # What is not data
//
// 填表人, 联系人, 项目负责人, 财务负责人 and their names and telephone
// numbers are read as labels and values and dropped, as are known fields
// the model does not hold (项目类别, 归口科室…). The indicator rows end at
// the last row of their merged row label (绩效指标), at a cell left of the
// columns, at 项目名称, a footer (审核意见, 合计, 注：…), personal
// information, a title or another header; blank rows, page numbers and a
// header repeated on a new page are skipped.
//
// # Errors
//
// Errors are *budget.Error in Chinese naming the cell, as grid.Pos
// prints it (预算.xlsx!Sheet1!C7, page.html:37), saying what is wrong and
// what to do; Projects returns every problem of a file at once as a
// budget.ErrorList. A file in which no grid holds a known layout is
// refused with what was found and what is missing. Grids with no label
// at all (a web page's footer) are ignored. Tables that cannot be read
// are refused saying why: one value column per region, village or unit
// (安溪, 秀屿, 龙岩: “每个地区一栏指标值”, to be split into one table per
// region or cut to one 指标值 column); a grid with 一级, 二级 and a value
// but no 三级 (鄂州, whose 一级 column holds the 二级 and whose 绩效标准
// holds explanations; its 项目预算成本构成 table is no indicator and is
// not read); a department's overall target (整体绩效目标表), which is no
// project.
package layouts
