package opendata

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"budgetsite/generator/budget"
	"budgetsite/generator/grid"
)

// Reading our own downloads back: `budgetsite import` given projects.csv
// and indicators.csv (and results.csv when projects have a 自评), a
// folder holding them, or budget.xlsx recreates the content files the
// site was built from, byte for byte.
//
// The files are recognised by their header rows, which must be exactly
// the field table's (ProjectColumns, IndicatorColumns, ResultColumns;
// the workbook's sheets 项目, 指标 and 自评), and read back through the
// same table: each column's set function is the inverse of its value
// function. Computed columns (指标数, 权重合计, 页面, 序号, 完成情况) are
// not read; 指标数 and 自评指标数 are checked against the rows found.
//
// What does not come back: the downloads are the published model, so
// text the privacy rules redacted stays redacted; and 项目概况 is plain
// text, read back as the importers write a body (markdown.Escape), so a
// body imported from a table returns as it was while Markdown formatting
// written by hand (paragraph breaks, emphasis, lists) does not.

// ReadBackProject is one project read back from our own downloads.
type ReadBackProject struct {
	budget.Project
	From string // the projects.csv or budget.xlsx it was read from
}

// table kinds, as the CSV pieces.
var readTables = []int{pieceProjectCSV, pieceIndicatorCSV, pieceResultCSV}

// ownTable is one table of our own downloads: its kind and its rows
// below the header, each cell as text.
type ownTable struct {
	kind int
	file string // the file it came from, for From
	rows [][]string
	pos  [][]string // each cell's position for messages: file:line or file!sheet!cell
}

// ReadBack takes the import inputs that are our own downloads (by their
// header rows; a folder when it holds projects.csv and indicators.csv)
// and returns the projects they hold, with the other inputs in rest, in
// their order. It reads every file before it returns: with an error,
// nothing has been written.
func ReadBack(names []string) (own []ReadBackProject, rest []string, err error) {
	var tables []ownTable
	var errs budget.ErrorList
	for _, name := range names {
		files := []string{name}
		if fi, err := os.Stat(name); err == nil && fi.IsDir() {
			files = nil
			for _, base := range []string{"projects.csv", "indicators.csv", "results.csv"} {
				if _, err := os.Stat(filepath.Join(name, base)); err == nil {
					files = append(files, filepath.Join(name, base))
				}
			}
			if len(files) < 2 {
				rest = append(rest, name)
				continue
			}
		}
		for _, f := range files {
			ts, err := readOwnFile(f)
			if err != nil {
				errs = append(errs, asErrors(err)...)
				continue
			}
			if ts == nil {
				rest = append(rest, f)
				continue
			}
			tables = append(tables, ts...)
		}
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	if len(tables) == 0 {
		return nil, rest, nil
	}
	own, err = assemble(tables)
	return own, rest, err
}

func asErrors(err error) budget.ErrorList {
	switch e := err.(type) {
	case budget.ErrorList:
		return e
	case *budget.Error:
		return budget.ErrorList{e}
	}
	return budget.ErrorList{{Msg: err.Error()}}
}

// readOwnFile returns the tables of one of our own CSV files or
// workbooks, or nil for any other file (and for a file that cannot be
// read here: the importers then report it as they always did).
func readOwnFile(name string) ([]ownTable, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".csv" && ext != ".xlsx" {
		return nil, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, nil
	}
	if ext == ".csv" && !looksLikeOwnCSV(b) || ext == ".xlsx" && !looksLikeOwnXLSX(b) {
		return nil, nil
	}
	grids, err := grid.Read(name, bytes.NewReader(b))
	if err != nil {
		return nil, nil
	}
	return ownTables(name, ext, grids)
}

// looksLikeOwnCSV is a cheap test of the first line, so that other CSV
// files are not read twice.
func looksLikeOwnCSV(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte(CSVBOM))
	line, _, _ := bytes.Cut(b, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	for _, k := range readTables {
		if string(line) == strings.TrimSuffix(strings.TrimPrefix(string(csvHeader(csvColumns[k])), CSVBOM), "\r\n") {
			return true
		}
	}
	return false
}

// looksLikeOwnXLSX is a cheap test of a workbook's sheet names, read
// from xl/workbook.xml alone, so that other workbooks (a province's flat
// list of 10,000 projects) are not read twice: ours has exactly the
// sheets of budget.xlsx, in order.
func looksLikeOwnXLSX(b []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false
	}
	f, err := zr.Open("xl/workbook.xml")
	if err != nil {
		return false
	}
	defer f.Close()
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	if xml.NewDecoder(io.LimitReader(f, 1<<20)).Decode(&wb) != nil || len(wb.Sheets) != len(sheets) {
		return false
	}
	for i, sh := range wb.Sheets {
		if sh.Name != sheets[i].name {
			return false
		}
	}
	return true
}

