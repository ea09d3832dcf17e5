package check

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/internal/workers"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Personal information must never reach a published file (政府信息公开条例
// 第十五条; 去标识化 of published documents). Detectors find candidates in
// every text field; config.yaml records the reviewer's decision for each
// (redact or allow). A hit without a decision stops the build, and the
// redaction pass runs on the model before anything is rendered, so every
// output — pages, JSON, CSV, search index — is built from redacted text.
// Content files keep the source text for review.

// Detector rule ids.
const (
	ruleIDCard   = "id-card"
	ruleMobile   = "mobile"
	ruleBankCard = "bank-card"
	ruleName     = "person-name"
	ruleTerm     = "term"
)

// hit is one detector match in one field of one project.
type hit struct {
	Rule  string
	Text  string // the matched personal information
	Field string // field path, e.g. overview, indicators[2].level3
	Line  int
}

// Redaction is one entry of the audit log: where and what kind, with a
// hash of the original, never the original itself.
type Redaction struct {
	File    string `json:"file"`
	Project string `json:"project"`
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	SHA256  string `json:"sha256"`
	Policy  string `json:"policy"`
}

type privacy struct {
	cfg         PrivacyConfig
	redact      map[string]bool
	allow       map[string]bool
	redactRules map[string]bool
	terms       []string

	// hits memoises detection: review, the audit log and redaction all
	// need the same hits, and detection is the costly part.
	mu   sync.Mutex
	hits map[*budget.Project][]hit
	key  string // what detection depends on besides the text: the terms
	memo HitMemo
}

// HitMemo keeps detections between runs; the build cache offers one. A
// project's hits depend only on its text and on what key names (the
// detectors and terms), so a memo returns what was stored for the same
// file and key, and only while the file is unchanged. The bytes are
// check's own encoding.
type HitMemo interface {
	LoadHits(file, key string) ([]byte, bool)
	StoreHits(file, key string, hits []byte)
}

func newPrivacy(cfg PrivacyConfig) (*privacy, error) {
	switch cfg.Policy {
	case "":
		cfg.Policy = "mask"
	case "mask", "remove":
	default:
		return nil, &budget.Error{Msg: fmt.Sprintf("privacy.policy“%s”无法识别", cfg.Policy), Hint: "应为 mask（姓名显示为“李某某”）或 remove（显示为“（姓名已隐去）”）"}
	}
	p := &privacy{cfg: cfg, redact: set(cfg.Redact), allow: set(cfg.Allow), redactRules: set(cfg.RedactRules), hits: map[*budget.Project][]hit{}}
	for _, t := range cfg.Terms {
		if t = strings.TrimSpace(t); t != "" {
			p.terms = append(p.terms, t)
		}
	}
	// Reviewed names are also searched for everywhere, so a name the
	// reviewer listed is removed even where no context pattern fires
	// (e.g. in an indicator, or a second mention).
	for _, t := range cfg.Redact {
		if t = strings.TrimSpace(t); t != "" {
			p.terms = append(p.terms, t)
		}
	}
	// The key names what detection depends on besides the text, for
	// memos: the detectors' version and the terms.
	h := sha256.New()
	h.Write([]byte("detectors-v1"))
	for _, t := range p.terms {
		h.Write([]byte{0})
		h.Write([]byte(t))
	}
	p.key = hex.EncodeToString(h.Sum(nil))
	return p, nil
}

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			m[x] = true
		}
	}
	return m
}

// textField is one free-text field of a project, with its path in the
// content format and its line in the content file.
type textField struct {
	path, text string
	line       int
}

// textFields lists a project's free-text fields (budget's Texts with
// prose set), where personal information can hide.
func textFields(p *budget.Project) []textField {
	var fs []textField
	p.Texts(func(path string, s *string, prose bool) {
		if !prose || *s == "" {
			return
		}
		fs = append(fs, textField{path, *s, fieldLine(p, path)})
	})
	return fs
}

// fieldLine is the line of a field in its content file: an indicator's
// own line, or the line of the top-level key the field sits under.
func fieldLine(p *budget.Project, path string) int {
	if rest, ok := strings.CutPrefix(path, "indicators["); ok {
		if i, err := strconv.Atoi(rest[:strings.IndexByte(rest, ']')]); err == nil && i < len(p.Indicators) {
			return p.Indicators[i].Line
		}
	}
	key := path
	if i := strings.IndexAny(key, ".["); i >= 0 {
		key = key[:i]
	}
	return p.Lines[key]
}

