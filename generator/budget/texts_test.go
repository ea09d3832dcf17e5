package budget

import (
	"reflect"
	"strconv"
	"testing"

	"budgetsite/generator/decimal"
)

// fill sets every exported string reachable from v to a distinct value,
// makes every slice two long and every pointer non-nil, and returns the
// strings it set.
func fill(t *testing.T, v reflect.Value, n *int, set map[string]bool) {
	fillDepth(t, v, n, set, 0)
}

func fillDepth(t *testing.T, v reflect.Value, n *int, set map[string]bool, depth int) {
	if depth > 8 {
		return // recursive types (Execution.Breakdown) stop here
	}
	switch v.Kind() {
	case reflect.String:
		*n++
		s := "s" + strconv.Itoa(*n)
		v.SetString(s)
		set[s] = true
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillDepth(t, s.Index(i), n, set, depth+1)
		}
		v.Set(s)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillDepth(t, v.Elem(), n, set, depth+1)
	case reflect.Map:
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(decimal.Decimal{}) {
			v.Set(reflect.ValueOf(decimal.MustDecimal("1.5")))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || (f.Type.Kind() == reflect.String && (f.Name == "File" && v.Type() == reflect.TypeOf(Project{}))) {
				continue // Project.File locates the file; it is not content
			}
			fillDepth(t, v.Field(i), n, set, depth+1)
		}
	default:
		t.Fatalf("fill: %s is not handled", v.Type())
	}
}

// TestTextsVisitsEveryString: a text field added to the model and not to
// Texts fails here.
func TestTextsVisitsEveryString(t *testing.T) {
	var p Project
	set := map[string]bool{}
	n := 0
	fill(t, reflect.ValueOf(&p).Elem(), &n, set)
	seen := map[string]string{}
	p.Texts(func(path string, s *string, prose bool) {
		if *s == "" {
			return // below the depth fill stops at
		}
		if prev, ok := seen[*s]; ok {
			t.Errorf("%s and %s visit the same field", prev, path)
		}
		seen[*s] = path
	})
	for s := range set {
		if _, ok := seen[s]; !ok {
			t.Errorf("a string field holding %q is not visited by Texts", s)
		}
	}
}

func TestCloneIsDeep(t *testing.T) {
	var p Project
	n := 0
	fill(t, reflect.ValueOf(&p).Elem(), &n, map[string]bool{})
	p.Lines = map[string]int{"name": 3}
	q := p.Clone()
	if !reflect.DeepEqual(*q, p) {
		t.Fatal("a clone differs from its original")
	}
	q.Texts(func(_ string, s *string, _ bool) { *s = "changed" })
	q.Lines["name"] = 9
	p.Texts(func(path string, s *string, _ bool) {
		if *s == "changed" {
			t.Errorf("changing the clone's %s changed the original", path)
		}
	})
	if p.Lines["name"] != 3 {
		t.Error("the clone shares Lines")
	}
}
