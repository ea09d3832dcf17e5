package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = "../../testdata/qijiang-2022-performance-targets.txt"

func needSample(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(sample); err != nil {
		t.Fatalf("sample not found at %s", sample)
	}
}

// cli runs the command line in-process and returns its exit status and
// output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// reviewedNames is the privacy decision for the sample, as in the shipped
// config.yaml.
const reviewedNames = "privacy:\n  redact: [李云芳, 王茂全, 钱永秀, 林国文, 文治兰, 包达贵]\n"

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// TestImportThenBuild drives the two commands a publisher runs, with a
// config file in a site folder of its own.
func TestImportThenBuild(t *testing.T) {
	needSample(t)
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "config.yaml"), "title: 测试站点\ncontent: content\nout: public\nfooter:\n  sponsor: 测试主办单位\n  site_code: \"5001100000\"\n  icp: 渝ICP备00000000号\n"+reviewedNames)
	cfg := filepath.Join(site, "config.yaml")

	code, out, errs := cli(t, "--config", cfg, "import", "--content", filepath.Join(site, "content"), sample)
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "导入 14 个项目") {
		t.Errorf("import summary: %q", out)
	}
	if n := len(listFiles(t, filepath.Join(site, "content", "2022"))); n != 14 {
		t.Errorf("%d content files, want 14", n)
	}

	code, out, errs = cli(t, "--config", cfg, "build")
	if code != 0 {
		t.Fatalf("build exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "全量生成 14 个项目") {
		t.Errorf("build summary: %q", out)
	}
	index, err := os.ReadFile(filepath.Join(site, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"测试站点", "测试主办单位", "网站标识码：5001100000", "渝ICP备00000000号", `lang="zh-CN"`} {
		if !strings.Contains(string(index), want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public", "assets", "vendor", "echarts.min.js")); err != nil {
		t.Errorf("ECharts bundle not published: %v", err)
	}

	// --no-cache builds from scratch and keeps no cache beside the output.
	code, out, errs = cli(t, "--config", cfg, "build", "--no-cache", "--out", filepath.Join(site, "fresh"))
	if code != 0 {
		t.Fatalf("build --no-cache exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "全量生成 14 个项目") {
		t.Errorf("build --no-cache summary: %q", out)
	}
	if _, err := os.Stat(filepath.Join(site, ".fresh.cache")); !os.IsNotExist(err) {
		t.Errorf("build --no-cache left a cache: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, ".public.cache", "manifest.bin")); err != nil {
		t.Errorf("a normal build keeps its cache: %v", err)
	}
}

func TestEnvironmentOverridesConfig(t *testing.T) {
	needSample(t)
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "config.yaml"), "title: 配置文件标题\n"+reviewedNames)
	if code, _, errs := cli(t, "--config", filepath.Join(site, "config.yaml"), "import", "--content", filepath.Join(site, "content"), sample); code != 0 {
		t.Fatal(errs)
	}
	t.Setenv("BUDGETSITE_TITLE", "环境变量标题")
	// An env-only key that config.yaml does not mention must apply too.
	t.Setenv("BUDGETSITE_FOOTER_ICP", "渝ICP备12345678号")
	out := filepath.Join(site, "out")
	if code, _, errs := cli(t, "--config", filepath.Join(site, "config.yaml"), "build", "--content", filepath.Join(site, "content"), "--out", out); code != 0 {
		t.Fatal(errs)
	}
	b, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(b), "环境变量标题") || strings.Contains(string(b), "配置文件标题") {
		t.Error("BUDGETSITE_TITLE did not override title")
	}
	if !strings.Contains(string(b), "渝ICP备12345678号") {
		t.Error("BUDGETSITE_FOOTER_ICP (not in config.yaml) was ignored")
	}
}

func TestImportBadInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	good := "2022年财政资金项目支出绩效目标表\n单位：万元\n项目名称\t9001-好项目\n主管部门\t103-部门\t实施单位\t103001-单位\n资金总额（万）\t10\t项目属性\t新增\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t指标性质\t度量单位\t权重\n\t产出指标\t数量指标\t事项\t1\t=\t个\t90\n"
	bad := strings.Replace(good, "9001-好项目", "9002-坏项目", 1)
	bad = strings.Replace(bad, "\t90\n", "\t九十\n", 1)
	writeFile(t, filepath.Join(dir, "good.txt"), good)
	writeFile(t, filepath.Join(dir, "bad.txt"), bad)

	code, _, errs := cli(t, "import", "--content", content, filepath.Join(dir, "good.txt"), filepath.Join(dir, "bad.txt"))
	if code == 0 {
		t.Fatal("import of a non-numeric weight succeeded")
	}
	if !strings.Contains(errs, "bad.txt:7") || !strings.Contains(errs, "九十") || !strings.Contains(errs, "权重") {
		t.Errorf("error does not name file:line and the value: %s", errs)
	}
	if files := listFiles(t, content); len(files) != 0 {
		t.Errorf("bad input wrote %v", files)
	}

	// The same code in two files of one run.
	code, _, errs = cli(t, "import", "--content", content, filepath.Join(dir, "good.txt"), filepath.Join(dir, "good.txt"))
	if code == 0 || !strings.Contains(errs, "9001") || !strings.Contains(errs, "重复") {
		t.Errorf("duplicate code: exit %d, %s", code, errs)
	}
	if files := listFiles(t, content); len(files) != 0 {
		t.Errorf("duplicate codes wrote %v", files)
	}

	// A file with no table at all.
	writeFile(t, filepath.Join(dir, "empty.txt"), "这不是绩效目标表\n")
	code, _, errs = cli(t, "import", "--content", content, filepath.Join(dir, "empty.txt"))
	if code == 0 || !strings.Contains(errs, "empty.txt:1") || !strings.Contains(errs, "没有找到可识别的绩效目标表") {
		t.Errorf("no table: exit %d, %s", code, errs)
	}
}

