package buildcache

import (
	"budgetsite/generator/output"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"unsafe"
)

const ManifestVersion = 2

type Manifest struct {
	Version int
	OutDir  string
	// Inputs fingerprints everything a build reads; equal inputs and an
	// intact output folder make a rebuild a no-op.
	Inputs string
	Files  map[string]output.Record
	// What the summary line reports, for a no-op rebuild that reads
	// nothing else.
	Projects int
	Warnings []string
}

// Dir is where the cache for an output folder lives.
func Dir(outDir string) string {
	abs, err := filepath.Abs(outDir)
	if err != nil {
		abs = outDir
	}
	return filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".cache")
}

// manifestMagic names the manifest's format; a file in any other format
// or version makes the build cold.
const manifestMagic = "budgetsite manifest\x00"

const manifestFile = "manifest.bin"

// Flags of a manifest entry: how its key and hash are stored.
const (
	mfKeySum = 1 << iota // key as 32 raw bytes (a hex SHA-256, as keyOf makes)
	mfKeyStr             // key as a string
	mfSHASum             // sha256 as 32 raw bytes
	mfSHAStr             // sha256 as a string
)

func LoadManifest(outDir string) *Manifest {
	dir := Dir(outDir)
	// Saving removes an older version's manifest.json; finding one means
	// that version built this folder since, and what manifest.bin says of
	// it may be stale in ways intact cannot see.
	if _, err := os.Lstat(filepath.Join(dir, "manifest.json")); err == nil {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return nil
	}
	// b is the manifest's alone: decoding need not copy it.
	d, ok := openOwnedCacheFile(b, manifestMagic)
	if !ok {
		return nil
	}
	m := decodeManifestBody(d, len(b))
	if m == nil {
		return nil
	}
	abs, _ := filepath.Abs(outDir)
	if m.OutDir != abs {
		return nil
	}
	return m
}

func decodeManifest(b []byte) *Manifest {
	d, ok := openCacheFile(b, manifestMagic)
	if !ok {
		return nil
	}
	return decodeManifestBody(d, len(b))
}

// decodeManifestBody decodes a manifest of size bytes opened as d.
func decodeManifestBody(d *decBuf, size int) *Manifest {
	if d.uvarint() != ManifestVersion {
		return nil
	}
	m := &Manifest{Version: ManifestVersion, OutDir: d.str(), Inputs: d.str(), Projects: int(d.uvarint())}
	if n := d.count(1); n > 0 {
		m.Warnings = make([]string, n)
		for i := range m.Warnings {
			m.Warnings[i] = d.str()
		}
	}
	// Paths and hex strings are assembled in one buffer and turned into
	// one string, of which every field is a slice: tens of thousands of
	// small allocations would cost more than the decoding itself.
	type span struct{ from, to int }
	type rec struct {
		path, key, sha span
		size           int
	}
	n := d.count(3)
	recs := make([]rec, n)
	// Room for the paths written out whole and the hashes in hex.
	arena := make([]byte, 0, 3*size)
	var prev span
	for i := range recs {
		r := &recs[i]
		shared := d.uvarint()
		suffix := d.str()
		if shared > uint64(prev.to-prev.from) {
			return nil
		}
		r.path.from = len(arena)
		arena = append(arena, arena[prev.from:prev.from+int(shared)]...)
		arena = append(arena, suffix...)
		r.path.to = len(arena)
		prev = r.path
		flags := d.byte()
		field := func(sumFlag, strFlag byte) span {
			s := span{from: len(arena)}
			switch {
			case flags&sumFlag != 0:
				sum := d.sum()
				arena = hex.AppendEncode(arena, sum[:])
			case flags&strFlag != 0:
				arena = append(arena, d.str()...)
			}
			s.to = len(arena)
			return s
		}
		r.key = field(mfKeySum, mfKeyStr)
		r.sha = field(mfSHASum, mfSHAStr)
		r.size = int(d.uvarint())
	}
	if !d.done() {
		return nil
	}
	// The arena is never written again: the strings share its bytes.
	all := unsafe.String(unsafe.SliceData(arena), len(arena))
	m.Files = make(map[string]output.Record, n)
	for _, r := range recs {
		m.Files[all[r.path.from:r.path.to]] = output.Record{Key: all[r.key.from:r.key.to], Size: r.size, SHA256: all[r.sha.from:r.sha.to]}
	}
	if len(m.Files) != n {
		return nil // a path twice: not a file this program wrote
	}
	return m
}

