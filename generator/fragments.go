package generator

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/internal/workers"
	"budgetsite/generator/markdown"
	"budgetsite/generator/site"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/csv"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// Every download lists projects in the site's one order (sortProjects),
// and every list a download holds (a year, a department, a unit, one
// project) is a run of that order. So each project is encoded once per
// format, as a fragment, and the fragments of one format are stored one
// after another in a file of their own: a download is a header, one byte
// range of that file and a footer.
//
// The store lives in the build cache folder and is kept between builds,
// keyed by what each project's fragments are made from, so a rebuild
// after editing one project encodes one project. The workbook's sheets
// are stored deflated, each fragment ending on a byte boundary (a sync
// flush), so budget.xlsx is stitched from compressed pieces without
// compressing a province's rows again (see export_xlsx.go). Deflate
// finds no repeats across fragments, so the sheets are stored per unit
// (实施单位) rather than per project: a unit's projects share its names and
// many indicator texts, which keeps the workbook near the size of one
// stream (smaller than excelize's own: rows carry no "r" references),
// and an edit still recompresses only its unit.
//
// A rebuild appends the fragments it encodes to the store's files and
// points the index at them; the rest stay where they are, so a download
// is a few byte ranges rather than one. The index records how far the
// files are committed, and is replaced only when the build succeeds, so a
// failed build leaves the previous store as it was (its appended bytes
// are cut off by the next build). When what a build can reuse is less
// than half of the files (many edits, a new program), it writes a
// compacted new generation instead. A store that is missing, unreadable
// or of another version is simply not reused.

type fragKind int

const (
	fragProjectCSV      fragKind = iota // a project's projects.csv row
	fragIndicatorCSV                    // its indicators.csv rows
	fragJSON                            // "," and its object in projects.json
	fragSheetProjects                   // a unit's 项目 sheet rows, deflated
	fragSheetIndicators                 // its 指标 sheet rows, deflated
	numFragKinds
	numProjectKinds = fragSheetProjects // kinds stored per project
)

// sheetKinds are the workbook's sheets, in sheet order.
var sheetKinds = [2]fragKind{fragSheetProjects, fragSheetIndicators}

const fragIndexVersion = 2

// fragMeta locates one project's fragments in the store.
type fragMeta struct {
	Key [32]byte
	Off [numProjectKinds]int64
	Len [numProjectKinds]int64
	// fixed marks fragments left where an earlier build put them.
	fixed bool
}

// groupMeta locates one unit's sheet fragments: the rows of the run of
// projects [From, To) in site order.
type groupMeta struct {
	Key      [32]byte
	From, To int
	Off      [2]int64
	Len      [2]int64
	// The CRC-32 and size of the uncompressed XML, which the zip needs,
	// and each column's display width, which the sheet's column widths
	// need.
	CRC    [2]uint32
	Raw    [2]int64
	Widths [2][]uint8
	fixed  bool
}

type fragIndex struct {
	Version int
	Gen     uint64
	// Sizes are the committed lengths of the generation's files.
	Sizes  [numFragKinds]int64
	Metas  []fragMeta
	Groups []groupMeta
}

// fragStore is one build's store.
type fragStore struct {
	dir    string
	gen    uint64
	files  [numFragKinds]*os.File
	meta   []fragMeta
	groups []groupMeta
	index  map[*budget.Project]int
	// end is where each file's next fragment goes.
	end [numFragKinds]int64
	// reused counts projects whose fragments came from the previous store.
	reused    int
	committed bool
	// appending is set when this build adds to the previous generation
	// rather than writing a new one.
	appending bool
	// temp is set when the store lives in a folder of its own that goes
	// away with it (builds without a cache, tests).
	temp bool
}

func fragPath(dir string, gen uint64, k fragKind) string {
	return filepath.Join(dir, fmt.Sprintf("fragments.%d.%d.dat", gen, k))
}

func fragIndexPath(dir string) string { return filepath.Join(dir, "fragments.idx") }

