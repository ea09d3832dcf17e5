package check

// The indicator taxonomy of 财预〔2015〕88号 / 〔2020〕10号, and the newer
// layout of 财预〔2021〕101号 in which 成本指标 is a 一级 of its own. Keys are
// canonical names; values are spellings seen in districts' tables that mean
// the same thing.
var level1Names = map[string][]string{
	"产出指标":  {"产出"},
	"效益指标":  {"效益"},
	"满意度指标": {"满意度"},
	"成本指标":  {"成本"},
}

var level2Names = map[string]map[string][]string{
	"产出指标": {
		"数量指标": {"数量"},
		"质量指标": {"质量"},
		"时效指标": {"时效"},
		"成本指标": {"成本"},
		// Some districts' forms list 效果 under 产出.
		"效果指标": {"效果"},
	},
	"效益指标": {
		"经济效益指标":  {"经济效益"},
		"社会效益指标":  {"社会效益"},
		"生态效益指标":  {"生态效益", "生态环境效益指标"},
		"可持续影响指标": {"可持续影响", "可持续发展指标", "可持续发展"},
	},
	"满意度指标": {
		"服务对象满意度指标": {"服务对象满意度", "社会公众或服务对象满意度指标", "社会公众满意度指标"},
	},
	"成本指标": {
		"经济成本指标":   {"经济成本"},
		"社会成本指标":   {"社会成本"},
		"生态环境成本指标": {"生态环境成本", "生态成本指标"},
	},
}

// taxonomy resolves names against the closed list plus the config's
// extensions.
type taxonomy struct {
	level1 map[string]string            // spelling → canonical
	level2 map[string]map[string]string // canonical level1 → spelling → canonical
}

func newTaxonomy(extra map[string][]string) *taxonomy {
	t := &taxonomy{level1: map[string]string{}, level2: map[string]map[string]string{}}
	for canon, syns := range level1Names {
		t.level1[canon] = canon
		for _, s := range syns {
			t.level1[s] = canon
		}
	}
	for l1, l2s := range level2Names {
		m := map[string]string{}
		for canon, syns := range l2s {
			m[canon] = canon
			for _, s := range syns {
				m[s] = canon
			}
		}
		t.level2[l1] = m
	}
	// Config extensions: "一级/二级": [synonyms] or "一级": [synonyms].
	for key, syns := range extra {
		l1, l2, has2 := cutSlash(key)
		if !has2 {
			t.level1[l1] = l1
			for _, s := range syns {
				t.level1[s] = l1
			}
			continue
		}
		c1 := t.level1[l1]
		if c1 == "" {
			c1 = l1
			t.level1[l1] = l1
		}
		if t.level2[c1] == nil {
			t.level2[c1] = map[string]string{}
		}
		t.level2[c1][l2] = l2
		for _, s := range syns {
			t.level2[c1][s] = l2
		}
	}
	return t
}

func cutSlash(s string) (a, b string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// canonical returns the canonical 一级 and 二级 names, or "" for unknown.
func (t *taxonomy) canonical(l1, l2 string) (string, string) {
	c1 := t.level1[l1]
	if c1 == "" {
		return "", ""
	}
	return c1, t.level2[c1][l2]
}
