package opendata

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/markdown"
	"budgetsite/generator/site"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// The projects.json contract. Field names and order are public: readers'
// scripts depend on them, so later exports add fields and never rename.
// The fields tagged omitempty come from other districts' forms (package
// layouts) and appear only when the table printed them, so a project
// without them exports exactly as it did before they existed.
type jsonExport struct {
	Version  int           `json:"version"`
	Projects []jsonProject `json:"projects"`
}

type jsonProject struct {
	Code           string          `json:"code"`
	Name           string          `json:"name"`
	Year           int             `json:"year"`
	Department     budget.Coded    `json:"department"`
	Unit           budget.Coded    `json:"unit"`
	Funds          decimal.Decimal `json:"funds_wan"`
	FundsBreakdown []budget.Fund   `json:"funds_breakdown,omitempty"`
	Attribute      string          `json:"attribute"`
	Start          string          `json:"start"`
	End            string          `json:"end"`
	Overview       string          `json:"overview"`
	OverallGoal    string          `json:"overall_goal,omitempty"` // 总体目标
	AnnualGoal     string          `json:"annual_goal"`
	Indicators     []jsonIndicator `json:"indicators"`
	WeightTotal    decimal.Decimal `json:"weight_total"`
	Page           string          `json:"page"`
	PubDate        string          `json:"pub_date,omitempty"`
	Source         *budget.Source  `json:"source,omitempty"`
	Evaluation     *jsonEvaluation `json:"evaluation,omitempty"`
}

// exportSource is where a table was imported from; nil when nothing
// was recorded.
func exportSource(s budget.Source) *budget.Source {
	if s == (budget.Source{}) {
		return nil
	}
	return &s
}

// jsonEvaluation is a project's 绩效自评表. Numbers the table left blank
// are absent (a score of 0 is written); every number has the digits of
// the source.
type jsonEvaluation struct {
	Budget       budget.Execution `json:"budget"`
	GoalActual   string           `json:"goal_actual,omitempty"`
	Indicators   []jsonResult     `json:"indicators"`
	Total        *decimal.Decimal `json:"total_score,omitempty"`
	Grade        string           `json:"grade,omitempty"`
	Conclusion   string           `json:"conclusion,omitempty"`
	Problems     string           `json:"problems,omitempty"`
	Improvements string           `json:"improvements,omitempty"`
	PubDate      string           `json:"pub_date,omitempty"`
	Source       *budget.Source   `json:"source,omitempty"`
}

// jsonResult is one indicator of the 自评, with the mark budget.Assess
// gave it (empty when it matches no target indicator).
type jsonResult struct {
	Level1   string           `json:"level1"`
	Level2   string           `json:"level2"`
	Level3   string           `json:"level3"`
	Target   string           `json:"target,omitempty"`
	Actual   string           `json:"actual"`
	MaxScore *decimal.Decimal `json:"max_score,omitempty"`
	Score    *decimal.Decimal `json:"score,omitempty"`
	Reason   string           `json:"reason,omitempty"`
	Status   budget.Status    `json:"status,omitempty"`
}

type jsonIndicator struct {
	Level1   string          `json:"level1"`
	Level2   string          `json:"level2"`
	Level3   string          `json:"level3"`
	Value    string          `json:"value"`
	Operator string          `json:"operator"`
	Unit     string          `json:"unit"`
	Weight   decimal.Decimal `json:"weight"`
	// Optional, as printed: 指标方向, 绩效标准, 备注, and the value cell
	// as the table printed it (“≥85%”).
	Direction string `json:"direction,omitempty"`
	Standard  string `json:"standard,omitempty"`
	Remark    string `json:"remark,omitempty"`
	Printed   string `json:"printed,omitempty"`
	Period    string `json:"period,omitempty"` // 中期
}

