package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/check"
	"budgetsite/generator/content"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/render"
	"budgetsite/generator/site"
	"budgetsite/generator/tables"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

const samplePath = "../testdata/qijiang-2022-performance-targets.txt"

func needSample(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(samplePath); err != nil {
		t.Fatalf("sample not found at %s: %v", samplePath, err)
	}
}

// stubSite makes a site folder whose assets/vendor holds a stand-in for
// the ECharts bundle, so page tests do not depend on `npm ci`. It also
// exercises the site-over-embedded override.
func stubSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "assets", "vendor", "echarts.min.js")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("/*! stub */window.echarts={init:function(){return{setOption:function(){},on:function(){},resize:function(){}}}};"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// importSample imports the real sample into a fresh content folder, with
// the shipped free pages, and returns the folder.
func importSample(t testing.TB) string {
	t.Helper()
	needSample(t)
	contentDir := t.TempDir()
	if _, err := content.Import([]string{samplePath}, contentDir, tables.ParseOptions{}, nil); err != nil {
		t.Fatalf("import: %v", err)
	}
	copyTree(t, "../content/pages", filepath.Join(contentDir, "pages"))
	return contentDir
}

func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testConfig(t testing.TB, contentDir string) Config {
	return Config{
		ContentDir: contentDir,
		OutDir:     filepath.Join(t.TempDir(), "public"),
		SiteDir:    stubSite(t),
		Settings: site.Settings{
			Title:     "重庆市綦江区人民政府办公室预算绩效目标公开",
			Publisher: "重庆市綦江区人民政府办公室",
			BasePath:  "/zwgk/ysgk/",
			PubDate:   "2022-02-15",
			Footer: site.Footer{
				Sponsor: "重庆市綦江区人民政府办公室", SiteCode: "5001100000",
				ICP: "渝ICP备00000000号", PoliceRecord: "渝公网安备 50011002000000号", GovBadge: true,
			},
		},
		Privacy: check.PrivacyConfig{Redact: testkit.SampleNames},
	}
}

func build(t testing.TB, cfg Config) *Result {
	t.Helper()
	res, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

// TestShippedContentIsCurrent re-imports the sample and requires the
// committed content/2022 to be byte-identical, so the shipped site always
// reflects what the importer produces today.
func TestShippedContentIsCurrent(t *testing.T) {
	contentDir := importSample(t)
	got := testkit.ReadTree(t, filepath.Join(contentDir, "2022"))
	want := testkit.ReadTree(t, "../content/2022")
	if len(got) != len(want) {
		t.Fatalf("re-import wrote %d files, content/2022 has %d", len(got), len(want))
	}
	for name, b := range got {
		if !bytes.Equal(b, want[name]) {
			t.Errorf("content/2022/%s differs from a fresh import; run: go run ./cmd/budgetsite import %s", name, samplePath)
		}
	}
}

func TestReimportIsByteIdentical(t *testing.T) {
	contentDir := importSample(t)
	before := testkit.ReadTree(t, contentDir)
	res, err := content.Import([]string{samplePath}, contentDir, tables.ParseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 || len(res.Unchanged) != 14 {
		t.Errorf("re-import wrote %d and left %d unchanged; want 0 and 14", len(res.Written), len(res.Unchanged))
	}
	after := testkit.ReadTree(t, contentDir)
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("%s changed on re-import", name)
		}
	}
}

// TestBuildSampleFacts checks projects.json against facts of the sample.
func TestBuildSampleFacts(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	res := build(t, cfg)
	if res.Projects != 14 {
		t.Errorf("built %d projects, want 14", res.Projects)
	}
	var ex struct {
		Version  int `json:"version"`
		Projects []struct {
			Code       string          `json:"code"`
			Year       int             `json:"year"`
			Unit       budget.Coded    `json:"unit"`
			Department budget.Coded    `json:"department"`
			Funds      decimal.Decimal `json:"funds_wan"`
			Indicators []struct {
				Weight decimal.Decimal `json:"weight"`
				Value  string          `json:"value"`
			} `json:"indicators"`
			WeightTotal decimal.Decimal `json:"weight_total"`
			Page        string          `json:"page"`
			Overview    string          `json:"overview"`
		} `json:"projects"`
	}
	b, err := os.ReadFile(filepath.Join(cfg.OutDir, "data", "projects.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	if ex.Version != 1 || len(ex.Projects) != 14 {
		t.Fatalf("version %d with %d projects; want 1 and 14", ex.Version, len(ex.Projects))
	}
	indicatorCounts := map[string]int{
		"50011021T000000048438": 8, "50011021T000000048439": 7, "50011021T000000048440": 7,
		"50011022T000000097933": 7, "50011022T00000097945": 6, "50011022T000000141281": 5,
		"50011022T000000133648": 5, "50011022T000000140244": 6, "50011022T000000140256": 5,
		"50011022T000000155466": 11, "50011022T000000155478": 7, "50011022T000000155484": 8,
		"50011022T000000155489": 8, "50011022T000000155495": 8,
	}
	units := map[string]decimal.Decimal{}
	var all decimal.Decimal
	for _, p := range ex.Projects {
		units[p.Unit.Code] = units[p.Unit.Code].Add(p.Funds)
		all = all.Add(p.Funds)
		if n, ok := indicatorCounts[p.Code]; !ok {
			t.Errorf("unexpected project %s", p.Code)
		} else if len(p.Indicators) != n {
			t.Errorf("%s has %d indicators, want %d", p.Code, len(p.Indicators), n)
		}
		var sum decimal.Decimal
		for _, in := range p.Indicators {
			sum = sum.Add(in.Weight)
		}
		want := "90"
		if p.Code == "50011021T000000048440" {
			want = "95"
		}
		if sum.String() != want || p.WeightTotal.String() != want {
			t.Errorf("%s weights sum to %s (weight_total %s), want %s", p.Code, sum, p.WeightTotal, want)
		}
		if _, err := os.Stat(filepath.Join(cfg.OutDir, filepath.FromSlash(p.Page))); err != nil {
			t.Errorf("%s: page %s not written", p.Code, p.Page)
		}
	}
	for code, want := range map[string]string{"103002": "436.23", "103001": "421.31"} {
		if got := units[code].String(); got != want {
			t.Errorf("unit %s totals %s, want %s", code, got, want)
		}
	}
	if all.String() != "857.54" {
		t.Errorf("all projects total %s, want 857.54", all)
	}
	// Amounts are published exactly as written.
	for _, lit := range []string{`"funds_wan":109.73`, `"funds_wan":2.71`, `"value":"2.7132"`, `"value":"54.864"`} {
		if !bytes.Contains(bytes.ReplaceAll(b, []byte(": "), []byte(":")), []byte(lit)) {
			t.Errorf("projects.json lacks %s", lit)
		}
	}
}

// TestDeterministicBuild builds the same input twice into different
// folders and requires byte-identical trees.
func TestDeterministicBuild(t *testing.T) {
	contentDir := importSample(t)
	cfg := testConfig(t, contentDir)
	build(t, cfg)
	first := testkit.ReadTree(t, cfg.OutDir)
	cfg2 := cfg
	cfg2.OutDir = filepath.Join(t.TempDir(), "other")
	build(t, cfg2)
	second := testkit.ReadTree(t, cfg2.OutDir)
	if len(first) != len(second) {
		t.Fatalf("%d files vs %d", len(first), len(second))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	// Rebuilding into the same folder is identical too.
	build(t, cfg)
	for name, b := range testkit.ReadTree(t, cfg.OutDir) {
		if !bytes.Equal(b, first[name]) {
			t.Errorf("%s differs after rebuilding in place", name)
		}
	}
}

func TestBadContentKeepsPreviousOutput(t *testing.T) {
	contentDir := importSample(t)
	cfg := testConfig(t, contentDir)
	build(t, cfg)
	before := testkit.ReadTree(t, cfg.OutDir)
	bad := filepath.Join(contentDir, "2022", "50011022T000000155466.md")
	b, _ := os.ReadFile(bad)
	b = bytes.Replace(b, []byte("weight: 10"), []byte("weight: 十"), 1)
	if err := os.WriteFile(bad, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), cfg)
	if err == nil {
		t.Fatal("build with a non-numeric weight succeeded")
	}
	if msg := err.Error(); !strings.Contains(msg, "50011022T000000155466.md:") || !strings.Contains(msg, "十") {
		t.Errorf("error does not name the file, line and value: %s", msg)
	}
	after := testkit.ReadTree(t, cfg.OutDir)
	if len(after) != len(before) {
		t.Fatalf("output has %d files after a failed build, had %d", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("%s changed after a failed build", name)
		}
	}
	assertNoStaging(t, filepath.Dir(cfg.OutDir))
}

func assertNoStaging(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".building-") {
			t.Errorf("staging folder %s left behind", e.Name())
		}
	}
}

