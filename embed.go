// Package budgetsite holds the default templates and assets that are built
// into the budgetsite binary, so that the binary alone can build a site.
// A site's own templates/ and assets/ folders override them file by file.
package budgetsite

import "embed"

// Defaults contains templates/ and assets/ as they are in this repository
// when the binary is compiled. assets/vendor/echarts.min.js is included
// when `npm ci` has generated it before compiling.
//
//go:embed templates assets
var Defaults embed.FS
