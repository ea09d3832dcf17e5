// Package content reads and writes the content folder: one Markdown file
// per project, in the format package budget specifies, and free pages.
//
//	content/<year>/<code>.md   a project: YAML front matter, 项目概况 as body
//	content/pages/<slug>.md    a free page (说明, 名词解释)
//
// Marshal writes a project byte for byte as yaml.v3 would, and Parse reads
// one back, refusing unknown fields with their file and line. Both have a
// hand-written fast path for the canonical form import writes (see
// content_yaml.go for the measured reason); anything else goes through
// yaml.v3, and FuzzFrontMatter holds the two to the same result.
//
// Load and LoadDir read a whole folder on every core; a ParseMemo (the
// build cache offers one) saves parsing files that did not change.
//
// Import turns input files into content files: extracted text through
// package tables, workbooks, CSV files and web pages through packages
// grid and layouts, by extension. Every input is parsed and checked
// before anything is written, a new year appears
// whole through one staging folder, existing files are replaced
// atomically and only when their bytes change, and a pub_date set by
// hand survives re-import. PlanInto is the checking half alone (the
// dry run): the projects Import would write into a content folder, with
// Import's errors and notes, and nothing written; Plan is the same
// without a content folder.
//
// A 绩效自评表 (layouts.Read returns it beside the targets) is attached
// to the same year's target by project code, else by 实施单位 and project
// name: a target of the same run first, then a content file
// (<year>/<code>.md, else any file of the year with that unit and name).
// Its results are paired with the target's indicators by 一级, 二级 and
// 三级 (budget.LevelKey); each result without a target indicator and
// each target indicator without a result is a note naming file:line,
// and unmatched results are kept with their own levels. A 自评 with no
// target makes its project alone (the 自评's 年度指标值 as indicators,
// weight 0). Re-importing a target table keeps the file's evaluation;
// re-importing a 自评 over an evaluation that differs from what it gives
// (edited by hand, or an older 自评) first copies the file to
// <code>.md.bak (overwriting an older backup; Load reads only .md) and
// says so in a note. Two 自评 tables of one project are an error.
package content
