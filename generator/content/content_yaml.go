package content

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unique"

	"go.yaml.in/yaml/v3"
)

// appendFrontMatter writes a project's front matter exactly as yaml.v3's
// Encoder (indent 2) writes the Project struct, without reflection: an
// import of a province writes tens of thousands of these, and encoding
// them was most of its CPU time. BenchmarkFrontMatter keeps the reason:
// on the sample, the hand-written writer takes 150 µs where yaml.v3
// takes 2.4 ms, and the reader 0.5 ms where yaml.v3 takes 2.2 ms.
// TestFastFrontMatterCoversTheFormat fails for a model field added to
// the struct tags and not here.
//
// Only the choice of how to write a string is YAML's own business. Text
// that is plainly safe to write unquoted is written as is; anything else
// (a number-like value such as "12", a leading quote or dash, a colon
// followed by a space) is written as yaml.v3 writes it, remembered for
// the values that repeat. ok is false when a string needs a block style
// (a line break), whose indentation depends on where it stands; the
// caller then lets yaml.v3 write the whole document. FuzzFrontMatter
// holds the result to yaml.v3's, byte for byte.
func appendFrontMatter(b []byte, p *budget.Project) (_ []byte, ok bool) {
	str := func(key, indent, s string) {
		if !ok {
			return
		}
		b = append(b, indent...)
		b = append(b, key...)
		b = append(b, ": "...)
		b, ok = appendYAMLString(b, s)
		b = append(b, '\n')
	}
	if len(p.FundsBreakdown) > 0 || p.Evaluation != nil {
		// Nested lists and blocks are rare, written by yaml.v3.
		return b, false
	}
	ok = true
	str("code", "", p.Code)
	str("name", "", p.Name)
	b = append(b, "year: "...)
	b = strconv.AppendInt(b, int64(p.Year), 10)
	b = append(b, "\ndepartment:\n"...)
	str("code", "  ", p.Department.Code)
	str("name", "  ", p.Department.Name)
	b = append(b, "unit:\n"...)
	str("code", "  ", p.Unit.Code)
	str("name", "  ", p.Unit.Name)
	b = append(b, "funds_wan: "...)
	b = append(b, p.Funds.String()...)
	b = append(b, '\n')
	str("attribute", "", p.Attribute)
	str("start", "", p.Start)
	str("end", "", p.End)
	if p.OverallGoal != "" {
		str("overall_goal", "", p.OverallGoal)
	}
	str("annual_goal", "", p.AnnualGoal)
	if len(p.Indicators) == 0 {
		b = append(b, "indicators: []\n"...)
	} else {
		b = append(b, "indicators:\n"...)
	}
	for _, in := range p.Indicators {
		str("level1", "  - ", in.Level1)
		str("level2", "    ", in.Level2)
		str("level3", "    ", in.Level3)
		str("value", "    ", in.Value)
		str("operator", "    ", in.Operator)
		str("unit", "    ", in.Unit)
		b = append(b, "    weight: "...)
		b = append(b, in.Weight.String()...)
		b = append(b, '\n')
		for _, f := range [...]struct{ key, value string }{
			{"direction", in.Direction}, {"standard", in.Standard}, {"remark", in.Remark}, {"printed", in.Printed}, {"period", in.Period},
		} {
			if f.value != "" {
				str(f.key, "    ", f.value)
			}
		}
	}
	if p.PubDate != "" {
		str("pub_date", "", p.PubDate)
	}
	if p.Source != (budget.Source{}) {
		b = append(b, "source:\n"...)
		if p.Source.File != "" {
			str("file", "  ", p.Source.File)
		}
		if p.Source.Line != 0 {
			b = append(b, "  line: "...)
			b = strconv.AppendInt(b, int64(p.Source.Line), 10)
			b = append(b, '\n')
		}
	}
	return b, ok
}

// quotedStrings remembers how yaml.v3 writes the strings it does not
// write plain; indicator values and dates repeat across a year's tables.
var quotedStrings sync.Map // string → string

