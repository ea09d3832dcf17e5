package figure

import (
	"encoding/json"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"budgetsite/generator/site"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// The charts of a project page (the weight sunburst on every one, the
// funds history on those spanning several years) are built 10,000 to
// 100,000 times a build. Through go-echarts each builds a chart object,
// reflects over it (Validate, JSON) and has encoding/json marshal the
// map: in a cold build of 10,000 projects that was 1.06 s of 15.7 s CPU.
// go-echarts still owns the options' layout: each is built with it once,
// with placeholders for what varies (series data, axis data, the title),
// and marshalled once into a skeleton; a chart writes the skeleton's
// constant text and, at the placeholders, its own values, encoded as
// encoding/json encodes them (HTML-escaped strings; float64 in 'f' or,
// for very large or small numbers, 'e' form; json.Number verbatim).
// chartfast_test.go proves the result byte-equal to the go-echarts path
// for the shipped content, the example site, synthetic and hostile
// projects and a fuzz target.
//
// BenchmarkWeightSunburst, one project page's sunburst (six 二级 under
// three 一级), on the shared 2-core build box; both include weightTree
// and the weights' Float64, which are most of the fast path's cost:
//
//	goecharts  42,000-150,000 ns/op  16,900 B/op  175 allocs/op
//	fast        8,900- 11,000 ns/op   4,950 B/op   90 allocs/op
//
// In CPU profiles of a cold build of 10,000 synthetic projects,
// WeightSunburst went from 0.82 s to 0.31 s, of which the option is
// 0.05 s; weightTree and the data table's shares are the rest.
//
// The chart ID is not in the option, so it needs no placeholder.

// hole is a placeholder in a skeleton: what a chart writes there.
type hole int

const (
	holeTitle  hole = iota // the title text, a JSON string
	holeSeries             // the data of the only series, a JSON array
	holeAxis               // the category axis' data, a JSON array of strings
)

// skeleton is an option marshalled by go-echarts with placeholders, cut
// at them: text[i] comes before holes[i], the last text after the last.
type skeleton struct {
	text  []string
	holes []hole
	size  int // bytes of constant text
}

// newSkeleton cuts option at the placeholders, each given as the JSON
// that encoding/json writes for the placeholder value. Each must occur
// exactly once; anything else is a programming error, which the tests
// would catch, so it panics.
func newSkeleton(option template.JS, placeholders map[hole]any) skeleton {
	s := string(option)
	type at struct {
		pos, end int
		h        hole
	}
	var cuts []at
	for h, v := range placeholders {
		p, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		i := strings.Index(s, string(p))
		if i < 0 || strings.Count(s, string(p)) != 1 {
			panic("render: chart placeholder " + string(p) + " not exactly once in " + s)
		}
		cuts = append(cuts, at{i, i + len(p), h})
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].pos < cuts[j].pos })
	var sk skeleton
	from := 0
	for _, c := range cuts {
		if c.pos < from {
			panic("render: chart placeholders overlap in " + s)
		}
		sk.text = append(sk.text, s[from:c.pos])
		sk.holes = append(sk.holes, c.h)
		from = c.end
	}
	sk.text = append(sk.text, s[from:])
	for _, t := range sk.text {
		sk.size += len(t)
	}
	return sk
}

// fill writes the skeleton with each hole filled by fill; extra is a
// guess at the bytes the holes take.
func (sk *skeleton) fill(extra int, fill func(b []byte, h hole) []byte) template.JS {
	b := make([]byte, 0, sk.size+extra)
	for i, h := range sk.holes {
		b = append(b, sk.text[i]...)
		b = fill(b, h)
	}
	b = append(b, sk.text[len(sk.text)-1]...)
	return template.JS(b)
}

// Placeholders: the skeleton holds no other data, and newSkeleton checks
// that each placeholder's JSON ("\u0000title\u0000") occurs once.
const (
	placeholderTitle = "\x00title\x00"
	placeholderName  = "\x00name\x00"
)

// titled is a pair of skeletons of one chart kind: [0] with a title, [1]
// for the empty title, which go-echarts omits (text is omitempty).
type titled [2]skeleton

func (t *titled) pick(title string) *skeleton {
	if title == "" {
		return &t[1]
	}
	return &t[0]
}

func newTitled(build func(title string) template.JS, placeholders map[hole]any) titled {
	var t titled
	with := map[hole]any{holeTitle: placeholderTitle}
	for h, v := range placeholders {
		with[h] = v
	}
	t[0] = newSkeleton(build(placeholderTitle), with)
	t[1] = newSkeleton(build(""), placeholders)
	return t
}