func (m *Manifest) encode() []byte {
	paths := make([]string, 0, len(m.Files))
	for p := range m.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	e := newEncBuf(manifestMagic, 64+100*len(paths))
	e.uvarint(ManifestVersion)
	e.str(m.OutDir)
	e.str(m.Inputs)
	e.uvarint(uint64(max(m.Projects, 0)))
	e.uvarint(uint64(len(m.Warnings)))
	for _, w := range m.Warnings {
		e.str(w)
	}
	e.uvarint(uint64(len(paths)))
	prev := ""
	for _, p := range paths {
		f := m.Files[p]
		e.sortedPath(prev, p)
		prev = p
		key, keySum := hexSum(f.Key)
		sha, shaSum := hexSum(f.SHA256)
		var flags byte
		switch {
		case keySum:
			flags |= mfKeySum
		case f.Key != "":
			flags |= mfKeyStr
		}
		switch {
		case shaSum:
			flags |= mfSHASum
		case f.SHA256 != "":
			flags |= mfSHAStr
		}
		e.byte(flags)
		switch {
		case keySum:
			e.raw(key[:])
		case f.Key != "":
			e.str(f.Key)
		}
		switch {
		case shaSum:
			e.raw(sha[:])
		case f.SHA256 != "":
			e.str(f.SHA256)
		}
		e.uvarint(uint64(max(f.Size, 0)))
	}
	return e.finish()
}

func (m *Manifest) Save(outDir string) error {
	dir := Dir(outDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// An older version's cache files are dead weight from now on.
	os.Remove(filepath.Join(dir, "manifest.json"))
	os.Remove(filepath.Join(dir, "content.gob"))
	return writeCacheFile(filepath.Join(dir, manifestFile), m.encode())
}

// KeyOf hashes parts, length-prefixed so that ("ab","c") and ("a","bc")
// differ.
func KeyOf(parts ...[]byte) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		l := len(p)
		for i := range n {
			n[i] = byte(l >> (8 * i))
		}
		h.Write(n[:])
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// BinaryHash identifies the running program, so a new version of
// budgetsite never reuses what an old one rendered. It is worked out once
// per process: the program cannot change while it runs, and hashing tens
// of megabytes on every build of a live preview would be wasted. A build
// primes it from the stat cache (primeBinaryHash) to skip even that.
func BinaryHash() []byte {
	exeHash.once.Do(func() {
		exeHash.sum = hashExecutable(nil)
	})
	return exeHash.sum
}

var exeHash struct {
	once sync.Once
	sum  []byte
}

func hashExecutable(sc *StatCache) []byte {
	exe, err := os.Executable()
	if err == nil {
		if s, ok := sc.hashFile(exe); ok {
			return s[:]
		}
	}
	return []byte(errors.New("unknown binary").Error())
}

// InputFingerprint hashes the content folder's files (names and bytes),
// without parsing them: enough to tell that nothing changed. It also
// returns each file's hash by slash-separated path, for the load stage,
// which then need not read files the parse cache already holds. Files
// whose size, times and inode match the stat cache are not read at all.
func InputFingerprint(sc *StatCache, global []byte) (string, map[string][32]byte, error) {
	rels, sums, err := sc.hashContent()
	if err != nil {
		return "", nil, err
	}
	parts := make([][]byte, 0, 1+2*len(rels))
	parts = append(parts, global)
	known := make(map[string][32]byte, len(rels))
	for i, rel := range rels {
		parts = append(parts, []byte(rel), sums[i][:])
		known[rel] = sums[i]
	}
	return KeyOf(parts...), known, nil
}

func RemoveManifest(outDir string) {
	os.Remove(filepath.Join(Dir(outDir), manifestFile))
}
