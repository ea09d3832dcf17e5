package generator

import (
	"budgetsite/generator/buildcache"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/output"
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// Tests of the build cache's files: the stat cache, the binary manifest
// and the parse cache shards. The rule they all check is the cache's
// contract: it may make a build faster, never different, and a cache
// file that is damaged, stale or from another version only makes the
// build colder.

// editFunds changes the last digit of a content file's funds_wan, which
// keeps its length.
func editFunds(b []byte) []byte {
	i := bytes.Index(b, []byte("\nfunds_wan: "))
	j := i + 1 + bytes.IndexByte(b[i+1:], '\n') - 1
	b[j] = '0' + (b[j]-'0'+1)%10
	return b
}

func firstProjectFile(t *testing.T, content string) string {
	t.Helper()
	ms, err := filepath.Glob(filepath.Join(content, "2022", "*.md"))
	if err != nil || len(ms) == 0 {
		t.Fatal("no project files", err)
	}
	sort.Strings(ms)
	return ms[0]
}

func assertEqualsCold(t *testing.T, cfg Config) {
	t.Helper()
	cold := cfg
	cold.NoCache = true
	cold.OutDir = filepath.Join(t.TempDir(), "cold")
	build(t, cold)
	compareTrees(t, cfg.OutDir, cold.OutDir)
}

// TestIncrementalSameSecondEdit edits a content file right after a
// build, keeping its size and mtime: the rebuild must see the edit,
// whether the racy rule (a fresh file) or ctime (a file the stat cache
// already trusts) is what catches it.
func TestIncrementalSameSecondEdit(t *testing.T) {
	for _, aged := range []bool{false, true} {
		name := map[bool]string{false: "racy", true: "trusted"}[aged]
		t.Run(name, func(t *testing.T) {
			content := importSample(t)
			cfg := testConfig(t, content)
			build(t, cfg)
			if aged {
				testkit.NeedInodeAndCtime(t)
				build(t, cfg) // the stat cache now holds every file
				testkit.Must(t, buildcache.AgeStatCache(cfg.OutDir, time.Hour))
			}
			testkit.RewriteKeepingMtime(t, firstProjectFile(t, content), editFunds)
			res := build(t, cfg)
			if res.Cold || res.Written == 0 {
				t.Fatalf("rebuild after the edit: cold=%v written=%d", res.Cold, res.Written)
			}
			assertEqualsCold(t, cfg)
			if res := build(t, cfg); res.Written != 0 {
				t.Errorf("the build after that wrote %d files", res.Written)
			}
		})
	}
}

// TestIncrementalDeletedAndRenamedContent deletes and renames content
// files behind a stat cache that trusts them.
func TestIncrementalDeletedAndRenamedContent(t *testing.T) {
	content := importSample(t)
	cfg := testConfig(t, content)
	build(t, cfg)
	build(t, cfg)
	testkit.Must(t, buildcache.AgeStatCache(cfg.OutDir, time.Hour))
	ms, _ := filepath.Glob(filepath.Join(content, "2022", "*.md"))
	sort.Strings(ms)
	testkit.Must(t, os.Remove(ms[0]))
	testkit.Must(t, os.Rename(ms[1], filepath.Join(content, "2022", "renamed.md")))
	res := build(t, cfg)
	if res.Cold {
		t.Error("rebuild was cold")
	}
	if res.Projects != len(ms)-1 {
		t.Errorf("%d projects after deleting one of %d", res.Projects, len(ms))
	}
	gone := strings.TrimSuffix(filepath.Base(ms[0]), ".md")
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "2022", "project", gone+".html")); err == nil {
		t.Errorf("the deleted project's page is still there")
	}
	assertEqualsCold(t, cfg)
}

