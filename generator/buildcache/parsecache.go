package buildcache

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/workers"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// ParseCache keeps parsed content files, their privacy detections and
// the rules' findings on them between builds, keyed by each file's hash, so a rebuild after editing
// one file parses one file. It is stored in the build cache folder; a
// missing or unreadable cache only makes the build slower.
//
// Entries are spread over parseShards files by a hash of the file's
// path. A rebuild after editing one file rewrites one shard rather than
// the whole cache, and loading decodes the shards on every core. Each
// shard records the program that wrote it: a new budgetsite may parse
// differently, so it never reuses an older one's results.
type ParseCache struct {
	mu     sync.RWMutex
	shards [parseShards]map[string]*cachedProject // by path relative to the content folder
	dirty  [parseShards]bool

	// Known holds content hashes the stat cache vouched for, by path, so
	// that a file the cache holds needs no reading at all.
	Known map[string][32]byte
	// live holds the entries of the files loaded this build, and root
	// the content folder their projects' File fields start with.
	live map[string]*cachedProject
	Root string
}

const (
	parseShards     = 64
	parseCacheMagic = "budgetsite parse cache\x00"
	parseCacheDir   = "parse"
	// Bump when cachedProject or what it holds changes meaning; a change
	// of the program already invalidates every shard.
	parseCacheVersion = 4
)

type cachedProject struct {
	Path    string
	Hash    [32]byte
	Project budget.Project
	// HitsKey names the detectors that found Hits, encoded by check; a
	// nil Hits means none recorded.
	HitsKey string
	Hits    []byte
	// FindingsKey names the rules and configuration that found Findings,
	// encoded by check; a nil Findings means none recorded.
	FindingsKey string
	Findings    []byte
}

// NewParseCache is an empty cache. Every shard counts as dirty, so that
// saving it replaces whatever an earlier build left.
func NewParseCache() *ParseCache {
	c := &ParseCache{live: map[string]*cachedProject{}}
	for i := range c.shards {
		c.shards[i] = map[string]*cachedProject{}
		c.dirty[i] = true
	}
	return c
}

func shardOf(path string) int {
	h := fnv.New32a()
	h.Write([]byte(path))
	return int(h.Sum32() % parseShards)
}

func shardFile(outDir string, i int) string {
	return filepath.Join(Dir(outDir), parseCacheDir, fmt.Sprintf("%02d.bin", i))
}

func LoadParseCache(outDir string) *ParseCache {
	c := &ParseCache{live: map[string]*cachedProject{}}
	gen := BinaryHash()
	workers.Each(parseShards, func(i int) {
		c.shards[i] = map[string]*cachedProject{}
		b, err := os.ReadFile(shardFile(outDir, i))
		if err != nil {
			c.dirty[i] = true // make sure a stray file cannot survive
			return
		}
		// b is this shard's alone: the entries' strings point into it.
		d, ok := openOwnedCacheFile(b, parseCacheMagic)
		var entries []*cachedProject
		if ok {
			entries, ok = decodeShardBody(d, gen, i)
		}
		if !ok {
			c.dirty[i] = true // rewrite it, even with nothing in it
			return
		}
		for _, e := range entries {
			c.shards[i][e.Path] = e
		}
	})
	return c
}

func decodeShard(b, gen []byte, shard int) ([]*cachedProject, bool) {
	d, ok := openCacheFile(b, parseCacheMagic)
	if !ok {
		return nil, false
	}
	return decodeShardBody(d, gen, shard)
}

func decodeShardBody(d *decBuf, gen []byte, shard int) ([]*cachedProject, bool) {
	if d.uvarint() != parseCacheVersion || d.str() != string(gen) {
		return nil, false
	}
	n := d.count(48) // an entry takes at least that much
	entries := make([]*cachedProject, n)
	for i := range entries {
		e := &cachedProject{Path: d.str(), Hash: d.sum()}
		decodeProject(d, &e.Project)
		e.HitsKey = d.str()
		e.Hits = decodeMemo(d)
		e.FindingsKey = d.str()
		e.Findings = decodeMemo(d)
		if d.bad || shardOf(e.Path) != shard {
			return nil, false
		}
		entries[i] = e
	}
	return entries, d.done()
}

