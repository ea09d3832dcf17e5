package content

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/internal/workers"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

// ParseMemo remembers parsed content files between runs, by path and
// SHA-256 of the bytes; the build cache offers one. A memo must return a
// project only for the very hash it was given.
type ParseMemo interface {
	// KnownHash returns the hash of a file whose stat shows it unchanged
	// since it was last hashed, so that it need not be read at all.
	KnownHash(path string) ([32]byte, bool)
	Get(path string, hash [32]byte) *budget.Project
	Put(path string, hash [32]byte, p *budget.Project)
}

// Load reads every project file and free page under a content folder:
// projects in <year>/<code>.md, free pages (说明, 名词解释) in pages/*.md.
// Files are parsed on every core; all errors are collected, and what did
// parse is returned with them so that `check` can still review it.
// memo, when not nil, saves parsing files that did not change.
func Load(fsys fs.FS, memo ParseMemo) (projects []*budget.Project, pages []*budget.Page, err error) {
	cache := memo
	var files []string
	walkErr := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if path.Ext(p) == ".md" && !strings.HasPrefix(d.Name(), ".") && !strings.EqualFold(d.Name(), "README.md") {
			files = append(files, p)
		}
		return nil
	})
	if walkErr != nil {
		return nil, nil, fmt.Errorf("读取内容目录失败：%w", walkErr)
	}
	// Parse on every core; results keep the walk's (sorted) order, so
	// errors are reported in the same order every time.
	type result struct {
		proj *budget.Project
		page *budget.Page
		err  error
	}
	results := make([]result, len(files))
	workers.Each(len(files), func(i int) {
		p := files[i]
		page := strings.HasPrefix(p, "pages/")
		// A file whose hash the stat cache vouched for and whose parse is
		// cached is not even read.
		if cache != nil && !page {
			if sum, ok := cache.KnownHash(p); ok {
				if proj := cache.Get(p, sum); proj != nil {
					results[i].proj = proj
					return
				}
			}
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			results[i].err = &budget.Error{File: p, Msg: "无法读取文件：" + err.Error()}
			return
		}
		if page {
			results[i].page, results[i].err = ParsePage(bytes.NewReader(b), p)
			return
		}
		// Hash what was read, not what the stat cache said: the file may
		// have changed since, and the parse must match its hash.
		var sum [32]byte
		if cache != nil {
			sum = sha256.Sum256(b)
			if proj := cache.Get(p, sum); proj != nil {
				results[i].proj = proj
				return
			}
		}
		proj, err := Parse(bytes.NewReader(b), p)
		if err == nil && cache != nil {
			cache.Put(p, sum, proj)
		}
		results[i].proj, results[i].err = proj, err
	})
	var errs budget.ErrorList
	for _, r := range results {
		switch {
		case r.err != nil:
			errs = appendErr(errs, r.err)
		case r.page != nil:
			pages = append(pages, r.page)
		case r.proj != nil:
			projects = append(projects, r.proj)
		}
	}
	budget.SortProjects(projects)
	sort.Slice(pages, func(i, j int) bool {
		if pages[i].Weight != pages[j].Weight {
			return pages[i].Weight < pages[j].Weight
		}
		return pages[i].Slug < pages[j].Slug
	})
	// The files that did parse are returned with the errors, so that
	// `check` can still review them.
	return projects, pages, errs.Err()
}

// LoadDir is Load for a folder on disk, with file names in messages
// and in Project.File joined to dir as the publisher typed it.
func LoadDir(dir string, memo ParseMemo) ([]*budget.Project, []*budget.Page, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, nil, &budget.Error{File: dir, Msg: "找不到内容目录", Hint: "请用 --content 指定内容目录，或先运行 budgetsite import"}
	}
	ps, pgs, err := Load(os.DirFS(dir), memo)
	prefix := func(name string) string { return path.Join(dir, name) }
	if list, ok := err.(budget.ErrorList); ok {
		for _, e := range list {
			if e.File != "" {
				e.File = prefix(e.File)
			}
		}
	}
	for _, p := range ps {
		p.File = prefix(p.File)
	}
	return ps, pgs, err
}

func appendErr(errs budget.ErrorList, err error) budget.ErrorList {
	switch e := err.(type) {
	case budget.ErrorList:
		return append(errs, e...)
	case *budget.Error:
		return append(errs, e)
	}
	return append(errs, &budget.Error{Msg: err.Error()})
}
