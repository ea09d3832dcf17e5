package main

// TestBrowser opens the built site in headless Chromium, from file:// and
// from a local server under the portal path, and checks what only a
// browser can tell: scripts run without console errors or CSP violations,
// every chart renders, nothing is loaded from outside the site, every
// internal link resolves, and axe-core finds no WCAG 2.1 A/AA violation.
// It also writes screenshots for a human look.
//
// Without a browser it skips, unless BUDGETSITE_REQUIRE_BROWSER=1 (CI).
// Screenshots and axe-summary.txt go to $BUDGETSITE_ARTIFACTS, or
// <repo>/artifacts/screenshots/.

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// sitePage is one page the browser test opens. To cover a new page type
// (search.html, download.html, …) add a row to sitePages.
type sitePage struct {
	Name string // subtest name; also the screenshot file name
	Path string // the file in the built site, slash-separated
	// HTTPPath, when set, is requested from the server instead of Path
	// (the 404 page is reached through a missing URL).
	HTTPPath string
	Status   int  // expected HTTP status; 0 means 200
	HTTPOnly bool // not opened from file://
	// Charts is the least number of charts the page must have.
	Charts     int
	Screenshot bool // desktop and phone screenshots (from the server)
}

var sitePages = []sitePage{
	{Name: "index", Path: "index.html", Charts: 1, Screenshot: true},
	{Name: "year-2022", Path: "2022/index.html", Charts: 1},
	{Name: "department-103", Path: "2022/department/103.html", Charts: 1},
	{Name: "unit-103001", Path: "2022/unit/103001.html", Charts: 1},
	{Name: "unit-103002", Path: "2022/unit/103002.html", Charts: 1, Screenshot: true},
	{Name: "project-50011021T000000048440", Path: "2022/project/50011021T000000048440.html", Charts: 1, Screenshot: true},
	{Name: "project-50011022T000000155484", Path: "2022/project/50011022T000000155484.html", Charts: 1},
	// The one code in the sample with a digit fewer.
	{Name: "project-50011022T00000097945", Path: "2022/project/50011022T00000097945.html", Charts: 1},
	{Name: "about", Path: "about.html"},
	{Name: "glossary", Path: "glossary.html"},
	{Name: "download", Path: "download.html"},
	{Name: "search", Path: "search.html?q=%E6%BB%A1%E6%84%8F%E5%BA%A6"},
	// 404.html links to /zwgk/ysgk/… (absolute, base_path) because a
	// server shows it at any depth; from file:// those links cannot work,
	// so it is only opened through the server, at a missing deep URL.
	{Name: "404", Path: "404.html", HTTPPath: "2022/project/nope/x.html", Status: 404, HTTPOnly: true},
}

// Viewports for the checks and screenshots.
const (
	desktopW, desktopH = 1280, 900
	phoneW, phoneH     = 390, 844
	chartWait          = 10 * time.Second // readiness wait, not a timing assertion
	pageTimeout        = 90 * time.Second
)

