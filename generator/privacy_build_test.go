package generator

import (
	"budgetsite/generator/check"
	"budgetsite/generator/internal/testkit"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrivacyBuildPublishesNoNames(t *testing.T) {
	content := importSample(t)
	cfg := testConfig(t, content)
	build(t, cfg)
	files := testkit.ReadTree(t, cfg.OutDir)
	if len(files) < 20 {
		t.Fatalf("only %d output files", len(files))
	}
	for name, b := range files {
		for _, n := range testkit.SampleNames {
			for _, form := range testkit.NameForms(n) {
				if bytes.Contains(b, []byte(form)) {
					t.Errorf("%s holds %s as %q", name, n, form)
				}
			}
		}
	}
	page := string(files["2022/project/50011022T000000133648.html"])
	data := string(files["data/projects.json"])
	if page == "" || data == "" {
		t.Fatalf("project page or projects.json missing; files: %v", sortedKeys(files)[:10])
	}
	for _, masked := range []string{"李某某", "王某某", "钱某某", "林某某", "文某某", "包某某"} {
		if !strings.Contains(page, masked) {
			t.Errorf("project page lacks %s", masked)
		}
		if !strings.Contains(data, masked) {
			t.Errorf("projects.json lacks %s", masked)
		}
	}
	// The content files keep the source text.
	src, err := os.ReadFile(filepath.Join(content, "2022", "50011022T000000133648.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range testkit.SampleNames {
		if c := strings.Count(string(src), n); c != 2 {
			t.Errorf("content file holds %s %d times, want 2", n, c)
		}
	}

	cfg.Privacy.Policy = "remove"
	cfg.OutDir = filepath.Join(t.TempDir(), "removed")
	build(t, cfg)
	removed := testkit.ReadTree(t, cfg.OutDir)
	page = string(removed["2022/project/50011022T000000133648.html"])
	if c := strings.Count(page, "（姓名已隐去）"); c < 6 {
		t.Errorf("remove policy: page shows （姓名已隐去） %d times, want at least 6", c)
	}
	if strings.Contains(page, "李某某") || !strings.Contains(string(removed["data/projects.json"]), "（姓名已隐去）") {
		t.Error("remove policy still masks as 李某某 or projects.json lacks （姓名已隐去）")
	}
	for name, b := range removed {
		for _, n := range testkit.SampleNames {
			if bytes.Contains(b, []byte(n)) {
				t.Errorf("remove policy: %s holds %s", name, n)
			}
		}
	}
}

func TestPrivacyUnreviewedNameBlocksBuild(t *testing.T) {
	content := importSample(t)
	cfg := testConfig(t, content)
	build(t, cfg)
	before := testkit.ReadTree(t, cfg.OutDir)

	code := "50011022T000000999999"
	text := testkit.Edit(t, testkit.ContentFixture,
		"code: "+testkit.FixtureCode, "code: "+code,
		"name: 测试部门", "name: 重庆市綦江区人民政府办公室",
		"name: 测试单位", "name: 重庆市綦江区人民政府办公室（本级）",
		"项目概况。", "补助对象张三丰，已故职工赵德柱之妻，按月发放生活补助。")
	fixture := filepath.Join(content, "2022", code+".md")
	if err := os.WriteFile(fixture, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), cfg)
	var blocked *check.BlockedError
	if !errors.As(err, &blocked) {
		t.Fatalf("build with an unreviewed name: %v, want a *BlockedError", err)
	}
	msg := err.Error()
	loc := fmt.Sprintf("%s:%d", filepath.ToSlash(fixture), 40)
	for _, want := range []string{loc, "张三丰", "赵德柱", "privacy.redact", "privacy:\n  redact:\n    - 张三丰\n    - 赵德柱\n", "原有网站未被改动"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Join(blocked.Unreviewed, ",") != "张三丰,赵德柱" {
		t.Errorf("unreviewed %v", blocked.Unreviewed)
	}
	after := testkit.ReadTree(t, cfg.OutDir)
	if len(after) != len(before) {
		t.Errorf("output has %d files after the blocked build, had %d", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("%s changed after the blocked build", name)
		}
	}
	assertNoStaging(t, filepath.Dir(cfg.OutDir))

	// Once reviewed, the build goes through and publishes neither name.
	cfg.Privacy.Redact = append(append([]string(nil), testkit.SampleNames...), "张三丰", "赵德柱")
	build(t, cfg)
	for name, b := range testkit.ReadTree(t, cfg.OutDir) {
		for _, n := range []string{"张三丰", "赵德柱"} {
			if bytes.Contains(b, []byte(n)) {
				t.Errorf("%s holds the reviewed name %s", name, n)
			}
		}
	}
}
