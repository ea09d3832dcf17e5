package buildcache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// fakeEncoder encodes item i of version v as text naming both, and a
// group as its items' texts; it counts what it encodes.
type fakeEncoder struct {
	version []int // per item
	items   *int
}

func (e fakeEncoder) EncodeItem(i int, bufs []*bytes.Buffer) error {
	*e.items++
	for k, b := range bufs {
		fmt.Fprintf(b, "[%d.%d k%d]", i, e.version[i], k)
	}
	return nil
}

func (e fakeEncoder) EncodeGroup(from, to int, bufs []*bytes.Buffer) ([]byte, error) {
	for k, b := range bufs {
		for i := from; i < to; i++ {
			fmt.Fprintf(b, "<%d.%d g%d>", i, e.version[i], k)
		}
	}
	return []byte(fmt.Sprintf("meta %d-%d", from, to)), nil
}

// storeState is what a store should hold: every item's and group's
// pieces, in order.
func storeState(t *testing.T, ps *PieceStore, version []int, groups [][2]int) {
	t.Helper()
	var want, got bytes.Buffer
	for k := 0; k < 2; k++ {
		want.Reset()
		got.Reset()
		for i := range version {
			fmt.Fprintf(&want, "[%d.%d k%d]", i, version[i], k)
		}
		if err := ps.CopyItems(&got, k, [][2]int{{0, len(version)}}, 0); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("item kind %d:\n got %s\nwant %s", k, got.String(), want.String())
		}
	}
	want.Reset()
	got.Reset()
	for gi, g := range groups {
		for i := g[0]; i < g[1]; i++ {
			fmt.Fprintf(&want, "<%d.%d g0>", i, version[i])
		}
		if m := string(ps.GroupMeta(gi)); m != fmt.Sprintf("meta %d-%d", g[0], g[1]) {
			t.Fatalf("group %d meta %q", gi, m)
		}
	}
	if err := ps.CopyGroups(&got, 0); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("group kind 0:\n got %s\nwant %s", got.String(), want.String())
	}
	// A run in the middle, with a skip.
	got.Reset()
	if err := ps.CopyItems(&got, 1, [][2]int{{3, 5}}, 2); err != nil {
		t.Fatal(err)
	}
	if w := fmt.Sprintf("[3.%d k1][4.%d k1]", version[3], version[4])[2:]; got.String() != w {
		t.Fatalf("run 3-5 skipping 2: %q, want %q", got.String(), w)
	}
}

// TestPieceStoreAppendsAndCompacts rebuilds the store again and again
// after editing one item, as rebuilds do, and requires it to hold every
// piece, to append edits rather than rewrite, to encode only what
// changed, and to compact before garbage outweighs what is live.
func TestPieceStoreAppendsAndCompacts(t *testing.T) {
	const n = 40
	layout := PieceLayout{ItemKinds: 2, GroupKinds: 1}
	groups := [][2]int{{0, 10}, {10, 25}, {25, 40}}
	version := make([]int, n)
	dir := t.TempDir()
	appended, compacted := 0, 0
	var lastGen uint64
	for round := 0; round < 12; round++ {
		if round > 0 {
			version[(round*7)%n]++
		}
		keys := make([][32]byte, n)
		for i := range keys {
			keys[i] = sha256.Sum256([]byte(fmt.Sprint(i, version[i])))
		}
		encoded := 0
		ps, err := BuildPieces(dir, layout, n, keys, groups, func() StoreEncoder { return fakeEncoder{version, &encoded} })
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case round == 0:
			if encoded != n {
				t.Fatalf("first build encoded %d items, want %d", encoded, n)
			}
		case ps.appending:
			appended++
			if ps.gen != lastGen || ps.reused != n-1 || encoded != 1 {
				t.Errorf("round %d: appended to generation %d (want %d), reused %d, encoded %d", round, ps.gen, lastGen, ps.reused, encoded)
			}
		default:
			compacted++
		}
		lastGen = ps.gen
		storeState(t, ps, version, groups)
		if err := ps.Commit(); err != nil {
			t.Fatal(err)
		}
		ps.Close()
		var total, live int64
		for k := 0; k < layout.kinds(); k++ {
			st, err := os.Stat(piecePath(dir, ps.gen, k))
			if err != nil {
				t.Fatal(err)
			}
			total += st.Size()
		}
		for _, m := range ps.items {
			live += m.Len[0] + m.Len[1]
		}
		for _, g := range ps.groups {
			live += g.Len[0]
		}
		if total > 3*live {
			t.Errorf("round %d: store holds %d bytes for %d live", round, total, live)
		}
		if dats, _ := filepath.Glob(filepath.Join(dir, "pieces.*.dat")); len(dats) != layout.kinds() {
			t.Errorf("round %d: %d store files, want one generation", round, len(dats))
		}
	}
	if appended == 0 || compacted == 0 {
		t.Errorf("appended %d times and compacted %d times; want both", appended, compacted)
	}
}

