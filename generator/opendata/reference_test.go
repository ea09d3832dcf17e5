package opendata

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/site"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"testing"
)

// The reference encoders: each download written in one piece, the plain
// way. The build assembles downloads from per-project fragments
// (opendata_pieces.go); these tests require the two to agree byte for byte.

// writeCSV streams a table as CSV: UTF-8 with a BOM for Excel, CRLF and
// RFC 4180 quoting.
func writeCSV(out io.Writer, cols []*Field, rows []tableRow) error {
	if _, err := io.WriteString(out, CSVBOM); err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.UseCRLF = true
	rec := make([]string, len(cols))
	for i, f := range cols {
		rec[i] = f.Header
	}
	if err := w.Write(rec); err != nil {
		return err
	}
	for _, r := range rows {
		for i, f := range cols {
			rec[i] = f.value(r).String()
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// writeProjectsJSON writes {"version":1,"projects":[…]} through
// marshalJSON, the definition of the projects.json bytes.
func writeProjectsJSON(w io.Writer, ps []*budget.Project) error {
	e := jsonExport{Version: 1, Projects: make([]jsonProject, 0, len(ps))}
	for _, p := range ps {
		e.Projects = append(e.Projects, exportProject(p))
	}
	b, err := marshalJSON(e)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func tableRows(ps []*budget.Project) (projects, indicators, results []tableRow) {
	for _, p := range ps {
		rows := projectRows(p)
		projects = append(projects, rows.project...)
		indicators = append(indicators, rows.indicators...)
		results = append(results, rows.results...)
	}
	return projects, indicators, results
}

// TestFragmentsMatchReference assembles every slice the build writes
// (site, year, department, unit, project, and an empty list) from the
// fragment store and compares it with the reference encoders, on the
// sample, the hand-made 2023 and a project whose text needs quoting.
func TestFragmentsMatchReference(t *testing.T) {
	s := sampleSite(t, testkit.TrickyProject(), fullProject(t))
	fs := memStore(t, s)

	lists := map[string][]*budget.Project{"site": s.Projects, "none": nil}
	for _, y := range s.Years {
		lists[fmt.Sprint(y.Year)] = y.Projects
		for _, a := range append(append([]*site.Agency(nil), y.Departments...), y.Units...) {
			lists[AgencyDataPath(a, "")] = a.Projects
		}
	}
	for _, p := range s.Projects {
		lists[p.Code] = []*budget.Project{p}
	}
	for name, ps := range lists {
		prows, irows, rrows := tableRows(ps)
		var want, got bytes.Buffer
		for _, c := range []struct {
			kind int
			cols []*Field
			rows []tableRow
		}{{pieceProjectCSV, ProjectColumns, prows}, {pieceIndicatorCSV, IndicatorColumns, irows}, {pieceResultCSV, ResultColumns, rrows}} {
			want.Reset()
			got.Reset()
			if err := writeCSV(&want, c.cols, c.rows); err != nil {
				t.Fatal(err)
			}
			if err := newAssembly(s.Projects, fs).writeCSV(&got, c.kind, ps); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s: CSV kind %d differs from the reference:\n%q\nwant\n%q", name, c.kind, got.String(), want.String())
			}
		}
		want.Reset()
		got.Reset()
		if err := writeProjectsJSON(&want, ps); err != nil {
			t.Fatal(err)
		}
		if err := newAssembly(s.Projects, fs).writeJSON(&got, ps); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: JSON differs from the reference:\n%s\nwant\n%s", name, got.String(), want.String())
		}
		if !json.Valid(got.Bytes()) {
			t.Errorf("%s: invalid JSON", name)
		}
	}
}

// FuzzCRC32Combine checks the combination the workbook's CRCs rely on
// against the CRC of the concatenation.
func FuzzCRC32Combine(f *testing.F) {
	f.Add([]byte("项目"), []byte("<row><c/></row>"))
	f.Add([]byte{}, []byte("x"))
	f.Add([]byte("abc"), []byte{})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		want := crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...))
		if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))); got != want {
			t.Fatalf("combine = %08x, want %08x", got, want)
		}
	})
}
