package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"budgetsite/generator/internal/testkit"
)

// exampleContent copies the example site's content (fictional projects
// with targets and 绩效自评) into a temporary folder to edit.
func exampleContent(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "examples", "shiliqu", "content")
	dst := filepath.Join(t.TempDir(), "content")
	files := map[string]string{}
	for name, b := range testkit.ReadTree(t, src) {
		files[name] = string(b)
	}
	if len(files) < 8 {
		t.Fatalf("example content has %d files", len(files))
	}
	testkit.WriteFiles(t, dst, files)
	return dst
}

// TestEvaluationIncrementalEqualsCold edits the 自评 of one project and
// removes others', and after each step requires an incremental build to
// equal a cold one: the pages that show a 自评 or its statistics declare
// every project they read, and evaluation.css goes with the last 自评.
func TestEvaluationIncrementalEqualsCold(t *testing.T) {
	contentDir := exampleContent(t)
	cfg := testConfig(t, contentDir)
	build(t, cfg)
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "assets", "css", "evaluation.css")); err != nil {
		t.Fatalf("a site with results lacks evaluation.css: %v", err)
	}
	noEval := regexp.MustCompile(`(?s)\nevaluation:\n.*?\n---\n`)
	dropEvaluation := func(t *testing.T, name string) {
		p := filepath.Join(contentDir, filepath.FromSlash(name))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !noEval.Match(b) {
			t.Fatalf("%s has no evaluation", name)
		}
		if err := os.WriteFile(p, noEval.ReplaceAll(b, []byte("\n---\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name      string
		change    func(t *testing.T)
		changed   []string
		untouched []string
	}{
		{"edit a score", func(t *testing.T) {
			replaceIn(t, filepath.Join(contentDir, "2023", "99990901T000000000021.md"), "max_score: 30\n      score: 22", "max_score: 30\n      score: 30")
		}, []string{"2023/project/99990901T000000000021.html", "2023/unit/901002.html", "2024/unit/901002.html",
			"2023/department/901.html", "2024/department/901.html", "2023/index.html", "2024/index.html"},
			[]string{"2023/project/99990902T000000000041.html", "2023/unit/902001.html", "2024/project/99990901T000000000021.html"}},
		{"remove a 自评", func(t *testing.T) {
			dropEvaluation(t, "2024/99990902T000000000051.md")
		}, []string{"2024/project/99990902T000000000051.html", "2024/unit/902002.html", "2024/department/902.html", "2024/index.html"},
			[]string{"2023/project/99990901T000000000021.html"}},
		{"remove every 自评", func(t *testing.T) {
			for _, name := range []string{"2023/99990901T000000000011.md", "2023/99990901T000000000021.md", "2023/99990902T000000000031.md",
				"2024/99990901T000000000011.md", "2024/99990901T000000000021.md", "2024/99990902T000000000031.md"} {
				dropEvaluation(t, name)
			}
		}, []string{"2023/project/99990901T000000000021.html", "2023/index.html"}, []string{"2023/project/99990902T000000000041.html"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			before := mtimes(t, cfg.OutDir)
			time.Sleep(20 * time.Millisecond)
			st.change(t)
			if res := build(t, cfg); res.Cold {
				t.Error("rebuild was not incremental")
			}
			cold := cfg
			cold.NoCache = true
			cold.OutDir = filepath.Join(t.TempDir(), "cold")
			build(t, cold)
			compareTrees(t, cfg.OutDir, cold.OutDir)
			after := mtimes(t, cfg.OutDir)
			for _, p := range st.changed {
				if before[p].Equal(after[p]) {
					t.Errorf("%s was not rewritten", p)
				}
			}
			for _, p := range st.untouched {
				if !before[p].Equal(after[p]) {
					t.Errorf("%s was rewritten although nothing it shows changed", p)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "assets", "css", "evaluation.css")); !os.IsNotExist(err) {
		t.Errorf("evaluation.css is still published without any 自评 (%v)", err)
	}
	b, err := os.ReadFile(filepath.Join(cfg.OutDir, "2023", "project", "99990901T000000000021.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("evaluation.css")) || bytes.Contains(b, []byte("实际完成值")) {
		t.Error("a project whose 自评 was removed still shows it")
	}
}
