package fstree

import (
	"budgetsite/generator/internal/testkit"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestCacheListTreeMatchesWalkDir compares the fast lister with
// filepath.WalkDir on a tree with nested, empty and hidden folders and
// symbolic links.
func TestCacheListTreeMatchesWalkDir(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{"a.md": "1", ".hidden/b": "22", "x/y/z/c.md": "333", "x/d": ""}
	for i := 0; i < 700; i++ { // more than one chunk
		files["big/"+big.NewInt(int64(i)).String()] = strings.Repeat("x", i%5)
	}
	testkit.WriteFiles(t, root, files)
	testkit.Must(t, os.MkdirAll(filepath.Join(root, "empty", "deeper"), 0o755))
	testkit.Must(t, os.Symlink("a.md", filepath.Join(root, "link")))
	testkit.Must(t, os.Symlink("x", filepath.Join(root, "dirlink")))

	type ent struct {
		rel     string
		regular bool
		size    int64
	}
	var want []ent
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		testkit.Must(t, err)
		if !d.IsDir() {
			info, _ := d.Info()
			rel, _ := filepath.Rel(root, p)
			want = append(want, ent{filepath.ToSlash(rel), info.Mode().IsRegular(), info.Size()})
		}
		return nil
	})
	list, err := List(root)
	testkit.Must(t, err)
	var got []ent
	for _, f := range list {
		got = append(got, ent{f.Rel, f.Regular, f.St.Size})
	}
	sort.Slice(got, func(i, j int) bool { return got[i].rel < got[j].rel })
	sort.Slice(want, func(i, j int) bool { return want[i].rel < want[j].rel })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("listTree:\n got %v\nwant %v", got, want)
	}
	if _, err := List(filepath.Join(root, "missing")); err == nil {
		t.Error("listing a missing folder did not fail")
	}
}
