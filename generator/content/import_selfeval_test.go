package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/layouts/cellvalue"
	"budgetsite/generator/tables"
)

// dayingTarget is the target table of the 自评 in selfeval-daying.csv,
// made up in the shape of a Sichuan 申报表 for these tests: the same code,
// year and agencies; five of its indicators are the 自评's, the sixth
// (服务对象满意度) is not, and the 自评's 使用人员满意度 is not among them.
const dayingTarget = "部门预算项目绩效目标申报表(2023年度)\r\n" +
	"项目名称,51092324T000010263357-2023年全县安可替代补助资金项目\r\n" +
	"主管部门,大英县司法局部门,实施单位,大英县司法局\r\n" +
	"资金总额（万元）,3.36\r\n" +
	"年度目标,根据要求购买安可设备，并完成项目资金支付。\r\n" +
	"一级指标,二级指标,三级指标,指标性质,指标值,度量单位,权重\r\n" +
	"产出指标,质量指标,完成安可产品购买并按要求支付资金,=,100,%,30\r\n" +
	"产出指标,数量指标,购买安可电脑数量,≥,13,台,20\r\n" +
	"产出指标,时效指标,资金支付及时率,≥,90,%,10\r\n" +
	"产出指标,经济成本指标,成本控制数,≤,30,万元,10\r\n" +
	"效益指标,社会效益指标,安可替代完成率,≥,95,%,10\r\n" +
	"满意度指标,服务对象满意度指标,服务对象满意度,≥,90,%,10\r\n"

