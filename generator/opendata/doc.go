// Package opendata makes the downloads: the published model as JSON,
// CSV that Excel opens, an Excel workbook, slices per year, agency and
// project, datapackage.json and the 数据字典.
//
//	data/projects.csv                     one row per project
//	data/indicators.csv                   one row per 绩效指标 (long format)
//	data/budget.xlsx                      sheets 项目 and 指标, same columns
//	data/projects.json                    {"version":1,"projects":[…]}
//	data/datapackage.json                 Data Package descriptor of the above
//	data/<year>/projects.csv|indicators.csv|projects.json
//	data/<year>/department/<code>.csv|.json   that department's projects
//	data/<year>/unit/<code>.csv|.json         that unit's projects
//	data/<year>/project/<code>.csv        that project's indicators
//	data/<year>/project/<code>.json       that project, wrapped like
//	                                      projects.json: {"version":1,"projects":[…]}
//
// Every JSON file has the projects.json shape, so one reader handles all of
// them. Department, unit and project CSVs of projects have the projects.csv
// columns; project CSVs of indicators have the indicators.csv columns.
//
// Everything is rendered from s.Projects, which is already redacted, in its
// order, with amounts written as Decimal.String(); no timestamps, so a
// rebuild writes the same bytes.
//
// One field table (Field, ProjectColumns, IndicatorColumns) names every
// column, its type and meaning, for the CSV and workbook headers, the
// datapackage.json schemas and the 数据字典 alike.
//
// Files plans every download, each with the site.Inputs it is made from
// and a function that writes it; the caller decides what to write again
// and where (package output). Downloads are assembled from Pieces: each
// project is encoded once per format (Encoder), and a download is a
// header, the pieces of a run of projects and a footer. The store that
// keeps the pieces is the caller's; opendata never sees a cache.
package opendata
