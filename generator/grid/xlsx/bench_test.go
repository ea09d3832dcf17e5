package xlsx

import (
	"bytes"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"budgetsite/generator/internal/xlsxtest"
)

// The benchmarks compare this reader with excelize on the largest
// workbook expected, a flat list of 10,000 projects (60,303 rows × 12
// columns): the measured reason this reader is hand-written, noted at the
// top of xlsx.go. excelize reads the rows as a stream, with raw values
// (no number formats: less work than Read does) and the merged areas.
//
//	go test ./generator/grid/xlsx -run '^$' -bench Flat -benchtime 3x

type workbook struct {
	sync.Once
	b    []byte
	rows int
}

var flat, flatMerged workbook

// BenchmarkFlat reads the flat list, whose only merged area is its title.
func BenchmarkFlat(b *testing.B) { benchmarkReaders(b, &flat, false) }

// BenchmarkFlatMerged reads the flat list with each project's four
// project cells merged over its six rows: 40,001 merged areas.
func BenchmarkFlatMerged(b *testing.B) { benchmarkReaders(b, &flatMerged, true) }

func benchmarkReaders(b *testing.B, w *workbook, merged bool) {
	w.Do(func() { w.b, w.rows = xlsxtest.Flat(b, 10000, merged) })
	merges := 1
	if merged {
		merges += 4 * 10000
	}
	b.Run("xlsx", func(b *testing.B) {
		b.SetBytes(int64(len(w.b)))
		b.ReportAllocs()
		for b.Loop() {
			sheets, err := Read(w.b)
			if err != nil {
				b.Fatal(err)
			}
			s := sheets[0]
			if last := s.Cells[len(s.Cells)-1]; last.Row != w.rows || len(s.Merges) != merges {
				b.Fatalf("last row %d, %d merged areas; want %d, %d", last.Row, len(s.Merges), w.rows, merges)
			}
		}
	})
	b.Run("excelize", func(b *testing.B) {
		b.SetBytes(int64(len(w.b)))
		b.ReportAllocs()
		for b.Loop() {
			f, err := excelize.OpenReader(bytes.NewReader(w.b))
			if err != nil {
				b.Fatal(err)
			}
			rows, err := f.Rows("Sheet1")
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
					b.Fatal(err)
				}
				n++
			}
			if err := rows.Close(); err != nil {
				b.Fatal(err)
			}
			m, err := f.GetMergeCells("Sheet1")
			if err != nil {
				b.Fatal(err)
			}
			if err := f.Close(); err != nil {
				b.Fatal(err)
			}
			if n != w.rows || len(m) != merges {
				b.Fatalf("%d rows, %d merged areas; want %d, %d", n, len(m), w.rows, merges)
			}
		}
	})
}
