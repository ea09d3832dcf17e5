package generator

import (
	"bytes"
	"fmt"
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
				t.Errorf("%s differs from %s (run with -update after reviewing):\n%s", page, golden, firstDiff(want, got))
			}
		})
	}
}

// firstDiff shows the first differing line with a little context.
func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, shorten(w), shorten(g))
		}
	}
	return "(no line differs; trailing bytes differ)"
}

// shorten cuts a line for a readable diff.
func shorten(s string) string {
	if r := []rune(s); len(r) > 300 {
		return string(r[:300]) + "…"
	}
	return s
}
