// Package check reviews the model before anything is published: the
// data-quality rules and the personal-information detectors.
//
// Check runs every rule over the projects and returns a Report of
// Findings, each with a severity (error, warning, info), a stable rule
// id, the project, file:line, a message and a suggestion in Chinese. It
// changes nothing: detections it wants to keep between runs go to a
// HitMemo that the caller offers (the build cache does), and each
// project's findings to a FindingMemo when that memo is one too, keyed
// by the rules' version and the configuration. Report.Blocking
// says whether findings stop a build (errors, and warnings too when
// strict), with a message that lists each and, for unreviewed personal
// information, a block ready to paste into config.yaml.
//
// Redact, and Report.Redact reusing the report's detections, return the
// published model: copies of the projects with every reviewed hit
// replaced as the privacy policy says (李某某 or （姓名已隐去）, numbers
// partly masked). Nothing is rendered from the projects as loaded, so no
// output can hold what redaction removed. Report.MarshalAuditLog lists
// each redaction by file, field, rule and the SHA-256 of the text, never
// the text; RenderHTMLReport is the reviewer's report.
//
// The rules and their ids are the table in README; the taxonomy of
// 一级/二级 names follows 财预〔2015〕88号 and 〔2021〕101号, extended by
// Config.Synonyms.
package check
