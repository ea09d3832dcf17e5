package tables

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/internal/testkit"
	"bytes"
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

var fuzzCodeRe = regexp.MustCompile(`^[0-9A-Za-z]+$`)

func FuzzParseTables(f *testing.F) {
	// One table a seed: the fuzzer minimises every new input, and a seed
	// of the whole 60 KB sample makes each of those minute-long.
	for _, table := range sampleTables(f) {
		f.Add(table, 0)
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
	f.Add([]byte(testkit.Tabbed(testkit.SynTable)), 0)
	f.Add([]byte(testkit.Tabbed("财政资金项目支出绩效目标表\n"+testkit.SynHead+testkit.SynIndHead+testkit.SynRows)), 2023)

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

var hanSpacesHanRe = regexp.MustCompile(`\p{Han} +\p{Han}`)

func FuzzCleanCell(f *testing.F) {
	for _, s := range []string{"重庆市綦江区人民政府 办公室", "GDP 增长", "OA\u00a0\u00a0平台", "政府\u3000办公室", "a\u200bb", "\x00\x07", "“互联网+督 查”", "汉 \u200b 汉", "  Smart   City  ", "\t政\r\n府\f"} {
		f.Add(s)
	}
	if b, err := os.ReadFile(testkit.SamplePath); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			for _, cell := range strings.Split(line, "\t") {
				if strings.Contains(cell, " ") {
					f.Add(cell)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := CleanCell(s)
		if again := CleanCell(out); again != out {
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

// sampleTables cuts the real sample into its tables, one seed each.
func sampleTables(tb testing.TB) [][]byte {
	var tables [][]byte
	for _, line := range strings.SplitAfter(string(testkit.Sample(tb)), "\n") {
		if strings.Contains(line, "绩效目标表") && isTitleLine(strings.TrimSpace(line)) || len(tables) == 0 {
			tables = append(tables, nil)
		}
		tables[len(tables)-1] = append(tables[len(tables)-1], line...)
	}
	return tables
}
