package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
)

// output is the write stage. Files go into a staging folder beside the
// output folder; commit swaps it in only when the whole build succeeded,
// so a failed or interrupted build leaves the previous site untouched.
type output struct {
	dir     string // final output folder
	staging string
	min     *minify.M // nil: write as rendered
	mu      sync.Mutex
	files   map[string]fileInfo
	dirs    sync.Map // folders already created

	minifyPages bool
}

// minified enables minifying CSS, JS and SVG; minifyPages also runs the
// HTML minifier on every rendered page (the slower alternative to
// minifying templates once, kept for measurement).
func newOutput(dir string, minified, minifyPages bool) (*output, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, &Error{File: parent, Msg: "无法创建输出目录的上级目录：" + err.Error(), Hint: "请检查目录权限，或用 --out 指定其他输出目录"}
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".building-")
	if err != nil {
		return nil, &Error{File: parent, Msg: "无法在输出目录旁创建临时目录：" + err.Error(), Hint: "请检查目录权限和磁盘空间，或用 --out 指定其他输出目录"}
	}
	o := &output{dir: abs, staging: staging, files: map[string]fileInfo{}}
	if minified {
		o.min = newMinifier()
		o.minifyPages = minifyPages
	}
	return o, nil
}

// fileInfo is what the build knows of a file it wrote: for the download
// list, datapackage.json and the incremental-build cache.
type fileInfo struct {
	size   int
	sha256 string
}

// afterPut is a test hook, called after each file is written; tests use
// it to interrupt a build half-way.
var afterPut func(path string)

// put minifies and writes one output file. p is slash-separated and
// relative to the site root.
func (o *output) put(p string, data []byte) error {
	if !fs.ValidPath(p) || strings.Contains(p, "\\") {
		return fmt.Errorf("输出路径不合法：%q", p)
	}
	if o.min != nil && (o.minifyPages || path.Ext(p) != ".html") {
		var err error
		if data, err = minifyFile(o.min, p, data); err != nil {
			return fmt.Errorf("压缩 %s 失败：%w", p, err)
		}
	}
	full := filepath.Join(o.staging, filepath.FromSlash(p))
	if err := o.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return err
	}
	if afterPut != nil {
		afterPut(p)
	}
	sum := sha256.Sum256(data)
	o.mu.Lock()
	o.files[p] = fileInfo{size: len(data), sha256: hex.EncodeToString(sum[:])}
	o.mu.Unlock()
	return nil
}

// mkdir creates a folder once; most files share their folder with
// thousands of others, and MkdirAll would stat it every time.
func (o *output) mkdir(dir string) error {
	if _, ok := o.dirs.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	o.dirs.Store(dir, true)
	return nil
}

// info returns the size and hash of a written file.
func (o *output) info(p string) (fileInfo, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	fi, ok := o.files[p]
	return fi, ok
}

// paths returns every written path, sorted.
func (o *output) paths() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	ps := make([]string, 0, len(o.files))
	for p := range o.files {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

func (o *output) bytes() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	var n int64
	for _, fi := range o.files {
		n += int64(fi.size)
	}
	return n
}

// abort removes the staging folder; the previous output stays as it was.
func (o *output) abort() {
	if o.staging != "" {
		os.RemoveAll(o.staging)
		o.staging = ""
	}
}

// commit carries over files that other tools own, then swaps the staging
// folder in for the output folder.
func (o *output) commit(keep []string) error {
	for _, k := range keep {
		k = filepath.FromSlash(strings.TrimPrefix(k, "/"))
		if !fs.ValidPath(filepath.ToSlash(k)) {
			return &Error{Msg: fmt.Sprintf("keep 中的路径“%s”不合法", k), Hint: "请填写相对于输出目录的路径，例如 .htaccess"}
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
			return &Error{File: src, Msg: "keep 中的文件与生成的文件同名", Hint: "请从 keep 中删除它，或改用其他文件名"}
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
		return &Error{File: o.dir, Msg: "无法用新生成的网站替换输出目录：" + err.Error(), Hint: "请检查输出目录的权限；原有网站未被改动"}
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
