package search

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/site"
	"budgetsite/generator/tables"
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// TestSearchIndexStreamEqualsMarshal requires the index written a
// document at a time to be byte for byte json.Marshal of the whole, on
// the sample with a second year and on an empty list.
func TestSearchIndexStreamEqualsMarshal(t *testing.T) {
	s := sampleSite(t)
	for name, idx := range map[string]searchIndex{"site": buildSearchIndex(s), "empty": {Version: 1}} {
		var got bytes.Buffer
		if err := writeSearchJSON(&got, idx); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(idx)
		if err != nil {
			t.Fatal(err)
		}
		want := "window.BUDGETSITE_SEARCH=" + string(b) + ";\n"
		if got.String() != want {
			t.Errorf("%s: streamed index differs from json.Marshal:\n%.300s\nwant\n%.300s", name, got.String(), want)
		}
	}
}

// sampleSite is the real sample with a second, synthetic year.
func sampleSite(t *testing.T) *site.Site {
	t.Helper()
	var ps []*budget.Project
	for _, in := range []struct {
		name string
		text []byte
	}{{testkit.SamplePath, testkit.Sample(t)}, {"2023.txt", readFile(t, "../testdata/multiyear/2023.txt")}} {
		parsed, err := tables.ParseTables(bytes.NewReader(in.text), in.name, tables.ParseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range parsed {
			ps = append(ps, &parsed[i])
		}
	}
	budget.SortProjects(ps)
	return site.NewSite(site.Settings{}, ps, nil)
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSearchIndexEvaluation: a project with a 自评 carries its reasons,
// conclusion, problems and improvements as a tenth element, each text
// once; a project without one keeps the nine elements it always had.
func TestSearchIndexEvaluation(t *testing.T) {
	s := sampleSite(t)
	p := s.Projects[0]
	p.Evaluation = &budget.Evaluation{
		Budget:     budget.Execution{Reason: "资金拨付滞后", Breakdown: []budget.Execution{{Reason: "其他资金未到位"}}},
		Indicators: []budget.Result{{Reason: "设备延期到货"}, {Reason: "设备延期到货"}, {}},
		Conclusion: "基本完成", Problems: "进度偏慢", Improvements: "加强调度",
	}
	idx := buildSearchIndex(s)
	want := "设备延期到货\n资金拨付滞后\n其他资金未到位\n基本完成\n进度偏慢\n加强调度"
	if d := idx.Docs[0]; len(d) != 10 || d[9] != want {
		t.Errorf("doc with a 自评 %q, want its text %q last", d, want)
	}
	for _, d := range idx.Docs[1:] {
		if len(d) != 9 {
			t.Fatalf("doc without a 自评 has %d elements", len(d))
		}
	}
}
