package opendata

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/check"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/site"
	"budgetsite/generator/tables"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sampleSite is the published model of the real sample with a second,
// synthetic year and any extra projects, as a build makes it: parsed,
// redacted, sorted and grouped.
func sampleSite(t *testing.T, extra ...*budget.Project) *site.Site {
	t.Helper()
	var ps []*budget.Project
	for _, in := range []struct {
		name string
		text []byte
	}{{testkit.SamplePath, testkit.Sample(t)}, {"2023.txt", readTestFile(t, filepath.Join(testkit.Root, "generator", "testdata", "multiyear", "2023.txt"))}} {
		parsed, err := tables.ParseTables(bytes.NewReader(in.text), in.name, tables.ParseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range parsed {
			ps = append(ps, &parsed[i])
		}
	}
	ps = append(ps, extra...)
	published, err := check.Redact(ps, check.PrivacyConfig{Redact: testkit.SampleNames})
	if err != nil {
		t.Fatal(err)
	}
	budget.SortProjects(published)
	return site.NewSite(site.Settings{Title: "测试站点", Publisher: "测试发布机构", PubDate: "2022-02-15"}, published, nil)
}

func readTestFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// memPieces keeps every piece in memory: the simplest store, made with
// the build's encoder.
type memPieces struct {
	item     [ItemKinds][]byte
	itemOff  [ItemKinds][]int // n+1 offsets
	group    [GroupKinds][]byte
	groupOff [GroupKinds][]int
	meta     [][]byte
}

// memStore encodes every piece of s.
func memStore(t *testing.T, s *site.Site) Pieces {
	t.Helper()
	m := &memPieces{}
	e := NewEncoder(s.Projects)
	var ib [ItemKinds]bytes.Buffer
	ibufs := make([]*bytes.Buffer, ItemKinds)
	for k := range ibufs {
		ibufs[k] = &ib[k]
	}
	for i := range s.Projects {
		for k := range ib {
			m.itemOff[k] = append(m.itemOff[k], ib[k].Len())
		}
		if err := e.EncodeItem(i, ibufs); err != nil {
			t.Fatal(err)
		}
	}
	var gb [GroupKinds]bytes.Buffer
	gbufs := make([]*bytes.Buffer, GroupKinds)
	for k := range gbufs {
		gbufs[k] = &gb[k]
	}
	for _, g := range UnitGroups(s.Projects) {
		for k := range gb {
			m.groupOff[k] = append(m.groupOff[k], gb[k].Len())
		}
		meta, err := e.EncodeGroup(g[0], g[1], gbufs)
		if err != nil {
			t.Fatal(err)
		}
		m.meta = append(m.meta, meta)
	}
	for k := range ib {
		m.itemOff[k] = append(m.itemOff[k], ib[k].Len())
		m.item[k] = ib[k].Bytes()
	}
	for k := range gb {
		m.groupOff[k] = append(m.groupOff[k], gb[k].Len())
		m.group[k] = gb[k].Bytes()
	}
	return m
}

func (m *memPieces) CopyItems(w io.Writer, k int, runs [][2]int, skip int64) error {
	var b []byte
	for _, r := range runs {
		b = append(b, m.item[k][m.itemOff[k][r[0]]:m.itemOff[k][r[1]]]...)
	}
	_, err := w.Write(b[min(int(skip), len(b)):])
	return err
}

func (m *memPieces) CopyGroups(w io.Writer, k int) error {
	_, err := w.Write(m.group[k])
	return err
}

func (m *memPieces) Groups() int            { return len(m.meta) }
func (m *memPieces) GroupMeta(g int) []byte { return m.meta[g] }
func (m *memPieces) GroupLen(g, k int) int64 {
	return int64(m.groupOff[k][g+1] - m.groupOff[k][g])
}

// fullProject is testdata/full.md, a content file with every optional
// field set, the 自评 included. Package content cannot be imported here
// (it imports opendata), so the front matter is read with yaml.v3, which
// is what content.Parse falls back to for such files.
func fullProject(t *testing.T) *budget.Project {
	t.Helper()
	b := readTestFile(t, filepath.Join("testdata", "full.md"))
	fm, body, ok := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
	if !ok {
		t.Fatal("testdata/full.md has no front matter")
	}
	p := &budget.Project{}
	dec := yaml.NewDecoder(strings.NewReader(fm))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil {
		t.Fatal(err)
	}
	p.Overview = strings.TrimSpace(body)
	return p
}
