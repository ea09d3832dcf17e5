package generator

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"sync"
)

// parseCache keeps parsed content files and their privacy detections
// between builds, keyed by each file's hash, so a rebuild after editing
// one file parses one file. It is stored in the build cache folder; a
// missing or unreadable cache only makes the build slower.
type parseCache struct {
	mu      sync.Mutex
	entries map[string]*cachedProject // by path relative to the content folder
	dirty   bool
}

type cachedProject struct {
	Hash    [32]byte
	Project Project
	HitsKey string
	Hits    []hit
}

func loadParseCache(outDir string) *parseCache {
	c := &parseCache{entries: map[string]*cachedProject{}}
	b, err := os.ReadFile(filepath.Join(cacheDir(outDir), "content.gob"))
	if err != nil {
		return c
	}
	var entries map[string]*cachedProject
	if gob.NewDecoder(bytes.NewReader(b)).Decode(&entries) == nil {
		c.entries = entries
	}
	return c
}

// get returns a fresh copy of the cached project for a file, or nil.
func (c *parseCache) get(path string, hash [32]byte) *Project {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	e := c.entries[path]
	c.mu.Unlock()
	if e == nil || e.Hash != hash {
		return nil
	}
	p := e.Project // the entry's slices are never modified after load
	p.srcHash = hash
	p.hits, p.hitsKey = e.Hits, e.HitsKey
	return &p
}

func (c *parseCache) put(path string, hash [32]byte, p *Project) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.entries[path] = &cachedProject{Hash: hash, Project: *p}
	c.dirty = true
	c.mu.Unlock()
}

// keep drops entries for files that no longer exist and records the
// privacy detections made this build.
func (c *parseCache) keep(projects []*Project, rel func(string) string) {
	if c == nil {
		return
	}
	live := map[string]*cachedProject{}
	for _, p := range projects {
		e := c.entries[rel(p.File)]
		if e == nil || e.Hash != p.srcHash {
			continue
		}
		if p.hitsKey != e.HitsKey {
			e.Hits, e.HitsKey = p.hits, p.hitsKey
			c.dirty = true
		}
		live[rel(p.File)] = e
	}
	if len(live) != len(c.entries) {
		c.dirty = true
	}
	c.entries = live
}

func (c *parseCache) save(outDir string) error {
	if c == nil || !c.dirty {
		return nil
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(c.entries); err != nil {
		return err
	}
	if err := os.MkdirAll(cacheDir(outDir), 0o755); err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(cacheDir(outDir), "content.gob"), b.Bytes())
}
