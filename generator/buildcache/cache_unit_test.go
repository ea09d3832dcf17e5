package buildcache

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/content"
	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/fstree"
	"budgetsite/generator/internal/testkit"
	"budgetsite/generator/output"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// hashTree runs the stat cache over dir as a build would and returns the
// hashes, by path, and the files it had to read.
func hashTree(t *testing.T, outDir, dir string) (map[string][32]byte, []string) {
	t.Helper()
	sc := LoadStatCache(outDir, dir)
	rels, sums, err := sc.hashContent()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][32]byte{}
	for i, r := range rels {
		got[r] = sums[i]
	}
	read := sc.read
	sort.Strings(read)
	return got, read
}

// wantHashes hashes every file under dir the slow way.
func wantHashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	want := map[string][32]byte{}
	for rel, b := range testkit.ReadTree(t, dir) {
		want[rel] = sha256.Sum256(b)
	}
	return want
}

func TestStatCacheSkipsUnchangedFilesAndCatchesRewrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	out := filepath.Join(t.TempDir(), "public")
	testkit.WriteFiles(t, dir, map[string]string{"a.md": "aaaa", "b.md": "bbbb", "sub/c.md": "cccc", "sub/deeper/d.md": "dddd"})

	got, read := hashTree(t, out, dir)
	if !reflect.DeepEqual(got, wantHashes(t, dir)) {
		t.Fatal("first pass: wrong hashes")
	}
	if len(read) != 4 {
		t.Errorf("first pass read %v, want every file", read)
	}

	// Just written, the files are racy: a second pass right away must
	// read them again rather than trust their stat.
	if _, read = hashTree(t, out, dir); len(read) != 4 {
		t.Errorf("racy files were trusted: read only %v", read)
	}

	testkit.Must(t, AgeStatCache(out, time.Hour))
	got, read = hashTree(t, out, dir)
	if len(read) != 0 {
		t.Errorf("unchanged files past the racy window were read: %v", read)
	}
	if !reflect.DeepEqual(got, wantHashes(t, dir)) {
		t.Fatal("hashes from the stat cache are wrong")
	}

	// Same size, same mtime, different bytes: only ctime tells.
	testkit.NeedInodeAndCtime(t)
	testkit.RewriteKeepingMtime(t, filepath.Join(dir, "sub", "c.md"), func(b []byte) []byte { return bytes.ToUpper(b) })
	testkit.Must(t, AgeStatCache(out, time.Hour))
	got, read = hashTree(t, out, dir)
	if !reflect.DeepEqual(read, []string{"sub/c.md"}) {
		t.Errorf("after rewriting sub/c.md, read %v", read)
	}
	if !reflect.DeepEqual(got, wantHashes(t, dir)) {
		t.Error("the rewritten file's hash is stale")
	}
}

