package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/output"
	"io/fs"
	"strings"
)

// echartsAsset is where the pages expect the ECharts bundle. `npm ci`
// builds it from the pinned npm package (see package.json).
const echartsAsset = "assets/vendor/echarts.min.js"

// copyAssets writes every asset, the site's own overriding the embedded
// defaults. Source files for the bundle (assets/src) are not published.
func copyAssets(l layers, out *output.Writer) error {
	paths, owner := l.files("assets")
	found := false
	for _, p := range paths {
		if strings.HasPrefix(p, "assets/src/") {
			continue
		}
		b, err := fs.ReadFile(owner[p], p)
		if err != nil {
			return err
		}
		if p == echartsAsset {
			found = len(b) > 0
		}
		if err := out.Put(p, b); err != nil {
			return err
		}
	}
	if !found {
		return &budget.Error{File: echartsAsset, Msg: "缺少图表脚本 ECharts",
			Hint: "请在 budgetsite 源码目录运行 npm ci（会按 package-lock.json 安装 ECharts 并生成该文件），然后重新编译或运行；" +
				"也可以把 ECharts 6.1.0 或更新版本的 echarts.min.js 放到站点目录的 assets/vendor/ 下。原有网站未被改动"}
	}
	return nil
}
