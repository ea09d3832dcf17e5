//go:build !unix

package buildcache

// LockCache does nothing where flock is not available; concurrent builds
// of one output folder are then the publisher's to avoid.
func LockCache(dir string) (unlock func(), err error) { return func() {}, nil }
