package main

// Helpers for browser_test.go: finding Chromium, building the site once,
// the portal-like HTTP server, the tab's network and console recorders,
// and the axe-core summary.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// sitePrefix is where the test server publishes the built site, as a
// government portal would (config.yaml's base_path).
const sitePrefix = "/zwgk/ysgk/"

// requireBrowser reports whether a missing browser or axe-core is a
// failure (CI) rather than a skip (a developer machine without them).
func requireBrowser() bool { return os.Getenv("BUDGETSITE_REQUIRE_BROWSER") == "1" }

// skipOrFail skips the test, or fails it when BUDGETSITE_REQUIRE_BROWSER=1.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if requireBrowser() {
		t.Fatalf(format+" (BUDGETSITE_REQUIRE_BROWSER=1, so this is a failure)", args...)
	}
	t.Skipf(format, args...)
}

// findChrome returns the browser to drive: $BUDGETSITE_CHROME, or the first
// known Chromium/Chrome name in PATH.
func findChrome(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("BUDGETSITE_CHROME"); p != "" {
		if full, err := exec.LookPath(p); err == nil {
			return full
		}
		skipOrFail(t, "BUDGETSITE_CHROME=%q is not an executable", p)
	}
	names := []string{"chromium", "chromium-browser", "chromium-headless-shell", "headless-shell", "google-chrome", "google-chrome-stable"}
	for _, n := range names {
		if full, err := exec.LookPath(n); err == nil {
			return full
		}
	}
	skipOrFail(t, "no Chromium found (looked for %s in PATH and $BUDGETSITE_CHROME); install chromium (Debian: apt-get install chromium fonts-noto-cjk) to run the browser tests", strings.Join(names, ", "))
	return ""
}

// repoRoot is the folder holding go.mod, found from the test's working
// directory (cmd/budgetsite).
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's working directory")
		}
		dir = parent
	}
}

// builtSite is the site built once per test binary by the real CLI.
var builtSite struct {
	once sync.Once
	tmp  string // removed by TestMain
	dir  string
	log  string
	err  error
}

// TestMain removes the site that buildSite wrote, after all tests ran.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtSite.tmp != "" {
		os.RemoveAll(builtSite.tmp)
	}
	os.Exit(code)
}

// buildSite runs `budgetsite --config <repo>/config.yaml build --out <tmp>`
// once and returns the output folder. A binary compiled without
// assets/vendor/echarts.min.js fails here with the CLI's message telling to
// run npm ci.
func buildSite(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	builtSite.once.Do(func() {
		tmp, err := os.MkdirTemp("", "budgetsite-browser-")
		if err != nil {
			builtSite.err = err
			return
		}
		builtSite.tmp = tmp
		out := filepath.Join(tmp, "site")
		var stdout, stderr bytes.Buffer
		code := run([]string{"--config", filepath.Join(root, "config.yaml"), "build", "--out", out}, &stdout, &stderr)
		builtSite.log = strings.TrimSpace(stdout.String() + stderr.String())
		if code != 0 {
			builtSite.err = fmt.Errorf("budgetsite build exited %d:\n%s", code, builtSite.log)
			return
		}
		// Chrome reports file:// URLs with the resolved path.
		if builtSite.dir, err = filepath.EvalSymlinks(out); err != nil {
			builtSite.err = err
		}
	})
	if builtSite.err != nil {
		t.Fatalf("building the site failed: %v", builtSite.err)
	}
	t.Logf("site: %s", builtSite.log)
	return builtSite.dir
}

// siteServer serves the built folder under sitePrefix like a portal:
// existing files as they are (X/index.html is served, not redirected to
// X/), a missing file under the prefix gets 404.html with status 404, and
// anything outside the prefix is a plain 404.
type siteServer struct {
	*httptest.Server
	mu      sync.Mutex
	outside []string // requests outside sitePrefix, for the log
}

