// Package generator turns 项目支出绩效目标表 (budget performance-target
// tables) into a static disclosure site.
//
// Data flows one way:
//
//	extracted text ──ParseTables──▶ []Project ──WriteContent──▶ content/*.md
//	content/*.md ──LoadSite──▶ *Site ──render──▶ map[path][]byte ──write──▶ public/
//
// Parsing (ParseTables, ParseContentFile) is a pure function of an
// io.Reader and reports errors as file:line in Chinese, because the people
// who read them are the publishers, not programmers. Rendering builds every
// output file in memory from the typed model; only the write stage touches
// the disk, and it swaps the finished output in as a whole so that a failed
// build never leaves a half-written site behind.
//
// The package knows nothing about flags, viper or environment variables:
// callers pass a typed Config.
package generator
