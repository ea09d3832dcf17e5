// Package generator turns 项目支出绩效目标表 (budget performance-target
// tables) into a static disclosure site. It plans the work and wires the
// build cache in; each stage lives in a package of its own, and data
// flows one way through them:
//
//	extracted text ─tables─▶ []budget.Project ─content.Import─▶ content/<year>/<code>.md
//	.xlsx .csv .html ─grid─▶ []grid.Grid ─layouts─▶ []budget.Project ─┘
//	content/ ─content.LoadDir─▶ []*budget.Project ─check.Check─▶ Report ─Redact─▶ published model
//	published ─site.NewSite─▶ *site.Site ─┬─render───▶ pages      ─┐
//	                                      ├─opendata─▶ downloads  ─┼─output─▶ public/
//	                                      └─search───▶ index       ─┘
//
// The packages, in that order:
//
//	decimal     the exact decimal every amount and weight is
//	budget      the model (Project, Indicator, Page) and publishers' errors; the content format
//	tables      extracted PDF text → projects
//	grid        workbooks, CSV, web pages and text → cell grids, merged cells resolved
//	layouts     grids → projects: other districts' forms and Sichuan's flat list
//	content     content files: marshal, parse, load a folder, import
//	markdown    the body format: HTML without raw HTML, plain text, escaping
//	check       data-quality rules, personal-information detectors, redaction, the report
//	site        years, agencies, history across years, URLs, page settings
//	render      templates, page data, assets; render/figure the charts
//	opendata    JSON, CSV, workbook, datapackage.json, the field table and 数据字典
//	search      the offline search index
//	output      the staging folder, same-bytes skip, atomic swap: the only code that writes public/
//	buildcache  manifest, stat and parse caches, the piece store, the lock
//
// Parsing is a pure function of its input and reports errors as
// file:line in Chinese, because the people who read them are publishers,
// not programmers. Check changes nothing; Redact returns the published
// model, so no output can hold what it removes.
//
// Every renderer (render, opendata, search) plans its files with the
// site.Inputs each is made from and never sees the cache. Build turns
// the declarations into keys (keys.go): the global inputs (program,
// templates, configuration, free pages), the list of years every page
// shows, what the file is, and the hash of each project's content file.
// A rebuild renders only files whose key changed and output writes only
// files whose bytes changed; an incremental build equals a cold one byte
// for byte. Everything the build asks of the cache goes through one
// cacheSession (incremental.go), which is nil for --no-cache, and the
// memos the cache offers are interfaces their users define
// (content.ParseMemo, check.HitMemo and check.FindingMemo,
// opendata.Pieces).
//
// Templates and assets are embedded (see the budgetsite package) and a
// site's own templates/ and assets/ folders override them file by file.
// The package knows nothing about flags, viper or environment variables:
// callers pass a typed Config.
package generator
