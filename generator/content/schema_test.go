package content

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
)

// fillFormat sets every field of the content format (every field with a
// yaml tag other than "-") reachable from v to a distinct value that is
// plainly safe to write unquoted, so that the hand-written front-matter
// path is taken for it. A field added to the model is filled here
// without anyone listing it.
func fillFormat(t *testing.T, v reflect.Value, n *int) {
	t.Helper()
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("值" + strings.Repeat("甲", *n%3+1) + string(rune('A'+*n%26)))
	case reflect.Int:
		v.SetInt(int64(2000 + *n))
	case reflect.Slice:
		if *n > 200 {
			return // recursive lists (budget.Execution.Breakdown) stop here
		}
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillFormat(t, s.Index(i), n)
		}
		v.Set(s)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillFormat(t, v.Elem(), n)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(decimal.Decimal{}) {
			v.Set(reflect.ValueOf(decimal.MustDecimal([]string{"109.73", "2.7132", "90", "11.50"}[*n%4])))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if tag := f.Tag.Get("yaml"); f.IsExported() && tag != "-" && tag != "" {
				fillFormat(t, v.Field(i), n)
			}
		}
	default:
		t.Fatalf("fillFormat: %s (%s) is not handled; teach the content format and this test about it", v.Type(), v.Kind())
	}
}

// TestFastFrontMatterCoversTheFormat: with every field of the format set,
// the hand-written writer and reader must agree with yaml.v3, which
// defines the format through the model's struct tags. A field added to
// budget.Project and not to content_yaml.go fails here.
func TestFastFrontMatterCoversTheFormat(t *testing.T) {
	var p budget.Project
	n := 0
	fillFormat(t, reflect.ValueOf(&p).Elem(), &n)
	p.Code, p.Department.Code, p.Unit.Code = "A1", "101", "101001"
	p.PubDate = "2022-02-15"

	// The nested blocks (funds_breakdown, evaluation) are left to
	// yaml.v3: the fast writer must refuse them, and Marshal and Parse
	// must still round-trip every field.
	if _, ok := appendFrontMatter(nil, &p); ok {
		t.Fatal("the fast writer took a project with nested blocks it does not write")
	}
	b, err := Marshal(&p)
	testkit.Must(t, err)
	back, err := Parse(bytes.NewReader(b), "a.md")
	testkit.Must(t, err)
	back.File, back.Lines, back.Overview = "", nil, p.Overview
	for i := range back.Indicators {
		back.Indicators[i].Line = 0
	}
	if !reflect.DeepEqual(canonicalJSON(t, *back), canonicalJSON(t, p)) {
		t.Errorf("round trip through yaml.v3:\n%s\nwant\n%s", canonicalJSON(t, *back), canonicalJSON(t, p))
	}
	p.FundsBreakdown, p.Evaluation = nil, nil

	fast, ok := appendFrontMatter(nil, &p)
	if !ok {
		t.Fatal("the fast writer refused a project of plain values")
	}
	var slow bytes.Buffer
	if err := encodeFrontMatter(&slow, &p); err != nil {
		t.Fatal(err)
	}
	if string(fast) != slow.String() {
		t.Fatalf("fast writer differs from yaml.v3:\n%s\n---\n%s", fast, slow.String())
	}
	got, _, _, ok := readFrontMatter(fast)
	if !ok {
		t.Fatalf("the fast reader refused what the writer wrote:\n%s", fast)
	}
	want, err := parseContent(bytes.NewReader(append(append([]byte("---\n"), fast...), "---\n"...)), "a.md", false)
	if err != nil {
		t.Fatal(err)
	}
	got.File, got.Lines, want.File, want.Lines = "", nil, "", nil
	for i := range got.Indicators {
		got.Indicators[i].Line, want.Indicators[i].Line = 0, 0
	}
	if !reflect.DeepEqual(canonicalJSON(t, got), canonicalJSON(t, *want)) {
		t.Errorf("fast reader:\n%s\nyaml.v3:\n%s", canonicalJSON(t, got), canonicalJSON(t, *want))
	}
}

// BenchmarkFrontMatter measures the hand-written front matter against
// yaml.v3, the reason it exists: an import or cold build of a province
// writes or reads tens of thousands of these.
func BenchmarkFrontMatter(b *testing.B) {
	ps := sampleProjects(b)
	var docs [][]byte
	for i := range ps {
		fm, ok := appendFrontMatter(nil, &ps[i])
		if !ok {
			continue
		}
		docs = append(docs, append(append([]byte("---\n"), fm...), "---\n"...))
	}
	b.Run("write/fast", func(b *testing.B) {
		for b.Loop() {
			for i := range ps {
				appendFrontMatter(nil, &ps[i])
			}
		}
	})
	b.Run("write/yaml.v3", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			for i := range ps {
				buf.Reset()
				encodeFrontMatter(&buf, &ps[i])
			}
		}
	})
	for _, fast := range []bool{true, false} {
		name := map[bool]string{true: "read/fast", false: "read/yaml.v3"}[fast]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				for _, d := range docs {
					if _, err := parseContent(bytes.NewReader(d), "a.md", fast); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// TestZeroScoresSurvive: a score of 0 is printed, not blank; the content
// file keeps it.
func TestZeroScoresSurvive(t *testing.T) {
	zero := decimal.MustDecimal("0")
	p := budget.Project{Code: "A1", Name: "项目", Year: 2022, Department: budget.Coded{Code: "1", Name: "部门"}, Unit: budget.Coded{Code: "11", Name: "单位"}, Evaluation: &budget.Evaluation{
		Budget:     budget.Execution{Executed: &zero, Score: &zero},
		Indicators: []budget.Result{{Level3: "指标", Actual: "0", Score: &zero}},
	}}
	b, err := Marshal(&p)
	testkit.Must(t, err)
	back, err := Parse(bytes.NewReader(b), "a.md")
	testkit.Must(t, err)
	e := back.Evaluation
	if e == nil || e.Budget.Executed == nil || e.Budget.Score == nil || e.Indicators[0].Score == nil || e.Budget.Initial != nil {
		t.Errorf("zero scores lost or blanks invented:\n%s", b)
	}
}