func encodeShard(entries []*cachedProject, gen []byte) []byte {
	e := newEncBuf(parseCacheMagic, 2048*len(entries))
	e.uvarint(parseCacheVersion)
	e.str(string(gen))
	e.uvarint(uint64(len(entries)))
	for _, c := range entries {
		e.str(c.Path)
		e.raw(c.Hash[:])
		encodeProject(e, &c.Project)
		e.str(c.HitsKey)
		encodeMemo(e, c.Hits)
		e.str(c.FindingsKey)
		encodeMemo(e, c.Findings)
	}
	return e.finish()
}

// encodeMemo writes a memo's bytes so that nil (nothing recorded) and
// empty (nothing found) stay distinct.
func encodeMemo(e *encBuf, b []byte) {
	if b == nil {
		e.byte(0)
		return
	}
	e.byte(1)
	e.str(string(b))
}

func decodeMemo(d *decBuf) []byte {
	if d.byte() != 1 {
		return nil
	}
	return []byte(d.str())
}

// The parse cache is read on every build that is not a no-op, so it is
// encoded by hand, field by field, rather than with gob: decoding ten
// thousand projects costs a fraction, as every string is a slice of the
// shard's bytes instead of an allocation of its own. A field added to
// Project, Indicator, Coded, Source or hit must be added here too;
// TestParseCacheCodecCoversEveryField fails until it is.

// sliceLen encodes a length so that nil and empty stay distinct, as a
// cold build would have them.
func sliceLen(isNil bool, n int) uint64 {
	if isNil {
		return 0
	}
	return uint64(n) + 1
}

