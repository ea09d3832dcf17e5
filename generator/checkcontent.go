package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/check"
	"budgetsite/generator/content"
)

// CheckContent loads a content folder and checks it. Files that cannot be
// read at all are reported as content-invalid errors alongside the rules'
// findings for the rest.
func CheckContent(cfg Config) (*check.Report, error) {
	projects, _, loadErr := content.LoadDir(cfg.ContentDir, nil)
	var loadFindings []check.Finding
	if loadErr != nil {
		list, ok := loadErr.(budget.ErrorList)
		if !ok {
			return nil, loadErr
		}
		for _, e := range list {
			loadFindings = append(loadFindings, check.Finding{Severity: check.SevError, Rule: "content-invalid", File: e.File, Line: e.Line, Message: e.Msg, Suggestion: e.Hint})
		}
	} else if len(projects) == 0 { // build accepts an empty site; check has nothing to review
		loadFindings = append(loadFindings, check.Finding{Severity: check.SevError, Rule: "content-invalid", Message: "内容目录中没有项目文件", Suggestion: "请先用 budgetsite import 导入绩效目标表文本"})
	}
	rep, err := check.Check(projects, cfg.Check, cfg.Privacy, nil)
	if err != nil {
		return nil, err
	}
	rep.Findings = append(rep.Findings, loadFindings...)
	check.SortFindings(rep.Findings)
	return rep, nil
}
