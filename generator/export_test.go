package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/buildcache"
	"budgetsite/generator/check"
	"budgetsite/generator/content"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/opendata"
	"budgetsite/generator/output"
	"budgetsite/generator/site"
	"budgetsite/generator/tables"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// exportedJSON is projects.json as a consumer reads it.
type exportedJSON struct {
	Version  int `json:"version"`
	Projects []struct {
		Code       string          `json:"code"`
		Name       string          `json:"name"`
		Year       int             `json:"year"`
		Department budget.Coded    `json:"department"`
		Unit       budget.Coded    `json:"unit"`
		Funds      decimal.Decimal `json:"funds_wan"`
		Attribute  string          `json:"attribute"`
		Start      string          `json:"start"`
		End        string          `json:"end"`
		Overview   string          `json:"overview"`
		AnnualGoal string          `json:"annual_goal"`
		Indicators []struct {
			Level1   string          `json:"level1"`
			Level2   string          `json:"level2"`
			Level3   string          `json:"level3"`
			Value    string          `json:"value"`
			Operator string          `json:"operator"`
			Unit     string          `json:"unit"`
			Weight   decimal.Decimal `json:"weight"`
		} `json:"indicators"`
		WeightTotal decimal.Decimal `json:"weight_total"`
		Page        string          `json:"page"`
	} `json:"projects"`
}

func readExportJSON(t *testing.T, file string) exportedJSON {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var ex exportedJSON
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return ex
}

// readCSV parses a download, checking the BOM and CRLF line ends, and
// returns the header and the records.
func readCSV(t *testing.T, file string) ([]string, [][]string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(opendata.CSVBOM)) {
		t.Errorf("%s has no UTF-8 BOM", file)
	}
	b = bytes.TrimPrefix(b, []byte(opendata.CSVBOM))
	if !bytes.HasSuffix(b, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(b, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("%s has line ends other than CRLF", file)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s is empty", file)
	}
	return recs[0], recs[1:]
}

func headers(cols []*opendata.Field) []string {
	var hs []string
	for _, c := range cols {
		hs = append(hs, c.Header)
	}
	return hs
}

// rowMap keys a record by header.
func rowMap(header, rec []string) map[string]string {
	m := map[string]string{}
	for i, h := range header {
		m[h] = rec[i]
	}
	return m
}

// only is row restricted to the keys of want.
func only(row, want map[string]string) map[string]string {
	m := map[string]string{}
	for k := range want {
		if v, ok := row[k]; ok {
			m[k] = v
		}
	}
	return m
}

