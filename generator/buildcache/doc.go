// Package buildcache makes rebuilds incremental. The cache lives beside the output
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
// itself, the templates and the configuration (the build computes keys from the inputs renderers declare), so the
// cache can only skip work whose result would be identical: an
// incremental build equals a cold build byte for byte. Anything unusual
// (no cache, a different output folder, files missing or changed on
// disk) falls back to a cold build.
//
// Besides the manifest, the cache folder holds the stat cache
// (statcache.go), which spares reading content files that have not
// changed, and the parse cache (parsecache.go), which spares parsing
// them. A missing, old or corrupt cache file of any kind only makes the
// build slower.
//
// Its parts are separate files, each checked when read: the Manifest of
// output files (output.Record by path); the stat cache (size, times and
// inode of each content file with its hash, under the racy-git rule);
// the parse cache, sharded by path, which offers the memos its users
// define (content.ParseMemo for parsed files, check.HitMemo for privacy
// detections, check.FindingMemo for the rules' findings on each file);
// and the piece store (BuildPieces), which keeps the
// open-data encoder's pieces without knowing their format. LockCache
// refuses a second build of the same output folder while one runs.
//
// Nothing renders or encodes here, and no renderer or encoder imports
// this package: the build wires it in at the edge.
package buildcache
