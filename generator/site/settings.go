package site

// Settings are what a site's pages show beyond its content. cmd/budgetsite
// fills them from config.yaml; templates read them as .Cfg.
type Settings struct {
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
	// Data describes the open data: terms of reuse and sources.
	Data DataConfig
	// LiveReload is set only by `budgetsite serve`: pages then load the
	// reload script from this root-relative path. Never set for build, so
	// published pages carry no trace of it.
	LiveReload string
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
