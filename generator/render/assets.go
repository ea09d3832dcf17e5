package render

import (
	"budgetsite/generator/budget"
	"io/fs"
	"strings"
)

// EchartsAsset is where the pages expect the ECharts bundle. `npm ci`
// builds it from the pinned npm package (see package.json).
const EchartsAsset = "assets/vendor/echarts.min.js"

// Asset is one file of assets/ to publish as it is.
type Asset struct {
	Path string
	Data []byte
}

// Assets returns every asset, the site's own overriding the embedded
// defaults. Source files for the bundle (assets/src) are not published.
func Assets(l Layers) ([]Asset, error) {
	paths, owner := l.Files("assets")
	var out []Asset
	found := false
	for _, p := range paths {
		if strings.HasPrefix(p, "assets/src/") {
			continue
		}
		b, err := fs.ReadFile(owner[p], p)
		if err != nil {
			return nil, err
		}
		if p == EchartsAsset {
			found = len(b) > 0
		}
		out = append(out, Asset{p, b})
	}
	if !found {
		return nil, &budget.Error{File: EchartsAsset, Msg: "缺少图表脚本 ECharts",
			Hint: "请在 budgetsite 源码目录运行 npm ci（会按 package-lock.json 安装 ECharts 并生成该文件），然后重新编译或运行；" +
				"也可以把 ECharts 6.1.0 或更新版本的 echarts.min.js 放到站点目录的 assets/vendor/ 下。原有网站未被改动"}
	}
	return out, nil
}
