package layouts

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/layouts/cellvalue"
)

// flat reads a flat list whose header is h: one indicator per row, the
// project's cells (单位名称, 项目名称, 预算数, 年度目标) printed on its
// first row and blank on the others, meaning “same as above”. A row with
// only an agency and an amount is a department's subtotal: it names the
// 主管部门 of the units below it and is otherwise skipped. It returns the
// row after the list.
func (s *scanner) flat(start int, h *header) int {
	s.preamble(start, h.row, nil)
	end := s.indicatorEnd(h)
	fundsCol, ok := h.col(rFunds)
	if !ok {
		s.errorAt(h.cols[0].cell.Pos, "清单中没有预算数（资金总额）栏", "请保留“预算数”一栏，并注明金额单位")
		return end
	}
	unit, other := cellvalue.UnitOfQualifier(fundsCol.qual)
	if unit == "" && other == "" {
		if unit, ok = s.moneyLine(); !ok {
			return end
		}
	}
	if other != "" || unit == "" {
		msg, hint := "金额单位“"+other+"”无法换算", "金额单位应为“元”或“万元”；请把金额换算为元或万元后重新导入"
		if other == "" {
			msg, hint = "“"+fundsCol.cell.text+"”没有注明金额单位", "请在表头上方保留“金额单位：元”（或万元）一行，或把栏目写成“"+fundsCol.cell.text+"（元）”"
		}
		s.errorAt(fundsCol.cell.Pos, msg, hint)
		return end
	}
	at := func(r int, ro role) cell {
		if c, ok := h.col(ro); ok {
			return s.at(r, c.col)
		}
		return cell{}
	}
	labelOf := func(ro role) cell {
		c, _ := h.col(ro)
		return c.cell
	}

	var (
		cur       *budget.Project
		name      cell   // cur's 项目名称
		unitCell  cell   // its 单位名称, perhaps from a row above
		dept      *field // from the project's row, else the latest subtotal
		subtotal  *field
		before    int
		failed    bool
		unitAbove cell
		prev      levels
	)
	finish := func() {
		if cur == nil {
			return
		}
		var unitField *field
		if unitCell.text != "" {
			unitField = &field{label: labelOf(rUnit), value: unitCell, has: true}
		}
		s.project(cur, name.Pos, h, failed, projectCells{name: name.text, code: at(name.Pos.Row-1, rCode).text, department: dept, unit: unitField})
		s.add(*cur, before)
		cur = nil
	}
	for r := h.row + 1; r < end; r++ {
		if s.classify(h, r) != rowData {
			continue
		}
		row := s.readRow(h, r)
		n, u := at(r, rName), at(r, rUnit)
		if n.text == "" && row.cells[cLevel1].text == "" && row.cells[cLevel2].text == "" && row.cells[cLevel3].text == "" && row.cells[cValue].text == "" {
			if u.text != "" {
				// A department's subtotal: 820-马踏镇部门 | | 8,827,620.53.
				subtotal = &field{label: u, value: u, has: true}
			}
			continue
		}
		if n.text != "" && (cur == nil || n.text != name.text || u.text != "" && u.text != unitCell.text) {
			finish()
			if u.text != "" {
				unitAbove = u
			}
			before, failed, prev = len(s.errs), false, levels{}
			cur = &budget.Project{Source: source(n.Pos)}
			name, unitCell = n, unitAbove
			dept = subtotal
			if d := at(r, rDepartment); d.text != "" {
				dept = &field{label: labelOf(rDepartment), value: d, has: true}
			}
			if fc := at(r, rFunds); fc.text == "" {
				s.errorAt(fc.Pos, "项目“"+n.text+"”缺少"+fundsCol.cell.text, "请在项目的第一行填写"+fundsCol.cell.text)
			} else if d, u, ok := cellvalue.Amount(fc.Cell); !ok {
				s.errorAt(fc.Pos, fundsCol.cell.text+"“"+fc.text+"”不是金额", "金额应为数字，例如 3,309,840.00")
			} else {
				if u == "" {
					u = unit
				}
				cur.Funds = cellvalue.ToWan(d, u)
			}
			cur.AnnualGoal = at(r, rAnnual).Cell.Text
			cur.OverallGoal = at(r, rOverall).Cell.Text
		}
		if cur == nil {
			s.errorAt(row.pos, "这一行指标上方没有项目", "请在项目的第一行指标填写单位名称和项目名称")
			continue
		}
		k := len(s.errs)
		if in, ok := s.indicator(h, row, &prev); ok {
			cur.Indicators = append(cur.Indicators, in)
		} else if len(s.errs) > k {
			failed = true
		}
	}
	finish()
	return end
}