func appendYAMLString(b []byte, s string) ([]byte, bool) {
	if plainSafe(s) {
		return append(b, s...), true
	}
	if q, ok := quotedStrings.Load(s); ok {
		return append(b, q.(string)...), true
	}
	out, err := yaml.Marshal(s)
	if err != nil {
		return b, false
	}
	q := strings.TrimSuffix(string(out), "\n")
	if strings.Contains(q, "\n") {
		return b, false // a block scalar: indentation depends on the place
	}
	if len(s) <= 64 {
		quotedStrings.Store(s, q)
	}
	return append(b, q...), true
}

// plainSafe reports text yaml.v3 certainly writes unquoted in a block
// mapping: printable, no surrounding space, no character that starts YAML
// syntax in front, no ": " or " #" inside, and nothing that could read as
// another type (numbers, dates and the like start with a digit, a sign or
// a dot; booleans and null are words checked below). It may say no to
// text yaml.v3 would write plain; it must never say yes to text it would
// quote.
func plainSafe(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case ' ', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
		'+', '.', '~', '<', '=':
		return false
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if !notANumber(s) {
			return false
		}
	}
	if last := s[len(s)-1]; last == ' ' || last == ':' {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	for _, r := range s {
		switch {
		case r == utf8.RuneError, r < 0x20, r == 0x7f, r >= 0x80 && r <= 0xa0,
			r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xd800 && r <= 0xdfff, r >= 0xfffe:
			// libyaml, which yaml.v3 follows, counts no character beyond
			// the Basic Multilingual Plane as printable and escapes it.
			return false
		}
	}
	if len(s) <= 5 {
		switch strings.ToLower(s) {
		case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
			return false
		}
	}
	return true
}

// notANumber reports text starting with a digit that YAML cannot read as
// a number, a date or a sexagesimal: no '-' or ':' (dates, times, base
// 60), and a character no number has (a letter other than those of hex
// digits, exponents and base prefixes, or any non-ASCII character), as in
// 2022年 or 50011022T000000155466.
func notANumber(s string) bool {
	if strings.ContainsAny(s, "-:") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return true
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			if !strings.ContainsRune("abcdefABCDEFxXoOpP", rune(c)) {
				return true
			}
		}
	}
	return false
}