func TestStatCacheRenamedAndDeletedFiles(t *testing.T) {
	testkit.NeedInodeAndCtime(t)
	dir := filepath.Join(t.TempDir(), "content")
	out := filepath.Join(t.TempDir(), "public")
	testkit.WriteFiles(t, dir, map[string]string{"a.md": "same-size-1", "b.md": "same-size-2", "c.md": "cccc", "d.md": "dddd"})
	hashTree(t, out, dir)

	// Swap two files of the same size and put both mtimes back: each
	// path now has the other's inode and ctime.
	mt := time.Now().Add(-time.Hour)
	for _, n := range []string{"a.md", "b.md"} {
		os.Chtimes(filepath.Join(dir, n), mt, mt)
	}
	testkit.Must(t, AgeStatCache(out, time.Hour))
	hashTree(t, out, dir)
	testkit.Must(t, AgeStatCache(out, time.Hour))
	testkit.Must(t, os.Rename(filepath.Join(dir, "a.md"), filepath.Join(dir, "tmp")))
	testkit.Must(t, os.Rename(filepath.Join(dir, "b.md"), filepath.Join(dir, "a.md")))
	testkit.Must(t, os.Rename(filepath.Join(dir, "tmp"), filepath.Join(dir, "b.md")))
	for _, n := range []string{"a.md", "b.md"} {
		os.Chtimes(filepath.Join(dir, n), mt, mt)
	}
	// A renamed file and a deleted one.
	testkit.Must(t, os.Rename(filepath.Join(dir, "c.md"), filepath.Join(dir, "renamed.md")))
	testkit.Must(t, os.Remove(filepath.Join(dir, "d.md")))

	got, _ := hashTree(t, out, dir)
	if want := wantHashes(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("after swapping, renaming and deleting files:\n got %v\nwant %v", keys(got), keys(want))
	}
	b, err := os.ReadFile(filepath.Join(Dir(out), statCacheFile))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := decodeStatCache(b)
	for p := range m {
		if b := filepath.Base(p); b == "c.md" || b == "d.md" {
			t.Errorf("stat cache still lists %s", p)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestStatCacheRacyRule checks the rule itself: a record is trusted only
// when every stat field matches and the file's times are older than the
// recording build's start by the margin.
func TestStatCacheRacyRule(t *testing.T) {
	st := fstree.FileStat{Size: 10, Mtime: 1_000_000_000_000, Ctime: 1_000_000_000_000, Ino: 7, Dev: 1}
	sum := sha256.Sum256([]byte("x"))
	sc := &StatCache{old: map[string]statRec{"/c/a.md": {st, sum}}}
	for _, tc := range []struct {
		name  string
		taken int64
		st    fstree.FileStat
		trust bool
	}{
		{"old enough", st.Mtime + racyMargin + 1, st, true},
		{"within the margin", st.Mtime + racyMargin - 1, st, false},
		{"mtime after the build started", st.Mtime - 1, st, false},
		{"ctime recent", st.Mtime + racyMargin + 1, fstree.FileStat{Size: 10, Mtime: st.Mtime, Ctime: st.Mtime + racyMargin, Ino: 7, Dev: 1}, false},
		{"size differs", st.Mtime + racyMargin + 1, fstree.FileStat{Size: 11, Mtime: st.Mtime, Ctime: st.Ctime, Ino: 7, Dev: 1}, false},
		{"mtime differs", st.Mtime + racyMargin + 1, fstree.FileStat{Size: 10, Mtime: st.Mtime - 1, Ctime: st.Ctime, Ino: 7, Dev: 1}, false},
		{"ctime differs", st.Mtime + racyMargin + 1, fstree.FileStat{Size: 10, Mtime: st.Mtime, Ctime: st.Ctime - 1, Ino: 7, Dev: 1}, false},
		{"inode differs", st.Mtime + racyMargin + 1, fstree.FileStat{Size: 10, Mtime: st.Mtime, Ctime: st.Ctime, Ino: 8, Dev: 1}, false},
		{"device differs", st.Mtime + racyMargin + 1, fstree.FileStat{Size: 10, Mtime: st.Mtime, Ctime: st.Ctime, Ino: 7, Dev: 2}, false},
	} {
		sc.oldTaken = tc.taken
		got, ok := sc.lookup("/c/a.md", tc.st)
		if ok != tc.trust || ok && got != sum {
			t.Errorf("%s: trusted=%v, want %v", tc.name, ok, tc.trust)
		}
	}
	if _, ok := sc.lookup("/c/other.md", st); ok {
		t.Error("a file the cache never saw was trusted")
	}
}

func TestManifestCacheRoundTrip(t *testing.T) {
	h := func(s string) string { x := sha256.Sum256([]byte(s)); return hex.EncodeToString(x[:]) }
	m := &Manifest{Version: ManifestVersion, OutDir: "/srv/公开/public", Inputs: h("in"), Projects: 12,
		Warnings: []string{"警告一", ""},
		Files: map[string]output.Record{
			"index.html":                   {Key: h("k1"), Size: 1234, SHA256: h("s1")},
			"2022/project/1.html":          {Key: h("k2"), Size: 0, SHA256: h("s2")},
			"2022/project/10.html":         {Key: "", Size: 5, SHA256: h("s3")},
			"2022/unit/1.html":             {Key: strings.ToUpper(h("k4")), Size: 6, SHA256: "not hex"},
			"data/2022/项目.csv":             {Key: "short", Size: 1 << 40, SHA256: ""},
			"assets/vendor/echarts.min.js": {Key: h("k5")[:63] + "g", Size: 7, SHA256: h("s5")},
		}}
	b := m.encode()
	got := decodeManifest(b)
	if !reflect.DeepEqual(got, m) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, m)
	}
	// Every truncation and every flipped bit is refused.
	for n := 0; n < len(b); n++ {
		if decodeManifest(b[:n]) != nil {
			t.Fatalf("truncated to %d bytes, still decodes", n)
		}
	}
	for i := range b {
		c := bytes.Clone(b)
		c[i] ^= 1
		if decodeManifest(c) != nil {
			t.Fatalf("byte %d flipped, still decodes", i)
		}
	}
	// Saved and loaded, the paths and sizes come without the records,
	// which come whole when asked for.
	out := filepath.Join(t.TempDir(), "public")
	m.OutDir, _ = filepath.Abs(out)
	testkit.Must(t, m.Save(out))
	loaded := LoadManifest(out)
	if loaded == nil || loaded.Len() != len(m.Files) || loaded.Inputs != m.Inputs {
		t.Fatalf("loaded manifest: %+v", loaded)
	}
	if got, want := loaded.Listing(), output.ListRecords(m.Files); !reflect.DeepEqual(got, want) {
		t.Errorf("listing:\n got %v\nwant %v", got, want)
	}
	if got := loaded.Records(); !reflect.DeepEqual(got, m.Files) {
		t.Errorf("records:\n got %v\nwant %v", got, m.Files)
	}
	if loaded.Len() != len(m.Files) || !reflect.DeepEqual(loaded.Listing(), output.ListRecords(m.Files)) {
		t.Error("listing changed once the records were worked out")
	}
	empty := &Manifest{Version: ManifestVersion, Files: map[string]output.Record{}}
	if got := decodeManifest(empty.encode()); !reflect.DeepEqual(got, empty) {
		t.Errorf("empty manifest: got %+v", got)
	}
}

// fillValue sets every exported field reachable from v to a value that
// is not its zero, distinct per field, so a round trip that drops or
// mixes up any field shows.
func fillValue(t *testing.T, v reflect.Value, seed *int) {
	*seed++
	n := *seed
	switch v.Kind() {
	case reflect.String:
		v.SetString("值" + strings.Repeat("x", n%7) + string(rune('A'+n%26)) + big.NewInt(int64(n)).String())
	case reflect.Int:
		v.SetInt(int64(n*37 - 500))
	case reflect.Uint8:
		v.SetUint(uint64(n))
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			v.Index(i).SetUint(uint64(n + i))
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillValue(t, v.Elem(), seed)
	case reflect.Slice:
		if *seed > 400 {
			return // recursive lists (budget.Execution.Breakdown) stop here
		}
		s := reflect.MakeSlice(v.Type(), 3, 3)
		for i := 0; i < 3; i++ {
			fillValue(t, s.Index(i), seed)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := 0; i < 3; i++ {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fillValue(t, k, seed)
			fillValue(t, e, seed)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(decimal.Decimal{}) {
			ds := []string{"109.73", "-2.7132", "11.50", "123456789012345678901234567890.5", "-98765432109876543210987654321", "0.000"}
			v.Set(reflect.ValueOf(decimal.MustDecimal(ds[n%len(ds)])))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillValue(t, v.Field(i), seed)
			}
		}
	default:
		t.Fatalf("fillValue: %s (%s) is not handled; teach the parse cache codec and this test about it", v.Type(), v.Kind())
	}
}

// TestParseCacheCodecCoversEveryField round-trips projects whose every
// field is set, and projects whose slices are empty or nil. A field
// added to Project or what it holds and not to the codec fails here.
func TestParseCacheCodecCoversEveryField(t *testing.T) {
	var entries []*cachedProject
	seed := 0
	for i := 0; i < 4; i++ {
		e := &cachedProject{}
		fillValue(t, reflect.ValueOf(e).Elem(), &seed)
		entries = append(entries, e)
	}
	entries = append(entries,
		&cachedProject{Path: "empty", Project: budget.Project{Indicators: []budget.Indicator{}, Lines: map[string]int{}}, Hits: []byte{}, Findings: []byte{}},
		&cachedProject{Path: "nil"})
	gen := []byte("program")
	for i, e := range entries {
		shard := shardOf(e.Path)
		got, ok := decodeShard(encodeShard([]*cachedProject{e}, gen), gen, shard)
		if !ok || len(got) != 1 {
			t.Fatalf("entry %d does not decode", i)
		}
		// Decimals compare by their text: big.Int's internals may differ.
		if !reflect.DeepEqual(normalized(got[0]), normalized(e)) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, *got[0], *e)
		}
		if _, ok := decodeShard(encodeShard([]*cachedProject{e}, gen), []byte("another program"), shard); ok {
			t.Error("a shard another program wrote was accepted")
		}
		if _, ok := decodeShard(encodeShard([]*cachedProject{e}, gen), gen, (shard+1)%parseShards); ok {
			t.Error("a shard in the wrong file was accepted")
		}
	}
	b := encodeShard(entries, gen)
	for n := 0; n < len(b); n++ {
		if _, ok := decodeShard(b[:n], gen, shardOf(entries[0].Path)); ok {
			t.Fatalf("shard truncated to %d bytes, still decodes", n)
		}
	}
}