// ownTables recognises our tables among a file's grids: a CSV file's
// one grid, or the three sheets of budget.xlsx, all with exactly our
// headers.
func ownTables(name, ext string, grids []grid.Grid) ([]ownTable, error) {
	if ext == ".csv" {
		if len(grids) != 1 {
			return nil, nil
		}
		for _, k := range readTables {
			if t, ok := ownTable1(name, k, grids[0]); ok {
				return []ownTable{t}, nil
			}
		}
		return nil, nil
	}
	if len(grids) != GroupKinds {
		return nil, nil
	}
	var ts []ownTable
	for si, g := range grids {
		if g.Name != name+"!"+sheets[si].name {
			return nil, nil
		}
		t, ok := ownTable1(name, sheetTable[si], g)
		if !ok {
			return nil, nil
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// ownTable1 reads a grid whose first row is exactly the header of the
// table of kind k; ok is false for any other grid.
func ownTable1(name string, k int, g grid.Grid) (ownTable, bool) {
	cols := csvColumns[k]
	if len(g.Rows) == 0 || g.Width() != len(cols) {
		return ownTable{}, false
	}
	for i, f := range cols {
		if g.Rows[0][i].Raw != f.Header {
			return ownTable{}, false
		}
	}
	t := ownTable{kind: k, file: name}
	for _, row := range g.Rows[1:] {
		cells, pos := make([]string, len(row)), make([]string, len(row))
		blank := true
		for i, c := range row {
			cells[i] = c.Raw
			if c.Kind == grid.Number {
				// Shown under the format the workbook was written with,
				// which has the places the amount was written with.
				cells[i] = c.Display
			}
			pos[i] = c.Pos.String()
			blank = blank && cells[i] == ""
		}
		if !blank {
			t.rows = append(t.rows, cells)
			t.pos = append(t.pos, pos)
		}
	}
	return t, true
}

// assemble joins the tables into projects: indicator and result rows
// go to the project with their year and code, in file order.
func assemble(tables []ownTable) ([]ReadBackProject, error) {
	var errs budget.ErrorList
	bad := func(pos, msg, hint string) {
		errs = append(errs, &budget.Error{File: pos, Msg: msg, Hint: hint})
	}
	col := func(k int, f *Field) int {
		for i, c := range csvColumns[k] {
			if c == f {
				return i
			}
		}
		panic("opendata: no column " + f.Header)
	}
	type expect struct{ indicators, results int }
	var out []ReadBackProject
	index := map[string]int{}
	counts := map[string]expect{}
	have := map[int]bool{}
	key := func(p *budget.Project) string { return strconv.Itoa(p.Year) + "/" + p.Code }
	// set reads a row into r through the field table.
	set := func(t ownTable, i int, r tableRow, skip func(*Field) bool) bool {
		ok := true
		for c, f := range csvColumns[t.kind] {
			if f.set == nil || skip != nil && skip(f) {
				continue
			}
			if err := f.set(r, t.rows[i][c]); err != nil {
				bad(t.pos[i][c], fmt.Sprintf("“%s”列的内容无法读回：%v", f.Header, err), "这是本网站下载的数据文件，请不要改动它的格式；改正这一格，或重新下载")
				ok = false
			}
		}
		return ok
	}
	isEval := map[*Field]bool{}
	for _, f := range evaluationColumns {
		isEval[f] = true
	}
	for _, t := range tables {
		have[t.kind] = true
		if t.kind != pieceProjectCSV {
			continue
		}
		cCount, cResults := col(t.kind, colCount), col(t.kind, colResultCount)
		for i, row := range t.rows {
			p := &budget.Project{}
			var want expect
			n, err := strconv.Atoi(row[cCount])
			if err != nil || n < 0 {
				bad(t.pos[i][cCount], "指标数“"+row[cCount]+"”不是整数", "请改正这一格，或重新下载数据文件")
			}
			want.indicators = n
			want.results = -1
			if s := row[cResults]; s != "" {
				if want.results, err = strconv.Atoi(s); err != nil || want.results < 0 {
					bad(t.pos[i][cResults], "自评指标数“"+s+"”不是整数", "请改正这一格，或重新下载数据文件")
				}
				p.Evaluation = &budget.Evaluation{}
			}
			noEval := func(f *Field) bool { return isEval[f] && p.Evaluation == nil }
			if !set(t, i, tableRow{p: p, idx: -1}, noEval) {
				continue
			}
			if p.Evaluation == nil {
				for c, f := range csvColumns[t.kind] {
					if isEval[f] && row[c] != "" {
						bad(t.pos[i][c], "项目没有自评（自评指标数为空），“"+f.Header+"”却有内容", "请填写自评指标数，或清空这一格")
					}
				}
			}
			if !budget.ValidCode(p.Code) || p.Year <= 0 {
				bad(t.pos[i][col(t.kind, colCode)], "项目编码“"+p.Code+"”或年度无效", "项目编码只能由字母和数字组成，年度为四位数字")
				continue
			}
			if _, dup := index[key(p)]; dup {
				bad(t.pos[i][col(t.kind, colCode)], fmt.Sprintf("%d 年的项目编码 %s 出现了两次", p.Year, p.Code), "同一项目只能导入一次；请只给出一份 projects.csv")
				continue
			}
			index[key(p)] = len(out)
			counts[key(p)] = want
			out = append(out, ReadBackProject{Project: *p, From: t.file})
		}
	}
	if !have[pieceProjectCSV] {
		bad(tables[0].file, "只有指标表，缺少项目表（projects.csv）", "请同时给出同一次下载的 projects.csv 和 indicators.csv，或它们所在的文件夹")
		return nil, errs
	}
	if !have[pieceIndicatorCSV] {
		bad(tables[0].file, "只有项目表，缺少指标表（indicators.csv）", "请同时给出同一次下载的 projects.csv 和 indicators.csv，或它们所在的文件夹")
		return nil, errs
	}
	for _, t := range tables {
		if t.kind == pieceProjectCSV {
			continue
		}
		for i := range t.rows {
			p := &budget.Project{Indicators: make([]budget.Indicator, 1)}
			if t.kind == pieceResultCSV {
				p = &budget.Project{Evaluation: &budget.Evaluation{Indicators: make([]budget.Result, 1)}}
			}
			if !set(t, i, tableRow{p: p}, nil) {
				continue
			}
			j, ok := index[key(p)]
			if !ok {
				bad(t.pos[i][0], fmt.Sprintf("项目表中没有 %d 年编码为 %s 的项目", p.Year, p.Code), "请给出同一次下载的项目表和指标表")
				continue
			}
			q := &out[j].Project
			switch {
			case t.kind == pieceIndicatorCSV:
				q.Indicators = append(q.Indicators, p.Indicators[0])
			case q.Evaluation == nil:
				bad(t.pos[i][0], fmt.Sprintf("项目表中 %d 年的项目 %s 没有自评（自评指标数为空），自评结果表却有它的指标", p.Year, p.Code), "请给出同一次下载的项目表和自评结果表")
			default:
				q.Evaluation.Indicators = append(q.Evaluation.Indicators, p.Evaluation.Indicators[0])
			}
		}
	}
	for i := range out {
		p := &out[i].Project
		want := counts[key(p)]
		if len(p.Indicators) != want.indicators {
			bad(out[i].From, fmt.Sprintf("%d 年的项目 %s 的指标数为 %d，指标表中却有 %d 行", p.Year, p.Code, want.indicators, len(p.Indicators)), "请给出同一次下载的项目表和指标表")
		}
		if p.Evaluation != nil && len(p.Evaluation.Indicators) != want.results {
			hint := "请给出同一次下载的项目表和自评结果表"
			if !have[pieceResultCSV] {
				hint = "项目有自评指标，请同时给出同一次下载的 results.csv"
			}
			bad(out[i].From, fmt.Sprintf("%d 年的项目 %s 的自评指标数为 %d，自评结果表中却有 %d 行", p.Year, p.Code, want.results, len(p.Evaluation.Indicators)), hint)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}
