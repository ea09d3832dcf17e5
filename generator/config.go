package generator

import (
	"budgetsite/generator/check"
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

	Title       string // 网站名称, e.g. 重庆市綦江区人民政府 预算绩效目标公开
	Description string
	Keywords    string
	Publisher   string // 发布机构, shown as 信息来源 (ContentSource)
	BasePath    string // where the site lives on the portal, e.g. /zwgk/ysgk/
	BaseURL     string // absolute URL of the site root; enables sitemap.xml
	SiteDomain  string // for the SiteDomain meta tag
	// PubDate is the publication date shown on pages and in metadata
	// (YYYY-MM-DD) when a project does not carry its own. Never the clock.
	PubDate string
	// Footer items of Chinese government sites; each is shown when set.
	Footer Footer
	// Keep lists files in the output folder that other tools own (a
	// portal's .htaccess, a verification file); builds carry them over.
	Keep []string
	// Strict makes check warnings fatal.
	Strict  bool
	Check   check.Config
	Privacy check.PrivacyConfig
	Data    DataConfig
	// NoMinify writes files as the templates produce them, for reading
	// and for golden tests.
	NoMinify bool
	// LiveReload is set only by `budgetsite serve`: pages then load the
	// reload script from this root-relative path. Never set for build, so
	// published pages carry no trace of it.
	LiveReload string
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

// Footer holds the items every Chinese government site's footer shows.
type Footer struct {
	Sponsor          string // 主办单位
	SponsorContact   string // 主办单位联系方式
	Organizer        string // 承办单位
	OrganizerContact string
	Address          string
	Phone            string
	Email            string
	SiteCode         string // 政府网站标识码, 10 characters
	ICP              string // ICP备案号
	ICPURL           string // defaults to https://beian.miit.gov.cn/
	PoliceRecord     string // 公安机关备案号
	PoliceRecordURL  string
	GovBadge         bool   // show the 党政机关网站标识
	GovBadgeURL      string // link target of the badge
}

// DataConfig describes the open data for datapackage.json.
type DataConfig struct {
	// License names the terms of reuse, e.g. "CC-BY-4.0" or a portal's
	// own 数据使用条款; LicenseURL links them.
	License    string
	LicenseURL string
	// Sources are the documents the data comes from (the published
	// budget PDFs).
	Sources []DataSource
	// Updated is the last-updated date (YYYY-MM-DD). When empty, the
	// newest pub_date in content or Config.PubDate is used; never the
	// clock.
	Updated string
}

// DataSource is one source document.
type DataSource struct {
	Title string
	Path  string // URL or citation of the document
}