func TestStatCacheFileRoundTripAndDamage(t *testing.T) {
	sc := &StatCache{taken: 1234567890123, cur: map[string]statRec{
		"/c/2022/a.md": {fstree.FileStat{Size: 1, Mtime: 2, Ctime: 3, Ino: 4, Dev: 5}, sha256.Sum256([]byte("a"))},
		"/c/2022/b.md": {fstree.FileStat{Size: -1, Mtime: -2, Ctime: 0, Ino: 1 << 60, Dev: 0}, sha256.Sum256([]byte("b"))},
		"/usr/bin/bs":  {fstree.FileStat{Size: 9, Mtime: 8, Ctime: 7, Ino: 6, Dev: 5}, sha256.Sum256([]byte("exe"))},
	}}
	b := sc.encode()
	m, taken := decodeStatCache(b)
	if taken != sc.taken || !reflect.DeepEqual(m, sc.cur) {
		t.Fatalf("round trip: %v %v", taken, m)
	}
	for n := 0; n < len(b); n++ {
		if m, _ := decodeStatCache(b[:n]); m != nil {
			t.Fatalf("truncated to %d bytes, still decodes", n)
		}
	}
	for i := range b {
		c := bytes.Clone(b)
		c[i] ^= 4
		if m, _ := decodeStatCache(c); m != nil {
			t.Fatalf("byte %d flipped, still decodes", i)
		}
	}
}