// detect returns every personal-information candidate in a project.
func (pv *privacy) detect(p *budget.Project) []hit {
	pv.mu.Lock()
	h, ok := pv.hits[p]
	pv.mu.Unlock()
	if ok {
		return h
	}
	cached := false
	if pv.memo != nil {
		if b, ok := pv.memo.LoadHits(p.File, pv.key); ok {
			h, cached = decodeHits(b)
		}
	}
	if !cached {
		h = pv.detectUncached(p)
		if pv.memo != nil {
			pv.memo.StoreHits(p.File, pv.key, encodeHits(h))
		}
	}
	pv.mu.Lock()
	pv.hits[p] = h
	pv.mu.Unlock()
	return h
}

// detectAll runs detection over all projects on every core.
func (pv *privacy) detectAll(projects []*budget.Project) {
	workers.Each(len(projects), func(i int) { pv.detect(projects[i]) })
}

func (pv *privacy) detectUncached(p *budget.Project) []hit {
	var hits []hit
	for _, f := range textFields(p) {
		for _, d := range detectText(f.text, pv.terms) {
			d.Field, d.Line = f.path, f.line
			hits = append(hits, d)
		}
	}
	return hits
}

// review turns unreviewed hits into errors that say exactly what to add
// to config.yaml, and reviewed ones into info findings.
func (pv *privacy) review(projects []*budget.Project) []Finding {
	var out []Finding
	for _, p := range projects {
		for _, h := range pv.detect(p) {
			f := Finding{Rule: "privacy-" + h.Rule, Project: p.Code, File: p.File, Line: h.Line}
			switch {
			case pv.allow[h.Text]:
				continue
			case pv.redact[h.Text] || pv.redactRules[h.Rule]:
				f.Severity = SevInfo
				f.Message = fmt.Sprintf("%s中的%s已按配置隐去，发布为“%s”", fieldName(h.Field), ruleLabel(h.Rule), pv.replacement(h))
				f.Suggestion = "无需处理；内容文件保留原文，所有发布文件均不含原文"
			default:
				f.Severity = SevError
				f.Message = fmt.Sprintf("%s中疑似含有%s“%s”，尚未审核", fieldName(h.Field), ruleLabel(h.Rule), h.Text)
				f.Suggestion = fmt.Sprintf("如需隐去，请在 config.yaml 的 privacy.redact 下加入“- %s”；如确认不是个人信息，请加入 privacy.allow", h.Text)
			}
			out = append(out, f)
		}
	}
	return out
}

func (pv *privacy) redactions(projects []*budget.Project) []Redaction {
	var out []Redaction
	for _, p := range projects {
		for _, h := range pv.detect(p) {
			if pv.allow[h.Text] || !(pv.redact[h.Text] || pv.redactRules[h.Rule]) {
				continue
			}
			sum := sha256.Sum256([]byte(h.Text))
			out = append(out, Redaction{File: p.File, Project: p.Code, Field: h.Field, Rule: h.Rule,
				SHA256: hex.EncodeToString(sum[:]), Policy: pv.cfg.Policy})
		}
	}
	return out
}

// replacement is what a redacted text is published as.
func (pv *privacy) replacement(h hit) string {
	switch h.Rule {
	case ruleIDCard:
		return maskMiddle(h.Text, 6, 4)
	case ruleMobile:
		return maskMiddle(h.Text, 3, 4)
	case ruleBankCard:
		return maskMiddle(h.Text, 0, 4)
	}
	if pv.cfg.Policy == "remove" {
		return "（姓名已隐去）"
	}
	if h.Rule == ruleName || looksLikeName(h.Text) {
		r := []rune(h.Text)
		keep := 1
		if compoundSurname(h.Text) {
			keep = 2
		}
		return string(r[:keep]) + strings.Repeat("某", len(r)-keep)
	}
	return "（已隐去）"
}

