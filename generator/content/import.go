package content

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/grid"
	"budgetsite/generator/internal/atomicfile"
	"budgetsite/generator/internal/workers"
	"budgetsite/generator/layouts"
	"budgetsite/generator/tables"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
)

// ImportResult reports what an import wrote.
type ImportResult struct {
	Projects  int
	Written   []string // content files created or changed
	Unchanged []string
	Years     []int
	// Notes are what the publisher should know of tables read from
	// workbooks, CSV files and web pages: codes derived for tables that
	// print none, an agency used as both 主管部门 and 实施单位.
	Notes budget.ErrorList
}

// gridFile reports whether a file is read through package grid and
// recognised by package layouts rather than parsed as extracted text by
// package tables: workbooks, CSV files and web pages, and the files grid
// refuses with advice (.xls that is neither, .pdf, Word).
func gridFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".xlsx", ".xlsm", ".xls", ".html", ".htm", ".shtml", ".pdf", ".doc", ".docx", ".wps":
		return true
	}
	return false
}

// parseFile reads one input file: extracted text (.txt and any other
// extension) through package tables, exactly as before workbooks were
// supported, and everything gridFile names through grid and layouts.
func parseFile(name string, opt tables.ParseOptions) ([]budget.Project, budget.ErrorList, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, &budget.Error{File: name, Msg: "无法打开文件：" + err.Error(), Hint: "请检查文件路径"}
	}
	defer f.Close()
	if !gridFile(name) {
		ps, err := tables.ParseTables(f, name, opt)
		return ps, nil, err
	}
	grids, err := grid.Read(name, f)
	if err != nil {
		return nil, nil, err
	}
	return layouts.Projects(grids, layouts.Options{Year: opt.Year})
}

// at is where an imported project's table starts, for messages: the
// file and line, or for a workbook the file, sheet and cell.
func at(file string, s budget.Source) (string, int) {
	if s.Line > 0 {
		return file, s.Line
	}
	if i := strings.IndexByte(s.File, '!'); i >= 0 {
		return file + s.File[i:], 0
	}
	return file, 0
}

// ImportPlan is what an import would write: every project of the input
// files, parsed and checked exactly as Import does, with nothing written.
type ImportPlan struct {
	Projects []Planned // in input order
	Years    []int     // ascending
	// Notes are as in ImportResult.
	Notes budget.ErrorList
}

// Planned is one project an import would write.
type Planned struct {
	budget.Project
	// From is the input file the project was read from.
	From string
	// DerivedCode reports that the table printed no project code and the
	// code was made from the year, the 实施单位 and the name
	// (layouts.DerivedCode).
	DerivedCode bool
}

// Plan parses and checks input files as Import does and returns what
// Import would write, without touching any content folder: the dry run
// of an import. Its errors are Import's.
func Plan(files []string, opt tables.ParseOptions) (*ImportPlan, error) {
	var errs, notes budget.ErrorList
	// This site's own downloads first (readback.go).
	all, files, err := ownDownloads(files)
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		ps, n, err := parseFile(name, opt)
		if err != nil {
			errs = appendErr(errs, err)
			continue
		}
		notes = append(notes, n...)
		for _, p := range ps {
			derived := gridFile(name) && p.Code == layouts.DerivedCode(strconv.Itoa(p.Year), p.Unit.Name, p.Name)
			all = append(all, Planned{Project: p, From: name, DerivedCode: derived})
		}
	}
	seen := map[string]Planned{}
	for _, l := range all {
		key := strconv.Itoa(l.Year) + "/" + l.Code
		if prev, ok := seen[key]; ok {
			file, line := at(l.From, l.Source)
			pfile, pline := at(prev.From, prev.Source)
			if pline > 0 {
				pfile += ":" + strconv.Itoa(pline)
			}
			errs = append(errs, &budget.Error{File: file, Line: line,
				Msg:  fmt.Sprintf("项目编码 %s 重复：%s 已有同一编码的项目", l.Code, pfile),
				Hint: "同一年度的项目编码必须唯一；请检查是否重复导入了同一张表，或改正其中一个编码"})
			continue
		}
		seen[key] = l
	}
	if len(errs) > 0 {
		return nil, errs
	}
	plan := &ImportPlan{Projects: all, Notes: notes}
	years := map[int]bool{}
	for _, l := range all {
		if !years[l.Year] {
			years[l.Year] = true
			plan.Years = append(plan.Years, l.Year)
		}
	}
	sort.Ints(plan.Years)
	return plan, nil
}