func TestMissingEChartsExplainsHowToGetIt(t *testing.T) {
	// A binary compiled without the bundle, and a site without one.
	var noBundle fstest.MapFS = fstest.MapFS{}
	err := fs.WalkDir(render.Defaults, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == render.EchartsAsset {
			return err
		}
		b, err := fs.ReadFile(render.Defaults, p)
		noBundle[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	saved := render.Defaults
	render.Defaults = noBundle
	t.Cleanup(func() { render.Defaults = saved })

	cfg := testConfig(t, importSample(t))
	cfg.SiteDir = t.TempDir()
	_, err = Build(context.Background(), cfg)
	if err == nil {
		t.Fatal("build without ECharts succeeded")
	}
	for _, want := range []string{"ECharts", "npm ci", "assets/vendor/"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not mention %q", err, want)
		}
	}
	if _, err := os.Stat(cfg.OutDir); err == nil {
		t.Error("output folder was created by a failed build")
	}
	assertNoStaging(t, filepath.Dir(cfg.OutDir))
}

func TestKeepFilesSurviveRebuild(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	cfg.Keep = []string{".htaccess", "verify/google123.html"}
	build(t, cfg)
	for _, k := range cfg.Keep {
		p := filepath.Join(cfg.OutDir, filepath.FromSlash(k))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("portal "+k), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(cfg.OutDir, "stray.txt"), []byte("x"), 0o644)
	build(t, cfg)
	for _, k := range cfg.Keep {
		b, err := os.ReadFile(filepath.Join(cfg.OutDir, filepath.FromSlash(k)))
		if err != nil || string(b) != "portal "+k {
			t.Errorf("%s not kept: %q %v", k, b, err)
		}
	}
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "stray.txt")); err == nil {
		t.Error("a file not listed in keep survived the rebuild")
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
