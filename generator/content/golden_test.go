package content

import "flag"

// update rewrites golden files instead of comparing against them:
//
//	go test ./generator/content -update
var update = flag.Bool("update", false, "rewrite golden files")
