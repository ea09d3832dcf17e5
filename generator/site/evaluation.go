package site

import (
	"math/big"
	"sort"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
)

// EvalStats summarises the 绩效自评 of a set of projects (a year, a
// 主管部门 or a 实施单位): how many were evaluated, their total scores and
// grades, the budget executed against the budget adjusted, and how the
// target indicators fared. Every number is exact; ratios are rounded to
// two places only when they are formatted. Statuses come from
// (*budget.Project).Pairs, the one place indicators are assessed.
type EvalStats struct {
	Projects  int // projects in the set
	Evaluated int // projects with an evaluation
	Scored    int // evaluated projects with a 总分
	ScoreSum  decimal.Decimal
	// Average is the mean 总分 with two places; "" when none is scored.
	Average string
	// Bands counts the scored projects by 总分: below 60, 60 to 80, 80
	// to 90 and 90 or more (each band includes its lower bound).
	Bands []Count
	// Grades counts the evaluated projects by 评价等次: 优, 良, 中, 差 in
	// that order, then any other grade as printed in order of first
	// appearance, then those that print none (未评等次).
	Grades []Count
	// Adjusted and Executed sum 全年预算数 and 全年执行数 over the
	// evaluations that print both (ExecCounted of them); Rate is
	// Executed ÷ Adjusted with two places, "" when nothing counts.
	Adjusted, Executed decimal.Decimal
	ExecCounted        int
	Rate               string
	// The target indicators of the evaluated projects by status, those
	// without a result (NoResult), and results matching no target.
	Met, Unmet, Unknown, NoResult, Unmatched int
	// MetShare is Met ÷ (Met + Unmet) with two places, "" when no
	// indicator could be assessed.
	MetShare string
	// Lowest are up to LowestN evaluated projects with the lowest 总分
	// (those without one last), then the most shortfalls (未达成).
	Lowest []ProjectEval
}

// LowestN is how many projects EvalStats.Lowest lists.
const LowestN = 5

// Count is one bar of a distribution.
type Count struct {
	Label string
	N     int
}

// ProjectEval is one evaluated project as the statistics see it.
type ProjectEval struct {
	Project    *budget.Project
	Total      *decimal.Decimal
	Shortfalls int    // target indicators 未达成
	Rate       string // 执行率 as printed
}

// ScoreBands are the labels of EvalStats.Bands, lowest first.
var ScoreBands = []string{"60分以下", "60分（含）至80分", "80分（含）至90分", "90分及以上"}

var bandBounds = []decimal.Decimal{decimal.MustDecimal("60"), decimal.MustDecimal("80"), decimal.MustDecimal("90")}

// StandardGrades are the 评价等次 in their order on the statistics.
var StandardGrades = []string{"优", "良", "中", "差"}

// NoGrade labels evaluations that print no 评价等次.
const NoGrade = "未评等次"

// Evaluate computes the statistics of ps, or returns nil when none of
// them has an evaluation (pages then show nothing of the 自评).
func Evaluate(ps []*budget.Project) *EvalStats {
	st := &EvalStats{Projects: len(ps)}
	st.Bands = make([]Count, len(ScoreBands))
	for i, l := range ScoreBands {
		st.Bands[i].Label = l
	}
	grades := map[string]int{}
	var order []string
	var evaluated []ProjectEval
	for _, p := range ps {
		e := p.Evaluation
		if e == nil {
			continue
		}
		st.Evaluated++
		pe := ProjectEval{Project: p, Total: e.Total, Rate: e.Budget.Rate}
		if e.Total != nil {
			st.Scored++
			st.ScoreSum = st.ScoreSum.Add(*e.Total)
			band := 0
			for band < len(bandBounds) && e.Total.Cmp(bandBounds[band]) >= 0 {
				band++
			}
			st.Bands[band].N++
		}
		g := e.Grade
		if g == "" {
			g = NoGrade
		}
		if _, seen := grades[g]; !seen {
			order = append(order, g)
		}
		grades[g]++
		if b := e.Budget; b.Adjusted != nil && b.Executed != nil {
			st.ExecCounted++
			st.Adjusted = st.Adjusted.Add(*b.Adjusted)
			st.Executed = st.Executed.Add(*b.Executed)
		}
		pairs, unmatched := p.Pairs()
		st.Unmatched += len(unmatched)
		for _, pr := range pairs {
			switch pr.Status {
			case budget.StatusMet:
				st.Met++
			case budget.StatusUnmet:
				st.Unmet++
				pe.Shortfalls++
			case budget.StatusUnknown:
				st.Unknown++
			default:
				st.NoResult++
			}
		}
		evaluated = append(evaluated, pe)
	}
	if st.Evaluated == 0 {
		return nil
	}
	if st.Scored > 0 {
		st.Average = Ratio(st.ScoreSum, decimal.MustDecimal(itoa(st.Scored)), 1)
	}
	if st.ExecCounted > 0 {
		st.Rate = Percent(st.Executed, st.Adjusted)
	}
	st.MetShare = Percent(decimal.MustDecimal(itoa(st.Met)), decimal.MustDecimal(itoa(st.Met+st.Unmet)))
	for _, g := range StandardGrades {
		if n := grades[g]; n > 0 {
			st.Grades = append(st.Grades, Count{g, n})
		}
	}
	for _, g := range order {
		if !isStandardGrade(g) && g != NoGrade {
			st.Grades = append(st.Grades, Count{g, grades[g]})
		}
	}
	if n := grades[NoGrade]; n > 0 {
		st.Grades = append(st.Grades, Count{NoGrade, n})
	}
	sort.SliceStable(evaluated, func(i, j int) bool {
		a, b := evaluated[i], evaluated[j]
		if (a.Total == nil) != (b.Total == nil) {
			return b.Total == nil
		}
		if a.Total != nil {
			if c := a.Total.Cmp(*b.Total); c != 0 {
				return c < 0
			}
		}
		if a.Shortfalls != b.Shortfalls {
			return a.Shortfalls > b.Shortfalls
		}
		return a.Project.Code < b.Project.Code
	})
	if len(evaluated) > LowestN {
		evaluated = evaluated[:LowestN]
	}
	st.Lowest = evaluated
	return st
}

func isStandardGrade(g string) bool {
	for _, s := range StandardGrades {
		if s == g {
			return true
		}
	}
	return false
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// Percent formats part ÷ whole as a percentage with two places, exact
// and rounded half away from zero; "" when whole is zero.
func Percent(part, whole decimal.Decimal) string {
	if whole.Sign() == 0 {
		return ""
	}
	return Ratio(part, whole, 100) + "%"
}

// Ratio formats part ÷ whole × scale with two places, exact and rounded
// half away from zero; whole must not be zero.
func Ratio(part, whole decimal.Decimal, scale int64) string {
	return decimal.QuoString(part, whole, scale, 2)
}

// EvalYear is one year's statistics of an agency or the site, for the
// table of years side by side.
type EvalYear struct {
	Year    int
	URL     string
	Current bool
	Stats   *EvalStats // nil for a year without evaluations
}

// EvalHistory lists the statistics of each year, oldest first, given the
// projects of each year and the URL of its page; nil unless at least
// one of two or more years has an evaluation.
func EvalHistory(years []int, projects [][]*budget.Project, urls []string, current int) []EvalYear {
	if len(years) < 2 {
		return nil
	}
	out := make([]EvalYear, len(years))
	any := false
	for i := range years {
		out[i] = EvalYear{Year: years[i], URL: urls[i], Current: years[i] == current, Stats: Evaluate(projects[i])}
		any = any || out[i].Stats != nil
	}
	if !any {
		return nil
	}
	return out
}
