package content

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// Content files are Markdown with YAML front matter: every field of the
// table in the front matter, typed, and 项目概况 as the body. The format is
// meant to be edited by hand and reviewed in diffs, so the writer is
// deterministic and the reader reports errors with the file's own line
// numbers.

const frontMatterDelim = "---"

// Marshal renders a project as a content file.
func Marshal(p *budget.Project) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(frontMatterDelim + "\n")
	if fm, ok := appendFrontMatter(b.AvailableBuffer(), p); ok {
		b.Write(fm)
	} else if err := encodeFrontMatter(&b, p); err != nil {
		return nil, err
	}
	b.WriteString(frontMatterDelim + "\n")
	if body := strings.TrimSpace(p.Overview); body != "" {
		b.WriteString("\n")
		b.WriteString(body)
		b.WriteString("\n")
	}
	return b.Bytes(), nil
}

// encodeFrontMatter is the definition of the front matter: yaml.v3's
// encoding of the Project. appendFrontMatter writes the same bytes faster.
func encodeFrontMatter(b *bytes.Buffer, p *budget.Project) error {
	enc := yaml.NewEncoder(b)
	enc.SetIndent(2)
	if err := enc.Encode(p); err != nil {
		return err
	}
	return enc.Close()
}

// Parse reads a content file. name is used in error messages.
func Parse(r io.Reader, name string) (*budget.Project, error) {
	return parseContent(r, name, true)
}

// parseContent is Parse; fast allows readFrontMatter, which tests
// turn off to compare the two ways.
func parseContent(r io.Reader, name string, fast bool) (*budget.Project, error) {
	fm, body, bodyLine, err := splitFrontMatter(r, name)
	if err != nil {
		return nil, err
	}
	if p, lines, indLines, ok := readFrontMatter(fm); fast && ok {
		for k, l := range lines {
			lines[k] = l + 1 // the opening --- is line 1
		}
		p.Lines = lines
		for i := range p.Indicators {
			p.Indicators[i].Line = indLines[i] + 1
		}
		return finishProject(&p, name, body, bodyLine)
	}
	// Parse once into a node tree: it gives the line of every field for
	// messages, and decoding from it avoids parsing the YAML twice.
	var root yaml.Node
	if err := yaml.Unmarshal(fm, &root); err != nil {
		return nil, yamlError(err, name, 1)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, &budget.Error{File: name, Line: 2, Msg: "文件头（--- 之间）是空的", Hint: "请参照 README 中的内容格式填写项目字段"}
	}
	if errs := unknownFields(root.Content[0], reflect.TypeOf(budget.Project{}), name, 1); len(errs) > 0 {
		return nil, errs
	}
	var p budget.Project
	if err := root.Content[0].Decode(&p); err != nil {
		return nil, yamlError(err, name, 1)
	}
	p.Lines = fieldLines(&root, 1)
	for i := range p.Indicators {
		p.Indicators[i].Line = indicatorLine(&root, i, 1)
	}
	if e := p.Evaluation; e != nil {
		if ev := mappingValue(root.Content[0], "evaluation"); ev != nil {
			if seq := mappingValue(ev, "indicators"); seq != nil {
				for i := range e.Indicators {
					if i < len(seq.Content) {
						e.Indicators[i].Line = seq.Content[i].Line + 1
					}
				}
			}
		}
	}
	return finishProject(&p, name, body, bodyLine)
}

// finishProject adds the body and location to a decoded project and
// validates it.
func finishProject(p *budget.Project, name, body string, bodyLine int) (*budget.Project, error) {
	p.Overview = strings.TrimSpace(body)
	p.File = name
	sanitizeProject(p)
	if p.Lines["overview"] = bodyLine; bodyLine == 0 {
		delete(p.Lines, "overview")
	}
	if err := validateProject(p); err != nil {
		return nil, err
	}
	return p, nil
}

