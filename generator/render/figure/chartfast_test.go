package figure

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/content"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/site"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// goechartsSunburst is weightSunburst's option as it was made before
// chartfast.go: every chart through go-echarts. It is the reference the
// fast path must equal byte for byte.
func goechartsSunburst(id, title string, projects []*budget.Project) template.JS {
	tree := weightTree(projects)
	data := make([]opts.SunBurstData, 0, len(tree))
	for _, n := range tree {
		d := opts.SunBurstData{Name: n.Name}
		for _, c := range n.Children {
			d.Children = append(d.Children, &opts.SunBurstData{Name: c.Name, Value: c.Weight.Float64()})
		}
		data = append(data, d)
	}
	return sunburstEcharts(id, title, data)
}

// goechartsHistory is fundsHistory's option as it was made before
// chartfast.go.
func goechartsHistory(id, title string, rows []site.YearChange) template.JS {
	years := make([]string, len(rows))
	data := make([]opts.BarData, len(rows))
	for i, r := range rows {
		years[i] = fmt.Sprintf("%d年", r.Year)
		data[i] = opts.BarData{Name: years[i], Value: json.Number(r.Total.String())}
	}
	return historyEcharts(id, title, years, data)
}

// option runs make and returns its option, or the panic's text: the
// go-echarts path panics on what encoding/json refuses (an infinite
// weight), and the fast path must do the same.
func option(build func() template.JS) (js template.JS, panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprint(r)
		}
	}()
	return build(), ""
}

func sameOption(t testing.TB, what string, want, got func() template.JS) {
	t.Helper()
	w, wp := option(want)
	g, gp := option(got)
	if (wp != "") != (gp != "") {
		t.Fatalf("%s: go-echarts panicked %q, fast path panicked %q", what, wp, gp)
	}
	if w != g {
		i := 0
		for i < len(w) && i < len(g) && w[i] == g[i] {
			i++
		}
		t.Fatalf("%s: options differ at byte %d\ngo-echarts: %s\nfast:       %s", what, i, w, g)
	}
}

func checkSunburst(t testing.TB, what, id, title string, ps []*budget.Project) {
	t.Helper()
	sameOption(t, what,
		func() template.JS { return goechartsSunburst(id, title, ps) },
		func() template.JS { return WeightSunburst(id, title, ps).Option })
}

func checkHistory(t testing.TB, what, id, title string, rows []site.YearChange) {
	t.Helper()
	sameOption(t, what,
		func() template.JS { return goechartsHistory(id, title, rows) },
		func() template.JS { return FundsHistory(id, title, rows).Option })
}

// checkSite compares every sunburst and history chart the site's pages
// show (project, agency and year pages), with the ids and titles the
// pages give them, and returns how many options it compared.
func checkSite(t *testing.T, s *site.Site) int {
	n := 0
	for _, p := range s.Projects {
		checkSunburst(t, p.File, ID("p", p.Code, "weight"), "绩效指标权重分布", []*budget.Project{p})
		n++
		if hist := s.ProjectHistory(p); len(hist) > 1 {
			// The option shows only each year and its total.
			rows := make([]site.YearChange, len(hist))
			for i, h := range hist {
				rows[i] = site.YearChange{Year: h.Year, Total: h.Funds}
			}
			checkHistory(t, p.File+" history", ID("p", p.Code, "history"), "历年资金", rows)
			n++
		}
	}
	for _, y := range s.Years {
		yr := fmt.Sprint(y.Year)
		checkSunburst(t, yr, ID("y", yr, "weight"), fmt.Sprintf("%d年绩效指标权重分布（按一级、二级指标汇总）", y.Year), y.Projects)
		checkHistory(t, yr+" history", ID("y", yr, "history"), "历年资金总额", site.YearChanges(s, y.Year))
		n += 2
		for _, a := range append(append([]*site.Agency(nil), y.Departments...), y.Units...) {
			id := ID(a.Kind[:1], a.Code)
			checkSunburst(t, a.Name, id+"_weight", "绩效指标权重分布（各项目合计）", a.Projects)
			checkHistory(t, a.Name+" history", id+"_history", "历年资金总额", site.AgencyChanges(s.AgencyHistory(a), a.Year))
			n += 2
		}
	}
	return n
}

func loadSite(t *testing.T, dir string) *site.Site {
	t.Helper()
	ps, pages, err := content.LoadDir(dir, nil)
	testkit.Must(t, err)
	if len(ps) == 0 {
		t.Fatalf("%s: no projects", dir)
	}
	return site.NewSite(site.Settings{Title: "测试"}, ps, pages)
}

