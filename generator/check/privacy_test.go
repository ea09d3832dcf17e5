package check

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/content"
	"budgetsite/generator/internal/testkit"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// privIDCheck computes the GB 11643-1999 check character (ISO 7064
// MOD 11-2) of a 17-digit body from first principles: weight 2^(17-i)
// mod 11, and the check makes the weighted sum ≡ 1 (mod 11).
func privIDCheck(body string) string {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(body[i]-'0') * ((1 << (17 - i)) % 11)
	}
	v := (12 - sum%11) % 11
	if v == 10 {
		return "X"
	}
	return fmt.Sprint(v)
}

// privLuhnDigit computes the Luhn check digit for a body.
func privLuhnDigit(body string) string {
	sum := 0
	for i := 0; i < len(body); i++ {
		d := int(body[len(body)-1-i] - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return fmt.Sprint((10 - sum%10) % 10)
}

func privLuhnValid(s string) bool {
	return privLuhnDigit(s[:len(s)-1]) == s[len(s)-1:]
}

func privSHA(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// privHits renders detector hits as "rule:text" in order.
func privHits(text string, terms ...string) []string {
	var out []string
	for _, h := range detectText(text, terms) {
		out = append(out, h.Rule+":"+h.Text)
	}
	return out
}

func privExpectHits(t *testing.T, text string, want ...string) {
	t.Helper()
	got := privHits(text)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("detectText(%q) = %q, want %q", text, got, want)
	}
}

func TestIDCardValidation(t *testing.T) {
	// The well-known GB 11643 example: the algorithm above must agree.
	if c := privIDCheck("11010519491231002"); c != "X" {
		t.Fatalf("test check-digit algorithm gives %s for the standard example, want X", c)
	}
	for _, body := range []string{"11010519491231002", "44030519900307123", "51010219900101001", "50011019851129004"} {
		id := body + privIDCheck(body)
		if !validIDCard(id) {
			t.Errorf("validIDCard(%s) = false", id)
		}
		if strings.HasSuffix(id, "X") && !validIDCard(strings.ToLower(id)) {
			t.Errorf("validIDCard accepts %s but not its lower-case x", id)
		}
		// Every other check character is wrong.
		for _, c := range "0123456789X" {
			if wrong := body + string(c); wrong != id && validIDCard(wrong) {
				t.Errorf("validIDCard(%s) = true with a wrong check character", wrong)
			}
		}
	}
	// Right check character, impossible birth date.
	for _, body := range []string{"11010519491331002", "11010519490031002", "11010519491232002", "11010518991231002", "11010519491200002"} {
		if id := body + privIDCheck(body); validIDCard(id) {
			t.Errorf("validIDCard(%s) = true for birth date %s", id, body[6:14])
		}
	}
	for _, s := range []string{"", "11010519491231002", "1101051949123100XX", "11010519491231002Y", "A1010519491231002X"} {
		if validIDCard(s) {
			t.Errorf("validIDCard(%q) = true", s)
		}
	}
}

func TestDetectMobile(t *testing.T) {
	privExpectHits(t, "联系电话13800138000。", "mobile:13800138000")
	privExpectHits(t, "电话：19912345678，请联系", "mobile:19912345678")
	// 1 then 2 is no mobile prefix; a landline is too short.
	privExpectHits(t, "编号12345678901")
	privExpectHits(t, "电话023-48661234")
	// Embedded in a longer run of digits it is part of another number.
	privExpectHits(t, "流水号1380013800012")
	privExpectHits(t, "合同编号2022013800138000")
	privExpectHits(t, "流水号000000000000000000013800138000")
	privExpectHits(t, "13800138000x")
	// Full-width digits, as some PDFs extract them.
	privExpectHits(t, "电话１３８００１３８０００", "mobile:１３８００１３８０００")
	if !mobileRe.MatchString(toASCIIDigits("１３８００１３８０００")) {
		t.Error("full-width mobile not normalised")
	}
}

func TestDetectLuhnBankCard(t *testing.T) {
	visa := "4111111111111111"
	body19 := "622202020011223344"
	card19 := body19 + privLuhnDigit(body19)
	for _, s := range []string{visa, card19, "79927398713"} {
		if !luhn(s) {
			t.Errorf("luhn(%s) = false", s)
		}
	}
	for _, s := range []string{"4111111111111112", "4111111111111110", body19 + fmt.Sprint((int(card19[18]-'0')+1)%10), "41111a1111111111"} {
		if luhn(s) {
			t.Errorf("luhn(%s) = true", s)
		}
	}
	privExpectHits(t, "收款账号"+visa+"。", "bank-card:"+visa)
	privExpectHits(t, "卡号"+card19, "bank-card:"+card19)
	privExpectHits(t, "卡号4111111111111112")
	// A 15-digit number is never a card number here.
	privExpectHits(t, "编号411111111111116")
}

func TestDetectIDCardIsNotAlsoBankCard(t *testing.T) {
	// Find a valid ID whose 18 digits also pass Luhn, so that it could be
	// taken for a bank card.
	var id string
	for seq := 0; seq < 1000 && id == ""; seq++ {
		body := fmt.Sprintf("11010519900307%03d", seq)
		if c := privIDCheck(body); c != "X" && privLuhnValid(body+c) {
			id = body + c
		}
	}
	if id == "" {
		t.Fatal("no ID passing Luhn found")
	}
	if !luhn(id) || !validIDCard(id) {
		t.Fatalf("%s should pass both checks", id)
	}
	privExpectHits(t, "身份证号"+id+"。", "id-card:"+id)
	idX := "11010519491231002X"
	privExpectHits(t, "身份证号："+idX, "id-card:"+idX)
	privExpectHits(t, "身份证号："+strings.ToLower(idX), "id-card:"+strings.ToLower(idX))
	// Wrong check digit: 18 digits that are neither ID nor card.
	bad := id[:17] + fmt.Sprint((int(id[17]-'0')+1)%10)
	privExpectHits(t, "号码"+bad)
	// Full-width ID.
	fw := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, id)
	privExpectHits(t, "身份证"+fw, "id-card:"+fw)
}

func TestDetectTextSentences(t *testing.T) {
	id := "11010519491231002X"
	text := "补助对象张三丰，身份证号" + id + "，联系电话13800138000，收款账号4111111111111111。"
	privExpectHits(t, text, "id-card:"+id, "mobile:13800138000", "bank-card:4111111111111111", "person-name:张三丰")
	privExpectHits(t, "补助对象张三丰，已故职工赵德柱之妻", "person-name:张三丰", "person-name:赵德柱")
	privExpectHits(t, "遗孀欧阳振华，已故干部之妻", "person-name:欧阳振华")
	privExpectHits(t, "慰问对象为李四。", "person-name:李四")

	// The sample's 遗属生活补助 names exactly the six persons.
	var goal string
	for _, p := range chkSample(t) {
		if p.Code == "50011022T000000133648" {
			goal = p.AnnualGoal
		}
	}
	var names []string
	for _, h := range detectText(goal, nil) {
		if h.Rule != ruleName {
			t.Errorf("unexpected %s hit %q in the sample", h.Rule, h.Text)
		}
		names = append(names, h.Text)
	}
	sort.Strings(names)
	want := append([]string(nil), testkit.SampleNames...)
	sort.Strings(want)
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("names in the sample: %v, want %v", names, want)
	}

	// Ordinary sentences of budget texts name nobody.
	for _, s := range []string{
		"保障遗属基本生活。",
		"区政府办公室现有遗属人员3人",
		"共计月发金额2261元。年总计27132元。",
		"职工家属医疗补助",
		"慰问职工家属的医疗费用",
		"家属宿舍维修",
		"已故人员的遗属按月领取生活补助",
		"电子政务外网延伸到基层政务服务窗口, 实现纵向覆盖全区381个村(社区)。",
	} {
		privExpectHits(t, s)
	}
	for _, p := range chkSample(t) {
		if p.Code == "50011022T000000133648" {
			continue
		}
		for _, f := range textFields(p) {
			if hs := detectText(f.text, nil); len(hs) > 0 {
				t.Errorf("%s %s: unexpected hits %v", p.Code, f.path, hs)
			}
		}
	}
}

