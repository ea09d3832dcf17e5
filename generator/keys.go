package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/site"
	"crypto/sha256"
)

// keyer computes the cache key of an output file from the inputs its
// renderer declared: the global inputs (program, templates, assets,
// configuration, free pages), the list of years every page's navigation
// shows, what the file is, and the hash of each project's content file.
// A nil keyer (a build without cache) gives "", which is never reused;
// so does a file that declares no inputs (datapackage.json, which lists
// the other files' hashes), which is therefore always made.
type keyer struct {
	global []byte
	years  []byte
	hashes map[string][32]byte // by Project.File
}

func (k *keyer) key(in site.Inputs) string {
	if k == nil || in.What == "" {
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

// pieceKeys are what each project's open-data pieces are made from: the
// project's content and the global inputs (program, configuration),
// which include the redaction decisions applied to it. nil without a
// cache.
func (k *keyer) pieceKeys(ps []*budget.Project) [][32]byte {
	if k == nil {
		return nil
	}
	keys := make([][32]byte, len(ps))
	for i, p := range ps {
		h := sha256.New()
		h.Write(k.global)
		h.Write([]byte("pieces"))
		src := k.hashes[p.File]
		h.Write(src[:])
		h.Sum(keys[i][:0])
	}
	return keys
}