var sunburstSkeletons = sync.OnceValue(func() titled {
	data := []opts.SunBurstData{{Name: placeholderName}}
	return newTitled(func(title string) template.JS { return sunburstEcharts("skeleton", title, data) },
		map[hole]any{holeSeries: data})
})

// sunburstOption is sunburstEcharts(id, title, data of tree) without
// go-echarts.
func sunburstOption(title string, tree []*weightNode) template.JS {
	sk := sunburstSkeletons()
	return sk.pick(title).fill(64*len(tree)+len(title), func(b []byte, h hole) []byte {
		if h == holeTitle {
			return appendJSONString(b, title)
		}
		b = append(b, '[')
		for i, n := range tree {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendSunburstNode(b, n, true)
		}
		return append(b, ']')
	})
}

// appendSunburstNode writes a node as go-echarts' opts.SunBurstData: a
// 一级 node with its name and children, a 二级 node with its name and
// weight as float64; fields in declaration order (name, value,
// children), each left out when empty (they are omitempty).
func appendSunburstNode(b []byte, n *weightNode, level1 bool) []byte {
	b = append(b, '{')
	sep := false
	if n.Name != "" {
		b = append(b, `"name":`...)
		b = appendJSONString(b, n.Name)
		sep = true
	}
	if !level1 {
		if f := n.Weight.Float64(); f != 0 {
			if sep {
				b = append(b, ',')
			}
			b = append(b, `"value":`...)
			b = appendJSONFloat(b, f)
		}
	} else if len(n.Children) > 0 {
		if sep {
			b = append(b, ',')
		}
		b = append(b, `"children":[`...)
		for j, c := range n.Children {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendSunburstNode(b, c, false)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

var historySkeletons = sync.OnceValue(func() titled {
	data := []opts.BarData{{Name: placeholderName}}
	years := []string{placeholderName + "axis"}
	return newTitled(func(title string) template.JS { return historyEcharts("skeleton", title, years, data) },
		map[hole]any{holeSeries: data, holeAxis: years})
})

// historyOption is historyEcharts(id, title, …) of the rows without
// go-echarts: the years on the category axis, and a bar per year named
// by it, whose value is the total as a json.Number.
func historyOption(title string, rows []site.YearChange) template.JS {
	sk := historySkeletons()
	return sk.pick(title).fill(48*len(rows)+len(title), func(b []byte, h hole) []byte {
		switch h {
		case holeTitle:
			return appendJSONString(b, title)
		case holeAxis:
			b = append(b, '[')
			for i, r := range rows {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, historyYear(r))
			}
			return append(b, ']')
		}
		b = append(b, '[')
		for i, r := range rows {
			if i > 0 {
				b = append(b, ',')
			}
			// opts.BarData: name (never empty here), value (a non-nil
			// interface, so always written).
			b = append(b, `{"name":`...)
			b = appendJSONString(b, historyYear(r))
			b = append(b, `,"value":`...)
			b = appendJSONNumber(b, r.Total.String())
			b = append(b, '}')
		}
		return append(b, ']')
	})
}

// appendJSONString writes s as json.Marshal does: quoted, with <, > and
// & escaped, invalid UTF-8 replaced, U+2028 and U+2029 escaped. Strings
// with nothing to escape, nearly all, are copied; any other goes
// through json.Marshal itself.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendMarshal(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendMarshal(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONFloat writes f as encoding/json's floatEncoder does: 'f'
// form between 1e-6 and 1e21, which is every weight a form prints; any
// other number goes through json.Marshal itself.
func appendJSONFloat(b []byte, f float64) []byte {
	if a := math.Abs(f); a == 0 || a >= 1e-6 && a < 1e21 {
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	return appendMarshal(b, f)
}

// appendJSONNumber writes a json.Number as encoding/json does: as is,
// once it is known to be a valid number. decimal.Decimal's String is
// always -?digits(.digits)?; anything else goes through json.Marshal.
func appendJSONNumber(b []byte, n string) []byte {
	digits := func(s string) (rest string, ok bool) {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return s[i:], i > 0
	}
	s := n
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	s, ok := digits(s)
	if ok && len(s) > 0 && s[0] == '.' {
		s, ok = digits(s[1:])
	}
	if !ok || s != "" || len(n) > 1 && n[0] == '0' && n[1] != '.' || len(n) > 2 && n[:2] == "-0" && n[2] != '.' {
		return appendMarshal(b, json.Number(n))
	}
	return append(b, n...)
}

// appendMarshal appends json.Marshal(v); like finish, it panics on what
// encoding/json cannot encode (a NaN or infinite weight), as the
// go-echarts path did.
func appendMarshal(b []byte, v any) []byte {
	j, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return append(b, j...)
}