// TestPieceStoreFailedBuild leaves a build uncommitted after it
// appended, and requires the next build to ignore what it appended.
func TestPieceStoreFailedBuild(t *testing.T) {
	const n = 10
	layout := PieceLayout{ItemKinds: 2, GroupKinds: 1}
	groups := [][2]int{{0, 5}, {5, 10}}
	version := make([]int, n)
	keysOf := func() [][32]byte {
		keys := make([][32]byte, n)
		for i := range keys {
			keys[i] = sha256.Sum256([]byte(fmt.Sprint(i, version[i])))
		}
		return keys
	}
	dir := t.TempDir()
	var encoded int
	enc := func() StoreEncoder { return fakeEncoder{version, &encoded} }
	ps, err := BuildPieces(dir, layout, n, keysOf(), groups, enc)
	if err != nil {
		t.Fatal(err)
	}
	if err := ps.Commit(); err != nil {
		t.Fatal(err)
	}
	ps.Close()

	version[0]++
	ps2, err := BuildPieces(dir, layout, n, keysOf(), groups, enc)
	if err != nil {
		t.Fatal(err)
	}
	if !ps2.appending {
		t.Fatal("a one-item edit did not append")
	}
	ps2.Close() // not committed: the build failed

	version[0]--
	encoded = 0
	ps3, err := BuildPieces(dir, layout, n, keysOf(), groups, enc)
	if err != nil {
		t.Fatal(err)
	}
	defer ps3.Close()
	if ps3.reused != n || encoded != 0 {
		t.Errorf("after a failed build, reused %d of %d items and encoded %d", ps3.reused, n, encoded)
	}
	storeState(t, ps3, version, groups)
	for k := 0; k < layout.kinds(); k++ {
		if st, _ := os.Stat(piecePath(dir, ps3.gen, k)); st.Size() != ps3.end[k] {
			t.Errorf("file %d is %d bytes, %d committed: the failed build's bytes were kept", k, st.Size(), ps3.end[k])
		}
	}
}

// TestPieceStoreWithoutCache builds in a temporary folder that goes away.
func TestPieceStoreWithoutCache(t *testing.T) {
	version := make([]int, 6)
	var encoded int
	ps, err := BuildPieces("", PieceLayout{2, 1}, 6, nil, [][2]int{{0, 6}}, func() StoreEncoder { return fakeEncoder{version, &encoded} })
	if err != nil {
		t.Fatal(err)
	}
	storeState(t, ps, version, [][2]int{{0, 6}})
	dir := ps.dir
	ps.Close()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("temporary store %s left behind", dir)
	}
}

// TestPieceIndexRoundTripAndDamage: the index decodes to what was
// encoded, and every truncation or flipped bit is refused.
func TestPieceIndexRoundTripAndDamage(t *testing.T) {
	idx := pieceIndex{Version: pieceIndexVersion, Layout: [2]int{2, 1}, Gen: 7, Sizes: []int64{10, 1 << 40, 3},
		Items: []itemMeta{
			{Key: sha256.Sum256([]byte("a")), Off: []int64{0, 5}, Len: []int64{4, 1 << 33}},
			{Key: sha256.Sum256([]byte("b")), Off: []int64{4, 0}, Len: []int64{0, 5}},
		},
		Groups: []groupMeta{
			{Key: sha256.Sum256([]byte("g")), From: 0, To: 2, Off: []int64{0}, Len: []int64{3}, Meta: []byte("单位\x00meta")},
			{Key: sha256.Sum256([]byte("h")), From: 2, To: 2, Off: []int64{3}, Len: []int64{0}},
		}}
	b := idx.encode()
	got, ok := decodePieceIndex(b)
	if !ok || !reflect.DeepEqual(got, idx) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, idx)
	}
	for n := 0; n < len(b); n++ {
		if _, ok := decodePieceIndex(b[:n]); ok {
			t.Fatalf("truncated to %d bytes, still decodes", n)
		}
	}
	for i := range b {
		c := bytes.Clone(b)
		c[i] ^= 1
		if _, ok := decodePieceIndex(c); ok {
			t.Fatalf("byte %d flipped, still decodes", i)
		}
	}
}