func encodeProject(e *encBuf, p *budget.Project) {
	e.str(p.Code)
	e.str(p.Name)
	e.varint(int64(p.Year))
	e.str(p.Department.Code)
	e.str(p.Department.Name)
	e.str(p.Unit.Code)
	e.str(p.Unit.Name)
	encodeDecimal(e, p.Funds)
	e.str(p.Attribute)
	e.str(p.Start)
	e.str(p.End)
	e.str(p.OverallGoal)
	e.str(p.AnnualGoal)
	e.uvarint(sliceLen(p.Indicators == nil, len(p.Indicators)))
	for _, in := range p.Indicators {
		e.str(in.Level1)
		e.str(in.Level2)
		e.str(in.Level3)
		e.str(in.Value)
		e.str(in.Operator)
		e.str(in.Unit)
		encodeDecimal(e, in.Weight)
		e.str(in.Direction)
		e.str(in.Standard)
		e.str(in.Remark)
		e.str(in.Printed)
		e.str(in.Period)
		e.varint(int64(in.Line))
	}
	e.str(p.PubDate)
	e.str(p.Source.File)
	e.varint(int64(p.Source.Line))
	e.str(jsonBlob(p.FundsBreakdown != nil, p.FundsBreakdown))
	e.str(jsonBlob(p.Evaluation != nil, p.Evaluation))
	e.str(p.Overview)
	e.str(p.File)
	e.uvarint(sliceLen(p.Lines == nil, len(p.Lines)))
	keys := make([]string, 0, len(p.Lines))
	for k := range p.Lines {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same cache for the same content
	for _, k := range keys {
		e.str(k)
		e.varint(int64(p.Lines[k]))
	}
}

func decodeProject(d *decBuf, p *budget.Project) {
	p.Code, p.Name, p.Year = d.str(), d.str(), int(d.varint())
	p.Department.Code, p.Department.Name = d.str(), d.str()
	p.Unit.Code, p.Unit.Name = d.str(), d.str()
	p.Funds = decodeDecimal(d)
	p.Attribute, p.Start, p.End, p.OverallGoal, p.AnnualGoal = d.str(), d.str(), d.str(), d.str(), d.str()
	if n := d.listLen(10); n >= 0 {
		p.Indicators = make([]budget.Indicator, n)
		for i := range p.Indicators {
			in := &p.Indicators[i]
			in.Level1, in.Level2, in.Level3 = d.str(), d.str(), d.str()
			in.Value, in.Operator, in.Unit = d.str(), d.str(), d.str()
			in.Weight = decodeDecimal(d)
			in.Direction, in.Standard, in.Remark, in.Printed, in.Period = d.str(), d.str(), d.str(), d.str(), d.str()
			in.Line = int(d.varint())
		}
	}
	p.PubDate = d.str()
	p.Source.File, p.Source.Line = d.str(), int(d.varint())
	if b := d.str(); b != "" && json.Unmarshal([]byte(b), &p.FundsBreakdown) != nil {
		d.fail()
	}
	if b := d.str(); b != "" && json.Unmarshal([]byte(b), &p.Evaluation) != nil {
		d.fail()
	}
	p.Overview, p.File = d.str(), d.str()
	if n := d.listLen(2); n >= 0 {
		p.Lines = make(map[string]int, n)
		for i := 0; i < n; i++ {
			k := d.str()
			p.Lines[k] = int(d.varint())
		}
	}
}

// jsonBlob holds the rare nested parts of a project (funds breakdown,
// evaluation) as JSON, which keeps their decimals exact; "" stands for
// nil.
func jsonBlob(present bool, v any) string {
	if !present {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the model's types always marshal
	}
	return string(b)
}

// Decimals are stored in their own binary form.
func encodeDecimal(e *encBuf, v decimal.Decimal) {
	b, _ := v.AppendBinary(e.scratch[:0])
	e.scratch = b
	e.str(string(b))
}

func decodeDecimal(d *decBuf) decimal.Decimal {
	var v decimal.Decimal
	if v.UnmarshalBinary([]byte(d.str())) != nil {
		d.fail()
	}
	return v
}

// KnownHash returns the hash of a content file, if the stat cache knew it.
func (c *ParseCache) KnownHash(path string) ([32]byte, bool) {
	h, ok := c.Known[path]
	return h, ok
}

// Get returns a fresh copy of the cached project for a file, or nil.
func (c *ParseCache) Get(path string, hash [32]byte) *budget.Project {
	c.mu.Lock()
	e := c.shards[shardOf(path)][path]
	if e != nil && e.Hash == hash {
		c.live[path] = e
	}
	c.mu.Unlock()
	if e == nil || e.Hash != hash {
		return nil
	}
	p := e.Project // the entry's slices are never modified after load
	return &p
}

// Put records a freshly parsed file.
func (c *ParseCache) Put(path string, hash [32]byte, p *budget.Project) {
	s := shardOf(path)
	e := &cachedProject{Path: path, Hash: hash, Project: *p}
	c.mu.Lock()
	c.shards[s][path] = e
	c.live[path] = e
	c.dirty[s] = true
	c.mu.Unlock()
}

// Loaded returns the hash of the bytes this build parsed for a content
// file, by its path inside the content folder.
func (c *ParseCache) Loaded(rel string) ([32]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.live[rel]; e != nil {
		return e.Hash, true
	}
	return [32]byte{}, false
}

// Hash returns the hash of a content file loaded this build, by the
// path the project was loaded as (the content folder joined with the
// path inside it).
func (c *ParseCache) Hash(file string) [32]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.live[c.rel(file)]; e != nil {
		return e.Hash
	}
	return [32]byte{}
}

// LoadHits and StoreHits make the cache a check.HitMemo: detections are
// kept with the parse of the file they were made on.
func (c *ParseCache) LoadHits(file, key string) ([]byte, bool) {
	return c.loadMemo(file, key, hitsSlot)
}