// checkTablesMatchJSON requires projects.csv and indicators.csv rows to be
// projects.json, field by field, in the same order.
func checkTablesMatchJSON(t *testing.T, ex exportedJSON, ph []string, prows [][]string, ih []string, irows [][]string) {
	t.Helper()
	if !reflect.DeepEqual(ph, headers(opendata.ProjectColumns)) {
		t.Errorf("projects header %q", ph)
	}
	if !reflect.DeepEqual(ih, headers(opendata.IndicatorColumns)) {
		t.Errorf("indicators header %q", ih)
	}
	if len(prows) != len(ex.Projects) {
		t.Fatalf("%d project rows, projects.json has %d", len(prows), len(ex.Projects))
	}
	k := 0
	for i, p := range ex.Projects {
		r := rowMap(ph, prows[i])
		want := map[string]string{
			"年度": strconv.Itoa(p.Year), "项目编码": p.Code, "项目名称": p.Name,
			"主管部门编码": p.Department.Code, "主管部门": p.Department.Name,
			"实施单位编码": p.Unit.Code, "实施单位": p.Unit.Name,
			"资金总额（万元）": p.Funds.String(), "项目属性": p.Attribute,
			"项目起始时间": p.Start, "项目终止时间": p.End, "项目概况": p.Overview,
			"项目当年绩效目标": p.AnnualGoal, "指标数": strconv.Itoa(len(p.Indicators)),
			"权重合计": p.WeightTotal.String(), "页面": p.Page,
		}
		// The columns added since (总体目标, 来源, 自评 …) are held to the
		// JSON by the round trip and opendata's tests.
		if !reflect.DeepEqual(only(r, want), want) {
			t.Errorf("projects row %d:\n got %q\nwant %q", i+1, r, want)
		}
		for j, in := range p.Indicators {
			if k >= len(irows) {
				t.Fatalf("indicators has %d rows, fewer than projects.json", len(irows))
			}
			r := rowMap(ih, irows[k])
			k++
			want := map[string]string{
				"年度": strconv.Itoa(p.Year), "项目编码": p.Code, "项目名称": p.Name,
				"主管部门编码": p.Department.Code, "主管部门": p.Department.Name,
				"实施单位编码": p.Unit.Code, "实施单位": p.Unit.Name,
				"序号": strconv.Itoa(j + 1), "一级指标": in.Level1, "二级指标": in.Level2,
				"三级指标": in.Level3, "指标值": in.Value, "指标性质": in.Operator,
				"度量单位": in.Unit, "权重": in.Weight.String(),
			}
			if !reflect.DeepEqual(only(r, want), want) {
				t.Errorf("indicators row %d:\n got %q\nwant %q", k, r, want)
			}
		}
	}
	if k != len(irows) {
		t.Errorf("indicators has %d rows, projects.json %d indicators", len(irows), k)
	}
}

// checkXLSX requires the workbook's sheets to show exactly the CSV text,
// with a frozen bold header and amounts as number cells.
func checkXLSX(t *testing.T, file string, ph []string, prows [][]string, ih []string, irows [][]string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{opendata.SheetProjects, opendata.SheetIndicators, opendata.SheetResults}) {
		t.Errorf("sheets %q, want 项目, 指标 and 自评", got)
	}
	for _, sh := range []struct {
		name    string
		header  []string
		rows    [][]string
		numbers []string
	}{
		{opendata.SheetProjects, ph, prows, []string{"资金总额（万元）", "权重合计"}},
		{opendata.SheetIndicators, ih, irows, []string{"权重"}},
	} {
		got, err := f.GetRows(sh.name)
		if err != nil {
			t.Fatal(err)
		}
		want := append([][]string{sh.header}, sh.rows...)
		if len(got) != len(want) {
			t.Fatalf("sheet %s has %d rows, want %d", sh.name, len(got), len(want))
		}
		for i := range want {
			// GetRows drops trailing empty cells.
			w := want[i]
			for len(w) > 0 && w[len(w)-1] == "" {
				w = w[:len(w)-1]
			}
			if !reflect.DeepEqual(got[i], w) {
				t.Errorf("sheet %s row %d shows\n %q\nwant %q", sh.name, i+1, got[i], w)
			}
		}
		panes, err := f.GetPanes(sh.name)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("sheet %s panes %+v, want the header row frozen", sh.name, panes)
		}
		style, err := f.GetCellStyle(sh.name, "A1")
		if err != nil {
			t.Fatal(err)
		}
		if st, err := f.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("sheet %s header is not bold", sh.name)
		}
		for _, h := range sh.numbers {
			col := -1
			for i, x := range sh.header {
				if x == h {
					col = i + 1
				}
			}
			for r := range sh.rows {
				ref, _ := excelize.CoordinatesToCellName(col, r+2)
				typ, err := f.GetCellType(sh.name, ref)
				if err != nil {
					t.Fatal(err)
				}
				raw, _ := f.GetCellValue(sh.name, ref, excelize.Options{RawCellValue: true})
				shown, _ := f.GetCellValue(sh.name, ref)
				if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("%s!%s (%s) is type %v, want a number", sh.name, ref, h, typ)
				}
				if _, err := strconv.ParseFloat(raw, 64); err != nil {
					t.Errorf("%s!%s (%s) holds %q, not a number", sh.name, ref, h, raw)
				}
				if want := sh.rows[r][col-1]; shown != want {
					t.Errorf("%s!%s (%s) shows %q, want %q", sh.name, ref, h, shown, want)
				}
			}
		}
	}
}

