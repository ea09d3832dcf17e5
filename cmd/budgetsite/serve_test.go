package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/viper"

	"budgetsite/generator"
	"budgetsite/generator/budget"
	"budgetsite/generator/site"
)

// syncBuffer is an io.Writer the server's goroutines can write to while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// sseStream reads the messages of an event stream in the background.
type sseStream struct {
	resp *http.Response
	msgs chan string
}

func openEvents(t *testing.T, url string) *sseStream {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events: status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s := &sseStream{resp: resp, msgs: make(chan string, 16)}
	ready := make(chan struct{})
	go func() {
		defer close(s.msgs)
		sc := bufio.NewScanner(resp.Body)
		first := true
		for sc.Scan() {
			line := sc.Text()
			if first {
				close(ready) // the server subscribed us before writing
				first = false
			}
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				s.msgs <- data
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		t.Fatal("the event stream sent nothing")
	}
	return s
}

// next waits for the next message; the bound only keeps a broken build
// from hanging the test.
func (s *sseStream) next(t *testing.T) string {
	t.Helper()
	select {
	case m, ok := <-s.msgs:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s after the change")
	}
	return ""
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// lineOf is the 1-based number of the first line of file starting with
// prefix.
func lineOf(t *testing.T, file, prefix string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("%s: no line starts with %q", file, prefix)
	return 0
}

func replaceInFile(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	writeFile(t, file, strings.Replace(string(b), old, new, 1))
}

// grepTree lists the files under dir whose bytes contain s.
func grepTree(t *testing.T, dir, s string) []string {
	t.Helper()
	var hits []string
	for _, f := range listFiles(t, dir) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(s)) || strings.Contains(f, s) {
			hits = append(hits, f)
		}
	}
	return hits
}

