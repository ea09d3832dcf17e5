// Package output is the write stage, and the only code that touches the
// output folder.
//
// A Writer stages files beside the output folder. Commit makes the build
// visible only when everything succeeded: a cold build swaps the staging
// folder in for the output folder (atomically where the platform can
// exchange two paths), carrying over the files listed in keep; an
// incremental build (one given the previous build's Records) writes only
// files whose bytes changed, moves them in, removes files no longer made,
// and leaves unchanged files, and their mtimes, as they were. Abort, or a
// failure before Commit, leaves the previous site exactly as it was.
//
// Reuse accepts a file unrendered when the previous build made it from
// inputs with the same key; the caller computes keys, output only
// compares them. HTML, CSS, JS and SVG are minified on the way (open data
// never is: minifiers rewrite numbers). Intact tells cheaply whether the
// output folder still holds what a previous build recorded.
package output

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/internal/fstree"
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
)

// Writer is the write stage. Files go into a staging folder beside the
// output folder; commit swaps it in only when the whole build succeeded,
// so a failed or interrupted build leaves the previous site untouched.
//
// An incremental build (prev set) stages only the files whose bytes
// changed and, on commit, moves them into the output folder and removes
// files the build no longer makes; unchanged files are never touched.
type Writer struct {
	dir     string // final output folder
	staging string
	min     *minify.M // nil: write as rendered
	mu      sync.Mutex
	files   map[string]Record
	dirs    sync.Map // folders already created

	minifyPages bool
	prev        map[string]Record // the previous build's files, for an incremental build
	changed     []string          // staged paths (incremental builds)
	unchanged   int
}

// minified enables minifying CSS, JS and SVG; minifyPages also runs the
// HTML minifier on every rendered page (the slower alternative to
// minifying templates once, kept for measurement).
func NewWriter(dir string, minified, minifyPages bool, prev map[string]Record) (*Writer, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, &budget.Error{File: parent, Msg: "无法创建输出目录的上级目录：" + err.Error(), Hint: "请检查目录权限，或用 --out 指定其他输出目录"}
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".building-")
	if err != nil {
		return nil, &budget.Error{File: parent, Msg: "无法在输出目录旁创建临时目录：" + err.Error(), Hint: "请检查目录权限和磁盘空间，或用 --out 指定其他输出目录"}
	}
	o := &Writer{dir: abs, staging: staging, files: make(map[string]Record, len(prev)), prev: prev}
	if minified {
		o.min = newMinifier()
		o.minifyPages = minifyPages
	}
	return o, nil
}

// Record is what the build knows of a file it wrote: for the download
// list, datapackage.json and the incremental-build cache.
type Record struct {
	Key    string // inputs the file was made from; "" when not tracked
	Size   int
	SHA256 string // hex
}

// Put minifies and writes one output file. p is slash-separated and
// relative to the site root.
func (o *Writer) Put(p string, data []byte) error { return o.PutKeyed(p, "", data) }

// Reuse records a file as unchanged, without rendering it, when the
// previous build made it from the same inputs.
func (o *Writer) Reuse(p, key string) bool {
	if o.prev == nil || key == "" {
		return false
	}
	e, ok := o.prev[p]
	if !ok || e.Key != key {
		return false
	}
	o.mu.Lock()
	o.files[p] = Record{Key: key, Size: e.Size, SHA256: e.SHA256}
	o.unchanged++
	o.mu.Unlock()
	return true
}

// PutStream writes a file produced by write, straight to disk and
// hashed on the way, so the largest exports (all projects of a province)
// never sit in memory whole. Files it writes are not minified: only open
// data uses it.
func (o *Writer) PutStream(p, key string, write func(io.Writer) error) error {
	if err := checkPath(p); err != nil {
		return err
	}
	full := filepath.Join(o.staging, filepath.FromSlash(p))
	if err := o.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	f, err := os.Create(full)
	if err != nil {
		return err
	}
	h := sha256.New()
	cw := &countingWriter{w: io.MultiWriter(f, h)}
	// Most streamed files are a project's few kilobytes: a fresh 32 KB
	// buffer for each of a province's would keep the collector busy.
	bw := streamBuffers.Get().(*bufio.Writer)
	bw.Reset(cw)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	streamBuffers.Put(bw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(full)
		return fmt.Errorf("生成 %s 失败：%w", p, err)
	}
	fi := Record{Key: key, Size: int(cw.n), SHA256: hex.EncodeToString(h.Sum(nil))}
	same := o.sameAsBefore(p, fi)
	if same {
		os.Remove(full)
	}
	o.record(p, fi, same)
	return nil
}

var streamBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 32<<10) }}

// sameAsBefore reports whether the previous build left these very bytes
// at p, in which case the file is not written again.
func (o *Writer) sameAsBefore(p string, fi Record) bool {
	if o.prev == nil {
		return false
	}
	e, ok := o.prev[p]
	return ok && e.SHA256 == fi.SHA256 && e.Size == fi.Size
}

// record notes a finished file for the summary, the manifest and commit.
func (o *Writer) record(p string, fi Record, same bool) {
	o.mu.Lock()
	o.files[p] = fi
	if same {
		o.unchanged++
	} else if o.prev != nil {
		o.changed = append(o.changed, p)
	}
	o.mu.Unlock()
}

func checkPath(p string) error {
	if !fs.ValidPath(p) || strings.Contains(p, "\\") {
		return fmt.Errorf("输出路径不合法：%q", p)
	}
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// PutKeyed is put for a file made from inputs with the given key.
func (o *Writer) PutKeyed(p, key string, data []byte) error {
	if err := checkPath(p); err != nil {
		return err
	}
	if o.min != nil && (o.minifyPages || path.Ext(p) != ".html") {
		var err error
		if data, err = minifyFile(o.min, p, data); err != nil {
			return fmt.Errorf("压缩 %s 失败：%w", p, err)
		}
	}
	sum := sha256.Sum256(data)
	fi := Record{Key: key, Size: len(data), SHA256: hex.EncodeToString(sum[:])}
	same := o.sameAsBefore(p, fi)
	if !same {
		full := filepath.Join(o.staging, filepath.FromSlash(p))
		if err := o.mkdir(filepath.Dir(full)); err != nil {
			return err
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return err
		}
	}
	o.record(p, fi, same)
	return nil
}

// mkdir creates a folder once; most files share their folder with
// thousands of others, and MkdirAll would stat it every time.
func (o *Writer) mkdir(dir string) error {
	if _, ok := o.dirs.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	o.dirs.Store(dir, true)
	return nil
}

// Info returns the size and hash of a written file.
func (o *Writer) Info(p string) (Record, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	fi, ok := o.files[p]
	return fi, ok
}

// Paths returns every written path, sorted.
func (o *Writer) Paths() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	ps := make([]string, 0, len(o.files))
	for p := range o.files {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

func (o *Writer) Bytes() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	var n int64
	for _, fi := range o.files {
		n += int64(fi.Size)
	}
	return n
}

// Abort removes the staging folder; the previous output stays as it was.
func (o *Writer) Abort() {
	if o.staging != "" {
		os.RemoveAll(o.staging)
		o.staging = ""
	}
}

// written counts the files this build wrote (all of them for a cold
// build) and those left as they were.
func (o *Writer) Counts() (written, unchanged int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.files) - o.unchanged, o.unchanged
}

// WrittenPages counts the HTML pages this build wrote and the bytes of
// all files it wrote.
func (o *Writer) WrittenPages() (pages int, bytes int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.prev == nil {
		for p, fi := range o.files {
			if path.Ext(p) == ".html" {
				pages++
			}
			bytes += int64(fi.Size)
		}
		return pages, bytes
	}
	for _, p := range o.changed {
		if path.Ext(p) == ".html" {
			pages++
		}
		bytes += int64(o.files[p].Size)
	}
	return pages, bytes
}

// Records returns what is known of every file in the site, for the
// build cache's manifest.
func (o *Writer) Records() map[string]Record {
	o.mu.Lock()
	defer o.mu.Unlock()
	m := make(map[string]Record, len(o.files))
	for p, fi := range o.files {
		m[p] = fi
	}
	return m
}

