package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
)

// options are the generator's inputs; equal options give equal data.
type options struct {
	n     int    // projects per year
	seed  uint64 // PCG seed
	year  int    // last year
	years int    // number of consecutive years ending at year
	noise bool
}

// PCG stream constants. Data and noise use separate streams so that the
// noisy file holds exactly the projects of the clean one.
const (
	dataStream  = 0x9e3779b97f4a7c15
	noiseStream = 0xbf58476d1ce4e5b9
)

type department struct {
	idx    int
	code   string
	name   string
	stem   string // for unit names and texts
	kind   string // "", edu, health, town, school
	topics []string
	weight float64
	units  []*unit
	uw     []float64 // unit weights, for projects added in later years
}

type unit struct {
	idx  int
	code string
	name string
}

// indicator is one 绩效指标 row of a project. Its value is kept as a
// number so that a continuing project can restate it the next year.
type indicator struct {
	tmpl   *l3tmpl
	level1 string
	level2 string
	weight int
	op     string
	unit   string
	num    float64 // kCount, kPercent
	places int     // decimal places of num
	share  float64 // kCost: fraction of funds (1 = all of it)
	word   string  // kQual
}

type project struct {
	seq       int64
	code      string
	name      string
	topic     string
	dept      *department
	unit      *unit
	year      int
	funds     int64 // in units of 0.0001 万元
	places    int   // decimal places the funds are printed with (at most)
	attribute string
	start     string
	end       string
	overview  string
	goal      string
	inds      []indicator
}

// yearSet is one year's table file.
type yearSet struct {
	year     int
	projects []*project
}

type gen struct {
	r     *rand.Rand
	opt   options
	depts []*department
	dcum  []float64 // cumulative department weights
	seq   int64
	used  map[string]bool // unit names, to keep them distinct
}

// generate makes opt.years years of opt.n projects each. Departments and
// units are fixed across years; about 80% of a year's projects continue
// into the next with the same code and changed funds.
func generate(opt options) []yearSet {
	g := &gen{r: rand.New(rand.NewPCG(opt.seed, dataStream)), opt: opt, used: map[string]bool{}}
	g.seq = 40000 + int64(g.r.IntN(10000))
	first := opt.year - opt.years + 1

	nd := max(3, int(math.Round(float64(opt.n)/60)))
	nd = min(nd, opt.n)
	g.buildDepartments(nd)
	perDept := allocate(g.r, opt.n, weightsOf(g.depts))

	var sets []yearSet
	var cur []*project
	for di, d := range g.depts {
		g.buildUnits(d, perDept[di])
		perUnit := allocate(g.r, perDept[di], d.uw)
		for ui, u := range d.units {
			for k := 0; k < perUnit[ui]; k++ {
				cur = append(cur, g.newProject(d, u, first, true))
			}
		}
	}
	sortProjects(cur)
	sets = append(sets, yearSet{year: first, projects: cur})

	for y := first + 1; y <= opt.year; y++ {
		var next []*project
		for _, p := range cur {
			keep := 0.85
			if p.attribute == "一次性" {
				keep = 0.3
			}
			if g.r.Float64() < keep {
				next = append(next, g.continueProject(p, y))
			}
		}
		for len(next) < opt.n {
			d := g.depts[pickCum(g.r, g.dcum)]
			u := d.units[pickCum(g.r, cumulative(d.uw))]
			next = append(next, g.newProject(d, u, y, false))
		}
		sortProjects(next)
		sets = append(sets, yearSet{year: y, projects: next})
		cur = next
	}
	return sets
}

func sortProjects(ps []*project) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.dept.idx != b.dept.idx {
			return a.dept.idx < b.dept.idx
		}
		if a.unit.idx != b.unit.idx {
			return a.unit.idx < b.unit.idx
		}
		return a.seq < b.seq
	})
}

// --- departments and units ---

