package budget

import (
	"sort"

	"budgetsite/generator/decimal"
)

// Coded is a department or unit as the tables print it: "103-重庆市…办公室".
type Coded struct {
	Code string `yaml:"code" json:"code"`
	Name string `yaml:"name" json:"name"`
}

// Project is one 项目支出绩效目标表. Field order here is the order of the
// front matter in content files, which follows the printed form.
type Project struct {
	Code       string          `yaml:"code"`
	Name       string          `yaml:"name"`
	Year       int             `yaml:"year"`
	Department Coded           `yaml:"department"`
	Unit       Coded           `yaml:"unit"`
	Funds      decimal.Decimal `yaml:"funds_wan"`
	// FundsBreakdown is the funds by source (财政拨款, 其他资金, 上级资金…)
	// where the form prints it under 资金总额, in the form's order.
	FundsBreakdown []Fund `yaml:"funds_breakdown,omitempty"`
	Attribute      string `yaml:"attribute"`
	Start          string `yaml:"start"`
	End            string `yaml:"end"`
	// OverallGoal is 总体目标 (中期目标, 实施期目标): the goal over the
	// project's whole period, which some forms print beside the year's.
	OverallGoal string      `yaml:"overall_goal,omitempty"`
	AnnualGoal  string      `yaml:"annual_goal"`
	Indicators  []Indicator `yaml:"indicators"`
	// PubDate is the date the table was published (YYYY-MM-DD). It is the
	// only date a page shows, so it comes from content, never the clock.
	PubDate string `yaml:"pub_date,omitempty"`
	Source  Source `yaml:"source,omitempty"`
	// Evaluation is the 绩效自评表 published after the year, if any.
	Evaluation *Evaluation `yaml:"evaluation,omitempty"`

	// Overview (项目概况) is the Markdown body of the content file.
	Overview string `yaml:"-"`

	// File and Lines locate the project in content for error messages and
	// review reports; they are not part of the data.
	File  string         `yaml:"-"`
	Lines map[string]int `yaml:"-"`
}

// Source records where an imported table came from, so a reviewer can go
// back to the original extraction.
type Source struct {
	File string `yaml:"file,omitempty" json:"file,omitempty"`
	Line int    `yaml:"line,omitempty" json:"line,omitempty"`
}

// Indicator is one row of the 绩效指标 table.
type Indicator struct {
	Level1   string          `yaml:"level1"`
	Level2   string          `yaml:"level2"`
	Level3   string          `yaml:"level3"`
	Value    string          `yaml:"value"`
	Operator string          `yaml:"operator"`
	Unit     string          `yaml:"unit"`
	Weight   decimal.Decimal `yaml:"weight"`
	// Direction is 指标方向: 正向 (more is better), 反向 or 中性.
	Direction string `yaml:"direction,omitempty"`
	// Standard is 绩效标准 (计划标准, 行业标准, 历史标准…), as printed.
	Standard string `yaml:"standard,omitempty"`
	// Remark is 备注, as printed.
	Remark string `yaml:"remark,omitempty"`
	// Printed is the value cell as the table printed it, when the
	// importer read Operator, Value and Unit out of it (“≥85%”) or the
	// workbook showed the number otherwise (“100%” for 1).
	Printed string `yaml:"printed,omitempty"`
	// Period is 中期 for an indicator of the 中期/实施期 goal, printed
	// beside the annual ones; empty for the year's own indicators.
	Period string `yaml:"period,omitempty"`
	Line   int    `yaml:"-"`
}

// Fund is one source of funds under 资金总额, in 万元 exactly.
type Fund struct {
	Source string          `yaml:"source" json:"source"`
	Amount decimal.Decimal `yaml:"amount_wan" json:"amount_wan"`
}

// Evaluation is a project's 项目支出绩效自评表: the budget as set, adjusted
// and spent, what was achieved against the goal and each indicator, and
// the scores. Numbers the table leaves blank are nil, so that a score of
// 0 and no score stay apart; text is as printed.
type Evaluation struct {
	Budget Execution `yaml:"budget"`
	// GoalActual is 年度总体目标 的 实际完成情况.
	GoalActual string   `yaml:"goal_actual,omitempty"`
	Indicators []Result `yaml:"indicators,omitempty"`
	// Total is 总分; Grade the printed 评价等次 (优, 良, 中, 差).
	Total        *decimal.Decimal `yaml:"total_score,omitempty"`
	Grade        string           `yaml:"grade,omitempty"`
	Conclusion   string           `yaml:"conclusion,omitempty"`   // 评价结论
	Problems     string           `yaml:"problems,omitempty"`     // 存在问题
	Improvements string           `yaml:"improvements,omitempty"` // 改进措施
	PubDate      string           `yaml:"pub_date,omitempty"`     // 自评 published (YYYY-MM-DD)
	Source       Source           `yaml:"source,omitempty"`
}

