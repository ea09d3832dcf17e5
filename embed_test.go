package budgetsite

import (
	"io/fs"
	"testing"
)

// TestDefaultsEmbedTemplatesAndTheChartsBundle: the binary alone can
// build a site, charts included (npm ci builds the bundle before tests).
func TestDefaultsEmbedTemplatesAndTheChartsBundle(t *testing.T) {
	for _, p := range []string{"templates/layout.html", "templates/project.html", "assets/vendor/echarts.min.js"} {
		b, err := fs.ReadFile(Defaults, p)
		if err != nil || len(b) == 0 {
			t.Errorf("%s not embedded: %v", p, err)
		}
	}
}
