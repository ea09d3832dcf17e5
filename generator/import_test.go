package generator

import (
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/tables"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestImportNewYearIsStaged imports into an empty content folder and
// into one where the year exists: a new year arrives whole through one
// staging folder, which never stays behind, and re-importing into an
// existing year keeps unchanged files as they were.
func TestImportNewYearIsStaged(t *testing.T) {
	src := filepath.Join("tables", "testdata", "import", "variants.txt")
	content := filepath.Join(t.TempDir(), "content")
	res, err := ImportFiles([]string{src}, content, tables.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != res.Projects || res.Projects != 3 {
		t.Fatalf("wrote %d of %d projects", len(res.Written), res.Projects)
	}
	entries, err := os.ReadDir(content)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !reflect.DeepEqual(names, []string{"2022", "2023"}) {
		t.Errorf("content folder holds %q, want the two years only", names)
	}
	for _, p := range res.Written {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("reported %s, not on disk: %v", p, err)
		}
	}
	again, err := ImportFiles([]string{src}, content, tables.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Written) != 0 || len(again.Unchanged) != 3 {
		t.Errorf("re-import wrote %d, kept %d", len(again.Written), len(again.Unchanged))
	}

	// A year that cannot be moved into place leaves nothing behind.
	blocked := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(blocked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(blocked, "2023"), []byte("a file where the year folder goes"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ImportFiles([]string{src}, blocked, tables.ParseOptions{}); err == nil {
		t.Fatal("import over a file named 2023 succeeded")
	}
	left, _ := os.ReadDir(blocked)
	for _, e := range left {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("staging folder %s left behind", e.Name())
		}
	}
}

// TestReimportKeepsHandSetPubDate: a pub_date added by hand, with a
// comment as README's example writes it, survives re-import as the date
// alone, and the site publishes that date.
func TestReimportKeepsHandSetPubDate(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	res, err := ImportFiles([]string{testkit.SamplePath}, content, tables.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	file := res.Written[0]
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "\nsource:", "\npub_date: 2022-02-15  # 发布日期\nsource:", 1)
	if edited == string(b) {
		t.Fatal("no source: line to add pub_date before")
	}
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ImportFiles([]string{testkit.SamplePath}, content, tables.ParseOptions{}); err != nil {
		t.Fatal(err)
	}
	b, err = os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParseContent(bytes.NewReader(b), file)
	if err != nil {
		t.Fatal(err)
	}
	if p.PubDate != "2022-02-15" {
		t.Fatalf("after re-import pub_date = %q, want 2022-02-15:\n%s", p.PubDate, b)
	}
	cfg := testConfig(t, content)
	cfg.PubDate = "2021-12-31" // the site's date, which the project's own overrides
	out := cfg.OutDir
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "2022", "project", p.Code+".html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`datetime="2022-02-15"`, `content="2022-02-15"`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("project page lacks %s", want)
		}
	}
	if bytes.Contains(page, []byte("# 发布日期")) {
		t.Error("the comment reached the page")
	}
}
