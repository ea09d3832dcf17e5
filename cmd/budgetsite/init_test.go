package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// setConfig sets a key of a config.yaml written by init, as a publisher
// would: the line "key: …" (the first one, outside comments) gets value.
func setConfig(t *testing.T, file, key, value string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^([ \t]*)` + regexp.QuoteMeta(key) + `: .*$`)
	loc := re.FindSubmatchIndex(b)
	if loc == nil {
		t.Fatalf("%s: no line %q", file, key+": ")
	}
	indent := string(b[loc[2]:loc[3]])
	out := append(append(append([]byte(nil), b[:loc[0]]...), indent+key+": "+value...), b[loc[1]:]...)
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readTree maps every file under dir (slash paths) to its bytes.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, f := range listFiles(t, dir) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, f)
		files[filepath.ToSlash(rel)] = string(b)
	}
	return files
}

var skeletonFiles = []string{"README.txt", "config.yaml", "content/pages/about.md", "content/pages/glossary.md"}

func TestInitWritesSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "新 站点")
	code, out, errs := cli(t, "init", dir)
	if code != 0 {
		t.Fatalf("init exit %d: %s", code, errs)
	}
	files := readTree(t, dir)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	if !slices.Equal(names, skeletonFiles) {
		t.Errorf("init wrote %v, want %v", names, skeletonFiles)
	}
	if fi, err := os.Stat(filepath.Join(dir, "content")); err != nil || !fi.IsDir() {
		t.Errorf("no content folder: %v", err)
	}
	for _, want := range []string{"新建 config.yaml", "import", "check", "build", "README.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("init output lacks %q:\n%s", want, out)
		}
	}
	for name, text := range files {
		if strings.Contains(text, "綦江") {
			t.Errorf("%s names 綦江; a new site's files must be generic", name)
		}
	}

	// config.yaml: every key the program reads is there, each under a
	// comment in Chinese; the registration numbers are empty and the
	// title and publisher are placeholders.
	cfgText := files["config.yaml"]
	var tree map[string]any
	if err := yaml.Unmarshal([]byte(cfgText), &tree); err != nil {
		t.Fatalf("config.yaml is not YAML: %v", err)
	}
	for _, key := range configKeys(reflect.TypeOf(fileConfig{}), "") {
		var node any = tree
		for _, part := range strings.Split(key, ".") {
			m, ok := node.(map[string]any)
			if !ok {
				node = nil
				break
			}
			node, ok = m[part]
			if !ok {
				t.Errorf("config.yaml lacks %s", key)
				break
			}
		}
	}
	keyLine := regexp.MustCompile(`^\s*[a-z_0-9]+:`)
	lastHan := -100
	for i, line := range strings.Split(cfgText, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") && strings.IndexFunc(trimmed, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
			lastHan = i
			continue
		}
		if keyLine.MatchString(line) && i-lastHan > 4 {
			t.Errorf("config.yaml line %d %q has no comment in Chinese above it", i+1, trimmed)
		}
	}
	cfg, err := loadConfig(viper.New(), filepath.Join(dir, "config.yaml"), true)
	if err != nil {
		t.Fatalf("config.yaml written by init does not load: %v", err)
	}
	if !strings.Contains(cfg.Title, placeholderMark) || !strings.Contains(cfg.Publisher, placeholderMark) {
		t.Errorf("title %q and publisher %q should be placeholders", cfg.Title, cfg.Publisher)
	}
	if cfg.Footer.SiteCode != "" || cfg.Footer.ICP != "" || cfg.Footer.PoliceRecord != "" || cfg.Footer.GovBadge {
		t.Errorf("registration numbers must be left empty: %+v", cfg.Footer)
	}
	if cfg.ContentDir != filepath.Join(dir, "content") || cfg.OutDir != filepath.Join(dir, "public") {
		t.Errorf("content %q, out %q: want the site's content and public folders", cfg.ContentDir, cfg.OutDir)
	}
	if len(cfg.Privacy.Redact) != 0 || len(cfg.Data.Sources) != 0 {
		t.Errorf("a new site has no privacy decisions or sources: %+v %+v", cfg.Privacy, cfg.Data)
	}

	// README.txt: Chinese that every Notepad shows, with the three steps
	// in order.
	readme := files["README.txt"]
	if !strings.HasPrefix(readme, "\ufeff") || strings.Count(readme, "\n") != strings.Count(readme, "\r\n") {
		t.Error("README.txt should have a UTF-8 BOM and CRLF line ends")
	}
	i, c, b := strings.Index(readme, "budgetsite import"), strings.Index(readme, "budgetsite check"), strings.Index(readme, "budgetsite build")
	if i < 0 || c < i || b < c {
		t.Errorf("README.txt should give import, check and build in that order (%d, %d, %d)", i, c, b)
	}
	for _, p := range []string{"content/pages/about.md", "content/pages/glossary.md"} {
		if !strings.HasPrefix(files[p], "---\ntitle: ") || !strings.Contains(files[p], "\nnav: ") {
			t.Errorf("%s is not a free page with title and nav", p)
		}
	}
}

// TestInitEmptySiteBuilds: building right after init gives a valid site
// that says nothing has been imported yet, with no broken link.
func TestInitEmptySiteBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "空 站点")
	if code, _, errs := cli(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	cfg := filepath.Join(dir, "config.yaml")
	// The browser check serves the site under sitePrefix.
	setConfig(t, cfg, "base_path", sitePrefix)
	code, out, errs := cli(t, "--config", cfg, "build")
	if code != 0 {
		t.Fatalf("build of a new site: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "全量生成 0 个项目") {
		t.Errorf("build summary: %q", out)
	}
	if !strings.Contains(errs, "提示：config.yaml 中的 title") || !strings.Contains(errs, "publisher") {
		t.Errorf("build should remind of the placeholders: %q", errs)
	}
	public := filepath.Join(dir, "public")
	index, err := os.ReadFile(filepath.Join(public, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"尚未导入绩效目标表", "budgetsite import"} {
		if !strings.Contains(string(index), want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	if strings.Contains(string(index), "年概览") {
		t.Error("index.html of an empty site shows a year")
	}
	if pages := checkSiteLinks(t, public, sitePrefix); pages != 6 {
		// index, about, glossary, download, search, 404
		t.Errorf("%d pages, want 6", pages)
	}
	about, _ := os.ReadFile(filepath.Join(public, "about.html"))
	if !strings.Contains(string(about), "关于本栏目") {
		t.Error("about.html does not come from the new site's content/pages/about.md")
	}

	// check has nothing to review yet and says so.
	code, out, _ = cli(t, "--config", cfg, "check")
	if code != 1 || !strings.Contains(out, "内容目录中没有项目文件") || !strings.Contains(out, "budgetsite import") || !strings.Contains(out, "config-placeholder") {
		t.Errorf("check of an empty site: exit %d:\n%s", code, out)
	}

	// The browser looks at the empty site after the import below: keep it.
	emptySite := filepath.Join(t.TempDir(), "empty")
	if err := os.CopyFS(emptySite, os.DirFS(public)); err != nil {
		t.Fatal(err)
	}

	// The first import after the empty build: the incremental build
	// shows the tables and equals a cold build byte for byte.
	if code, _, errs := cli(t, "--config", cfg, "import", sample); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	setConfig(t, cfg, "redact", "[李云芳, 王茂全, 钱永秀, 林国文, 文治兰, 包达贵]")
	if code, out, errs := cli(t, "--config", cfg, "build"); code != 0 || !strings.Contains(out, "增量生成 14 个项目") {
		t.Fatalf("build after import: exit %d: %s%s", code, out, errs)
	}
	cold := filepath.Join(t.TempDir(), "cold")
	if code, _, errs := cli(t, "--config", cfg, "build", "--no-cache", "--out", cold); code != 0 {
		t.Fatalf("cold build: %s", errs)
	}
	inc, want := readTree(t, public), readTree(t, cold)
	if !reflect.DeepEqual(inc, want) {
		for name := range want {
			if inc[name] != want[name] {
				t.Errorf("%s differs from a cold build", name)
			}
		}
		for name := range inc {
			if _, ok := want[name]; !ok {
				t.Errorf("%s is not in a cold build", name)
			}
		}
	}
	if strings.Contains(inc["index.html"], "尚未导入") || !strings.Contains(inc["index.html"], "2022年概览") {
		t.Error("index.html after the import still says nothing is imported")
	}

	t.Run("browser", func(t *testing.T) {
		chrome := findChrome(t)
		site, err := filepath.EvalSymlinks(emptySite)
		if err != nil {
			t.Fatal(err)
		}
		runBrowserChecks(t, chrome, site, []sitePage{
			{Name: "index", Path: "index.html", Screenshot: true},
			{Name: "about", Path: "about.html"},
			{Name: "glossary", Path: "glossary.html"},
			{Name: "download", Path: "download.html"},
			{Name: "search", Path: "search.html?q=%E6%BB%A1%E6%84%8F%E5%BA%A6"},
			{Name: "404", Path: "404.html", HTTPPath: "2022/project/nope/x.html", Status: 404, HTTPOnly: true},
		}, "empty-site")
	})
}

func TestInitRefusesNonEmptyAndNeverOverwrites(t *testing.T) {
	base := t.TempDir()

	code, _, errs := cli(t, "init")
	if code == 0 || !strings.Contains(errs, "请指定") {
		t.Errorf("init without a folder: exit %d, %q", code, errs)
	}

	// An existing empty folder is fine.
	empty := filepath.Join(base, "空文件夹")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cli(t, "init", empty); code != 0 {
		t.Errorf("init into an empty folder: exit %d, %s", code, errs)
	}

	dir := filepath.Join(base, "已有 文件夹")
	writeFile(t, filepath.Join(dir, "notes.txt"), "工作笔记")
	code, _, errs = cli(t, "init", dir)
	if code == 0 || !strings.Contains(errs, "不是空文件夹") || !strings.Contains(errs, "--force") {
		t.Errorf("init into a non-empty folder: exit %d, %q", code, errs)
	}
	if files := readTree(t, dir); len(files) != 1 {
		t.Errorf("a refused init wrote files: %v", files)
	}

	code, _, errs = cli(t, "init", filepath.Join(dir, "notes.txt"))
	if code == 0 || !strings.Contains(errs, "是一个文件") {
		t.Errorf("init on a file: exit %d, %q", code, errs)
	}

	// --force fills in what is missing and keeps what is there.
	writeFile(t, filepath.Join(dir, "config.yaml"), "title: 我的网站\n")
	writeFile(t, filepath.Join(dir, "content", "pages", "about.md"), "---\ntitle: 我改过的说明\n---\n")
	before := readTree(t, dir)
	code, out, errs := cli(t, "init", "--force", dir)
	if code != 0 {
		t.Fatalf("init --force: exit %d, %s", code, errs)
	}
	after := readTree(t, dir)
	for name, text := range before {
		if after[name] != text {
			t.Errorf("init --force changed %s", name)
		}
	}
	for _, name := range []string{"README.txt", "content/pages/glossary.md"} {
		if after[name] == "" {
			t.Errorf("init --force did not add the missing %s", name)
		}
	}
	if !strings.Contains(out, "保留已有的 config.yaml") || !strings.Contains(out, "新建 README.txt") {
		t.Errorf("init --force output:\n%s", out)
	}

	// Again: nothing left to write, nothing changes.
	code, out, _ = cli(t, "init", "--force", dir)
	if code != 0 || !strings.Contains(out, "没有写入任何文件") {
		t.Errorf("second init --force: exit %d\n%s", code, out)
	}
	again := readTree(t, dir)
	if !reflect.DeepEqual(after, again) {
		t.Error("a second init --force changed files")
	}
}

// TestPathsWithSpacesAndChinese: config, content, output, audit log,
// report and input paths with spaces and Chinese characters; the site's
// own file names do not depend on them.
func TestPathsWithSpacesAndChinese(t *testing.T) {
	needSample(t)
	base := t.TempDir()
	cfg := filepath.Join(base, "配置 文件夹", "站点 配置.yaml")
	writeFile(t, cfg, "title: 路径测试\ncontent: ../内容 目录/绩效 内容\nout: ../输出 目录/公开 网站\n"+
		"privacy:\n  redact: [李云芳, 王茂全, 钱永秀, 林国文, 文治兰, 包达贵]\n  audit_log: ../审核 记录/隐去 记录.json\n")
	sampleText, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(base, "原始 文件", "绩效目标表 2022（样例）.txt")
	writeFile(t, input, string(sampleText))

	if code, out, errs := cli(t, "--config", cfg, "import", input); code != 0 || !strings.Contains(out, "导入 14 个项目") {
		t.Fatalf("import: exit %d: %s%s", code, out, errs)
	}
	content := filepath.Join(base, "内容 目录", "绩效 内容")
	if n := len(listFiles(t, filepath.Join(content, "2022"))); n != 14 {
		t.Errorf("%d content files under %s, want 14", n, content)
	}
	for _, p := range []string{"content/pages/about.md", "content/pages/glossary.md"} {
		b, err := skeleton.ReadFile(skeletonRoot + "/" + p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(content, filepath.FromSlash(strings.TrimPrefix(p, "content/"))), string(b))
	}
	report := filepath.Join(base, "检查 报告", "报告 文件.html")
	if err := os.MkdirAll(filepath.Dir(report), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, "--config", cfg, "check", "--html", report); code != 0 {
		t.Fatalf("check: exit %d: %s%s", code, out, errs)
	}
	for _, f := range []string{report, filepath.Join(base, "审核 记录", "隐去 记录.json")} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("check did not write %s: %v", f, err)
		}
	}
	if code, out, errs := cli(t, "--config", cfg, "build"); code != 0 || !strings.Contains(out, "全量生成 14 个项目") {
		t.Fatalf("build: exit %d: %s%s", code, out, errs)
	}
	out := filepath.Join(base, "输出 目录", "公开 网站")
	if pages := checkSiteLinks(t, out, ""); pages != 24 {
		t.Errorf("%d pages, want 24", pages)
	}
	// Flags with such paths, relative to the working directory.
	shipped := buildSite(t) // before leaving the repository
	t.Chdir(base)
	if code, _, errs := cli(t, "--config", filepath.Join("配置 文件夹", "站点 配置.yaml"), "build", "--content", filepath.Join("内容 目录", "绩效 内容"), "--out", "另一个 输出"); code != 0 {
		t.Fatalf("build with relative flags: %s", errs)
	}

	// The site names its files the same whatever the folders are called:
	// slash paths, ASCII only, and the same set as the shipped sample's.
	got := siteFiles(t, out)
	if other := siteFiles(t, filepath.Join(base, "另一个 输出")); !reflect.DeepEqual(got, other) {
		t.Error("the two builds wrote different file names")
	}
	for name := range got {
		if strings.ContainsAny(name, "\\ ") || strings.IndexFunc(name, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
			t.Errorf("site file name %q is not plain ASCII with slashes", name)
		}
	}
	want := siteFiles(t, shipped)
	for name := range want {
		if !got[name] {
			t.Errorf("%s is in the shipped sample's site but not here", name)
		}
	}
	for name := range got {
		if !want[name] {
			t.Errorf("%s is here but not in the shipped sample's site", name)
		}
	}
	if t.Failed() {
		var names []string
		for n := range got {
			names = append(names, n)
		}
		slices.Sort(names)
		t.Logf("files: %s", strings.Join(names, ", "))
	}
}
