package generator

import (
	"budgetsite/generator/decimal"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestCheckFindingsMemo: an incremental build reuses the rules' findings
// on unchanged projects, yet reports exactly what a build without cache
// does after a configuration change that changes them, and after an edit
// that adds one.
func TestCheckFindingsMemo(t *testing.T) {
	contentDir := importSample(t)
	cfg := testConfig(t, contentDir)
	warnings := func(cfg Config) []string {
		t.Helper()
		res := build(t, cfg)
		cold := cfg
		cold.NoCache = true
		cold.OutDir = filepath.Join(t.TempDir(), "cold")
		want := build(t, cold).Warnings
		if !reflect.DeepEqual(res.Warnings, want) {
			t.Fatalf("warnings of an incremental build:\n%s\nwithout cache:\n%s", strings.Join(res.Warnings, "\n"), strings.Join(want, "\n"))
		}
		compareTrees(t, cfg.OutDir, cold.OutDir)
		return res.Warnings
	}
	has := func(ws []string, sub string) bool { return strings.Contains(strings.Join(ws, "\n"), sub) }
	first := warnings(cfg)
	if !has(first, "权重合计为 95") {
		t.Fatalf("the sample has a weight total of 95; warnings:\n%s", strings.Join(first, "\n"))
	}
	// Accepting 95 removes the warning: the memo's findings were made
	// under the old configuration and must not be reused.
	cfg.Check.WeightTotals = []decimal.Decimal{decimal.MustDecimal("90"), decimal.MustDecimal("95")}
	if ws := warnings(cfg); has(ws, "权重合计为 95") || len(ws) != len(first)-1 {
		t.Fatalf("after accepting 95 the warning stays:\n%s", strings.Join(ws, "\n"))
	}
	// An edit adds a finding to one project; the others come from the memo.
	replaceIn(t, filepath.Join(contentDir, "2022", "50011022T000000155466.md"), "level3: 区长办公会", "level3: 2019年区长办公会")
	if ws := warnings(cfg); !has(ws, "写的是 2019 年") || len(ws) != len(first) {
		t.Fatalf("the edit's warning is missing:\n%s", strings.Join(ws, "\n"))
	}
}
