package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/content"
	"budgetsite/generator/decimal"
	"budgetsite/generator/site"
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestFragmentStoreAppendsAndCompacts rebuilds the store again and again
// after editing one project, as rebuilds do, and requires every download
// assembled from it to equal the reference encoding, the edits to be
// appended rather than the store rewritten, and the files to be compacted
// before garbage outweighs what is live.
func TestFragmentStoreAppendsAndCompacts(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	base := loadTestSite(t, cfg)
	dir := t.TempDir()
	projects := base.Projects
	appended, compacted := 0, 0
	var lastGen uint64
	for round := 0; round < 12; round++ {
		if round > 0 {
			// Edit one project: new funds, so a new content hash.
			i := round % len(projects)
			p := *projects[i]
			p.Funds = decimal.MustDecimal(fmt.Sprintf("%d.5", 100+round))
			projects = append(append(append([]*budget.Project(nil), projects[:i]...), &p), projects[i+1:]...)
		}
		s := site.NewSite(cfg.Settings, projects, nil)
		fs, err := buildTestPieces(s, dir, contentKeys(t, projects))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case round == 0:
		case fs.appending:
			appended++
			if fs.gen != lastGen {
				t.Errorf("round %d: appended to generation %d, want %d", round, fs.gen, lastGen)
			}
			if fs.reused != len(projects)-1 {
				t.Errorf("round %d: reused %d projects, want %d", round, fs.reused, len(projects)-1)
			}
		default:
			compacted++
		}
		lastGen = fs.gen

		var got, want bytes.Buffer
		if err := newAssembly(s.Projects, fs).writeJSON(&got, s.Projects); err != nil {
			t.Fatal(err)
		}
		if err := writeProjectsJSON(&want, s.Projects); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("round %d: projects.json from the store differs from the reference", round)
		}
		got.Reset()
		want.Reset()
		_, irows := tableRows(s.Projects)
		if err := newAssembly(s.Projects, fs).writeCSV(&got, pieceIndicatorCSV, s.Projects); err != nil {
			t.Fatal(err)
		}
		if err := writeCSV(&want, indicatorColumns, irows); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("round %d: indicators.csv from the store differs from the reference", round)
		}
		var xlsx bytes.Buffer
		if err := encodeXLSX(s, fs, &xlsx); err != nil {
			t.Fatal(err)
		}
		checkWorkbookFunds(t, xlsx.Bytes(), s.Projects)

		if err := fs.commit(); err != nil {
			t.Fatal(err)
		}
		fs.close()

		// Garbage never outweighs what is live by much.
		var total, live int64
		for k := 0; k < itemKinds+groupKinds; k++ {
			st, err := os.Stat(piecePath(dir, fs.gen, k))
			if err != nil {
				t.Fatal(err)
			}
			total += st.Size()
		}
		for _, m := range fs.items {
			for _, n := range m.Len {
				live += n
			}
		}
		for _, g := range fs.groups {
			live += g.Len[0] + g.Len[1]
		}
		if total > 3*live {
			t.Errorf("round %d: store holds %d bytes for %d live", round, total, live)
		}
		if dats, _ := filepath.Glob(filepath.Join(dir, "pieces.*.dat")); len(dats) != itemKinds+groupKinds {
			t.Errorf("round %d: %d store files, want one generation", round, len(dats))
		}
	}
	if appended == 0 || compacted == 0 {
		t.Errorf("appended %d times and compacted %d times; want both", appended, compacted)
	}
}

// TestFragmentStoreFailedBuild leaves a build uncommitted after it
// appended, and requires the next build to ignore what it appended.
func TestFragmentStoreFailedBuild(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	s := loadTestSite(t, cfg)
	dir := t.TempDir()
	fs, err := buildTestPieces(s, dir, contentKeys(t, s.Projects))
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.commit(); err != nil {
		t.Fatal(err)
	}
	fs.close()

	edited := *s.Projects[0]
	edited.Name = "失败的构建"
	s2 := site.NewSite(cfg.Settings, append([]*budget.Project{&edited}, s.Projects[1:]...), nil)
	fs2, err := buildTestPieces(s2, dir, contentKeys(t, s2.Projects))
	if err != nil {
		t.Fatal(err)
	}
	if !fs2.appending {
		t.Fatal("a one-project edit did not append")
	}
	fs2.close() // not committed: the build failed

	fs3, err := buildTestPieces(s, dir, contentKeys(t, s.Projects))
	if err != nil {
		t.Fatal(err)
	}
	defer fs3.close()
	if fs3.reused != len(s.Projects) {
		t.Errorf("after a failed build, reused %d of %d projects", fs3.reused, len(s.Projects))
	}
	var got, want bytes.Buffer
	if err := newAssembly(s.Projects, fs3).writeJSON(&got, s.Projects); err != nil {
		t.Fatal(err)
	}
	if err := writeProjectsJSON(&want, s.Projects); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatal("projects.json differs after a failed build")
	}
	for k := 0; k < itemKinds+groupKinds; k++ {
		if st, _ := os.Stat(piecePath(dir, fs3.gen, k)); st.Size() != fs3.end[k] {
			t.Errorf("file %d is %d bytes, %d committed: the failed build's bytes were kept", k, st.Size(), fs3.end[k])
		}
	}
}

// checkWorkbookFunds opens a workbook (which checks every part's CRC) and
// requires the 项目 sheet to list the projects' codes and funds in order.
func checkWorkbookFunds(t *testing.T, b []byte, ps []*budget.Project) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheetProjects)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(ps)+1 {
		t.Fatalf("项目 sheet has %d rows, want %d", len(rows), len(ps)+1)
	}
	for i, p := range ps {
		if rows[i+1][1] != p.Code || rows[i+1][7] != p.Funds.String() {
			t.Errorf("项目 row %d is %s %s, want %s %s", i+2, rows[i+1][1], rows[i+1][7], p.Code, p.Funds)
		}
	}
}

// contentKeys keys projects as a build does: by the hash of their
// content file, here the file as import would write it.
func contentKeys(t *testing.T, ps []*budget.Project) *keyer {
	t.Helper()
	k := &keyer{global: []byte("test"), hashes: map[string][32]byte{}}
	for _, p := range ps {
		b, err := content.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		k.hashes[p.File] = sha256.Sum256(append(b, p.Overview...))
	}
	return k
}
