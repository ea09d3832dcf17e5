package main

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"budgetsite"
)

// version is the release name, set by scripts/release.sh with
// -ldflags "-X main.version=v1.2.0". A build from source says "dev".
var version = "dev"

// commit and commitTime are set by scripts/release.sh with -X too, for
// builds the Go toolchain does not stamp with the VCS state (a Git
// worktree, GOFLAGS=-buildvcs=false). The toolchain's stamp wins when
// there is one.
var commit, commitTime string

// echartsBundle is the embedded ECharts bundle whose banner names its
// version (written by scripts/build-echarts.mjs).
const echartsBundle = "assets/vendor/echarts.min.js"

// buildInfo is what `budgetsite version` prints.
type buildInfo struct {
	Version  string
	Commit   string // VCS revision, "+dirty" when built from a modified tree; "" when unknown
	Date     string // commit time (RFC 3339, UTC), never the clock of the build; "" when unknown
	Go       string
	Platform string // GOOS/GOARCH
	ECharts  string // "" when the binary was compiled without the bundle
}

// currentBuildInfo reads the version set at link time, the VCS stamp
// the Go toolchain records (go build in a Git checkout) and the banner
// of the embedded ECharts bundle.
func currentBuildInfo() buildInfo {
	bi := buildInfo{Version: version, Commit: commit, Date: commitTime, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev, at string
		modified := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" {
			bi.Commit, bi.Date = rev, at
			if modified {
				bi.Commit += "+dirty"
			}
		}
	}
	bi.ECharts = echartsVersion(budgetsite.Defaults)
	return bi
}

var echartsBanner = regexp.MustCompile(`^/\*! ECharts ([0-9A-Za-z.+-]+) `)

// echartsVersion reads the version from the bundle's first line,
// "/*! ECharts 6.1.0 | Apache License 2.0 | … */", or returns "".
func echartsVersion(fsys fs.FS) string {
	f, err := fsys.Open(echartsBundle)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	if m := echartsBanner.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	return ""
}

func (bi buildInfo) String() string {
	or := func(s, missing string) string {
		if s == "" {
			return missing
		}
		return s
	}
	var b strings.Builder
	fmt.Fprintf(&b, "budgetsite %s\n", bi.Version)
	fmt.Fprintf(&b, "版本：%s\n", bi.Version)
	fmt.Fprintf(&b, "提交：%s\n", or(bi.Commit, "未知（不是从 Git 仓库构建）"))
	fmt.Fprintf(&b, "构建日期：%s\n", or(bi.Date, "未知（取自提交时间，本程序没有记录）"))
	fmt.Fprintf(&b, "Go 版本：%s\n", bi.Go)
	fmt.Fprintf(&b, "ECharts 版本：%s\n", or(bi.ECharts, "未嵌入（编译前请先运行 npm ci）"))
	fmt.Fprintf(&b, "平台：%s\n", bi.Platform)
	return b.String()
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "显示版本、提交、构建日期、Go 和 ECharts 版本",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := io.WriteString(stdout, currentBuildInfo().String())
			return err
		},
	}
}