// TestFastChartsEqualGoEcharts: the options chartfast.go writes are
// byte-equal to go-echarts' for the repository's content, the example
// site, synthetic projects and hostile names.
func TestFastChartsEqualGoEcharts(t *testing.T) {
	for _, dir := range []string{"content", "examples/shiliqu/content"} {
		t.Run(dir, func(t *testing.T) {
			n := checkSite(t, loadSite(t, filepath.Join(testkit.Root, dir)))
			t.Logf("%d options equal", n)
		})
	}
	t.Run("shiliqu has histories", func(t *testing.T) {
		s := loadSite(t, filepath.Join(testkit.Root, "examples/shiliqu/content"))
		if len(s.Years) < 2 {
			t.Fatal("the example site should span several years, so its history charts are compared")
		}
	})
	t.Run("synthetic", func(t *testing.T) {
		r := rand.New(rand.NewPCG(14, 2))
		var all []*budget.Project
		for i := range 300 {
			p := syntheticProject(r, i)
			all = append(all, p)
		}
		s := site.NewSite(site.Settings{Title: "测试"}, all, nil)
		t.Logf("%d options equal", checkSite(t, s))
	})
	t.Run("shapes", func(t *testing.T) {
		w := decimal.MustDecimal
		ind := func(l1, l2, weight string) budget.Indicator {
			return budget.Indicator{Level1: l1, Level2: l2, Level3: "指标", Weight: w(weight)}
		}
		cases := map[string][]budget.Indicator{
			"no indicators":        nil,
			"one category":         {ind("产出指标", "数量指标", "100")},
			"one 一级, many 二级":      {ind("产出指标", "数量指标", "20"), ind("产出指标", "质量指标", "30.5"), ind("产出指标", "时效指标", "0.25"), ind("产出指标", "成本指标", "49.25")},
			"many 一级, one 二级 each": {ind("产出指标", "数量指标", "50"), ind("效益指标", "社会效益指标", "30"), ind("满意度指标", "服务对象满意度指标", "20")},
			"repeated categories":  {ind("产出指标", "数量指标", "10"), ind("效益指标", "社会效益指标", "10"), ind("产出指标", "数量指标", "10"), ind("产出指标", "质量指标", "10")},
			"zero weights":         {ind("产出指标", "数量指标", "0"), ind("产出指标", "质量指标", "0.00")},
			"negative and tiny":    {ind("产出指标", "数量指标", "-5"), ind("产出指标", "质量指标", "0.0000001"), ind("产出指标", "时效指标", "0.000001")},
			"huge":                 {ind("产出指标", "数量指标", "1000000000000000000000"), ind("产出指标", "质量指标", "123456789012345678901234567890")},
			"overflow":             {ind("产出指标", "数量指标", "1"+strings.Repeat("0", 400))},
			"empty names":          {ind("", "", "10"), ind("", "质量指标", "10"), ind("产出指标", "", "10")},
			"fraction digits":      {ind("产出指标", "数量指标", "0.1"), ind("产出指标", "质量指标", "0.2"), ind("产出指标", "时效指标", "33.333333333333333333")},
		}
		for name, ins := range cases {
			p := &budget.Project{Code: "T1", Year: 2024, Indicators: ins}
			checkSunburst(t, name, "chart_p_T1_weight", "绩效指标权重分布", []*budget.Project{p})
		}
	})
	t.Run("hostile names", func(t *testing.T) {
		for _, name := range hostileNames {
			p := &budget.Project{Code: "T1", Year: 2024, Indicators: []budget.Indicator{
				{Level1: name, Level2: name, Weight: decimal.MustDecimal("60")},
				{Level1: "效益指标", Level2: name + "2", Weight: decimal.MustDecimal("40")},
			}}
			checkSunburst(t, fmt.Sprintf("name %q", name), "chart_x", name, []*budget.Project{p})
			checkHistory(t, fmt.Sprintf("title %q", name), "chart_x", name, site.Changes([]int{2023, 2024}, []decimal.Decimal{decimal.MustDecimal("1"), decimal.MustDecimal("2")}, []int{1, 1}, []string{"a", "b"}, 2024))
		}
	})
	t.Run("history shapes", func(t *testing.T) {
		d := decimal.MustDecimal
		cases := map[string][]site.YearChange{
			"none":     {},
			"nil":      nil,
			"one year": {{Year: 2024, Total: d("12.5")}},
			"zero and negative totals": {{Year: 2022, Total: d("0")}, {Year: 2023, Total: d("0.000")},
				{Year: 2024, Total: d("-3.25")}, {Year: 2025, Total: d("-0.5")}},
			"big totals": {{Year: 1, Total: d("123456789012345678901234567890.123")}, {Year: -1, Total: d("0.0000001")}},
		}
		for name, rows := range cases {
			checkHistory(t, name, "chart_h", "历年资金", rows)
		}
	})
}

