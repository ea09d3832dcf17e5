package cellvalue

import (
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/grid"
)

func TestSplitValue(t *testing.T) {
	for _, tc := range []struct {
		in              string
		op, value, unit string
		ok              bool
	}{
		{"≥85%", "≥", "85", "%", true},
		{">=1102人", "≥", "1102", "人", true},
		{"10辆", "", "10", "辆", true},
		{"≤475元/亩", "≤", "475", "元/亩", true},
		{"100%", "", "100", "%", true},
		{"2km", "", "2", "km", true},
		{"=23万元/个", "=", "23", "万元/个", true},
		{"780元/生/年", "", "780", "元/生/年", true},
		{"＞＝95％", "≥", "95", "%", true},
		{"1,102人", "", "1102", "人", true},
		{"不低于90%", "≥", "90", "%", true},
		{"< 3 天", "<", "3", "天", true},
		{"0", "", "0", "", true},
		{"12.50", "", "12.50", "", true},
		{"优良", "", "", "", false},
		{"2023.07-2024.01", "", "", "", false},
		{"±3%以内", "", "", "", false},
		{"95%以上", "", "", "", false},
		{"12月底前100%到位", "", "", "", false},
		{"2021年1月-12月", "", "", "", false},
		{"30天内", "", "", "", false},
		{"每年12月底前", "", "", "", false},
		{"1.5.3", "", "", "", false},
		{"-5%", "", "", "", false},
		{"1,2,3", "", "", "", false},
		{"第一年按总投资额返本20%", "", "", "", false},
	} {
		op, value, unit, ok := SplitValue(tc.in)
		if op != tc.op || value != tc.value || unit != tc.unit || ok != tc.ok {
			t.Errorf("SplitValue(%q) = %q %q %q %v, want %q %q %q %v", tc.in, op, value, unit, ok, tc.op, tc.value, tc.unit, tc.ok)
		}
	}
}