func writeFile(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readProject(t *testing.T, path string) (*budget.Project, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(strings.NewReader(string(data)), path)
	if err != nil {
		t.Fatal(err)
	}
	return p, string(data)
}

func notesText(notes budget.ErrorList) string {
	var b strings.Builder
	for _, n := range notes {
		b.WriteString(n.Error() + "\n")
	}
	return b.String()
}

// TestImportSelfEvalByCode imports a target and its 自评 (by code) in
// one run, then: the same again (nothing changes), the target alone (the
// evaluation stays), the 自评 over an evaluation edited by hand (a
// warning, a backup, the 自评's evaluation back).
func TestImportSelfEvalByCode(t *testing.T) {
	tmp := t.TempDir()
	target := writeFile(t, filepath.Join(tmp, "daying-target.csv"), dayingTarget)
	self := layoutFixture("selfeval-daying.csv")
	dir := filepath.Join(tmp, "content")
	res, err := Import([]string{target, self}, dir, tables.ParseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "2023", "51092324T000010263357.md")
	if res.Projects != 1 || len(res.Written) != 1 || res.Written[0] != path {
		t.Fatalf("imported %d, wrote %v", res.Projects, res.Written)
	}
	p, text := readProject(t, path)
	if len(p.Indicators) != 6 || p.Indicators[0].Weight.String() != "30" || p.Evaluation == nil {
		t.Fatalf("project %+v", p)
	}
	ev := p.Evaluation
	if ev.Total == nil || ev.Total.String() != "99" || ev.Conclusion != "根据财政局资金下达的管理办法，将资金支付给项目施工方。" ||
		len(ev.Indicators) != 6 || ev.Budget.Adjusted.String() != "3.36" || ev.Source.File != "selfeval-daying.csv" || ev.Source.Line != 2 {
		t.Errorf("evaluation %+v", ev)
	}
	pairs, unmatched := p.Pairs()
	if len(unmatched) != 1 || unmatched[0].Level3 != "使用人员满意度" || pairs[5].Result != nil || pairs[3].Result == nil || pairs[3].Result.Target != "≤30万元" {
		t.Errorf("pairs %+v, unmatched %+v", pairs, unmatched)
	}
	notes := notesText(res.Notes)
	for _, want := range []string{
		target + `:12: 项目“2023年全县安可替代补助资金项目”的绩效指标“满意度指标／服务对象满意度指标／服务对象满意度”在自评表 ` + self + " 中没有对应的结果",
		self + `:19: 自评表的指标“满意度指标／服务对象满意度指标／使用人员满意度”在项目“2023年全县安可替代补助资金项目”的绩效目标中没有对应的指标，已单独保存`,
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes:\n%s\nwant %q", notes, want)
		}
	}
	for _, name := range []string{"张某某", "李某某", "项目负责人", "财务负责人"} {
		if strings.Contains(text, name) {
			t.Errorf("the content file holds %q", name)
		}
	}

	// The same files again: nothing changes, no warning.
	res, err = Import([]string{target, self}, dir, tables.ParseOptions{}, nil)
	if err != nil || len(res.Written) != 0 || len(res.Unchanged) != 1 || strings.Contains(notesText(res.Notes), "已按自评表覆盖") {
		t.Fatalf("re-import: %v, wrote %v, notes %v", err, res.Written, res.Notes)
	}
	// The target alone keeps the evaluation, as it keeps pub_date.
	res, err = Import([]string{target}, dir, tables.ParseOptions{}, nil)
	if err != nil || len(res.Written) != 0 {
		t.Fatalf("target re-import: %v, wrote %v", err, res.Written)
	}
	if _, again := readProject(t, path); again != text {
		t.Error("re-importing the target changed the file")
	}
	// An evaluation edited by hand is overwritten by the 自评 only with a
	// warning, and the edited file is kept as a backup.
	edited := strings.Replace(text, "conclusion: 根据财政局资金下达的管理办法", "conclusion: 手工改过的结论。根据财政局资金下达的管理办法", 1)
	if edited == text {
		t.Fatal("the conclusion is not in the file")
	}
	writeFile(t, path, edited)
	res, err = Import([]string{self}, dir, tables.ParseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := notesText(res.Notes); !strings.Contains(n, path+": 内容文件中的 evaluation（自评）与自评表 "+self+" 不同，已按自评表覆盖；原文件已保存为 51092324T000010263357.md.bak") {
		t.Errorf("notes:\n%s", n)
	}
	if _, now := readProject(t, path); now != text {
		t.Errorf("the 自评 did not restore its evaluation:\n%s", now)
	}
	if bak, err := os.ReadFile(path + ".bak"); err != nil || string(bak) != edited {
		t.Errorf("backup: %v", err)
	}
	// The backup is no content file: the folder still loads.
	if ps, _, err := LoadDir(dir, nil); err != nil || len(ps) != 1 {
		t.Errorf("LoadDir: %d projects, %v", len(ps), err)
	}
}

// guichiTarget is the target table of selfeval-guichi.xlsx, made up with
// a code of its own: the 自评 prints none, so it attaches by 实施单位 and
// name. Its indicators are the 自评's first two.
const guichiTarget = "项目支出绩效目标表(2022年度)\r\n" +
	"项目名称,34170022T000000000001-委托业务项目\r\n" +
	"主管部门,219-池州市贵池区棠溪镇人民政府,实施单位,219001-池州市贵池区棠溪镇人民政府\r\n" +
	"资金总额（万元）,90\r\n" +
	"年度目标,完成委托业务。\r\n" +
	"一级指标,二级指标,三级指标,指标值,权重\r\n" +
	"产出指标,数量指标,基建工程委托业务项目数量,≥50个,50\r\n" +
	"产出指标,质量指标,委托业务报告合格率,≥100百分比,40\r\n"

// TestImportSelfEvalByName imports a target, then in another run its
// 自评 (a workbook with no code): the 自评 finds the content file by
// 实施单位 and name and attaches to it; no other file is made.
func TestImportSelfEvalByName(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "content")
	target := writeFile(t, filepath.Join(tmp, "guichi-target.csv"), guichiTarget)
	if _, err := Import([]string{target}, dir, tables.ParseOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "2022", "34170022T000000000001.md")
	_, before := readProject(t, path)
	self := layoutFixture("selfeval-guichi.xlsx")
	plan, err := PlanInto([]string{self}, dir, tables.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Projects) != 1 || !plan.Projects[0].Existing || plan.Projects[0].Code != "34170022T000000000001" ||
		plan.Projects[0].Matched != 2 || plan.Projects[0].Unmatched != 8 || plan.Projects[0].Missing != 0 {
		t.Fatalf("plan %+v", plan.Projects)
	}
	res, err := Import([]string{self}, dir, tables.ParseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 1 || res.Written[0] != path {
		t.Fatalf("wrote %v", res.Written)
	}
	p, text := readProject(t, path)
	if p.Evaluation == nil || p.Evaluation.Total.String() != "90" || p.Evaluation.Grade != "优" || len(p.Evaluation.Indicators) != 10 {
		t.Fatalf("evaluation %+v", p.Evaluation)
	}
	if !strings.HasPrefix(text, before[:strings.Index(before, "source:")]) {
		t.Errorf("the target's fields changed:\n%s", text)
	}
	if strings.Contains(text, "王某某") || strings.Contains(text, "0566-0000000") {
		t.Error("personal information in the content file")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "2022")); len(entries) != 1 {
		t.Errorf("%d files in 2022", len(entries))
	}
	if !strings.Contains(notesText(res.Notes), "自评表的指标“产出指标／质量指标／经费支出合规性”在项目“委托业务项目”的绩效目标中没有对应的指标") {
		t.Errorf("notes:\n%s", notesText(res.Notes))
	}
	// Once more: unchanged.
	if res, err := Import([]string{self}, dir, tables.ParseOptions{}, nil); err != nil || len(res.Written) != 0 {
		t.Errorf("re-import: %v %v", err, res)
	}
}