func (g *gen) buildDepartments(nd int) {
	var places []string
	for _, a := range placeFirst {
		for _, b := range placeSecond {
			if a != b {
				places = append(places, string(a)+string(b))
			}
		}
	}
	g.r.Shuffle(len(places), func(i, j int) { places[i], places[j] = places[j], places[i] })

	code := 101
	school := 0
	for i := 0; i < nd; i++ {
		d := &department{idx: i, code: strconv.Itoa(code)}
		switch {
		case i < len(bureaus):
			b := bureaus[i]
			d.name, d.stem, d.kind, d.topics = b.name, b.stem, b.kind, b.topics
		case i-len(bureaus) < len(places):
			place := places[i-len(bureaus)]
			suffix, stem := "镇人民政府", place+"镇"
			if g.r.IntN(10) < 3 {
				suffix, stem = "街道办事处", place+"街道"
			}
			d.name, d.stem, d.kind, d.topics = district+place+suffix, stem, "town", townTopics
		default:
			school++
			d.name = district + "第" + chineseNumber(school) + "中学校"
			d.stem, d.kind, d.topics = "第"+chineseNumber(school)+"中学校", "school", schoolTopics
		}
		g.depts = append(g.depts, d)
		code += 1
		if g.r.IntN(8) == 0 {
			code += 1 + g.r.IntN(3) // codes of abolished departments
		}
	}
	// Skewed sizes: Zipf-like weights over a random ranking.
	rank := g.r.Perm(nd)
	for i, d := range g.depts {
		d.weight = 1 / math.Pow(float64(rank[i]+1), 0.9)
	}
	g.dcum = cumulative(weightsOf(g.depts))
}

func weightsOf(ds []*department) []float64 {
	w := make([]float64, len(ds))
	for i, d := range ds {
		w[i] = d.weight
	}
	return w
}

// buildUnits gives a department 1–12 units, more for larger departments;
// the first is always the department's own （本级）.
func (g *gen) buildUnits(d *department, np int) {
	maxK := min(12, np)
	if d.kind == "school" {
		maxK = min(maxK, 2)
	}
	upper := min(maxK, 1+np/4)
	k := 1 + g.r.IntN(upper)
	names := []string{d.name + "（本级）"}
	for len(names) < k {
		n := g.unitName(d, len(names))
		if g.used[n] {
			continue
		}
		names = append(names, n)
	}
	for j, n := range names {
		g.used[n] = true
		d.units = append(d.units, &unit{idx: j, code: fmt.Sprintf("%s%03d", d.code, j+1), name: n})
		w := 2.5
		if j > 0 {
			w = 1 / math.Pow(float64(j), 0.8)
		}
		d.uw = append(d.uw, w)
	}
}

func (g *gen) unitName(d *department, j int) string {
	place := func() string {
		return string(placeFirst[g.r.IntN(len(placeFirst))]) + string(placeSecond[g.r.IntN(len(placeSecond))])
	}
	switch d.kind {
	case "edu":
		if j == 1 {
			return district + "教师进修学院"
		}
		return district + place() + schoolKinds[g.r.IntN(len(schoolKinds))]
	case "health":
		if j <= len(healthUnits) && g.r.IntN(3) > 0 {
			return district + healthUnits[g.r.IntN(len(healthUnits))]
		}
		return district + place() + "镇卫生院"
	case "town":
		return district + d.stem + townUnitPatterns[g.r.IntN(len(townUnitPatterns))]
	case "school":
		return d.name + "附属幼儿园"
	}
	return district + d.stem + unitPatterns[g.r.IntN(len(unitPatterns))]
}

// --- projects ---