var hostileNames = []string{
	"", `"引号"`, `\反斜杠\`, "<script>alert(1)</script>", "&amp; & <b>", "甲&乙", "a>b", "右>", "行\u2028分隔\u2029段", "行\u2028分隔", "分隔\u2029段", "😀 emoji 🇨🇳",
	"NUL\x00在中间", "制表\t换行\n回车\r", "\x7f\x1f", "坏的UTF-8\xff\xfe", "\u00a0不间断", "</script><!--", "'单引号'",
}

// syntheticProject is a project shaped like the generator's (several
// 一级, a few 二级 each, weights with 0-2 places summing near 100), with
// some departures: no indicators, one, or repeated categories.
func syntheticProject(r *rand.Rand, i int) *budget.Project {
	level1 := []string{"产出指标", "效益指标", "满意度指标", "成本指标"}
	level2 := map[string][]string{
		"产出指标":  {"数量指标", "质量指标", "时效指标"},
		"效益指标":  {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"},
		"满意度指标": {"服务对象满意度指标"},
		"成本指标":  {"经济成本指标", "社会成本指标"},
	}
	dept := i / 3 % 5 // a project continues over three years
	p := &budget.Project{
		Code: fmt.Sprintf("5001%02dT%06d", dept, i/3), Name: fmt.Sprintf("项目%d", i/3), Year: 2022 + i%3,
		File:       fmt.Sprintf("content/p%d.md", i),
		Department: budget.Coded{Code: fmt.Sprint(100 + dept), Name: fmt.Sprintf("部门%d", dept)},
		Unit:       budget.Coded{Code: fmt.Sprintf("%d%03d", 100+dept, r.IntN(3)), Name: fmt.Sprintf("单位%d-%d", dept, r.IntN(3))},
		Funds:      decimal.MustDecimal(fmt.Sprintf("%d.%02d", r.IntN(5000), r.IntN(100))),
	}
	n := r.IntN(12)
	if i%10 == 0 {
		n = 0
	}
	for range n {
		l1 := level1[r.IntN(len(level1))]
		l2 := level2[l1][r.IntN(len(level2[l1]))]
		places := r.IntN(3)
		weight := fmt.Sprint(r.IntN(40))
		if places > 0 {
			weight += "." + fmt.Sprintf("%0*d", places, r.IntN(100))[:places]
		}
		p.Indicators = append(p.Indicators, budget.Indicator{Level1: l1, Level2: l2, Level3: "三级", Weight: decimal.MustDecimal(weight)})
	}
	return p
}

// FuzzFastCharts compares both paths for fuzzed weight trees and
// histories. Each line of tree is 一级|二级|weight (a weight that does
// not parse is 0); each line of history is year|total.
func FuzzFastCharts(f *testing.F) {
	f.Add("产出指标|数量指标|20\n产出指标|质量指标|15.5\n效益指标|社会效益指标|30\n满意度指标|服务对象满意度指标|10", "2023|86\n2024|90.25", "绩效指标权重分布")
	f.Add("<a>|&amp;|0.0000001\n\u2028|\x00|1e3", "0|0\n-1|-0.5", "")
	f.Add("|||\n产出|数量|-12.000", "2024|abc", "</script>")
	f.Add("一|二|123456789012345678901234567890", "2022|0.000001", "😀")
	f.Fuzz(func(t *testing.T, tree, history, title string) {
		p := &budget.Project{Code: "F1", Year: 2024}
		for line := range strings.Lines(tree) {
			parts := strings.SplitN(strings.TrimSuffix(line, "\n"), "|", 3)
			for len(parts) < 3 {
				parts = append(parts, "")
			}
			w, _ := decimal.ParseDecimal(parts[2])
			p.Indicators = append(p.Indicators, budget.Indicator{Level1: parts[0], Level2: parts[1], Weight: w})
		}
		checkSunburst(t, "tree", "chart_f", title, []*budget.Project{p})
		var rows []site.YearChange
		for line := range strings.Lines(history) {
			year, total, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "|")
			y := 0
			fmt.Sscan(year, &y)
			d, _ := decimal.ParseDecimal(total)
			rows = append(rows, site.YearChange{Year: y, Total: d})
		}
		checkHistory(t, "history", "chart_f", title, rows)
	})
}

// BenchmarkWeightSunburst is the option of one project page's sunburst
// (six 二级 categories under three 一级): go-echarts against the
// skeleton. The numbers are in chartfast.go's comment.
func BenchmarkWeightSunburst(b *testing.B) {
	w := decimal.MustDecimal
	p := &budget.Project{Code: "B1", Year: 2024, Indicators: []budget.Indicator{
		{Level1: "产出指标", Level2: "数量指标", Weight: w("20")}, {Level1: "产出指标", Level2: "质量指标", Weight: w("15")},
		{Level1: "产出指标", Level2: "时效指标", Weight: w("10")}, {Level1: "产出指标", Level2: "成本指标", Weight: w("5")},
		{Level1: "效益指标", Level2: "社会效益指标", Weight: w("30")}, {Level1: "满意度指标", Level2: "服务对象满意度指标", Weight: w("10")},
		{Level1: "产出指标", Level2: "数量指标", Weight: w("10")},
	}}
	ps := []*budget.Project{p}
	if goechartsSunburst("chart_p_B1_weight", "绩效指标权重分布", ps) != WeightSunburst("chart_p_B1_weight", "绩效指标权重分布", ps).Option {
		b.Fatal("the two paths differ")
	}
	b.Run("goecharts", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			goechartsSunburst("chart_p_B1_weight", "绩效指标权重分布", ps)
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sunburstOption("绩效指标权重分布", weightTree(ps))
		}
	})
}
