package markdown

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// Markdown bodies come from extracted text; whatever punctuation it holds
// must show as text, never as markup or script.
func TestEscapeMarkdownRendersInertText(t *testing.T) {
	tags := regexp.MustCompile(`<[^>]*>`)
	texts := []string{
		"<script>alert(1)</script>",
		"数量 * 单价 = 金额 * 2",
		"*强调* 与 **加粗**",
		"snake_case_name 与 _下划线_",
		"[x](javascript:alert(1))",
		"![图](http://example.com/x.png)",
		"{{ template \"x\" . }}",
		"1. 第一项",
		"2) 第二项",
		"# 不是标题",
		"## 也不是",
		"- 不是列表",
		"+ 不是列表",
		"= 不是标题下划线",
		"> 不是引用",
		"`code` 与 ~~删除~~",
		"a | b | c",
		"&lt; 与 &amp; 与 &#60;",
		"反斜杠 \\ 与 \\*",
		"<a href=\"javascript:alert(1)\">点我</a>",
		"<!-- 注释 -->",
		"http://example.com/<b>",
		"渝府办发[2020]50号",
		"    四个空格缩进",
	}
	for _, text := range texts {
		h, err := RenderHTML(Escape(text))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(h, "<script") || strings.Contains(h, "<a") || strings.Contains(h, "<img") ||
			strings.Contains(h, "<h1") || strings.Contains(h, "<li") || strings.Contains(h, "<em") || strings.Contains(h, "<strong") {
			t.Errorf("%q renders as markup: %s", text, h)
		}
		if got := strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(h, ""))); got != strings.TrimSpace(text) {
			t.Errorf("%q renders as %q (html %s)", text, got, h)
		}
		if got := PlainText(Escape(text)); got != strings.TrimSpace(text) {
			t.Errorf("plainText(escapeMarkdown(%q)) = %q", text, got)
		}
	}
	// All of it at once, over several lines of one paragraph.
	all := strings.Join(texts[:len(texts)-1], "\n")
	if got := PlainText(Escape(all)); got != all {
		t.Errorf("plainText of the whole text:\n got %q\nwant %q", got, all)
	}
}

// TestRenderDropsRawHTMLAndScriptLinks: a body cannot inject markup.
func TestRenderDropsRawHTMLAndScriptLinks(t *testing.T) {
	h, err := RenderHTML("概况\n\n<script>alert(1)</script>\n\n[点我](javascript:alert(1))\n\n| 甲 | 乙 |\n| - | - |\n| 1 | 2 |\n")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h, "<script") || strings.Contains(h, "javascript:") {
		t.Errorf("raw HTML or a script link got through: %s", h)
	}
	if !strings.Contains(h, "<table>") || !strings.Contains(h, "<p>概况</p>") {
		t.Errorf("tables or paragraphs lost: %s", h)
	}
}

func TestPlainTextOneLinePerBlock(t *testing.T) {
	if got := PlainText("第一段 **加粗**。\n\n- 甲\n- 乙\n"); got != "第一段 加粗。\n甲\n乙" {
		t.Errorf("PlainText = %q", got)
	}
}
