//go:build !linux

package fstree

import (
	"io/fs"
	"os"
	"path/filepath"
)

// List lists every file under root that is not a folder, with what
// stat says of it (symbolic links not followed), in no particular order.
// Off Linux only size and mtime are recorded, so the stat cache relies on
// them and its racy-file rule alone.
func List(root string) ([]File, error) {
	var out []File
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, File{Rel: filepath.ToSlash(rel), Regular: info.Mode().IsRegular(),
			St: FileStat{Size: info.Size(), Mtime: info.ModTime().UnixNano()}})
		return nil
	})
	return out, err
}

// StatPath stats a file, following symbolic links.
func StatPath(p string) (FileStat, bool, error) {
	info, err := os.Stat(p)
	if err != nil {
		return FileStat{}, false, err
	}
	return FileStat{Size: info.Size(), Mtime: info.ModTime().UnixNano()}, info.Mode().IsRegular(), nil
}
