package budget

import (
	"errors"
	"testing"

	"budgetsite/generator/decimal"
)

func TestNormalizeOperator(t *testing.T) {
	for in, want := range map[string]string{
		"=": OpEqual, "＝": OpEqual, ">=": OpAtLeast, "≧": OpAtLeast, "不低于": OpAtLeast,
		"<=": OpAtMost, "不超过": OpAtMost, "＞": OpGreater, "小于": OpLess, "定性": OpQualitative,
		"约等于": "", "": "",
	} {
		if got := NormalizeOperator(in); got != want {
			t.Errorf("NormalizeOperator(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidCode(t *testing.T) {
	for s, want := range map[string]bool{
		"50011021T000000048440": true, "103": true, "A": true,
		"": false, "../x": false, "a b": false, "编码": false, "a/b": false,
		"1234567890123456789012345678901234567890123456789012345678901234":  true,
		"12345678901234567890123456789012345678901234567890123456789012345": false,
	} {
		if ValidCode(s) != want {
			t.Errorf("ValidCode(%q) = %v", s, !want)
		}
	}
}

func TestWeightTotalIsExact(t *testing.T) {
	p := Project{Indicators: []Indicator{{Weight: decimal.MustDecimal("0.1")}, {Weight: decimal.MustDecimal("0.2")}, {Weight: decimal.MustDecimal("89.70")}}}
	if got := p.WeightTotal().String(); got != "90.00" {
		t.Errorf("WeightTotal = %s, want 90.00", got)
	}
	if !(Indicator{Operator: OpQualitative}).Qualitative() || (Indicator{Operator: OpEqual}).Qualitative() {
		t.Error("Qualitative")
	}
}

func TestSortProjectsNewestYearThenAgencyThenCode(t *testing.T) {
	mk := func(y int, d, u, c string) *Project {
		return &Project{Year: y, Code: c, Department: Coded{Code: d}, Unit: Coded{Code: u}}
	}
	ps := []*Project{mk(2022, "104", "104001", "A"), mk(2023, "103", "103002", "B"), mk(2022, "103", "103001", "C"), mk(2022, "103", "103001", "B")}
	SortProjects(ps)
	var got string
	for _, p := range ps {
		got += p.Code
	}
	if got != "BBCA" || ps[0].Year != 2023 {
		t.Errorf("order %s", got)
	}
}

func TestErrorsSayWhereAndWhatToDo(t *testing.T) {
	e := &Error{File: "a.txt", Line: 12, Msg: "权重“十分”不是数字", Hint: "请改为数字"}
	if e.Error() != "a.txt:12: 权重“十分”不是数字。请改为数字" {
		t.Errorf("Error() = %q", e.Error())
	}
	var list ErrorList
	if list.Err() != nil {
		t.Error("an empty list is an error")
	}
	list = append(list, e, &Error{Msg: "另一处"})
	err := list.Err()
	var got ErrorList
	if !errors.As(err, &got) || len(got) != 2 || err.Error() != e.Error()+"\n另一处\n共 2 处错误。" {
		t.Errorf("list error %q", err)
	}
}
