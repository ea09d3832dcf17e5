package buildcache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"budgetsite/generator/internal/workers"
)

// The piece store keeps encoded pieces of a list of items (the projects,
// in the site's one order) between builds, so that a rebuild after one
// edit encodes one item. Its user (the open-data encoder) decides what
// the pieces are; the store only knows kinds, keys and byte ranges.
//
// Each item has one piece of each item kind, and each group (a run of
// items, a 实施单位's projects) one piece of each group kind plus a little
// opaque metadata. The pieces of one kind are stored one after another in
// a file of their own, so a download made of the pieces of a run of
// items is one byte range of that file.
//
// A rebuild appends the pieces it encodes to the store's files and points
// the index at them; the rest stay where they are, so a download is a few
// byte ranges rather than one. The index records how far the files are
// committed and is replaced only when the build succeeds, so a failed
// build leaves the previous store as it was (its appended bytes are cut
// off by the next build). When what a build can reuse is less than half
// of the files (many edits, a new program), it writes a compacted new
// generation instead. A store that is missing, unreadable or of another
// version is simply not reused.

// PieceLayout says how many kinds of piece an item and a group have.
type PieceLayout struct{ ItemKinds, GroupKinds int }

func (l PieceLayout) kinds() int { return l.ItemKinds + l.GroupKinds }

// StoreEncoder encodes the pieces of items and groups; a store asks each
// worker for its own.
type StoreEncoder interface {
	// EncodeItem appends item i's piece of each item kind to bufs.
	EncodeItem(i int, bufs []*bytes.Buffer) error
	// EncodeGroup appends the group's piece of each group kind to bufs
	// and returns its metadata.
	EncodeGroup(from, to int, bufs []*bytes.Buffer) (meta []byte, err error)
}

const pieceIndexVersion = 4

// pieceIndexMagic names the index's format, the cache files' framing
// (cachefile.go): a torn or damaged index is refused, not misread.
const pieceIndexMagic = "budgetsite piece index\x00"

// itemMeta locates one item's pieces.
type itemMeta struct {
	Key   [32]byte
	Off   []int64
	Len   []int64
	fixed bool // left where an earlier build put it
}

// groupMeta locates one group's pieces: the run of items [From, To).
type groupMeta struct {
	Key      [32]byte
	From, To int
	Off      []int64
	Len      []int64
	Meta     []byte
	fixed    bool
}

type pieceIndex struct {
	Version int
	Layout  [2]int
	Gen     uint64
	// Sizes are the committed lengths of the generation's files.
	Sizes  []int64
	Items  []itemMeta
	Groups []groupMeta
}

// PieceStore is one build's store.
type PieceStore struct {
	layout PieceLayout
	dir    string
	gen    uint64
	files  []*os.File
	items  []itemMeta
	groups []groupMeta
	// end is where each file's next piece goes.
	end []int64
	// reused counts items whose pieces came from the previous store.
	reused    int
	committed bool
	// appending is set when this build adds to the previous generation
	// rather than writing a new one.
	appending bool
	// temp is set when the store lives in a folder of its own that goes
	// away with it (builds without a cache, tests).
	temp bool
}

func piecePath(dir string, gen uint64, k int) string {
	return filepath.Join(dir, fmt.Sprintf("pieces.%d.%d.dat", gen, k))
}

func PieceIndexPath(dir string) string { return filepath.Join(dir, "pieces.idx") }

// prevPieces is the last committed store, read for reuse.
type prevPieces struct {
	files   []*os.File
	sizes   []int64
	byKey   map[[32]byte]*itemMeta
	byGroup map[[32]byte]*groupMeta
	gen     uint64
}

