package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"budgetsite/generator"
	"budgetsite/generator/content"
	"budgetsite/generator/tables"
)

// run is the whole CLI, testable without a process: arguments in, output
// to the given writers, exit status out.
func run(args []string, stdout, stderr io.Writer) int {
	// A province-sized build fits in about 1.2 GB when the collector is
	// told to stay under it; GOMEMLIMIT overrides. Below that limit the
	// heap may grow to three times what is live (GOGC 200; GOGC
	// overrides): a cold build of 10,000 projects then spends 8 % less
	// CPU for about 90 MB more memory.
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(1200 << 20)
	}
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(200)
	}
	defer utf8Console()()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd(ctx, stdout, stderr)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		var ee exitError
		if errors.As(err, &ee) {
			return int(ee)
		}
		fmt.Fprintln(stderr, "错误："+err.Error())
		return 1
	}
	return 0
}

// exitError ends the run with a status after the command printed its own
// report.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit %d", int(e)) }

type globalFlags struct {
	config string
}

func newRootCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:           "budgetsite",
		Short:         "预算绩效目标公开网站生成器",
		Long:          "budgetsite 把从项目支出绩效目标表 PDF 提取的文本导入为内容文件，并生成可离线浏览的政务公开静态网站。",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	// What a double click in Windows Explorer shows (cobra's mousetrap).
	cobra.MousetrapHelpText = "budgetsite 是命令行程序，双击不能使用。\n" +
		"请在程序所在文件夹的资源管理器地址栏输入 cmd 后回车，在打开的命令行窗口中输入命令，例如：\n" +
		"  budgetsite init 网站\n" +
		"详见同一文件夹中的 README.md。本窗口 30 秒后自动关闭。\n"
	cobra.MousetrapDisplayDuration = 30 * time.Second
	// --version prints the same as the version command.
	bi := currentBuildInfo()
	root.Version = bi.Version
	root.SetVersionTemplate(bi.String())
	root.Flags().BoolP("version", "v", false, "显示版本信息")
	root.PersistentFlags().StringVar(&g.config, "config", "config.yaml", "配置文件路径")
	root.AddCommand(newInitCmd(stdout), newImportCmd(g, stdout, stderr), newBuildCmd(ctx, g, stdout, stderr), newCheckCmd(g, stdout))
	root.AddCommand(newServeCmd(ctx, g, stdout, stderr), newVersionCmd(stdout))
	return root
}

func (g *globalFlags) load(cmd *cobra.Command) (generator.Config, error) {
	return loadConfig(viper.New(), g.config, cmd.Flags().Changed("config"))
}

func newImportCmd(g *globalFlags, stdout, stderr io.Writer) *cobra.Command {
	var contentDir string
	var year int
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import [--content DIR] [--dry-run] FILE...",
		Short: "把绩效目标表导入为内容文件",
		Long: "import 读取从绩效目标表 PDF 提取的文本（.txt，制表符分隔，UTF-8 或 GB18030），或 Excel 工作簿（.xlsx）、CSV 文件（.csv）、网页（.html），每个项目写成一个 Markdown 内容文件：DIR/<年度>/<项目编码>.md。\n" +
			"表中没有项目编码时，按年度、实施单位和项目名称生成编码并提示。所有文件先全部检查，有任何错误都不写入。\n" +
			"绩效自评表附在同一年度的项目上：按项目编码，没有编码时按实施单位和项目名称；对不上的指标逐条提示。\n" +
			"加 --dry-run 只检查并列出将导入的项目，不写入任何文件。",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("content") {
				cfg.ContentDir = contentDir
			}
			if dryRun {
				plan, err := content.PlanInto(args, cfg.ContentDir, tables.ParseOptions{Year: year})
				if err != nil {
					return err
				}
				printPlan(stdout, plan, cfg.ContentDir)
				return nil
			}
			start := time.Now()
			bar := newProgressBar(stderr, "导入")
			res, err := content.Import(args, cfg.ContentDir, tables.ParseOptions{Year: year}, bar.update)
			bar.finish()
			if err != nil {
				return err
			}
			for _, n := range res.Notes {
				fmt.Fprintln(stdout, "提示："+n.Error())
			}
			years := make([]string, len(res.Years))
			for i, y := range res.Years {
				years[i] = fmt.Sprint(y)
			}
			fmt.Fprintf(stdout, "导入 %d 个项目（%s 年）：写入 %d 个文件，%d 个未变，用时 %s，目录 %s\n",
				res.Projects, strings.Join(years, "、"), len(res.Written), len(res.Unchanged), time.Since(start).Round(time.Millisecond), cfg.ContentDir)
			return nil
		},
	}
	cmd.Flags().StringVar(&contentDir, "content", "content", "内容目录")
	cmd.Flags().IntVar(&year, "year", 0, "标题中没有年度时使用的年度")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "只检查并列出将导入的项目，不写入任何文件")
	return cmd
}

