//go:build unix

package buildcache

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// LockCache takes the build lock of a cache folder. Two builds of one
// output folder at once would append to the same fragment store and
// replace each other's manifest; the second is refused instead. The lock
// goes with the process, so a crashed build never leaves it held.
func LockCache(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrBuildRunning
		}
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
