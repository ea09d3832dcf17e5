package buildcache

import (
	"budgetsite/generator/internal/fstree"
	"budgetsite/generator/internal/workers"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// The stat cache remembers, for each content file (and the program
// itself), what stat said of it and the SHA-256 of its bytes, so that a
// build can fingerprint ten thousand unchanged files without reading
// them. It lives in the build cache folder beside the manifest.
//
// A file's recorded hash is reused only when its size, mtime, ctime,
// inode and device are all unchanged and the file is not "racy": its
// mtime and ctime must be older, by a safety margin, than the moment the
// build that recorded it started. Otherwise a file rewritten within the
// filesystem's timestamp granularity after being hashed could keep every
// stat field and go unnoticed (git's "racy clean" problem). ctime, which
// no ordinary program can set, also catches a rewrite whose mtime was
// put back with touch or os.Chtimes.

const (
	statCacheMagic   = "budgetsite stat cache\x00"
	statCacheVersion = 1
	statCacheFile    = "stat.bin"
)

// racyMargin is how much older than the recording build a file's
// timestamps must be for its hash to be trusted. It covers the coarsest
// common timestamp granularity (2 s on FAT) and the kernel's coarse
// clock; the only cost of a wide margin is re-reading files edited just
// before a build.
const racyMargin = int64(2 * time.Second)

type statRec struct {
	st  fstree.FileStat
	sum [32]byte
}

type StatCache struct {
	file       string // where it is saved
	contentDir string // absolute

	old      map[string]statRec // by absolute path, as the last build left it
	oldTaken int64              // when that build started, in ns

	// taken is when this build started, before it stat'ed anything: the
	// time against which the records it makes are judged next time.
	taken int64
	mu    sync.Mutex
	cur   map[string]statRec // what this build saw
	dirty bool
	read  []string // content files this build had to read, for tests
}

// LoadStatCache opens the stat cache for a build from contentDir into
// outDir. A missing or unreadable cache is an empty one.
func LoadStatCache(outDir, contentDir string) *StatCache {
	abs, err := filepath.Abs(contentDir)
	if err != nil {
		abs = contentDir
	}
	sc := &StatCache{
		file:       filepath.Join(Dir(outDir), statCacheFile),
		contentDir: abs,
		taken:      time.Now().UnixNano(),
		cur:        map[string]statRec{},
	}
	if b, err := os.ReadFile(sc.file); err == nil {
		sc.old, sc.oldTaken = decodeStatCache(b)
	}
	return sc
}

func decodeStatCache(b []byte) (map[string]statRec, int64) {
	d, ok := openCacheFile(b, statCacheMagic)
	if !ok || d.uvarint() != statCacheVersion {
		return nil, 0
	}
	taken := d.varint()
	n := d.count(38)
	m := make(map[string]statRec, n)
	prev := ""
	for i := 0; i < n; i++ {
		shared := d.uvarint()
		suffix := d.str()
		if shared > uint64(len(prev)) {
			return nil, 0
		}
		p := prev[:shared] + suffix
		var r statRec
		r.st.Size, r.st.Mtime, r.st.Ctime = d.varint(), d.varint(), d.varint()
		r.st.Ino, r.st.Dev = d.uvarint(), d.uvarint()
		r.sum = d.sum()
		m[p] = r
		prev = p
	}
	if !d.done() || len(m) != n {
		return nil, 0
	}
	return m, taken
}

func (sc *StatCache) encode() []byte {
	paths := make([]string, 0, len(sc.cur))
	for p := range sc.cur {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	e := newEncBuf(statCacheMagic, 64+90*len(paths))
	e.uvarint(statCacheVersion)
	e.varint(sc.taken)
	e.uvarint(uint64(len(paths)))
	prev := ""
	for _, p := range paths {
		r := sc.cur[p]
		e.sortedPath(prev, p)
		prev = p
		e.varint(r.st.Size)
		e.varint(r.st.Mtime)
		e.varint(r.st.Ctime)
		e.uvarint(r.st.Ino)
		e.uvarint(r.st.Dev)
		e.raw(r.sum[:])
	}
	return e.finish()
}

// lookup returns the recorded hash of a file whose stat is st, if it can
// be trusted.
func (sc *StatCache) lookup(abs string, st fstree.FileStat) ([32]byte, bool) {
	r, ok := sc.old[abs]
	if !ok || r.st != st || max(st.Mtime, st.Ctime) >= sc.oldTaken-racyMargin {
		return [32]byte{}, false
	}
	return r.sum, true
}

// hashFile returns the SHA-256 of a file outside the content folder (the
// program), reading it only when the stat cache cannot vouch for it. A
// nil cache always reads.
func (sc *StatCache) hashFile(p string) ([32]byte, bool) {
	var st fstree.FileStat
	regular := false
	if sc != nil {
		var err error
		if st, regular, err = fstree.StatPath(p); err == nil && regular {
			if sum, ok := sc.lookup(p, st); ok {
				sc.mu.Lock()
				sc.cur[p] = statRec{st, sum}
				sc.mu.Unlock()
				return sum, true
			}
		}
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return [32]byte{}, false
	}
	sum := sha256.Sum256(b)
	if regular {
		sc.mu.Lock()
		sc.cur[p] = statRec{st, sum} // st was taken before the read
		sc.dirty = true
		sc.mu.Unlock()
	}
	return sum, true
}

// PrimeBinaryHash works out binaryHash through the stat cache, so that a
// build need not read its own executable.
func (sc *StatCache) PrimeBinaryHash() {
	exeHash.once.Do(func() {
		exeHash.sum = hashExecutable(sc)
	})
}

// hashContent returns every file under the content folder, sorted, with
// the SHA-256 of its bytes, and saves the stat cache if it learnt
// anything. Only files the stat cache cannot vouch for are read.
func (sc *StatCache) hashContent() ([]string, [][32]byte, error) {
	l, err := sc.ListContent()
	if err != nil {
		return nil, nil, err
	}
	return sc.hashListed(l, nil)
}

// ContentListing is the content folder as stat'ed before any of its
// files was read for this build.
type ContentListing struct{ files []fstree.File }

// ListContent stat's every file under the content folder, reading none.
func (sc *StatCache) ListContent() (*ContentListing, error) {
	files, err := fstree.List(sc.contentDir)
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Rel < files[j].Rel })
	return &ContentListing{files}, nil
}

