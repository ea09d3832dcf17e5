package content

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/markdown"
	"budgetsite/generator/tables"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
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

// evaluatedContent is one project with every nested block: a funds
// breakdown, a 中期 indicator and a 绩效自评 with a 0 score and a blank
// one, so that the fuzzer explores the yaml.v3 path too.
const evaluatedContent = `---
code: A1
name: 项目
year: 2023
department: {code: "1", name: 部门}
unit: {code: "11", name: 单位}
funds_wan: 12.50
funds_breakdown:
  - {source: 财政拨款, amount_wan: 10}
  - {source: 其他资金, amount_wan: 2.50}
annual_goal: 目标
indicators:
  - {level1: 产出指标, level2: 数量指标, level3: 人数, value: "96", operator: ≥, unit: 人, weight: 0, period: 中期}
  - {level1: 效益指标, level2: 社会效益指标, level3: 运转, value: 良好, operator: 定性, unit: "", weight: 0}
evaluation:
  budget: {initial_wan: 12.50, adjusted_wan: 12.50, executed_wan: 0, rate: 0.00%, max_score: 10, score: 0,
    breakdown: [{source: 财政拨款, adjusted_wan: 10, executed_wan: 0}]}
  indicators:
    - {level1: 产出指标(50分), level2: 数量指标, level3: 人数, target: ≥96人, actual: 90人, max_score: 50, score: 40, reason: 延期}
    - {level1: 效益指标, level2: 社会效益指标, level3: 运转, actual: 良好}
  total_score: 40
  grade: 差
---
`

func FuzzParseContent(f *testing.F) {
	f.Add([]byte(sampleContent))
	f.Add([]byte(evaluatedContent))
	if b, err := os.ReadFile(testkit.SamplePath); err == nil {
		if ps, err := tables.ParseTables(bytes.NewReader(b), "sample.txt", tables.ParseOptions{}); err == nil {
			for i := range ps {
				if b, err := Marshal(&ps[i]); err == nil {
					f.Add(b)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(bytes.NewReader(data), "fuzz.md")
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
		m1, err := Marshal(p)
		if err != nil {
			t.Fatalf("MarshalContent: %v", err)
		}
		q, err := Parse(bytes.NewReader(m1), "fuzz.md")
		if err != nil {
			t.Fatalf("re-parse of marshalled content: %v\n%s", err, m1)
		}
		if got, want := canonicalJSON(t, withoutLocation(*q)), canonicalJSON(t, withoutLocation(*p)); got != want {
			t.Fatalf("re-marshal changes the project:\n got %s\nwant %s", got, want)
		}
		m2, err := Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(m1, m2) {
			t.Fatalf("marshal is not stable:\n%s\n---\n%s", m1, m2)
		}
	})
}

// FuzzParsePage: free pages share the front-matter reader with projects.
func FuzzParsePage(f *testing.F) {
	for _, name := range []string{"../../content/pages/about.md", "../../content/pages/glossary.md", "../testdata/hostile/pages/evil.md"} {
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
		if pg.Title == "" || !budget.ValidCode(strings.ReplaceAll(pg.Slug, "-", "")) {
			t.Fatalf("accepted page with title %q slug %q", pg.Title, pg.Slug)
		}
		if _, err := markdown.RenderHTML(pg.Body); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzImportRoundTrip: every table the parser accepts writes a content
// file that reads back as the same project.
func FuzzImportRoundTrip(f *testing.F) {
	f.Add([]byte(testkit.Tabbed(testkit.SynTable)), 0)
	f.Add([]byte(testkit.Tabbed("财政资金项目支出绩效目标表\n"+testkit.SynHead+testkit.SynIndHead+testkit.SynRows)), 2023)
	f.Fuzz(func(t *testing.T, data []byte, year int) {
		ps, err := tables.ParseTables(bytes.NewReader(data), "fuzz.txt", tables.ParseOptions{Year: year})
		if err != nil {
			return
		}
		for _, p := range ps {
			b, err := Marshal(&p)
			if err != nil {
				t.Fatalf("MarshalContent: %v", err)
			}
			q, err := Parse(bytes.NewReader(b), "fuzz.md")
			if err != nil {
				t.Fatalf("ParseContent of a parsed table: %v\n%s", err, b)
			}
			if got, want := canonicalJSON(t, withoutLocation(*q)), canonicalJSON(t, withoutLocation(p)); got != want {
				t.Fatalf("content round trip differs:\n got %s\nwant %s", got, want)
			}
		}
	})
}
