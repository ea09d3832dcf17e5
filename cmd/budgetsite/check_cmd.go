package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"budgetsite/generator"
	"budgetsite/generator/check"
)

func newCheckCmd(g *globalFlags, stdout io.Writer) *cobra.Command {
	var content, format, htmlOut string
	cmd := &cobra.Command{
		Use:   "check [--content DIR] [--format text|json] [--html FILE]",
		Short: "检查数据质量和个人信息",
		Long: "check 按规则检查内容文件（权重合计、指标名称、指标性质、度量单位、年度、编码等），并查找个人信息（身份证号、手机号、银行卡号、遗属等语境中的姓名）。\n" +
			"发现错误时退出状态为 1。同时写出隐去记录 redactions.json（只含原文的哈希值）。",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("content") {
				cfg.ContentDir = content
			}
			if format != "text" && format != "json" {
				return fmt.Errorf("--format 应为 text 或 json，而不是“%s”", format)
			}
			rep, err := generator.CheckContent(cfg)
			if err != nil {
				return err
			}
			rep.Findings = append(placeholderFindings(cfg), rep.Findings...)
			if err := writeAuditLog(cfg, rep); err != nil {
				return err
			}
			if htmlOut != "" {
				if inside(htmlOut, cfg.OutDir) {
					return fmt.Errorf("%s: 检查报告不能写在输出目录 %s 中，它不是公开内容。请换一个位置", htmlOut, cfg.OutDir)
				}
				b, err := rep.RenderHTMLReport(htmlOut)
				if err != nil {
					return err
				}
				if err := os.WriteFile(htmlOut, b, 0o644); err != nil {
					return fmt.Errorf("%s: 无法写入检查报告：%v", htmlOut, err)
				}
			}
			if format == "json" {
				enc := json.NewEncoder(stdout)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				if err := enc.Encode(rep.JSON()); err != nil {
					return err
				}
			} else {
				printFindings(stdout, rep)
			}
			if rep.Count(check.SevError) > 0 {
				return exitError(1)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&content, "content", "content", "内容目录")
	cmd.Flags().StringVar(&format, "format", "text", "输出格式：text 或 json")
	cmd.Flags().StringVar(&htmlOut, "html", "", "另外写出 HTML 检查报告到此文件（不要放在网站输出目录中）")
	return cmd
}

var severityLabel = map[string]string{check.SevError: "错误", check.SevWarning: "警告", check.SevInfo: "提示"}

func printFindings(w io.Writer, rep *check.Report) {
	for _, f := range rep.Findings {
		loc := f.File
		if f.Line > 0 {
			loc = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if loc == "" {
			loc = "全站"
		}
		fmt.Fprintf(w, "%s: %s［%s］%s\n", loc, severityLabel[f.Severity], f.Rule, f.Message)
		if f.Suggestion != "" {
			fmt.Fprintf(w, "    建议：%s\n", f.Suggestion)
		}
	}
	s := rep.Summary()
	fmt.Fprintf(w, "检查完成：错误 %d，警告 %d，提示 %d，隐去个人信息 %d 处\n", s.Errors, s.Warnings, s.Info, len(rep.Redactions))
}

// writeAuditLog writes redactions.json, refusing any place inside the
// published folder.
func writeAuditLog(cfg generator.Config, rep *check.Report) error {
	p := cfg.Privacy.AuditLog
	if p == "" {
		return nil
	}
	if inside(p, cfg.OutDir) {
		return fmt.Errorf("%s: 隐去记录不能写在输出目录 %s 中。请修改 privacy.audit_log", p, cfg.OutDir)
	}
	b, err := rep.MarshalAuditLog(cfg.Privacy.Policy)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		return fmt.Errorf("%s: 无法写入隐去记录：%v", p, err)
	}
	return nil
}

func inside(p, dir string) bool {
	ap, err1 := filepath.Abs(p)
	ad, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(ad, ap)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
