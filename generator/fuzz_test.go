package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/markdown"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// canonicalJSON prints a project exactly (Decimals by their digits), for
// comparisons that must not depend on big.Int's internal layout.
func canonicalJSON(t *testing.T, p budget.Project) string {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	return string(b)
}

var fuzzCodeRe = regexp.MustCompile(`^[0-9A-Za-z]+$`)

func FuzzParseTables(f *testing.F) {
	if b, err := os.ReadFile(tablesSamplePath); err == nil {
		f.Add(b, 0)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "import", "*.txt"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, 0)
		f.Add(b, 2023)
	}
	f.Add([]byte(tabbed(synTable)), 0)
	f.Add([]byte(tabbed("财政资金项目支出绩效目标表\n"+synHead+synIndHead+synRows)), 2023)

	f.Fuzz(func(t *testing.T, data []byte, year int) {
		ps, err := ParseTables(bytes.NewReader(data), "fuzz.txt", ParseOptions{Year: year})
		// Parsing in chunks on every core must equal one pass.
		for _, per := range []int{1, 2} {
			cps, cerr := parseTables(bytes.NewReader(data), "fuzz.txt", ParseOptions{Year: year}, per)
			if !reflect.DeepEqual(cps, ps) || fmt.Sprint(cerr) != fmt.Sprint(err) {
				t.Fatalf("chunks of %d tables parse differently from one pass:\n%v\n%v", per, cerr, err)
			}
		}
		if err != nil {
			if ps != nil {
				t.Fatalf("projects returned with an error")
			}
			var list budget.ErrorList
			var one *budget.Error
			if !asErrorList(err, &list, &one) {
				t.Fatalf("error %T is neither ErrorList nor *Error: %v", err, err)
			}
			return
		}
		if len(ps) == 0 {
			t.Fatal("no projects and no error")
		}
		for _, p := range ps {
			if !fuzzCodeRe.MatchString(p.Code) || !fuzzCodeRe.MatchString(p.Department.Code) || !fuzzCodeRe.MatchString(p.Unit.Code) {
				t.Fatalf("invalid codes %q %q %q", p.Code, p.Department.Code, p.Unit.Code)
			}
			if p.Year < 1990 || p.Year > 2100 {
				t.Fatalf("year %d out of range", p.Year)
			}
			if len(p.Indicators) == 0 {
				t.Fatal("project without indicators")
			}
			for path, s := range allStringFields(p) {
				if m := hanGapRe.FindString(s); m != "" {
					t.Fatalf("%s = %q leaves a space between Han characters: %q", path, s, m)
				}
			}
			b, err := MarshalContent(&p)
			if err != nil {
				t.Fatalf("MarshalContent: %v", err)
			}
			q, err := ParseContent(bytes.NewReader(b), "fuzz.md")
			if err != nil {
				t.Fatalf("ParseContent of a parsed table: %v\n%s", err, b)
			}
			if got, want := canonicalJSON(t, withoutLocation(*q)), canonicalJSON(t, withoutLocation(p)); got != want {
				t.Fatalf("content round trip differs:\n got %s\nwant %s", got, want)
			}
		}
	})
}

func asErrorList(err error, list *budget.ErrorList, one **budget.Error) bool {
	switch e := err.(type) {
	case budget.ErrorList:
		*list = e
		return len(e) > 0
	case *budget.Error:
		*one = e
		return true
	}
	return false
}