func maskMiddle(s string, head, tail int) string {
	r := []rune(s)
	if len(r) <= head+tail {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}

// Redact returns a copy of the projects with every reviewed hit replaced.
// Unreviewed hits are not touched here: Check has already stopped the
// build for them.
func Redact(projects []*budget.Project, cfg PrivacyConfig) ([]*budget.Project, error) {
	pv, err := newPrivacy(cfg)
	if err != nil {
		return nil, err
	}
	return pv.redactAll(projects), nil
}

func (pv *privacy) redactAll(projects []*budget.Project) []*budget.Project {
	pv.detectAll(projects)
	out := make([]*budget.Project, len(projects))
	for i, p := range projects {
		hits := pv.detect(p)
		repl := map[string]string{}
		for _, h := range hits {
			if pv.allow[h.Text] || !(pv.redact[h.Text] || pv.redactRules[h.Rule]) {
				continue
			}
			repl[h.Text] = pv.replacement(h)
		}
		if len(repl) == 0 {
			out[i] = p
			continue
		}
		// Longest first, so a full name is replaced before a part of it.
		keys := make([]string, 0, len(repl))
		for k := range repl {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(a, b int) bool {
			if len(keys[a]) != len(keys[b]) {
				return len(keys[a]) > len(keys[b])
			}
			return keys[a] < keys[b]
		})
		pairs := make([]string, 0, 2*len(keys))
		for _, k := range keys {
			pairs = append(pairs, k, repl[k])
		}
		r := strings.NewReplacer(pairs...)
		q := p.Clone()
		q.Texts(func(_ string, s *string, prose bool) {
			if prose {
				*s = r.Replace(*s)
			}
		})
		out[i] = q
	}
	return out
}

func fieldName(path string) string {
	switch {
	case path == "name":
		return "项目名称"
	case path == "overview":
		return "项目概况"
	case path == "annual_goal":
		return "项目当年绩效目标"
	case path == "attribute":
		return "项目属性"
	case path == "overall_goal":
		return "总体目标"
	case path == "evaluation.goal_actual":
		return "自评表的总体目标实际完成情况"
	case path == "evaluation.conclusion":
		return "自评表的评价结论"
	case path == "evaluation.problems":
		return "自评表的存在问题"
	case path == "evaluation.improvements":
		return "自评表的改进措施"
	case strings.HasSuffix(path, ".reason"):
		return "自评表的偏差原因"
	case strings.HasSuffix(path, ".actual"):
		return "自评表的实际完成值"
	case strings.HasSuffix(path, ".target"):
		return "自评表的年度指标值"
	case strings.HasPrefix(path, "evaluation.") && strings.HasSuffix(path, ".level3"):
		return "自评表的三级指标"
	case strings.HasSuffix(path, ".printed"):
		return "指标值（原表）"
	case strings.HasSuffix(path, ".standard"):
		return "绩效标准"
	case strings.HasSuffix(path, ".remark"):
		return "备注"
	case strings.HasSuffix(path, ".level3"):
		return "三级指标"
	case strings.HasSuffix(path, ".value"):
		return "指标值"
	}
	return path
}

func ruleLabel(rule string) string {
	return map[string]string{
		ruleIDCard: "居民身份证号", ruleMobile: "手机号码", ruleBankCard: "银行卡号",
		ruleName: "个人姓名", ruleTerm: "配置中列出的词语",
	}[rule]
}

// --- detectors ---

// digitRunRe takes whole runs of digits, so that a number inside a longer
// one (a 30-digit serial number) is not taken for a mobile or card number;
// detectText then checks each run's length.
var digitRunRe = regexp.MustCompile(`[0-9０-９]+[Xx]?`)

// detectText finds personal information in one text.
func detectText(text string, terms []string) []hit {
	var hits []hit
	seen := map[string]bool{}
	add := func(rule, s string) {
		if !seen[rule+"\x00"+s] {
			seen[rule+"\x00"+s] = true
			hits = append(hits, hit{Rule: rule, Text: s})
		}
	}
	if hasDigitRun(text, 11) {
		for _, run := range digitRunRe.FindAllString(text, -1) {
			s := toASCIIDigits(run)
			switch {
			case len(s) == 18 && validIDCard(s):
				add(ruleIDCard, run)
			case len(s) == 11 && mobileRe.MatchString(s):
				add(ruleMobile, run)
			case len(s) >= 16 && len(s) <= 19 && !strings.ContainsAny(s, "Xx") && luhn(s):
				add(ruleBankCard, run)
			}
		}
	}
	if mayNameSomeone(text) {
		for _, n := range detectNames(text) {
			add(ruleName, n)
		}
	}
	for _, t := range terms {
		if strings.Contains(text, t) {
			rule := ruleTerm
			if looksLikeName(t) && containsNameHit(hits, t) {
				continue
			}
			add(rule, t)
		}
	}
	return hits
}

// hasDigitRun is a fast pre-check: numbers worth a closer look are at
// least n digits long.
func hasDigitRun(s string, n int) bool {
	run := 0
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// nameTriggers are the words without which none of the name patterns can
// match; checking for them first keeps detection cheap on the ordinary
// text that makes up almost every table.
var nameTriggers = []string{"已故", "遗属", "遗孀", "家属", "配偶", "对象", "领取人", "收款人", "户主", "姓名",
	"妻", "夫", "之子", "之女", "儿子", "女儿", "父亲", "母亲"}

func mayNameSomeone(s string) bool {
	for _, t := range nameTriggers {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

func containsNameHit(hits []hit, t string) bool {
	for _, h := range hits {
		if h.Text == t {
			return true
		}
	}
	return false
}

var mobileRe = regexp.MustCompile(`^1[3-9]\d{9}$`)

func toASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// validIDCard checks a 居民身份证号 per GB 11643-1999: a plausible birth
// date and the ISO 7064 MOD 11-2 check character.
func validIDCard(s string) bool {
	if len(s) != 18 {
		return false
	}
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		sum += int(s[i]-'0') * weights[i]
	}
	check := "10X98765432"[sum%11]
	last := s[17]
	if last == 'x' {
		last = 'X'
	}
	if last != check {
		return false
	}
	year := atoi(s[6:10])
	month, day := atoi(s[10:12]), atoi(s[12:14])
	return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// luhn validates bank card numbers.
func luhn(s string) bool {
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if d < 0 || d > 9 {
			return false
		}
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// Names are detected only in the contexts where budget texts name private
// persons (遗属, 已故职工, 之妻, 家属, 补助对象 …): a bare surname-like
// string in ordinary text is far more often a word than a name.
var (
	namePrefixRe = regexp.MustCompile(`(?:已故职工|已故干部|已故人员|已故|遗属|遗孀|家属|配偶|补助对象|救助对象|资助对象|慰问对象|领取人|收款人|户主|姓名)(?:为|是|系|：|:)?(\p{Han}{2,4})`)
	nameSuffixRe = regexp.MustCompile(`(\p{Han}{2,4})(?:的妻子|之妻|的丈夫|之夫|的配偶|的遗孀|的遗属|之子|之女|的儿子|的女儿|的父亲|的母亲)`)
	nameListRe   = regexp.MustCompile(`(?:^|[，,、；;。：:\s])(\p{Han}{2,4})(?:，|,|、)\s*(?:系|为|是)?已故`)
)

func detectNames(text string) []string {
	var names []string
	for _, re := range []*regexp.Regexp{namePrefixRe, nameSuffixRe, nameListRe} {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			run := text[m[2]:m[3]]
			n := trimToName(run, re == nameSuffixRe)
			if n == "" {
				continue
			}
			// After a context word (家属, 补助对象 …) a name is followed by
			// punctuation or a relation word; "家属安置工作" names nobody.
			if re == namePrefixRe && !nameBoundary(text[m[2]+len(n):]) {
				continue
			}
			names = append(names, n)
		}
	}
	return names
}

// nameBoundary reports whether rest (the text after a candidate name)
// starts where a name can end.
func nameBoundary(rest string) bool {
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return strings.ContainsRune("，,、；;。：:（()）的之系为等和与及同 \t\n", r) || (r >= '0' && r <= '9')
}

// trimToName cuts a matched run of Han characters down to a surname plus
// one or two given-name characters. fromEnd is set when the run ends at
// the name (…职工王茂全的妻子) and so may start with other words.
func trimToName(run string, fromEnd bool) string {
	r := []rune(run)
	if fromEnd {
		// Try the longest name that ends at the end of the run.
		for n := 4; n >= 2; n-- {
			if len(r) >= n {
				cand := string(r[len(r)-n:])
				if looksLikeName(cand) {
					return cand
				}
			}
		}
		return ""
	}
	for n := min(len(r), 4); n >= 2; n-- {
		cand := string(r[:n])
		if looksLikeName(cand) && (n == len(r) || n <= 3) {
			// Prefer 3-character names: most common, and a 4-run usually
			// has a following word attached.
			if n == 4 && !compoundSurname(cand) {
				continue
			}
			return cand
		}
	}
	return ""
}

// looksLikeName: a known surname followed by one or two characters (two
// or three after a compound surname), none of them a common function word.
func looksLikeName(s string) bool {
	n := utf8.RuneCountInString(s)
	r := []rune(s)
	for _, c := range r {
		if strings.ContainsRune(notInNames, c) {
			return false
		}
	}
	if compoundSurname(s) {
		return n == 3 || n == 4
	}
	return (n == 2 || n == 3) && strings.ContainsRune(surnames, r[0])
}

func compoundSurname(s string) bool {
	for _, c := range compoundSurnames {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// surnames holds the common single-character surnames (百家姓 and the most
// frequent modern ones).
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"

var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫", "独孤"}

// notInNames are characters that practically never occur in personal
// names but often follow a surname-like character in ordinary words.
const notInNames = "的了是在和与及或等为于之其所以而被把对向从到由因这那个们人员单位部门办公室政府区县镇村社会工作项目资金指标年月日元万计共现有已故职妻子丈夫置括围内外时后前费款贴障疗宿舍况领取发放标准单户数"

// encodeHits is the memo's form of a project's hits: empty (not nil)
// for none, which is nearly every project, else JSON.
func encodeHits(hs []hit) []byte {
	if len(hs) == 0 {
		return []byte{}
	}
	b, _ := json.Marshal(hs)
	return b
}

func decodeHits(b []byte) ([]hit, bool) {
	if len(b) == 0 {
		return nil, true
	}
	var hs []hit
	if json.Unmarshal(b, &hs) != nil {
		return nil, false
	}
	return hs, true
}
