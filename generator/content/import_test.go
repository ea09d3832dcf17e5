package content

import (
	"budgetsite/generator/tables"
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
	src := filepath.Join("..", "tables", "testdata", "import", "variants.txt")
	content := filepath.Join(t.TempDir(), "content")
	res, err := Import([]string{src}, content, tables.ParseOptions{}, nil)
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
	again, err := Import([]string{src}, content, tables.ParseOptions{}, nil)
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
	if _, err := Import([]string{src}, blocked, tables.ParseOptions{}, nil); err == nil {
		t.Fatal("import over a file named 2023 succeeded")
	}
	left, _ := os.ReadDir(blocked)
	for _, e := range left {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("staging folder %s left behind", e.Name())
		}
	}
}