// TestCacheCorruptFilesMakeBuildsColdNotFail damages each cache file in
// several ways. The next build must succeed and equal a cold one; a
// damaged manifest must make it cold.
func TestCacheCorruptFilesMakeBuildsColdNotFail(t *testing.T) {
	// The decoders' own tests try every truncation and flipped bit; here
	// it is the build's handling of a refused file that counts.
	damage := map[string]func([]byte) []byte{
		"garbage":   func([]byte) []byte { return []byte("not a cache file at all") },
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"bit flip":  func(b []byte) []byte { b[len(b)/3] ^= 0x10; return b },
	}
	content := importSample(t)
	for _, which := range []string{"manifest", "stat", "parse", "all"} {
		for how, f := range damage {
			t.Run(which+"/"+how, func(t *testing.T) {
				cfg := testConfig(t, content)
				build(t, cfg)
				build(t, cfg)
				dir := buildcache.Dir(cfg.OutDir)
				var files []string
				switch which {
				case "manifest":
					files = []string{filepath.Join(dir, "manifest.bin")}
				case "stat":
					files = []string{filepath.Join(dir, "stat.bin")}
				case "parse":
					files, _ = filepath.Glob(filepath.Join(dir, "parse", "*.bin"))
				case "all":
					files, _ = filepath.Glob(filepath.Join(dir, "*.bin"))
					more, _ := filepath.Glob(filepath.Join(dir, "parse", "*.bin"))
					files = append(files, more...)
				}
				if len(files) == 0 {
					t.Fatal("no cache files to damage")
				}
				for _, p := range files {
					b, err := os.ReadFile(p)
					testkit.Must(t, err)
					testkit.Must(t, os.WriteFile(p, f(b), 0o644))
				}
				// An edit, so that the build cannot be a no-op whatever the
				// cache says.
				p := firstProjectFile(t, content)
				b, err := os.ReadFile(p)
				testkit.Must(t, err)
				defer os.WriteFile(p, b, 0o644)
				testkit.Must(t, os.WriteFile(p, editFunds(bytes.Clone(b)), 0o644))
				res, err := Build(t.Context(), cfg)
				if err != nil {
					t.Fatalf("build with a damaged %s cache failed: %v", which, err)
				}
				if (which == "manifest" || which == "all") && !res.Cold {
					t.Error("a damaged manifest did not make the build cold")
				}
				assertEqualsCold(t, cfg)
			})
		}
	}
}

// TestCacheLegacyManifestMakesBuildCold: an older budgetsite that built
// the folder since leaves its manifest.json, and what manifest.bin says
// may then be stale.
func TestCacheLegacyManifestMakesBuildCold(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	build(t, cfg)
	testkit.Must(t, os.WriteFile(filepath.Join(buildcache.Dir(cfg.OutDir), "manifest.json"), []byte(`{"version":1}`), 0o644))
	if res := build(t, cfg); !res.Cold {
		t.Error("rebuild after an older version's build was not cold")
	}
	if _, err := os.Stat(filepath.Join(buildcache.Dir(cfg.OutDir), "manifest.json")); err == nil {
		t.Error("manifest.json was not removed")
	}
	if res := build(t, cfg); res.Cold || res.Written != 0 {
		t.Errorf("the build after that: cold=%v written=%d", res.Cold, res.Written)
	}
}

// TestCacheIntactCatchesChanges: files deleted, added, resized or
// replaced behind the build's back make intact false; kept files do not.
func TestCacheIntactCatchesChanges(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	cfg.Keep = []string{".htaccess"}
	build(t, cfg)
	m := buildcache.LoadManifest(cfg.OutDir)
	if m == nil || !output.IntactListed(cfg.OutDir, m.Listing(), cfg.Keep) {
		t.Fatal("a freshly built folder is not intact")
	}
	testkit.WriteFiles(t, cfg.OutDir, map[string]string{".htaccess": "Options -Indexes\n"})
	if !output.IntactListed(cfg.OutDir, m.Listing(), cfg.Keep) {
		t.Error("a kept file made the folder not intact")
	}
	page := filepath.Join(cfg.OutDir, "index.html")
	orig, err := os.ReadFile(page)
	testkit.Must(t, err)
	for name, change := range map[string]func(){
		"deleted": func() { os.Remove(page) },
		"added":   func() { testkit.WriteFiles(t, cfg.OutDir, map[string]string{"2022/extra.html": "x"}) },
		"resized": func() { os.WriteFile(page, append(bytes.Clone(orig), ' '), 0o644) },
		"folder":  func() { os.Remove(page); os.Mkdir(page, 0o755) },
		"symlink": func() { os.Remove(page); os.Symlink("404.html", page) },
	} {
		change()
		if output.IntactListed(cfg.OutDir, m.Listing(), cfg.Keep) {
			t.Errorf("%s: still intact", name)
		}
		os.Remove(filepath.Join(cfg.OutDir, "2022", "extra.html"))
		os.RemoveAll(page)
		testkit.Must(t, os.WriteFile(page, orig, 0o644))
		if !output.IntactListed(cfg.OutDir, m.Listing(), cfg.Keep) {
			t.Fatalf("%s: not intact after undoing it", name)
		}
	}
}
