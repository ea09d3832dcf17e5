package generator

import (
	"budgetsite/generator/internal/testkit"
	"bytes"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostileSite builds the sample plus testdata/hostile: a project and a
// page whose every text field carries markup, script, javascript: links,
// template syntax and control characters.
func hostileSite(t *testing.T) (Config, map[string][]byte) {
	t.Helper()
	content := importSample(t)
	copyTree(t, "testdata/hostile", content)
	cfg := testConfig(t, content)
	cfg.BaseURL = "https://example.gov.cn/zwgk/ysgk/"
	build(t, cfg)
	return cfg, testkit.ReadTree(t, cfg.OutDir)
}

// TestHostileInputIsInert checks every HTML file for elements and
// attributes that could run code, and the data files for faithful text.
func TestHostileInputIsInert(t *testing.T) {
	cfg, files := hostileSite(t)
	for _, name := range sortedKeys(files) {
		b := files[name]
		switch path.Ext(name) {
		case ".html":
			checkInertHTML(t, name, b)
		case ".js", ".json", ".xml", ".txt", ".csv":
			if bytes.Contains(b, []byte("\x1b")) || bytes.Contains(b, []byte("\a")) {
				t.Errorf("%s: control characters survived", name)
			}
		}
		if strings.HasSuffix(name, ".js") && bytes.Contains(bytes.ToLower(b), []byte("</script")) {
			t.Errorf("%s contains </script", name)
		}
	}
	page := string(files["2022/project/50011022T000000999999.html"])
	if page == "" {
		t.Fatal("the hostile project page was not written")
	}
	// The text is shown as text, not dropped and not interpreted.
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if c := attr(n, "class"); c == "project-name" {
				shown["name"] = textContent(n)
			}
			if n.Data == "td" && strings.Contains(textContent(n), "控制字符") {
				shown["goal"] = textContent(n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if want := `<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">{{ template "layout" . }}`; shown["name"] != want {
		t.Errorf("the project name shows as %q, want the literal text %q", shown["name"], want)
	}
	if want := "javascript:window.__pwned=5 </title><script>window.__pwned=6</script>[31m控制字符"; shown["goal"] != want {
		t.Errorf("the goal shows as %q, want %q", shown["goal"], want)
	}
	// Data files keep the text exactly (it is data, not markup).
	if !bytes.Contains(files["data/projects.json"], []byte(`"name":"<script>window.__pwned=1</script>\"><img src=x onerror=\"window.__pwned=2\">{{ template \"layout\" . }}"`)) {
		t.Error("projects.json does not carry the name exactly")
	}
	if !bytes.Contains(files["data/projects.csv"], []byte(`"<script>window.__pwned=1</script>""><img src=x onerror=""window.__pwned=2"">{{ template ""layout"" . }}"`)) {
		t.Error("projects.csv does not carry the name exactly")
	}
	if !bytes.Contains(files["sitemap.xml"], []byte("https://example.gov.cn/zwgk/ysgk/2022/project/50011022T000000999999.html")) {
		t.Error("sitemap.xml lacks the project")
	}
	_ = cfg
}

// checkInertHTML fails on any script that is not ours, any on* attribute,
// any javascript:/data: URL, and any element the content could have
// injected (iframe, img outside the footer badge, svg, style).
func checkInertHTML(t *testing.T, name string, b []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:")) {
					t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
				}
			}
			switch n.Data {
			case "script":
				src, typ := attr(n, "src"), attr(n, "type")
				if src == "" && typ != "application/json" {
					t.Errorf("%s: inline script %q", name, text(n))
				}
				if typ == "application/json" && strings.Contains(strings.ToLower(text(n)), "<") {
					t.Errorf("%s: unescaped < in a JSON block", name)
				}
			case "iframe", "svg", "style", "object", "embed", "base":
				t.Errorf("%s: injected <%s>", name, n.Data)
			case "img":
				if !strings.HasSuffix(attr(n, "src"), "assets/img/dzjg.svg") {
					t.Errorf("%s: injected <img src=%q>", name, attr(n, "src"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
