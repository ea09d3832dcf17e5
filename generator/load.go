package generator

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

// LoadContent reads every project file and free page under a content
// folder. On error it still returns what parsed. Project files live in content/<year>/<code>.md; free pages
// (说明, 名词解释) in content/pages/*.md. All errors are collected.
func LoadContent(fsys fs.FS) (projects []*Project, pages []*Page, err error) {
	return loadContent(fsys, nil)
}

func loadContent(fsys fs.FS, cache *parseCache) (projects []*Project, pages []*Page, err error) {
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
		proj *Project
		page *Page
		err  error
	}
	results := make([]result, len(files))
	parallel(len(files), func(i int) {
		p := files[i]
		page := strings.HasPrefix(p, "pages/")
		// A file whose hash the stat cache vouched for and whose parse is
		// cached is not even read.
		if sum, ok := cache.knownHash(p); ok && !page {
			if proj := cache.get(p, sum); proj != nil {
				results[i].proj = proj
				return
			}
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			results[i].err = &Error{File: p, Msg: "无法读取文件：" + err.Error()}
			return
		}
		if page {
			results[i].page, results[i].err = ParsePage(bytes.NewReader(b), p)
			return
		}
		// Hash what was read, not what the stat cache said: the file may
		// have changed since, and the parse must match its hash.
		sum := sha256.Sum256(b)
		if proj := cache.get(p, sum); proj != nil {
			results[i].proj = proj
			return
		}
		proj, err := ParseContent(bytes.NewReader(b), p)
		if err == nil {
			proj.srcHash = sum
			cache.put(p, sum, proj)
		}
		results[i].proj, results[i].err = proj, err
	})
	var errs ErrorList
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
	sortProjects(projects)
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

// LoadContentDir is LoadContent for a folder on disk, with file names in
// messages relative to the working directory as the publisher typed them.
func LoadContentDir(dir string) ([]*Project, []*Page, error) {
	return loadContentDir(dir, nil)
}

func loadContentDir(dir string, cache *parseCache) ([]*Project, []*Page, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, nil, &Error{File: dir, Msg: "找不到内容目录", Hint: "请用 --content 指定内容目录，或先运行 budgetsite import"}
	}
	ps, pgs, err := loadContent(os.DirFS(dir), cache)
	prefix := func(name string) string { return path.Join(dir, name) }
	if list, ok := err.(ErrorList); ok {
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

func appendErr(errs ErrorList, err error) ErrorList {
	switch e := err.(type) {
	case ErrorList:
		return append(errs, e...)
	case *Error:
		return append(errs, e)
	}
	return append(errs, &Error{Msg: err.Error()})
}

// sortProjects fixes the one order every listing and export uses: newest
// year first, then by department, unit and project code.
func sortProjects(ps []*Project) {
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Year != b.Year {
			return a.Year > b.Year
		}
		if a.Department.Code != b.Department.Code {
			return a.Department.Code < b.Department.Code
		}
		if a.Unit.Code != b.Unit.Code {
			return a.Unit.Code < b.Unit.Code
		}
		return a.Code < b.Code
	})
}
