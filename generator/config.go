package generator

import (
	"budgetsite/generator/check"
	"budgetsite/generator/site"
	"io"
)

// Config is everything a build needs to know. cmd/budgetsite fills it from
// config.yaml, BUDGETSITE_* variables and flags; the generator never reads
// those itself.
type Config struct {
	ContentDir string
	OutDir     string
	// SiteDir holds the site's own templates/ and assets/ folders, which
	// override the embedded defaults file by file. Empty means none.
	SiteDir string

	// Settings are what the pages show: names, dates, footer, open-data
	// terms.
	site.Settings

	// Keep lists files in the output folder that other tools own (a
	// portal's .htaccess, a verification file); builds carry them over.
	Keep []string
	// Strict makes check warnings fatal.
	Strict  bool
	Check   check.Config
	Privacy check.PrivacyConfig
	// NoMinify writes files as the templates produce them, for reading
	// and for golden tests.
	NoMinify bool
	// NoCache makes every build a cold build: no incremental reuse, and
	// the cache beside the output folder is neither read nor kept.
	NoCache bool
	// MinifyPages minifies every rendered page instead of the templates
	// once. Slower; kept to measure the difference (scripts/bench.sh).
	MinifyPages bool
	// Timings, when set, receives how long each phase of a build took
	// (for the developers' --timings flag).
	Timings io.Writer `json:"-"`
}
