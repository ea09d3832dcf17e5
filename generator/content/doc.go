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
// hand survives re-import. Plan is the checking half alone (the dry
// run): the projects Import would write, with Import's errors and
// notes, and nothing written.
package content
