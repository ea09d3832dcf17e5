package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportWorkbookPrintsDerivedCodes: importing the Sichuan flat list
// (a workbook whose projects print no code) writes one content file per
// project and tells the publisher, cell by cell, the codes it made.
func TestImportWorkbookPrintsDerivedCodes(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	code, out, errs := cli(t, "import", "--content", content, "../../generator/layouts/testdata/flat.xlsx")
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"提示：../../generator/layouts/testdata/flat.xlsx!Sheet1!B5: 项目“马踏镇2023年村（社区）干部报酬”没有项目编码，已生成编码 X3F2B5142BB4F7F2A。",
		"导入 3 个项目（2023 年）：写入 3 个文件",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if files := listFiles(t, content); len(files) != 3 || !strings.HasSuffix(files[0], filepath.Join("2023", "X0D383EA66912049A.md")) {
		t.Errorf("wrote %v", files)
	}
}

// TestImportDryRun: --dry-run parses the sample and a workbook as import
// does, lists every project (derived codes marked, funds exact) and
// writes nothing, not even into a content folder that already exists;
// bad input fails as a real import does.
func TestImportDryRun(t *testing.T) {
	needSample(t)
	content := filepath.Join(t.TempDir(), "content")
	writeFile(t, filepath.Join(content, "2022", "keep.md"), "不动\n")
	before := listFiles(t, content)
	code, out, errs := cli(t, "import", "--dry-run", "--content", content, sample, "../../generator/layouts/testdata/flat.xlsx")
	if code != 0 {
		t.Fatalf("dry run exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"2022 年 50011021T000000048440 电子政务外网延伸到村居网络工程｜主管部门 103-重庆市綦江区人民政府办公室｜实施单位 103002-重庆市綦江区电子政务中心｜资金总额 109.73 万元｜绩效指标 7 个\n",
		"2022 年 50011022T000000133648 遗属生活补助｜主管部门 103-重庆市綦江区人民政府办公室｜实施单位 103001-重庆市綦江区人民政府办公室（本级）｜资金总额 2.71 万元｜绩效指标 5 个\n",
		"2023 年 X0D383EA66912049A（生成） 马踏镇场镇环境卫生保洁经费｜主管部门 820-马踏镇部门｜实施单位 820001-井研县马踏镇人民政府｜资金总额 551.778053 万元｜绩效指标 3 个\n",
		"提示：../../generator/layouts/testdata/flat.xlsx!Sheet1!B5: 项目“马踏镇2023年村（社区）干部报酬”没有项目编码，已生成编码 X3F2B5142BB4F7F2A。",
		"试导入：将导入 17 个项目（2022、2023 年）到目录 " + content + "，未写入任何文件\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "2022 年 500110"); n != 14 {
		t.Errorf("listed %d of the sample's 14 projects:\n%s", n, out)
	}
	if n := strings.Count(out, "（生成）"); n != 3 {
		t.Errorf("%d derived codes marked, want 3:\n%s", n, out)
	}
	if after := listFiles(t, content); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("dry run changed content/: %v → %v", before, after)
	}
	if data, _ := os.ReadFile(filepath.Join(content, "2022", "keep.md")); string(data) != "不动\n" {
		t.Errorf("dry run changed a content file: %q", data)
	}

	// A missing content folder stays missing.
	fresh := filepath.Join(t.TempDir(), "content")
	if code, _, errs := cli(t, "import", "--dry-run", "--content", fresh, sample); code != 0 {
		t.Fatalf("dry run exit %d: %s", code, errs)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("dry run created %s: %v", fresh, err)
	}

	// Errors as in a real import: exit 1, in Chinese, nothing written.
	bad := filepath.Join(t.TempDir(), "empty.txt")
	writeFile(t, bad, "这不是绩效目标表\n")
	code, out, errs = cli(t, "import", "--dry-run", "--content", fresh, bad)
	if code != 1 || !strings.Contains(errs, "empty.txt:1") || !strings.Contains(errs, "没有找到可识别的绩效目标表") || strings.Contains(out, "试导入") {
		t.Errorf("bad input: exit %d, out %q, err %q", code, out, errs)
	}
	code, _, errs = cli(t, "import", "--dry-run", "--content", fresh, sample, sample)
	if code != 1 || !strings.Contains(errs, "重复") {
		t.Errorf("duplicate codes: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("failed dry run created %s: %v", fresh, err)
	}
}

// TestImportDryRunSelfEval: --dry-run lists each 自评 under the project
// it would attach to (a target of the same run, a project already in
// the content folder, or none), with its total, grade and how its
// indicators pair, and writes nothing.
func TestImportDryRunSelfEval(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	target := filepath.Join(t.TempDir(), "target.csv")
	writeFile(t, target, "项目支出绩效目标表(2022年度)\n项目名称,34170022T000000000001-委托业务项目\n"+
		"主管部门,219-池州市贵池区棠溪镇人民政府,实施单位,219001-池州市贵池区棠溪镇人民政府\n资金总额（万元）,90\n年度目标,完成委托业务。\n"+
		"一级指标,二级指标,三级指标,指标值,权重\n产出指标,数量指标,基建工程委托业务项目数量,≥50个,50\n产出指标,质量指标,委托业务报告合格率,≥100百分比,40\n"+
		"产出指标,质量指标,报告按时提交率,100%,10\n")
	if code, _, errs := cli(t, "import", "--content", content, target); code != 0 {
		t.Fatalf("import exit %d: %s", code, errs)
	}
	before := listFiles(t, content)
	guichi, hengshan := "../../generator/layouts/testdata/selfeval-guichi.xlsx", "../../generator/layouts/testdata/selfeval-hengshan.txt"
	code, out, errs := cli(t, "import", "--dry-run", "--content", content, guichi, hengshan)
	if code != 0 {
		t.Fatalf("dry run exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"2022 年 34170022T000000000001 委托业务项目｜主管部门 219-池州市贵池区棠溪镇人民政府｜实施单位 219001-池州市贵池区棠溪镇人民政府｜资金总额 90 万元｜绩效指标 3 个\n" +
			"  自评表 " + guichi + "（附在已有的 " + filepath.Join(content, "2022", "34170022T000000000001.md") + " 上）｜总分 90｜评价等次 优｜指标对应 2 个，自评表多出 8 个，绩效目标缺少结果 1 个\n",
		"  自评表 " + hengshan + "（没有绩效目标表，按自评表建立项目）｜总分 未填｜评价等次 未填｜指标对应 16 个，自评表多出 0 个，绩效目标缺少结果 0 个\n",
		"绩效指标“产出指标／质量指标／报告按时提交率”在自评表 " + guichi + " 中没有对应的结果",
		"试导入：将导入 2 个项目（2020、2022 年），其中 2 个附自评表，到目录 " + content + "，未写入任何文件\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if after := listFiles(t, content); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("dry run changed content/: %v → %v", before, after)
	}
}
