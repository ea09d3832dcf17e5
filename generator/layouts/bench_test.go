package layouts

import (
	"strconv"
	"strings"
	"testing"

	"budgetsite/generator/grid"
)

// flatList is a flat list of n projects of five indicators each, in the
// shape of Sichuan's export, as CSV.
func flatList(n int) string {
	var b strings.Builder
	b.WriteString("部门预算项目绩效目标申报表(2023年度)\r\n金额单位：元\r\n")
	b.WriteString("单位名称,项目名称,预算数,年度目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,权重,指标方向性\r\n")
	for i := range n {
		if i%50 == 0 {
			b.WriteString(strconv.Itoa(800+i/50) + "-某镇部门,,\"8,827,620.53\"\r\n")
		}
		unit := strconv.Itoa(800+i/50) + "001-某镇人民政府"
		b.WriteString(unit + ",项目" + strconv.Itoa(i) + ",\"3,309,840.00\",保障基层组织正常运转。,产出指标,数量指标,人数,=,96,人,20,正向\r\n")
		for _, r := range []string{"产出指标,时效指标,及时率,≥,95,%,20,正向", "产出指标,成本指标,标准,≤,2873,元/月,20,反向",
			"效益指标,社会效益指标,运转情况,定性,良好,,20,正向", "满意度指标,服务对象满意度指标,满意度,≥,90,%,20,正向"} {
			b.WriteString(",,,," + r + "\r\n")
		}
	}
	return b.String()
}

// BenchmarkFlatList recognises a flat list of 2,000 projects (10,000
// rows); its time per project must not grow with the list.
func BenchmarkFlatList(b *testing.B) {
	g, err := grid.ReadCSV("flat.csv", strings.NewReader(flatList(2000)))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ps, _, err := Projects([]grid.Grid{g}, Options{})
		if err != nil || len(ps) != 2000 {
			b.Fatal(len(ps), err)
		}
	}
}

// TestLargeFlatListIsLinear: ten times the rows take about ten times as
// long, not a hundred.
func TestLargeFlatListIsLinear(t *testing.T) {
	g, err := grid.ReadCSV("flat.csv", strings.NewReader(flatList(5000)))
	if err != nil {
		t.Fatal(err)
	}
	ps, _, err := Projects([]grid.Grid{g}, Options{})
	if err != nil || len(ps) != 5000 {
		t.Fatal(len(ps), err)
	}
	if ps[4999].Name != "项目4999" || len(ps[4999].Indicators) != 5 || ps[4999].Department.Code != "899" {
		t.Errorf("last project %+v", ps[4999])
	}
}
