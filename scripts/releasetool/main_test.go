package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// makeTree writes the same files in a different order and with
// different times and permissions each call.
func makeTree(t *testing.T, reverse bool, stamp time.Time) string {
	t.Helper()
	base := t.TempDir()
	files := []struct{ name, text string }{
		{"pkg/budgetsite.exe", "MZ binary"},
		{"pkg/README.md", "说明\n"},
		{"pkg/LICENSE.txt", "licence\n"},
	}
	if reverse {
		for i, j := 0, len(files)-1; i < j; i, j = i+1, j-1 {
			files[i], files[j] = files[j], files[i]
		}
	}
	for _, f := range files {
		p := filepath.Join(base, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o600)
		if reverse {
			mode = 0o640
		}
		if err := os.WriteFile(p, []byte(f.text), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, stamp, stamp); err != nil {
			t.Fatal(err)
		}
	}
	return base
}

func TestArchiveIsReproducible(t *testing.T) {
	const mtime = 1700000000
	for _, ext := range []string{"zip", "tar.gz"} {
		t.Run(ext, func(t *testing.T) {
			var outs [][]byte
			for i, stamp := range []time.Time{time.Unix(1, 0), time.Now()} {
				base := makeTree(t, i == 1, stamp)
				out := filepath.Join(t.TempDir(), "a."+ext)
				if err := archive([]string{"-mtime", "1700000000", "-o", out, "-C", base, "pkg"}); err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				outs = append(outs, b)
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Fatal("the same files give different archives")
			}
			if ext != "zip" {
				return // tar.gz is read back in cmd/budgetsite's TestRelease
			}
			zr, err := zip.NewReader(bytes.NewReader(outs[0]), int64(len(outs[0])))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
				if !f.Modified.Equal(time.Unix(mtime, 0)) {
					t.Errorf("%s: time %v", f.Name, f.Modified)
				}
				want := os.FileMode(0o644)
				switch {
				case strings.HasSuffix(f.Name, "/"):
					want = os.ModeDir | 0o755
				case strings.HasSuffix(f.Name, ".exe"):
					want = 0o755
				}
				if f.Mode() != want {
					t.Errorf("%s: mode %v, want %v", f.Name, f.Mode(), want)
				}
				if f.Name == "pkg/README.md" {
					rc, err := f.Open()
					if err != nil {
						t.Fatal(err)
					}
					b, _ := io.ReadAll(rc)
					rc.Close()
					if string(b) != "说明\n" {
						t.Errorf("README.md reads back as %q", b)
					}
				}
			}
			if got := strings.Join(names, " "); got != "pkg/ pkg/LICENSE.txt pkg/README.md pkg/budgetsite.exe" {
				t.Errorf("entries: %s", got)
			}
		})
	}
}

func TestSums(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.zip", "a.tar.gz"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "SHA256SUMS")
	if err := sums([]string{"-o", out, filepath.Join(dir, "b.zip"), filepath.Join(dir, "a.tar.gz")}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	// Sorted by name, in sha256sum's format.
	line := func(n string) string {
		sum := sha256.Sum256([]byte(n))
		return hex.EncodeToString(sum[:]) + "  " + n + "\n"
	}
	if want := line("a.tar.gz") + line("b.zip"); string(b) != want {
		t.Errorf("SHA256SUMS:\n%s\nwant\n%s", b, want)
	}
}
