package main

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"budgetsite/generator"
	"budgetsite/generator/check"
)

// skeleton is the new site that `init` writes: config.yaml, README.txt
// and the free pages under content/pages/.
//
//go:embed skeleton
var skeleton embed.FS

const skeletonRoot = "skeleton"

// placeholderMark is in the values init leaves for the publisher to fill
// in (title, publisher); check warns while one is left.
const placeholderMark = "请填写"

func newInitCmd(stdout io.Writer) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init DIR [--force]",
		Short: "新建一个空网站：配置文件、内容文件夹、说明页面和操作步骤",
		Long: "init 在 DIR 中新建一个网站：带中文说明的 config.yaml、空的 content 文件夹、可修改的“说明”和“名词解释”页面，以及写有后续步骤的 README.txt。\n" +
			"DIR 必须是空文件夹或不存在；加 --force 时在非空文件夹中只补上缺少的文件。已有的文件从不覆盖。",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return errors.New("请指定要新建网站的文件夹，例如：budgetsite init 网站")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return initSite(stdout, args[0], force)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "文件夹不是空的也继续：只写入缺少的文件，已有文件不会被覆盖")
	return cmd
}

// initSite writes the skeleton into dir. Files are created with O_EXCL,
// so a file that exists, or appears meanwhile, is never overwritten.
func initSite(w io.Writer, dir string, force bool) error {
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s 是一个文件，不是文件夹。请换一个新的文件夹名", dir)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("%s: 无法读取文件夹：%v", dir, err)
		}
		if len(entries) > 0 && !force {
			return fmt.Errorf("%s 不是空文件夹（有 %d 项）。请换一个新的文件夹名；如确要在其中补上缺少的网站文件，请加 --force（已有文件不会被覆盖）", dir, len(entries))
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %v", dir, err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return fmt.Errorf("%s: 无法创建文件夹：%v。请检查路径和写入权限", dir, err)
	}
	var created, kept []string
	err := fs.WalkDir(skeleton, skeletonRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == skeletonRoot {
			return err
		}
		rel := strings.TrimPrefix(p, skeletonRoot+"/")
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if d.IsDir() {
			if err := os.MkdirAll(target, 0o755); err != nil {
				return fmt.Errorf("%s: 无法创建文件夹：%v", target, err)
			}
			return nil
		}
		b, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		if path.Ext(rel) == ".txt" {
			b = windowsText(b)
		}
		switch err := writeNew(target, b); {
		case errors.Is(err, fs.ErrExist):
			kept = append(kept, rel)
		case err != nil:
			return fmt.Errorf("%s: 无法写入：%v。请检查写入权限和磁盘空间", target, err)
		default:
			created = append(created, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(created) == 0 {
		fmt.Fprintf(w, "%s 中的网站文件都已存在，没有写入任何文件：\n", dir)
	} else {
		fmt.Fprintf(w, "已新建网站：%s\n", dir)
	}
	for _, f := range created {
		fmt.Fprintf(w, "  新建 %s\n", filepath.FromSlash(f))
	}
	for _, f := range kept {
		fmt.Fprintf(w, "  保留已有的 %s（未覆盖）\n", filepath.FromSlash(f))
	}
	prog := programName()
	fmt.Fprintf(w, "\n下一步（详见 %s）：\n", filepath.Join(dir, "README.txt"))
	fmt.Fprintf(w, "  0. 用记事本打开 config.yaml，填写 title（网站名称）和 publisher（发布机构）\n")
	cd := "cd"
	if runtime.GOOS == "windows" {
		cd = "cd /d" // also changes the drive
	}
	fmt.Fprintf(w, "  1. 导入：%s %s\n           %s import 绩效目标表.txt\n", cd, shellQuote(dir), prog)
	fmt.Fprintf(w, "  2. 检查：%s check\n", prog)
	fmt.Fprintf(w, "  3. 生成：%s build，再把 public 文件夹复制到门户网站\n", prog)
	return nil
}

func writeNew(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// windowsText gives a text file a UTF-8 byte-order mark and CRLF line
// ends, so that every Notepad shows the Chinese and the lines. Other
// systems' editors read it as well, and the bytes are the same on every
// system.
func windowsText(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
	return append([]byte("\ufeff"), b...)
}

// programName is how the next steps name this program: its full path
// when it is an installed budgetsite binary, else "budgetsite".
func programName() string {
	exe, err := os.Executable()
	if err != nil {
		return "budgetsite"
	}
	base := strings.TrimSuffix(strings.ToLower(filepath.Base(exe)), ".exe")
	if base != "budgetsite" || strings.HasPrefix(exe, os.TempDir()) {
		return "budgetsite" // go run, or a test binary
	}
	return shellQuote(exe)
}

// shellQuote puts a path with spaces in double quotes, as both cmd.exe
// and POSIX shells take it.
func shellQuote(s string) string {
	if strings.ContainsAny(s, " \t&()") {
		return `"` + s + `"`
	}
	return s
}

// placeholderFindings are the config values init left to be filled in.
func placeholderFindings(cfg generator.Config) []check.Finding {
	var out []check.Finding
	for _, kv := range []struct{ key, label, value string }{
		{"title", "网站名称", cfg.Title},
		{"publisher", "发布机构", cfg.Publisher},
	} {
		if strings.Contains(kv.value, placeholderMark) {
			out = append(out, check.Finding{Severity: check.SevWarning, Rule: "config-placeholder",
				Message:    fmt.Sprintf("config.yaml 中的 %s（%s）还是“%s”", kv.key, kv.label, kv.value),
				Suggestion: fmt.Sprintf("请在 config.yaml 中把 %s 改为本单位的%s", kv.key, kv.label)})
		}
	}
	return out
}