func TestBuildErrorsKeepPreviousSite(t *testing.T) {
	needSample(t)
	site := t.TempDir()
	content, out := filepath.Join(site, "content"), filepath.Join(site, "public")
	cfg := filepath.Join(site, "config.yaml")
	writeFile(t, cfg, reviewedNames)
	if code, _, errs := cli(t, "import", "--content", content, sample); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := cli(t, "--config", cfg, "build", "--content", content, "--out", out); code != 0 {
		t.Fatal(errs)
	}
	before, _ := os.ReadFile(filepath.Join(out, "index.html"))
	writeFile(t, filepath.Join(content, "2022", "broken.md"), "---\ncode: X1\nname: 坏文件\nyear: 2022\nfunds_wan: 一百\n---\n")
	code, _, errs := cli(t, "--config", cfg, "build", "--content", content, "--out", out)
	if code == 0 {
		t.Fatal("build with broken content succeeded")
	}
	if !strings.Contains(errs, "broken.md:5") {
		t.Errorf("error does not point at broken.md:5: %s", errs)
	}
	after, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("previous site changed after a failed build")
	}
}

func TestConfigErrors(t *testing.T) {
	code, _, errs := cli(t, "--config", filepath.Join(t.TempDir(), "missing.yaml"), "build")
	if code == 0 || !strings.Contains(errs, "找不到配置文件") {
		t.Errorf("missing explicit config: exit %d, %s", code, errs)
	}
	bad := filepath.Join(t.TempDir(), "config.yaml")
	writeFile(t, bad, "title: [unclosed\n")
	code, _, errs = cli(t, "--config", bad, "build")
	if code == 0 || !strings.Contains(errs, "配置文件格式错误") {
		t.Errorf("bad YAML: exit %d, %s", code, errs)
	}
	code, _, _ = cli(t, "import")
	if code == 0 {
		t.Error("import without files succeeded")
	}
}