// TestAmounts: amounts are read exactly and converted to 万元 without
// floating point.
func TestAmounts(t *testing.T) {
	for _, tc := range []struct {
		cell       grid.Cell
		unit, want string // unit when the cell prints none
	}{
		{grid.Cell{Text: "3,309,840.00"}, "元", "330.984"},
		{grid.Cell{Text: "1,250,000.50"}, "元", "125.00005"},
		{grid.Cell{Text: "¥8,827,620.53"}, "元", "882.762053"},
		{grid.Cell{Text: "30000"}, "元", "3"},
		{grid.Cell{Text: "214.06"}, "万元", "214.06"},
		{grid.Cell{Text: "854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)"}, "", "854"},
		{grid.Cell{Text: "35万元"}, "", "35"},
		{grid.Cell{Text: "2000元"}, "", "0.2"},
		{grid.Cell{Text: "3309840", Display: "3,309,840.00", Kind: grid.Number}, "元", "330.984"},
		{grid.Cell{Text: "4", Display: "4.00", Kind: grid.Number}, "万元", "4.00"},
		{grid.Cell{Text: "0.25", Display: "0", Kind: grid.Number}, "万元", "0.25"},
		{grid.Cell{Text: "4", Display: "4.00万元", Kind: grid.Number}, "", "4.00"},
	} {
		d, u, ok := Amount(tc.cell)
		if u == "" {
			u = tc.unit
		}
		if got := ToWan(d, u); !ok || got.String() != tc.want {
			t.Errorf("%q (%q) in %s = %s %v, want %s", tc.cell.Text, tc.cell.Display, u, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"1,2,3", "约100万元", "十万元", ""} {
		if _, _, ok := Amount(grid.Cell{Text: bad}); ok {
			t.Errorf("%q read as an amount", bad)
		}
	}
}

func TestAgencyCodes(t *testing.T) {
	for _, tc := range []struct{ in, code, name string }{
		{"103-重庆市綦江区人民政府办公室", "103", "重庆市綦江区人民政府办公室"},
		{"[015001]武汉市青山区教育局", "015001", "武汉市青山区教育局"},
		{"【015001】武汉市青山区教育局", "015001", "武汉市青山区教育局"},
		{"(433)乌海市供销合作社联合社(部门)", "433", "乌海市供销合作社联合社(部门)"},
		{"820001-井研县马踏镇人民政府", "820001", "井研县马踏镇人民政府"},
		{"219-池州市贵池区棠溪镇人民政府", "219", "池州市贵池区棠溪镇人民政府"},
		{"南岳镇人民政府", "", "南岳镇人民政府"},
		{"G-3 项目办", "", "G-3 项目办"},
	} {
		if code, name := SplitCoded(tc.in); code != tc.code || name != tc.name {
			t.Errorf("SplitCoded(%q) = %q %q, want %q %q", tc.in, code, name, tc.code, tc.name)
		}
	}
	for _, tc := range []struct{ in, code, name string }{
		{"50011022T000000155466-会务服务", "50011022T000000155466", "会务服务"},
		{"2023-2025年高标准农田建设", "", "2023-2025年高标准农田建设"},
		{"202301-2025年改造", "", "202301-2025年改造"},
		{"103-会务", "", "103-会务"},
	} {
		if code, name := SplitProjectCode(tc.in); code != tc.code || name != tc.name {
			t.Errorf("SplitProjectCode(%q) = %q %q, want %q %q", tc.in, code, name, tc.code, tc.name)
		}
	}
	if c := DerivedCode("2023", "井研县马踏镇人民政府", "马踏镇2023年村（社区）干部报酬"); c != "X3F2B5142BB4F7F2A" || !budget.ValidCode(c) {
		t.Errorf("derived code %s", c)
	}
}

func FuzzSplitValue(f *testing.F) {
	for _, s := range []string{"≥85%", ">=1102人", "10辆", "≤475元/亩", "100%", "优良", "2023.07-2024.01", "±3%以内", "1,102人", "＞＝95％"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		op, value, unit, ok := SplitValue(s)
		if !ok {
			if op != "" || value != "" || unit != "" {
				t.Fatalf("%q: refused with %q %q %q", s, op, value, unit)
			}
			return
		}
		if _, err := decimal.ParseDecimal(value); err != nil {
			t.Fatalf("%q: value %q is no number", s, value)
		}
		if op != "" && budget.NormalizeOperator(op) != op {
			t.Fatalf("%q: operator %q", s, op)
		}
		if !isUnit(unit) || strings.ContainsAny(unit, "0123456789") {
			t.Fatalf("%q: unit %q", s, unit)
		}
	})
}

func TestPeriodsYearsAndDirections(t *testing.T) {
	for in, want := range map[string][2]string{
		"2023.07-2024.01": {"2023.07", "2024.01"}, "2021年1月至12月": {"2021年1月", "12月"},
		"长期": {"长期", ""}, "2021-2022-2023": {"2021-2022-2023", ""},
	} {
		if a, b := SplitPeriod(in); a != want[0] || b != want[1] {
			t.Errorf("SplitPeriod(%q) = %q %q, want %q", in, a, b, want)
		}
	}
	for in, want := range map[string]int{"(2021年度)": 2021, "部门预算项目绩效目标申报表(2023年度)": 2023, "2022年项目支出绩效目标表": 2022, "（2019年）": 2019, "2020年度县级专项资金": 2020, "2021年工作": 0, "项目名称": 0} {
		if y, ok := TitleYear(in); y != want || ok != (want != 0) {
			t.Errorf("TitleYear(%q) = %d %v, want %d", in, y, ok, want)
		}
	}
	for in, want := range map[string]string{"正向": "正向", "反向指标": "反向", "中性": "中性", "=": "", "": ""} {
		if got := Direction(in); got != want {
			t.Errorf("Direction(%q) = %q, want %q", in, got, want)
		}
	}
	for q, want := range map[string][2]string{"元": {"元", ""}, "万元": {"万元", ""}, "千元": {"", "千元"}, "": {"", ""}, "个": {"", ""}} {
		if u, unknown := UnitOfQualifier(q); u != want[0] || unknown != want[1] {
			t.Errorf("UnitOfQualifier(%q) = %q %q, want %q", q, u, unknown, want)
		}
	}
}

func TestBlankNumbersAndTraditional(t *testing.T) {
	for _, s := range []string{"", " ", "/", "／", "—", "——", "-", "－", "\\", "……", "...", "无"} {
		if !Blank(s) {
			t.Errorf("Blank(%q) = false", s)
		}
	}
	for _, s := range []string{"0", "优良", "/次", "无变化"} {
		if Blank(s) {
			t.Errorf("Blank(%q) = true", s)
		}
	}
	for _, c := range []struct {
		cell      grid.Cell
		num, unit string
	}{
		{grid.Cell{Text: "1", Display: "100%", Kind: grid.Number}, "100", "%"},
		{grid.Cell{Text: "12.5", Display: "12.50", Kind: grid.Number}, "12.50", ""},
		{grid.Cell{Text: "0.25", Display: "0", Kind: grid.Number}, "0.25", ""},
		{grid.Cell{Text: "0.956", Display: "96%", Kind: grid.Number}, "95.6", "%"},
	} {
		if _, num, unit, ok := NumberValue(c.cell); !ok || num != c.num || unit != c.unit {
			t.Errorf("NumberValue(%q shown %q) = %q %q %v, want %q %q", c.cell.Text, c.cell.Display, num, unit, ok, c.num, c.unit)
		}
	}
	if got := Simplified("項目名稱 資金總額（萬元）"); got != "项目名称 资金总额（万元）" {
		t.Errorf("Simplified = %q", got)
	}
}
