package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"budgetsite/generator/budget"
	"budgetsite/generator/layouts"
	"budgetsite/generator/layouts/cellvalue"
)

// evaluated is a 自评 read from an input file.
type evaluated struct {
	layouts.Evaluated
	from string
}

// derivedCode reports whether a project's code is the one layouts made
// for a table that prints none.
func derivedCode(p budget.Project) bool {
	return p.Code == cellvalue.DerivedCode(strconv.Itoa(p.Year), p.Unit.Name, p.Name)
}

// nameKey is how a project is found by name when codes do not match:
// the year, the 实施单位's name and the project's, without spaces.
func nameKey(year int, unit, name string) string {
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return strconv.Itoa(year) + "\x00" + strip(unit) + "\x00" + strip(name)
}

// attach attaches every 自评 to the same year's target: by project code,
// else (no code printed, or one that matches nothing) by 实施单位 and
// project name; first among the targets of this import, then in
// contentDir (<year>/<code>.md, else any file of the year with that
// unit and name). A 自评 with no target makes its project alone. Every
// result that matches no target indicator, and every target indicator
// without a result, is a note; nothing is paired silently, and the
// unmatched results are kept with their own levels. Two 自评 tables of
// one project are an error.
func attach(all []Planned, results []evaluated, contentDir string) ([]Planned, budget.ErrorList, error) {
	if len(results) == 0 {
		return all, nil, nil
	}
	var notes, errs budget.ErrorList
	byCode, byName := map[string]int{}, map[string]int{}
	index := func(i int) {
		p := all[i]
		byCode[strconv.Itoa(p.Year)+"/"+p.Code] = i
		if k := nameKey(p.Year, p.Unit.Name, p.Name); byName[k] == 0 {
			byName[k] = i + 1
		}
	}
	for i := range all {
		index(i)
	}
	existing := &contentIndex{dir: contentDir}
	for _, r := range results {
		p := r.Project
		i, ok := byCode[strconv.Itoa(p.Year)+"/"+p.Code]
		if !ok {
			if j := byName[nameKey(p.Year, p.Unit.Name, p.Name)]; j > 0 {
				i, ok = j-1, true
			}
		}
		if !ok {
			prev, file, err := existing.find(p)
			if err != nil {
				errs = appendErr(errs, err)
				continue
			}
			if prev != nil {
				prev.File = file
				all = append(all, Planned{Project: *prev, From: file, Existing: true})
				i, ok = len(all)-1, true
				index(i)
			}
		}
		if !ok {
			only := p
			only.Evaluation = nil
			all = append(all, Planned{Project: only, From: r.from, DerivedCode: derivedCode(p), ResultOnly: true})
			i = len(all) - 1
			index(i)
			file, line := at(r.from, p.Source)
			notes = append(notes, &budget.Error{File: file, Line: line,
				Msg:  fmt.Sprintf("自评表中的项目“%s”（%d 年，%s）没有对应的绩效目标表，已按自评表建立项目", p.Name, p.Year, p.Code),
				Hint: "它的绩效指标取自自评表的年度指标值，没有权重；如有绩效目标表，请一并导入（或先导入目标表），自评表会附在目标表的项目上"})
		}
		t := &all[i]
		if t.Code != p.Code {
			file, line := at(r.from, p.Source)
			notes = append(notes, &budget.Error{File: file, Line: line,
				Msg:  fmt.Sprintf("自评表中的项目“%s”按实施单位和项目名称附在项目 %s 上（自评表中的编码为 %s）", p.Name, t.Code, p.Code),
				Hint: "如果不是同一个项目，请在自评表中写明正确的项目编码（项目名称写成“编码-项目名称”）后重新导入"})
		}
		if t.SelfEval != "" {
			file, line := at(r.from, p.Source)
			errs = append(errs, &budget.Error{File: file, Line: line,
				Msg:  fmt.Sprintf("项目“%s”（%d 年，%s）有两张自评表：另一张在 %s", t.Name, t.Year, t.Code, t.SelfEval),
				Hint: "每个项目每年只能有一张自评表；请删除重复的一张后重新导入"})
			continue
		}
		ev := *p.Evaluation
		t.Evaluation = &ev
		t.SelfEval = r.from
		notes = append(notes, pairNotes(t, r)...)
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return all, notes, nil
}

// pairNotes pairs a project's indicators with the results of its 自评
// and reports, as notes, each result without a target indicator and
// each target indicator without a result; it counts them on t.
func pairNotes(t *Planned, r evaluated) budget.ErrorList {
	var notes budget.ErrorList
	pairs, unmatched := t.Pairs()
	t.Matched, t.Unmatched, t.Missing = 0, len(unmatched), 0
	for _, pr := range pairs {
		if pr.Result != nil {
			t.Matched++
			continue
		}
		t.Missing++
		in := pr.Indicator
		file, line := t.From, in.Line
		if !t.Existing {
			file, line = at(t.From, t.Source)
			if in.Line > 0 {
				line = in.Line
			}
		}
		notes = append(notes, &budget.Error{File: file, Line: line,
			Msg:  fmt.Sprintf("项目“%s”的绩效指标“%s”在自评表 %s 中没有对应的结果", t.Name, levels(in.Level1, in.Level2, in.Level3), r.from),
			Hint: "请核对自评表是否漏填了这个指标，或一级、二级、三级指标的名称与绩效目标表不同"})
	}
	for _, res := range unmatched {
		file, line := at(r.from, r.Project.Source)
		if res.Line > 0 {
			line = res.Line
		}
		notes = append(notes, &budget.Error{File: file, Line: line,
			Msg:  fmt.Sprintf("自评表的指标“%s”在项目“%s”的绩效目标中没有对应的指标，已单独保存", levels(res.Level1, res.Level2, res.Level3), t.Name),
			Hint: "请核对一级、二级、三级指标的名称是否与绩效目标表一致；名称不同的，改正自评表或内容文件后重新导入"})
	}
	return notes
}

func levels(l1, l2, l3 string) string {
	return strings.Join([]string{l1, l2, l3}, "／")
}

// contentIndex finds the projects of the content folder a 自评 belongs
// to, reading each year's folder once.
type contentIndex struct {
	dir    string
	byName map[int]map[string]string // year → name key → file
}

// find returns the project of the content folder with p's year and
// code, else the one with its 实施单位 and name, and its file; nil when
// there is none. A content file that does not read is an error only when
// it is the one named by the code.
func (c *contentIndex) find(p budget.Project) (*budget.Project, string, error) {
	if c.dir == "" {
		return nil, "", nil
	}
	yearDir := filepath.Join(c.dir, strconv.Itoa(p.Year))
	file := filepath.Join(yearDir, p.Code+".md")
	if prev, err := readContent(file); prev != nil || err != nil {
		return prev, file, err
	}
	if c.byName == nil {
		c.byName = map[int]map[string]string{}
	}
	names, ok := c.byName[p.Year]
	if !ok {
		names = map[string]string{}
		entries, _ := os.ReadDir(yearDir)
		sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
		for _, e := range entries {
			if e.IsDir() || filepath.Ext(e.Name()) != ".md" || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			f := filepath.Join(yearDir, e.Name())
			q, err := readContent(f)
			if err != nil || q == nil {
				continue // a file that does not read is not this project's
			}
			if k := nameKey(q.Year, q.Unit.Name, q.Name); names[k] == "" {
				names[k] = f
			}
		}
		c.byName[p.Year] = names
	}
	if f := names[nameKey(p.Year, p.Unit.Name, p.Name)]; f != "" {
		prev, err := readContent(f)
		return prev, f, err
	}
	return nil, "", nil
}

// readContent reads a content file: nil, nil when there is none.
func readContent(file string) (*budget.Project, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &budget.Error{File: file, Msg: "无法读取内容文件：" + err.Error(), Hint: "请检查文件权限"}
	}
	return Parse(bytes.NewReader(data), file)
}

