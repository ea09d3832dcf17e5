package generator

import (
	"budgetsite/generator/internal/testkit"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenPages compares unminified pages of the sample with files in
// testdata/golden, in the manner of go/printer's golden tests. After an
// intended change to templates or rendering, rewrite them with
//
//	go test ./generator -run Golden -update
//
// and review the diff.
func TestGoldenPages(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	cfg.NoMinify = true
	build(t, cfg)
	for _, page := range []string{
		"2022/project/50011021T000000048440.html",
		"2022/unit/103002.html",
		"2022/department/103.html",
	} {
		t.Run(page, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(cfg.OutDir, filepath.FromSlash(page)))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", "page-"+strings.ReplaceAll(page, "/", "_"))
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with -update after reviewing):\n%s", page, golden, testkit.DiffLines(string(want), string(got)))
			}
		})
	}
}
