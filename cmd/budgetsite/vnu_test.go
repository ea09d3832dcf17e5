package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// vnuFalsePositives are the Nu Html Checker's messages that do not apply
// to these pages, each matched narrowly:
//
//   - The checker evaluates the page's CSP meta tag for a file, which has
//     no origin, so 'self' matches nothing and every script, stylesheet
//     and image of the site's own assets/ and data/ reads as blocked.
//     The browser tests load the same pages from file:// and over HTTP
//     and record every real CSP violation.
//   - It counts a <script type="application/json"> chart option, a data
//     block the browser never executes (HTML §4.12.1), as an inline
//     script. The browser tests fail on any blocked inline script.
var vnuFalsePositives = `.*Inline script violates Content Security Policy \(meta tag\).*` +
	`|.*Resource violates Content Security Policy \(meta tag\): (external (script|stylesheet)|image) “(\.\./)*(/zwgk/ysgk/)?(assets|data)/[^”]*” blocked by .*`

// vnuJar finds the Nu Html Checker: $BUDGETSITE_VNU_JAR, or the npm
// package vnu-jar in node_modules.
func vnuJar(t *testing.T) string {
	if p := os.Getenv("BUDGETSITE_VNU_JAR"); p != "" {
		return p
	}
	return filepath.Join(repoRoot(t), "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
}

// TestSitesValidate runs the W3C Nu Html Checker on every page and
// stylesheet of the shipped site and of the example site: 0 errors and 0
// warnings. Without Java or vnu.jar the test skips with a message, and
// fails when BUDGETSITE_REQUIRE_VNU=1 (as in CI).
func TestSitesValidate(t *testing.T) {
	jar := vnuJar(t)
	java, err := exec.LookPath("java")
	missing := ""
	if err != nil {
		missing = "java not found"
	} else if _, err := os.Stat(jar); err != nil {
		missing = "vnu.jar not found at " + jar + " (npm install vnu-jar, or set BUDGETSITE_VNU_JAR)"
	}
	if missing != "" {
		if os.Getenv("BUDGETSITE_REQUIRE_VNU") == "1" {
			t.Fatalf("Nu Html Checker cannot run: %s", missing)
		}
		t.Skipf("Nu Html Checker skipped: %s", missing)
	}
	shipped := filepath.Join(t.TempDir(), "public")
	if code, stdout, errs := cli(t, "--config", filepath.Join(repoRoot(t), "config.yaml"), "build", "--out", shipped); code != 0 {
		t.Fatalf("build of the shipped site: exit %d\n%s%s", code, stdout, errs)
	}
	var files []string
	for _, public := range []string{shipped, buildExample(t)} {
		n := 0
		for name := range siteFiles(t, public) {
			if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".css") {
				files = append(files, filepath.Join(public, filepath.FromSlash(name)))
				n++
			}
		}
		if n < 20 {
			t.Fatalf("only %d files to check in %s", n, public)
		}
	}
	sort.Strings(files)
	args := append([]string{"-jar", jar, "--format", "text", "--also-check-css", "--filterpattern", vnuFalsePositives}, files...)
	out, err := exec.Command(java, args...).CombinedOutput()
	text := strings.TrimSpace(string(out))
	if err != nil || text != "Document checking completed. No errors found." {
		t.Errorf("Nu Html Checker (%v):\n%s", err, text)
	}
}
