package tables

import (
	"budgetsite/generator/budget"
	"testing"
)

func TestCleanCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"服务对象满意度", "服务对象满意度"},
		// Wrap spaces between wide characters are removed.
		{"重庆市綦江区人民政府 办公室", "重庆市綦江区人民政府办公室"},
		{"服务对象满 意度", "服务对象满意度"},
		{"督查专报、 督查通报、 督查周报", "督查专报、督查通报、督查周报"},
		{"“互联网+督 查”平台交 办问题", "“互联网+督查”平台交办问题"},
		{"政府网 站的公众形", "政府网站的公众形"},
		{"多个   空格", "多个空格"},
		{"（本级） 单位", "（本级）单位"},
		{"项目， 用于", "项目，用于"},
		{"用于 “互联网", "用于“互联网"},
		{"《政务 信息》 专报", "《政务信息》专报"},
		{"工作— 要点…… 完成", "工作—要点……完成"},
		// A space next to a narrow character is kept, collapsed to one.
		{"GDP 增长", "GDP 增长"},
		{"全区GDP增长 率", "全区GDP增长率"},
		{"全区GDP 增长率", "全区GDP 增长率"},
		{"OA  平台", "OA 平台"},
		{"Smart   City", "Smart City"},
		{"Smart \t City 平台", "Smart City 平台"},
		{"互联网+ 督查", "互联网+ 督查"},
		{"无纸化办公, 节约办", "无纸化办公, 节约办"},
		{"2021 年", "2021 年"},
		{"381 个 村", "381 个村"},
		{"( 社区 )", "( 社区 )"},
		// NBSP, U+3000 and line breaks are spaces.
		{"政府\u00a0办公室", "政府办公室"},
		{"政府\u3000办公室", "政府办公室"},
		{"OA\u00a0\u00a0平台", "OA 平台"},
		{"OA\u3000平台", "OA 平台"},
		{"\u3000\u3000首行缩进", "首行缩进"},
		{"第一行\n第二行", "第一行第二行"},
		{"first\r\nsecond", "first second"},
		{"\u00a0 trimmed \u3000", "trimmed"},
		// Zero-width characters and BOM vanish.
		{"政府\u200b办公室", "政府办公室"},
		{"\ufeff项目名称", "项目名称"},
		{"a\u200cb\u200dc\u2060d", "abcd"},
		{"政府 \u200b 办公室", "政府办公室"},
		// Control characters are removed, not turned into spaces.
		{"政府\x00办公室", "政府办公室"},
		{"a\x07b\x1bc\x7fd", "abcd"},
		{"政府\f办公室", "政府办公室"},
		{"\u0085下一行", "下一行"},
		{"OA\x00 平台", "OA 平台"},
	}
	for _, tc := range tests {
		if got := CleanCell(tc.in); got != tc.want {
			t.Errorf("cleanCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := CleanCell(CleanCell(tc.in)); got != tc.want {
			t.Errorf("cleanCell not idempotent on %q: %q", tc.in, got)
		}
	}
}

func TestJoinWrapped(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"", "", ""},
		{"", "平台", "平台"},
		{"民生监察", "", "民生监察"},
		{"民生监察", "平台", "民生监察平台"},
		{"Smart", "City", "Smart City"},
		{"OA", "平台", "OA 平台"},
		{"督查专报、", "督查通报、", "督查专报、督查通报、"},
		{"渝府办发", "[2020]50号", "渝府办发 [2020]50号"},
	}
	for _, tc := range tests {
		if got := joinWrapped(tc.a, tc.b); got != tc.want {
			t.Errorf("joinWrapped(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestIsWide(t *testing.T) {
	for _, r := range "汉綦、。《》「」（）：，“”‘’—…·　" {
		if !isWide(r) {
			t.Errorf("isWide(%q) = false", r)
		}
	}
	for _, r := range "aZ09+-.,()[]% \u00a0" {
		if isWide(r) {
			t.Errorf("isWide(%q) = true", r)
		}
	}
}

func TestNormalizeOperator(t *testing.T) {
	tests := map[string]string{
		"=": budget.OpEqual, "＝": budget.OpEqual, "==": budget.OpEqual, "等于": budget.OpEqual,
		"≥": budget.OpAtLeast, ">=": budget.OpAtLeast, "=>": budget.OpAtLeast, "＞＝": budget.OpAtLeast, "≧": budget.OpAtLeast, "不低于": budget.OpAtLeast,
		"≤": budget.OpAtMost, "<=": budget.OpAtMost, "=<": budget.OpAtMost, "＜＝": budget.OpAtMost, "≦": budget.OpAtMost, "不超过": budget.OpAtMost,
		">": budget.OpGreater, "＞": budget.OpGreater, "<": budget.OpLess, "＜": budget.OpLess,
		"定性": budget.OpQualitative,
		"":   "", "约等于": "", "> =": "", "定量": "", "≈": "",
	}
	for in, want := range tests {
		if got := budget.NormalizeOperator(in); got != want {
			t.Errorf("normalizeOperator(%q) = %q, want %q", in, got, want)
		}
	}
}
