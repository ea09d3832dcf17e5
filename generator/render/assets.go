package render

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/site"
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

// EvaluationCSS styles the 绩效自评. Only pages that show one link it.
const EvaluationCSS = "assets/css/evaluation.css"

// Assets returns every asset, the site's own overriding the embedded
// defaults. Source files for the bundle (assets/src) are not published,
// nor EvaluationCSS when no project of s has an evaluation (s nil: all),
// so a site without results is exactly what it was before they existed.
func Assets(l Layers, s *site.Site) ([]Asset, error) {
	evaluated := s == nil
	if s != nil {
		for _, p := range s.Projects {
			evaluated = evaluated || p.Evaluation != nil
		}
	}
	paths, owner := l.Files("assets")
	var out []Asset
	found := false
	for _, p := range paths {
		if strings.HasPrefix(p, "assets/src/") || p == EvaluationCSS && !evaluated {
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
