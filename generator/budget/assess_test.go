package budget

import (
	"testing"

	"budgetsite/generator/decimal"
)

func dec(s string) *decimal.Decimal { d := decimal.MustDecimal(s); return &d }

func TestAssess(t *testing.T) {
	for _, c := range []struct {
		op, value, unit, actual string
		score, max              *decimal.Decimal
		want                    Status
	}{
		{OpAtLeast, "266", "米", "≥266米", nil, nil, StatusMet},
		{OpAtLeast, "90", "%", "89.5%", dec("10"), dec("10"), StatusUnmet}, // numbers win over the score
		{OpAtMost, "30", "万元", "29.974", nil, nil, StatusMet},
		{OpAtMost, "30", "万元", "31万元", nil, nil, StatusUnmet},
		{OpEqual, "100", "%", "100%", nil, nil, StatusMet},
		{OpEqual, "100", "%", "98%", nil, nil, StatusUnmet},
		{OpEqual, "90", "%", "100%", dec("10"), dec("10"), StatusMet},  // = without a printed operator: the score decides
		{OpEqual, "100", "%", "98%", dec("8"), dec("10"), StatusUnmet}, // …either way
		{OpAtLeast, "95", "%", "96%", dec("8"), dec("10"), StatusMet},  // ≥ met: the numbers decide
		{OpGreater, "0", "", "0", nil, nil, StatusUnmet},
		{OpLess, "5", "起", "0起", nil, nil, StatusMet},
		{OpAtLeast, "1290.3", "平方米", "1290.3立方米", dec("10.3"), dec("10.3"), StatusMet}, // other unit: score decides
		{OpQualitative, "优良", "", "优良", dec("8"), dec("10"), StatusUnmet},
		{OpQualitative, "效果明显", "", "达成预期指标", dec("10"), dec("10"), StatusMet},
		{OpQualitative, "有效", "", "完成", nil, nil, StatusUnknown},
		{OpEqual, "100", "%", "2023.07-2024.01", nil, nil, StatusUnknown},
		{OpAtLeast, "95", "%", "完成", dec("0"), dec("0"), StatusUnknown}, // a zero maximum decides nothing
	} {
		in := &Indicator{Operator: c.op, Value: c.value, Unit: c.unit}
		r := &Result{Actual: c.actual, Score: c.score, MaxScore: c.max}
		if got := Assess(in, r); got != c.want {
			t.Errorf("Assess(%s%s%s, %q) = %s, want %s", c.op, c.value, c.unit, c.actual, got, c.want)
		}
	}
}

func TestPairsMatchByLevelsAndReportTheRest(t *testing.T) {
	p := Project{
		Indicators: []Indicator{
			{Level1: "产出指标", Level2: "数量指标", Level3: "安装水标尺", Operator: OpAtLeast, Value: "266", Unit: "米"},
			{Level1: "效益指标", Level2: "经济效益指标", Level3: "奖补资金兑付率", Operator: OpAtLeast, Value: "100", Unit: "%"},
			{Level1: "满意度指标", Level2: "服务对象满意度指标", Level3: "满意度", Operator: OpAtLeast, Value: "95", Unit: "%"},
		},
		Evaluation: &Evaluation{Indicators: []Result{
			{Level1: "满意度指标(10分)", Level2: "服务对象满意度", Level3: "满意度", Actual: "96%"},
			{Level1: "产出指标（50分）", Level2: "数量 指标", Level3: "安装水标尺", Actual: "260米"},
			{Level1: "产出指标", Level2: "质量指标", Level3: "验收合格率", Actual: "100%"},
		}},
	}
	pairs, unmatched := p.Pairs()
	if len(pairs) != 3 || pairs[0].Result != &p.Evaluation.Indicators[1] || pairs[0].Status != StatusUnmet {
		t.Errorf("first pair: %+v", pairs[0])
	}
	if pairs[1].Result != nil || pairs[1].Status != "" {
		t.Errorf("an indicator without a result: %+v", pairs[1])
	}
	if pairs[2].Result != &p.Evaluation.Indicators[0] || pairs[2].Status != StatusMet {
		t.Errorf("third pair: %+v", pairs[2])
	}
	if len(unmatched) != 1 || unmatched[0].Level3 != "验收合格率" {
		t.Errorf("unmatched: %+v", unmatched)
	}
	if pairs, unmatched := (&Project{Indicators: p.Indicators}).Pairs(); pairs != nil || unmatched != nil {
		t.Error("a project without an evaluation has pairs")
	}
}

func TestTargetChanged(t *testing.T) {
	for _, c := range []struct {
		in      Indicator
		target  string
		changed bool
	}{
		{Indicator{Operator: OpAtLeast, Value: "85", Unit: "%", Printed: "≥85%"}, "≥85%", false},
		{Indicator{Operator: OpAtLeast, Value: "85", Unit: "%"}, ">= 85 %", false},
		{Indicator{Operator: OpAtLeast, Value: "85", Unit: "%"}, "85%", false}, // the 自评 prints no operator
		{Indicator{Operator: OpAtLeast, Value: "85", Unit: "%"}, "≥80%", true},
		{Indicator{Operator: OpAtLeast, Value: "85", Unit: "%"}, "≤85%", true},
		{Indicator{Operator: OpAtLeast, Value: "85", Unit: "%"}, "≥85个", true},
		{Indicator{Operator: OpEqual, Value: "100", Unit: "%"}, "100.0%", false},
		{Indicator{Operator: OpQualitative, Value: "效果明显"}, "效果明显", false},
		{Indicator{Operator: OpQualitative, Value: "效果明显"}, "有所提升", true},
		{Indicator{Operator: OpAtMost, Value: "90", Unit: "万元"}, "", false},
	} {
		if got := TargetChanged(&c.in, &Result{Target: c.target}); got != c.changed {
			t.Errorf("TargetChanged(%+v, %q) = %v", c.in, c.target, got)
		}
	}
}