// Execution is 预算执行情况: amounts in 万元 exactly, the rate as printed
// ("100.00%"), its maximum (usually 10) and score. Breakdown holds the
// rows by source of funds (财政资金, 其他资金…), each with its Source.
type Execution struct {
	Source    string           `yaml:"source,omitempty" json:"source,omitempty"`
	Initial   *decimal.Decimal `yaml:"initial_wan,omitempty" json:"initial_wan,omitempty"`   // 年初预算数
	Adjusted  *decimal.Decimal `yaml:"adjusted_wan,omitempty" json:"adjusted_wan,omitempty"` // 全年预算数, 调整后预算数
	Executed  *decimal.Decimal `yaml:"executed_wan,omitempty" json:"executed_wan,omitempty"` // 全年执行数
	Rate      string           `yaml:"rate,omitempty" json:"rate,omitempty"`                 // 执行率, as printed
	MaxScore  *decimal.Decimal `yaml:"max_score,omitempty" json:"max_score,omitempty"`       // 分值, 权重
	Score     *decimal.Decimal `yaml:"score,omitempty" json:"score,omitempty"`               // 得分
	Reason    string           `yaml:"reason,omitempty" json:"reason,omitempty"`             // 原因
	Breakdown []Execution      `yaml:"breakdown,omitempty" json:"breakdown,omitempty"`
}

// Result is one indicator of the 自评: it names its target indicator by
// Level1, Level2 and Level3 (as the target table has them), carries the
// target as the 自评 printed it (年度指标值), the actual value as
// printed (实际完成值), the maximum score, the score and the reason for
// a shortfall (偏差原因分析及改进措施).
type Result struct {
	Level1   string           `yaml:"level1"`
	Level2   string           `yaml:"level2"`
	Level3   string           `yaml:"level3"`
	Target   string           `yaml:"target,omitempty"`
	Actual   string           `yaml:"actual"`
	MaxScore *decimal.Decimal `yaml:"max_score,omitempty"`
	Score    *decimal.Decimal `yaml:"score,omitempty"`
	Reason   string           `yaml:"reason,omitempty"`
	Line     int              `yaml:"-"`
}

// WeightTotal sums the indicator weights exactly.
func (p *Project) WeightTotal() decimal.Decimal {
	var t decimal.Decimal
	for _, in := range p.Indicators {
		t = t.Add(in.Weight)
	}
	return t
}

// Qualitative reports whether the indicator is 定性: its value is a word.
func (in Indicator) Qualitative() bool { return in.Operator == OpQualitative }

// Operators (指标性质) in their canonical spelling.
const (
	OpEqual       = "="
	OpAtLeast     = "≥"
	OpAtMost      = "≤"
	OpGreater     = ">"
	OpLess        = "<"
	OpQualitative = "定性"
)

// NormalizeOperator maps the spellings seen in other districts' tables
// (ASCII digraphs, full-width forms, 定量 variants) onto the canonical set.
// It returns "" for anything it does not know.
func NormalizeOperator(s string) string {
	switch s {
	case "=", "＝", "==", "等于":
		return OpEqual
	case "≥", ">=", "=>", "＞＝", "≧", "大于等于", "不低于", "不少于":
		return OpAtLeast
	case "≤", "<=", "=<", "＜＝", "≦", "小于等于", "不高于", "不超过", "不多于":
		return OpAtMost
	case ">", "＞", "大于":
		return OpGreater
	case "<", "＜", "小于":
		return OpLess
	case "定性":
		return OpQualitative
	}
	return ""
}

// Page is a free Markdown page such as 说明 or 名词解释.
type Page struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Weight      int    `yaml:"weight"` // order in the navigation
	Nav         string `yaml:"nav"`    // short label in the navigation; empty: not listed
	Slug        string `yaml:"-"`
	Body        string `yaml:"-"`
	File        string `yaml:"-"`
}

// SortProjects fixes the one order every listing and export uses: newest
// year first, then by department, unit and project code.
func SortProjects(ps []*Project) {
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Year != b.Year {
			return a.Year > b.Year
		}
		if a.Department.Code != b.Department.Code {
			return a.Department.Code < b.Department.Code
		}
		if a.Unit.Code != b.Unit.Code {
			return a.Unit.Code < b.Unit.Code
		}
		return a.Code < b.Code
	})
}

// ValidCode reports whether s can be a project, department or unit code:
// 1 to 64 ASCII letters and digits. Codes name files and URLs, so nothing
// else is allowed.
func ValidCode(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// HasWeights reports whether the table prints weights (权重 or 分值). Many
// districts' tables do not; such a table has every weight zero, shows no
// 权重 column and is not held to the weight rules.
func (p *Project) HasWeights() bool {
	for _, in := range p.Indicators {
		if in.Weight.Sign() != 0 {
			return true
		}
	}
	return false
}
