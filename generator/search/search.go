// Package search makes the offline search index: data/search-index.js,
// a script that assigns window.BUDGETSITE_SEARCH, because pages opened
// from disk cannot fetch() a JSON file.
//
// The index holds what readers search (names, codes, agencies, 三级指标,
// 项目概况, 当年绩效目标, and of a 自评 the 偏差原因, 评价结论, 存在问题
// and 改进措施) in compact arrays; strings that repeat across
// projects (agencies, indicator names) are stored once. Matching is by
// substring in the browser (assets/js/search.js), which finds any run of
// characters, the equivalent of indexing every n-gram, without the index
// growing n-fold. WriteIndex streams it a project at a time, byte for
// byte what json.Marshal of the whole would give, so a province's index
// never sits in memory whole. Redaction has already happened: the index
// is made from the published model.
package search

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/markdown"
	"budgetsite/generator/site"
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// The search index ships as a script that assigns a global, because pages
// opened from disk cannot fetch() a JSON file. It holds the text readers
// search (names, codes, agencies, 三级指标, 项目概况, 当年绩效目标) in
// compact arrays; strings that repeat across projects (agencies,
// indicator names) are stored once. Matching is by substring on the
// client, which finds any run of characters, the equivalent of indexing
// every n-gram, without the index growing by a factor of n.

const IndexPath = "data/search-index.js"

type searchIndex struct {
	Version int             `json:"v"`
	Years   []int           `json:"years"`
	Depts   [][2]string     `json:"depts"` // code, name
	Units   []searchUnit    `json:"units"`
	Dict    []string        `json:"dict"` // indicator texts
	Docs    [][]interface{} `json:"docs"`
}

// searchUnit is [code, name, department index].
type searchUnit [3]interface{}

// writeSearchIndexTo writes the search index of the (already redacted)
// site.
func WriteIndex(w io.Writer, s *site.Site) error {
	return writeSearchJSON(w, buildSearchIndex(s))
}

// buildSearchIndex makes the index. A doc is [code, name, year, dept,
// unit, funds, [dict ids], overview, goal] and, for a project with a
// 自评, a tenth element: its text (evaluationText); funds is a string,
// exactly as written, for display; goal is null when it repeats the
// overview, as many tables do.
func buildSearchIndex(s *site.Site) searchIndex {
	idx := searchIndex{Version: 1, Docs: make([][]interface{}, 0, len(s.Projects))}
	for _, y := range s.Years {
		idx.Years = append(idx.Years, y.Year)
	}
	depts := map[string]int{}
	units := map[string]int{}
	dict := map[string]int{}
	intern := func(t string) int {
		if i, ok := dict[t]; ok {
			return i
		}
		dict[t] = len(idx.Dict)
		idx.Dict = append(idx.Dict, t)
		return dict[t]
	}
	for _, p := range s.Projects {
		d, ok := depts[p.Department.Code]
		if !ok {
			d = len(idx.Depts)
			depts[p.Department.Code] = d
			idx.Depts = append(idx.Depts, [2]string{p.Department.Code, p.Department.Name})
		}
		ukey := p.Unit.Code
		u, ok := units[ukey]
		if !ok {
			u = len(idx.Units)
			units[ukey] = u
			idx.Units = append(idx.Units, searchUnit{p.Unit.Code, p.Unit.Name, d})
		}
		ids := make([]int, 0, len(p.Indicators))
		seen := map[int]bool{}
		for _, in := range p.Indicators {
			if i := intern(in.Level3); !seen[i] {
				seen[i] = true
				ids = append(ids, i)
			}
		}
		overview := markdown.PlainText(p.Overview)
		var goal interface{} = p.AnnualGoal
		if p.AnnualGoal == overview {
			goal = nil
		}
		doc := []interface{}{p.Code, p.Name, p.Year, d, u, p.Funds.String(), ids, overview, goal}
		if p.Evaluation != nil {
			doc = append(doc, evaluationText(p.Evaluation))
		}
		idx.Docs = append(idx.Docs, doc)
	}
	return idx
}

// evaluationText is what readers search of a 自评: the reasons for
// shortfalls (each indicator's 偏差原因, the budget's and its rows'), the
// 评价结论, the 存在问题 and the 改进措施, one per line, each once.
func evaluationText(e *budget.Evaluation) string {
	var parts []string
	seen := map[string]bool{}
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			parts = append(parts, s)
		}
	}
	for _, r := range e.Indicators {
		add(r.Reason)
	}
	var budgetReasons func(x budget.Execution)
	budgetReasons = func(x budget.Execution) {
		add(x.Reason)
		for _, b := range x.Breakdown {
			budgetReasons(b)
		}
	}
	budgetReasons(e.Budget)
	add(e.Conclusion)
	add(e.Problems)
	add(e.Improvements)
	return strings.Join(parts, "\n")
}

// writeSearchJSON writes the script that assigns the index.
func writeSearchJSON(w io.Writer, idx searchIndex) error {
	// The object is written a part and a document at a time, the same
	// bytes as json.Marshal of the whole, without a province's index in
	// one buffer. Marshal escapes <, > and &, which keeps "</script>" in
	// data from ending anything, even if a page were ever to inline this
	// file.
	docs := idx.Docs
	idx.Docs = nil
	head, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	// head ends with "docs":null}; the documents replace the null.
	head = bytes.TrimSuffix(head, []byte("null}"))
	if _, err := io.WriteString(w, "window.BUDGETSITE_SEARCH="); err != nil {
		return err
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	for i, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if i == 0 {
			_, err = w.Write([]byte{'['})
		} else {
			_, err = w.Write([]byte{','})
		}
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	end := "]};\n"
	switch {
	case docs == nil:
		end = "null};\n"
	case len(docs) == 0:
		end = "[]};\n"
	}
	_, err = io.WriteString(w, end)
	return err
}
