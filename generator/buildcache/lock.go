package buildcache

import "errors"

// ErrBuildRunning is lockCache's answer when another build holds the lock.
var ErrBuildRunning = errors.New("build running")