// TestServe drives the preview server through an edit, a broken file and
// its fix, with a browser's requests done by hand.
func TestServe(t *testing.T) {
	needSample(t)
	site := t.TempDir()
	cfgFile := filepath.Join(site, "config.yaml")
	writeFile(t, cfgFile, "content: content\nbase_path: /zwgk/ysgk/\n"+reviewedNames)
	if code, _, errs := cli(t, "--config", cfgFile, "import", "--content", filepath.Join(site, "content"), sample); code != 0 {
		t.Fatalf("import exit %d: %s", code, errs)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	load := func() (generator.Config, error) { return loadConfig(viper.New(), cfgFile, true) }
	srv, err := startServer(ctx, serveOptions{Addr: "127.0.0.1:0", ConfigFile: cfgFile, Load: load}, &stdout, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	defer func() {
		if !stopped {
			cancel()
			srv.Wait()
		}
	}()
	root := "http://" + srv.Addr()
	base := root + "/zwgk/ysgk/"
	if !strings.Contains(stdout.String(), "正在预览："+base) {
		t.Errorf("stdout does not show the URL %s:\n%s", base, stdout.String())
	}
	if addrWarning("127.0.0.1:0") != "" || strings.Contains(stderr.String(), "注意") {
		t.Errorf("a loopback address got the warning: %s", stderr.String())
	}
	outDir := srv.OutDir()
	tmp := filepath.Dir(outDir)

	pageURL := base + "2022/project/50011022T000000155466.html"
	content := filepath.Join(site, "content", "2022", "50011022T000000155466.md")

	// 1. The page is served with the reload script.
	code, body, _ := get(t, pageURL)
	if code != 200 || !strings.Contains(body, "96.9") || !strings.Contains(body, "__budgetsite/livereload.js") {
		t.Fatalf("page: status %d, has 96.9 %v, has reload script %v", code, strings.Contains(body, "96.9"), strings.Contains(body, "__budgetsite/livereload.js"))
	}

	// The portal-like routes around it.
	if code, _, h := get(t, root+"/"); code != http.StatusFound || h.Get("Location") != "/zwgk/ysgk/" {
		t.Errorf("GET /: status %d, Location %q", code, h.Get("Location"))
	}
	if code, body, _ := get(t, base); code != 200 || !strings.Contains(body, "<html") {
		t.Errorf("GET base: status %d", code)
	}
	if code, body, _ := get(t, base+"2022/no-such-page.html"); code != 404 || !strings.Contains(body, "页面不存在") {
		t.Errorf("missing page: status %d, want the site's 404 page", code)
	}
	if code, _, _ := get(t, root+"/elsewhere/index.html"); code != 404 {
		t.Errorf("outside the base path: status %d, want 404", code)
	}
	if code, body, h := get(t, base+"__budgetsite/livereload.js"); code != 200 ||
		!strings.HasPrefix(h.Get("Content-Type"), "text/javascript") ||
		!strings.Contains(body, "EventSource") || !strings.Contains(body, "document.currentScript") {
		t.Errorf("livereload.js: status %d, type %q", code, h.Get("Content-Type"))
	}

	// 2. An edit rebuilds and reloads.
	events := openEvents(t, base+"__budgetsite/events")
	defer events.resp.Body.Close()
	replaceInFile(t, content, "funds_wan: 96.9", "funds_wan: 97.9")
	if m := events.next(t); m != "reload" {
		t.Fatalf("after the edit: event %q, want reload", m)
	}
	if code, body, _ := get(t, pageURL); code != 200 || !strings.Contains(body, "97.9") {
		t.Fatalf("after the edit: status %d, has 97.9 %v", code, strings.Contains(body, "97.9"))
	}

	// 3. A broken file shows the error page; fixing it brings the page back.
	line := lineOf(t, content, "funds_wan:")
	replaceInFile(t, content, "funds_wan: 97.9", "funds_wan: 九十七")
	if m := events.next(t); m != "error" {
		t.Fatalf("after breaking the file: event %q, want error", m)
	}
	code, body, h := get(t, pageURL)
	loc := "50011022T000000155466.md:" + strconv.Itoa(line)
	if code != 500 || !strings.Contains(body, loc) || !strings.Contains(body, `lang="zh-CN"`) ||
		!strings.Contains(body, "<title>生成失败</title>") || !strings.Contains(body, "九十七") ||
		!strings.Contains(body, `<script src="/zwgk/ysgk/__budgetsite/livereload.js" defer></script>`) ||
		!strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Fatalf("broken file: status %d, want 500 and an error page naming %s:\n%s", code, loc, body)
	}
	if !strings.Contains(stderr.String(), loc) {
		t.Errorf("stderr does not name %s:\n%s", loc, stderr.String())
	}
	// Assets still come from the last good build.
	if code, _, _ := get(t, base+"assets/css/site.css"); code != 200 {
		t.Errorf("site.css during the error: status %d", code)
	}
	replaceInFile(t, content, "funds_wan: 九十七", "funds_wan: 97.9")
	if m := events.next(t); m != "reload" {
		t.Fatalf("after the fix: event %q, want reload", m)
	}
	if code, body, _ := get(t, pageURL); code != 200 || !strings.Contains(body, "97.9") {
		t.Fatalf("after the fix: status %d", code)
	}

	// 4. Nothing of the preview leaks into files: the configured output
	// folder was never made, the preview folder holds no reload script,
	// and a normal build carries no trace of it.
	if _, err := os.Stat(filepath.Join(site, "public")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("serve created the configured output folder public/: %v", err)
	}
	if hits := grepTree(t, outDir, "livereload.js"); len(hits) == 0 {
		t.Errorf("no page of the preview loads the reload script")
	} else {
		for _, f := range hits {
			if filepath.Ext(f) != ".html" {
				t.Errorf("%s mentions the reload script; only pages may", f)
			}
		}
	}
	if hits := grepTree(t, outDir, "__budgetsite/events"); len(hits) > 0 {
		t.Errorf("the events endpoint is written to files: %v", hits)
	}
	if code, out, errs := cli(t, "--config", cfgFile, "build"); code != 0 {
		t.Fatalf("build exit %d: %s%s", code, out, errs)
	}
	if hits := grepTree(t, filepath.Join(site, "public"), "__budgetsite"); len(hits) > 0 {
		t.Errorf("build output mentions __budgetsite: %v", hits)
	}
	if hits := grepTree(t, filepath.Join(site, "public"), "livereload"); len(hits) > 0 {
		t.Errorf("build output mentions livereload: %v", hits)
	}
	// The build wrote public/; the preview must not reload for it.
	select {
	case m := <-events.msgs:
		t.Errorf("build of public/ triggered a preview event %q", m)
	case <-time.After(3 * debounceDelay):
	}

	// Shutdown ends the event stream and removes the temporary folder
	// with the build cache in it.
	cancel()
	srv.Wait()
	stopped = true
	for range events.msgs {
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the preview folder %s is still there: %v", tmp, err)
	}
	if _, err := http.Get(base); err == nil {
		t.Errorf("the server still answers after shutdown")
	}
}

// TestServeAddrWarning checks which addresses are reachable from other
// machines, without binding to them.
func TestServeAddrWarning(t *testing.T) {
	for addr, warn := range map[string]bool{
		"127.0.0.1:1313":   false,
		"localhost:1313":   false,
		"[::1]:1313":       false,
		"127.0.0.2:1313":   false,
		"0.0.0.0:1313":     true,
		":1313":            true,
		"[::]:1313":        true,
		"192.168.1.5:1313": true,
		"example.org:80":   true,
		"nonsense":         true,
	} {
		msg := addrWarning(addr)
		if (msg != "") != warn {
			t.Errorf("%s: warning %q, want warning %v", addr, msg, warn)
		}
		if warn && !strings.Contains(msg, "其他计算机") {
			t.Errorf("%s: the warning does not say who can reach it: %q", addr, msg)
		}
	}
}

// TestServeErrorPageEscapes makes sure messages from content files are
// text on the error page, never markup.
func TestServeErrorPageEscapes(t *testing.T) {
	s := &previewServer{cfg: generator.Config{Settings: site.Settings{BasePath: "/zwgk/ysgk/"}, SiteDir: "/site"}}
	rec := httptest.NewRecorder()
	s.serveError(rec, budget.ErrorList{
		{File: "/site/content/2022/a.md", Line: 3, Msg: `“<script>alert(1)</script>”不是数字`, Hint: "请改正"},
		{File: "/elsewhere/b.md", Msg: "坏"},
	})
	body := rec.Body.String()
	if rec.Code != 500 || strings.Contains(body, "<script>alert") {
		t.Fatalf("status %d, body not escaped:\n%s", rec.Code, body)
	}
	for _, want := range []string{"content/2022/a.md:3", "/elsewhere/b.md", "&lt;script&gt;", "请改正"} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q:\n%s", want, body)
		}
	}
}
