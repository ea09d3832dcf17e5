package generator

import (
	"budgetsite/generator/buildcache"
	"budgetsite/generator/internal/testkit"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// Every way a build can fail must leave the previous output byte-identical
// and no staging folder behind.

func assertUnchanged(t *testing.T, cfg Config, before map[string][]byte) {
	t.Helper()
	after := testkit.ReadTree(t, cfg.OutDir)
	if len(after) != len(before) {
		t.Errorf("output has %d files after the failed build, had %d", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("%s changed after the failed build", name)
		}
	}
	assertNoStaging(t, filepath.Dir(cfg.OutDir))
}

func builtOnce(t *testing.T) (Config, map[string][]byte) {
	t.Helper()
	cfg := testConfig(t, importSample(t))
	build(t, cfg)
	return cfg, testkit.ReadTree(t, cfg.OutDir)
}

func TestTemplateErrorKeepsPreviousOutput(t *testing.T) {
	for name, tmpl := range map[string]string{
		"parse":   `{{define "main"}}{{if}}{{end}}`,
		"execute": `{{define "main"}}{{.Project.NoSuchField}}{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			cfg, before := builtOnce(t)
			p := filepath.Join(cfg.SiteDir, "templates", "project.html")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(tmpl), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Build(context.Background(), cfg)
			if err == nil {
				t.Fatal("build with a broken template succeeded")
			}
			if !strings.Contains(err.Error(), "templates/project.html") || !strings.Contains(err.Error(), "模板") {
				t.Errorf("error does not name the template: %v", err)
			}
			assertUnchanged(t, cfg, before)
		})
	}
}

func TestInterruptedBuildKeepsPreviousOutput(t *testing.T) {
	for _, mode := range []string{"cold", "incremental"} {
		t.Run(mode, func(t *testing.T) { testInterrupted(t, mode) })
	}
}

func testInterrupted(t *testing.T, mode string) {
	cfg, before := builtOnce(t)
	if mode == "cold" {
		cfg.NoCache = true
	} else {
		// An edit, so that the rebuild has work to do.
		p := filepath.Join(cfg.ContentDir, "2022", "50011022T000000155466.md")
		b, _ := os.ReadFile(p)
		os.WriteFile(p, bytes.Replace(b, []byte("funds_wan: 96.9"), []byte("funds_wan: 97.9"), 1), 0o644)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	_, err := BuildWithProgress(ctx, cfg, func(done, total int) {
		if done >= 3 { // Ctrl-C half-way through
			once.Do(cancel)
		}
	})
	if err == nil {
		t.Fatal("interrupted build succeeded")
	}
	if !strings.Contains(err.Error(), "中断") {
		t.Errorf("error does not say the build was interrupted: %v", err)
	}
	assertUnchanged(t, cfg, before)
}

// makeUnwritable makes dir unwritable even for root (chattr +i), or skips.
func makeUnwritable(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot make %s unwritable as root: %v %s", dir, err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}

func TestUnwritableFolderKeepsPreviousOutput(t *testing.T) {
	t.Run("parent", func(t *testing.T) {
		cfg, before := builtOnce(t)
		cfg.NoCache = true
		makeUnwritable(t, filepath.Dir(cfg.OutDir))
		_, err := Build(context.Background(), cfg)
		if err == nil {
			t.Fatal("build into an unwritable folder succeeded")
		}
		if !strings.Contains(err.Error(), "权限") {
			t.Errorf("error does not point at permissions: %v", err)
		}
		assertUnchanged(t, cfg, before)
	})
	t.Run("output", func(t *testing.T) {
		cfg, before := builtOnce(t)
		cfg.NoCache = true
		makeUnwritable(t, cfg.OutDir)
		_, err := Build(context.Background(), cfg)
		if err == nil {
			t.Fatal("swapping out an unwritable output folder succeeded")
		}
		if !strings.Contains(err.Error(), "原有网站未被改动") {
			t.Errorf("error does not reassure that the old site is intact: %v", err)
		}
		assertUnchanged(t, cfg, before)
	})
}

// TestConcurrentBuildRefused holds the build lock of an output folder, as
// a running build does, and requires a second build of it to fail with a
// clear message and leave the output as it was; once the lock is
// released, the build runs.
func TestConcurrentBuildRefused(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	build(t, cfg)
	before := testkit.ReadTree(t, cfg.OutDir)
	unlock, err := buildcache.LockCache(buildcache.Dir(cfg.OutDir))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), cfg)
	unlock()
	if runtime.GOOS != "windows" {
		if err == nil || !strings.Contains(err.Error(), "正在生成同一个输出目录") {
			t.Fatalf("second build: %v", err)
		}
	}
	after := testkit.ReadTree(t, cfg.OutDir)
	if len(after) != len(before) {
		t.Errorf("output changed: %d files, was %d", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s changed", name)
		}
	}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatalf("build after the lock was released: %v", err)
	}
}
