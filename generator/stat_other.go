//go:build !linux

package generator

import (
	"io/fs"
	"os"
	"path/filepath"
)

// listTree lists every file under root that is not a folder, with what
// stat says of it (symbolic links not followed), in no particular order.
// Off Linux only size and mtime are recorded, so the stat cache relies on
// them and its racy-file rule alone.
func listTree(root string) ([]treeFile, error) {
	var out []treeFile
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, treeFile{rel: filepath.ToSlash(rel), regular: info.Mode().IsRegular(),
			st: fileStat{size: info.Size(), mtime: info.ModTime().UnixNano()}})
		return nil
	})
	return out, err
}

// statPath stats a file, following symbolic links.
func statPath(p string) (fileStat, bool, error) {
	info, err := os.Stat(p)
	if err != nil {
		return fileStat{}, false, err
	}
	return fileStat{size: info.Size(), mtime: info.ModTime().UnixNano()}, info.Mode().IsRegular(), nil
}
