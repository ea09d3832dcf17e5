package generator

import (
	"budgetsite/generator/content"
	"budgetsite/generator/output"
	"budgetsite/generator/render"
	"budgetsite/generator/site"
	"budgetsite/generator/tables"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// Benchmarks of the three costs a publisher waits for: importing a year's
// text, rendering a page, and building a whole st. Data comes from the
// repository's generator (cmd/budgetsite-gen), deterministic by seed.
// CI runs them once at N=1000:
//
//	go test ./generator -run '^$' -bench . -benchtime 1x
//
// scripts/bench.sh measures wall time and memory of the real binary at
// larger N.

var genCache sync.Map // n → path of the generated text

// TestMain removes the generated texts after the run, so that benchmarks
// leave nothing in the temporary folder.
func TestMain(m *testing.M) {
	code := m.Run()
	genCache.Range(func(_, p any) bool {
		os.RemoveAll(filepath.Dir(p.(string)))
		return true
	})
	os.Exit(code)
}

func generated(b *testing.B, n int) string {
	b.Helper()
	if p, ok := genCache.Load(n); ok {
		return p.(string)
	}
	// Kept for the other benchmarks of this run; TestMain removes it.
	dir, err := os.MkdirTemp("", "budgetsite-bench-")
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, fmt.Sprintf("gen-%d.txt", n))
	cmd := exec.Command("go", "run", "../cmd/budgetsite-gen", "-n", fmt.Sprint(n), "-seed", "1", "-o", p)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("generating %d projects: %v\n%s", n, err, out)
	}
	genCache.Store(n, p)
	return p
}

func BenchmarkParseTables1000(b *testing.B) {
	data, err := os.ReadFile(generated(b, 1000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ps, err := tables.ParseTables(bytes.NewReader(data), "gen.txt", tables.ParseOptions{})
		if err != nil || len(ps) != 1000 {
			b.Fatalf("%d projects, %v", len(ps), err)
		}
	}
}

func BenchmarkImport1000(b *testing.B) {
	src := generated(b, 1000)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		res, err := content.Import([]string{src}, dir, tables.ParseOptions{}, nil)
		if err != nil || res.Projects != 1000 {
			b.Fatalf("%v", err)
		}
	}
}

// BenchmarkRenderProjectPage renders one project page of the sample: the
// template, the chart option and the indicator table.
func BenchmarkRenderProjectPage(b *testing.B) {
	needSample(b)
	contentDir := importSample(b)
	projects, pages, err := content.LoadDir(contentDir, nil)
	if err != nil {
		b.Fatal(err)
	}
	cfg := testConfig(b, contentDir)
	st := site.NewSite(cfg.Settings, projects, pages)
	tmpl, err := render.LoadTemplates(render.SiteLayers(""), true)
	if err != nil {
		b.Fatal(err)
	}
	var page render.Page
	for _, pg := range render.New(st, tmpl, nil).Pages() {
		if pg.Path == site.ProjectURL(st.Projects[0]) {
			page = pg
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := page.Render()
		if err != nil || len(out) == 0 {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(out)))
	}
}

// BenchmarkBuild1000 is a cold build of 1,000 generated projects: load,
// check, every page, every download, the search index.
func BenchmarkBuild1000(b *testing.B) {
	contentDir := b.TempDir()
	if _, err := content.Import([]string{generated(b, 1000)}, contentDir, tables.ParseOptions{}, nil); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		cfg := Config{ContentDir: contentDir, OutDir: filepath.Join(b.TempDir(), "public"), SiteDir: stubSite(b), Settings: site.Settings{Title: "基准"}, NoCache: true}
		res, err := Build(context.Background(), cfg)
		if err != nil || res.Projects != 1000 {
			b.Fatalf("%v", err)
		}
		b.ReportMetric(float64(res.Files), "files")
	}
}

// BenchmarkRebuild1000 times the incremental rebuilds of 1,000 generated
// projects, after a cold build outside the timer: OneEdit changes one
// project's funds (its page, its agencies' pages, the site-wide
// downloads and the search index change), NoOp changes nothing.
func BenchmarkRebuild1000(b *testing.B) {
	contentDir := b.TempDir()
	if _, err := content.Import([]string{generated(b, 1000)}, contentDir, tables.ParseOptions{}, nil); err != nil {
		b.Fatal(err)
	}
	cfg := Config{ContentDir: contentDir, OutDir: filepath.Join(b.TempDir(), "public"), SiteDir: stubSite(b), Settings: site.Settings{Title: "基准"}}
	if _, err := Build(context.Background(), cfg); err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(contentDir, "*", "*.md"))
	if err != nil || len(files) != 1000 {
		b.Fatalf("%d content files: %v", len(files), err)
	}
	rebuild := func(b *testing.B, wantWritten bool) {
		b.Helper()
		res, err := Build(context.Background(), cfg)
		if err != nil || res.Cold || (res.Written > 0) != wantWritten {
			b.Fatalf("rebuild: cold=%v written=%d: %v", res != nil && res.Cold, res.Written, err)
		}
	}
	b.Run("OneEdit", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			f := files[(i*397)%len(files)]
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			edited := bytes.Replace(src, []byte("\nfunds_wan: "), []byte("\nfunds_wan: 1"), 1)
			if bytes.Equal(edited, src) {
				b.Fatalf("%s has no funds_wan", f)
			}
			if err := os.WriteFile(f, edited, 0o644); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			rebuild(b, true)
		}
	})
	b.Run("NoOp", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rebuild(b, false)
		}
	})
}

// BenchmarkOutputNewFile writes one new 12 KB page through the output
// stage (staging folder, hash, record): the cost a cold build pays about
// 3.3 times per project. Most of it is the file system creating a file,
// which on this project's virtual machines varies from about 25 µs to
// several hundred with the disk's state, and makes cold builds vary with
// it.
func BenchmarkOutputNewFile(b *testing.B) {
	out, err := output.NewWriter(filepath.Join(b.TempDir(), "public"), false, false, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(out.Abort)
	page := bytes.Repeat([]byte("<p>绩效目标</p>\n"), 12<<10/20)
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := out.PutKeyed(fmt.Sprintf("2022/project/%08d.html", i), "", page); err != nil {
			b.Fatal(err)
		}
	}
}
