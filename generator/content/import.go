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
	"io"
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

// parseFile reads one input file: workbooks, CSV files and web pages
// (everything gridFile names) through grid and layouts, extracted text
// (.txt and any other extension) through package tables, exactly as
// before workbooks were supported. A text file in which tables finds no
// table of Chongqing's is read again as a grid (tab- or pipe-separated,
// grid.ReadText) through layouts, which knows the 自评 layouts; its
// errors are reported only when tables found no table at all and layouts
// recognised a table; otherwise the errors are tables' as before.
func parseFile(name string, opt tables.ParseOptions) ([]budget.Project, []layouts.Evaluated, budget.ErrorList, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, nil, &budget.Error{File: name, Msg: "无法打开文件：" + err.Error(), Hint: "请检查文件路径"}
	}
	defer f.Close()
	if !gridFile(name) {
		ps, terr := tables.ParseTables(f, name, opt)
		if terr == nil {
			return ps, nil, nil, nil
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, nil, nil, terr
		}
		g, err := grid.ReadText(name, f)
		if err != nil {
			return nil, nil, nil, terr
		}
		ps, rs, notes, err := layouts.Read([]grid.Grid{g}, layouts.Options{Year: opt.Year})
		switch {
		case err == nil:
			return ps, rs, notes, nil
		case tables.NoTable(terr) && !layouts.Unrecognised(err):
			return nil, nil, nil, err
		}
		return nil, nil, nil, terr
	}
	grids, err := grid.Read(name, f)
	if err != nil {
		return nil, nil, nil, err
	}
	return layouts.Read(grids, layouts.Options{Year: opt.Year})
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
	Projects []Planned // in input order; projects a 自评 made or found in the content folder after
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
	// (cellvalue.DerivedCode).
	DerivedCode bool
	// SelfEval is the input file of the 自评 attached to the project in
	// this import ("" when none is); its Evaluation is then the 自评's.
	SelfEval string
	// Existing reports a project read from the content folder, where the
	// 自评's target table was imported before.
	Existing bool
	// ResultOnly reports a project made from its 自评 alone: no target
	// table names it, in this import or in the content folder.
	ResultOnly bool
	// Matched counts the 自评's results paired with a target indicator,
	// Unmatched its results that match none, Missing the target
	// indicators without a result.
	Matched, Unmatched, Missing int
}

// Plan parses and checks input files as Import does and returns what
// Import would write, without touching any content folder: a 自评 is
// attached only to a target of the same files. PlanInto is the dry run
// of an import into a content folder.
func Plan(files []string, opt tables.ParseOptions) (*ImportPlan, error) {
	return PlanInto(files, "", opt)
}

// PlanInto parses and checks input files as Import does and returns what
// Import would write into contentDir, without writing anything: the dry
// run of an import. Its errors are Import's. contentDir is read only to
// find the targets of 自评 tables (see attach).
func PlanInto(files []string, contentDir string, opt tables.ParseOptions) (*ImportPlan, error) {
	var results []evaluated
	var errs, notes budget.ErrorList
	// This site's own downloads first (readback.go).
	all, files, err := ownDownloads(files)
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		ps, rs, n, err := parseFile(name, opt)
		if err != nil {
			errs = appendErr(errs, err)
			continue
		}
		notes = append(notes, n...)
		for _, p := range ps {
			all = append(all, Planned{Project: p, From: name, DerivedCode: derivedCode(p)})
		}
		for _, r := range rs {
			results = append(results, evaluated{Evaluated: r, from: name})
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
	all, attachNotes, err := attach(all, results, contentDir)
	if err != nil {
		return nil, err
	}
	plan := &ImportPlan{Projects: all, Notes: append(notes, attachNotes...)}
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
// was. A project's hand-set pub_date survives re-import, and so does its
// evaluation when a target table is re-imported; a 自评 attaches to its
// target (see attach) and replaces an evaluation that differs only after
// copying the old file to <code>.md.bak, with a note (keepEvaluation). progress, when
// not nil, is told of each content file written or found unchanged, from
// several goroutines.
func Import(files []string, contentDir string, opt tables.ParseOptions, progress func(done, total int)) (*ImportResult, error) {
	plan, err := PlanInto(files, contentDir, opt)
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
		note    *budget.Error
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
		if old != nil {
			// A date set by hand survives re-import, and so does the
			// evaluation of a 自评 imported before: read them as any
			// content file is read. A file that no longer reads is
			// left for the publisher to fix rather than overwritten.
			prev, err := Parse(bytes.NewReader(old), path)
			if err != nil {
				results[i].err = err
				return
			}
			if p.PubDate == "" {
				p.PubDate = prev.PubDate
			}
			if p.Evaluation != nil {
				ev := *p.Evaluation // the plan's is shared; keepEvaluation may set its pub_date
				p.Evaluation = &ev
			}
			results[i].note, results[i].err = keepEvaluation(&all[i], &p, prev, path, old)
			if results[i].err != nil {
				return
			}
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
		if r.note != nil {
			res.Notes = append(res.Notes, r.note)
		}
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
