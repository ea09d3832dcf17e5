package content

import (
	"budgetsite/generator/budget"
	"bytes"
	"io"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParsePage reads a free page: front matter with a title, then Markdown.
func ParsePage(r io.Reader, name string) (*budget.Page, error) {
	fm, body, _, err := splitFrontMatter(r, name)
	if err != nil {
		return nil, err
	}
	var pg budget.Page
	dec := yaml.NewDecoder(bytes.NewReader(fm))
	dec.KnownFields(true)
	if err := dec.Decode(&pg); err != nil && err != io.EOF {
		return nil, yamlError(err, name, 1)
	}
	pg.Slug = strings.TrimSuffix(path.Base(name), ".md")
	if !budget.ValidCode(strings.ReplaceAll(pg.Slug, "-", "")) {
		return nil, &budget.Error{File: name, Msg: "页面文件名只能由字母、数字和连字符组成", Hint: "例如 about.md、glossary.md"}
	}
	if pg.Title == "" {
		return nil, &budget.Error{File: name, Line: 2, Msg: "页面缺少标题（title）", Hint: "请在文件头加上 title: 页面标题"}
	}
	pg.Body = body
	pg.File = name
	return &pg, nil
}