func (c *ParseCache) StoreHits(file, key string, hits []byte) {
	c.storeMemo(file, key, hits, hitsSlot)
}

// LoadFindings and StoreFindings make the cache a check.FindingMemo:
// the rules' findings are kept with the parse of the file they were made
// on, and go with it when the file changes.
func (c *ParseCache) LoadFindings(file, key string) ([]byte, bool) {
	return c.loadMemo(file, key, findingsSlot)
}

func (c *ParseCache) StoreFindings(file, key string, findings []byte) {
	c.storeMemo(file, key, findings, findingsSlot)
}

// A memo slot is where an entry keeps one memo's key and bytes.
type memoSlot func(e *cachedProject) (key *string, b *[]byte)

func hitsSlot(e *cachedProject) (*string, *[]byte)     { return &e.HitsKey, &e.Hits }
func findingsSlot(e *cachedProject) (*string, *[]byte) { return &e.FindingsKey, &e.Findings }

// loadMemo returns what was stored under key for a file loaded this
// build (and so unchanged since it was stored).
func (c *ParseCache) loadMemo(file, key string, slot memoSlot) ([]byte, bool) {
	path := c.rel(file)
	c.mu.RLock()
	defer c.mu.RUnlock()
	e := c.live[path]
	if e == nil {
		return nil, false
	}
	k, b := slot(e)
	if *b == nil || *k != key {
		return nil, false
	}
	return *b, true
}

// storeMemo records b under key for a file loaded this build; nil records
// nothing.
func (c *ParseCache) storeMemo(file, key string, b []byte, slot memoSlot) {
	if b == nil {
		return
	}
	path := c.rel(file)
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.live[path]
	if e == nil {
		return
	}
	if k, old := slot(e); *k != key || *old == nil || string(*old) != string(b) {
		*k, *old = key, b
		c.dirty[shardOf(path)] = true
	}
}

func (c *ParseCache) rel(file string) string {
	if c.Root == "" || c.Root == "." {
		return file
	}
	return strings.TrimPrefix(file, c.Root+"/")
}

// Hashes returns the hash of every content file loaded this build, by
// the path its project was loaded as.
func (c *ParseCache) Hashes() map[string][32]byte {
	m := make(map[string][32]byte, len(c.live))
	for path, e := range c.live {
		if c.Root != "" && c.Root != "." {
			path = c.Root + "/" + path
		}
		m[path] = e.Hash
	}
	return m
}

// Prune drops entries for files that were not loaded this build.
func (c *ParseCache) Prune() {
	for s, m := range c.shards {
		for path, e := range m {
			if c.live[path] != e {
				delete(m, path)
				c.dirty[s] = true
			}
		}
	}
}

// Save rewrites the shards that changed.
func (c *ParseCache) Save(outDir string) error {
	if c == nil {
		return nil
	}
	var dirty []int
	for i, d := range c.dirty {
		if d {
			dirty = append(dirty, i)
		}
	}
	if len(dirty) == 0 {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(Dir(outDir), parseCacheDir), 0o755); err != nil {
		return err
	}
	gen := BinaryHash()
	errs := make([]error, len(dirty))
	workers.Each(len(dirty), func(k int) {
		i := dirty[k]
		if len(c.shards[i]) == 0 {
			if err := os.Remove(shardFile(outDir, i)); err != nil && !os.IsNotExist(err) {
				errs[k] = err
			}
			return
		}
		entries := make([]*cachedProject, 0, len(c.shards[i]))
		for _, e := range c.shards[i] {
			entries = append(entries, e)
		}
		sort.Slice(entries, func(a, b int) bool { return entries[a].Path < entries[b].Path })
		errs[k] = writeCacheFile(shardFile(outDir, i), encodeShard(entries, gen))
	})
	for k, err := range errs {
		if err != nil {
			return err
		}
		c.dirty[dirty[k]] = false
	}
	return nil
}