func TestExportSampleMatchesJSON(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	build(t, cfg)
	data := filepath.Join(cfg.OutDir, "data")
	ex := readExportJSON(t, filepath.Join(data, "projects.json"))
	if len(ex.Projects) != 14 {
		t.Fatalf("projects.json has %d projects, want 14", len(ex.Projects))
	}
	ph, prows := readCSV(t, filepath.Join(data, "projects.csv"))
	ih, irows := readCSV(t, filepath.Join(data, "indicators.csv"))
	if len(prows) != 14 || len(irows) != 98 {
		t.Errorf("%d project rows and %d indicator rows, want 14 and 98", len(prows), len(irows))
	}
	checkTablesMatchJSON(t, ex, ph, prows, ih, irows)

	// Amounts exactly as written.
	funds := map[string]bool{}
	for _, r := range prows {
		funds[rowMap(ph, r)["资金总额（万元）"]] = true
	}
	values := map[string]bool{}
	for _, r := range irows {
		values[rowMap(ih, r)["指标值"]] = true
	}
	for _, v := range []string{"109.73", "2.71", "69"} {
		if !funds[v] {
			t.Errorf("projects.csv has no 资金总额 %s", v)
		}
	}
	for _, v := range []string{"2.7132", "54.864"} {
		if !values[v] {
			t.Errorf("indicators.csv has no 指标值 %s", v)
		}
	}
	checkXLSX(t, filepath.Join(data, "budget.xlsx"), ph, prows, ih, irows)
}

func TestExportDeterministic(t *testing.T) {
	contentDir := importSample(t)
	cfg := testConfig(t, contentDir)
	build(t, cfg)
	cfg2 := cfg
	cfg2.OutDir = filepath.Join(t.TempDir(), "other")
	build(t, cfg2)
	first := testkit.ReadTree(t, filepath.Join(cfg.OutDir, "data"))
	second := testkit.ReadTree(t, filepath.Join(cfg2.OutDir, "data"))
	// 14 projects: 6 site-level files, 2 + 4 for the agencies, 14
	// project JSONs.
	if len(first) != len(second) || len(first) < 26 {
		t.Fatalf("%d vs %d data files", len(first), len(second))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("data/%s differs between two builds", name)
		}
	}
	if _, ok := first["budget.xlsx"]; !ok {
		t.Error("budget.xlsx not written")
	}
}

