package generator

import (
	"budgetsite/generator/content"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/tables"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReimportKeepsHandSetPubDate: a pub_date added by hand, with a
// comment as README's example writes it, survives re-import as the date
// alone, and the site publishes that date.
func TestReimportKeepsHandSetPubDate(t *testing.T) {
	contentDir := filepath.Join(t.TempDir(), "content")
	res, err := content.Import([]string{testkit.SamplePath}, contentDir, tables.ParseOptions{}, nil)
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
	if _, err := content.Import([]string{testkit.SamplePath}, contentDir, tables.ParseOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	b, err = os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := content.Parse(bytes.NewReader(b), file)
	if err != nil {
		t.Fatal(err)
	}
	if p.PubDate != "2022-02-15" {
		t.Fatalf("after re-import pub_date = %q, want 2022-02-15:\n%s", p.PubDate, b)
	}
	cfg := testConfig(t, contentDir)
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
