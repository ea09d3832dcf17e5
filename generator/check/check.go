package check

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/workers"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Finding is one result of `check`. Its JSON shape is public and stable
// (see README): tools and reviewers' scripts read it.
type Finding struct {
	Severity   string `json:"severity"` // error, warning or info
	Rule       string `json:"rule"`     // stable rule id, e.g. weight-total
	Project    string `json:"project"`  // project code; empty for site-wide findings
	File       string `json:"file"`
	Line       int    `json:"line"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
}

// Severities.
const (
	SevError   = "error"
	SevWarning = "warning"
	SevInfo    = "info"
)

// Report is the outcome of checking a site.
type Report struct {
	Findings   []Finding
	Redactions []Redaction

	privacy *privacy // its detection results, reused by Redact
}

// Redact applies the report's privacy decisions to the projects it
// checked, reusing the detection already done.
func (r *Report) Redact(projects []*budget.Project) []*budget.Project {
	return r.privacy.redactAll(projects)
}

// Count returns how many findings have the given severity.
func (r *Report) Count(sev string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// rule is one data-quality check over a project.
type rule struct {
	id    string
	check func(c *checker, p *budget.Project)
}

type checker struct {
	cfg      Config
	tax      *taxonomy
	codeRe   *regexp.Regexp
	findings []Finding
}

func (c *checker) add(sev, rule string, p *budget.Project, line int, msg, suggestion string) {
	f := Finding{Severity: sev, Rule: rule, Message: msg, Suggestion: suggestion, Line: line}
	if p != nil {
		f.Project, f.File = p.Code, p.File
	}
	c.findings = append(c.findings, f)
}

var defaultSplit = []LevelWeight{
	{"产出指标", decimal.MustDecimal("50")},
	{"效益指标", decimal.MustDecimal("30")},
	{"满意度指标", decimal.MustDecimal("10")},
}

const defaultCodePattern = `^\d{8}T\d{12}$`

// Check runs every rule over the projects and the privacy detectors over
// their text. It never changes the projects.
//
// memo, when not nil, keeps privacy detections between runs.
func Check(projects []*budget.Project, cfg Config, privacy PrivacyConfig, memo HitMemo) (*Report, error) {
	pattern := cfg.CodePattern
	if pattern == "" {
		pattern = defaultCodePattern
	}
	codeRe, err := regexp.Compile(pattern)
	if err != nil {
		return nil, &budget.Error{Msg: fmt.Sprintf("check.code_pattern“%s”不是有效的正则表达式：%v", pattern, err), Hint: "默认值为 ^\\d{8}T\\d{12}$"}
	}
	cfg = withDefaults(cfg)
	c := &checker{cfg: cfg, tax: newTaxonomy(cfg.Synonyms), codeRe: codeRe}
	// The rules look at one project at a time, so projects are checked
	// on every core, each into its own list, joined in project order.
	// What they find depends on the project and the configuration alone,
	// so a memo that also keeps findings (FindingMemo) spares checking
	// unchanged projects again.
	fm, _ := memo.(FindingMemo)
	var fkey string
	if fm != nil {
		fkey = findingsKey(cfg)
	}
	perProject := make([][]Finding, len(projects))
	workers.Each(len(projects), func(i int) {
		p := projects[i]
		if fm != nil {
			if b, ok := fm.LoadFindings(p.File, fkey); ok {
				if fs, ok := decodeFindings(b, p); ok {
					perProject[i] = fs
					return
				}
			}
		}
		pc := &checker{cfg: c.cfg, tax: c.tax, codeRe: c.codeRe}
		for _, r := range rules {
			r.check(pc, p)
		}
		perProject[i] = pc.findings
		if fm != nil {
			fm.StoreFindings(p.File, fkey, encodeFindings(pc.findings, p))
		}
	})
	for _, fs := range perProject {
		c.findings = append(c.findings, fs...)
	}
	checkDuplicates(c, projects)
	rep := &Report{Findings: c.findings}
	priv, err := newPrivacy(privacy)
	if err != nil {
		return nil, err
	}
	priv.memo = memo
	priv.detectAll(projects)
	rep.Findings = append(rep.Findings, priv.review(projects)...)
	rep.Redactions = priv.redactions(projects)
	rep.privacy = priv
	SortFindings(rep.Findings)
	return rep, nil
}

// withDefaults fills in the defaults of what cfg leaves empty.
func withDefaults(cfg Config) Config {
	if len(cfg.WeightTotals) == 0 {
		cfg.WeightTotals = []decimal.Decimal{decimal.MustDecimal("90")}
	}
	if len(cfg.WeightSplit) == 0 {
		cfg.WeightSplit = defaultSplit
	}
	if len(cfg.ResultTotals) == 0 {
		cfg.ResultTotals = defaultResultTotals
	}
	if len(cfg.Grades) == 0 {
		cfg.Grades = defaultGrades
	}
	return cfg
}

var severityOrder = map[string]int{SevError: 0, SevWarning: 1, SevInfo: 2}

func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Severity != b.Severity {
			return severityOrder[a.Severity] < severityOrder[b.Severity]
		}
		return a.Rule < b.Rule
	})
}

// rules are the data-quality rules, target rules first, then the
// results' (results.go).
var rules = append([]rule{
	{"required-empty", checkRequired},
	{"funds-not-positive", checkFunds},
	{"code-pattern", checkCode},
	{"weight-total", checkWeights},
	{"level-unknown", checkLevels},
	{"operator-invalid", checkOperators},
	{"value-operator-mismatch", checkValues},
	{"unit-missing", checkUnits},
	{"cost-exceeds-funds", checkCost},
	{"year-mismatch", checkYears},
}, resultRules...)

func checkRequired(c *checker, p *budget.Project) {
	required := []struct{ field, name, value string }{
		{"name", "项目名称（name）", p.Name},
		{"department", "主管部门名称（department.name）", p.Department.Name},
		{"unit", "实施单位名称（unit.name）", p.Unit.Name},
		{"annual_goal", "项目当年绩效目标（annual_goal）", p.AnnualGoal},
	}
	for _, r := range required {
		if strings.TrimSpace(r.value) == "" {
			c.add(SevError, "required-empty", p, p.Lines[r.field], r.name+"为空", "请按绩效目标表原表填写"+r.name)
		}
	}
	if len(p.Indicators) == 0 {
		c.add(SevError, "required-empty", p, p.Lines["indicators"], "没有绩效指标", "请按原表填写 indicators")
	}
	for i, in := range p.Indicators {
		switch {
		case in.Level1 == "" || in.Level2 == "" || in.Level3 == "" || in.Value == "" && !in.Qualitative():
			c.add(SevError, "required-empty", p, in.Line, fmt.Sprintf("第 %d 个绩效指标的一级、二级、三级指标或指标值为空", i+1), "请按原表补全 level1、level2、level3 和 value")
		case in.Value == "":
			// A 定性 indicator whose statement is its 三级, as 自评表
			// print them (工程质量合格 with a blank 年度指标值).
			c.add(SevWarning, "required-empty", p, in.Line, fmt.Sprintf("第 %d 个绩效指标“%s”是定性指标，指标值为空", i+1, in.Level3), "原表如有指标值，请补上 value；原表确实空缺时可保留")
		}
	}
	for _, r := range []struct{ field, name, value string }{
		{"attribute", "项目属性（attribute）", p.Attribute},
		{"start", "项目起始时间（start）", p.Start},
		{"end", "项目终止时间（end）", p.End},
	} {
		if strings.TrimSpace(r.value) == "" {
			c.add(SevWarning, "required-empty", p, p.Lines[r.field], r.name+"为空", "原表如有该栏，请补上")
		}
	}
}

func checkFunds(c *checker, p *budget.Project) {
	if p.Funds.Sign() <= 0 {
		c.add(SevError, "funds-not-positive", p, p.Lines["funds_wan"],
			fmt.Sprintf("资金总额为 %s 万元，应大于零", p.Funds), "请按原表填写 funds_wan（单位万元）")
	}
}

func checkCode(c *checker, p *budget.Project) {
	if !c.codeRe.MatchString(p.Code) {
		c.add(SevWarning, "code-pattern", p, p.Lines["code"],
			fmt.Sprintf("项目编码 %s 不符合编码规则（%s），长度为 %d 位", p.Code, c.codeRe.String(), len(p.Code)),
			"请与预算系统核对项目编码；如原表即如此，可保留并在发布说明中注明")
	}
}

func checkWeights(c *checker, p *budget.Project) {
	if !p.HasWeights() {
		return // the table prints no weights (权重/分值): nothing to check
	}
	total := p.WeightTotal()
	ok := false
	for _, t := range c.cfg.WeightTotals {
		if total.Cmp(t) == 0 {
			ok = true
		}
	}
	if !ok {
		var accepted []string
		for _, t := range c.cfg.WeightTotals {
			accepted = append(accepted, t.String())
		}
		c.add(SevWarning, "weight-total", p, p.Lines["indicators"],
			fmt.Sprintf("绩效指标权重合计为 %s，不是 %s", total, strings.Join(accepted, " 或 ")),
			"请与原表核对各指标权重；权重一般合计 90（预算执行率 10 分另计），含执行率时合计 100")
	}
	for i, in := range p.Indicators {
		if in.Weight.Sign() <= 0 {
			c.add(SevError, "weight-not-positive", p, in.Line,
				fmt.Sprintf("第 %d 个绩效指标“%s”的权重为 %s，应大于零", i+1, in.Level3, in.Weight), "请按原表填写权重")
		}
	}
	sums := map[string]decimal.Decimal{}
	for _, in := range p.Indicators {
		l1, _ := c.tax.canonical(in.Level1, in.Level2)
		if l1 == "" {
			l1 = in.Level1
		}
		sums[l1] = sums[l1].Add(in.Weight)
	}
	var parts, want []string
	differs := false
	for _, lw := range c.cfg.WeightSplit {
		got := sums[lw.Level1]
		parts = append(parts, fmt.Sprintf("%s %s", strings.TrimSuffix(lw.Level1, "指标"), got))
		want = append(want, fmt.Sprintf("%s %s", strings.TrimSuffix(lw.Level1, "指标"), lw.Weight))
		if got.Cmp(lw.Weight) != 0 {
			differs = true
		}
	}
	if differs {
		c.add(SevInfo, "weight-split", p, p.Lines["indicators"],
			fmt.Sprintf("一级指标权重为 %s，与常用分配 %s 不同", strings.Join(parts, "、"), strings.Join(want, "、")),
			"如属特殊安排可不处理；否则请与原表核对")
	}
}

func checkLevels(c *checker, p *budget.Project) {
	for i, in := range p.Indicators {
		l1, l2 := c.tax.canonical(in.Level1, in.Level2)
		switch {
		case in.Level1 == "":
		case l1 == "":
			c.add(SevWarning, "level-unknown", p, in.Line,
				fmt.Sprintf("第 %d 个绩效指标的一级指标“%s”不在指标体系中", i+1, in.Level1),
				"一级指标应为产出指标、效益指标、满意度指标或成本指标；如属本地用法，可在 config.yaml 的 check.synonyms 中登记")
		case in.Level2 != "" && l2 == "":
			c.add(SevWarning, "level-unknown", p, in.Line,
				fmt.Sprintf("第 %d 个绩效指标的二级指标“%s”不属于“%s”", i+1, in.Level2, l1),
				fmt.Sprintf("请与原表核对；如属本地用法，可在 config.yaml 的 check.synonyms 中登记，例如 \"%s/%s\"", l1, in.Level2))
		}
	}
}

func checkOperators(c *checker, p *budget.Project) {
	for i, in := range p.Indicators {
		if budget.NormalizeOperator(in.Operator) == "" {
			c.add(SevError, "operator-invalid", p, in.Line,
				fmt.Sprintf("第 %d 个绩效指标的指标性质“%s”无法识别", i+1, in.Operator),
				"指标性质应为 =、≥、≤、>、< 或 定性（>= 和 <= 会自动换成 ≥ 和 ≤）")
		}
	}
}

// numericValue reports whether an indicator value is a number, allowing
// a trailing percent sign as some tables print it.
func numericValue(v string) (decimal.Decimal, bool) {
	d, err := decimal.ParseDecimal(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(v), "%"), "％"))
	return d, err == nil
}

func checkValues(c *checker, p *budget.Project) {
	for i, in := range p.Indicators {
		_, num := numericValue(in.Value)
		switch {
		case in.Value == "":
		case in.Operator == budget.OpQualitative && num:
			c.add(SevWarning, "value-operator-mismatch", p, in.Line,
				fmt.Sprintf("第 %d 个绩效指标“%s”是定性指标，但指标值“%s”是数字", i+1, in.Level3, in.Value),
				"定性指标的指标值应为文字（如 提升、较好）；若是定量指标，请把指标性质改为 =、≥ 或 ≤")
		case in.Operator != budget.OpQualitative && budget.NormalizeOperator(in.Operator) != "" && !num:
			c.add(SevWarning, "value-operator-mismatch", p, in.Line,
				fmt.Sprintf("第 %d 个绩效指标“%s”的指标性质为“%s”，但指标值“%s”不是数字", i+1, in.Level3, in.Operator, in.Value),
				"定量指标的指标值应为数字；若是文字描述，请把指标性质改为“定性”")
		}
	}
}

func checkUnits(c *checker, p *budget.Project) {
	for i, in := range p.Indicators {
		if _, num := numericValue(in.Value); num && in.Operator != budget.OpQualitative && strings.TrimSpace(in.Unit) == "" {
			c.add(SevWarning, "unit-missing", p, in.Line,
				fmt.Sprintf("第 %d 个绩效指标“%s”的指标值 %s 没有度量单位", i+1, in.Level3, in.Value),
				"请按原表补上度量单位（如 个、%、万元）；原表确实空缺时可保留")
		}
	}
}

// checkCost compares 成本指标 stated in 万元 with the project's funds. The
// comparison is at the precision the funds were printed with, because
// tables round 资金总额 (2.71) while stating the cost exactly (2.7132).
func checkCost(c *checker, p *budget.Project) {
	for i, in := range p.Indicators {
		if !strings.Contains(in.Level2, "成本") && !strings.Contains(in.Level1, "成本") {
			continue
		}
		if !strings.HasPrefix(strings.TrimSpace(in.Unit), "万元") {
			continue
		}
		v, ok := numericValue(in.Value)
		if !ok {
			continue
		}
		if v.Round(p.Funds.Places()).Cmp(p.Funds) > 0 {
			c.add(SevWarning, "cost-exceeds-funds", p, in.Line,
				fmt.Sprintf("第 %d 个绩效指标“%s”的成本 %s %s 超过项目资金总额 %s 万元", i+1, in.Level3, in.Value, in.Unit, p.Funds),
				"请与原表核对成本指标或资金总额")
		}
	}
}

var yearInTextRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)

func checkYears(c *checker, p *budget.Project) {
	for i, in := range p.Indicators {
		if !strings.Contains(in.Level3, "年") {
			continue // most indicators name no year; skip the regexp
		}
		for _, m := range yearInTextRe.FindAllStringSubmatch(in.Level3, -1) {
			if y, _ := strconv.Atoi(m[1]); y != p.Year {
				c.add(SevWarning, "year-mismatch", p, in.Line,
					fmt.Sprintf("%d 年的表中，第 %d 个绩效指标“%s”写的是 %d 年", p.Year, i+1, in.Level3, y),
					fmt.Sprintf("可能沿用了上年的表；请核对后改为“%d年”或“当年”", p.Year))
			}
		}
	}
}

// checkDuplicates reports a code used twice within one year. The same
// code in two years is one project continuing, which is expected.
func checkDuplicates(c *checker, ps []*budget.Project) {
	seen := map[string]*budget.Project{}
	sorted := append([]*budget.Project(nil), ps...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].File < sorted[j].File })
	for _, p := range sorted {
		key := fmt.Sprintf("%d/%s", p.Year, p.Code)
		if q, ok := seen[key]; ok {
			c.add(SevError, "duplicate-code", p, p.Lines["code"],
				fmt.Sprintf("项目编码 %s 在 %d 年重复，另见 %s", p.Code, p.Year, q.File),
				"同一年度的项目编码必须唯一；请删除重复的文件或改正编码")
			continue
		}
		seen[key] = p
	}
}

// Blocking returns the findings that stop a build: errors, and warnings
// too when strict. The message lists each with its location and fix.
func (r *Report) Blocking(strict bool) error {
	var list budget.ErrorList
	for _, f := range r.Findings {
		if f.Severity == SevError || (strict && f.Severity == SevWarning) {
			list = append(list, &budget.Error{File: f.File, Line: f.Line, Msg: f.Message + "［" + f.Rule + "］", Hint: f.Suggestion})
		}
	}
	if len(list) == 0 {
		return nil
	}
	what := "数据检查发现错误，未生成网站，原有网站未被改动"
	if strict {
		what = "数据检查发现错误或警告（--strict），未生成网站，原有网站未被改动"
	}
	return &BlockedError{Summary: what, List: list, Unreviewed: r.unreviewed()}
}

// unreviewed lists the distinct personal-information hits that have no
// decision yet, in first-seen order.
func (r *Report) unreviewed() []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range r.Findings {
		if f.Severity != SevError || !strings.HasPrefix(f.Rule, "privacy-") {
			continue
		}
		if t := quoted(f.Message); t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// quoted returns the text inside the first “…” of s.
func quoted(s string) string {
	_, rest, ok := strings.Cut(s, "“")
	if !ok {
		return ""
	}
	t, _, _ := strings.Cut(rest, "”")
	return t
}

// BlockedError is a build stopped by check findings.
type BlockedError struct {
	Summary    string
	List       budget.ErrorList
	Unreviewed []string // personal information awaiting a decision
}

func (e *BlockedError) Error() string {
	msg := e.Summary + "：\n" + e.List.Error()
	if len(e.Unreviewed) > 0 {
		msg += "\n\n以上疑似个人信息尚未审核。核实后，需要隐去的请加入 config.yaml（不是个人信息的改放在 allow 下）：\nprivacy:\n  redact:\n"
		for _, t := range e.Unreviewed {
			msg += "    - " + t + "\n"
		}
	}
	return msg
}