// printPlan lists what an import would write, one line per project, then
// the notes and a summary line.
func printPlan(w io.Writer, plan *content.ImportPlan, contentDir string) {
	for _, p := range plan.Projects {
		code := p.Code
		if p.DerivedCode {
			code += "（生成）"
		}
		fmt.Fprintf(w, "%d 年 %s %s｜主管部门 %s｜实施单位 %s｜资金总额 %s 万元｜绩效指标 %d 个\n",
			p.Year, code, p.Name, coded(p.Department.Code, p.Department.Name), coded(p.Unit.Code, p.Unit.Name),
			p.Funds, len(p.Indicators))
		if p.SelfEval != "" {
			printSelfEval(w, p)
		}
	}
	for _, n := range plan.Notes {
		fmt.Fprintln(w, "提示："+n.Error())
	}
	years := make([]string, len(plan.Years))
	selfEvals := 0
	for i, y := range plan.Years {
		years[i] = fmt.Sprint(y)
	}
	for _, p := range plan.Projects {
		if p.SelfEval != "" {
			selfEvals++
		}
	}
	also := ""
	if selfEvals > 0 {
		also = fmt.Sprintf("，其中 %d 个附自评表，", selfEvals)
	}
	fmt.Fprintf(w, "试导入：将导入 %d 个项目（%s 年）%s到目录 %s，未写入任何文件\n",
		len(plan.Projects), strings.Join(years, "、"), also, contentDir)
}

// printSelfEval prints, under its project's line, the 自评 an import
// would attach: where it goes, the total score and grade, and how its
// results pair with the target indicators.
func printSelfEval(w io.Writer, p content.Planned) {
	where := "附在本次导入的绩效目标表上"
	switch {
	case p.Existing:
		where = "附在已有的 " + p.From + " 上"
	case p.ResultOnly:
		where = "没有绩效目标表，按自评表建立项目"
	}
	total, grade := "未填", "未填"
	if e := p.Evaluation; e != nil && e.Total != nil {
		total = e.Total.String()
	}
	if e := p.Evaluation; e != nil && e.Grade != "" {
		grade = e.Grade
	}
	fmt.Fprintf(w, "  自评表 %s（%s）｜总分 %s｜评价等次 %s｜指标对应 %d 个，自评表多出 %d 个，绩效目标缺少结果 %d 个\n",
		p.SelfEval, where, total, grade, p.Matched, p.Unmatched, p.Missing)
}

// coded prints an agency as the tables do: “103-名称”.
func coded(code, name string) string {
	if code == "" {
		return name
	}
	return code + "-" + name
}

func newBuildCmd(ctx context.Context, g *globalFlags, stdout, stderr io.Writer) *cobra.Command {
	var contentDir, out, cpuprofile, memprofile string
	var strict, minifyPages, timings, noCache bool
	cmd := &cobra.Command{
		Use:   "build [--content DIR] [--out DIR] [--strict]",
		Short: "从内容文件生成网站",
		Long:  "build 读取内容目录、模板和资源，生成压缩后的静态网站。生成成功后才整体替换输出目录；失败时原有网站保持不变。",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("content") {
				cfg.ContentDir = contentDir
			}
			if cmd.Flags().Changed("out") {
				cfg.OutDir = out
			}
			if cmd.Flags().Changed("strict") {
				cfg.Strict = strict
			}
			cfg.MinifyPages = minifyPages
			cfg.NoCache = noCache
			if timings {
				cfg.Timings = stderr
			}
			if cpuprofile != "" {
				stop, err := startCPUProfile(cpuprofile)
				if err != nil {
					return err
				}
				defer stop()
			}
			bar := newProgressBar(stderr, "生成")
			if memprofile != "" {
				defer watchPeakHeap(memprofile)()
			}
			res, err := generator.BuildWithProgress(ctx, cfg, bar.update)
			bar.finish()
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, summary(res, cfg.OutDir))
			for _, f := range placeholderFindings(cfg) {
				fmt.Fprintf(stderr, "提示：%s。%s\n", f.Message, f.Suggestion)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&contentDir, "content", "content", "内容目录")
	cmd.Flags().StringVar(&out, "out", "public", "输出目录")
	cmd.Flags().BoolVar(&strict, "strict", false, "把数据检查的警告也当作错误")
	cmd.Flags().BoolVar(&noCache, "no-cache", false, "不读取也不保留生成缓存，完整重新生成")
	cmd.Flags().StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile (for developers)")
	_ = cmd.Flags().MarkHidden("cpuprofile")
	cmd.Flags().StringVar(&memprofile, "memprofile", "", "write a heap profile at the build's peak (for developers)")
	_ = cmd.Flags().MarkHidden("memprofile")
	cmd.Flags().BoolVar(&minifyPages, "minify-pages", false, "minify every page after rendering instead of the templates once (for measurement)")
	_ = cmd.Flags().MarkHidden("minify-pages")
	cmd.Flags().BoolVar(&timings, "timings", false, "print how long each phase of the build took (for developers)")
	_ = cmd.Flags().MarkHidden("timings")
	return cmd
}

// summary is the one line a build prints: pages written and unchanged,
// bytes written, warnings and time.
func summary(res *generator.Result, out string) string {
	what := "增量生成"
	switch {
	case res.Cold:
		what = "全量生成"
	case res.Written == 0:
		what = "无变化"
	}
	return fmt.Sprintf("%s %d 个项目：页面写入 %d、未变 %d（文件写入 %d、未变 %d），写入 %s，警告 %d 条，用时 %s → %s",
		what, res.Projects, res.PagesWritten, res.Pages-res.PagesWritten, res.Written, res.Unchanged,
		humanBytes(res.BytesWritten), len(res.Warnings), res.Elapsed.Round(time.Millisecond), out)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