// Import parses input files and writes one content file per project
// under contentDir/<year>/<code>.md: extracted text (.txt) through
// package tables, workbooks, CSV files and web pages through packages
// grid and layouts, chosen by the file's extension. Every input is parsed and
// checked (Plan) before anything is written, so bad input leaves content/ as it
// was. A project's hand-set pub_date survives re-import. progress, when
// not nil, is told of each content file written or found unchanged, from
// several goroutines.
func Import(files []string, contentDir string, opt tables.ParseOptions, progress func(done, total int)) (*ImportResult, error) {
	plan, err := Plan(files, opt)
	if err != nil {
		return nil, err
	}
	all, notes := plan.Projects, plan.Notes
	res := &ImportResult{Projects: len(all), Notes: notes}
	years := map[int]bool{}
	for _, l := range all {
		years[l.Year] = true
	}
	// A year new to the content folder is written into a staging folder
	// that is renamed into place when every file is written: the year
	// appears whole or not at all, without a rename per file. Years that
	// exist are updated file by file, each file atomically.
	staged := map[int]string{}
	defer func() {
		for _, dir := range staged {
			os.RemoveAll(dir) // only left on failure; renamed away on success
		}
	}()
	for y := range years {
		final := filepath.Join(contentDir, strconv.Itoa(y))
		if _, err := os.Stat(final); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.MkdirAll(contentDir, 0o755); err != nil {
			return nil, &budget.Error{File: contentDir, Msg: "无法创建内容目录：" + err.Error(), Hint: "请检查目录权限，或用 --content 指定其他目录"}
		}
		dir, err := os.MkdirTemp(contentDir, "."+strconv.Itoa(y)+".importing-")
		if err != nil {
			return nil, &budget.Error{File: contentDir, Msg: "无法在内容目录中创建临时目录：" + err.Error(), Hint: "请检查目录权限和磁盘空间"}
		}
		staged[y] = dir
	}
	// Marshal, compare and write on every core: files are independent.
	type outcome struct {
		path    string
		written bool
		err     error
	}
	results := make([]outcome, len(all))
	var done atomic.Int64
	workers.Each(len(all), func(i int) {
		p := all[i].Project
		path := filepath.Join(contentDir, strconv.Itoa(p.Year), p.Code+".md")
		results[i].path = path
		if dir, ok := staged[p.Year]; ok {
			data, err := Marshal(&p)
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, p.Code+".md"), data, 0o644)
			}
			if err != nil {
				results[i].err = &budget.Error{File: path, Msg: "无法写入内容文件：" + err.Error(), Hint: "请检查内容目录的权限和磁盘空间"}
				return
			}
			results[i].written = true
			if progress != nil {
				progress(int(done.Add(1)), len(all))
			}
			return
		}
		old, err := os.ReadFile(path)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			results[i].err = err
			return
		}
		if old != nil && p.PubDate == "" {
			// A date set by hand survives re-import: read it as any
			// content file is read. A file that no longer reads is
			// left for the publisher to fix rather than overwritten.
			prev, err := Parse(bytes.NewReader(old), path)
			if err != nil {
				results[i].err = err
				return
			}
			p.PubDate = prev.PubDate
		}
		data, err := Marshal(&p)
		if err != nil {
			results[i].err = err
			return
		}
		if !bytes.Equal(old, data) {
			if err := atomicfile.Write(path, data); err != nil {
				results[i].err = &budget.Error{File: path, Msg: "无法写入内容文件：" + err.Error(), Hint: "请检查内容目录的权限"}
				return
			}
			results[i].written = true
		}
		if progress != nil {
			progress(int(done.Add(1)), len(all))
		}
	})
	for _, r := range results {
		if r.err != nil {
			return res, r.err
		}
	}
	for y, dir := range staged {
		if err := os.Rename(dir, filepath.Join(contentDir, strconv.Itoa(y))); err != nil {
			return res, &budget.Error{File: filepath.Join(contentDir, strconv.Itoa(y)), Msg: "无法把导入的文件移入内容目录：" + err.Error(), Hint: "请检查目录权限"}
		}
		delete(staged, y)
	}
	for _, r := range results {
		if r.written {
			res.Written = append(res.Written, r.path)
		} else {
			res.Unchanged = append(res.Unchanged, r.path)
		}
	}
	for y := range years {
		res.Years = append(res.Years, y)
	}
	sort.Ints(res.Years)
	return res, nil
}
