package opendata

import (
	"budgetsite/generator/site"
	"path"
	"regexp"
	"strings"
)

// datapackage.json describes the downloads as a Frictionless Data Package
// (v1 specs, https://specs.frictionlessdata.io/).
//
// The profile is the generic "data-package", not "tabular-data-package":
// the latter requires every resource to be a Tabular Data Resource, and the
// package also holds the workbook and the nested JSON. Each CSV is declared
// "tabular-data-resource" with its Table Schema, so tabular tools validate
// and read them. From the Fiscal Data Package it borrows fiscalPeriod;
// currency and the 万元 unit are on the amount field and in x-budgetsite.
//
// The resources are the site-level and per-year files. The per-agency and
// per-project slices have the same columns; x-budgetsite.slices lists
// their path patterns rather than each file, so the descriptor stays small.
type dataPackage struct {
	Profile      string          `json:"profile"`
	ID           string          `json:"id,omitempty"`
	Name         string          `json:"name"`
	Title        string          `json:"title,omitempty"`
	Description  string          `json:"description,omitempty"`
	Homepage     string          `json:"homepage,omitempty"`
	Keywords     []string        `json:"keywords,omitempty"`
	Licenses     []dpLicense     `json:"licenses,omitempty"`
	Sources      []dpSource      `json:"sources,omitempty"`
	Contributors []dpContributor `json:"contributors,omitempty"`
	LastModified string          `json:"lastModified,omitempty"`
	FiscalPeriod *dpPeriod       `json:"fiscalPeriod,omitempty"`
	Budgetsite   dpNote          `json:"x-budgetsite"`
	Resources    []dpResource    `json:"resources"`
}

type dpLicense struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

type dpSource struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

type dpContributor struct {
	Title string `json:"title"`
	Role  string `json:"role"`
}

type dpPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type dpNote struct {
	Currency     string    `json:"currency"`
	AmountUnit   string    `json:"amountUnit"`
	AmountFactor int       `json:"amountFactor"`
	Note         string    `json:"note"`
	Order        string    `json:"order"`
	Slices       []dpSlice `json:"slices"`
	SliceFiles   int       `json:"sliceFiles"`
}

type dpSlice struct {
	Path        string `json:"path"`
	Like        string `json:"like"` // name of the resource with the same columns or shape
	Description string `json:"description"`
}

type dpResource struct {
	Name        string     `json:"name"`
	Path        string     `json:"path"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	Profile     string     `json:"profile"`
	Format      string     `json:"format"`
	Mediatype   string     `json:"mediatype"`
	Encoding    string     `json:"encoding,omitempty"`
	Bytes       int        `json:"bytes"`
	Hash        string     `json:"hash"`
	Dialect     *dpDialect `json:"dialect,omitempty"`
	Schema      *dpSchema  `json:"schema,omitempty"`
}

type dpDialect struct {
	Delimiter      string `json:"delimiter"`
	LineTerminator string `json:"lineTerminator"`
	QuoteChar      string `json:"quoteChar"`
	DoubleQuote    bool   `json:"doubleQuote"`
	Header         bool   `json:"header"`
}

type dpSchema struct {
	Fields     []dpField `json:"fields"`
	PrimaryKey []string  `json:"primaryKey,omitempty"`
}

type dpField struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	Description string `json:"description"`
	Unit        string `json:"unit,omitempty"`
	Factor      int    `json:"factor,omitempty"`
	Currency    string `json:"currency,omitempty"`
}

const xlsxMediatype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

var spdxLikeRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.+-]*$`)

// dataUpdated is the date the data was last updated: the configured date,
// else the newest pub_date, else the site's date; never the clock.
func dataUpdated(s *site.Site) string {
	if s.Settings.Data.Updated != "" {
		return s.Settings.Data.Updated
	}
	newest := ""
	for _, p := range s.Projects {
		newest = max(newest, p.PubDate)
	}
	if newest != "" {
		return newest
	}
	return s.Settings.PubDate
}

