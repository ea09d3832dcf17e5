package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/site"
)

// keyer computes the cache key of an output file from the inputs its
// renderer declared: the global inputs (program, templates, assets,
// configuration, free pages), the list of years every page's navigation
// shows, what the file is, and the hash of each project's content file.
// A nil keyer (a build without cache) gives "", which is never reused.
type keyer struct {
	global []byte
	years  []byte
	hashes map[string][32]byte // by Project.File
}

func (k *keyer) key(in site.Inputs) string {
	if k == nil {
		return ""
	}
	parts := make([][]byte, 0, len(in.Projects)+3)
	parts = append(parts, k.global, []byte(in.What), k.years)
	for _, p := range in.Projects {
		h := k.hashes[p.File]
		parts = append(parts, h[:])
	}
	return keyOf(parts...)
}

// hash returns the content hash of a project's file.
func (k *keyer) hash(p *budget.Project) [32]byte { return k.hashes[p.File] }
