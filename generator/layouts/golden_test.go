package layouts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"budgetsite/generator/budget"
	"budgetsite/generator/grid"
	"budgetsite/generator/internal/testkit"
)

// goldenFixtures are the fixtures whose projects are dumped to
// testdata/<name>.golden, with the options each is read with.
var goldenFixtures = []struct {
	name string
	opt  Options
}{
	{"nanyue.html", Options{Year: 2018}},
	{"zhaohua.xlsx", Options{}},
	{"wuhai.xlsx", Options{}},
	{"flat.xlsx", Options{}},
	{"flat.csv", Options{}},
	{"chongqing.csv", Options{}},
	{"dongguan.html", Options{}},
}

// TestGolden reads every fixture and compares its projects, as YAML, and
// the notes for the publisher with testdata/<fixture>.golden; go test
// -update rewrites them.
func TestGolden(t *testing.T) {
	for _, f := range goldenFixtures {
		t.Run(f.name, func(t *testing.T) {
			ps, notes := readFixture(t, f.name, f.opt)
			checkGolden(t, f.name, dump(t, ps, notes))
		})
	}
}

// checkGolden compares got with testdata/<name>.golden, or rewrites it
// with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n%s", golden, testkit.DiffLines(string(want), got))
	}
}

// readFixture reads testdata/name and recognises its tables.
func readFixture(t testing.TB, name string, opt Options) ([]budget.Project, budget.ErrorList) {
	t.Helper()
	grids := readGrids(t, name)
	ps, notes, err := Projects(grids, opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ps, notes
}

func readGrids(t testing.TB, name string) []grid.Grid {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	grids, err := grid.Read(name, f)
	if err != nil {
		t.Fatal(err)
	}
	return grids
}

func dump(t testing.TB, ps []budget.Project, notes budget.ErrorList) string {
	var b strings.Builder
	for _, p := range ps {
		out, err := yaml.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("---\n")
		b.Write(out)
		if p.Overview != "" {
			b.WriteString("# overview: " + p.Overview + "\n")
		}
	}
	b.WriteString("--- notes\n")
	for _, n := range notes {
		b.WriteString(n.Error() + "\n")
	}
	return b.String()
}
