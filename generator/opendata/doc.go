// Package opendata makes the downloads: the published model as JSON,
// CSV that Excel opens, an Excel workbook, slices per year, agency and
// project, datapackage.json and the 数据字典.
//
//	data/projects.csv                     one row per project, with its 自评 summary
//	data/indicators.csv                   one row per 绩效指标 (long format)
//	data/results.csv                      one row per 自评 indicator (only when a project has a 自评)
//	data/budget.xlsx                      sheets 项目, 指标 and 自评, same columns
//	data/projects.json                    {"version":1,"projects":[…]}
//	data/datapackage.json                 Data Package descriptor of the above
//	data/<year>/projects.csv|indicators.csv|results.csv|projects.json
//	                                      only when the site has more than one year
//	data/<year>/department/<code>.csv|.json   that department's projects
//	data/<year>/unit/<code>.csv|.json         that unit's projects
//	data/<year>/project/<code>.json       that project with its indicators and
//	                                      自评, wrapped like projects.json:
//	                                      {"version":1,"projects":[…]}
//
// Every JSON file has the projects.json shape, so one reader handles all of
// them. Department and unit CSVs have the projects.csv columns.
//
// The layout is lean on purpose, because at province scale (100,000
// projects) every file costs more to create than to fill:
//   - A project has one file, its JSON, which holds everything its page
//     shows; for a spreadsheet, its unit's CSV has its row and
//     indicators.csv and budget.xlsx its indicators. It no longer has a
//     CSV of its indicators as well:
//     that was 10,000 more files per 10,000 projects.
//   - With one year, the year's files would repeat the site-level ones
//     byte for byte but for their paths, so they are not written; the
//     year page links the site-level files instead (YearCounterparts).
//
// Everything is rendered from s.Projects, which is already redacted, in its
// order, with amounts written as Decimal.String(); no timestamps, so a
// rebuild writes the same bytes.
//
// One field table (Field, ProjectColumns, IndicatorColumns,
// ResultColumns) names every column, its type and meaning, for the CSV
// and workbook headers, the datapackage.json schemas and the 数据字典
// alike, and reads the columns back: each Field has a set function
// beside its value function.
//
// Every field of the model is published. Fields only some tables print
// (总体目标, 资金来源, 指标方向, 绩效标准, 备注, the printed value, 中期)
// and the 自评 are columns that are always there, empty when absent, and
// keys of projects.json that are absent when empty (omitempty), so a
// project without them exports the JSON it always did. The 自评 is, per
// project, the summary columns of projects.csv (自评指标数, budget
// execution, 总分, 等次, 结论, 问题, 措施; 自评指标数 is empty exactly when
// there is none) and one row per result in results.csv, with the mark
// budget.Assess gives it (完成情况). results.csv is written only where a
// project has a 自评, so that a site of targets alone offers no empty
// file; its columns never vary, and the workbook's 自评 sheet is always
// there.
//
// ReadBack (readback.go) is the inverse: import recognises our own
// projects.csv with indicators.csv (and results.csv), their folder, or
// budget.xlsx by their exact header rows and recreates the content files
// byte for byte, except for text the privacy rules redacted and for
// Markdown formatting written by hand in a body (项目概况 is published as
// plain text and read back escaped, as the importers write it).
//
// Files plans every download, each with the site.Inputs it is made from
// and a function that writes it; the caller decides what to write again
// and where (package output). Downloads are assembled from Pieces: each
// project is encoded once per format (Encoder), and a download is a
// header, the pieces of a run of projects and a footer. The store that
// keeps the pieces is the caller's; opendata never sees a cache.
package opendata
