package main

// TestRelease builds the linux/amd64 release with scripts/release.sh,
// twice, and then uses the archive as a district office would: unpacked
// into an empty folder with no Go, Node or repository beside it, init a
// site, import the sample, check, build, and check the site's links
// and, with a browser, everything TestBrowser checks.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	releaseVersion = "v0.0.0-test"
	releaseTarget  = "linux/amd64"
	releaseName    = "budgetsite-" + releaseVersion + "-linux-amd64"
)

// releaseBuild runs scripts/release.sh for releaseTarget into dist.
func releaseBuild(t *testing.T, root, dist string) {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join("scripts", "release.sh"), releaseVersion)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "TARGETS="+releaseTarget, "DIST="+dist)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/release.sh: %v\n%s", err, out)
	}
	t.Logf("scripts/release.sh (%s):\n%s", time.Since(start).Round(time.Millisecond), out)
}

// gitOutput runs git in the repository, or returns "" without Git.
func gitOutput(t *testing.T, root string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func TestRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a release binary (skipped with -short)")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("scripts/release.sh needs bash")
	}
	root := repoRoot(t)
	d1, d2 := t.TempDir(), t.TempDir()
	releaseBuild(t, root, d1)
	releaseBuild(t, root, d2)

	// The same bytes twice.
	sums1, err := os.ReadFile(filepath.Join(d1, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	sums2, err := os.ReadFile(filepath.Join(d2, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sums1, sums2) {
		t.Errorf("two runs of scripts/release.sh differ:\n%s\n%s", sums1, sums2)
	}
	archiveFile := filepath.Join(d1, releaseName+".tar.gz")
	archive, err := os.ReadFile(archiveFile)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(archive)
	if want := hex.EncodeToString(sum[:]) + "  " + releaseName + ".tar.gz\n"; string(sums1) != want {
		t.Errorf("SHA256SUMS is\n%s\nwant\n%s", sums1, want)
	}
	if files := listFiles(t, d1); len(files) != 2 {
		t.Errorf("dist holds %v, want the archive and SHA256SUMS", files)
	}

	// The archive: sorted entries, owner 0, the commit's time.
	var mtime time.Time
	if ct := gitOutput(t, root, "log", "-1", "--format=%ct"); ct != "" {
		sec, err := strconv.ParseInt(ct, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		mtime = time.Unix(sec, 0)
	}
	work := t.TempDir()
	names := unpackTarGz(t, archive, work, mtime)
	want := []string{releaseName + "/", releaseName + "/LICENSE.txt", releaseName + "/README.md", releaseName + "/THIRD_PARTY_NOTICES.txt", releaseName + "/budgetsite"}
	if !slices.Equal(names, want) {
		t.Errorf("archive holds %v, want %v", names, want)
	}
	notices, err := os.ReadFile(filepath.Join(work, releaseName, "THIRD_PARTY_NOTICES.txt"))
	if err != nil {
		t.Fatal(err)
	}
	echartsNotice, err := os.ReadFile(filepath.Join(root, "node_modules", "echarts", "NOTICE"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"echarts " + echartsPackageVersion(t) + " (Apache-2.0)", strings.TrimSpace(string(echartsNotice)), "Apache License", "zrender ", "tslib ", "github.com/spf13/cobra ", "golang.org/x/sys ", "The Go programming language, " + runtime.Version()} {
		if !strings.Contains(string(notices), w) {
			t.Errorf("THIRD_PARTY_NOTICES.txt lacks %q", w)
		}
	}

	if runtime.GOOS+"/"+runtime.GOARCH != releaseTarget {
		t.Skipf("the %s binary does not run on %s/%s", releaseTarget, runtime.GOOS, runtime.GOARCH)
	}
	bin := filepath.Join(work, releaseName, "budgetsite")
	// Only what a publisher's machine has: no Go, no Node, no repository.
	run := func(dir string, args ...string) (int, string, string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=/usr/bin:/bin"}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("running %s %v: %v", bin, args, err)
		}
		return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
	}

	code, out, errs := run(work, "version")
	if code != 0 {
		t.Fatalf("version: exit %d, %s", code, errs)
	}
	wantVersion := []string{"版本：" + releaseVersion + "\n", "Go 版本：" + runtime.Version() + "\n", "ECharts 版本：" + echartsPackageVersion(t) + "\n", "平台：linux/amd64\n"}
	if head := gitOutput(t, root, "rev-parse", "HEAD"); head != "" {
		wantVersion = append(wantVersion, "提交："+head, "构建日期："+mtime.UTC().Format(time.RFC3339)+"\n")
	}
	for _, w := range wantVersion {
		if !strings.Contains(out, w) {
			t.Errorf("version of the release binary lacks %q:\n%s", w, out)
		}
	}

	sampleText, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(work, "绩效目标表 2022.txt"), string(sampleText))

	code, out, errs = run(work, "init", "示例 站点")
	if code != 0 {
		t.Fatalf("init: exit %d, %s%s", code, out, errs)
	}
	site := filepath.Join(work, "示例 站点")
	cfg := filepath.Join(site, "config.yaml")
	setConfig(t, cfg, "title", "测试区预算绩效目标公开")
	setConfig(t, cfg, "publisher", "测试区人民政府办公室")
	setConfig(t, cfg, "base_path", sitePrefix)

	code, out, errs = run(site, "import", filepath.Join("..", "绩效目标表 2022.txt"))
	if code != 0 || !strings.Contains(out, "导入 14 个项目") {
		t.Fatalf("import: exit %d, %s%s", code, out, errs)
	}
	// The sample names people: check stops until they are decided.
	code, out, _ = run(site, "check")
	if code != 1 || !strings.Contains(out, "privacy") {
		t.Errorf("check before the privacy decisions: exit %d\n%s", code, out)
	}
	setConfig(t, cfg, "redact", "[李云芳, 王茂全, 钱永秀, 林国文, 文治兰, 包达贵]")
	code, out, errs = run(site, "check")
	if code != 0 || !strings.Contains(out, "检查完成：错误 0") {
		t.Fatalf("check: exit %d, %s%s", code, out, errs)
	}
	code, out, errs = run(site, "build")
	if code != 0 || !strings.Contains(out, "全量生成 14 个项目") {
		t.Fatalf("build: exit %d, %s%s", code, out, errs)
	}
	if strings.Contains(errs, "提示") {
		t.Errorf("build warns although the placeholders are filled in: %s", errs)
	}
	public := filepath.Join(site, "public")
	if pages := checkSiteLinks(t, public, sitePrefix); pages != 24 {
		t.Errorf("%d pages, want 24", pages)
	}
	index, err := os.ReadFile(filepath.Join(public, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(index), "测试区预算绩效目标公开") || strings.Contains(string(index), "尚未导入") {
		t.Error("index.html does not show the imported site")
	}

	t.Run("browser", func(t *testing.T) {
		chrome := findChrome(t)
		dir, err := filepath.EvalSymlinks(public)
		if err != nil {
			t.Fatal(err)
		}
		runBrowserChecks(t, chrome, dir, sitePages, "release")
	})
}

// unpackTarGz extracts a release archive into dir, checking that entries
// are sorted, owned by 0 with no names, and (when mtime is not zero)
// dated mtime. It returns the entry names.
func unpackTarGz(t *testing.T, archive []byte, dir string, mtime time.Time) []string {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header holds name %q, time %v", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: owner %d:%d %q:%q, want 0:0 with no names", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		if !mtime.IsZero() && !h.ModTime.Equal(mtime) {
			t.Errorf("%s: time %v, want the commit's %v", h.Name, h.ModTime, mtime)
		}
		wantMode := int64(0o644)
		if h.Typeflag == tar.TypeDir || path.Base(h.Name) == "budgetsite" {
			wantMode = 0o755
		}
		if h.Mode != wantMode {
			t.Errorf("%s: mode %o, want %o", h.Name, h.Mode, wantMode)
		}
		clean := path.Clean(h.Name)
		if strings.HasPrefix(clean, "../") || path.IsAbs(clean) {
			t.Fatalf("entry %q leaves the folder", h.Name)
		}
		target := filepath.Join(dir, filepath.FromSlash(clean))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				t.Fatal(err)
			}
		case tar.TypeReg:
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(target, b, os.FileMode(h.Mode)&0o777); err != nil {
				t.Fatal(err)
			}
		default:
			t.Errorf("%s: entry type %c", h.Name, h.Typeflag)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("entries are not sorted: %v", names)
	}
	return names
}
