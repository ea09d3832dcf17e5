package fstree

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// listTree lists every file under root that is not a folder, with what
// stat says of it (symbolic links not followed), in no particular order.
//
// At tens of thousands of files this is most of what a no-op build
// costs, so it avoids what a plain walk wastes: names are read in chunks
// and each chunk is stat'ed relative to the open folder (no full path to
// resolve again) while the next chunk is being read, on every core.
func List(root string) ([]File, error) {
	l := &lister{sem: make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))}
	l.wg.Add(1)
	go l.dir(root, "")
	l.wg.Wait()
	if l.err != nil {
		return nil, l.err
	}
	return l.out, nil
}

// listChunk is how many names one task stats: enough to make a task's
// overhead negligible, few enough to share a large folder between cores.
const listChunk = 256

type lister struct {
	sem    chan struct{} // a slot per core, held while making system calls
	wg     sync.WaitGroup
	failed atomic.Bool
	mu     sync.Mutex
	out    []File
	err    error
}

// openDir is a folder being listed; it is closed when its last chunk has
// been stat'ed.
type openDir struct {
	f        *os.File
	fd       int
	abs, rel string
	refs     atomic.Int32
}

func (d *openDir) release() {
	if d.refs.Add(-1) == 0 {
		d.f.Close()
	}
}

func (l *lister) fail(err error) {
	l.mu.Lock()
	if l.err == nil {
		l.err = err
	}
	l.mu.Unlock()
	l.failed.Store(true)
}

func (l *lister) dir(abs, rel string) {
	defer l.wg.Done()
	l.sem <- struct{}{}
	defer func() { <-l.sem }()
	if l.failed.Load() {
		return
	}
	f, err := os.Open(abs)
	if err != nil {
		l.fail(err)
		return
	}
	d := &openDir{f: f, fd: int(f.Fd()), abs: abs, rel: rel}
	d.refs.Store(1)
	defer d.release()
	for !l.failed.Load() {
		names, err := f.Readdirnames(listChunk)
		if len(names) > 0 {
			d.refs.Add(1)
			l.wg.Add(1)
			go l.stat(d, names)
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			l.fail(err)
			return
		}
	}
}

func (l *lister) stat(d *openDir, names []string) {
	defer l.wg.Done()
	defer d.release()
	l.sem <- struct{}{}
	defer func() { <-l.sem }()
	if l.failed.Load() {
		return
	}
	files := make([]File, 0, len(names))
	var st unix.Stat_t
	for _, name := range names {
		var err error
		for {
			if err = unix.Fstatat(d.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != unix.EINTR {
				break
			}
		}
		if err != nil {
			l.fail(&os.PathError{Op: "lstat", Path: filepath.Join(d.abs, name), Err: err})
			return
		}
		rel := name
		if d.rel != "" {
			rel = d.rel + "/" + name
		}
		switch st.Mode & unix.S_IFMT {
		case unix.S_IFDIR:
			l.wg.Add(1)
			go l.dir(filepath.Join(d.abs, name), rel)
		default:
			files = append(files, File{Rel: rel, Regular: st.Mode&unix.S_IFMT == unix.S_IFREG, St: fileStatOf(&st)})
		}
	}
	l.mu.Lock()
	l.out = append(l.out, files...)
	l.mu.Unlock()
}

// StatPath stats a file, following symbolic links.
func StatPath(p string) (FileStat, bool, error) {
	var st unix.Stat_t
	for {
		err := unix.Stat(p, &st)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return FileStat{}, false, &os.PathError{Op: "stat", Path: p, Err: err}
		}
		return fileStatOf(&st), st.Mode&unix.S_IFMT == unix.S_IFREG, nil
	}
}

func fileStatOf(st *unix.Stat_t) FileStat {
	return FileStat{Size: st.Size, Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano(), Ino: st.Ino, Dev: uint64(st.Dev)}
}