func normalized(e *cachedProject) any {
	c := *e
	p := c.Project
	funds := p.Funds.String()
	p.Funds = decimal.Decimal{}
	var weights []string
	p.Indicators = append([]budget.Indicator(nil), p.Indicators...)
	if e.Project.Indicators != nil && p.Indicators == nil {
		p.Indicators = []budget.Indicator{}
	}
	for i := range p.Indicators {
		weights = append(weights, p.Indicators[i].Weight.String())
		p.Indicators[i].Weight = decimal.Decimal{}
	}
	c.Project = p
	return []any{c, funds, weights}
}

// TestParseCacheShards saves a cache, changes one entry, and checks that
// only its shard is rewritten, deleted files are dropped, and a damaged
// shard loses only its own entries.
func TestParseCacheShards(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	pc := NewParseCache()
	var projects []*budget.Project
	hash := func(p *budget.Project) [32]byte { return sha256.Sum256([]byte(p.File)) }
	for i := 0; i < 200; i++ {
		path := "2022/" + big.NewInt(int64(i)).String() + ".md"
		p := &budget.Project{Code: path, File: path, Indicators: []budget.Indicator{{Level1: "产出指标", Weight: decimal.MustDecimal("10")}}}
		pc.Put(path, hash(p), p)
		projects = append(projects, p)
	}
	pc.Prune()
	testkit.Must(t, pc.Save(out))
	shards, _ := filepath.Glob(filepath.Join(Dir(out), parseCacheDir, "*.bin"))
	if len(shards) < parseShards/2 {
		t.Fatalf("200 entries went into %d shards", len(shards))
	}
	// Shards are written to a new file and renamed into place, so a
	// rewritten shard is a different file.
	before := map[string]os.FileInfo{}
	for _, s := range shards {
		info, err := os.Stat(s)
		testkit.Must(t, err)
		before[s] = info
	}

	// The next build loads every file but one, which was deleted, and
	// finds privacy hits in another.
	changed, deleted := projects[0], projects[1]
	c := LoadParseCache(out)
	for _, p := range projects {
		if p == deleted {
			continue
		}
		got := c.Get(p.File, hash(p))
		if got == nil || got.Code != p.Code || got.Indicators[0].Weight.String() != "10" {
			t.Fatalf("%s: cached project lost", p.File)
		}
	}
	hits := []byte(`[{"Rule":"person-name","Text":"某某"}]`) // opaque to the cache
	c.StoreHits(changed.File, "privacy-key", hits)
	findings := []byte(`[{"Rule":"weight-total"}]`) // opaque too
	c.StoreFindings(changed.File, "rules-key", findings)
	c.Prune()
	testkit.Must(t, c.Save(out))
	for _, s := range shards {
		info, err := os.Stat(s)
		touched := err != nil || !os.SameFile(info, before[s])
		want := s == shardFile(out, shardOf(changed.File)) || s == shardFile(out, shardOf(deleted.File))
		if touched != want {
			t.Errorf("%s: rewritten=%v, want %v", filepath.Base(s), touched, want)
		}
	}
	c = LoadParseCache(out)
	if got := c.Get(changed.File, hash(changed)); got == nil {
		t.Fatal("the changed file's entry was lost")
	}
	if b, ok := c.LoadHits(changed.File, "privacy-key"); !ok || string(b) != string(hits) {
		t.Errorf("privacy hits were not kept: %q %v", b, ok)
	}
	if _, ok := c.LoadHits(changed.File, "other-terms"); ok {
		t.Error("hits found with other detectors were returned")
	}
	if b, ok := c.LoadFindings(changed.File, "rules-key"); !ok || string(b) != string(findings) {
		t.Errorf("findings were not kept: %q %v", b, ok)
	}
	if _, ok := c.LoadFindings(changed.File, "other-config"); ok {
		t.Error("findings made under another configuration were returned")
	}
	if _, ok := c.LoadFindings(projects[2].File, "rules-key"); ok {
		t.Error("findings returned for a file that has none recorded")
	}
	// A file parsed afresh (it changed) loses what was found in it.
	c.Put(changed.File, sha256.Sum256([]byte("new bytes")), changed)
	if _, ok := c.LoadFindings(changed.File, "rules-key"); ok {
		t.Error("findings of the file's old bytes were returned")
	}
	if _, ok := c.LoadHits(changed.File, "privacy-key"); ok {
		t.Error("hits of the file's old bytes were returned")
	}
	if c.Get(deleted.File, hash(deleted)) != nil {
		t.Error("the deleted file's entry survived")
	}

	// A damaged shard loses its entries and nothing else.
	bad := shardFile(out, shardOf(projects[5].File))
	testkit.Must(t, os.WriteFile(bad, []byte("junk"), 0o644))
	c = LoadParseCache(out)
	for _, p := range projects[2:] {
		inBad := shardFile(out, shardOf(p.File)) == bad
		if got := c.Get(p.File, hash(p)); (got == nil) != inBad {
			t.Errorf("%s: cached=%v with a damaged shard %s", p.File, got != nil, filepath.Base(bad))
		}
	}
}