// fragKey is what a project's fragments are made from: the project's
// content and the global inputs (program, configuration), which include
// the redaction decisions applied to it.
func fragKey(keys *keyer, p *budget.Project) [32]byte {
	h := sha256.New()
	h.Write(keys.global)
	h.Write([]byte("fragments"))
	src := keys.hash(p)
	h.Write(src[:])
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// prevFragments is the last committed store, read for reuse.
type prevFragments struct {
	files   [numFragKinds]*os.File
	sizes   [numFragKinds]int64
	byKey   map[[32]byte]*fragMeta
	byGroup map[[32]byte]*groupMeta
	gen     uint64
	live    int64 // bytes the index points at
}

// openPrevFragments opens the last committed store in dir, or returns
// nil when there is none to reuse.
func openPrevFragments(dir string) *prevFragments {
	f, err := os.Open(fragIndexPath(dir))
	if err != nil {
		return nil
	}
	defer f.Close()
	var idx fragIndex
	if gob.NewDecoder(f).Decode(&idx) != nil || idx.Version != fragIndexVersion {
		return nil
	}
	pf := &prevFragments{byKey: make(map[[32]byte]*fragMeta, len(idx.Metas)),
		byGroup: make(map[[32]byte]*groupMeta, len(idx.Groups)), gen: idx.Gen}
	for k := fragKind(0); k < numFragKinds; k++ {
		file, err := os.Open(fragPath(dir, idx.Gen, k))
		if err != nil {
			pf.close()
			return nil
		}
		pf.files[k] = file
		st, err := file.Stat()
		if err != nil || st.Size() < idx.Sizes[k] {
			pf.close()
			return nil
		}
		pf.sizes[k] = idx.Sizes[k]
	}
	inside := func(k fragKind, off, n int64) bool { return off >= 0 && n >= 0 && off+n <= pf.sizes[k] }
	for i := range idx.Metas {
		m := &idx.Metas[i]
		ok := true
		for k := fragKind(0); k < numProjectKinds; k++ {
			ok = ok && inside(k, m.Off[k], m.Len[k])
		}
		if ok {
			pf.byKey[m.Key] = m
			for _, n := range m.Len {
				pf.live += n
			}
		}
	}
	for i := range idx.Groups {
		g := &idx.Groups[i]
		if inside(sheetKinds[0], g.Off[0], g.Len[0]) && inside(sheetKinds[1], g.Off[1], g.Len[1]) {
			pf.byGroup[g.Key] = g
			pf.live += g.Len[0] + g.Len[1]
		}
	}
	return pf
}

func (pf *prevFragments) close() {
	if pf == nil {
		return
	}
	for _, f := range pf.files {
		if f != nil {
			f.Close()
		}
	}
}

// buildFragments makes the store for s in dir, reusing the previous
// store's fragments where their keys match. dir == "" puts it in a
// temporary folder, for builds without a cache.
func buildFragments(s *site.Site, dir string, keys *keyer) (*fragStore, error) {
	fs := &fragStore{dir: dir, index: make(map[*budget.Project]int, len(s.Projects))}
	var prev *prevFragments
	if dir == "" {
		tmp, err := os.MkdirTemp("", "budgetsite-fragments-")
		if err != nil {
			return nil, err
		}
		fs.dir, fs.temp = tmp, true
	} else {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if keys != nil {
			prev = openPrevFragments(dir)
		}
	}
	defer prev.close()
	fs.plan(s, keys)
	if prev != nil {
		// Append when what this build reuses is at least half of the
		// files; otherwise (many edits, a new program) write a compacted
		// generation.
		var total, reused int64
		for _, n := range prev.sizes {
			total += n
		}
		for i := range fs.meta {
			if old := prev.byKey[fs.meta[i].Key]; old != nil {
				for _, n := range old.Len {
					reused += n
				}
			}
		}
		for i := range fs.groups {
			if old := prev.byGroup[fs.groups[i].Key]; old != nil {
				reused += old.Len[0] + old.Len[1]
			}
		}
		fs.appending = 2*reused >= total
		fs.gen = prev.gen
		if !fs.appending {
			fs.gen++
		}
	}
	for k := fragKind(0); k < numFragKinds; k++ {
		flag := os.O_RDWR | os.O_CREATE | os.O_TRUNC // a new generation, or one left by a crashed build
		if fs.appending {
			flag = os.O_RDWR
		}
		f, err := os.OpenFile(fragPath(fs.dir, fs.gen, k), flag, 0o644)
		if err == nil && fs.appending {
			// Cut off what a failed build appended after the commit.
			fs.end[k] = prev.sizes[k]
			err = f.Truncate(fs.end[k])
		}
		if err != nil {
			if f != nil {
				f.Close()
			}
			fs.close()
			return nil, err
		}
		fs.files[k] = f
	}
	if err := fs.fill(s, prev, keys != nil); err != nil {
		fs.close()
		return nil, err
	}
	return fs, nil
}

// unitGroups splits the site order into runs of projects of one unit.
func unitGroups(ps []*budget.Project) []groupMeta {
	var gs []groupMeta
	for i, p := range ps {
		if n := len(gs); n > 0 {
			q := ps[gs[n-1].From]
			if q.Year == p.Year && q.Department.Code == p.Department.Code && q.Unit.Code == p.Unit.Code {
				gs[n-1].To = i + 1
				continue
			}
		}
		gs = append(gs, groupMeta{From: i, To: i + 1})
	}
	return gs
}

// plan lays out the store: each project's and unit's key.
func (fs *fragStore) plan(s *site.Site, keys *keyer) {
	fs.meta = make([]fragMeta, len(s.Projects))
	for i, p := range s.Projects {
		fs.index[p] = i
		if keys != nil {
			fs.meta[i].Key = fragKey(keys, p)
		}
	}
	fs.groups = unitGroups(s.Projects)
	for gi := range fs.groups {
		g := &fs.groups[gi]
		h := sha256.New()
		for i := g.From; i < g.To; i++ {
			h.Write(fs.meta[i].Key[:])
		}
		h.Sum(g.Key[:0])
	}
}

// fill encodes or copies every project's and unit's fragments, a wave of
// chunks of units at a time on every core, and appends them to the files
// in site order.
func (fs *fragStore) fill(s *site.Site, prev *prevFragments, keyed bool) error {
	// Chunks of whole units, about 128 projects each.
	var chunks [][2]int // group ranges
	for gi := 0; gi < len(fs.groups); {
		gj := gi
		for gj < len(fs.groups) && fs.groups[gj].From-fs.groups[gi].From < 128 {
			gj++
		}
		chunks = append(chunks, [2]int{gi, gj})
		gi = gj
	}
	reuse := prev != nil && keyed
	wave := 2 * runtime.GOMAXPROCS(0)
	offs := fs.end
	for c0 := 0; c0 < len(chunks); c0 += wave {
		c1 := min(len(chunks), c0+wave)
		bufs := make([][numFragKinds]bytes.Buffer, c1-c0)
		errs := make([]error, c1-c0)
		reused := make([]int, c1-c0)
		workers.Each(c1-c0, func(ci int) {
			enc := newFragEncoder()
			b := &bufs[ci]
			for gi := chunks[c0+ci][0]; gi < chunks[c0+ci][1]; gi++ {
				g := &fs.groups[gi]
				for i := g.From; i < g.To; i++ {
					p, m := s.Projects[i], &fs.meta[i]
					if reuse {
						if old := prev.byKey[m.Key]; old != nil && (fs.appending || prev.copyProject(old, m, b)) {
							if fs.appending {
								m.Off, m.Len = old.Off, old.Len
								m.fixed = true
							}
							reused[ci]++
							continue
						}
					}
					if err := enc.encodeProject(p, m, b); err != nil {
						errs[ci] = fmt.Errorf("编码项目 %s 的数据失败：%w", p.Code, err)
						return
					}
				}
				if reuse {
					if old := prev.byGroup[g.Key]; old != nil && (fs.appending || prev.copyGroup(old, g, b)) {
						if fs.appending {
							g.Off, g.Len = old.Off, old.Len
							g.CRC, g.Raw, g.Widths = old.CRC, old.Raw, old.Widths
							g.fixed = true
						}
						continue
					}
				}
				if err := enc.encodeGroup(s.Projects[g.From:g.To], g, b); err != nil {
					errs[ci] = fmt.Errorf("编码实施单位 %s 的表格失败：%w", s.Projects[g.From].Unit.Code, err)
					return
				}
			}
		})
		for ci := range bufs {
			if errs[ci] != nil {
				return errs[ci]
			}
			fs.reused += reused[ci]
			for gi := chunks[c0+ci][0]; gi < chunks[c0+ci][1]; gi++ {
				g := &fs.groups[gi]
				if !g.fixed {
					for si, k := range sheetKinds {
						g.Off[si] += offs[k]
					}
				}
				for i := g.From; i < g.To; i++ {
					if !fs.meta[i].fixed {
						for k := range fs.meta[i].Off {
							fs.meta[i].Off[k] += offs[k]
						}
					}
				}
			}
			for k := range offs {
				if _, err := fs.files[k].WriteAt(bufs[ci][k].Bytes(), offs[k]); err != nil {
					return err
				}
				offs[k] += int64(bufs[ci][k].Len())
			}
		}
	}
	fs.end = offs
	return nil
}

// readInto appends n bytes at off of f to b.
func readInto(b *bytes.Buffer, f *os.File, off, n int64) bool {
	b.Grow(int(n))
	dst := b.AvailableBuffer()[:n]
	if _, err := f.ReadAt(dst, off); err != nil {
		return false
	}
	b.Write(dst)
	return true
}

// copyProject appends an old project's fragments to bufs, recording their
// offsets within bufs in m; it reports false if the old store could not
// be read, and the project is then encoded afresh.
func (pf *prevFragments) copyProject(old, m *fragMeta, bufs *[numFragKinds]bytes.Buffer) bool {
	var start [numProjectKinds]int
	for k := range start {
		start[k] = bufs[k].Len()
		if !readInto(&bufs[k], pf.files[k], old.Off[k], old.Len[k]) {
			for j := range start[:k+1] {
				bufs[j].Truncate(start[j])
			}
			return false
		}
	}
	for k := range start {
		m.Off[k], m.Len[k] = int64(start[k]), old.Len[k]
	}
	return true
}

// copyGroup is copyProject for a unit's sheet fragments.
func (pf *prevFragments) copyGroup(old, g *groupMeta, bufs *[numFragKinds]bytes.Buffer) bool {
	var start [2]int
	for si, k := range sheetKinds {
		start[si] = bufs[k].Len()
		if !readInto(&bufs[k], pf.files[k], old.Off[si], old.Len[si]) {
			bufs[sheetKinds[0]].Truncate(start[0])
			if si == 1 {
				bufs[k].Truncate(start[1])
			}
			return false
		}
	}
	for si := range start {
		g.Off[si], g.Len[si] = int64(start[si]), old.Len[si]
	}
	g.CRC, g.Raw, g.Widths = old.CRC, old.Raw, old.Widths
	return true
}

// commit makes this store the one the next build reuses, and removes the
// previous generation.
func (fs *fragStore) commit() error {
	if fs.temp {
		return nil
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(fragIndex{Version: fragIndexVersion, Gen: fs.gen, Sizes: fs.end, Metas: fs.meta, Groups: fs.groups}); err != nil {
		return err
	}
	if err := writeCacheFile(fragIndexPath(fs.dir), b.Bytes()); err != nil {
		return err
	}
	fs.committed = true
	// Earlier generations are garbage now, whatever their number.
	matches, _ := filepath.Glob(filepath.Join(fs.dir, "fragments.*.*.dat"))
	own := map[string]bool{}
	for k := fragKind(0); k < numFragKinds; k++ {
		own[fragPath(fs.dir, fs.gen, k)] = true
	}
	for _, m := range matches {
		if !own[m] {
			os.Remove(m)
		}
	}
	return nil
}

// close releases the files; a store that was not committed is removed.
func (fs *fragStore) close() {
	for k, f := range fs.files {
		if f != nil {
			f.Close()
			// An appended generation is the previous build's store; what
			// this build added to it is cut off by the next one.
			if !fs.committed && !fs.appending {
				os.Remove(fragPath(fs.dir, fs.gen, fragKind(k)))
			}
		}
	}
	if fs.temp {
		os.RemoveAll(fs.dir)
	}
}

// span is a run [from, to) of projects in site order.
type span struct{ from, to int }

// spans returns the runs of ps in the store, in ps's order.
func (fs *fragStore) spans(ps []*budget.Project) []span {
	var out []span
	for _, p := range ps {
		i := fs.index[p]
		if n := len(out); n > 0 && out[n-1].to == i {
			out[n-1].to++
			continue
		}
		out = append(out, span{i, i + 1})
	}
	return out
}

// copyTo writes the kind-k fragments of the spans to w, dropping the
// first skip bytes (the comma before the first JSON object). k is a
// per-project kind. Fragments that lie one after another in the file are
// copied as one range.
func (fs *fragStore) copyTo(w io.Writer, k fragKind, sp []span, skip int64) error {
	var off, end int64 = 0, -1
	flush := func() error {
		if end < 0 {
			return nil
		}
		off += skip
		skip = 0
		if off > end {
			off = end
		}
		_, err := io.Copy(w, io.NewSectionReader(fs.files[k], off, end-off))
		return err
	}
	for _, r := range sp {
		for i := r.from; i < r.to; i++ {
			m := &fs.meta[i]
			if m.Off[k] == end {
				end += m.Len[k]
				continue
			}
			if err := flush(); err != nil {
				return err
			}
			off, end = m.Off[k], m.Off[k]+m.Len[k]
		}
	}
	return flush()
}

// copySheet writes one sheet's rows of every unit, in site order.
func (fs *fragStore) copySheet(w io.Writer, si int) error {
	var off, end int64 = 0, -1
	f := fs.files[sheetKinds[si]]
	for i := range fs.groups {
		g := &fs.groups[i]
		if g.Off[si] == end {
			end += g.Len[si]
			continue
		}
		if end >= 0 {
			if _, err := io.Copy(w, io.NewSectionReader(f, off, end-off)); err != nil {
				return err
			}
		}
		off, end = g.Off[si], g.Off[si]+g.Len[si]
	}
	if end < 0 {
		return nil
	}
	_, err := io.Copy(w, io.NewSectionReader(f, off, end-off))
	return err
}

// fragEncoder encodes one project's fragments; each worker has its own.
type fragEncoder struct {
	tmp    bytes.Buffer
	json   *json.Encoder
	xml    bytes.Buffer
	deflat *flate.Writer
	rec    []string
}

func newFragEncoder() *fragEncoder {
	e := &fragEncoder{}
	e.json = json.NewEncoder(&e.tmp)
	e.json.SetEscapeHTML(false)
	e.deflat, _ = flate.NewWriter(io.Discard, flate.DefaultCompression)
	return e
}

// encodeProject appends p's own fragments to bufs and records where they
// are.
func (e *fragEncoder) encodeProject(p *budget.Project, m *fragMeta, bufs *[numFragKinds]bytes.Buffer) error {
	for k := range m.Off {
		m.Off[k] = int64(bufs[k].Len())
	}
	rows := projectRows(p)

	if err := e.csvRows(&bufs[fragProjectCSV], projectColumns, rows[:1]); err != nil {
		return err
	}
	if err := e.csvRows(&bufs[fragIndicatorCSV], indicatorColumns, rows[1:]); err != nil {
		return err
	}

	e.tmp.Reset()
	if err := e.json.Encode(exportProject(p)); err != nil {
		return err
	}
	bufs[fragJSON].WriteByte(',')
	bufs[fragJSON].Write(e.tmp.Bytes()[:e.tmp.Len()-1]) // without Encode's newline

	for k := range m.Len {
		m.Len[k] = int64(bufs[k].Len()) - m.Off[k]
	}
	return nil
}

// encodeGroup appends a unit's sheet rows to bufs, deflated, and records
// where they are.
func (e *fragEncoder) encodeGroup(ps []*budget.Project, g *groupMeta, bufs *[numFragKinds]bytes.Buffer) error {
	for si, k := range sheetKinds {
		cols := projectColumns
		if k == fragSheetIndicators {
			cols = indicatorColumns
		}
		e.xml.Reset()
		widths := make([]uint8, len(cols))
		for _, p := range ps {
			rows := projectRows(p)
			if k == fragSheetProjects {
				rows = rows[:1]
			} else {
				rows = rows[1:]
			}
			for _, r := range rows {
				appendSheetRow(&e.xml, cols, r, widths)
			}
		}
		g.CRC[si] = crc32.ChecksumIEEE(e.xml.Bytes())
		g.Raw[si] = int64(e.xml.Len())
		g.Widths[si] = widths
		g.Off[si] = int64(bufs[k].Len())
		e.deflat.Reset(&bufs[k])
		if _, err := e.deflat.Write(e.xml.Bytes()); err != nil {
			return err
		}
		// A sync flush ends the fragment on a byte boundary without
		// ending the stream, so fragments can follow one another.
		if err := e.deflat.Flush(); err != nil {
			return err
		}
		g.Len[si] = int64(bufs[k].Len()) - g.Off[si]
	}
	return nil
}

func (e *fragEncoder) csvRows(b *bytes.Buffer, cols []*exportField, rows []tableRow) error {
	w := csv.NewWriter(b)
	w.UseCRLF = true
	if cap(e.rec) < len(cols) {
		e.rec = make([]string, len(cols))
	}
	rec := e.rec[:len(cols)]
	for _, r := range rows {
		for i, f := range cols {
			rec[i] = f.value(r).String()
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// projectRows returns a project's row for the project tables followed by
// one row per indicator.
func projectRows(p *budget.Project) []tableRow {
	ov := markdown.PlainText(p.Overview)
	rows := make([]tableRow, 0, 1+len(p.Indicators))
	rows = append(rows, tableRow{p: p, overview: ov, idx: -1})
	for i := range p.Indicators {
		rows = append(rows, tableRow{p: p, overview: ov, idx: i})
	}
	return rows
}

// csvBOM lets Excel and WPS open the UTF-8 file without garbling Chinese.
const csvBOM = "\ufeff"

// csvHeader is a table's header line, BOM first. Tables are UTF-8 with
// CRLF line ends and RFC 4180 quoting: encoding/csv quotes any field with
// a comma, quote or line break and, with UseCRLF, writes line breaks
// inside fields as CRLF too, which csv readers (and Excel) turn back into
// the original text.
func csvHeader(cols []*exportField) []byte {
	var b bytes.Buffer
	b.WriteString(csvBOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	rec := make([]string, len(cols))
	for i, f := range cols {
		rec[i] = f.Header
	}
	w.Write(rec)
	w.Flush()
	return b.Bytes()
}

// writeCSV writes the CSV of the projects in sp: projects.csv's
// columns for fragProjectCSV, indicators.csv's for fragIndicatorCSV.
func (fs *fragStore) writeCSV(w io.Writer, k fragKind, sp []span) error {
	cols := projectColumns
	if k == fragIndicatorCSV {
		cols = indicatorColumns
	}
	if _, err := w.Write(csvHeader(cols)); err != nil {
		return err
	}
	return fs.copyTo(w, k, sp, 0)
}

// writeJSON writes {"version":1,"projects":[…]} for the projects in sp,
// byte for byte what marshalJSON makes of the same jsonExport.
func (fs *fragStore) writeJSON(w io.Writer, sp []span) error {
	if _, err := io.WriteString(w, `{"version":1,"projects":[`); err != nil {
		return err
	}
	if err := fs.copyTo(w, fragJSON, sp, 1); err != nil {
		return err
	}
	_, err := io.WriteString(w, "]}\n")
	return err
}