func newDataPackage(s *site.Site, files []Download, slices int) dataPackage {
	cfg := s.Settings
	dp := dataPackage{
		Profile:      "data-package",
		Name:         "budget-performance-targets",
		Title:        cfg.Title,
		Description:  cfg.Description,
		LastModified: dataUpdated(s),
		Budgetsite: dpNote{
			Currency: "CNY", AmountUnit: "万元", AmountFactor: 10000,
			Note:  "金额单位为万元（乘以 10000 即为元），按绩效目标表原文的数字和小数位数公布，不作四舍五入。",
			Order: "行的顺序与网站相同：年度从新到旧，再按主管部门编码、实施单位编码和项目编码排列；指标按原表顺序。",
			Slices: []dpSlice{
				{"{year}/department/{code}.csv", "projects", "某年度某主管部门的项目，列同 projects.csv"},
				{"{year}/department/{code}.json", "projects-json", "某年度某主管部门的项目和绩效指标，结构同 projects.json"},
				{"{year}/unit/{code}.csv", "projects", "某年度某实施单位的项目，列同 projects.csv"},
				{"{year}/unit/{code}.json", "projects-json", "某年度某实施单位的项目和绩效指标，结构同 projects.json"},
				{"{year}/project/{code}.csv", "indicators", "某个项目的绩效指标，列同 indicators.csv"},
				{"{year}/project/{code}.json", "projects-json", "某个项目，结构同 projects.json（projects 中只有这一个项目）"},
			},
			SliceFiles: slices,
		},
	}
	if base := cfg.BaseURL; base != "" {
		base = strings.TrimSuffix(base, "/") + "/"
		dp.Homepage = base
		dp.ID = base + DatapackageJSONPath
	}
	for _, k := range strings.FieldsFunc(cfg.Keywords, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if k = strings.TrimSpace(k); k != "" {
			dp.Keywords = append(dp.Keywords, k)
		}
	}
	if l := cfg.Data.License; l != "" || cfg.Data.LicenseURL != "" {
		lic := dpLicense{Path: cfg.Data.LicenseURL, Title: l}
		if spdxLikeRe.MatchString(l) {
			lic.Name = l
		}
		dp.Licenses = []dpLicense{lic}
	}
	for _, src := range cfg.Data.Sources {
		dp.Sources = append(dp.Sources, dpSource{Title: src.Title, Path: src.Path})
	}
	if cfg.Publisher != "" {
		dp.Contributors = []dpContributor{{Title: cfg.Publisher, Role: "publisher"}}
	}
	if n := len(s.Years); n > 0 {
		// s.Years is newest first.
		dp.FiscalPeriod = &dpPeriod{
			Start: itoa4(s.Years[n-1].Year) + "-01-01",
			End:   itoa4(s.Years[0].Year) + "-12-31",
		}
	}
	dp.Resources = make([]dpResource, 0, len(files))
	for _, d := range files {
		dp.Resources = append(dp.Resources, newResource(d))
	}
	return dp
}

func itoa4(y int) string { return cell{kind: 'i', i: y}.String() }

// newResource describes one site-level or per-year download.
func newResource(d Download) dpResource {
	rel := strings.TrimPrefix(d.Path, dataDir)
	base := path.Base(rel)
	name := strings.TrimSuffix(base, path.Ext(base))
	switch d.Format {
	case "JSON":
		name += "-json"
	case "XLSX":
		name += "-xlsx"
	}
	if d.Year != 0 {
		name += "-" + itoa4(d.Year)
	}
	r := dpResource{
		Name: name, Path: rel, Title: d.Title,
		Profile: "data-resource",
		Bytes:   d.Bytes, Hash: "sha256:" + d.SHA256,
	}
	switch d.Format {
	case "CSV":
		r.Profile = "tabular-data-resource"
		r.Format, r.Mediatype, r.Encoding = "csv", "text/csv", "utf-8"
		r.Dialect = &dpDialect{Delimiter: ",", LineTerminator: "\r\n", QuoteChar: `"`, DoubleQuote: true, Header: true}
		switch base {
		case "indicators.csv":
			r.Schema = newSchema(IndicatorColumns, colYear, colCode, colSeq)
			r.Description = "每行一个绩效指标，并重复所属项目的年度、编码、名称和单位。"
		case "results.csv":
			r.Schema = newSchema(ResultColumns, colYear, colCode, colResSeq)
			r.Description = "每行一个绩效自评指标（有自评的项目才有），并重复所属项目的年度、编码、名称和单位；项目的预算执行、总分和等次在 projects.csv。"
		default:
			r.Schema = newSchema(ProjectColumns, colYear, colCode)
			r.Description = "每行一个项目。"
		}
	case "XLSX":
		r.Format, r.Mediatype = "xlsx", xlsxMediatype
		r.Description = "工作表“项目”的列同 projects.csv，工作表“指标”的列同 indicators.csv，工作表“自评”的列同 results.csv（没有自评时只有表头）；金额为数字单元格。"
	case "JSON":
		r.Format, r.Mediatype, r.Encoding = "json", "application/json", "utf-8"
		r.Description = "{\"version\":1,\"projects\":[…]}，每个项目含其绩效指标；字段见网站“数据下载”页的数据字典。"
	}
	return r
}

func newSchema(cols []*Field, key ...*Field) *dpSchema {
	sc := &dpSchema{}
	for _, f := range cols {
		fd := dpField{Name: f.Header, Title: f.Title, Type: f.Type, Description: f.Desc, Unit: f.Unit}
		if f.Unit == "万元" {
			fd.Factor, fd.Currency = 10000, "CNY"
		}
		sc.Fields = append(sc.Fields, fd)
	}
	for _, k := range key {
		sc.PrimaryKey = append(sc.PrimaryKey, k.Header)
	}
	return sc
}