// TestImportSelfEvalAlone: a 自评 with no target anywhere (28, extracted
// text that package tables does not recognise) makes its project from
// the 自评: indicators from the 年度指标值, no weights, a note.
func TestImportSelfEvalAlone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	self := layoutFixture("selfeval-hengshan.txt")
	res, err := Import([]string{self}, dir, tables.ParseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	code := cellvalue.DerivedCode("2020", "粮食调控储备与产业发展股", "县级储备粮")
	path := filepath.Join(dir, "2020", code+".md")
	if len(res.Written) != 1 || res.Written[0] != path {
		t.Fatalf("wrote %v", res.Written)
	}
	p, text := readProject(t, path)
	if len(p.Indicators) != 16 || p.HasWeights() || p.Indicators[0].Operator != "=" || p.Indicators[0].Value != "100" || p.Indicators[0].Unit != "%" ||
		p.Funds.String() != "194.9" || p.AnnualGoal != "保持和稳定地方粮食储备机制" {
		t.Errorf("project %+v", p)
	}
	if p.Evaluation == nil || p.Evaluation.Total != nil || p.Evaluation.Indicators[10].Actual != "无" || p.Evaluation.GoalActual != "地方储备粮食规模达标" {
		t.Errorf("evaluation %+v", p.Evaluation)
	}
	if _, unmatched := p.Pairs(); len(unmatched) != 0 {
		t.Errorf("unmatched %+v", unmatched)
	}
	if n := notesText(res.Notes); !strings.Contains(n, self+":2: 自评表中的项目“县级储备粮”（2020 年，"+code+"）没有对应的绩效目标表，已按自评表建立项目") {
		t.Errorf("notes:\n%s", n)
	}
	if strings.Contains(text, "旷某某") || strings.Contains(text, "向某某") {
		t.Error("personal information in the content file")
	}
}

// TestImportSelfEvalBadInput: a 自评 beside a bad file, and two 自评
// tables of one project: nothing is written.
func TestImportSelfEvalBadInput(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "content")
	bad := writeFile(t, filepath.Join(tmp, "bad.csv"), "项目支出绩效自评表(2022年度)\r\n项目名称,某项目\r\n")
	if _, err := Import([]string{layoutFixture("selfeval-daying.csv"), bad}, dir, tables.ParseOptions{}, nil); err == nil {
		t.Fatal("no error")
	}
	copy := writeFile(t, filepath.Join(tmp, "copy.csv"), mustRead(t, layoutFixture("selfeval-daying.csv")))
	_, err := Import([]string{layoutFixture("selfeval-daying.csv"), copy}, dir, tables.ParseOptions{}, nil)
	if err == nil || !strings.Contains(err.Error(), "有两张自评表") {
		t.Fatalf("error %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("content folder written: %v", err)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestImportSelfEvalPipes: a pipe-separated .txt (26, no year printed)
// is not Chongqing's text: it is read as cells, with --year.
func TestImportSelfEvalPipes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	self := layoutFixture("selfeval-nanhua.txt")
	if _, err := Import([]string{self}, dir, tables.ParseOptions{}, nil); err == nil || !strings.Contains(err.Error(), "无法确定这张表的年度") {
		t.Fatalf("without --year: %v", err)
	}
	res, err := Import([]string{self}, dir, tables.ParseOptions{Year: 2023}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := readProject(t, res.Written[0])
	if p.Year != 2023 || p.Evaluation == nil || p.Evaluation.Indicators[3].MaxScore.String() != "10.8" || p.Evaluation.Total.String() != "100" {
		t.Errorf("project %+v", p)
	}
}
