package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkSite imports the sample into a temporary site folder whose
// config.yaml holds extra, and returns the config path and the site.
func checkSite(t *testing.T, extra string) (cfg, site string) {
	t.Helper()
	needSample(t)
	site = t.TempDir()
	cfg = filepath.Join(site, "config.yaml")
	writeFile(t, cfg, "content: content\nout: public\n"+extra)
	if code, _, errs := cli(t, "--config", cfg, "import", sample); code != 0 {
		t.Fatalf("import exit %d: %s", code, errs)
	}
	return cfg, site
}

var checkSampleNames = []string{"李云芳", "王茂全", "钱永秀", "林国文", "文治兰", "包达贵"}

func TestCheckCommandReviewedSample(t *testing.T) {
	cfg, site := checkSite(t, reviewedNames+"  audit_log: audit/redactions.json\n")
	code, out, errs := cli(t, "--config", cfg, "check")
	if code != 0 {
		t.Fatalf("check exit %d: %s%s", code, out, errs)
	}
	if !strings.Contains(out, "检查完成：错误 0，警告 9") {
		t.Errorf("summary line missing:\n%s", out)
	}
	for _, want := range []string{"［weight-total］", "［year-mismatch］", "［code-pattern］", "［unit-missing］", "50011022T00000097945.md:2:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	for _, n := range checkSampleNames {
		if strings.Contains(out, n) {
			t.Errorf("check output repeats the reviewed name %s", n)
		}
	}
	b, err := os.ReadFile(filepath.Join(site, "audit", "redactions.json"))
	if err != nil {
		t.Fatalf("audit log not written to privacy.audit_log: %v", err)
	}
	var log struct {
		Version    int    `json:"version"`
		Policy     string `json:"policy"`
		Redactions []struct {
			Project string `json:"project"`
			SHA256  string `json:"sha256"`
		} `json:"redactions"`
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != 1 || log.Policy != "mask" || len(log.Redactions) != 12 {
		t.Errorf("audit log: version %d policy %q, %d entries; want 1, mask, 12", log.Version, log.Policy, len(log.Redactions))
	}
	for _, n := range checkSampleNames {
		if strings.Contains(string(b), n) {
			t.Errorf("audit log holds %s", n)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("check created the output folder")
	}
}

func TestCheckCommandJSON(t *testing.T) {
	cfg, _ := checkSite(t, reviewedNames)
	code, out, errs := cli(t, "--config", cfg, "check", "--format", "json")
	if code != 0 {
		t.Fatalf("check exit %d: %s", code, errs)
	}
	var rep struct {
		Version int `json:"version"`
		Summary struct {
			Errors   *int `json:"errors"`
			Warnings *int `json:"warnings"`
			Info     *int `json:"info"`
		} `json:"summary"`
		Findings []struct {
			Severity   string `json:"severity"`
			Rule       string `json:"rule"`
			Project    string `json:"project"`
			File       string `json:"file"`
			Line       int    `json:"line"`
			Message    string `json:"message"`
			Suggestion string `json:"suggestion"`
		} `json:"findings"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("output is not the documented JSON: %v\n%s", err, out)
	}
	if rep.Version != 1 || rep.Summary.Errors == nil || rep.Summary.Warnings == nil || rep.Summary.Info == nil {
		t.Fatalf("version %d, summary %+v", rep.Version, rep.Summary)
	}
	if *rep.Summary.Errors != 0 || *rep.Summary.Warnings != 9 {
		t.Errorf("summary errors %d warnings %d, want 0 and 9", *rep.Summary.Errors, *rep.Summary.Warnings)
	}
	if len(rep.Findings) != *rep.Summary.Errors+*rep.Summary.Warnings+*rep.Summary.Info {
		t.Errorf("%d findings do not match the summary", len(rep.Findings))
	}
	warnings := 0
	for _, f := range rep.Findings {
		if f.Severity == "warning" {
			warnings++
			if f.Rule == "" || f.Project == "" || f.File == "" || f.Line == 0 || f.Message == "" || f.Suggestion == "" {
				t.Errorf("warning without location: %+v", f)
			}
		}
	}
	if warnings != 9 {
		t.Errorf("%d warnings in findings", warnings)
	}
	if strings.Contains(out, "检查完成") {
		t.Error("JSON output mixed with the text summary")
	}
}

func TestCheckCommandUnreviewedNames(t *testing.T) {
	cfg, _ := checkSite(t, "")
	code, out, _ := cli(t, "--config", cfg, "check")
	if code != 1 {
		t.Errorf("check exit %d with unreviewed names, want 1", code)
	}
	if !strings.Contains(out, "李云芳") || !strings.Contains(out, "［privacy-person-name］") || !strings.Contains(out, "privacy.redact") {
		t.Errorf("output does not name 李云芳 and the fix:\n%s", out)
	}
	if !strings.Contains(out, "检查完成：错误 12，警告 9") {
		t.Errorf("summary line:\n%s", out)
	}
}

func TestCheckCommandHTMLReport(t *testing.T) {
	cfg, site := checkSite(t, reviewedNames)
	report := filepath.Join(site, "reports", "report.html")
	if err := os.MkdirAll(filepath.Dir(report), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errs := cli(t, "--config", cfg, "check", "--html", report)
	if code != 0 {
		t.Fatalf("check --html exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{"绩效目标数据检查报告", "项目 50011021T000000048440", `href="../content/2022/50011021T000000048440.md"`, "weight-total"} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %s", want)
		}
	}
	for _, n := range checkSampleNames {
		if strings.Contains(html, n) {
			t.Errorf("report holds %s", n)
		}
	}

	inOut := filepath.Join(site, "public", "report.html")
	code, _, errs = cli(t, "--config", cfg, "check", "--html", inOut)
	if code == 0 || !strings.Contains(errs, "不能写在输出目录") {
		t.Errorf("--html inside the output folder: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(inOut); err == nil {
		t.Error("report written inside the output folder")
	}
}

func TestCheckCommandBadFlags(t *testing.T) {
	cfg, _ := checkSite(t, reviewedNames)
	code, out, errs := cli(t, "--config", cfg, "check", "--format", "xml")
	if code == 0 || !strings.Contains(errs, "--format") || !strings.Contains(errs, "xml") {
		t.Errorf("--format xml: exit %d, %q", code, errs)
	}
	if out != "" {
		t.Errorf("--format xml printed %q", out)
	}
	// The audit log may not go into the published folder either.
	site := filepath.Dir(cfg)
	writeFile(t, cfg, "content: content\nout: public\n"+reviewedNames+"  audit_log: public/redactions.json\n")
	code, _, errs = cli(t, "--config", cfg, "check")
	if code == 0 || !strings.Contains(errs, "privacy.audit_log") {
		t.Errorf("audit log inside the output folder: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "redactions.json")); err == nil {
		t.Error("audit log written inside the output folder")
	}
}
