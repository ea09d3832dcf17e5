package layouts

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/grid"
)

// checkProjects checks what Projects promises for any input: either
// projects, each complete enough to be a content file, or a list of
// errors that say where, what and what to do; the same both times.
func checkProjects(t *testing.T, grids []grid.Grid) {
	ps, notes, err := Projects(grids, Options{Year: 2022})
	again, notesAgain, errAgain := Projects(grids, Options{Year: 2022})
	if !reflect.DeepEqual(ps, again) || !reflect.DeepEqual(notes, notesAgain) || (err == nil) != (errAgain == nil) ||
		err != nil && err.Error() != errAgain.Error() {
		t.Fatal("two reads of the same grids differ")
	}
	if err != nil {
		var list budget.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error %v (%T) is not a budget.ErrorList", err, err)
		}
		for _, e := range list {
			if e == nil || e.Msg == "" || e.Hint == "" || e.File == "" {
				t.Fatalf("error %+v does not say where, what and what to do", e)
			}
		}
		if ps != nil || notes != nil {
			t.Fatal("projects or notes returned with an error")
		}
		return
	}
	if len(ps) == 0 {
		t.Fatal("no projects and no error")
	}
	for _, p := range ps {
		switch {
		case !budget.ValidCode(p.Code), !budget.ValidCode(p.Department.Code), !budget.ValidCode(p.Unit.Code):
			t.Fatalf("codes %q %q %q", p.Code, p.Department.Code, p.Unit.Code)
		case p.Year < 1990 || p.Year > 2100:
			t.Fatalf("year %d", p.Year)
		case p.Name == "" || p.Department.Name == "" || p.Unit.Name == "" || len(p.Indicators) == 0:
			t.Fatalf("incomplete project %+v", p)
		}
		if _, err := decimal.ParseDecimal(p.Funds.String()); err != nil {
			t.Fatalf("funds %s", p.Funds)
		}
		for _, in := range p.Indicators {
			if in.Level3 == "" || in.Value == "" || budget.NormalizeOperator(in.Operator) != in.Operator {
				t.Fatalf("indicator %+v", in)
			}
			if in.Operator != budget.OpQualitative {
				if _, err := decimal.ParseDecimal(in.Value); err != nil && in.Printed != "" {
					t.Fatalf("value %q split from %q is no number", in.Value, in.Printed)
				}
			}
		}
	}
}

func FuzzProjectsCSV(f *testing.F) {
	f.Add([]byte(csv(nanyueB...)))
	f.Add([]byte(csv("(2022年度)", "金额单位：元", "单位名称,项目名称,预算数,年度目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,权重,指标方向性",
		"1-甲部门,,100", "1001-甲单位,乙项目,\"10,000\",目标,产出指标,数量指标,人数,=,96,人,100,正向", ",,,,,,满意度,≥,90,%,0,")))
	f.Add([]byte(csv("项目名称,X", "一级指标,二级指标,三级指标,指标值,完成值")))
	f.Add([]byte(csv("预算单位：甲,资金总额：3万元", "项目名称,1234567-乙", "年度目标,丙", "一级,二级,三级,年度数值", "产出,数量,丁,>=1")))
	f.Add([]byte(csv("(2019年度)", "预算单位:甲", "项目名称,乙,资金总额(万元),9", "其中：上级资金,8", "本级资金,/", "总体目标,中期目标,年度目标", ",丙,丁",
		"绩效指标,一级指标,二级指标,三级指标,指标值,二级指标,三级指标,指标值", ",产出,数量,戊,3,数量,戊,1")))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := grid.ReadCSV("f.csv", bytes.NewReader(b))
		if err != nil {
			return
		}
		checkProjects(t, []grid.Grid{g})
	})
}

func FuzzProjectsHTML(f *testing.F) {
	f.Add([]byte(`<table><tr><td colspan=2>(2021年度)</td></tr><tr><td>项目名称</td><td>甲</td></tr><tr><td>实施单位</td><td>[1]乙</td></tr>` +
		`<tr><td rowspan=2>资金情况(万元)</td><td>资金总额</td><td>4.00</td></tr><tr><td>其他资金</td><td>0</td></tr>` +
		`<tr><td rowspan=3>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>` +
		`<tr><td rowspan=2>产出指标</td><td rowspan=2>数量指标</td><td>丙</td><td>≥85%</td></tr><tr><td>丁</td><td>优良</td></tr></table>`))
	f.Add([]byte(`<table><tr><td>项目名称</td><td colspan=3>甲</td></tr><tr><td rowspan=9>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr></table>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		grids, err := grid.ReadHTML("f.html", bytes.NewReader(b))
		if err != nil {
			return
		}
		checkProjects(t, grids)
	})
}