func (g *gen) newProject(d *department, u *unit, year int, firstYear bool) *project {
	r := g.r
	g.seq += 1 + int64(r.IntN(25))
	p := &project{seq: g.seq, dept: d, unit: u, year: year}

	// Name: a subject of the department or a common one, and a suffix.
	switch x := r.IntN(100); {
	case x < 6:
		p.name = wholeNames[r.IntN(len(wholeNames))]
		p.topic = "机关日常运转"
	case x < 30:
		p.topic = genericTopics[r.IntN(len(genericTopics))]
		p.name = joinName(p.topic, nameSuffixes[r.IntN(len(nameSuffixes))])
		if r.IntN(8) == 0 {
			p.name = "运转性项目—" + p.name
		}
	default:
		p.topic = d.topics[r.IntN(len(d.topics))]
		p.name = joinName(p.topic, nameSuffixes[r.IntN(len(nameSuffixes))])
	}

	// 项目属性 and duration.
	attrs, weights := []string{"新增", "延续", "经常性", "一次性"}, []float64{25, 30, 35, 10}
	if !firstYear {
		weights = []float64{70, 0, 15, 15}
	}
	p.attribute = attrs[pickCum(r, cumulative(weights))]
	startYear := year
	if p.attribute == "延续" || (p.attribute == "经常性" && firstYear && r.IntN(2) == 0) {
		startYear = year - 1 - r.IntN(5)
	}
	p.start = strconv.Itoa(startYear) + "年"
	switch x := r.IntN(100); {
	case p.attribute == "一次性":
		p.end = "1年"
	case x < 55:
		p.end = "长期"
	case x < 80:
		p.end = strconv.Itoa(1+r.IntN(5)) + "年"
	default:
		p.end = strconv.Itoa(year+r.IntN(4)) + "年"
	}
	p.code = fmt.Sprintf("5001102%dT%012d", startYear%10, p.seq)

	// Funds: log-normal around 25 万元, between 0.5 and 5000.
	x := math.Exp(math.Log(25) + 1.5*r.NormFloat64())
	for tries := 0; (x < 0.5 || x > 5000) && tries < 8; tries++ {
		x = math.Exp(math.Log(25) + 1.5*r.NormFloat64())
	}
	x = math.Min(math.Max(x, 0.5), 5000)
	p.places = []int{0, 1, 2, 3, 4}[pickCum(r, cumulative([]float64{45, 20, 25, 5, 5}))]
	p.funds = roundFunds(x, p.places)

	g.indicators(p)
	p.overview = g.overview(p)
	p.goal = g.goal(p)
	return p
}

// joinName appends a suffix to a subject without doubling a shared word
// (信息化建设 + 建设项目 → 信息化建设项目).
func joinName(topic, suffix string) string {
	t, s := []rune(topic), []rune(suffix)
	if len(t) >= 2 && len(s) > 2 && string(t[len(t)-2:]) == string(s[:2]) {
		return topic + string(s[2:])
	}
	return topic + suffix
}

// roundFunds turns 万元 into units of 0.0001 万元 at the given places,
// never below 0.5 or above 5000.
func roundFunds(x float64, places int) int64 {
	step := int64(math.Pow10(4 - places))
	v := int64(math.Round(x*math.Pow10(places))) * step
	v = max(v, 5000)
	v = min(v, 50000000)
	return v
}

func (g *gen) continueProject(old *project, year int) *project {
	r := g.r
	p := *old
	p.year = year
	p.inds = append([]indicator(nil), old.inds...)
	if p.attribute == "新增" || p.attribute == "一次性" {
		p.attribute = "延续"
	}
	if y, err := strconv.Atoi(strings.TrimSuffix(p.end, "年")); err == nil && y > 1900 && y < year {
		p.end = strconv.Itoa(year+r.IntN(3)) + "年"
	}
	// Funds change by up to ±30%; small amounts get more decimal places
	// when rounding would push the change past that.
	f := float64(old.funds) / 1e4 * (0.72 + 0.56*r.Float64())
	for tries := 0; roundFunds(f, p.places) == old.funds && tries < 5; tries++ {
		f = float64(old.funds) / 1e4 * (0.72 + 0.56*r.Float64())
	}
	for p.funds = roundFunds(f, p.places); p.places < 4; p.funds = roundFunds(f, p.places) {
		if ratio := float64(p.funds) / float64(old.funds); ratio >= 0.7 && ratio <= 1.3 {
			break
		}
		p.places++
	}
	for i := range p.inds {
		in := &p.inds[i]
		switch in.tmpl.kind {
		case kCount:
			if r.IntN(10) < 4 {
				in.num = math.Max(1, in.num*(0.85+0.4*r.Float64()))
				if in.places == 0 {
					in.num = math.Round(in.num)
				} else {
					in.num = math.Round(in.num*10) / 10
				}
			}
		case kPercent:
			if r.IntN(5) == 0 {
				in.num, in.places = g.percent(in.tmpl)
			}
		}
	}
	return &p
}