func TestPrivacyReplacementMasks(t *testing.T) {
	mask, err := newPrivacy(PrivacyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	remove, err := newPrivacy(PrivacyConfig{Policy: "remove"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rule, text, mask, remove string
	}{
		{ruleIDCard, "11010519491231002X", "110105********002X", "110105********002X"},
		{ruleMobile, "13800138000", "138****8000", "138****8000"},
		{ruleMobile, "１３８００１３８０００", "１３８****８０００", "１３８****８０００"},
		{ruleBankCard, "4111111111111111", "************1111", "************1111"},
		{ruleName, "李云芳", "李某某", "（姓名已隐去）"},
		{ruleName, "李四", "李某", "（姓名已隐去）"},
		{ruleName, "欧阳振华", "欧阳某某", "（姓名已隐去）"},
		{ruleName, "欧阳修", "欧阳某", "（姓名已隐去）"},
		{ruleTerm, "王茂全", "王某某", "（姓名已隐去）"},
		{ruleTerm, "幸福小区", "（已隐去）", "（姓名已隐去）"},
	} {
		h := hit{Rule: tc.rule, Text: tc.text}
		if got := mask.replacement(h); got != tc.mask {
			t.Errorf("mask %s %s → %s, want %s", tc.rule, tc.text, got, tc.mask)
		}
		if got := remove.replacement(h); got != tc.remove {
			t.Errorf("remove %s %s → %s, want %s", tc.rule, tc.text, got, tc.remove)
		}
	}
	if _, err := newPrivacy(PrivacyConfig{Policy: "hide"}); err == nil || !strings.Contains(err.Error(), "hide") {
		t.Errorf("unknown policy: %v", err)
	}
	if _, err := Check(nil, Config{}, PrivacyConfig{Policy: "hide"}, nil); err == nil {
		t.Error("Check accepted an unknown privacy policy")
	}
}

// privProject is a project whose free text holds personal information.
func privProject(t *testing.T, overview string) *budget.Project {
	t.Helper()
	return chkProject(t, "项目概况。", overview)
}

func TestPrivacyNumbersByRule(t *testing.T) {
	id := "11010519491231002X"
	p := privProject(t, "申请人身份证号"+id+"，电话13800138000，账号4111111111111111。")
	// Without a decision each is an error that says what to add.
	rep, err := Check([]*budget.Project{p}, Config{}, PrivacyConfig{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	chkExpect(t, rep,
		chkWant{sev: SevError, rule: "privacy-id-card", line: 40},
		chkWant{sev: SevError, rule: "privacy-mobile", line: 40},
		chkWant{sev: SevError, rule: "privacy-bank-card", line: 40})
	for _, f := range rep.Findings {
		if !strings.Contains(f.Suggestion, "privacy.redact") || !strings.Contains(f.Suggestion, "privacy.allow") {
			t.Errorf("suggestion %q does not name privacy.redact and privacy.allow", f.Suggestion)
		}
	}
	cfg := PrivacyConfig{RedactRules: []string{"id-card", "mobile", "bank-card"}}
	rep, err = Check([]*budget.Project{p}, Config{}, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(SevError) != 0 || rep.Count(SevInfo) != 3 || len(rep.Redactions) != 3 {
		t.Errorf("with redact_rules: %+v and %d redactions", rep.Summary(), len(rep.Redactions))
	}
	out, err := Redact([]*budget.Project{p}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := "申请人身份证号110105********002X，电话138****8000，账号************1111。"
	if out[0].Overview != want {
		t.Errorf("redacted overview %q, want %q", out[0].Overview, want)
	}
}

func TestPrivacyTermsAndAllow(t *testing.T) {
	p := privProject(t, "补助对象张三丰，居住在幸福小区。")
	rep, err := Check([]*budget.Project{p}, Config{}, PrivacyConfig{Terms: []string{"幸福小区"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	chkExpect(t, rep,
		chkWant{sev: SevError, rule: "privacy-person-name", line: 40},
		chkWant{sev: SevError, rule: "privacy-term", line: 40})
	if got := rep.unreviewed(); strings.Join(got, ",") != "张三丰,幸福小区" {
		t.Errorf("unreviewed %v", got)
	}

	// Allow: the reviewer decided 张三丰 is not private (e.g. a public
	// figure); no finding, no redaction, text unchanged.
	cfg := PrivacyConfig{Terms: []string{"幸福小区"}, Allow: []string{"张三丰"}, Redact: []string{"幸福小区"}}
	rep, err = Check([]*budget.Project{p}, Config{}, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	chkExpect(t, rep, chkWant{sev: SevInfo, rule: "privacy-term", line: 40})
	if len(rep.Redactions) != 1 || rep.Redactions[0].Rule != ruleTerm || rep.Redactions[0].SHA256 != privSHA("幸福小区") {
		t.Errorf("redactions %+v", rep.Redactions)
	}
	out, err := Redact([]*budget.Project{p}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Overview != "补助对象张三丰，居住在（已隐去）。" {
		t.Errorf("redacted overview %q", out[0].Overview)
	}
	// Allow alone silences the name.
	rep, _ = Check([]*budget.Project{p}, Config{}, PrivacyConfig{Allow: []string{"张三丰"}}, nil)
	chkExpect(t, rep)
}

func TestRedactDoesNotAliasInput(t *testing.T) {
	p := privProject(t, "补助对象李四。")
	p.Indicators[0].Level3 = "慰问家属李四"
	p.Indicators[1].Value = "李四签收"
	before, err := content.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	untouched := chkProject(t)
	out, err := Redact([]*budget.Project{p, untouched}, PrivacyConfig{Redact: []string{"李四"}})
	if err != nil {
		t.Fatal(err)
	}
	q := out[0]
	if q == p || &q.Indicators[0] == &p.Indicators[0] {
		t.Fatal("Redact returned the input project or its indicators")
	}
	if q.Overview != "补助对象李某。" || q.Indicators[0].Level3 != "慰问家属李某" || q.Indicators[1].Value != "李某签收" {
		t.Errorf("redacted: %q %q %q", q.Overview, q.Indicators[0].Level3, q.Indicators[1].Value)
	}
	q.Indicators[2].Level3 = "changed"
	after, _ := content.Marshal(p)
	if !bytes.Equal(before, after) || p.Overview != "补助对象李四。" {
		t.Errorf("Redact changed its input:\n%s", after)
	}
	if out[1].Overview != untouched.Overview || out[1].Indicators[0].Level3 != untouched.Indicators[0].Level3 {
		t.Error("a project without hits changed")
	}
}

func TestRedactLongestFirst(t *testing.T) {
	p := privProject(t, "李云芳领取，李云签收。")
	// The shorter name is listed first on purpose.
	out, err := Redact([]*budget.Project{p}, PrivacyConfig{Redact: []string{"李云", "李云芳"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := out[0].Overview; got != "李某某领取，李某签收。" {
		t.Errorf("overlapping names redacted as %q, want 李某某领取，李某签收。", got)
	}
	out, _ = Redact([]*budget.Project{p}, PrivacyConfig{Redact: []string{"李云", "李云芳"}, Policy: "remove"})
	if got := out[0].Overview; got != "（姓名已隐去）领取，（姓名已隐去）签收。" {
		t.Errorf("remove policy: %q", got)
	}
}

// --- builds ---

// TestPrivacyCoversImportedFields: the text fields other districts'
// tables bring (总体目标, 绩效标准, 备注, the value as printed) are scanned
// and redacted like the others.
func TestPrivacyCoversImportedFields(t *testing.T) {
	p := &budget.Project{Code: "X1", Name: "项目", File: "a.md", OverallGoal: "联系人王小明负责",
		Indicators: []budget.Indicator{{Level3: "资助", Value: "1", Remark: "补助对象张三丰", Standard: "计划标准", Printed: "≥1人"}}}
	rep, err := Check([]*budget.Project{p}, Config{}, PrivacyConfig{Terms: []string{"王小明"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.Rule, "privacy-") {
			fields = append(fields, f.Message)
		}
	}
	joined := strings.Join(fields, "\n")
	if !strings.Contains(joined, "总体目标") || !strings.Contains(joined, "备注") {
		t.Fatalf("findings do not cover 总体目标 and 备注:\n%s", joined)
	}
	out, err := Redact([]*budget.Project{p}, PrivacyConfig{Redact: []string{"王小明", "张三丰"}})
	if err != nil {
		t.Fatal(err)
	}
	if q := out[0]; strings.Contains(q.OverallGoal, "王小明") || strings.Contains(q.Indicators[0].Remark, "张三丰") {
		t.Errorf("not redacted: %q %q", q.OverallGoal, q.Indicators[0].Remark)
	}
}
