package grid

import (
	"budgetsite/generator/internal/testkit"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenFixtures are the fixtures whose grids are dumped to
// testdata/<name>.golden.
var goldenFixtures = []string{
	"extracted.txt", "flat.csv", "flat.xlsx", "form.xlsx", "form-libreoffice.xlsx", "page.html",
}

// TestGolden reads every fixture and compares a readable dump of its
// grids with testdata/<fixture>.golden; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for _, name := range goldenFixtures {
		t.Run(name, func(t *testing.T) {
			grids := readFixture(t, name)
			var b strings.Builder
			for _, g := range grids {
				dump(&b, g)
			}
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("grids differ from %s (go test -update rewrites it):\n%s", golden, testkit.DiffLines(string(want), got))
			}
		})
	}
}

func readFixture(t testing.TB, name string) []Grid {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	grids, err := Read(name, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range grids {
		checkGrid(t, g, name)
	}
	return grids
}

// dump writes a grid in a form to review, one line per row:
//
//	row [Lline]: cell | cell | …
//
// where a cell is its Text quoted, followed by [rows×cols] if it anchors
// a merged area, @line for an HTML cell, n: or d: before a number or a
// date, ="…" for a Display that differs from Text and ~"…" for a Raw
// that differs from Text. An empty cell is ·, a covered cell ^ if its
// anchor is above it and < if to its left; empty cells at the end of a
// row are left out.
func dump(b *strings.Builder, g Grid) {
	fmt.Fprintf(b, "== %s (%d rows × %d columns)\n", g.Name, len(g.Rows), g.Width())
	for r, row := range g.Rows {
		fmt.Fprintf(b, "%d", r+1)
		if len(row) > 0 && row[0].Pos.Sheet == "" && row[0].Pos.Table == 0 {
			fmt.Fprintf(b, " L%d", row[0].Pos.Line)
		}
		b.WriteString(":")
		end := len(row)
		for end > 0 && row[end-1].Text == "" && row[end-1].Raw == "" && !row[end-1].Covered && row[end-1].RowSpan == 1 && row[end-1].ColSpan == 1 {
			end--
		}
		for c, cell := range row[:end] {
			if c > 0 {
				b.WriteString(" |")
			}
			b.WriteByte(' ')
			switch {
			case cell.Covered && cell.Pos.Row-1 < r:
				b.WriteString("^")
				continue
			case cell.Covered:
				b.WriteString("<")
				continue
			case cell.Text == "" && cell.Raw == "" && cell.RowSpan == 1 && cell.ColSpan == 1:
				b.WriteString("·")
				continue
			}
			switch cell.Kind {
			case Number:
				b.WriteString("n:")
			case Date:
				b.WriteString("d:")
			}
			fmt.Fprintf(b, "%q", cell.Text)
			if cell.RowSpan > 1 || cell.ColSpan > 1 {
				fmt.Fprintf(b, "[%d×%d]", cell.RowSpan, cell.ColSpan)
			}
			if cell.Pos.Table > 0 {
				fmt.Fprintf(b, "@%d", cell.Pos.Line)
			}
			if cell.Display != cell.Text {
				fmt.Fprintf(b, "=%q", cell.Display)
			}
			if cell.Raw != cell.Text {
				fmt.Fprintf(b, "~%q", cell.Raw)
			}
		}
		b.WriteByte('\n')
	}
}