// --- indicators ---

var level2Order = map[string]int{
	"数量指标": 0, "质量指标": 1, "时效指标": 2, "成本指标": 3, "效果指标": 4,
	"经济效益指标": 0, "社会效益指标": 1, "生态效益指标": 2, "可持续影响指标": 3,
}

func (g *gen) indicators(p *project) {
	r := g.r
	n := 4 + pickCum(r, cumulative([]float64{8, 14, 18, 18, 14, 10, 8, 5, 5})) // 4..12
	s := 1
	if n >= 6 && r.IntN(100) < 15 {
		s = 2
	}
	e := 1 + r.IntN(min(4, n-s-2))
	np := n - s - e

	// 满意度 usually 10, 产出 50 and 效益 30 most of the time.
	ws := []int{10, 5, 15, 20}[pickCum(r, cumulative([]float64{75, 8, 7, 10}))]
	if s == 2 && ws < 10 {
		ws = 10
	}
	rest := 90 - ws
	wp := 50
	if ws != 10 || r.IntN(100) >= 55 {
		lo, hi := max(np, rest*2/5), min(rest-e, rest*3/4)
		wp = lo + r.IntN(hi-lo+1)
		if m := wp - wp%5; m >= lo && r.IntN(10) > 0 {
			wp = m
		}
	}
	we := rest - wp

	outL2 := g.pickLevel2(np, []string{"数量指标", "质量指标", "时效指标", "成本指标", "效果指标"}, []float64{40, 22, 18, 15, 5}, "数量指标")
	effL2 := g.pickLevel2(e, []string{"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}, []float64{20, 45, 10, 25}, "")
	sustain := "可持续影响指标"
	if r.IntN(100) < 35 {
		sustain = "可持续发展指标" // a spelling the taxonomy accepts
	}
	satL2 := "服务对象满意度指标"
	if r.IntN(100) < 15 {
		satL2 = "社会公众或服务对象满意度指标"
	}

	used := map[string]bool{}
	groups := []struct {
		l1     string
		l2s    []string
		weight int
	}{
		{"产出指标", outL2, wp},
		{"效益指标", effL2, we},
		{"满意度指标", repeat("服务对象满意度指标", s), ws},
	}
	for _, grp := range groups {
		ws := splitWeight(r, grp.weight, len(grp.l2s))
		for i, l2 := range grp.l2s {
			t := g.pickTemplate(l2, used)
			if t == nil { // all of this kind used: fall back to 数量/社会效益
				l2 = map[string]string{"产出指标": "数量指标", "效益指标": "社会效益指标", "满意度指标": "服务对象满意度指标"}[grp.l1]
				t = g.pickTemplate(l2, used)
			}
			spelled := l2
			switch {
			case l2 == "可持续影响指标":
				spelled = sustain
			case grp.l1 == "满意度指标":
				spelled = satL2
			}
			in := indicator{tmpl: t, level1: grp.l1, level2: spelled, weight: ws[i]}
			g.value(p, &in)
			p.inds = append(p.inds, in)
		}
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// pickLevel2 draws k 二级 names (at most two 成本指标), including must
// when given, in the form's order.
func (g *gen) pickLevel2(k int, names []string, weights []float64, must string) []string {
	cum := cumulative(weights)
	var out []string
	if must != "" {
		out = append(out, must)
	}
	cost := 0
	for len(out) < k {
		n := names[pickCum(g.r, cum)]
		if n == "成本指标" {
			if cost == 2 {
				continue
			}
			cost++
		}
		out = append(out, n)
	}
	sort.SliceStable(out, func(i, j int) bool { return level2Order[out[i]] < level2Order[out[j]] })
	return out
}

func (g *gen) pickTemplate(l2 string, used map[string]bool) *l3tmpl {
	ts := level3Tmpls[l2]
	start := g.r.IntN(len(ts))
	for i := range ts {
		t := &ts[(start+i)%len(ts)]
		if !used[t.text] {
			used[t.text] = true
			return t
		}
	}
	return nil
}

func (g *gen) value(p *project, in *indicator) {
	r := g.r
	t := in.tmpl
	in.op = t.ops[r.IntN(len(t.ops))]
	if len(t.units) > 0 {
		in.unit = t.units[r.IntN(len(t.units))]
	}
	switch t.kind {
	case kQual:
		in.word = t.words[r.IntN(len(t.words))]
	case kCost:
		in.share = 1
		if t.share == 0 {
			in.share = 0.3 + 0.65*r.Float64()
		}
	case kPercent:
		in.num, in.places = g.percent(t)
	case kCount:
		lo, hi := math.Log(float64(max(t.lo, 1))), math.Log(float64(t.hi))
		v := math.Exp(lo + (hi-lo)*r.Float64())
		if t.dec && r.IntN(2) == 0 {
			in.num, in.places = math.Max(0.1, math.Round(v*10)/10), 1
			return
		}
		v = math.Round(v)
		if v >= 200 && r.IntN(2) == 0 {
			v = math.Round(v/10) * 10
		}
		in.num = math.Max(v, float64(max(t.lo, 1)))
	}
}

func (g *gen) percent(t *l3tmpl) (float64, int) {
	r := g.r
	var fives []int
	for v := t.lo; v <= t.hi; v++ {
		if v%5 == 0 {
			fives = append(fives, v)
		}
	}
	v := t.lo + r.IntN(t.hi-t.lo+1)
	if len(fives) > 0 && r.IntN(10) < 7 {
		v = fives[r.IntN(len(fives))]
	}
	if t.dec && v < t.hi && r.IntN(3) == 0 {
		return float64(v) + 0.5, 1
	}
	return float64(v), 0
}

// valueText is the 指标值 printed for an indicator in its project's year.
func (in *indicator) valueText(p *project) string {
	switch in.tmpl.kind {
	case kQual:
		return in.word
	case kCost:
		v := p.funds
		if in.share < 1 {
			v = int64(float64(p.funds)*in.share) / 100 * 100 // two places, rounded down
			if v <= 0 {
				v = p.funds
			}
		}
		return formatWan(v)
	}
	return strconv.FormatFloat(in.num, 'f', in.places, 64)
}

// level3Text is the 三级指标 text in the project's year.
func (in *indicator) level3Text(p *project) string {
	return strings.ReplaceAll(in.tmpl.text, "{Y}", strconv.Itoa(p.year))
}

// formatWan prints an amount in 0.0001 万元 without trailing zeros.
func formatWan(v int64) string {
	s := fmt.Sprintf("%d.%04d", v/10000, v%10000)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// splitWeight divides total among k indicators, in fives when it can.
func splitWeight(r *rand.Rand, total, k int) []int {
	step := 1
	if total%5 == 0 && total/5 >= k {
		step = 5
	}
	w := make([]int, k)
	units := total / step
	for i := range w {
		w[i] = step
	}
	for u := k; u < units; u++ {
		w[r.IntN(k)] += step
	}
	return w
}

// --- texts ---

func (g *gen) overview(p *project) string {
	r := g.r
	target := 60 + r.IntN(150)
	fill := func(s string) string {
		if strings.Contains(s, "%s") {
			return fmt.Sprintf(s, p.topic)
		}
		return s
	}
	var b strings.Builder
	basis := basisPhrases[r.IntN(len(basisPhrases))]
	if p.topic == "机关日常运转" && strings.Contains(basis, "%s") {
		basis = "依据本单位职能职责，"
	}
	b.WriteString(fill(basis))
	b.WriteString(fill(contentPhrases[r.IntN(len(contentPhrases))]))
	b.WriteString("主要包括" + g.activityList(2+r.IntN(3)) + "等内容，")
	b.WriteString(fill(purposePhrases[r.IntN(len(purposePhrases))]))
	return g.pad(b.String(), target, extraPhrases)
}

func (g *gen) goal(p *project) string {
	r := g.r
	target := 60 + r.IntN(120)
	var b strings.Builder
	b.WriteString(fmt.Sprintf([]string{"保障%s顺利实施，", "确保%s工作有序推进，", "围绕%s年度任务，"}[r.IntN(3)], p.topic))
	b.WriteString("完成" + g.activityList(2+r.IntN(2)) + "等工作任务，")
	perm := r.Perm(len(goalResults))
	for i := 0; i < 1+r.IntN(2); i++ {
		b.WriteString(goalResults[perm[i]] + "，")
	}
	sat := "95"
	for i := range p.inds {
		if in := &p.inds[i]; in.level1 == "满意度指标" && in.tmpl.kind == kPercent {
			sat = in.valueText(p)
			break
		}
	}
	b.WriteString("服务对象满意度达到" + sat + "%以上。")
	return g.pad(b.String(), target, []string{
		"严格控制项目支出在预算范围内。",
		"项目资金专款专用，按进度及时支付。",
		"按要求做好资料收集整理和绩效自评工作。",
		"进一步健全内部管理制度，规范项目实施流程。",
	})
}

func (g *gen) activityList(k int) string {
	perm := g.r.Perm(len(activities))
	parts := make([]string, k)
	for i := range parts {
		parts[i] = activities[perm[i]]
	}
	return strings.Join(parts[:k-1], "、") + "和" + parts[k-1]
}

// pad appends sentences until s reaches target characters (and at least
// 60), never passing 250.
func (g *gen) pad(s string, target int, extras []string) string {
	n := len([]rune(s))
	perm := g.r.Perm(len(extras))
	for _, i := range perm {
		if n >= target && n >= 60 {
			break
		}
		e := extras[i]
		if n+len([]rune(e)) > 250 {
			break
		}
		s += e
		n += len([]rune(e))
	}
	return s
}

// --- helpers ---

func cumulative(w []float64) []float64 {
	c := make([]float64, len(w))
	sum := 0.0
	for i, x := range w {
		sum += x
		c[i] = sum
	}
	return c
}

func pickCum(r *rand.Rand, cum []float64) int {
	x := r.Float64() * cum[len(cum)-1]
	i := sort.SearchFloat64s(cum, x)
	for i < len(cum)-1 && cum[i] <= x {
		i++
	}
	return min(i, len(cum)-1)
}

// allocate divides n items among len(w) buckets, at least one each, the
// rest drawn in proportion to w.
func allocate(r *rand.Rand, n int, w []float64) []int {
	out := make([]int, len(w))
	for i := range out {
		out[i] = 1
	}
	cum := cumulative(w)
	for k := len(w); k < n; k++ {
		out[pickCum(r, cum)]++
	}
	return out
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// chineseNumber writes 1–9999 in Chinese numerals (十二, 一百零五).
func chineseNumber(n int) string {
	if n <= 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	if n < 20 && n >= 10 {
		if n == 10 {
			return "十"
		}
		return "十" + cnDigits[n-10]
	}
	units := []string{"千", "百", "十", ""}
	div := []int{1000, 100, 10, 1}
	var b strings.Builder
	zero := false
	started := false
	for i, d := range div {
		q := n / d % 10
		if q == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		b.WriteString(cnDigits[q] + units[i])
		started = true
	}
	return b.String()
}