// splitFrontMatter returns the YAML between the first two "---" lines and
// the body after them, with the body's first line number.
func splitFrontMatter(r io.Reader, name string) (fm []byte, body string, bodyLine int, err error) {
	all, err := io.ReadAll(r)
	if err != nil {
		return nil, "", 0, &budget.Error{File: name, Msg: "无法读取文件：" + err.Error()}
	}
	text := string(all)
	n := 0
	state := 0 // 0 before, 1 in front matter, 2 body
	var fmBuf, bodyBuf strings.Builder
	fmBuf.Grow(len(text))
	for len(text) > 0 {
		n++
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		switch state {
		case 0:
			if strings.TrimRight(line, " \r") != frontMatterDelim {
				return nil, "", 0, &budget.Error{File: name, Line: n, Msg: "文件应以 --- 开头的文件头开始", Hint: "内容文件的第一行必须是 ---，然后是项目字段，再以 --- 结束"}
			}
			state = 1
		case 1:
			if strings.TrimRight(line, " \r") == frontMatterDelim {
				state = 2
				continue
			}
			fmBuf.WriteString(strings.TrimSuffix(line, "\r"))
			fmBuf.WriteByte('\n')
		case 2:
			if bodyLine == 0 && strings.TrimSpace(line) != "" {
				bodyLine = n
			}
			bodyBuf.WriteString(strings.TrimSuffix(line, "\r"))
			bodyBuf.WriteByte('\n')
		}
	}
	if state != 2 {
		return nil, "", 0, &budget.Error{File: name, Line: n, Msg: "文件头没有结束", Hint: "请在项目字段之后加一行 ---"}
	}
	return []byte(fmBuf.String()), bodyBuf.String(), bodyLine, nil
}

var yamlLineRe = regexp.MustCompile(`line (\d+): (.*)`)

// yamlError turns a yaml.v3 error into file:line messages. offset is the
// number of lines before the front matter.
func yamlError(err error, name string, offset int) error {
	var le *decimal.LineError
	if errors.As(err, &le) {
		return &budget.Error{File: name, Line: le.Line + offset, Msg: le.Msg, Hint: "请改正这一行的值"}
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var list budget.ErrorList
		for _, e := range te.Errors {
			list = append(list, yamlMessage(e, name, offset))
		}
		return list
	}
	return yamlMessage(err.Error(), name, offset)
}

func yamlMessage(msg, name string, offset int) *budget.Error {
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		fmt.Sscanf(m[1], "%d", &line)
		msg = m[2]
		line += offset
	}
	hint := "请检查文件头的 YAML 格式：冒号后要有空格，缩进用空格，含特殊字符的值要加引号"
	switch {
	case strings.Contains(msg, "not found in type"):
		field := msg
		if i := strings.Index(msg, "field "); i >= 0 {
			field = strings.Fields(msg[i+6:])[0]
		}
		msg = fmt.Sprintf("未知字段“%s”", field)
		hint = "请检查字段名是否拼写正确；可用字段见 README 的“内容格式”一节"
	case strings.Contains(msg, "cannot unmarshal"):
		msg = "值的类型不对（" + msg + "）"
		hint = "year 应为整数，funds_wan 和 weight 应为数字，其余字段为文字"
	}
	return &budget.Error{File: name, Line: line, Msg: "文件头格式错误：" + msg, Hint: hint}
}

// fieldLines maps top-level keys to their line in the file.
func fieldLines(doc *yaml.Node, offset int) map[string]int {
	lines := map[string]int{}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return lines
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		lines[m.Content[i].Value] = m.Content[i].Line + offset
	}
	return lines
}

// mappingValue is the value of key in a mapping node, or nil.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func indicatorLine(doc *yaml.Node, idx, offset int) int {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return 0
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "indicators" && idx < len(m.Content[i+1].Content) {
			return m.Content[i+1].Content[idx].Line + offset
		}
	}
	return 0
}

