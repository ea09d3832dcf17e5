package budget

import (
	"strings"
	"unicode"

	"budgetsite/generator/decimal"
)

// Status is how an indicator fared in the 自评.
type Status string

const (
	StatusMet     Status = "达成"
	StatusUnmet   Status = "未达成"
	StatusUnknown Status = "无法判断" // neither comparable numbers nor a score
)

// Paired is one target indicator with its result: Result is nil when the
// 自评 has no result for it.
type Paired struct {
	Indicator *Indicator
	Result    *Result
	Status    Status // "" when Result is nil
}

// Pairs matches a project's results to its target indicators by 一级, 二级
// and 三级 (LevelKey), in order when a key repeats, and assesses each
// pair. It returns one Paired per target indicator, in the target's
// order, and the results that match no target. Without an evaluation it
// returns nil, nil.
func (p *Project) Pairs() (pairs []Paired, unmatched []*Result) {
	e := p.Evaluation
	if e == nil {
		return nil, nil
	}
	byKey := map[string][]int{}
	for i := range e.Indicators {
		r := &e.Indicators[i]
		k := LevelKey(r.Level1, r.Level2, r.Level3)
		byKey[k] = append(byKey[k], i)
	}
	used := make([]bool, len(e.Indicators))
	pairs = make([]Paired, len(p.Indicators))
	for i := range p.Indicators {
		in := &p.Indicators[i]
		pairs[i].Indicator = in
		k := LevelKey(in.Level1, in.Level2, in.Level3)
		if q := byKey[k]; len(q) > 0 {
			r := &e.Indicators[q[0]]
			byKey[k] = q[1:]
			used[q[0]] = true
			pairs[i].Result = r
			pairs[i].Status = Assess(in, r)
		}
	}
	for i := range e.Indicators {
		if !used[i] {
			unmatched = append(unmatched, &e.Indicators[i])
		}
	}
	return pairs, unmatched
}

// LevelKey is the key results are matched to targets by: the three
// levels without white space, without a bracketed part such as the
// points in 产出指标(50分), and without a trailing 指标, so that
// 经济效益 指标 and 经济效益指标, or 服务对象满意度 and 服务对象满意度指标,
// are one level.
func LevelKey(level1, level2, level3 string) string {
	return normLevel(level1) + "\x00" + normLevel(level2) + "\x00" + normLevel(level3)
}

func normLevel(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '（':
			depth++
		case r == ')' || r == '）':
			if depth > 0 {
				depth--
			}
		case depth > 0, unicode.IsSpace(r):
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSuffix(b.String(), "指标")
}

// Assess says whether a result met its target. Where the target is
// quantitative and both it and the actual value read as numbers in the
// same unit, the operator decides: ≥ and > are met at or above the
// target, ≤ and < at or below it, = when equal. An unequal = is not
// decisive, since tables print = for a target stated without an
// operator (满意度 90% reached at 100%): a score then decides if there is
// one, else it is not met. Otherwise a score decides: full marks is met,
// less is not met. With neither, the status is StatusUnknown.
func Assess(in *Indicator, r *Result) Status {
	scored := r.Score != nil && r.MaxScore != nil && r.MaxScore.Sign() > 0
	if in.Operator != "" && !in.Qualitative() {
		if target, err := decimal.ParseDecimal(in.Value); err == nil {
			if actual, unit, ok := leadingNumber(r.Actual); ok && (unit == "" || unit == in.Unit || in.Unit == "") {
				c := actual.Cmp(target)
				met := false
				switch in.Operator {
				case OpEqual:
					met = c == 0
				case OpAtLeast:
					met = c >= 0
				case OpAtMost:
					met = c <= 0
				case OpGreater:
					met = c > 0
				case OpLess:
					met = c < 0
				}
				if met {
					return StatusMet
				}
				if in.Operator != OpEqual || !scored {
					return StatusUnmet
				}
			}
		}
	}
	if scored {
		if r.Score.Cmp(*r.MaxScore) >= 0 {
			return StatusMet
		}
		return StatusUnmet
	}
	return StatusUnknown
}

// leadingNumber reads an actual value as printed: an optional operator
// (≥266米 reports 266), a plain decimal number, and the rest as its unit.
// ok is false for text that does not start with a number (完成, 优良).
func leadingNumber(s string) (d decimal.Decimal, unit string, ok bool) {
	s = strings.TrimSpace(s)
	for _, op := range []string{"≥", "≤", ">=", "<=", "＞", "＜", ">", "<", "=", "＝"} {
		s = strings.TrimPrefix(s, op)
	}
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.' && end > 0) {
		end++
	}
	if end == 0 {
		return d, "", false
	}
	d, err := decimal.ParseDecimal(s[:end])
	if err != nil {
		return d, "", false
	}
	unit = strings.TrimSpace(s[end:])
	if unit != "" && unicode.IsDigit([]rune(unit)[0]) {
		return d, "", false
	}
	// A period (2023.07-2024.01) or a range (90-100) is not one number.
	if strings.ContainsAny(unit, "-~～—至") {
		return d, "", false
	}
	return d, unit, true
}

// TargetChanged reports whether the target a 自评 printed for an
// indicator (Result.Target) differs from the published one: a target
// quietly changed after publication. The texts are compared without
// white space and with the operators' spellings made one (>= is ≥);
// where both read as a number, they are the same target when the
// numbers are equal, the units are equal, and the operators are equal or
// the 自评 prints none. An empty Result.Target changes nothing.
func TargetChanged(in *Indicator, r *Result) bool {
	if strings.TrimSpace(r.Target) == "" {
		return false
	}
	published := in.Printed
	if published == "" {
		published = in.Value + in.Unit
		if in.Operator != "" && in.Operator != OpEqual && !in.Qualitative() {
			published = in.Operator + published
		}
	}
	if normTarget(published) == normTarget(r.Target) {
		return false
	}
	if in.Qualitative() {
		return true
	}
	want, err := decimal.ParseDecimal(in.Value)
	if err != nil {
		return true
	}
	op, rest := splitOperator(normTarget(r.Target))
	got, unit, ok := leadingNumber(rest)
	if !ok || got.Cmp(want) != 0 || normTarget(unit) != normTarget(in.Unit) {
		return true
	}
	return op != "" && op != in.Operator
}

var targetSpellings = strings.NewReplacer(">=", "≥", "<=", "≤", "＞＝", "≥", "＜＝", "≤", "≧", "≥", "≦", "≤",
	"＞", ">", "＜", "<", "＝", "=", "％", "%")

func normTarget(s string) string {
	s = targetSpellings.Replace(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// splitOperator takes a leading operator off a normalised target.
func splitOperator(s string) (op, rest string) {
	for _, o := range []string{OpAtLeast, OpAtMost, OpGreater, OpLess, OpEqual} {
		if strings.HasPrefix(s, o) {
			return o, s[len(o):]
		}
	}
	return "", s
}
