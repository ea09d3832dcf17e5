package grid

import (
	"errors"
	"io"

	"budgetsite/generator/grid/xlsx"
)

// ReadXLSX reads an Excel workbook (.xlsx) and returns one Grid per
// worksheet, in the workbook's order. name is used in positions and
// messages. Package xlsx reads the cells; this lays them out.
func ReadXLSX(name string, r io.Reader) ([]Grid, error) {
	b, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	sheets, err := xlsx.Read(b)
	if err != nil {
		var e *xlsx.Error
		if !errors.As(err, &e) {
			return nil, errorAt(Pos{File: name}, "无法读取工作簿："+err.Error(), "请用 Excel 或 WPS 打开后另存为 .xlsx 重试")
		}
		return nil, errorAt(Pos{File: name, Sheet: e.Sheet, Row: e.Row, Col: e.Col}, e.Msg, e.Hint)
	}
	grids := make([]Grid, 0, len(sheets))
	for _, s := range sheets {
		g, err := sheetGrid(name, s)
		if err != nil {
			return nil, err
		}
		grids = append(grids, g)
	}
	return grids, nil
}

// sheetCell is the grid cell of a workbook cell at p.
func sheetCell(c xlsx.Cell, p Pos) Cell {
	text := clean(c.Value)
	display := text
	if c.Display != c.Value {
		display = c.Display // a number as its format shows it
	}
	kind := Text
	switch c.Kind {
	case xlsx.Number:
		kind = Number
	case xlsx.Date:
		kind = Date
	}
	return Cell{Text: text, Raw: c.Raw, Display: display, Kind: kind, RowSpan: 1, ColSpan: 1, Pos: p}
}

// sheetGrid lays out the cells of a worksheet as a rectangular grid and
// applies its merged areas.
func sheetGrid(file string, s xlsx.Sheet) (Grid, error) {
	// The table ends at its last cell that shows something, so that a
	// space typed far below it adds nothing. A merged area whose anchor
	// shows something belongs to the table; one over empty cells is
	// formatting, kept only inside the table.
	h, w := 0, 0
	for _, c := range s.Cells {
		if shows(c.Value) {
			h, w = max(h, c.Row), max(w, c.Col)
		}
	}
	var beyond map[[2]int][2]int // anchor → bottom right, of areas reaching past h×w
	for _, m := range s.Merges {
		if m.Bottom > h || m.Right > w {
			if beyond == nil {
				beyond = make(map[[2]int][2]int)
			}
			a := [2]int{m.Top, m.Left}
			br := beyond[a]
			beyond[a] = [2]int{max(br[0], m.Bottom), max(br[1], m.Right)}
		}
	}
	if beyond != nil {
		for _, c := range s.Cells {
			if br, ok := beyond[[2]int{c.Row, c.Col}]; ok && shows(c.Value) {
				h, w = max(h, br[0]), max(w, br[1])
			}
		}
	}
	if w == 0 {
		h = 0
	}
	if w > 0 && h > cellLimit(len(s.Cells))/w {
		return Grid{}, tooBig(Pos{File: file, Sheet: s.Name}, h, w)
	}
	all := make([]Cell, h*w)
	rows := make([][]Cell, h)
	for i := range rows {
		rows[i] = all[i*w : (i+1)*w : (i+1)*w]
	}
	for _, c := range s.Cells {
		if c.Row <= h && c.Col <= w {
			rows[c.Row-1][c.Col-1] = sheetCell(c, Pos{File: file, Sheet: s.Name, Row: c.Row, Col: c.Col})
		}
	}
	for i, r := range rows {
		for j := range r {
			if r[j].RowSpan == 0 {
				r[j] = Cell{RowSpan: 1, ColSpan: 1, Pos: Pos{File: file, Sheet: s.Name, Row: i + 1, Col: j + 1}}
			}
		}
	}
	budget := 4 * maxCells // cells examined for overlaps
merge:
	for _, m := range s.Merges {
		top, left, bottom, right := m.Top-1, m.Left-1, min(m.Bottom, h)-1, min(m.Right, w)-1
		if top > bottom || left > right || top == bottom && left == right {
			continue
		}
		for i := top; i <= bottom; i++ {
			for j := left; j <= right; j++ {
				if c := rows[i][j]; c.Covered || c.RowSpan > 1 || c.ColSpan > 1 {
					continue merge // overlaps an earlier area; Excel would not open it
				}
				if budget--; budget < 0 {
					return Grid{}, tooBig(Pos{File: file, Sheet: s.Name}, h, w)
				}
			}
		}
		anchor := &rows[top][left]
		anchor.RowSpan, anchor.ColSpan = bottom-top+1, right-left+1
		for i := top; i <= bottom; i++ {
			for j := left; j <= right; j++ {
				if i != top || j != left {
					rows[i][j] = *anchor
					rows[i][j].Covered = true
				}
			}
		}
	}
	return Grid{Name: file + "!" + s.Name, Rows: rows}, nil
}