// openPrevPieces opens the last committed store in dir, or returns nil
// when there is none to reuse.
func openPrevPieces(dir string, l PieceLayout) *prevPieces {
	b, err := os.ReadFile(PieceIndexPath(dir))
	if err != nil {
		return nil
	}
	idx, ok := decodePieceIndex(b)
	if !ok || idx.Version != pieceIndexVersion ||
		idx.Layout != [2]int{l.ItemKinds, l.GroupKinds} || len(idx.Sizes) != l.kinds() {
		return nil
	}
	pp := &prevPieces{byKey: make(map[[32]byte]*itemMeta, len(idx.Items)),
		byGroup: make(map[[32]byte]*groupMeta, len(idx.Groups)), gen: idx.Gen,
		files: make([]*os.File, l.kinds()), sizes: idx.Sizes}
	for k := range pp.files {
		file, err := os.Open(piecePath(dir, idx.Gen, k))
		if err != nil {
			pp.close()
			return nil
		}
		pp.files[k] = file
		st, err := file.Stat()
		if err != nil || st.Size() < idx.Sizes[k] {
			pp.close()
			return nil
		}
	}
	inside := func(k int, off, n int64) bool { return off >= 0 && n >= 0 && off+n <= pp.sizes[k] }
	for i := range idx.Items {
		m := &idx.Items[i]
		ok := len(m.Off) == l.ItemKinds && len(m.Len) == l.ItemKinds
		for k := 0; ok && k < l.ItemKinds; k++ {
			ok = inside(k, m.Off[k], m.Len[k])
		}
		if ok {
			pp.byKey[m.Key] = m
		}
	}
	for i := range idx.Groups {
		g := &idx.Groups[i]
		ok := len(g.Off) == l.GroupKinds && len(g.Len) == l.GroupKinds
		for k := 0; ok && k < l.GroupKinds; k++ {
			ok = inside(l.ItemKinds+k, g.Off[k], g.Len[k])
		}
		if ok {
			pp.byGroup[g.Key] = g
		}
	}
	return pp
}

func (pp *prevPieces) close() {
	if pp == nil {
		return
	}
	for _, f := range pp.files {
		if f != nil {
			f.Close()
		}
	}
}

// BuildPieces makes the store in dir for items with the given keys and
// groups, reusing the previous store's pieces where their keys match,
// and encoding the rest with encoders from newEncoder. dir == "" puts it
// in a temporary folder, for builds without a cache; keys == nil (no
// cache) never reuses anything.
func BuildPieces(dir string, l PieceLayout, n int, keys [][32]byte, groups [][2]int, newEncoder func() StoreEncoder) (*PieceStore, error) {
	ps := &PieceStore{layout: l, dir: dir, end: make([]int64, l.kinds()), files: make([]*os.File, l.kinds())}
	var prev *prevPieces
	if dir == "" {
		tmp, err := os.MkdirTemp("", "budgetsite-pieces-")
		if err != nil {
			return nil, err
		}
		ps.dir, ps.temp = tmp, true
	} else {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if keys != nil {
			prev = openPrevPieces(dir, l)
		}
	}
	defer prev.close()
	ps.plan(n, keys, groups)
	if prev != nil {
		// Append when what this build reuses is at least half of the
		// files; otherwise (many edits, a new program) write a compacted
		// generation.
		var total, reused int64
		for _, n := range prev.sizes {
			total += n
		}
		for i := range ps.items {
			if old := prev.byKey[ps.items[i].Key]; old != nil {
				for _, n := range old.Len {
					reused += n
				}
			}
		}
		for i := range ps.groups {
			if old := prev.byGroup[ps.groups[i].Key]; old != nil {
				for _, n := range old.Len {
					reused += n
				}
			}
		}
		ps.appending = 2*reused >= total
		ps.gen = prev.gen
		if !ps.appending {
			ps.gen++
		}
	}
	for k := range ps.files {
		flag := os.O_RDWR | os.O_CREATE | os.O_TRUNC // a new generation, or one left by a crashed build
		if ps.appending {
			flag = os.O_RDWR
		}
		f, err := os.OpenFile(piecePath(ps.dir, ps.gen, k), flag, 0o644)
		if err == nil && ps.appending {
			// Cut off what a failed build appended after the commit.
			ps.end[k] = prev.sizes[k]
			err = f.Truncate(ps.end[k])
		}
		if err != nil {
			if f != nil {
				f.Close()
			}
			ps.Close()
			return nil, err
		}
		ps.files[k] = f
	}
	if err := ps.fill(prev, keys != nil, newEncoder); err != nil {
		ps.Close()
		return nil, err
	}
	return ps, nil
}

