package main

// checkSiteLinks is the link check that needs no browser: every page's
// href and src in a built folder resolves to a file of the folder.

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// siteFiles lists a built folder's files by slash path, as the site
// names them on every system.
func siteFiles(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkSiteLinks fails the test for every href or src of an HTML page in
// dir that leaves the site (other than externalAllowed links) or names a
// missing file, and returns the number of pages. The 404 page's links
// are absolute under basePath.
func checkSiteLinks(t *testing.T, dir, basePath string) int {
	t.Helper()
	files := siteFiles(t, dir)
	pages := 0
	for name := range files {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if a.Key == "href" || a.Key == "src" {
						if p := refProblem(files, name, a.Val, basePath, a.Key == "href" && n.Data == "a"); p != "" {
							t.Errorf("%s: <%s %s=%q>: %s", name, n.Data, a.Key, a.Val, p)
						}
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	return pages
}

func refProblem(files map[string]bool, from, ref, basePath string, isLink bool) string {
	u, err := url.Parse(ref)
	if err != nil {
		return "not a URL"
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "//") {
		if isLink {
			for _, ok := range externalAllowed {
				if strings.HasPrefix(ref, ok) {
					return ""
				}
			}
		}
		return "leaves the site"
	}
	if u.Path == "" {
		return "" // a link into the page itself
	}
	target := u.Path
	switch {
	case from == "404.html" && basePath != "" && strings.HasPrefix(target, basePath):
		target = strings.TrimPrefix(target, basePath)
	case strings.HasPrefix(target, "/"):
		return "an absolute path, which breaks file:// and sub-path hosting"
	default:
		target = path.Join(path.Dir(from), target)
	}
	if strings.HasSuffix(u.Path, "/") {
		return "a folder, which does not open from file://"
	}
	if !files[target] {
		return "no such file " + target
	}
	return ""
}
