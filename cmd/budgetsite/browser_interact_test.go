package main

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// fileURL is the file:// address of a page of the built site.
func fileURL(site, rel, query string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(site, filepath.FromSlash(rel))), RawQuery: query}).String()
}

// waitFor polls a boolean expression; a readiness wait, not a timing
// assertion.
func waitFor(t *testing.T, ctxRun func(string) (bool, error), expr, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := ctxRun(expr)
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestBrowserSearch types a query into the header search box of a page
// opened from disk, sees the expected results and follows one.
func TestBrowserSearch(t *testing.T) {
	site, tab, eval, out := openTab(t)

	if err := chromedp.Do(tab,
		chromedp.Navigate(fileURL(site, "2022/unit/103002.html", "")),
		chromedp.WaitVisible(chromedp.CSS("#site-q")),
		chromedp.SendKeys(chromedp.CSS("#site-q"), "监察"),
		chromedp.KeyEvent("\r"),
	); err != nil {
		t.Fatalf("typing the query: %v\n%s", err, out.tail(2000))
	}
	waitFor(t, eval, `location.pathname.endsWith('/search.html') && document.querySelectorAll('#search-results li').length > 0`, "search results")

	type result struct {
		Title  string
		Href   string
		Marked []string
	}
	rs, err := chromedp.Run(tab, chromedp.Evaluate[[]result](`Array.from(document.querySelectorAll('#search-results li')).map(li => ({
		Title: li.querySelector('a').textContent, Href: li.querySelector('a').getAttribute('href'),
		Marked: Array.from(li.querySelectorAll('mark')).map(m => m.textContent)}))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 || !strings.Contains(rs[0].Title, "民生监察") {
		t.Fatalf("first result for 监察 is %+v, want the 民生监察 project", rs)
	}
	if len(rs[0].Marked) == 0 || rs[0].Marked[0] != "监察" {
		t.Errorf("the match is not highlighted: %v", rs[0].Marked)
	}
	status, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS("#search-status")))
	if !strings.Contains(status, "找到") {
		t.Errorf("status line %q", status)
	}
	q, _ := chromedp.Run(tab, chromedp.Value(chromedp.CSS("#search-q")))
	if q != "监察" {
		t.Errorf("the query is not kept in the search box: %q", q)
	}

	// Follow the first result.
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("#search-results li a"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, eval, `location.pathname.endsWith('/2022/project/50011021T000000048438.html') && document.readyState === 'complete'`, "the project page")
	h1, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS("h1")))
	if !strings.Contains(h1, "政府网站群民生监察OA办公平台运维经费") {
		t.Errorf("followed result shows %q", h1)
	}

	// Filters live in the URL, so a result list can be bookmarked.
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(site, "search.html", "q=%E6%BB%A1%E6%84%8F%E5%BA%A6&unit=103002"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, eval, `document.querySelectorAll('#search-results li').length > 0`, "filtered results")
	n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('#search-results li').length`))
	unit, _ := chromedp.Run(tab, chromedp.Value(chromedp.CSS("#search-unit")))
	if n != 6 || unit != "103002" {
		t.Errorf("满意度 in unit 103002: %d results with the unit filter showing %q; want 6 and 103002", n, unit)
	}
}

// TestBrowserElderMode switches on 敬老版 and checks that it enlarges the
// type, opens up line spacing, survives moving to another page from disk,
// and switches off again.
func TestBrowserElderMode(t *testing.T) {
	site, tab, eval, _ := openTab(t)

	type metrics struct {
		Elder      bool
		Pressed    string
		FontSize   float64
		LineHeight float64
	}
	read := func() metrics {
		t.Helper()
		m, err := chromedp.Run(tab, chromedp.Evaluate[metrics](`(() => {
			const p = document.querySelector('main p') || document.body;
			const cs = getComputedStyle(p);
			return {Elder: document.documentElement.classList.contains('elder'),
				Pressed: document.getElementById('elder-toggle').getAttribute('aria-pressed'),
				FontSize: parseFloat(cs.fontSize), LineHeight: parseFloat(cs.lineHeight) / parseFloat(cs.fontSize)};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(site, "index.html", "")), chromedp.WaitVisible(chromedp.CSS("#elder-toggle"))); err != nil {
		t.Fatal(err)
	}
	before := read()
	if before.Elder || before.Pressed != "false" {
		t.Fatalf("elder mode on at first visit: %+v", before)
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("#elder-toggle"))); err != nil {
		t.Fatal(err)
	}
	on := read()
	if !on.Elder || on.Pressed != "true" || on.FontSize < 20 || on.FontSize <= before.FontSize || on.LineHeight < 1.3 {
		t.Errorf("elder mode: before %+v, after %+v; want class elder, aria-pressed true, font ≥ 20px and larger, line-height ≥ 1.3", before, on)
	}
	// It persists across pages opened from disk.
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(site, "2022/project/50011021T000000048440.html", "")), chromedp.WaitVisible(chromedp.CSS("#elder-toggle"))); err != nil {
		t.Fatal(err)
	}
	if m := read(); !m.Elder || m.Pressed != "true" {
		t.Errorf("elder mode lost on the next page: %+v", m)
	}
	waitFor(t, eval, `Array.from(document.querySelectorAll('.chart-canvas')).every(el => el.dataset.chartReady === '1')`, "charts in elder mode")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("#elder-toggle"))); err != nil {
		t.Fatal(err)
	}
	if m := read(); m.Elder || m.Pressed != "false" {
		t.Errorf("elder mode did not switch off: %+v", m)
	}
}

// TestBrowserKeyboard checks that the first Tab reaches the skip link and
// that following it moves focus into the main content.
func TestBrowserKeyboard(t *testing.T) {
	site, tab, _, _ := openTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(site, "2022/unit/103002.html", "")), chromedp.WaitVisible(chromedp.CSS("main")), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	type focus struct {
		Class   string
		Text    string
		Outline string
	}
	f, err := chromedp.Run(tab, chromedp.Evaluate[focus](`({Class: document.activeElement.className, Text: document.activeElement.textContent,
		Outline: getComputedStyle(document.activeElement).outlineStyle})`))
	if err != nil {
		t.Fatal(err)
	}
	if f.Class != "skip-link" || f.Text != "跳到主要内容" {
		t.Fatalf("first Tab focuses %+v, want the skip link", f)
	}
	if f.Outline == "none" {
		t.Error("the focused skip link has no visible outline")
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	id, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.closest('main')?.id || ''`))
	if id != "main" {
		t.Errorf("after the skip link, focus is on %q, want main", id)
	}
}

// openTab builds the shipped site once, starts a browser and opens a tab;
// eval polls a boolean expression in it.
func openTab(t *testing.T) (site string, tab context.Context, eval func(string) (bool, error), out *lockedBuffer) {
	t.Helper()
	chrome := findChrome(t)
	site = buildSite(t)
	ctx, out := startBrowser(t, chrome)
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	eval = func(expr string) (bool, error) { return chromedp.Run(tab, chromedp.Evaluate[bool](expr)) }
	return site, tab, eval, out
}