// TestLoadContentTrustsKnownHashes: a file whose hash the stat cache
// vouched for and whose parse is cached is not read; without that, it is.
func TestLoadContentTrustsKnownHashes(t *testing.T) {
	src := "---\ncode: A1\nname: 甲\nyear: 2022\ndepartment:\n  code: \"101\"\n  name: 办公室\nunit:\n  code: \"101001\"\n  name: 本级\nfunds_wan: 1\n---\n"
	other := strings.Replace(src, "甲", "乙", 1)
	fsys := fstest.MapFS{"2022/A1.md": {Data: []byte(other)}}
	sum := sha256.Sum256([]byte(src))
	pc := NewParseCache()
	p, err := content.Parse(strings.NewReader(src), "2022/A1.md")
	if err != nil {
		t.Fatal(err)
	}
	pc.Put("2022/A1.md", sum, p)

	pc.Known = map[string][32]byte{"2022/A1.md": sum}
	ps, _, err := content.Load(fsys, pc)
	if err != nil || len(ps) != 1 || ps[0].Name != "甲" {
		t.Fatalf("with a known hash the cached parse must be used without reading: %v %v", ps, err)
	}
	pc.Known = nil
	ps, _, err = content.Load(fsys, pc)
	if err != nil || len(ps) != 1 || ps[0].Name != "乙" {
		t.Fatalf("without a known hash the file must be read: %v %v", ps, err)
	}
}