// loadTestSite loads, checks and redacts content as Build does.
func loadTestSite(t *testing.T, cfg Config) *site.Site {
	t.Helper()
	projects, pages, err := content.LoadDir(cfg.ContentDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	published, err := check.Redact(projects, cfg.Privacy)
	if err != nil {
		t.Fatal(err)
	}
	return site.NewSite(cfg.Settings, published, pages)
}

func TestDownloadsList(t *testing.T) {
	for _, minified := range []bool{true, false} {
		cfg := testConfig(t, importSample(t))
		s := loadTestSite(t, cfg)
		out, err := output.NewWriter(cfg.OutDir, minified, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(out.Abort)
		list, err := writeDownloads(t, s, out)
		if err != nil {
			t.Fatal(err)
		}
		if err := out.Commit(nil); err != nil {
			t.Fatal(err)
		}
		wantFirst := []string{opendata.ProjectsCSVPath, opendata.IndicatorsCSVPath, opendata.BudgetXLSXPath, opendata.ProjectsJSONPath, opendata.DatapackageJSONPath, opendata.ImportTemplatePath,
			"data/2022/department/103.csv", "data/2022/department/103.json"}
		for i, p := range wantFirst {
			if list[i].Path != p {
				t.Errorf("download %d is %s, want %s", i, list[i].Path, p)
			}
		}
		levels := map[string]int{}
		listed := map[string]bool{}
		last := 0
		order := map[string]int{opendata.LevelSite: 0, opendata.LevelYear: 1, opendata.LevelDepartment: 2, opendata.LevelUnit: 2, opendata.LevelProject: 3}
		for _, d := range list {
			if listed[d.Path] {
				t.Errorf("%s listed twice", d.Path)
			}
			listed[d.Path] = true
			levels[d.Level]++
			if order[d.Level] < last {
				t.Errorf("%s (%s) listed after a later level", d.Path, d.Level)
			}
			last = order[d.Level]
			b, err := os.ReadFile(filepath.Join(cfg.OutDir, filepath.FromSlash(d.Path)))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b)
			if d.Bytes != len(b) || d.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("%s: listed %d bytes %s, written %d bytes %x", d.Path, d.Bytes, d.SHA256, len(b), sum)
			}
			if d.Title == "" || d.Scope == "" || (d.Format != "CSV" && d.Format != "JSON" && d.Format != "XLSX") {
				t.Errorf("%s: incomplete entry %+v", d.Path, d)
			}
			if strings.ToUpper(strings.TrimPrefix(path.Ext(d.Path), ".")) != d.Format {
				t.Errorf("%s: format %s", d.Path, d.Format)
			}
		}
		// Every data file is listed.
		for _, p := range out.Paths() {
			if strings.HasPrefix(p, "data/") && !listed[p] {
				t.Errorf("%s written but not listed", p)
			}
		}
		// 1 department, 2 units, 14 projects in the sample; with one
		// year, no year-level copies of the site-level files.
		if levels[opendata.LevelSite] != 5 || levels[opendata.LevelYear] != 0 || levels[opendata.LevelDepartment] != 2 || levels[opendata.LevelUnit] != 4 || levels[opendata.LevelProject] != 14 {
			t.Errorf("downloads per level %v", levels)
		}
	}
}

