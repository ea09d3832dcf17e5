package opendata

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/markdown"
	"budgetsite/generator/site"
	"bytes"
	"encoding/json"
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
	Code        string          `json:"code"`
	Name        string          `json:"name"`
	Year        int             `json:"year"`
	Department  budget.Coded    `json:"department"`
	Unit        budget.Coded    `json:"unit"`
	Funds       decimal.Decimal `json:"funds_wan"`
	Attribute   string          `json:"attribute"`
	Start       string          `json:"start"`
	End         string          `json:"end"`
	Overview    string          `json:"overview"`
	OverallGoal string          `json:"overall_goal,omitempty"` // 总体目标
	AnnualGoal  string          `json:"annual_goal"`
	Indicators  []jsonIndicator `json:"indicators"`
	WeightTotal decimal.Decimal `json:"weight_total"`
	Page        string          `json:"page"`
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
	}
	for i, in := range p.Indicators {
		jp.Indicators[i] = jsonIndicator{in.Level1, in.Level2, in.Level3, in.Value, in.Operator, in.Unit, in.Weight,
			in.Direction, in.Standard, in.Remark, in.Printed}
	}
	return jp
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