func newSiteServer(t *testing.T, dir string) *siteServer {
	t.Helper()
	notFound, err := os.ReadFile(filepath.Join(dir, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(dir))
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		full := filepath.Join(dir, filepath.FromSlash(p))
		fi, err := os.Stat(full)
		if err == nil && fi.IsDir() {
			fi, err = os.Stat(filepath.Join(full, "index.html"))
		}
		if err != nil || !fi.Mode().IsRegular() {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(notFound)
			return
		}
		if strings.HasSuffix(r.URL.Path, "/index.html") {
			// http.FileServer redirects …/index.html to …/; a portal
			// serves the file. Ask for the folder, whose index it serves.
			r = r.Clone(r.Context())
			r.URL.Path = strings.TrimSuffix(r.URL.Path, "index.html")
			r.URL.RawPath = ""
		}
		files.ServeHTTP(w, r)
	})
	s := &siteServer{}
	mux := http.NewServeMux()
	mux.Handle(sitePrefix, http.StripPrefix(strings.TrimSuffix(sitePrefix, "/"), site))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.outside = append(s.outside, r.Method+" "+r.URL.String())
		s.mu.Unlock()
		http.NotFound(w, r)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(func() {
		s.Close()
		s.mu.Lock()
		defer s.mu.Unlock()
		if len(s.outside) > 0 {
			t.Logf("requests the server got outside %s (answered 404): %s", sitePrefix, strings.Join(s.outside, ", "))
		}
	})
	return s
}

// linkStatus GETs an internal URL once and caches the status. Redirects
// are not followed: a link must hit the file.
type linkChecker struct {
	client *http.Client
	mu     sync.Mutex
	status map[string]string // URL → "" (200) or the problem
}

func newLinkChecker(s *siteServer) *linkChecker {
	c := *s.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.Timeout = 10 * time.Second
	return &linkChecker{client: &c, status: map[string]string{}}
}

func (l *linkChecker) check(u string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s, ok := l.status[u]; ok {
		return s
	}
	problem := ""
	resp, err := l.client.Get(u)
	if err != nil {
		problem = err.Error()
	} else {
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			problem = fmt.Sprintf("GET answered %s", resp.Status)
			if loc := resp.Header.Get("Location"); loc != "" {
				problem += " → " + loc
			}
		}
	}
	l.status[u] = problem
	return problem
}

// startBrowser starts one headless Chromium for the whole test. Each page
// gets its own tab (chromedp.NewContext on the returned context).
func startBrowser(t *testing.T, chrome string) (context.Context, *lockedBuffer) {
	t.Helper()
	out := &lockedBuffer{}
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()), // fresh profile; removed after the browser exits
		chromedp.CombinedOutput(out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc() // waits for the browser to exit
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v\n%s", chrome, err, out.tail(4000))
	}
	return ctx, out
}

// lockedBuffer collects the browser's output for failure messages.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}

// netRequest is one request a tab made, from Network.requestWillBeSent,
// completed by Network.responseReceived / Network.loadingFailed.
type netRequest struct {
	id        network.RequestID
	URL       string
	Type      network.ResourceType
	Initiator string
	Status    int64  // 0 while no response was seen
	Failed    string // loadingFailed error text
}

// netLog records a tab's network events. It is a chromedp.WithListener
// func: the tab calls it in order, before the reply to any later command
// returns, so after a command the log holds every earlier request (an
// Events iterator is read by another goroutine and gives no such
// guarantee, and the check must not miss a late request).
type netLog struct {
	mu   sync.Mutex
	reqs []*netRequest
}

func (l *netLog) listen(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r := &netRequest{id: ev.RequestID, Type: ev.Type}
		if ev.Request != nil {
			r.URL = ev.Request.URL
		}
		if in := ev.Initiator; in != nil {
			r.Initiator = string(in.Type)
			if in.URL != "" {
				r.Initiator += " " + in.URL
			} else if in.Stack != nil && len(in.Stack.CallFrames) > 0 {
				r.Initiator += " " + in.Stack.CallFrames[0].URL
			}
		}
		l.reqs = append(l.reqs, r)
	case *network.EventResponseReceived:
		if r := l.find(ev.RequestID); r != nil && ev.Response != nil {
			r.Status = ev.Response.Status
		}
	case *network.EventLoadingFailed:
		if r := l.find(ev.RequestID); r != nil {
			r.Failed = ev.ErrorText
			if ev.BlockedReason != "" {
				r.Failed += " (blocked: " + string(ev.BlockedReason) + ")"
			}
		}
	}
}

func (l *netLog) find(id network.RequestID) *netRequest {
	for i := len(l.reqs) - 1; i >= 0; i-- {
		if l.reqs[i].id == id {
			return l.reqs[i]
		}
	}
	return nil
}

func (l *netLog) snapshot() []netRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]netRequest, len(l.reqs))
	for i, r := range l.reqs {
		out[i] = *r
	}
	return out
}

// consoleEndMarker is logged by the test after its checks; the reader of
// chromedp.Console stops there, so it has seen every earlier message.
const consoleEndMarker = "budgetsite-browser-test: end of page"