// hashListed returns the listed files with the SHA-256 of their bytes,
// and saves the stat cache if it learnt anything. A file's hash comes
// from the stat cache when it vouches for the file, else from read when
// it knows the file (the hash of bytes read after the listing's stat),
// else from reading the file. Recording the listing's stat with bytes
// read after it is safe: a file changed in between has a newer stat than
// the one recorded, so the next build reads it again.
func (sc *StatCache) hashListed(l *ContentListing, read func(rel string) ([32]byte, bool)) ([]string, [][32]byte, error) {
	files := l.files
	abs := make([]string, len(files))
	sums := make([][32]byte, len(files))
	fresh := make([]bool, len(files))
	readHere := make([]bool, len(files))
	errs := make([]error, len(files))
	workers.Each(len(files), func(i int) {
		f := &files[i]
		abs[i] = filepath.Join(sc.contentDir, filepath.FromSlash(f.Rel))
		if f.Regular {
			if sum, ok := sc.lookup(abs[i], f.St); ok {
				sums[i] = sum
				return
			}
			if read != nil {
				if sum, ok := read(f.Rel); ok {
					sums[i], fresh[i] = sum, true
					return
				}
			}
		}
		// Symbolic links and the like are always read: their own stat
		// says nothing of what they point to.
		b, err := os.ReadFile(abs[i])
		sums[i], fresh[i], readHere[i], errs[i] = sha256.Sum256(b), true, true, err
	})
	rels := make([]string, len(files))
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for i, f := range files {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		rels[i] = f.Rel
		if f.Regular {
			sc.cur[abs[i]] = statRec{f.St, sums[i]}
		}
		if readHere[i] {
			sc.read = append(sc.read, f.Rel)
		}
		if fresh[i] {
			sc.dirty = true
		}
	}
	sc.saveLocked()
	return rels, sums, nil
}

// saveLocked writes the cache when this build learnt something: a file
// read, or a file gone. Records of files outside the content folder that
// this build did not look at (the program, when a long-running preview
// hashed it once already) are carried over if still trustworthy.
func (sc *StatCache) saveLocked() {
	prefix := sc.contentDir + string(filepath.Separator)
	for p, r := range sc.old {
		if _, ok := sc.cur[p]; ok {
			continue
		}
		// A record is carried over only if it was already beyond the racy
		// window of the build that wrote it: saved under this build's later
		// start time, a racy one would pass for safe.
		if !strings.HasPrefix(p, prefix) && max(r.st.Mtime, r.st.Ctime) < sc.oldTaken-racyMargin {
			sc.cur[p] = r
		} else {
			sc.dirty = true
		}
	}
	if !sc.dirty {
		return
	}
	// A cache that cannot be written makes the next build read every
	// file, as it would without one: not an error.
	_ = writeCacheFile(sc.file, sc.encode())
	sc.dirty = false
}

// AgeStatCache rewrites the stat cache of outDir as if the build that
// wrote it had started d later than it did, so that every file it
// recorded is past the racy window. It is for tests, which reach the
// path where a file's stat alone decides whether it is read without
// sleeping.
func AgeStatCache(outDir string, d time.Duration) error {
	p := filepath.Join(Dir(outDir), statCacheFile)
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	m, taken := decodeStatCache(b)
	if m == nil {
		return errors.New("stat cache does not decode")
	}
	sc := &StatCache{cur: m, taken: taken + int64(d)}
	return os.WriteFile(p, sc.encode(), 0o644)
}
