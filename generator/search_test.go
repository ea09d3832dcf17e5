package generator

import (
	"budgetsite/generator/content"
	"budgetsite/generator/tables"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchJS runs the Node tests of the search logic against the index
// of the sample plus a second year.
func TestSearchJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("BUDGETSITE_REQUIRE_BROWSER") == "1" {
			t.Fatal("node not found")
		}
		t.Skip("node not found; the search logic is tested with Node")
	}
	contentDir := importSample(t)
	if _, err := content.Import([]string{"testdata/multiyear/2023.txt"}, contentDir, tables.ParseOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, contentDir)
	build(t, cfg)
	cmd := exec.Command(node, "--test", "scripts/search.test.mjs")
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(),
		"BUDGETSITE_SEARCH_INDEX="+filepath.Join(cfg.OutDir, "data", "search-index.js"),
		"BUDGETSITE_EXPECT_YEARS=2023,2022")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "# fail 0") {
		t.Fatalf("node tests did not report success:\n%s", out)
	}
	t.Logf("\n%s", out)
}