// cspRecorderJS is test-only: added to every new document through
// Page.addScriptToEvaluateOnNewDocument (the page's CSP does not apply to
// it), it records securitypolicyviolation events.
const cspRecorderJS = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber + (e.sample ? ' sample ' + e.sample : ''));
}, true);`

type browserEnv struct {
	ctx       context.Context // the browser; each page opens a tab from it
	chromeOut *lockedBuffer
	site      string // built site folder
	srv       *siteServer
	links     *linkChecker
	axeJS     string // axe.min.js, "" when skipped
	axe       *axeReport
	artifacts string
}

func TestBrowser(t *testing.T) {
	chrome := findChrome(t)
	site := buildSite(t)
	runBrowserChecks(t, chrome, site, sitePages, "")
}

// runBrowserChecks opens each of pages of the site built in the folder
// site, from file:// and over HTTP under sitePrefix, and runs every
// check on it. Screenshots and axe-summary.txt go to the artifacts
// folder, or its subfolder sub when sub is not "".
func runBrowserChecks(t *testing.T, chrome, site string, pages []sitePage, sub string) {
	t.Helper()
	root := repoRoot(t)
	srv := newSiteServer(t, site)
	ctx, chromeOut := startBrowser(t, chrome)

	env := &browserEnv{
		ctx: ctx, chromeOut: chromeOut, site: site, srv: srv,
		links: newLinkChecker(srv), axe: &axeReport{},
		artifacts: os.Getenv("BUDGETSITE_ARTIFACTS"),
	}
	if env.artifacts == "" {
		env.artifacts = filepath.Join(root, "artifacts", "screenshots")
	}
	if sub != "" {
		env.artifacts = filepath.Join(env.artifacts, sub)
	}
	if err := os.MkdirAll(env.artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js")); err == nil {
		env.axeJS = string(b)
	} else if requireBrowser() {
		t.Fatalf("axe-core not installed (%v); run npm ci", err)
	} else {
		t.Logf("axe-core checks skipped: %v (run npm ci to install axe-core)", err)
	}

	start := time.Now()
	for _, mode := range []string{"file", "http"} {
		t.Run(mode, func(t *testing.T) {
			for _, p := range pages {
				if mode == "file" && p.HTTPOnly {
					continue // a 404 page is only ever served over HTTP
				}
				t.Run(p.Name, func(t *testing.T) {
					env.checkPage(t, mode, p)
				})
			}
		})
	}
	if env.axeJS != "" {
		summary := env.axe.table()
		file := filepath.Join(env.artifacts, "axe-summary.txt")
		if err := os.WriteFile(file, []byte(summary), 0o644); err != nil {
			t.Error(err)
		}
		t.Logf("axe summary (%s):\n%s", file, summary)
	}
	t.Logf("browser checks took %s", time.Since(start).Round(time.Millisecond))
	if t.Failed() {
		t.Logf("browser output (tail):\n%s", chromeOut.tail(3000))
	}
}

// pageURL is where the page is opened in the given mode.
func (e *browserEnv) pageURL(mode string, p sitePage) string {
	if mode == "file" {
		file, query, _ := strings.Cut(p.Path, "?")
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(e.site, filepath.FromSlash(file))), RawQuery: query}).String()
	}
	rel := p.Path
	if p.HTTPPath != "" {
		rel = p.HTTPPath
	}
	return e.srv.URL + sitePrefix + rel
}

// checkPage opens one page in a new tab and runs every check on it.
func (e *browserEnv) checkPage(t *testing.T, mode string, p sitePage) {
	ctx, cancel := context.WithTimeout(e.ctx, pageTimeout)
	defer cancel()
	netl := &netLog{}
	tab, closeTab := chromedp.NewContext(ctx, chromedp.WithListener(netl.listen))
	defer closeTab()
	console := watchConsole(tab) // opens the tab and subscribes before navigating

	pageURL := e.pageURL(mode, p)
	if err := chromedp.Do(tab,
		chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
			_, err := cdp.Call(ctx, tgt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorderJS})
			return err
		}),
		chromedp.EmulateViewport(desktopW, desktopH),
	); err != nil {
		t.Fatalf("preparing the tab: %v", err)
	}
	sheets := e.load(t, tab, mode, p, pageURL)
	e.checkLinks(t, tab, mode)
	// The DOM is the same from file:// and HTTP, so axe runs once per
	// page (and once more at phone width for the screenshot pages).
	axe := e.axeJS != "" && mode == "http"
	if axe {
		e.runAxe(t, tab, p.Name)
	}

	if p.Screenshot && mode == "http" {
		e.screenshot(t, tab, p.Name+"-desktop.png")
		if err := chromedp.Do(tab, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
			t.Fatalf("phone emulation: %v", err)
		}
		// Load again so the page lays out and sizes its charts as a phone
		// would from the start; the same checks apply.
		e.load(t, tab, mode, p, pageURL)
		e.screenshot(t, tab, p.Name+"-phone.png")
		if axe {
			e.runAxe(t, tab, p.Name+" (phone)")
		}
	}

	msgs, err := console.finish(tab)
	if err != nil {
		t.Errorf("reading the console: %v", err)
	}
	reqs := netl.snapshot()
	e.checkConsole(t, p, pageURL, msgs)
	e.checkRequests(t, mode, p, pageURL, reqs)
	e.checkSheetsLoaded(t, sheets, reqs)
}

// load navigates, checks the status, then the page's state after load:
// styles applied, charts rendered, no CSP violation. It returns the
// stylesheet URLs for checkSheetsLoaded.
func (e *browserEnv) load(t *testing.T, tab context.Context, mode string, p sitePage, pageURL string) []string {
	t.Helper()
	resp, err := chromedp.Run(tab, chromedp.NavigateResponse(pageURL))
	if err != nil {
		t.Fatalf("opening %s: %v", pageURL, err)
	}
	want := int64(200)
	if p.Status != 0 {
		want = int64(p.Status)
	}
	if mode == "http" && (resp == nil || resp.Status != want) {
		got := "no response"
		if resp != nil {
			got = fmt.Sprint(resp.Status)
		}
		t.Errorf("%s: status %s, want %d", pageURL, got, want)
	}
	sheets := e.checkStyles(t, tab)
	e.checkCharts(t, tab, p)
	e.checkCSP(t, tab)
	return sheets
}

// checkStyles: the page links a stylesheet and site.css is applied (its
// :root tokens are set). It returns the stylesheet URLs: the DOM cannot
// tell a failed load (Chrome gives a 404'd sheet an empty CSSStyleSheet),
// so checkSheetsLoaded looks at the responses.
func (e *browserEnv) checkStyles(t *testing.T, tab context.Context) []string {
	t.Helper()
	type sheet struct {
		Href   string `json:"href"`
		Loaded bool   `json:"loaded"`
	}
	type styles struct {
		Sheets []sheet `json:"sheets"`
		Token  string  `json:"token"`
	}
	s, err := chromedp.Run(tab, chromedp.Evaluate[styles](`({
  sheets: Array.from(document.querySelectorAll('link[rel~="stylesheet"]')).map(l => ({href: l.href, loaded: !!l.sheet})),
  token: getComputedStyle(document.documentElement).getPropertyValue('--text').trim()
})`))
	if err != nil {
		t.Fatalf("reading styles: %v", err)
	}
	if len(s.Sheets) == 0 {
		t.Errorf("no stylesheet link")
	}
	var hrefs []string
	for _, sh := range s.Sheets {
		if !sh.Loaded {
			t.Errorf("stylesheet %s has no CSSStyleSheet (blocked?)", sh.Href)
		}
		hrefs = append(hrefs, sh.Href)
	}
	if s.Token == "" {
		t.Errorf("site.css is not applied (:root --text is not set)")
	}
	return hrefs
}

// checkSheetsLoaded: each stylesheet was fetched in this tab and the fetch
// succeeded (on the 404 page: its absolute /zwgk/ysgk/… link works at a
// deep URL).
func (e *browserEnv) checkSheetsLoaded(t *testing.T, sheets []string, reqs []netRequest) {
	t.Helper()
	for _, href := range sheets {
		ok := false
		for _, r := range reqs {
			if r.URL == href && r.Failed == "" && (r.Status == 200 || r.Status == 304 || (r.Status == 0 && strings.HasPrefix(href, "file:"))) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("stylesheet %s: no successful request for it", href)
		}
	}
}

// chartState is what the page tells about one chart container.
type chartState struct {
	ID       string `json:"id"`
	Ready    bool   `json:"ready"`
	Error    bool   `json:"error"`
	Instance bool   `json:"instance"`
	Canvases int    `json:"canvases"`
	Width    int    `json:"width"`   // of the most painted canvas, device pixels
	Height   int    `json:"height"`  //
	Painted  int    `json:"painted"` // pixels with alpha > 0
	Colors   int    `json:"colors"`  // distinct colours among them (capped at 64)
}

const chartsSettledJS = `Array.from(document.querySelectorAll('.chart-canvas[data-chart]')).every(el => el.dataset.chartReady === '1' || el.dataset.chartError === '1')`

const chartStatesJS = `Array.from(document.querySelectorAll('.chart-canvas[data-chart]')).map(el => {
  const r = {id: el.id, ready: el.dataset.chartReady === '1', error: el.dataset.chartError === '1',
    instance: !!(window.echarts && echarts.getInstanceByDom(el)), canvases: 0, width: 0, height: 0, painted: 0, colors: 0};
  const cs = el.querySelectorAll('canvas');
  r.canvases = cs.length;
  for (const c of cs) {
    if (!c.width || !c.height) continue;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    const colors = new Set();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3]) {
        painted++;
        if (colors.size < 64) colors.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      }
    }
    if (painted >= r.painted) { r.painted = painted; r.width = c.width; r.height = c.height; r.colors = colors.size; }
  }
  return r;
})`

// checkCharts waits (bounded) until every chart says it is ready, then
// checks each has an ECharts instance and a canvas with a drawing on it.
// The wait polls from Go: chromedp.Poll builds its predicate with
// new Function, which the page's CSP (no 'unsafe-eval') refuses.
func (e *browserEnv) checkCharts(t *testing.T, tab context.Context, p sitePage) {
	t.Helper()
	deadline := time.Now().Add(chartWait)
	for {
		settled, err := chromedp.Run(tab, chromedp.Evaluate[bool](chartsSettledJS))
		if err != nil {
			t.Fatalf("reading chart state: %v", err)
		}
		if settled || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	charts, err := chromedp.Run(tab, chromedp.Evaluate[[]chartState](chartStatesJS))
	if err != nil {
		t.Fatalf("reading charts: %v", err)
	}
	if len(charts) < p.Charts {
		t.Errorf("%d charts, want at least %d", len(charts), p.Charts)
	}
	for _, c := range charts {
		switch {
		case c.Error:
			t.Errorf("chart #%s: data-chart-error set (fallback shown)", c.ID)
		case !c.Ready:
			t.Errorf("chart #%s: not ready after %s", c.ID, chartWait)
		case !c.Instance:
			t.Errorf("chart #%s: no ECharts instance", c.ID)
		case c.Width == 0 || c.Height == 0:
			t.Errorf("chart #%s: %d canvases, none with a size", c.ID, c.Canvases)
		case c.Painted*100 < c.Width*c.Height || c.Colors < 2:
			// A chart paints well over 1% of its canvas in several colours.
			t.Errorf("chart #%s: canvas %dx%d looks blank (%d painted pixels, %d colours)", c.ID, c.Width, c.Height, c.Painted, c.Colors)
		}
	}
}

func (e *browserEnv) checkCSP(t *testing.T, tab context.Context) {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`window.__cspViolations || ['the CSP recorder did not run']`))
	if err != nil {
		t.Fatalf("reading CSP violations: %v", err)
	}
	for _, s := range v {
		t.Errorf("CSP violation: %s", s)
	}
}

// pageLink is one a[href] or link[href], with the browser's absolute URL.
type pageLink struct {
	Tag    string `json:"tag"`
	Raw    string `json:"raw"`
	Abs    string `json:"abs"`
	FragOK *bool  `json:"fragOK"` // for a link into the same page: does the id exist
}

// externalAllowed are the only outside addresses a page may link to.
var externalAllowed = []string{"https://beian.miit.gov.cn/"}

func (e *browserEnv) checkLinks(t *testing.T, tab context.Context, mode string) {
	t.Helper()
	links, err := chromedp.Run(tab, chromedp.Evaluate[[]pageLink](`Array.from(document.querySelectorAll('a[href], link[href]')).map(e => {
  const here = location.href.split('#')[0];
  let fragOK = null;
  if (e.hash && e.href.split('#')[0] === here) fragOK = !!document.getElementById(decodeURIComponent(e.hash.slice(1)));
  return {tag: e.localName, raw: e.getAttribute('href'), abs: e.href, fragOK};
})`))
	if err != nil {
		t.Fatalf("reading links: %v", err)
	}
	for _, l := range links {
		if l.FragOK != nil {
			// A link into this page: the page is loaded; the id must exist.
			if !*l.FragOK {
				t.Errorf("<%s href=%q>: no element with that id on the page", l.Tag, l.Raw)
			}
			continue
		}
		if problem := e.linkProblem(mode, l.Abs); problem != "" {
			t.Errorf("<%s href=%q> → %s: %s", l.Tag, l.Raw, l.Abs, problem)
		}
	}
}

// linkProblem tells why a link target does not resolve, or "".
func (e *browserEnv) linkProblem(mode, abs string) string {
	for _, ok := range externalAllowed {
		if strings.HasPrefix(abs, ok) {
			return ""
		}
	}
	u, err := url.Parse(abs)
	if err != nil {
		return err.Error()
	}
	u.Fragment, u.RawFragment = "", ""
	if mode == "file" {
		file, ok := e.inSiteFile(u)
		if !ok {
			return "leaves the site folder"
		}
		fi, err := os.Stat(file)
		if err != nil {
			return "no such file"
		}
		if !fi.Mode().IsRegular() {
			return "not a file (a folder link does not work from file://)"
		}
		return ""
	}
	if !e.inSiteURL(u) {
		return "leaves the site (" + sitePrefix + " on the local server)"
	}
	return e.links.check(u.String())
}

// inSiteFile returns the local file of a file:// URL inside the site.
func (e *browserEnv) inSiteFile(u *url.URL) (string, bool) {
	if u.Scheme != "file" || (u.Host != "" && u.Host != "localhost") {
		return "", false
	}
	file := filepath.FromSlash(u.Path)
	rel, err := filepath.Rel(e.site, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return file, true
}

// inSiteURL: http://127.0.0.1:<port>/zwgk/ysgk/…
func (e *browserEnv) inSiteURL(u *url.URL) bool {
	srv, _ := url.Parse(e.srv.URL)
	return u.Scheme == "http" && u.Host == srv.Host && strings.HasPrefix(u.Path, sitePrefix)
}

// checkRequests: every request stayed in the site folder or under the
// site prefix on the local server, and none failed. data:/blob: URLs pass
// only when a script or the markup of the site itself made them.
func (e *browserEnv) checkRequests(t *testing.T, mode string, p sitePage, pageURL string, reqs []netRequest) {
	t.Helper()
	if len(reqs) == 0 {
		t.Errorf("no request recorded for %s", pageURL)
	}
	var data []string
	for _, r := range reqs {
		u, err := url.Parse(r.URL)
		if err != nil {
			t.Errorf("request to an unparsable URL %q", r.URL)
			continue
		}
		switch {
		case u.Scheme == "data" || u.Scheme == "blob":
			data = append(data, fmt.Sprintf("%.60s (%s, from %s)", r.URL, r.Type, r.Initiator))
			if !e.initiatedBySite(mode, r.Initiator) {
				t.Errorf("%s request %.80s not made by the site (initiator %q)", u.Scheme, r.URL, r.Initiator)
			}
			continue
		case mode == "file":
			if _, ok := e.inSiteFile(u); !ok {
				t.Errorf("request leaves the site folder: %s (%s, from %s)", r.URL, r.Type, r.Initiator)
				continue
			}
		case e.isFavicon(u, r):
			t.Logf("the browser asked for %s itself (no <link rel=icon> on the page); on the portal that is the portal's icon, so not a failure", r.URL)
			continue
		default:
			if !e.inSiteURL(u) {
				t.Errorf("request leaves the site: %s (%s, from %s)", r.URL, r.Type, r.Initiator)
				continue
			}
		}
		if r.Failed != "" {
			t.Errorf("request failed: %s: %s", r.URL, r.Failed)
		}
		if mode == "http" && r.Status != 0 && r.Status != 200 && r.Status != 304 {
			if !(r.URL == pageURL && int(r.Status) == p.Status) {
				t.Errorf("request %s answered %d", r.URL, r.Status)
			}
		}
	}
	if len(data) > 0 {
		t.Logf("data:/blob: requests: %s", strings.Join(data, "; "))
	}
}

// isFavicon: Chromium's own request for /favicon.ico at the server root,
// made when a page declares no icon. It is the browser's, not the page's,
// and on the portal it gets the portal's icon.
func (e *browserEnv) isFavicon(u *url.URL, r netRequest) bool {
	srv, _ := url.Parse(e.srv.URL)
	return u.Scheme == "http" && u.Host == srv.Host && u.Path == "/favicon.ico" && r.Initiator == "other"
}

func (e *browserEnv) initiatedBySite(mode, initiator string) bool {
	_, from, ok := strings.Cut(initiator, " ")
	if !ok {
		return false
	}
	u, err := url.Parse(from)
	if err != nil {
		return false
	}
	if mode == "file" {
		_, in := e.inSiteFile(u)
		return in
	}
	return e.inSiteURL(u)
}

// checkConsole fails on console.error, failed console.assert, uncaught
// exceptions and error entries of the browser log (CSP reports, failed
// loads). The 404 page's own 404 status is expected.
func (e *browserEnv) checkConsole(t *testing.T, p sitePage, pageURL string, msgs []chromedp.ConsoleMessage) {
	t.Helper()
	for _, m := range msgs {
		where := ""
		if m.URL != "" {
			where = fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
		}
		src := ""
		if m.Source != "" {
			src = " [" + m.Source + "]"
		}
		switch m.Type {
		case chromedp.ConsoleError, "assert", chromedp.ConsoleException:
			if p.Status != 0 && m.Source == "network" && m.URL == pageURL && strings.Contains(m.Text, fmt.Sprint(p.Status)) {
				continue // the document's own expected status
			}
			if m.Source == "network" && m.URL == e.srv.URL+"/favicon.ico" {
				continue // see isFavicon; logged with the requests
			}
			t.Errorf("console %s%s: %s%s", m.Type, src, m.Text, where)
		case chromedp.ConsoleWarning:
			t.Logf("console warning%s: %s%s", src, m.Text, where)
		}
	}
}

// screenshot writes a full-page PNG to the artifacts folder.
func (e *browserEnv) screenshot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	file := filepath.Join(e.artifacts, name)
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Error(err)
		return
	}
	t.Logf("screenshot: %s", file)
}

// runAxe injects axe-core and runs it. Both go through Runtime.evaluate,
// which the page's CSP does not govern (script-src 'self' would refuse an
// inline <script>); Page.setBypassCSP is not used, so the page keeps its
// real CSP throughout.
func (e *browserEnv) runAxe(t *testing.T, tab context.Context, name string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](e.axeJS+"\n;undefined")); err != nil {
		t.Errorf("injecting axe-core: %v", err)
		return
	}
	res, err := chromedp.Run(tab, chromedp.Evaluate[axeResult](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Errorf("running axe-core: %v", err)
		return
	}
	e.axe.add(name, res)
	for _, v := range res.Violations {
		t.Errorf("axe %s (%s, %d nodes): %s; e.g. %s", v.ID, v.Impact, v.Nodes, v.Help, strings.Join(v.Targets, " ; "))
	}
}
