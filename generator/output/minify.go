package output

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// JSON is deliberately absent. Minifiers rewrite numbers (10000 → 1e4,
// 12.3450 → 12.345), and amounts must stay exactly as written; the
// generator writes its JSON compact in the first place. For the same
// reason nothing under data/ is minified, and the HTML minifier leaves
// the JSON blocks of chart options alone.

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".xml":  "text/xml",
}

// minifyFile minifies by file extension. Files already minified by their
// own build (*.min.js), open data and unknown types pass through
// unchanged. The input is read through a reader, never modified in place.
func minifyFile(m *minify.M, name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok || strings.Contains(path.Base(name), ".min.") || strings.HasPrefix(name, "data/") {
		return data, nil
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := m.Minify(mt, &out, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
