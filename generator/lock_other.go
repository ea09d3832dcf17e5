//go:build !unix

package generator

// lockCache does nothing where flock is not available; concurrent builds
// of one output folder are then the publisher's to avoid.
func lockCache(dir string) (unlock func(), err error) { return func() {}, nil }