// TestInputFingerprintAfterLoad is a cold build's fingerprint: the
// content is listed, loaded (which reads and parses every project), then
// fingerprinted with the load's hashes. It must equal the fingerprint
// of reading everything, read only what the load did not parse, and
// leave a stat cache that vouches for every file next time.
func TestInputFingerprintAfterLoad(t *testing.T) {
	src := "---\ncode: A1\nname: 甲\nyear: 2022\ndepartment:\n  code: \"101\"\n  name: 办公室\nunit:\n  code: \"101001\"\n  name: 本级\nfunds_wan: 1\n---\n"
	dir := filepath.Join(t.TempDir(), "content")
	testkit.WriteFiles(t, dir, map[string]string{
		"2022/A1.md":     src,
		"2022/A2.md":     strings.NewReplacer("A1", "A2", "甲", "乙").Replace(src),
		"pages/about.md": "---\ntitle: 说明\n---\n正文\n",
		"2022/note.txt":  "not a project",
	})
	global := []byte("global")
	want, _, err := InputFingerprint(LoadStatCache(filepath.Join(t.TempDir(), "a"), dir), global)
	if err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(t.TempDir(), "public")
	sc := LoadStatCache(out, dir)
	l, err := sc.ListContent()
	if err != nil {
		t.Fatal(err)
	}
	pc := NewParseCache()
	if _, _, err := content.Load(os.DirFS(dir), pc); err != nil {
		t.Fatal(err)
	}
	got, err := InputFingerprintAfter(sc, global, l, pc.Loaded)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Error("the fingerprint after the load differs from reading every file")
	}
	read := append([]string(nil), sc.read...)
	sort.Strings(read)
	if !reflect.DeepEqual(read, []string{"2022/note.txt", "pages/about.md"}) {
		t.Errorf("read %v again; want only the files the load did not parse", read)
	}

	testkit.Must(t, AgeStatCache(out, time.Hour))
	hashes, read := hashTree(t, out, dir)
	if len(read) != 0 || !reflect.DeepEqual(hashes, wantHashes(t, dir)) {
		t.Errorf("next build read %v; its hashes right: %v", read, reflect.DeepEqual(hashes, wantHashes(t, dir)))
	}
}
