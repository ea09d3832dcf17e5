// Package fstree lists and stats folder trees fast: at tens of thousands
// of files, listing the content and output folders is most of what a
// no-op build costs. On Linux it reads names in chunks and stats each
// chunk relative to its open folder on every core (see List); elsewhere
// it walks with the standard library and records size and mtime only.
package fstree

// FileStat is what a stat of a file says that tells a change: size,
// modification and change times, inode and device.
type FileStat struct {
	Size, Mtime, Ctime int64
	Ino, Dev           uint64
}

// treeFile is one file found by listTree.
type File struct {
	Rel     string // slash-separated, relative to the listed folder
	Regular bool
	St      FileStat
}
