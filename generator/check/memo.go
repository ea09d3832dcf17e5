package check

import (
	"budgetsite/generator/budget"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// FindingMemo keeps the rules' findings on each project between runs; the
// build cache offers one, alongside HitMemo (Check uses it when the
// HitMemo it is given is a FindingMemo too). A project's findings depend
// only on the project and on what key names (the rules' version and the
// configuration), so a memo returns what was stored for the same file
// and key, and only while the file is unchanged. The bytes are check's
// own encoding. Findings on more than one project (duplicate codes) are
// never memoised.
type FindingMemo interface {
	LoadFindings(file, key string) ([]byte, bool)
	StoreFindings(file, key string, findings []byte)
}

// rulesVersion names what the per-project rules find; change it when a
// rule changes what it reports (a new program already invalidates the
// build cache's memos, so this guards memos kept by anything else).
const rulesVersion = "rules-v1"

// findingsKey names what the per-project rules depend on besides the
// project: their version and the configuration, with the defaults Check
// filled in.
func findingsKey(cfg Config) string {
	b, err := json.Marshal(cfg)
	if err != nil {
		// Config always marshals; were it not to, nothing is reused.
		return ""
	}
	h := sha256.New()
	h.Write([]byte(rulesVersion))
	h.Write([]byte{0})
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// memoFinding is a finding as memoised: its project and file are those
// of the project it is stored with.
type memoFinding struct {
	Severity, Rule      string
	Line                int
	Message, Suggestion string
	Other               bool   `json:",omitempty"` // on no project, or another one
	Project, File       string `json:",omitempty"` // only when Other
}

// encodeFindings is the memo's form of a project's findings: empty (not
// nil) for none, which is most projects, else JSON.
func encodeFindings(fs []Finding, p *budget.Project) []byte {
	if len(fs) == 0 {
		return []byte{}
	}
	ms := make([]memoFinding, len(fs))
	for i, f := range fs {
		ms[i] = memoFinding{Severity: f.Severity, Rule: f.Rule, Line: f.Line, Message: f.Message, Suggestion: f.Suggestion}
		if f.Project != p.Code || f.File != p.File {
			ms[i].Other, ms[i].Project, ms[i].File = true, f.Project, f.File
		}
	}
	b, err := json.Marshal(ms)
	if err != nil {
		return nil
	}
	return b
}

func decodeFindings(b []byte, p *budget.Project) ([]Finding, bool) {
	if b == nil {
		return nil, false
	}
	if len(b) == 0 {
		return nil, true
	}
	var ms []memoFinding
	if json.Unmarshal(b, &ms) != nil || len(ms) == 0 {
		return nil, false
	}
	fs := make([]Finding, len(ms))
	for i, m := range ms {
		fs[i] = Finding{Severity: m.Severity, Rule: m.Rule, Project: p.Code, File: p.File, Line: m.Line, Message: m.Message, Suggestion: m.Suggestion}
		if m.Other {
			fs[i].Project, fs[i].File = m.Project, m.File
		}
	}
	return fs, true
}