// sameEvaluation reports whether two evaluations would be written alike.
func sameEvaluation(a, b *budget.Evaluation) bool {
	x, err1 := yaml.Marshal(a)
	y, err2 := yaml.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// keepEvaluation decides the evaluation of a project re-imported over a
// content file that reads as prev, and what the publisher must be told.
// A target table re-imported without a 自评 keeps the file's evaluation,
// as it keeps pub_date. A 自评 replaces it; when the file's evaluation
// differs from what the 自评 gives (edited by hand, or an older 自评),
// the old file is copied to <file>.bak first and a note says so. The
// evaluation's own pub_date, set by hand, is kept.
func keepEvaluation(l *Planned, p *budget.Project, prev *budget.Project, path string, old []byte) (*budget.Error, error) {
	if l.SelfEval == "" {
		if p.Evaluation == nil {
			p.Evaluation = prev.Evaluation
		}
		return nil, nil
	}
	if prev.Evaluation == nil {
		return nil, nil
	}
	if p.Evaluation.PubDate == "" {
		p.Evaluation.PubDate = prev.Evaluation.PubDate
	}
	if sameEvaluation(prev.Evaluation, p.Evaluation) {
		return nil, nil
	}
	backup := path + ".bak"
	if err := os.WriteFile(backup, old, 0o644); err != nil {
		return nil, &budget.Error{File: backup, Msg: "无法保存原内容文件的备份：" + err.Error(), Hint: "请检查内容目录的权限和磁盘空间；未写入任何文件"}
	}
	return &budget.Error{File: path,
		Msg:  "内容文件中的 evaluation（自评）与自评表 " + l.SelfEval + " 不同，已按自评表覆盖；原文件已保存为 " + filepath.Base(backup),
		Hint: "如果原来的 evaluation 是手工改正的，请对照备份把改正写进自评表后重新导入，或把备份中的内容改回去；确认无误后可删除备份"}, nil
}
