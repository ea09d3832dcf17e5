package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

// ImportResult reports what an import wrote.
type ImportResult struct {
	Projects  int
	Written   []string // content files created or changed
	Unchanged []string
	Years     []int
}

// ImportFiles parses extracted-text files and writes one content file per
// project under contentDir/<year>/<code>.md. Every input is parsed and
// checked before anything is written, so bad input leaves content/ as it
// was. A project's hand-set pub_date survives re-import.
func ImportFiles(files []string, contentDir string, opt ParseOptions) (*ImportResult, error) {
	type located struct {
		p    Project
		file string
	}
	var all []located
	var errs ErrorList
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			errs = append(errs, &Error{File: name, Msg: "无法打开文件：" + err.Error(), Hint: "请检查文件路径"})
			continue
		}
		ps, err := ParseTables(f, name, opt)
		f.Close()
		if err != nil {
			errs = appendErr(errs, err)
			continue
		}
		for _, p := range ps {
			all = append(all, located{p, name})
		}
	}
	seen := map[string]located{}
	for _, l := range all {
		key := strconv.Itoa(l.p.Year) + "/" + l.p.Code
		if prev, ok := seen[key]; ok {
			errs = append(errs, &Error{File: l.file, Line: l.p.Source.Line,
				Msg:  fmt.Sprintf("项目编码 %s 重复：%s:%d 已有同一编码的项目", l.p.Code, prev.file, prev.p.Source.Line),
				Hint: "同一年度的项目编码必须唯一；请检查是否重复导入了同一张表，或改正其中一个编码"})
			continue
		}
		seen[key] = l
	}
	if len(errs) > 0 {
		return nil, errs
	}

	res := &ImportResult{Projects: len(all)}
	years := map[int]bool{}
	type pending struct {
		path string
		data []byte
	}
	var writes []pending
	for _, l := range all {
		p := l.p
		path := filepath.Join(contentDir, strconv.Itoa(p.Year), p.Code+".md")
		if old, err := os.ReadFile(path); err == nil {
			if prev, err := ParseContent(bytes.NewReader(old), path); err == nil && p.PubDate == "" {
				p.PubDate = prev.PubDate
			}
		}
		data, err := MarshalContent(&p)
		if err != nil {
			return nil, err
		}
		writes = append(writes, pending{path, data})
		years[p.Year] = true
	}
	for _, w := range writes {
		old, err := os.ReadFile(w.path)
		if err == nil && bytes.Equal(old, w.data) {
			res.Unchanged = append(res.Unchanged, w.path)
			continue
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return res, err
		}
		if err := writeFileAtomic(w.path, w.data); err != nil {
			return res, &Error{File: w.path, Msg: "无法写入内容文件：" + err.Error(), Hint: "请检查内容目录的权限"}
		}
		res.Written = append(res.Written, w.path)
	}
	for y := range years {
		res.Years = append(res.Years, y)
	}
	sort.Ints(res.Years)
	return res, nil
}

// writeFileAtomic writes through a temporary file and a rename, so a
// content file is never left half-written.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
