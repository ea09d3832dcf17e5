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
	// Files is what the build recorded of each output file, by path. A
	// manifest LoadManifest returns has it nil until Records is called.
	Files map[string]output.Record
	// What the summary line reports, for a no-op rebuild that reads
	// nothing else.
	Projects int
	Warnings []string

	recs []manifestRec // as loaded, sorted by path; nil once Records ran
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

// HasManifest reports whether a build left a manifest beside outDir: a
// build without one is cold.
func HasManifest(outDir string) bool {
	_, err := os.Lstat(filepath.Join(Dir(outDir), manifestFile))
	return err == nil
}

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

// decodeManifest decodes a whole manifest, records included.
func decodeManifest(b []byte) *Manifest {
	d, ok := openCacheFile(b, manifestMagic)
	if !ok {
		return nil
	}
	m := decodeManifestBody(d, len(b))
	if m != nil {
		m.Records()
		if m.Files == nil {
			m.Files = map[string]output.Record{}
		}
	}
	return m
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
	// Paths are written out whole into one buffer, turned into one
	// string of which every path is a slice: tens of thousands of small
	// allocations would cost more than the decoding itself. Keys and
	// hashes stay slices of the file, in hex only when Records asks: a
	// no-op build needs the paths and sizes alone.
	type span struct{ from, to int }
	n := d.count(3)
	recs := make([]manifestRec, n)
	spans := make([]span, n)
	arena := make([]byte, 0, 2*size)
	var prev span
	for i := range recs {
		r := &recs[i]
		shared := d.uvarint()
		suffix := d.str()
		if shared > uint64(prev.to-prev.from) {
			return nil
		}
		sp := span{from: len(arena)}
		arena = append(arena, arena[prev.from:prev.from+int(shared)]...)
		arena = append(arena, suffix...)
		sp.to = len(arena)
		spans[i], prev = sp, sp
		r.flags = d.byte()
		switch {
		case r.flags&mfKeySum != 0:
			r.key = d.raw(32)
		case r.flags&mfKeyStr != 0:
			r.key = d.str()
		}
		switch {
		case r.flags&mfSHASum != 0:
			r.sha = d.raw(32)
		case r.flags&mfSHAStr != 0:
			r.sha = d.str()
		}
		r.size = int(d.uvarint())
	}
	if !d.done() {
		return nil
	}
	// The arena is never written again: the paths share its bytes.
	all := unsafe.String(unsafe.SliceData(arena), len(arena))
	for i := range recs {
		recs[i].path = all[spans[i].from:spans[i].to]
		if i > 0 && recs[i-1].path >= recs[i].path {
			return nil // out of order or a path twice: not a file this program wrote
		}
	}
	m.recs = recs
	return m
}

// manifestRec is one output file as loaded: key and hash as stored
// (32 raw bytes when flags say so).
type manifestRec struct {
	path, key, sha string
	size           int
	flags          byte
}

// Len is the number of files the manifest records.
func (m *Manifest) Len() int {
	if m.Files == nil {
		return len(m.recs)
	}
	return len(m.Files)
}

// Listing returns the recorded files' paths and sizes, sorted by path.
func (m *Manifest) Listing() []output.Listed {
	if m.Files == nil {
		l := make([]output.Listed, len(m.recs))
		for i, r := range m.recs {
			l[i] = output.Listed{Path: r.path, Size: r.size}
		}
		return l
	}
	return output.ListRecords(m.Files)
}

// Records returns what the manifest records of each file, by path. A
// loaded manifest works it out on the first call.
func (m *Manifest) Records() map[string]output.Record {
	if m.Files != nil || m.recs == nil {
		return m.Files
	}
	// Hex of the raw keys and hashes, in one buffer as the paths are.
	n := 0
	for _, r := range m.recs {
		n += 2*len(r.key) + 2*len(r.sha)
	}
	buf := make([]byte, 0, n)
	type span struct{ from, to int }
	hexOf := func(s string, sum bool) span {
		sp := span{from: len(buf)}
		if sum {
			var raw [32]byte
			copy(raw[:], s)
			buf = hex.AppendEncode(buf, raw[:])
		} else {
			buf = append(buf, s...)
		}
		sp.to = len(buf)
		return sp
	}
	keys, shas := make([]span, len(m.recs)), make([]span, len(m.recs))
	for i, r := range m.recs {
		keys[i] = hexOf(r.key, r.flags&mfKeySum != 0)
		shas[i] = hexOf(r.sha, r.flags&mfSHASum != 0)
	}
	all := unsafe.String(unsafe.SliceData(buf), len(buf))
	files := make(map[string]output.Record, len(m.recs))
	for i, r := range m.recs {
		files[r.path] = output.Record{Key: all[keys[i].from:keys[i].to], Size: r.size, SHA256: all[shas[i].from:shas[i].to]}
	}
	m.Files, m.recs = files, nil
	return files
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
	return fingerprintOf(global, rels, sums)
}

// InputFingerprintAfter is InputFingerprint for a build that has read the
// content already: a cold build, which must parse every file, lists the
// folder first (ListContent), loads it, and then fingerprints it with
// read giving the hash of each file the load read, so that no file is
// read twice. The result is the same as InputFingerprint's.
func InputFingerprintAfter(sc *StatCache, global []byte, l *ContentListing, read func(rel string) ([32]byte, bool)) (string, error) {
	rels, sums, err := sc.hashListed(l, read)
	if err != nil {
		return "", err
	}
	key, _, err := fingerprintOf(global, rels, sums)
	return key, err
}

func fingerprintOf(global []byte, rels []string, sums [][32]byte) (string, map[string][32]byte, error) {
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