// consoleWatch reads a tab's console (console API calls, uncaught
// exceptions, browser log entries such as CSP reports) with the
// chromedp.Console iterator.
type consoleWatch struct {
	done chan []chromedp.ConsoleMessage
}

// watchConsole subscribes now, so no message of the coming navigation is
// lost.
func watchConsole(ctx context.Context) *consoleWatch {
	msgs := chromedp.Console(ctx)
	c := &consoleWatch{done: make(chan []chromedp.ConsoleMessage, 1)}
	go func() {
		var got []chromedp.ConsoleMessage
		for m, err := range msgs {
			if err != nil {
				break
			}
			if m.Text == consoleEndMarker {
				break
			}
			got = append(got, m)
		}
		c.done <- got
	}()
	return c
}

// finish logs the end marker and returns every message before it.
func (c *consoleWatch) finish(ctx context.Context) ([]chromedp.ConsoleMessage, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("console.debug(%q)", consoleEndMarker))); err != nil {
		return nil, err
	}
	select {
	case got := <-c.done:
		return got, nil
	case <-time.After(10 * time.Second):
		return nil, errors.New("the console end marker did not arrive within 10 s")
	}
}

// axeViolation is one failed axe-core rule on a page.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"` // the first 3 nodes' selectors
	HTML    string   `json:"html"`    // the first node's markup
	Summary string   `json:"summary"` // the first node's failure summary
}

type axeResult struct {
	Violations []axeViolation `json:"violations"`
	Incomplete []string       `json:"incomplete"` // rules axe could not decide: "id×nodes"
	Passes     int            `json:"passes"`
}

// axeRunJS runs axe-core for WCAG 2.0/2.1 A and AA and returns the
// violations in a compact form (the full result is too large to ship).
const axeRunJS = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => ({
  violations: r.violations.map(v => ({
    id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.map(s => Array.isArray(s) ? s.join(' >>> ') : String(s)).join(' ')),
    html: v.nodes.length ? String(v.nodes[0].html).slice(0, 300) : '',
    summary: v.nodes.length ? String(v.nodes[0].failureSummary || '').replace(/\s+/g, ' ').slice(0, 400) : ''
  })),
  incomplete: r.incomplete.map(v => v.id + '×' + v.nodes.length),
  passes: r.passes.length
}))`

// axeReport collects every page's axe result for axe-summary.txt.
type axeReport struct {
	mu    sync.Mutex
	pages map[string]axeResult
}

func (r *axeReport) add(page string, res axeResult) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pages == nil {
		r.pages = map[string]axeResult{}
	}
	r.pages[page] = res
}

// table renders the summary: one row per violated rule and page, then the
// first failing node of each for context.
func (r *axeReport) table() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, 0, len(r.pages))
	for n := range r.pages {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "axe-core WCAG 2.0/2.1 A+AA (tags wcag2a wcag2aa wcag21a wcag21aa), %d pages\n\n", len(names))
	fmt.Fprintf(&b, "%-36s %-24s %-9s %5s  %s | targets\n", "page", "rule", "impact", "nodes", "help")
	total := 0
	for _, n := range names {
		res := r.pages[n]
		if len(res.Violations) == 0 {
			fmt.Fprintf(&b, "%-36s %-24s %-9s %5s  (no violations; %d rules passed)\n", n, "-", "-", "-", res.Passes)
		}
		for _, v := range res.Violations {
			total++
			fmt.Fprintf(&b, "%-36s %-24s %-9s %5d  %s | %s\n", n, v.ID, v.Impact, v.Nodes, v.Help, strings.Join(v.Targets, " ; "))
		}
	}
	fmt.Fprintf(&b, "\n%d violations in all.\n", total)
	review := false
	for _, n := range names {
		if inc := r.pages[n].Incomplete; len(inc) > 0 {
			if !review {
				b.WriteString("\nNeeds review (axe could not decide; not failures):\n")
				review = true
			}
			fmt.Fprintf(&b, "  %-36s %s\n", n, strings.Join(inc, ", "))
		}
	}
	if total > 0 {
		b.WriteString("\nFirst failing node of each:\n")
		for _, n := range names {
			for _, v := range r.pages[n].Violations {
				fmt.Fprintf(&b, "\n[%s] %s (%s)\n  html: %s\n  why:  %s\n", n, v.ID, v.HelpURL, v.HTML, v.Summary)
			}
		}
	}
	return b.String()
}
