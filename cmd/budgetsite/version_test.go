package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// echartsPackageVersion is the version npm ci installed, which the
// embedded bundle must report.
func echartsPackageVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "node_modules", "echarts", "package.json"))
	if err != nil {
		t.Fatalf("ECharts is not installed (%v): run npm ci", err)
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(b, &pkg); err != nil || pkg.Version == "" {
		t.Fatalf("node_modules/echarts/package.json: %v", err)
	}
	return pkg.Version
}

func TestVersion(t *testing.T) {
	code, out, errs := cli(t, "version")
	if code != 0 {
		t.Fatalf("version: exit %d, %s", code, errs)
	}
	for _, want := range []string{
		"budgetsite dev\n",
		"版本：dev\n",
		"提交：",
		"构建日期：",
		"Go 版本：" + runtime.Version() + "\n",
		"ECharts 版本：" + echartsPackageVersion(t) + "\n",
		"平台：" + runtime.GOOS + "/" + runtime.GOARCH + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
	for _, flag := range []string{"--version", "-v"} {
		if code, got, _ := cli(t, flag); code != 0 || got != out {
			t.Errorf("%s: exit %d, printed\n%s\nwant what version prints:\n%s", flag, code, got, out)
		}
	}

	// What scripts/release.sh sets with -X, when the toolchain stamped no
	// VCS state (as in go test).
	oldV, oldC, oldT := version, commit, commitTime
	t.Cleanup(func() { version, commit, commitTime = oldV, oldC, oldT })
	version, commit, commitTime = "v1.2.3", "0123456789abcdef0123456789abcdef01234567", "2024-02-15T08:30:00Z"
	_, out, _ = cli(t, "version")
	for _, want := range []string{"版本：v1.2.3\n", "提交：0123456789abcdef0123456789abcdef01234567\n", "构建日期：2024-02-15T08:30:00Z\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}

func TestEChartsVersion(t *testing.T) {
	for _, c := range []struct{ bundle, want string }{
		{"/*! ECharts 6.1.0 | Apache License 2.0 | https://www.apache.org/licenses/LICENSE-2.0 */\n(()=>{})();", "6.1.0"},
		{"/*! ECharts 6.2.0-rc.1 | Apache License 2.0 */\n", "6.2.0-rc.1"},
		{"(()=>{})();\n", ""},
		{"", ""},
	} {
		fsys := fstest.MapFS{echartsBundle: {Data: []byte(c.bundle)}}
		if got := echartsVersion(fsys); got != c.want {
			t.Errorf("echartsVersion(%.30q) = %q, want %q", c.bundle, got, c.want)
		}
	}
	if got := echartsVersion(fstest.MapFS{}); got != "" {
		t.Errorf("no bundle: %q", got)
	}
}
