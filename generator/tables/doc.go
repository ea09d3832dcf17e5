// Package tables reads the text a PDF extractor made of a year's
// 项目支出绩效目标表 and returns one budget.Project per table.
//
// The input is tab-separated cells in any encoding a Chinese Windows
// produces (UTF-8 with or without BOM, UTF-16, GB18030/GBK), with the
// extractor's noise: labels truncated at the cell edge and their
// variants (资金总额（万）, 资金总额(万元)…), values scattered across empty
// cells, spaces the line wrap left inside Chinese words, blank lines,
// page numbers, rules of dashes and page breaks inside tables, and merged
// 一级/二级 cells printed blank. The parser reads a cell by what it says (a
// known label, an operator, a number) rather than by its column wherever
// it can.
//
// ParseTables is a pure function of its input. Every problem is reported
// at once, as a budget.ErrorList of file:line messages in Chinese that say
// what to do; nothing is returned with an error. NoTable tells the
// refusal of a file with no table at all from a table with problems, so
// that content.Import can read such a text file as a grid instead (a
// 自评 table, or a pipe-separated one). Tables are cut at their
// titles and parsed on every core; the result does not depend on how.
//
// CleanCell is the text normalisation every cell goes through.
package tables