// readFrontMatter reads front matter in the form appendFrontMatter
// writes, which is what import writes and what most content files stay
// in, without building a YAML node tree: decoding was most of a cold
// build's load time. It reads leniently, then accepts its result only if
// writing it back gives exactly the bytes it read. Since yaml.v3 decodes
// that form back to the same project, the result is what yaml.v3 would
// have decoded; anything else (comments, other quoting, other order,
// hand-written YAML of any kind) gives ok false, and the caller decodes
// with yaml.v3. lines holds each top-level field's line within fm (from
// 1) and the line of each indicator.
func readFrontMatter(fm []byte) (p budget.Project, lines map[string]int, indLines []int, ok bool) {
	lines = make(map[string]int, len(topLevelKeys))
	text := string(fm)
	if n := strings.Count(text, "\n  - "); n > 0 {
		p.Indicators = make([]budget.Indicator, 0, n)
	}
	section := ""
	n := 0
	for len(text) > 0 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		n++
		key, value, found := strings.Cut(strings.TrimLeft(line, " -"), ":")
		if !found {
			return p, nil, nil, false
		}
		value = strings.TrimPrefix(value, " ")
		if !strings.HasPrefix(line, " ") {
			section = key
			// A constant for the key, not a slice of text, which the
			// map would keep alive.
			k, known := topLevelKeys[key]
			if !known {
				return p, nil, nil, false
			}
			lines[k] = n
		}
		var s string
		if key != "indicators" || section != "indicators" || strings.HasPrefix(line, " ") {
			if s, ok = readYAMLString(value); !ok {
				return p, nil, nil, false
			}
		}
		switch section + "." + key {
		case "code.code":
			p.Code = s
		case "name.name":
			p.Name = s
		case "year.year":
			if p.Year, ok = atoiStrict(value); !ok {
				return p, nil, nil, false
			}
		case "department.department", "unit.unit", "source.source":
		case "department.code":
			p.Department.Code = s
		case "department.name":
			p.Department.Name = s
		case "unit.code":
			p.Unit.Code = s
		case "unit.name":
			p.Unit.Name = s
		case "funds_wan.funds_wan":
			d, err := decimal.ParseDecimal(value)
			if err != nil {
				return p, nil, nil, false
			}
			p.Funds = d
		case "attribute.attribute":
			p.Attribute = s
		case "start.start":
			p.Start = s
		case "end.end":
			p.End = s
		case "overall_goal.overall_goal":
			p.OverallGoal = s
		case "annual_goal.annual_goal":
			p.AnnualGoal = s
		case "indicators.indicators":
			if value == "[]" {
				p.Indicators = []budget.Indicator{}
			}
		case "indicators.level1":
			p.Indicators = append(p.Indicators, budget.Indicator{Level1: s})
			indLines = append(indLines, n)
		case "indicators.level2", "indicators.level3", "indicators.value", "indicators.operator", "indicators.unit", "indicators.weight",
			"indicators.direction", "indicators.standard", "indicators.remark", "indicators.printed", "indicators.period":
			if len(p.Indicators) == 0 {
				return p, nil, nil, false
			}
			in := &p.Indicators[len(p.Indicators)-1]
			switch key {
			case "level2":
				in.Level2 = s
			case "level3":
				in.Level3 = s
			case "value":
				in.Value = s
			case "operator":
				in.Operator = s
			case "unit":
				in.Unit = s
			case "direction":
				in.Direction = s
			case "standard":
				in.Standard = s
			case "remark":
				in.Remark = s
			case "printed":
				in.Printed = s
			case "period":
				in.Period = s
			case "weight":
				d, err := decimal.ParseDecimal(value)
				if err != nil {
					return p, nil, nil, false
				}
				in.Weight = d
			}
		case "pub_date.pub_date":
			p.PubDate = s
		case "source.file":
			p.Source.File = s
		case "source.line":
			if p.Source.Line, ok = atoiStrict(value); !ok {
				return p, nil, nil, false
			}
		default:
			return p, nil, nil, false
		}
	}
	back, ok := appendFrontMatter(make([]byte, 0, len(fm)), &p)
	if !ok || string(back) != string(fm) {
		return p, nil, nil, false
	}
	// The fields are slices of the whole front matter; copies let it go,
	// which at a province's size is hundreds of megabytes. Labels, codes,
	// units, dates and short values repeat across a province's projects
	// (产出指标, 数量指标, ≥, 万元, 2022-01-01…) and share one copy each.
	p.Texts(func(_ string, s *string, prose bool) { *s = keep(*s, prose) })
	return p, lines, indLines, true
}

// keep returns a copy of s that does not hold on to the text it was cut
// from: shared with every equal string when it is a label or short.
func keep(s string, prose bool) string {
	if !prose || len(s) <= 24 {
		return unique.Make(s).Value()
	}
	return strings.Clone(s)
}

// topLevelKeys are the front matter's fields, as constants.
var topLevelKeys = func() map[string]string {
	m := map[string]string{}
	for _, k := range []string{"code", "name", "year", "department", "unit", "funds_wan", "attribute", "start", "end",
		"overall_goal", "annual_goal", "indicators", "pub_date", "source"} {
		m[k] = k
	}
	return m
}()

// quotedValues remembers what the quoted strings read back as.
var quotedValues sync.Map // quoted text → string

// readYAMLString reads one scalar as appendYAMLString writes it: plain
// text as is, quoted text as YAML reads it.
func readYAMLString(v string) (string, bool) {
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return v, true
	}
	if s, ok := quotedValues.Load(v); ok {
		return s.(string), true
	}
	var s string
	if err := yaml.Unmarshal([]byte(v), &s); err != nil {
		return "", false
	}
	if len(v) <= 64 {
		quotedValues.Store(v, s)
	}
	return s, true
}

// atoiStrict reads a decimal integer as YAML writes one.
func atoiStrict(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && strconv.Itoa(n) == s
}
