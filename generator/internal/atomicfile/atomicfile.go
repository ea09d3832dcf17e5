// Package atomicfile replaces files atomically: a reader sees the old
// bytes or the new ones, never a torn file, even after a crash.
//
// It does what github.com/google/renameio/v2 does (a temporary file in the
// same folder, fsync, rename), which we would rather use, but renameio
// does not build on Windows, and district offices run Windows. On
// Windows os.Rename replaces the target with MoveFileEx.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write replaces path with data, creating its folder when needed.
func Write(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
