package output

import (
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil // a folder not there yet holds nothing
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return got
}

// TestColdThenIncremental writes a site, then rebuilds it with one file
// changed, one kept by key, one unchanged in bytes and one dropped.
func TestColdThenIncremental(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	w, err := NewWriter(dir, false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.PutKeyed("a.html", "ka", []byte("<p>a</p>")))
	must(w.Put("b/c.txt", []byte("c")))
	must(w.PutStream("data/d.csv", "kd", func(out io.Writer) error { _, err := io.WriteString(out, "1,2\n"); return err }))
	must(w.Put("gone.txt", []byte("x")))
	if _, ok := readAll(t, dir)["a.html"]; ok {
		t.Fatal("a file is visible before Commit")
	}
	must(w.Commit(nil))
	prev := w.Records()
	if got := readAll(t, dir); len(got) != 4 || got["data/d.csv"] != "1,2\n" {
		t.Fatalf("after cold commit: %v", got)
	}
	if !Intact(dir, prev, nil) {
		t.Fatal("a fresh folder is not intact")
	}
	before, _ := os.Stat(filepath.Join(dir, "b", "c.txt"))

	w, err = NewWriter(dir, false, false, prev)
	must(err)
	if !w.Reuse("a.html", "ka") || w.Reuse("data/d.csv", "other") {
		t.Fatal("Reuse must accept the same key only")
	}
	must(w.Put("b/c.txt", []byte("c")))                    // same bytes
	must(w.PutKeyed("data/d.csv", "kd2", []byte("1,3\n"))) // changed
	must(w.Commit(nil))
	got := readAll(t, dir)
	want := map[string]string{"a.html": "<p>a</p>", "b/c.txt": "c", "data/d.csv": "1,3\n"}
	if len(got) != len(want) {
		t.Fatalf("after incremental commit: %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	after, _ := os.Stat(filepath.Join(dir, "b", "c.txt"))
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
	if written, unchanged := w.Counts(); written != 1 || unchanged != 2 {
		t.Errorf("counts %d written, %d unchanged; want 1, 2", written, unchanged)
	}
	paths := w.Paths()
	if !sort.StringsAreSorted(paths) || len(paths) != 3 {
		t.Errorf("paths %v", paths)
	}
}

func TestAbortLeavesPreviousSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	w, _ := NewWriter(dir, false, false, nil)
	w.Put("index.html", []byte("old"))
	if err := w.Commit(nil); err != nil {
		t.Fatal(err)
	}
	w, _ = NewWriter(dir, false, false, nil)
	w.Put("index.html", []byte("new"))
	w.Abort()
	if got := readAll(t, dir); got["index.html"] != "old" || len(got) != 1 {
		t.Fatalf("after abort: %v", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("staging folder left behind: %d entries", len(entries))
	}
}

func TestRefusesPathsOutsideTheSite(t *testing.T) {
	w, _ := NewWriter(filepath.Join(t.TempDir(), "public"), false, false, nil)
	defer w.Abort()
	for _, p := range []string{"../x", "/etc/x", `a\b`, ""} {
		if err := w.Put(p, nil); err == nil {
			t.Errorf("Put(%q) succeeded", p)
		}
	}
}

func TestMinifiesPagesButNotData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	w, _ := NewWriter(dir, true, false, nil)
	w.Put("a.css", []byte("p {  color : red ; }"))
	w.Put("data/n.json", []byte(`{"n": 10000}`))
	if err := w.Commit(nil); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, dir)
	if got["a.css"] != "p{color:red}" || got["data/n.json"] != `{"n": 10000}` {
		t.Errorf("got %q", got)
	}
}
