package generator

import (
	"budgetsite/generator/internal/testkit"
	"bytes"
	"net/url"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pageRefs lists a page's references and scripts, parsed from the HTML.
type pageRefs struct {
	links   []string // href of a, link
	sources []string // src of script, img, iframe…
	inline  []string // bodies of scripts without src
	types   []string // type attribute of those scripts
	csp     string
	lang    string
	charts  int // .chart-canvas elements
	tables  int // chart data tables
	ids     map[string]int
}

func parseRefs(t *testing.T, b []byte) pageRefs {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	r := pageRefs{ids: map[string]int{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			if id, ok := attr["id"]; ok {
				r.ids[id]++
			}
			switch n.Data {
			case "html":
				r.lang = attr["lang"]
			case "a", "link":
				if h, ok := attr["href"]; ok {
					r.links = append(r.links, h)
				}
			case "script":
				if s, ok := attr["src"]; ok {
					r.sources = append(r.sources, s)
				} else {
					var body strings.Builder
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						body.WriteString(c.Data)
					}
					r.inline = append(r.inline, body.String())
					r.types = append(r.types, attr["type"])
				}
			case "img", "iframe", "source", "audio", "video", "embed":
				if s, ok := attr["src"]; ok {
					r.sources = append(r.sources, s)
				}
			case "meta":
				if strings.EqualFold(attr["http-equiv"], "Content-Security-Policy") {
					r.csp = attr["content"]
				}
			case "div":
				if strings.Contains(attr["class"], "chart-canvas") {
					r.charts++
				}
			case "details":
				if strings.Contains(attr["class"], "chart-data") {
					r.tables++
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return r
}

// externalAllowed are the only outside addresses a page may link to (not
// load from): the MIIT record site that the ICP number must link to.
var externalAllowed = []string{"https://beian.miit.gov.cn/"}

// TestOutputIsSelfContained checks every page of the sample site: every
// internal link and asset resolves to a file, nothing loads from outside
// the folder, no inline script runs, each chart has its data table, and
// each page carries lang and a strict CSP.
func TestOutputIsSelfContained(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	build(t, cfg)
	files := testkit.ReadTree(t, cfg.OutDir)
	pages := 0
	for _, name := range sortedKeys(files) {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		r := parseRefs(t, files[name])
		if r.lang != "zh-CN" {
			t.Errorf("%s: lang=%q", name, r.lang)
		}
		if r.csp == "" || strings.Contains(r.csp, "unsafe-inline") || strings.Contains(r.csp, "unsafe-eval") || !strings.Contains(r.csp, "script-src 'self'") {
			t.Errorf("%s: CSP %q", name, r.csp)
		}
		for i, typ := range r.types {
			if typ != "application/json" {
				t.Errorf("%s: inline script of type %q: %.60s", name, typ, r.inline[i])
			}
		}
		if r.charts != r.tables {
			t.Errorf("%s: %d charts but %d data tables", name, r.charts, r.tables)
		}
		for id, n := range r.ids {
			if n > 1 {
				t.Errorf("%s: id %q used %d times", name, id, n)
			}
		}
		for _, s := range r.sources {
			checkRef(t, files, name, s, false)
		}
		for _, h := range r.links {
			checkRef(t, files, name, h, true)
		}
	}
	if pages != 24 {
		// index, year, 1 department, 2 units, 14 projects, 2 free pages,
		// download, search, 404
		t.Errorf("%d pages, want 24", pages)
	}
}

func checkRef(t *testing.T, files map[string][]byte, from, ref string, isLink bool) {
	t.Helper()
	u, err := url.Parse(ref)
	if err != nil {
		t.Errorf("%s: bad URL %q", from, ref)
		return
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "//") {
		if isLink {
			for _, ok := range externalAllowed {
				if strings.HasPrefix(ref, ok) {
					return
				}
			}
		}
		t.Errorf("%s: reference leaves the site: %q", from, ref)
		return
	}
	if u.Path == "" { // in-page anchor
		return
	}
	if from == "404.html" && strings.HasPrefix(u.Path, "/zwgk/ysgk/") {
		u.Path = strings.TrimPrefix(u.Path, "/zwgk/ysgk/")
	} else if strings.HasPrefix(u.Path, "/") {
		t.Errorf("%s: absolute path %q breaks file:// and sub-path hosting", from, ref)
		return
	} else {
		u.Path = path.Join(path.Dir(from), u.Path)
	}
	if strings.HasSuffix(ref, "/") {
		t.Errorf("%s: link to a folder %q does not work from file://", from, ref)
	}
	if _, ok := files[u.Path]; !ok {
		t.Errorf("%s: %q resolves to %s, which does not exist", from, ref, u.Path)
	}
}