func FuzzParseContent(f *testing.F) {
	f.Add([]byte(sampleContent))
	if b, err := os.ReadFile(tablesSamplePath); err == nil {
		if ps, err := ParseTables(bytes.NewReader(b), "sample.txt", ParseOptions{}); err == nil {
			for i := range ps {
				if b, err := MarshalContent(&ps[i]); err == nil {
					f.Add(b)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseContent(bytes.NewReader(data), "fuzz.md")
		// The fast reader of the canonical form must agree with yaml.v3
		// on everything, line numbers and errors included.
		slow, serr := parseContent(bytes.NewReader(data), "fuzz.md", false)
		if fmt.Sprint(err) != fmt.Sprint(serr) || !reflect.DeepEqual(p, slow) {
			t.Fatalf("fast and yaml.v3 readings differ:\n%+v %v\n%+v %v", p, err, slow, serr)
		}
		if err != nil {
			if p != nil {
				t.Fatal("project returned with an error")
			}
			return
		}
		m1, err := MarshalContent(p)
		if err != nil {
			t.Fatalf("MarshalContent: %v", err)
		}
		q, err := ParseContent(bytes.NewReader(m1), "fuzz.md")
		if err != nil {
			t.Fatalf("re-parse of marshalled content: %v\n%s", err, m1)
		}
		if got, want := canonicalJSON(t, withoutLocation(*q)), canonicalJSON(t, withoutLocation(*p)); got != want {
			t.Fatalf("re-marshal changes the project:\n got %s\nwant %s", got, want)
		}
		m2, err := MarshalContent(q)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(m1, m2) {
			t.Fatalf("marshal is not stable:\n%s\n---\n%s", m1, m2)
		}
	})
}

var fuzzDecimalRe = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$`)

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "109.73", "2.7132", "11.50", "-3", "+0.5", ".5", "007.100", "-0.00", "1e3", "1,000", "", " 1 ", "1.", "--1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := decimal.ParseDecimal(s)
		trimmed := strings.TrimSpace(s)
		if valid := fuzzDecimalRe.MatchString(trimmed); valid != (err == nil) {
			t.Fatalf("ParseDecimal(%q) error %v, but plain decimal syntax is %v", s, err, valid)
		}
		if err != nil {
			return
		}
		// The expected text: no "+", no leading zeros, "0" before a bare
		// point, and no sign on zero; the fraction exactly as written.
		neg := strings.HasPrefix(trimmed, "-")
		digits := strings.TrimLeft(trimmed, "+-")
		intPart, frac, _ := strings.Cut(digits, ".")
		intPart = strings.TrimLeft(intPart, "0")
		if intPart == "" {
			intPart = "0"
		}
		want := intPart
		if frac != "" {
			want += "." + frac
		}
		if neg && strings.Trim(intPart+frac, "0") != "" {
			want = "-" + want
		}
		if got := d.String(); got != want {
			t.Fatalf("ParseDecimal(%q).String() = %q, want %q", s, got, want)
		}
		e, err := decimal.ParseDecimal(d.String())
		if err != nil || e.String() != d.String() || e.Cmp(d) != 0 {
			t.Fatalf("round trip of %q: %q, %v", d.String(), e.String(), err)
		}
		if sum := d.Add(e); sum.Cmp(d.Add(d)) != 0 || (d.Sign() != 0 && sum.Cmp(d) == 0) {
			t.Fatalf("%s + %s = %s", d, e, sum)
		}
		if tr := d.Trimmed(); tr.Cmp(d) != 0 || strings.Contains(tr.String(), ".") && strings.HasSuffix(tr.String(), "0") {
			t.Fatalf("Trimmed(%s) = %s", d, tr)
		}
	})
}

var hanSpacesHanRe = regexp.MustCompile(`\p{Han} +\p{Han}`)

func FuzzCleanCell(f *testing.F) {
	for _, s := range []string{"重庆市綦江区人民政府 办公室", "GDP 增长", "OA\u00a0\u00a0平台", "政府\u3000办公室", "a\u200bb", "\x00\x07", "“互联网+督 查”", "汉 \u200b 汉", "  Smart   City  ", "\t政\r\n府\f"} {
		f.Add(s)
	}
	if b, err := os.ReadFile(tablesSamplePath); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			for _, cell := range strings.Split(line, "\t") {
				if strings.Contains(cell, " ") {
					f.Add(cell)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := cleanCell(s)
		if again := cleanCell(out); again != out {
			t.Fatalf("not idempotent: cleanCell(%q) = %q, then %q", s, out, again)
		}
		if m := hanSpacesHanRe.FindString(out); m != "" {
			t.Fatalf("cleanCell(%q) = %q leaves %q", s, out, m)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("cleanCell(%q) = %q is not UTF-8", s, out)
		}
		if out != strings.TrimSpace(out) || strings.Contains(out, "  ") {
			t.Fatalf("cleanCell(%q) = %q has untrimmed or doubled spaces", s, out)
		}
		for _, r := range out {
			if unicode.IsControl(r) || strings.ContainsRune("\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff", r) {
				t.Fatalf("cleanCell(%q) = %q keeps %U", s, out, r)
			}
		}
		// Only spaces are removed or changed: the other characters stay,
		// in order.
		keep := func(r rune) rune {
			if unicode.IsControl(r) || unicode.IsSpace(r) || strings.ContainsRune("\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff", r) {
				return -1
			}
			return r
		}
		if a, b := strings.Map(keep, s), strings.Map(keep, out); a != b {
			t.Fatalf("cleanCell(%q) = %q changed text %q to %q", s, out, a, b)
		}
	})
}

// FuzzParsePage: free pages share the front-matter reader with projects.
func FuzzParsePage(f *testing.F) {
	for _, name := range []string{"../content/pages/about.md", "../content/pages/glossary.md", "testdata/hostile/pages/evil.md"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("---\ntitle: x\n---\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		pg, err := ParsePage(bytes.NewReader(b), "fuzz.md")
		if err != nil {
			return
		}
		if pg.Title == "" || !validCodeRe.MatchString(strings.ReplaceAll(pg.Slug, "-", "")) {
			t.Fatalf("accepted page with title %q slug %q", pg.Title, pg.Slug)
		}
		if _, err := markdown.RenderHTML(pg.Body); err != nil {
			t.Fatal(err)
		}
	})
}
