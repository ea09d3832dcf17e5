//go:build !windows

package main

// utf8Console is needed on Windows only: other systems' terminals take
// UTF-8 as it is.
func utf8Console() (restore func()) { return func() {} }