// plan lays out the store: each item's and group's key. A group's key is
// made from its items' keys.
func (ps *PieceStore) plan(n int, keys [][32]byte, groups [][2]int) {
	l := ps.layout
	ps.items = make([]itemMeta, n)
	for i := range ps.items {
		if keys != nil {
			ps.items[i].Key = keys[i]
		}
		ps.items[i].Off, ps.items[i].Len = make([]int64, l.ItemKinds), make([]int64, l.ItemKinds)
	}
	ps.groups = make([]groupMeta, len(groups))
	for gi, r := range groups {
		g := &ps.groups[gi]
		g.From, g.To = r[0], r[1]
		g.Off, g.Len = make([]int64, l.GroupKinds), make([]int64, l.GroupKinds)
		h := sha256.New()
		for i := g.From; i < g.To; i++ {
			h.Write(ps.items[i].Key[:])
		}
		h.Sum(g.Key[:0])
	}
}

// fill encodes or copies every item's and group's pieces, a wave of
// chunks of groups at a time on every core, and appends them to the
// files in item order.
func (ps *PieceStore) fill(prev *prevPieces, keyed bool, newEncoder func() StoreEncoder) error {
	l := ps.layout
	// Chunks of whole groups, about 128 items each.
	var chunks [][2]int // group ranges
	for gi := 0; gi < len(ps.groups); {
		gj := gi
		for gj < len(ps.groups) && ps.groups[gj].From-ps.groups[gi].From < 128 {
			gj++
		}
		chunks = append(chunks, [2]int{gi, gj})
		gi = gj
	}
	reuse := prev != nil && keyed
	wave := 2 * runtime.GOMAXPROCS(0)
	offs := append([]int64(nil), ps.end...)
	// Each slot of a wave keeps its encoder and buffers from wave to
	// wave: a province has hundreds of waves, and an encoder's deflater
	// alone is a megabyte.
	encs := make([]StoreEncoder, wave)
	slots := make([][]bytes.Buffer, wave)
	for c0 := 0; c0 < len(chunks); c0 += wave {
		c1 := min(len(chunks), c0+wave)
		bufs := slots[:c1-c0]
		errs := make([]error, c1-c0)
		reused := make([]int, c1-c0)
		workers.Each(c1-c0, func(ci int) {
			if encs[ci] == nil {
				encs[ci], bufs[ci] = newEncoder(), make([]bytes.Buffer, l.kinds())
			}
			enc, b := encs[ci], bufs[ci]
			for k := range b {
				b[k].Reset()
			}
			itemBufs, groupBufs := make([]*bytes.Buffer, l.ItemKinds), make([]*bytes.Buffer, l.GroupKinds)
			for k := range itemBufs {
				itemBufs[k] = &b[k]
			}
			for k := range groupBufs {
				groupBufs[k] = &b[l.ItemKinds+k]
			}
			for gi := chunks[c0+ci][0]; gi < chunks[c0+ci][1]; gi++ {
				g := &ps.groups[gi]
				for i := g.From; i < g.To; i++ {
					m := &ps.items[i]
					if reuse {
						if old := prev.byKey[m.Key]; old != nil && (ps.appending || prev.copyPieces(old.Off, old.Len, m.Off, itemBufs, 0)) {
							if ps.appending {
								copy(m.Off, old.Off)
								m.fixed = true
							}
							copy(m.Len, old.Len)
							reused[ci]++
							continue
						}
					}
					for k, buf := range itemBufs {
						m.Off[k] = int64(buf.Len())
					}
					if err := enc.EncodeItem(i, itemBufs); err != nil {
						errs[ci] = err
						return
					}
					for k, buf := range itemBufs {
						m.Len[k] = int64(buf.Len()) - m.Off[k]
					}
				}
				if reuse {
					if old := prev.byGroup[g.Key]; old != nil && (ps.appending || prev.copyPieces(old.Off, old.Len, g.Off, groupBufs, l.ItemKinds)) {
						if ps.appending {
							copy(g.Off, old.Off)
							g.fixed = true
						}
						copy(g.Len, old.Len)
						g.Meta = old.Meta
						continue
					}
				}
				for k, buf := range groupBufs {
					g.Off[k] = int64(buf.Len())
				}
				meta, err := enc.EncodeGroup(g.From, g.To, groupBufs)
				if err != nil {
					errs[ci] = err
					return
				}
				g.Meta = meta
				for k, buf := range groupBufs {
					g.Len[k] = int64(buf.Len()) - g.Off[k]
				}
			}
		})
		for ci := range bufs {
			if errs[ci] != nil {
				return errs[ci]
			}
			ps.reused += reused[ci]
			for gi := chunks[c0+ci][0]; gi < chunks[c0+ci][1]; gi++ {
				g := &ps.groups[gi]
				if !g.fixed {
					for k := range g.Off {
						g.Off[k] += offs[l.ItemKinds+k]
					}
				}
				for i := g.From; i < g.To; i++ {
					if m := &ps.items[i]; !m.fixed {
						for k := range m.Off {
							m.Off[k] += offs[k]
						}
					}
				}
			}
			for k := range offs {
				if _, err := ps.files[k].WriteAt(bufs[ci][k].Bytes(), offs[k]); err != nil {
					return err
				}
				offs[k] += int64(bufs[ci][k].Len())
			}
		}
	}
	ps.end = offs
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

// copyPieces appends old pieces (of the kinds starting at file first) to
// bufs, recording their offsets within bufs in off; it reports false if
// the old store could not be read, and they are then encoded afresh.
func (pp *prevPieces) copyPieces(oldOff, oldLen, off []int64, bufs []*bytes.Buffer, first int) bool {
	start := make([]int, len(bufs))
	for k, b := range bufs {
		start[k] = b.Len()
		if !readInto(b, pp.files[first+k], oldOff[k], oldLen[k]) {
			for j := range start[:k+1] {
				bufs[j].Truncate(start[j])
			}
			return false
		}
	}
	for k := range start {
		off[k] = int64(start[k])
	}
	return true
}

// Commit makes this store the one the next build reuses, and removes the
// previous generation.
func (ps *PieceStore) Commit() error {
	if ps.temp {
		return nil
	}
	idx := pieceIndex{Version: pieceIndexVersion, Layout: [2]int{ps.layout.ItemKinds, ps.layout.GroupKinds},
		Gen: ps.gen, Sizes: ps.end, Items: ps.items, Groups: ps.groups}
	if err := writeCacheFile(PieceIndexPath(ps.dir), idx.encode()); err != nil {
		return err
	}
	ps.committed = true
	// Earlier generations are garbage now, whatever their number, and so
	// is an older program's fragment store.
	matches, _ := filepath.Glob(filepath.Join(ps.dir, "pieces.*.*.dat"))
	old, _ := filepath.Glob(filepath.Join(ps.dir, "fragments.*"))
	own := map[string]bool{}
	for k := range ps.files {
		own[piecePath(ps.dir, ps.gen, k)] = true
	}
	for _, m := range append(matches, old...) {
		if !own[m] {
			os.Remove(m)
		}
	}
	return nil
}

// encode writes the index in the cache files' framing. Offsets and
// lengths are never negative in an index a build commits.
func (idx *pieceIndex) encode() []byte {
	ik, gk := idx.Layout[0], idx.Layout[1]
	e := newEncBuf(pieceIndexMagic, 64+(40+4*ik)*len(idx.Items)+(48+4*gk)*len(idx.Groups))
	e.uvarint(uint64(idx.Version))
	e.uvarint(uint64(ik))
	e.uvarint(uint64(gk))
	e.uvarint(idx.Gen)
	e.uvarint(uint64(len(idx.Sizes)))
	for _, n := range idx.Sizes {
		e.varint(n)
	}
	e.uvarint(uint64(len(idx.Items)))
	for i := range idx.Items {
		m := &idx.Items[i]
		e.raw(m.Key[:])
		for k := 0; k < ik; k++ {
			e.varint(m.Off[k])
			e.varint(m.Len[k])
		}
	}
	e.uvarint(uint64(len(idx.Groups)))
	for i := range idx.Groups {
		g := &idx.Groups[i]
		e.raw(g.Key[:])
		e.uvarint(uint64(g.From))
		e.uvarint(uint64(g.To))
		for k := 0; k < gk; k++ {
			e.varint(g.Off[k])
			e.varint(g.Len[k])
		}
		e.str(string(g.Meta))
	}
	return e.finish()
}

// decodePieceIndex reads what encode wrote; b is the caller's to keep.
func decodePieceIndex(b []byte) (pieceIndex, bool) {
	var idx pieceIndex
	d, ok := openCacheFile(b, pieceIndexMagic)
	if !ok {
		return idx, false
	}
	idx.Version = int(d.uvarint())
	ik, gk := d.count(1), d.count(1)
	idx.Layout = [2]int{ik, gk}
	idx.Gen = d.uvarint()
	idx.Sizes = make([]int64, d.count(1))
	for k := range idx.Sizes {
		idx.Sizes[k] = d.varint()
	}
	// Each item's offsets and lengths are slices of one array.
	idx.Items = make([]itemMeta, d.count(32+2*ik))
	nums := make([]int64, 2*ik*len(idx.Items))
	for i := range idx.Items {
		m := &idx.Items[i]
		copy(m.Key[:], d.raw(32))
		m.Off, m.Len, nums = nums[:ik:ik], nums[ik:2*ik:2*ik], nums[2*ik:]
		for k := 0; k < ik; k++ {
			m.Off[k], m.Len[k] = d.varint(), d.varint()
		}
	}
	idx.Groups = make([]groupMeta, d.count(34+2*gk))
	for i := range idx.Groups {
		g := &idx.Groups[i]
		copy(g.Key[:], d.raw(32))
		g.From, g.To = int(d.uvarint()), int(d.uvarint())
		g.Off, g.Len = make([]int64, gk), make([]int64, gk)
		for k := 0; k < gk; k++ {
			g.Off[k], g.Len[k] = d.varint(), d.varint()
		}
		if meta := d.str(); meta != "" {
			g.Meta = []byte(meta)
		}
	}
	return idx, d.done()
}

// Close releases the files; a store that was not committed is removed.
func (ps *PieceStore) Close() {
	for k, f := range ps.files {
		if f != nil {
			f.Close()
			// An appended generation is the previous build's store; what
			// this build added to it is cut off by the next one.
			if !ps.committed && !ps.appending {
				os.Remove(piecePath(ps.dir, ps.gen, k))
			}
		}
	}
	if ps.temp {
		os.RemoveAll(ps.dir)
	}
}

// CopyItems writes kind k's pieces of the runs of items to w, dropping
// the first skip bytes. Pieces that lie one after another in the file
// are copied as one range.
func (ps *PieceStore) CopyItems(w io.Writer, k int, runs [][2]int, skip int64) error {
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
		_, err := io.Copy(w, io.NewSectionReader(ps.files[k], off, end-off))
		return err
	}
	for _, r := range runs {
		for i := r[0]; i < r[1]; i++ {
			m := &ps.items[i]
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

// CopyGroups writes group kind k's pieces of every group, in order.
func (ps *PieceStore) CopyGroups(w io.Writer, k int) error {
	var off, end int64 = 0, -1
	f := ps.files[ps.layout.ItemKinds+k]
	for i := range ps.groups {
		g := &ps.groups[i]
		if g.Off[k] == end {
			end += g.Len[k]
			continue
		}
		if end >= 0 {
			if _, err := io.Copy(w, io.NewSectionReader(f, off, end-off)); err != nil {
				return err
			}
		}
		off, end = g.Off[k], g.Off[k]+g.Len[k]
	}
	if end < 0 {
		return nil
	}
	_, err := io.Copy(w, io.NewSectionReader(f, off, end-off))
	return err
}

// Groups returns the number of groups.
func (ps *PieceStore) Groups() int { return len(ps.groups) }

// GroupMeta returns the metadata the encoder gave group g.
func (ps *PieceStore) GroupMeta(g int) []byte { return ps.groups[g].Meta }

// GroupLen returns the length of group g's piece of group kind k.
func (ps *PieceStore) GroupLen(g, k int) int64 { return ps.groups[g].Len[k] }
