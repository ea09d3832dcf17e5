package check

import (
	"bytes"
	"encoding/json"
	"html/template"
	"net/url"
	"path/filepath"
	"sort"
)

// CheckJSON is the documented, stable shape of `check --format json`.
type CheckJSON struct {
	Version  int          `json:"version"`
	Summary  CheckSummary `json:"summary"`
	Findings []Finding    `json:"findings"`
}

// CheckSummary counts findings by severity.
type CheckSummary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Info     int `json:"info"`
}

// JSON returns the report in its public shape.
func (r *Report) JSON() CheckJSON {
	fs := r.Findings
	if fs == nil {
		fs = []Finding{}
	}
	return CheckJSON{Version: 1, Summary: r.Summary(), Findings: fs}
}

// Summary counts findings by severity.
func (r *Report) Summary() CheckSummary {
	return CheckSummary{Errors: r.Count(SevError), Warnings: r.Count(SevWarning), Info: r.Count(SevInfo)}
}

// AuditLog is redactions.json: what was removed, where, and a hash of
// the original for later verification, never the original.
type AuditLog struct {
	Version    int         `json:"version"`
	Policy     string      `json:"policy"`
	Redactions []Redaction `json:"redactions"`
}

// MarshalAuditLog renders redactions.json.
func (r *Report) MarshalAuditLog(policy string) ([]byte, error) {
	if policy == "" {
		policy = "mask"
	}
	rs := r.Redactions
	if rs == nil {
		rs = []Redaction{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(AuditLog{Version: 1, Policy: policy, Redactions: rs})
	return b.Bytes(), err
}

type reportGroup struct {
	Project  string
	File     string
	Link     string
	Findings []Finding
	Errors   int
	Warnings int
}

// RenderHTMLReport renders the review report for the publisher: findings
// grouped by project, linking each content file relative to where the
// report is written. It is for the publisher's desk, never the site.
func (r *Report) RenderHTMLReport(reportPath string) ([]byte, error) {
	groups := map[string]*reportGroup{}
	var order []string
	for _, f := range r.Findings {
		key := f.File
		g := groups[key]
		if g == nil {
			g = &reportGroup{Project: f.Project, File: f.File, Link: fileLink(reportPath, f.File)}
			groups[key] = g
			order = append(order, key)
		}
		g.Findings = append(g.Findings, f)
		switch f.Severity {
		case SevError:
			g.Errors++
		case SevWarning:
			g.Warnings++
		}
	}
	sort.Strings(order)
	data := struct {
		Summary CheckSummary
		Groups  []*reportGroup
	}{Summary: r.Summary()}
	for _, k := range order {
		data.Groups = append(data.Groups, groups[k])
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func fileLink(reportPath, file string) string {
	if file == "" {
		return ""
	}
	absReport, err1 := filepath.Abs(filepath.Dir(reportPath))
	absFile, err2 := filepath.Abs(file)
	if err1 != nil || err2 != nil {
		return ""
	}
	rel, err := filepath.Rel(absReport, absFile)
	if err != nil {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(absFile)}).String()
	}
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>绩效目标数据检查报告</title>
<style>
body{font:16px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #b51f1f;padding-bottom:.25rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c8ccd2;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#eef1f5}.error{color:#a3141b;font-weight:700}.warning{color:#7a4a00;font-weight:700}.info{color:#3d4650}
.sum span{margin-right:1.5rem}code{font-size:.9em}
</style>
</head>
<body>
<h1>绩效目标数据检查报告</h1>
<p class="sum"><span class="error">错误 {{.Summary.Errors}}</span><span class="warning">警告 {{.Summary.Warnings}}</span><span class="info">提示 {{.Summary.Info}}</span></p>
<p>错误必须改正后才能生成网站；警告请核对原表；提示供参考。点击文件名可打开内容文件。</p>
{{range .Groups}}
<h2>{{if .Project}}项目 {{.Project}}{{else}}全站{{end}}{{if .File}} · {{if .Link}}<a href="{{.Link}}">{{.File}}</a>{{else}}{{.File}}{{end}}{{end}}</h2>
<table>
<thead><tr><th scope="col">级别</th><th scope="col">行</th><th scope="col">规则</th><th scope="col">问题</th><th scope="col">建议</th></tr></thead>
<tbody>
{{range .Findings}}<tr><td class="{{.Severity}}">{{if eq .Severity "error"}}错误{{else if eq .Severity "warning"}}警告{{else}}提示{{end}}</td><td>{{if .Line}}{{.Line}}{{end}}</td><td><code>{{.Rule}}</code></td><td>{{.Message}}</td><td>{{.Suggestion}}</td></tr>
{{end}}</tbody>
</table>
{{else}}<p>没有发现问题。</p>{{end}}
</body>
</html>
`))
