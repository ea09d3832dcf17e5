package main

import (
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
