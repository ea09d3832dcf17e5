package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The build cache makes rebuilds incremental. It lives beside the output
// folder as a hidden folder (".public.cache" for "public"), never inside
// it, so it is never deployed. For each output file it records the key
// of the inputs the file was made from and the file's size and hash:
//
//   - a file whose key is unchanged is not rendered again;
//   - a file whose bytes come out the same is not rewritten, so it keeps
//     its mtime and rsync or a portal's upload skips it;
//   - a file the build no longer makes is removed.
//
// A key covers everything the file depends on, including the binary
// itself, the templates and the configuration (see renderer keys), so the
// cache can only skip work whose result would be identical: an
// incremental build equals a cold build byte for byte. Anything unusual
// (no cache, a different output folder, files missing or changed on
// disk) falls back to a cold build.

const manifestVersion = 1

type manifest struct {
	Version int    `json:"version"`
	OutDir  string `json:"out_dir"`
	// Inputs fingerprints everything a build reads; equal inputs and an
	// intact output folder make a rebuild a no-op.
	Inputs string                   `json:"inputs"`
	Files  map[string]manifestEntry `json:"files"`
	// What the summary line reports, for a no-op rebuild that reads
	// nothing else.
	Projects int      `json:"projects"`
	Warnings []string `json:"warnings"`
}

type manifestEntry struct {
	Key    string `json:"key,omitempty"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// cacheDir is where the cache for an output folder lives.
func cacheDir(outDir string) string {
	abs, err := filepath.Abs(outDir)
	if err != nil {
		abs = outDir
	}
	return filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".cache")
}

func loadManifest(outDir string) *manifest {
	b, err := os.ReadFile(filepath.Join(cacheDir(outDir), "manifest.json"))
	if err != nil {
		return nil
	}
	var m manifest
	if json.Unmarshal(b, &m) != nil || m.Version != manifestVersion {
		return nil
	}
	abs, _ := filepath.Abs(outDir)
	if m.OutDir != abs {
		return nil
	}
	return &m
}

func (m *manifest) save(outDir string) error {
	dir := cacheDir(outDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, "manifest.json"), b)
}

// intact reports whether the output folder holds exactly the files the
// manifest lists, with their recorded sizes, plus any files listed in
// keep. It does not read the files: it guards cheaply against files
// deleted, replaced or added behind the build's back, any of which makes
// the next build a cold one.
func (m *manifest) intact(outDir string, keep []string) bool {
	kept := map[string]bool{}
	for _, k := range keep {
		kept[filepath.ToSlash(filepath.Clean(strings.TrimPrefix(k, "/")))] = true
	}
	seen := 0
	ok := true
	err := filepath.WalkDir(outDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(outDir, p)
		rel = filepath.ToSlash(rel)
		if kept[rel] {
			return nil
		}
		e, listed := m.Files[rel]
		info, err := d.Info()
		if !listed || err != nil || !info.Mode().IsRegular() || info.Size() != int64(e.Size) {
			ok = false
			return filepath.SkipAll
		}
		seen++
		return nil
	})
	return err == nil && ok && seen == len(m.Files)
}

// keyOf hashes parts, length-prefixed so that ("ab","c") and ("a","bc")
// differ.
func keyOf(parts ...[]byte) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		l := len(p)
		for i := range n {
			n[i] = byte(l >> (8 * i))
		}
		h.Write(n[:])
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// binaryHash identifies the running program, so a new version of
// budgetsite never reuses what an old one rendered.
func binaryHash() []byte {
	exe, err := os.Executable()
	if err == nil {
		if b, err := os.ReadFile(exe); err == nil {
			s := sha256.Sum256(b)
			return s[:]
		}
	}
	return []byte(errors.New("unknown binary").Error())
}

// inputFingerprint hashes the content folder's files (names and bytes),
// without parsing them: enough to tell that nothing changed.
func inputFingerprint(contentDir string, global []byte) (string, error) {
	var files []string
	err := filepath.WalkDir(contentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sums := make([][32]byte, len(files))
	errs := make([]error, len(files))
	parallel(len(files), func(i int) {
		b, err := os.ReadFile(files[i])
		sums[i], errs[i] = sha256.Sum256(b), err
	})
	parts := [][]byte{global}
	for i, f := range files {
		if errs[i] != nil {
			return "", errs[i]
		}
		rel, _ := filepath.Rel(contentDir, f)
		parts = append(parts, []byte(filepath.ToSlash(rel)), sums[i][:])
	}
	return keyOf(parts...), nil
}

func removeManifest(outDir string) {
	os.Remove(filepath.Join(cacheDir(outDir), "manifest.json"))
}

// globalKey fingerprints what every page depends on besides its data:
// the program, the templates, the configuration and the free pages.
func globalKey(cfg Config, l layers, pages []*Page) ([]byte, error) {
	parts := [][]byte{binaryHash()}
	paths, owner := l.files("templates")
	for _, p := range paths {
		b, err := fs.ReadFile(owner[p], p)
		if err != nil {
			return nil, err
		}
		parts = append(parts, []byte(p), b)
	}
	c := cfg
	c.ContentDir, c.OutDir, c.SiteDir = "", "", ""
	cj, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	parts = append(parts, cj)
	for _, pg := range pages {
		parts = append(parts, []byte(pg.Slug), []byte(pg.Title), []byte(pg.Nav), []byte(pg.Description), []byte(pg.Body))
	}
	k := keyOf(parts...)
	return []byte(k), nil
}

// assetsKey fingerprints the asset files, for the no-op check.
func assetsKey(l layers) ([]byte, error) {
	paths, owner := l.files("assets")
	parts := make([][]byte, 0, 2*len(paths))
	for _, p := range paths {
		b, err := fs.ReadFile(owner[p], p)
		if err != nil {
			return nil, err
		}
		parts = append(parts, []byte(p), b)
	}
	return []byte(keyOf(parts...)), nil
}
