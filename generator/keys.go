package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/buildcache"
	"budgetsite/generator/render"
	"budgetsite/generator/site"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"io/fs"
	"sync"
	"unsafe"
)

// keyer computes the cache key of an output file from the inputs its
// renderer declared: the global inputs (program, templates, assets,
// configuration, free pages), the list of years every page's navigation
// shows, what the file is, and the hashes of the content files of the
// projects it declares (one project's hash, or the digest of a list's).
// A nil keyer (a build without cache) gives "", which is never reused;
// so does a file that declares no inputs (datapackage.json, which lists
// the other files' hashes), which is therefore always made.
type keyer struct {
	global []byte
	years  []byte
	hashes map[string][32]byte // by Project.File
	// byProject holds the published projects' hashes, looked up by
	// pointer (every page key needs them), and memo the keys of inputs
	// that many files share (every site-wide page declares all projects).
	byProject map[*budget.Project][32]byte
	memo      sync.Map // memoKey → string
}

type memoKey struct {
	what  string
	first *budget.Project
	n     int
}

// newKeyer keys the files of a site whose content files have the given
// hashes, by the path each project was loaded as.
func newKeyer(global, years []byte, hashes map[string][32]byte, published []*budget.Project) *keyer {
	k := &keyer{global: global, years: years, hashes: hashes, byProject: make(map[*budget.Project][32]byte, len(published))}
	for _, p := range published {
		k.byProject[p] = hashes[p.File]
	}
	return k
}

func (k *keyer) key(in site.Inputs) string {
	if k == nil || in.What == "" {
		return ""
	}
	if len(in.Projects) == 1 {
		h := k.hash(in.Projects[0])
		return buildcache.KeyOf(k.global, readOnlyBytes(in.What), k.years, []byte{1}, h[:])
	}
	mk := memoKey{what: in.What, n: len(in.Projects)}
	if len(in.Projects) > 0 {
		mk.first = in.Projects[0]
		if v, ok := k.memo.Load(mk); ok {
			return v.(string)
		}
	}
	d := k.digest(in.Projects)
	// The count keeps a list apart from a one-project list whose hash
	// happens to equal the list's digest.
	key := buildcache.KeyOf(k.global, readOnlyBytes(in.What), k.years, binary.AppendUvarint(nil, uint64(len(in.Projects))), d[:])
	if mk.first != nil {
		k.memo.Store(mk, key)
	}
	return key
}

// readOnlyBytes is s's bytes without a copy, for KeyOf, which only
// hashes them: keying every file of a province copied tens of thousands
// of page names.
func readOnlyBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// digest hashes the content hashes of a list of projects, in order.
func (k *keyer) digest(ps []*budget.Project) [32]byte {
	h := sha256.New()
	for _, p := range ps {
		s := k.hash(p)
		h.Write(s[:])
	}
	var d [32]byte
	h.Sum(d[:0])
	return d
}

// hash returns the content hash of a project's file.
func (k *keyer) hash(p *budget.Project) [32]byte {
	if h, ok := k.byProject[p]; ok {
		return h
	}
	return k.hashes[p.File]
}

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
		src := k.hash(p)
		h.Write(src[:])
		h.Sum(keys[i][:0])
	}
	return keys
}

// globalKey fingerprints what every page depends on besides its data:
// the program, the templates, the configuration and the free pages.
func globalKey(cfg Config, l render.Layers, pages []*budget.Page) ([]byte, error) {
	parts := [][]byte{buildcache.BinaryHash()}
	paths, owner := l.Files("templates")
	for _, p := range paths {
		b, err := fs.ReadFile(owner[p], p)
		if err != nil {
			return nil, err
		}
		parts = append(parts, []byte(p), b)
	}
	c := cfg
	c.ContentDir, c.OutDir, c.SiteDir = "", "", ""
	cj, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	parts = append(parts, cj)
	for _, pg := range pages {
		parts = append(parts, []byte(pg.Slug), []byte(pg.Title), []byte(pg.Nav), []byte(pg.Description), []byte(pg.Body))
	}
	k := buildcache.KeyOf(parts...)
	return []byte(k), nil
}

// assetsKey fingerprints the asset files, for the no-op check.
func assetsKey(l render.Layers) ([]byte, error) {
	paths, owner := l.Files("assets")
	parts := make([][]byte, 0, 2*len(paths))
	for _, p := range paths {
		b, err := fs.ReadFile(owner[p], p)
		if err != nil {
			return nil, err
		}
		parts = append(parts, []byte(p), b)
	}
	return []byte(buildcache.KeyOf(parts...)), nil
}