func TestDatapackageMatchesFiles(t *testing.T) {
	cfg := testConfig(t, importSample(t))
	cfg.Data = site.DataConfig{
		License: "CC-BY-4.0", LicenseURL: "https://creativecommons.org/licenses/by/4.0/",
		Sources: []site.DataSource{{Title: "2022年部门预算公开", Path: "https://example.gov.cn/ysgk/2022.pdf"}},
	}
	build(t, cfg)
	data := filepath.Join(cfg.OutDir, "data")
	b, err := os.ReadFile(filepath.Join(data, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var dp struct {
		Profile      string `json:"profile"`
		Name         string `json:"name"`
		Title        string `json:"title"`
		LastModified string `json:"lastModified"`
		Licenses     []struct {
			Name, Path, Title string
		} `json:"licenses"`
		Sources []struct {
			Title, Path string
		} `json:"sources"`
		FiscalPeriod struct{ Start, End string } `json:"fiscalPeriod"`
		Budgetsite   struct {
			Currency     string      `json:"currency"`
			AmountUnit   string      `json:"amountUnit"`
			AmountFactor json.Number `json:"amountFactor"`
			SliceFiles   int         `json:"sliceFiles"`
		} `json:"x-budgetsite"`
		Resources []struct {
			Name, Path, Profile, Format, Mediatype, Encoding, Hash string
			Bytes                                                  int
			Schema                                                 *struct {
				Fields []struct{ Name, Title, Type, Description string }
			}
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &dp); err != nil {
		t.Fatal(err)
	}
	if dp.Profile != "data-package" || dp.Name == "" || dp.Title != cfg.Title {
		t.Errorf("profile %q name %q title %q", dp.Profile, dp.Name, dp.Title)
	}
	if dp.LastModified != "2022-02-15" {
		t.Errorf("lastModified %q, want the configured pub date", dp.LastModified)
	}
	if len(dp.Licenses) != 1 || dp.Licenses[0].Name != "CC-BY-4.0" || dp.Licenses[0].Path != cfg.Data.LicenseURL {
		t.Errorf("licenses %+v", dp.Licenses)
	}
	if len(dp.Sources) != 1 || dp.Sources[0].Path != cfg.Data.Sources[0].Path {
		t.Errorf("sources %+v", dp.Sources)
	}
	if dp.FiscalPeriod.Start != "2022-01-01" || dp.FiscalPeriod.End != "2022-12-31" {
		t.Errorf("fiscalPeriod %+v", dp.FiscalPeriod)
	}
	// Compared as a number: see TestExportJSONKeepsNumbersAsWritten.
	if f, _ := dp.Budgetsite.AmountFactor.Float64(); dp.Budgetsite.Currency != "CNY" || dp.Budgetsite.AmountUnit != "万元" || f != 10000 || dp.Budgetsite.SliceFiles != 20 {
		t.Errorf("x-budgetsite %+v", dp.Budgetsite)
	}
	if len(dp.Resources) != 4 {
		t.Errorf("%d resources, want 4 site-level ones (one year: no copies for 2022)", len(dp.Resources))
	}
	names := map[string]bool{}
	for _, r := range dp.Resources {
		if names[r.Name] {
			t.Errorf("resource name %s used twice", r.Name)
		}
		names[r.Name] = true
		if r.Path == "datapackage.json" {
			t.Error("datapackage.json lists itself")
		}
		got, err := os.ReadFile(filepath.Join(data, filepath.FromSlash(r.Path)))
		if err != nil {
			t.Errorf("resource %s: %v", r.Path, err)
			continue
		}
		sum := sha256.Sum256(got)
		if r.Bytes != len(got) || r.Hash != "sha256:"+hex.EncodeToString(sum[:]) {
			t.Errorf("%s: descriptor says %d bytes %s, file has %d bytes sha256:%x", r.Path, r.Bytes, r.Hash, len(got), sum)
		}
		if r.Format == "" || r.Mediatype == "" || (r.Format != "xlsx" && r.Encoding != "utf-8") {
			t.Errorf("%s: format %q mediatype %q encoding %q", r.Path, r.Format, r.Mediatype, r.Encoding)
		}
		if r.Format == "csv" {
			if r.Profile != "tabular-data-resource" || r.Schema == nil {
				t.Errorf("%s: profile %q, schema %v", r.Path, r.Profile, r.Schema)
				continue
			}
			header, _ := readCSV(t, filepath.Join(data, filepath.FromSlash(r.Path)))
			var fields []string
			for _, f := range r.Schema.Fields {
				fields = append(fields, f.Name)
				if f.Title == "" || f.Description == "" || (f.Type != "string" && f.Type != "integer" && f.Type != "number") {
					t.Errorf("%s: field %+v", r.Path, f)
				}
			}
			if !reflect.DeepEqual(fields, header) {
				t.Errorf("%s: schema fields %q, header %q", r.Path, fields, header)
			}
		}
	}
}

// TestExportSlicesAddUp builds two years and requires every slice to hold
// its share of the site-level tables.
func TestExportSlicesAddUp(t *testing.T) {
	contentDir := importSample(t)
	if _, err := content.Import([]string{"testdata/multiyear/2023.txt"}, contentDir, tables.ParseOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, contentDir)
	build(t, cfg)
	data := filepath.Join(cfg.OutDir, "data")
	s := loadTestSite(t, cfg)
	if len(s.Years) != 2 {
		t.Fatalf("%d years, want 2", len(s.Years))
	}
	ph, all := readCSV(t, filepath.Join(data, "projects.csv"))
	_, allInd := readCSV(t, filepath.Join(data, "indicators.csv"))
	if len(all) != len(s.Projects) {
		t.Errorf("projects.csv has %d rows, the site %d projects", len(all), len(s.Projects))
	}
	for i, p := range s.Projects {
		if r := rowMap(ph, all[i]); r["年度"] != strconv.Itoa(p.Year) || r["项目编码"] != p.Code {
			t.Errorf("projects.csv row %d is %s %s, want %d %s (site order)", i+1, r["年度"], r["项目编码"], p.Year, p.Code)
		}
	}
	var dp struct {
		FiscalPeriod struct{ Start, End string } `json:"fiscalPeriod"`
		Resources    []struct{ Path string }     `json:"resources"`
	}
	b, err := os.ReadFile(filepath.Join(data, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &dp); err != nil {
		t.Fatal(err)
	}
	if dp.FiscalPeriod.Start != "2022-01-01" || dp.FiscalPeriod.End != "2023-12-31" || len(dp.Resources) != 4+3*2 {
		t.Errorf("fiscalPeriod %+v with %d resources", dp.FiscalPeriod, len(dp.Resources))
	}
	yearRows, yearInd := 0, 0
	for _, y := range s.Years {
		yd := filepath.Join(data, strconv.Itoa(y.Year))
		_, yp := readCSV(t, filepath.Join(yd, "projects.csv"))
		_, yi := readCSV(t, filepath.Join(yd, "indicators.csv"))
		yj := readExportJSON(t, filepath.Join(yd, "projects.json"))
		if len(yp) != len(y.Projects) || len(yj.Projects) != len(y.Projects) {
			t.Errorf("%d: %d CSV rows and %d JSON projects, want %d", y.Year, len(yp), len(yj.Projects), len(y.Projects))
		}
		yearRows += len(yp)
		yearInd += len(yi)
		for _, group := range [][]*site.Agency{y.Departments, y.Units} {
			sum := 0
			for _, a := range group {
				_, rows := readCSV(t, filepath.Join(yd, a.Kind, a.Code+".csv"))
				j := readExportJSON(t, filepath.Join(yd, a.Kind, a.Code+".json"))
				if len(rows) != len(a.Projects) || len(j.Projects) != len(a.Projects) {
					t.Errorf("%s %s: %d CSV rows, %d JSON projects, want %d", a.Kind, a.Code, len(rows), len(j.Projects), len(a.Projects))
				}
				sum += len(rows)
			}
			if sum != len(yp) {
				t.Errorf("%d: agency slices hold %d projects, the year %d", y.Year, sum, len(yp))
			}
		}
		sum := 0
		for _, p := range y.Projects {
			j := readExportJSON(t, filepath.Join(yd, "project", p.Code+".json"))
			if len(j.Projects) != 1 || j.Projects[0].Code != p.Code || len(j.Projects[0].Indicators) != len(p.Indicators) {
				t.Errorf("project %s: JSON %+v, want it with %d indicators", p.Code, j.Projects, len(p.Indicators))
				continue
			}
			sum += len(j.Projects[0].Indicators)
			// One file a project: its JSON.
			if _, err := os.Stat(filepath.Join(yd, "project", p.Code+".csv")); !os.IsNotExist(err) {
				t.Errorf("project %s has a CSV as well (%v)", p.Code, err)
			}
		}
		if sum != len(yi) {
			t.Errorf("%d: project slices hold %d indicators, the year %d", y.Year, sum, len(yi))
		}
	}
	if yearRows != len(all) || yearInd != len(allInd) {
		t.Errorf("years hold %d projects and %d indicators, the site tables %d and %d", yearRows, yearInd, len(all), len(allInd))
	}
}

func TestExportCSVQuoting(t *testing.T) {
	p, cfg := buildTricky(t)
	data := filepath.Join(cfg.OutDir, "data")
	// The tables are compared with the site's own JSON export.
	ex := readExportJSON(t, filepath.Join(data, "projects.json"))
	if len(ex.Projects) != 1 || ex.Projects[0].Name != p.Name || ex.Projects[0].Department.Name != p.Department.Name {
		t.Fatalf("fixture did not survive loading: %+v", ex.Projects)
	}
	ph, prows := readCSV(t, filepath.Join(data, "projects.csv"))
	ih, irows := readCSV(t, filepath.Join(data, "indicators.csv"))
	checkTablesMatchJSON(t, ex, ph, prows, ih, irows)
	r := rowMap(ph, prows[0])
	if r["项目名称"] != p.Name || r["主管部门"] != p.Department.Name || r["实施单位"] != p.Unit.Name || r["项目当年绩效目标"] != p.AnnualGoal {
		t.Errorf("names do not round-trip: %q", r)
	}
	if r["资金总额（万元）"] != "12.3450" {
		t.Errorf("资金总额 %q, want 12.3450 as written", r["资金总额（万元）"])
	}
	if got := rowMap(ih, irows[0])["三级指标"]; got != p.Indicators[0].Level3 {
		t.Errorf("三级指标 %q", got)
	}
	// The slices quote the same way.
	_, rows := readCSV(t, filepath.Join(data, "2023", "department", "201.csv"))
	if len(rows) != 1 || rowMap(ph, rows[0])["主管部门"] != p.Department.Name {
		t.Errorf("department slice rows %q", rows)
	}
	checkXLSX(t, filepath.Join(data, "budget.xlsx"), ph, prows, ih, irows)
}

// TestExportJSONKeepsNumbersAsWritten requires the JSON files to keep
// numbers as written: 12.3450 must not become 12.345, nor 10000 become 1e4
// (which integer readers reject). A JSON minifier does exactly that, so
// data files are never minified (minify.go).
func TestExportJSONKeepsNumbersAsWritten(t *testing.T) {
	_, cfg := buildTricky(t)
	for file, lit := range map[string]string{
		"data/projects.json":                           `"funds_wan":12.3450`,
		"data/2023/project/50011023T000000999001.json": `"funds_wan":12.3450`,
		"data/datapackage.json":                        `"amountFactor":10000`,
	} {
		b, err := os.ReadFile(filepath.Join(cfg.OutDir, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(bytes.ReplaceAll(b, []byte(": "), []byte(":")), []byte(lit)) {
			t.Errorf("%s lacks %s: the JSON minifier rewrote the number (set json.Minifier{KeepNumbers: true} in newMinifier)", file, lit)
		}
	}
}

// writeDownloads runs both phases of the download writer (the build
// interleaves them with page rendering) and returns the list for the
// 数据下载 page: site-level files first, then per year, per department and
// unit, and per project.
func writeDownloads(t *testing.T, s *site.Site, out *output.Writer) ([]opendata.Download, error) {
	fs := testFragments(t, s)
	w, err := startDownloads(s, out, fs, nil)
	if err != nil {
		return nil, err
	}
	return w.finish()
}

// testFragments is the fragment store of s, in a temporary folder.
func testFragments(t *testing.T, s *site.Site) *buildcache.PieceStore {
	t.Helper()
	fs, err := buildTestPieces(s, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fs.Close)
	return fs
}

// buildTricky builds a site of one project whose text needs quoting and
// whose numbers minifiers like to rewrite.
func buildTricky(t *testing.T) (*budget.Project, Config) {
	t.Helper()
	contentDir := t.TempDir()
	p := testkit.TrickyProject()
	b, err := content.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(contentDir, "2023"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(contentDir, "2023", p.Code+".md"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, contentDir)
	build(t, cfg)
	return p, cfg
}

// buildTestPieces is the build's piece store for s in dir.
func buildTestPieces(s *site.Site, dir string, keys *keyer) (*buildcache.PieceStore, error) {
	return buildcache.BuildPieces(dir, buildcache.PieceLayout{ItemKinds: opendata.ItemKinds, GroupKinds: opendata.GroupKinds}, len(s.Projects), keys.pieceKeys(s.Projects),
		opendata.UnitGroups(s.Projects), func() buildcache.StoreEncoder { return opendata.NewEncoder(s.Projects) })
}
