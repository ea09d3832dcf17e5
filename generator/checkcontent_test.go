package generator

import (
	"budgetsite/generator/internal/testkit"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestCheckContentReportsUnreadableFiles(t *testing.T) {
	dir := t.TempDir()
	writeChk := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeChk("2022/good.md", testkit.Edit(t, testkit.ContentFixture, "weight: 50", "weight: 55"))
	writeChk("2022/bad.md", "---\ncode: X1\nyear: 2022\nfunds_wan: 一百\n---\n")
	rep, err := CheckContent(Config{ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.ToSlash(filepath.Join(dir, "2022/good.md"))
	bad := filepath.ToSlash(filepath.Join(dir, "2022/bad.md"))
	var got []string
	for _, f := range rep.Findings {
		got = append(got, fmt.Sprintf("%s %s %s:%d %s", f.Severity, f.Rule, f.File, f.Line, f.Project))
	}
	want := []string{
		fmt.Sprintf("error content-invalid %s:4 ", bad),
		fmt.Sprintf("warning weight-total %s:16 %s", good, testkit.FixtureCode),
		fmt.Sprintf("info weight-split %s:16 %s", good, testkit.FixtureCode),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
}

// --- report.go ---