func exportProject(p *budget.Project) jsonProject {
	jp := jsonProject{
		Code: p.Code, Name: p.Name, Year: p.Year,
		Department: p.Department, Unit: p.Unit, Funds: p.Funds,
		Attribute: p.Attribute, Start: p.Start, End: p.End,
		Overview: markdown.PlainText(p.Overview), OverallGoal: p.OverallGoal, AnnualGoal: p.AnnualGoal,
		Indicators:  make([]jsonIndicator, len(p.Indicators)),
		WeightTotal: p.WeightTotal(),
		Page:        site.ProjectURL(p),
		PubDate:     p.PubDate,
		Source:      exportSource(p.Source),
	}
	for _, f := range p.FundsBreakdown {
		jp.FundsBreakdown = append(jp.FundsBreakdown, f)
	}
	for i, in := range p.Indicators {
		jp.Indicators[i] = jsonIndicator{in.Level1, in.Level2, in.Level3, in.Value, in.Operator, in.Unit, in.Weight,
			in.Direction, in.Standard, in.Remark, in.Printed, in.Period}
	}
	if e := p.Evaluation; e != nil {
		status := resultStatus(p)
		je := &jsonEvaluation{
			Budget: e.Budget, GoalActual: e.GoalActual,
			Indicators: make([]jsonResult, len(e.Indicators)),
			Total:      e.Total, Grade: e.Grade, Conclusion: e.Conclusion, Problems: e.Problems,
			Improvements: e.Improvements, PubDate: e.PubDate, Source: exportSource(e.Source),
		}
		for i, r := range e.Indicators {
			je.Indicators[i] = jsonResult{r.Level1, r.Level2, r.Level3, r.Target, r.Actual, r.MaxScore, r.Score, r.Reason, status[i]}
		}
		jp.Evaluation = je
	}
	return jp
}

// resultStatus is the mark of each of a project's results, by index in
// its 自评, as budget assesses them: "" for a result that matches no
// target indicator.
func resultStatus(p *budget.Project) []budget.Status {
	if p.Evaluation == nil {
		return nil
	}
	status := make([]budget.Status, len(p.Evaluation.Indicators))
	at := make(map[*budget.Result]int, len(status))
	for i := range p.Evaluation.Indicators {
		at[&p.Evaluation.Indicators[i]] = i
	}
	pairs, _ := p.Pairs()
	for _, pr := range pairs {
		if pr.Result != nil {
			status[at[pr.Result]] = pr.Status
		}
	}
	return status
}

// formatBreakdown is the 预算执行明细 cell: the breakdown as a JSON
// array, or empty.
func formatBreakdown(xs []budget.Execution) string {
	if len(xs) == 0 {
		return ""
	}
	b, err := marshalJSON(xs)
	if err != nil {
		panic(err) // strings and decimals always encode
	}
	return string(bytes.TrimSuffix(b, []byte("\n")))
}

// parseBreakdown reads a 预算执行明细 cell back.
func parseBreakdown(s string) ([]budget.Execution, error) {
	if s == "" {
		return nil, nil
	}
	var xs []budget.Execution
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&xs); err != nil || dec.More() || len(xs) == 0 {
		return nil, fmt.Errorf("预算执行明细不是本网站写出的 JSON 数组")
	}
	if formatBreakdown(xs) != s {
		return nil, fmt.Errorf("预算执行明细不是本网站写出的 JSON 数组")
	}
	return xs, nil
}

// formatFunds is the 资金来源 cell: one “来源：金额” line per source.
func formatFunds(fs []budget.Fund) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.Source)
		b.WriteString("：")
		b.WriteString(f.Amount.String())
	}
	return b.String()
}

// parseFunds reads a 资金来源 cell back: the amount follows the last
// “：” of each line.
func parseFunds(s string) ([]budget.Fund, error) {
	if s == "" {
		return nil, nil
	}
	var fs []budget.Fund
	for _, line := range strings.Split(s, "\n") {
		i := strings.LastIndex(line, "：")
		if i < 0 {
			return nil, fmt.Errorf("资金来源“%s”应写作“来源：金额”", line)
		}
		d, err := parseNumber(line[i+len("："):])
		if err != nil {
			return nil, fmt.Errorf("资金来源“%s”的金额%v", line, err)
		}
		fs = append(fs, budget.Fund{Source: line[:i], Amount: d})
	}
	return fs, nil
}

// marshalJSON encodes compactly (data files are not run through a
// minifier, which would rewrite numbers) and without HTML escaping: the
// files are data, and "<" inside a name should read as "<" to any JSON
// consumer.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
