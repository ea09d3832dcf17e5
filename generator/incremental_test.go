package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIncrementalEqualsCold edits, adds and deletes content, changes a
// template and the configuration, and after each step requires the
// incrementally rebuilt folder to equal a cold build byte for byte, with
// untouched files keeping their mtime.
func TestIncrementalEqualsCold(t *testing.T) {
	content := importSample(t)
	if _, err := ImportFiles([]string{"testdata/multiyear/2023.txt"}, content, ParseOptions{}); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, content)
	res := build(t, cfg)
	if !res.Cold || res.Unchanged != 0 {
		t.Fatalf("first build: cold=%v unchanged=%d", res.Cold, res.Unchanged)
	}

	// A no-op rebuild touches nothing.
	before := mtimes(t, cfg.OutDir)
	res = build(t, cfg)
	if res.Written != 0 || res.Unchanged != res.Files {
		t.Errorf("no-op rebuild wrote %d of %d files", res.Written, res.Files)
	}
	assertMtimesKept(t, cfg.OutDir, before, nil)

	untouched := "2022/project/50011022T000000155478.html"
	steps := []struct {
		name    string
		change  func(t *testing.T)
		changed []string // must be rewritten
		removed []string // must be gone
	}{
		{"edit funds", func(t *testing.T) {
			replaceIn(t, filepath.Join(content, "2022", "50011022T000000155466.md"), "funds_wan: 96.9", "funds_wan: 99.9")
		}, []string{"2022/project/50011022T000000155466.html", "2022/unit/103001.html", "2022/department/103.html",
			"2022/index.html", "index.html", "data/projects.json", "data/search-index.js",
			"2023/project/50011022T000000155466.html"}, nil},
		{"add a project", func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(content, "2022", "50011022T000000155466.md"))
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.Replace(b, []byte("50011022T000000155466"), []byte("50011022T000000155999"), 1)
			b = bytes.Replace(b, []byte("name: 会务服务"), []byte("name: 新增会务服务"), 1)
			if err := os.WriteFile(filepath.Join(content, "2022", "50011022T000000155999.md"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"2022/project/50011022T000000155999.html", "data/2022/project/50011022T000000155999.json"}, nil},
		{"delete a project", func(t *testing.T) {
			if err := os.Remove(filepath.Join(content, "2022", "50011022T000000155489.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"2022/unit/103001.html"}, []string{"2022/project/50011022T000000155489.html", "data/2022/project/50011022T000000155489.csv"}},
		{"change a template", func(t *testing.T) {
			src, err := os.ReadFile("../templates/unit.html")
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(cfg.SiteDir, "templates", "unit.html")
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, bytes.Replace(src, []byte("<h2 id=\"projects\">项目</h2>"), []byte("<h2 id=\"projects\">本单位项目</h2>"), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"2022/unit/103001.html", "2023/unit/103002.html"}, nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			before := mtimes(t, cfg.OutDir)
			// mtimes have a granularity; make a rewrite visible.
			time.Sleep(20 * time.Millisecond)
			st.change(t)
			res := build(t, cfg)
			if res.Cold {
				t.Error("rebuild was not incremental")
			}
			if res.Written == 0 || res.Written >= res.Files/2 {
				t.Errorf("rebuild wrote %d of %d files", res.Written, res.Files)
			}
			cold := cfg
			cold.NoCache = true
			cold.OutDir = filepath.Join(t.TempDir(), "cold")
			build(t, cold)
			compareTrees(t, cfg.OutDir, cold.OutDir)
			after := mtimes(t, cfg.OutDir)
			for _, p := range st.changed {
				if _, ok := after[p]; !ok {
					t.Errorf("%s missing after the rebuild", p)
				} else if old, ok := before[p]; ok && old.Equal(after[p]) {
					t.Errorf("%s was not rewritten", p)
				}
			}
			for _, p := range st.removed {
				if _, ok := after[p]; ok {
					t.Errorf("%s was not removed", p)
				}
			}
			if st.name != "change a template" && !before[untouched].Equal(after[untouched]) {
				t.Errorf("%s was rewritten although nothing it shows changed", untouched)
			}
		})
	}
}

func replaceIn(t *testing.T, p, old, new string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", p, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mtimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fi, _ := d.Info()
			rel, _ := filepath.Rel(dir, p)
			m[filepath.ToSlash(rel)] = fi.ModTime()
		}
		return nil
	})
	return m
}

func assertMtimesKept(t *testing.T, dir string, before map[string]time.Time, except map[string]bool) {
	t.Helper()
	for p, mt := range mtimes(t, dir) {
		if !except[p] && !before[p].Equal(mt) {
			t.Errorf("%s was rewritten by a no-op rebuild", p)
		}
	}
}

func compareTrees(t *testing.T, a, b string) {
	t.Helper()
	ta, tb := readTree(t, a), readTree(t, b)
	for name, ba := range ta {
		bb, ok := tb[name]
		if !ok {
			t.Errorf("incremental build has %s, a cold build does not", name)
		} else if !bytes.Equal(ba, bb) {
			t.Errorf("%s differs from a cold build", name)
		}
	}
	for name := range tb {
		if _, ok := ta[name]; !ok && !strings.HasPrefix(name, ".") {
			t.Errorf("a cold build has %s, the incremental build does not", name)
		}
	}
}