// Commit makes the build visible. A cold build carries over files that
// other tools own and swaps the staging folder in for the output folder;
// an incremental build moves its few changed files in and removes files
// that are no longer made.
func (o *Writer) Commit(keep []string) error {
	if o.prev != nil {
		return o.commitIncremental()
	}
	for _, k := range keep {
		k = filepath.FromSlash(strings.TrimPrefix(k, "/"))
		if !fs.ValidPath(filepath.ToSlash(k)) {
			return &budget.Error{Msg: fmt.Sprintf("keep 中的路径“%s”不合法", k), Hint: "请填写相对于输出目录的路径，例如 .htaccess"}
		}
		src := filepath.Join(o.dir, k)
		b, err := os.ReadFile(src)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return err
		}
		dst := filepath.Join(o.staging, k)
		if _, err := os.Stat(dst); err == nil {
			return &budget.Error{File: src, Msg: "keep 中的文件与生成的文件同名", Hint: "请从 keep 中删除它，或改用其他文件名"}
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(o.staging, 0o755); err != nil {
		return err
	}
	if err := swapDirs(o.staging, o.dir); err != nil {
		return &budget.Error{File: o.dir, Msg: "无法用新生成的网站替换输出目录：" + err.Error(), Hint: "请检查输出目录的权限；原有网站未被改动"}
	}
	o.staging = ""
	return nil
}

// swapDirs replaces dst with src. Where the platform can exchange two
// paths atomically it does, so a web server never sees a missing folder.
func swapDirs(src, dst string) error {
	if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(src, dst)
	}
	if err := exchange(src, dst); err == nil {
		return os.RemoveAll(src) // src now holds the old site
	}
	old := src + ".old"
	if err := os.Rename(dst, old); err != nil {
		return err
	}
	if err := os.Rename(src, dst); err != nil {
		_ = os.Rename(old, dst)
		return err
	}
	return os.RemoveAll(old)
}

func (o *Writer) commitIncremental() error {
	sort.Strings(o.changed)
	for _, p := range o.changed {
		dst := filepath.Join(o.dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return &budget.Error{File: dst, Msg: "无法更新输出目录：" + err.Error(), Hint: "请检查输出目录的权限"}
		}
		if err := os.Rename(filepath.Join(o.staging, filepath.FromSlash(p)), dst); err != nil {
			return &budget.Error{File: dst, Msg: "无法更新输出目录：" + err.Error(), Hint: "请检查输出目录的权限"}
		}
	}
	var stale []string
	for p := range o.prev {
		if _, ok := o.files[p]; !ok {
			stale = append(stale, p)
		}
	}
	sort.Strings(stale)
	for _, p := range stale {
		full := filepath.Join(o.dir, filepath.FromSlash(p))
		if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		// Remove folders the build emptied (a deleted agency's slices).
		for dir := filepath.Dir(full); dir != o.dir && strings.HasPrefix(dir, o.dir); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break
			}
		}
	}
	os.RemoveAll(o.staging)
	o.staging = ""
	return nil
}

// Intact reports whether the output folder holds exactly the files a
// previous build recorded, with their recorded sizes, plus any files listed in
// keep. It does not read the files: it guards cheaply against files
// deleted, replaced or added behind the build's back, any of which makes
// the next build a cold one. (A file rewritten in place with the same
// size is not caught; nor was it ever: that would need reading
// everything.)
func Intact(outDir string, recorded map[string]Record, keep []string) bool {
	return IntactListed(outDir, ListRecords(recorded), keep)
}

// Listed is a recorded file's path and size, what Intact compares.
type Listed struct {
	Path string
	Size int
}

// ListRecords lists recorded files by path.
func ListRecords(recorded map[string]Record) []Listed {
	l := make([]Listed, 0, len(recorded))
	for p, r := range recorded {
		l = append(l, Listed{p, r.Size})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].Path < l[j].Path })
	return l
}

// IntactListed is Intact for a recording sorted by path (as the build
// cache keeps it), which spares building a map of every file.
func IntactListed(outDir string, recorded []Listed, keep []string) bool {
	kept := map[string]bool{}
	for _, k := range keep {
		kept[filepath.ToSlash(filepath.Clean(strings.TrimPrefix(k, "/")))] = true
	}
	files, err := fstree.List(outDir)
	if err != nil {
		return false
	}
	found := files[:0]
	for _, f := range files {
		if kept[f.Rel] {
			continue
		}
		if !f.Regular {
			return false
		}
		found = append(found, f)
	}
	if len(found) != len(recorded) {
		return false
	}
	sort.Slice(found, func(i, j int) bool { return found[i].Rel < found[j].Rel })
	for i, f := range found {
		if r := recorded[i]; f.Rel != r.Path || f.St.Size != int64(r.Size) {
			return false
		}
	}
	return true
}
