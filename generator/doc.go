// Package generator turns 项目支出绩效目标表 (budget performance-target
// tables) into a static disclosure site.
//
// Data flows one way:
//
//	extracted text ──ParseTables──▶ []Project ──ImportFiles──▶ content/<year>/<code>.md
//	content/ ──LoadContent──▶ []*Project ──Check──▶ Report ──Redact──▶ published []*Project
//	published ──NewSite──▶ *Site ──render (jobs)──▶ bytes ──output──▶ public/
//
// Parsing (ParseTables, ParseContent, ParsePage) is a pure function of an
// io.Reader and reports errors as file:line in Chinese, because the people
// who read them are the publishers, not programmers. Check applies the
// data-quality rules and the personal-information detectors; Redact
// replaces reviewed personal information on the model, before anything is
// rendered or exported, so no output can contain it.
//
// Rendering plans every output file as a job (pages in render.go, open
// data in export*.go, the search index in search.go) and runs the jobs on
// every core. Downloads are assembled from per-project fragments
// (fragments.go): each project is encoded once per format, and a download
// is a header, byte ranges of the fragment store and a footer. Only the
// write stage (output.go) touches the output folder: a cold build is
// staged beside it and swapped in whole; an incremental build (cache.go)
// renders only files whose inputs changed, writes only files whose bytes
// changed, and moves them in at the end. Either way a failed build leaves
// the previous site as it was.
//
// The cache beside the output folder holds what a rebuild need not redo:
// the manifest of output files and their keys (cache.go), each content
// file's stat and hash (statcache.go), the parsed projects
// (parsecache.go) and the fragment store. Every part is checked when read;
// a missing or damaged part only makes the build slower.
//
// Templates and assets are embedded (see the budgetsite package) and a
// site's own templates/ and assets/ folders override them file by file.
// The package knows nothing about flags, viper or environment variables:
// callers pass a typed Config.
package generator
