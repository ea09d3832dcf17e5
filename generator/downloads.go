package generator

import (
	"fmt"
	"sync"

	"budgetsite/generator/internal/workers"
	"budgetsite/generator/opendata"
	"budgetsite/generator/output"
	"budgetsite/generator/site"
)

// downloadWriter writes the planned downloads on every core, each unless
// the previous build made it from the same inputs, and records each
// file's size and hash for the 数据下载 page. The workbook is written in
// the background while pages render; only datapackage.json and the
// 数据下载 page wait for it.
type downloadWriter struct {
	site     *site.Site
	out      *output.Writer
	keys     *keyer
	files    []opendata.File
	lateDone chan error
	mu       sync.Mutex // guards files' entries written by running tasks
}

// startDownloads writes every download but the workbook, which it starts
// in the background, and datapackage.json, which describes them all.
func startDownloads(s *site.Site, out *output.Writer, pieces opendata.Pieces, keys *keyer) (*downloadWriter, error) {
	w := &downloadWriter{site: s, out: out, keys: keys, files: opendata.Files(s, pieces), lateDone: make(chan error, 1)}
	var now, late []int
	for i, f := range w.files {
		if f.Late {
			late = append(late, i)
		} else {
			now = append(now, i)
		}
	}
	go func() {
		var err error
		for _, i := range late {
			if e := w.write(i); e != nil && err == nil {
				err = e
			}
		}
		w.lateDone <- err
	}()
	if err := w.run(now); err != nil {
		<-w.lateDone
		return nil, err
	}
	return w, nil
}

// write writes file i and records its size and hash as written.
func (w *downloadWriter) write(i int) error {
	f := w.files[i]
	key := w.keys.key(f.Inputs)
	if !w.out.Reuse(f.Path, key) {
		if err := w.out.PutStream(f.Path, key, f.Write); err != nil {
			return err
		}
	}
	info, ok := w.out.Info(f.Path)
	if !ok {
		return fmt.Errorf("%s 没有生成", f.Path)
	}
	w.mu.Lock()
	w.files[i].Bytes, w.files[i].SHA256 = info.Size, info.SHA256
	w.mu.Unlock()
	return nil
}

// run writes the files with the given indexes on every core.
func (w *downloadWriter) run(idx []int) error {
	errs := make([]error, len(idx))
	workers.Each(len(idx), func(k int) { errs[k] = w.write(idx[k]) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ready returns the downloads as known so far; the workbook's size is
// still missing. Pages other than 数据下载 only show their own files. It
// is a copy: the workbook's task fills in its entry while pages render.
func (w *downloadWriter) ready() []opendata.Download {
	w.mu.Lock()
	defer w.mu.Unlock()
	list := make([]opendata.Download, len(w.files))
	for i, f := range w.files {
		list[i] = f.Download
	}
	return list
}

// finish waits for the workbook, writes datapackage.json and returns the
// complete list, the descriptor with the other site-level files.
func (w *downloadWriter) finish() ([]opendata.Download, error) {
	if err := <-w.lateDone; err != nil {
		return nil, err
	}
	list := w.ready()
	dp, err := opendata.DataPackage(w.site, list)
	if err != nil {
		return nil, err
	}
	w.files = append(w.files, dp)
	if err := w.run([]int{len(w.files) - 1}); err != nil {
		return nil, err
	}
	// The descriptor goes after the other site-level files.
	n := 0
	for n < len(list) && list[n].Level == opendata.LevelSite {
		n++
	}
	out := make([]opendata.Download, 0, len(list)+1)
	out = append(out, list[:n]...)
	out = append(out, w.files[len(w.files)-1].Download)
	return append(out, list[n:]...), nil
}
