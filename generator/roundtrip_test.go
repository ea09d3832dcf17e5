package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetsite/generator/content"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/tables"
)

// TestDownloadsRoundTrip builds a site and imports its own downloads
// into an empty folder: the CSV pair (given as files and as their
// folder) and the workbook must each recreate the content files the
// site was built from, byte for byte. The sample's projects that name
// people are published redacted and come back redacted; every other
// one must come back exactly. The second site is one project with every
// optional field set, its 自评 included.
func TestDownloadsRoundTrip(t *testing.T) {
	full := t.TempDir()
	fixture, err := os.ReadFile(filepath.Join("opendata", "testdata", "full.md"))
	testkit.Must(t, err)
	testkit.WriteFiles(t, full, map[string]string{"2023/51010023T000000777001.md": string(fixture)})
	for _, c := range []struct {
		name       string
		contentDir string
		redacted   int // files that must differ: the sample's, naming people
	}{{"sample", importSample(t), 1}, {"full", full, 0}} {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig(t, c.contentDir)
			build(t, cfg)
			data := filepath.Join(cfg.OutDir, "data")
			want := testkit.ReadTree(t, c.contentDir)
			for name := range want {
				if strings.HasPrefix(name, "pages/") {
					delete(want, name)
				}
			}
			for _, in := range []struct {
				name  string
				files []string
			}{
				{"csv", append([]string{filepath.Join(data, "projects.csv"), filepath.Join(data, "indicators.csv")}, optional(filepath.Join(data, "results.csv"))...)},
				{"folder", []string{data}},
				{"xlsx", []string{filepath.Join(data, "budget.xlsx")}},
			} {
				t.Run(in.name, func(t *testing.T) {
					dir := t.TempDir()
					res, err := content.Import(in.files, dir, tables.ParseOptions{}, nil)
					if err != nil {
						t.Fatalf("import of the downloads: %v", err)
					}
					got := testkit.ReadTree(t, dir)
					if len(got) != len(want) || res.Projects != len(want) {
						t.Fatalf("imported %d files (%d projects), the site was built from %d", len(got), res.Projects, len(want))
					}
					differ := 0
					for name, b := range want {
						if bytes.Equal(got[name], b) {
							continue
						}
						differ++
						if !redactedFile(b) {
							t.Errorf("%s does not come back byte for byte:\n%s", name, testkit.DiffLines(string(b), string(got[name])))
						}
					}
					if differ != c.redacted {
						t.Errorf("%d files differ, want the %d the privacy rules redact", differ, c.redacted)
					}
				})
			}
		})
	}
}

// optional is the file in a list, or no file when it does not exist.
func optional(name string) []string {
	if _, err := os.Stat(name); err != nil {
		return nil
	}
	return []string{name}
}

// redactedFile reports whether a content file names one of the sample's
// private persons, which the downloads publish redacted.
func redactedFile(b []byte) bool {
	for _, n := range testkit.SampleNames {
		if bytes.Contains(b, []byte(n)) {
			return true
		}
	}
	return false
}