// validateProject rejects only what the site cannot be built from: the
// codes and year that name output files. Everything else about data
// quality (empty names, weights, operators, duplicates) is the checker's
// business, so that `check` can report it with its rule and a suggestion.
func validateProject(p *budget.Project) error {
	var errs budget.ErrorList
	add := func(field, msg, hint string) {
		errs = append(errs, &budget.Error{File: p.File, Line: p.Lines[field], Msg: msg, Hint: hint})
	}
	if p.Code == "" {
		add("code", "缺少项目编码（code）", "请填写项目编码，它也是网页的文件名")
	} else if !budget.ValidCode(p.Code) {
		add("code", fmt.Sprintf("项目编码“%s”含有不允许的字符", p.Code), "项目编码只能由字母和数字组成，它会用作网页文件名")
	}
	if p.Year < 1990 || p.Year > 2100 {
		add("year", fmt.Sprintf("年度“%d”不正确", p.Year), "year 应为四位年份，例如 2022")
	}
	for _, c := range []struct {
		key  string
		what string
		v    budget.Coded
	}{{"department", "主管部门", p.Department}, {"unit", "实施单位", p.Unit}} {
		if c.v.Code == "" {
			add(c.key, fmt.Sprintf("%s缺少编码", c.what), fmt.Sprintf("请填写 %s 下的 code，它也是网页的文件名", c.key))
		} else if !budget.ValidCode(c.v.Code) {
			add(c.key, fmt.Sprintf("%s编码“%s”含有不允许的字符", c.what, c.v.Code), "编码只能由字母和数字组成，它会用作网页文件名")
		}
	}
	for i, in := range p.Indicators {
		// Known spellings (">=", "＞＝") are normalised; an unknown one is
		// kept as written for the checker to report.
		if op := budget.NormalizeOperator(strings.ReplaceAll(in.Operator, " ", "")); op != "" {
			p.Indicators[i].Operator = op
		}
	}
	return errs.Err()
}

// sanitizeProject removes control characters (other than line breaks and
// tabs) from every text field. They have no meaning in a table, YAML
// double-quoted strings can smuggle them in, and XML-based outputs such
// as budget.xlsx cannot hold them.
func sanitizeProject(p *budget.Project) {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' || !unicode.IsControl(r) {
				return r
			}
			return -1
		}, s)
	}
	p.Texts(func(_ string, s *string, _ bool) { *s = clean(*s) })
}

// unknownFields reports mapping keys that t has no yaml field for,
// recursing into nested structs and lists of structs, so a misspelt key
// is an error at its line rather than silently ignored.
func unknownFields(n *yaml.Node, t reflect.Type, file string, offset int) budget.ErrorList {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || n.Kind != yaml.MappingNode {
		if t.Kind() == reflect.Struct && n.Kind == yaml.SequenceNode {
			var errs budget.ErrorList
			for _, c := range n.Content {
				errs = append(errs, unknownFields(c, t, file, offset)...)
			}
			return errs
		}
		return nil
	}
	fields := yamlFields(t)
	var errs budget.ErrorList
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ft, ok := fields[k.Value]
		if !ok {
			errs = append(errs, &budget.Error{File: file, Line: k.Line + offset,
				Msg:  fmt.Sprintf("文件头格式错误：未知字段“%s”", k.Value),
				Hint: "请检查字段名是否拼写正确；可用字段见 README 的“内容格式”一节"})
			continue
		}
		if ft.Kind() == reflect.Struct || ft.Kind() == reflect.Slice {
			errs = append(errs, unknownFields(v, ft, file, offset)...)
		}
	}
	return errs
}

var yamlFieldCache sync.Map // reflect.Type → map[string]reflect.Type

func yamlFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := yamlFieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		ft := f.Type
		// Decimal is a scalar to YAML, whatever its Go shape.
		if ft == reflect.TypeOf(decimal.Decimal{}) {
			ft = reflect.TypeOf("")
		}
		m[name] = ft
	}
	yamlFieldCache.Store(t, m)
	return m
}
