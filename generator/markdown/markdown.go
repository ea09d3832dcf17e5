// Package markdown is the body format of content files: CommonMark with
// tables and strikethrough, rendered without raw HTML.
//
// RenderHTML gives the HTML a page shows; raw HTML in a body is never
// passed through (goldmark's default) and javascript: links are dropped,
// so a body cannot inject markup or scripts. PlainText gives the text a
// reader sees, for open data and search. Escape makes extracted text
// safe to use as a body: characters that would start Markdown syntax are
// escaped, so the page shows exactly the printed text.
package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// md renders content bodies.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithParserOptions(parser.WithHeadingAttribute()),
)

// RenderHTML renders a body as HTML.
func RenderHTML(src string) (string, error) {
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

var (
	blockEndRe = regexp.MustCompile(`</(?:p|h[1-6]|li|tr|blockquote|pre)>|<br\s*/?>`)
	tagRe      = regexp.MustCompile(`<[^>]*>`)
	blankRunRe = regexp.MustCompile(`\n{2,}`)
)

// PlainText is the text a reader sees, for open data and search: Markdown
// syntax and escapes removed, one line per block.
func PlainText(src string) string {
	if isPlain(src) {
		return strings.TrimSpace(src)
	}
	h, err := RenderHTML(src)
	if err != nil {
		return src
	}
	h = blockEndRe.ReplaceAllString(h, "\n")
	h = tagRe.ReplaceAllString(h, "")
	h = html.UnescapeString(h)
	h = blankRunRe.ReplaceAllString(strings.TrimSpace(h), "\n")
	return h
}

var listStartRe = regexp.MustCompile(`^(\s*\d+)([.)])`)

// Escape makes extracted text safe to use as a Markdown body: it
// renders as exactly the text, whatever punctuation it contains. Only
// characters that can start Markdown syntax are escaped, so the content
// file stays readable.
func Escape(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		var b strings.Builder
		for _, r := range line {
			switch r {
			case '\\', '`', '*', '_', '[', '<', '>', '&', '|', '~':
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		l := b.String()
		trimmed := strings.TrimLeft(l, " ")
		if trimmed != "" && strings.ContainsRune("#+-=", rune(trimmed[0])) {
			l = l[:len(l)-len(trimmed)] + `\` + trimmed
		}
		l = listStartRe.ReplaceAllString(l, `$1\$2`)
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// isPlain reports whether Markdown would show src exactly as written: one
// line with no character that can start syntax. Most bodies imported from
// tables are such plain text, and skipping the renderer for them saves
// most of the export time.
func isPlain(src string) bool {
	t := strings.TrimSpace(src)
	if t == "" || strings.ContainsAny(t, "\\`*_[]<>&|~#!\n\r\t") || strings.Contains(t, "  ") {
		return false
	}
	switch c := t[0]; {
	case c == '-' || c == '+' || c == '=' || (c >= '0' && c <= '9'):
		return false
	}
	return true
}
