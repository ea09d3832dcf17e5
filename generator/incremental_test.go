package generator

import (
	"budgetsite/generator/buildcache"
	"budgetsite/generator/content"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/opendata"
	"budgetsite/generator/tables"
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
	contentDir := importSample(t)
	if _, err := content.Import([]string{"testdata/multiyear/2023.txt"}, contentDir, tables.ParseOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, contentDir)
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
			replaceIn(t, filepath.Join(contentDir, "2022", "50011022T000000155466.md"), "funds_wan: 96.9", "funds_wan: 99.9")
		}, []string{"2022/project/50011022T000000155466.html", "2022/unit/103001.html", "2022/department/103.html",
			"2022/index.html", "index.html", "data/projects.json", "data/search-index.js",
			"2023/project/50011022T000000155466.html"}, nil},
		{"add a project", func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(contentDir, "2022", "50011022T000000155466.md"))
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.Replace(b, []byte("50011022T000000155466"), []byte("50011022T000000155999"), 1)
			b = bytes.Replace(b, []byte("name: 会务服务"), []byte("name: 新增会务服务"), 1)
			if err := os.WriteFile(filepath.Join(contentDir, "2022", "50011022T000000155999.md"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"2022/project/50011022T000000155999.html", "data/2022/project/50011022T000000155999.json"}, nil},
		{"delete a project", func(t *testing.T) {
			if err := os.Remove(filepath.Join(contentDir, "2022", "50011022T000000155489.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"2022/unit/103001.html"}, []string{"2022/project/50011022T000000155489.html", "data/2022/project/50011022T000000155489.json"}},
		{"rename a unit in its first project", func(t *testing.T) {
			// Agency names come from the first project of the agency, so
			// this changes what the unit's other project pages show.
			replaceIn(t, filepath.Join(contentDir, "2022", "50011022T000000133648.md"),
				"name: 重庆市綦江区人民政府办公室（本级）", "name: 重庆市綦江区人民政府办公室（机关本级）")
		}, []string{"2022/unit/103001.html", "2022/project/50011022T000000155466.html", "data/budget.xlsx"}, nil},
		{"edit an indicator", func(t *testing.T) {
			replaceIn(t, filepath.Join(contentDir, "2022", "50011022T000000155466.md"), "level3: 区长办公会", "level3: 区长办公会议")
		}, []string{"data/budget.xlsx", "data/indicators.csv", "data/2022/project/50011022T000000155466.json"}, nil},
		{"damaged piece store", func(t *testing.T) {
			dir := buildcache.Dir(cfg.OutDir)
			dats, _ := filepath.Glob(filepath.Join(dir, "pieces.*.dat"))
			if len(dats) != opendata.ItemKinds+opendata.GroupKinds {
				t.Fatalf("piece store has %d files, want %d", len(dats), opendata.ItemKinds+opendata.GroupKinds)
			}
			for _, d := range dats {
				if err := os.Truncate(d, 10); err != nil {
					t.Fatal(err)
				}
			}
			replaceIn(t, filepath.Join(contentDir, "2022", "50011022T000000155466.md"), "funds_wan: 99.9", "funds_wan: 98.9")
		}, []string{"data/projects.json", "data/budget.xlsx"}, nil},
		{"unreadable piece index", func(t *testing.T) {
			if err := os.WriteFile(buildcache.PieceIndexPath(buildcache.Dir(cfg.OutDir)), []byte("not a gob"), 0o644); err != nil {
				t.Fatal(err)
			}
			replaceIn(t, filepath.Join(contentDir, "2022", "50011022T000000155466.md"), "funds_wan: 98.9", "funds_wan: 97.9")
		}, []string{"data/projects.json", "data/budget.xlsx"}, nil},
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
		{"remove a year", func(t *testing.T) {
			// Every page's navigation lists the years.
			if err := os.RemoveAll(filepath.Join(contentDir, "2023")); err != nil {
				t.Fatal(err)
			}
		}, []string{untouched, "2022/unit/103001.html", "index.html"}, []string{"2023/index.html"}},
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
			// Removing a year rewrites every page, whose navigation lists
			// the years, and leaves one year, whose downloads are then the
			// site-level ones: no bound but the pages and the data.
			if res.Written == 0 || res.Written >= res.Files/2 && st.name != "remove a year" || res.Written > res.Pages+8 {
				t.Errorf("rebuild wrote %d of %d files (%d pages)", res.Written, res.Files, res.Pages)
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
			// These show on every page of a kind (the template, the
			// navigation) or on 155478's (its unit's name).
			everywhere := map[string]bool{"change a template": true, "rename a unit in its first project": true, "remove a year": true}
			if !everywhere[st.name] && !before[untouched].Equal(after[untouched]) {
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
	ta, tb := testkit.ReadTree(t, a), testkit.ReadTree(t, b)
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
