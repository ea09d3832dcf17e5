package budget

import (
	"slices"
	"strconv"
)

// Texts visits every text field of a project, in the order of the
// content format, with its path in that format ("annual_goal",
// "indicators[2].remark", "evaluation.indicators[0].reason"). prose is
// true for the fields that hold free text a person wrote (names, goals,
// values, reasons), where personal information can hide; it is false for
// codes, levels, operators, units and dates. The body (Overview) is
// visited as "overview".
//
// This is the one list of a project's text fields: sanitizing, the
// privacy scan, redaction and cloning all walk it, and TestTextsVisitsEveryString
// holds it to the struct by reflection.
func (p *Project) Texts(visit func(path string, s *string, prose bool)) {
	visit("code", &p.Code, false)
	visit("name", &p.Name, true)
	visit("department.code", &p.Department.Code, false)
	visit("department.name", &p.Department.Name, false)
	visit("unit.code", &p.Unit.Code, false)
	visit("unit.name", &p.Unit.Name, false)
	for i := range p.FundsBreakdown {
		visit("funds_breakdown["+strconv.Itoa(i)+"].source", &p.FundsBreakdown[i].Source, false)
	}
	visit("attribute", &p.Attribute, true)
	visit("start", &p.Start, false)
	visit("end", &p.End, false)
	visit("overall_goal", &p.OverallGoal, true)
	visit("annual_goal", &p.AnnualGoal, true)
	for i := range p.Indicators {
		in := &p.Indicators[i]
		at := "indicators[" + strconv.Itoa(i) + "]."
		visit(at+"level1", &in.Level1, false)
		visit(at+"level2", &in.Level2, false)
		visit(at+"level3", &in.Level3, true)
		visit(at+"value", &in.Value, true)
		visit(at+"operator", &in.Operator, false)
		visit(at+"unit", &in.Unit, false)
		visit(at+"direction", &in.Direction, false)
		visit(at+"standard", &in.Standard, true)
		visit(at+"remark", &in.Remark, true)
		visit(at+"printed", &in.Printed, true)
		visit(at+"period", &in.Period, false)
	}
	visit("pub_date", &p.PubDate, false)
	visit("source.file", &p.Source.File, false)
	if e := p.Evaluation; e != nil {
		e.Budget.texts("evaluation.budget.", visit)
		visit("evaluation.goal_actual", &e.GoalActual, true)
		for i := range e.Indicators {
			r := &e.Indicators[i]
			at := "evaluation.indicators[" + strconv.Itoa(i) + "]."
			visit(at+"level1", &r.Level1, false)
			visit(at+"level2", &r.Level2, false)
			visit(at+"level3", &r.Level3, true)
			visit(at+"target", &r.Target, true)
			visit(at+"actual", &r.Actual, true)
			visit(at+"reason", &r.Reason, true)
		}
		visit("evaluation.grade", &e.Grade, false)
		visit("evaluation.conclusion", &e.Conclusion, true)
		visit("evaluation.problems", &e.Problems, true)
		visit("evaluation.improvements", &e.Improvements, true)
		visit("evaluation.pub_date", &e.PubDate, false)
		visit("evaluation.source.file", &e.Source.File, false)
	}
	visit("overview", &p.Overview, true)
}

func (x *Execution) texts(at string, visit func(path string, s *string, prose bool)) {
	visit(at+"source", &x.Source, false)
	visit(at+"rate", &x.Rate, false)
	visit(at+"reason", &x.Reason, true)
	for i := range x.Breakdown {
		x.Breakdown[i].texts(at+"breakdown["+strconv.Itoa(i)+"].", visit)
	}
}

// Clone returns a deep copy: changing the copy's text, lists or
// evaluation leaves p as it was. Decimals are values that are never
// changed in place, so they are shared.
func (p *Project) Clone() *Project {
	q := *p
	q.FundsBreakdown = slices.Clone(p.FundsBreakdown)
	q.Indicators = slices.Clone(p.Indicators)
	if p.Evaluation != nil {
		e := *p.Evaluation
		e.Budget = e.Budget.clone()
		e.Indicators = slices.Clone(e.Indicators)
		q.Evaluation = &e
	}
	if p.Lines != nil {
		q.Lines = make(map[string]int, len(p.Lines))
		for k, v := range p.Lines {
			q.Lines[k] = v
		}
	}
	return &q
}

func (x Execution) clone() Execution {
	if x.Breakdown != nil {
		b := make([]Execution, len(x.Breakdown))
		for i, y := range x.Breakdown {
			b[i] = y.clone()
		}
		x.Breakdown = b
	}
	return x
}
