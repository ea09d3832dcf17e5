package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowserHostileInput builds the sample plus generator/testdata/hostile
// (script tags, event handlers, javascript: links, template syntax and
// control characters in every text field) and opens the pages that show
// it. Every payload would set window.__pwned or open a dialog if it ran.
func TestBrowserHostileInput(t *testing.T) {
	chrome := findChrome(t)
	needSample(t)
	root := repoRoot(t)
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, cfg, "title: 测试站点\nbase_path: /zwgk/ysgk/\n"+reviewedNames)
	if code, _, errs := cli(t, "import", "--content", content, sample); code != 0 {
		t.Fatal(errs)
	}
	copyDir(t, filepath.Join(root, "generator", "testdata", "hostile"), content)
	copyDir(t, filepath.Join(root, "content", "pages"), filepath.Join(content, "pages"))
	out := filepath.Join(dir, "public")
	if code, _, errs := cli(t, "--config", cfg, "build", "--content", content, "--out", out); code != 0 {
		t.Fatal(errs)
	}
	site, err := filepath.EvalSymlinks(out)
	if err != nil {
		t.Fatal(err)
	}

	ctx, _ := startBrowser(t, chrome)
	pages := []struct{ path, query string }{
		{"2022/project/50011022T000000999999.html", ""},
		{"2022/department/666.html", ""},
		{"2022/unit/666001.html", ""},
		{"2022/index.html", ""},
		{"evil.html", ""},
		{"search.html", "q=script"},
		{"search.html", "q=pwned"},
	}
	for _, p := range pages {
		t.Run(p.path+"?"+p.query, func(t *testing.T) {
			tab, cancel := chromedp.NewContext(ctx)
			defer cancel()
			if err := chromedp.Listen(tab, func(ev any) {
				if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
					t.Errorf("a dialog opened: %q", d.Message)
				}
			}); err != nil {
				t.Fatal(err)
			}
			console := watchConsole(tab)
			if err := chromedp.Do(tab, chromedp.Navigate(fileURL(site, p.path, p.query)), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
				t.Fatal(err)
			}
			eval := func(expr string) (bool, error) { return chromedp.Run(tab, chromedp.Evaluate[bool](expr)) }
			waitFor(t, eval, `Array.from(document.querySelectorAll('.chart-canvas')).every(el => el.dataset.chartReady === '1')`, "charts")
			// Show a tooltip on every chart: labels and tooltips come from
			// the hostile names.
			if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => {
				document.querySelectorAll('.chart-canvas').forEach(el => {
					const c = echarts.getInstanceByDom(el);
					if (c) c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});
				});
				return true;
			})()`)); err != nil {
				t.Fatal(err)
			}
			type state struct {
				Pwned   any
				Scripts []string
				Results int
			}
			s, err := chromedp.Run(tab, chromedp.Evaluate[state](`({Pwned: window.__pwned === undefined ? null : window.__pwned,
				Scripts: Array.from(document.scripts).map(s => s.src ? s.src.replace(/^.*\/(assets|data)\//, '$1/') : 'inline:' + s.type),
				Results: document.querySelectorAll('#search-results li').length})`))
			if err != nil {
				t.Fatal(err)
			}
			if s.Pwned != nil {
				t.Errorf("a payload ran: window.__pwned = %v", s.Pwned)
			}
			for _, src := range s.Scripts {
				if !(strings.HasPrefix(src, "assets/") || strings.HasPrefix(src, "data/") || src == "inline:application/json") {
					t.Errorf("unexpected script on the page: %s", src)
				}
			}
			if p.path == "search.html" && s.Results == 0 {
				t.Errorf("search for %s found nothing; the hostile project should be found as text", p.query)
			}
			msgs, err := console.finish(tab)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
					t.Errorf("console %s: %s", m.Type, m.Text)
				}
			}
		})
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
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
