package buildcache

import (
	"budgetsite/generator/internal/atomicfile"
	"encoding/binary"
	"hash/crc32"
	"unsafe"
)

// The cache files (manifest, stat cache, parse cache shards) share one
// small binary framing: a magic string naming the format and its version,
// the fields, and a CRC-32C of everything before it. The checksum is what
// lets a torn or corrupted file be told apart from a valid one, so that it
// only ever makes a build slower, never wrong. Hand-rolled rather than
// JSON or gob because the manifest and stat cache are read on every
// build, including no-op ones, and decoding them must cost next to nothing.

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type encBuf struct {
	b       []byte
	scratch []byte
}

func newEncBuf(magic string, sizeHint int) *encBuf {
	e := &encBuf{b: make([]byte, 0, sizeHint)}
	e.b = append(e.b, magic...)
	return e
}

func (e *encBuf) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encBuf) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encBuf) raw(p []byte)     { e.b = append(e.b, p...) }
func (e *encBuf) byte(c byte)      { e.b = append(e.b, c) }

func (e *encBuf) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// sortedPath writes p as the length it shares with the previous path and
// the rest; sorted paths share long prefixes ("2022/project/…"), which
// keeps the manifest small.
func (e *encBuf) sortedPath(prev, p string) {
	n := 0
	for n < len(prev) && n < len(p) && prev[n] == p[n] {
		n++
	}
	e.uvarint(uint64(n))
	e.str(p[n:])
}

// finish appends the checksum and returns the file's bytes.
func (e *encBuf) finish() []byte {
	return binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b, castagnoli))
}

// decBuf reads what encBuf wrote. It works on the file as one string,
// so that strings it returns are slices of it rather than allocations of
// their own. Reads past the end or of impossible lengths set bad instead
// of panicking; callers check it once at the end.
type decBuf struct {
	s   string
	bad bool
}

// openCacheFile checks the magic string and the checksum.
func openCacheFile(b []byte, magic string) (*decBuf, bool) {
	if !checkCacheFile(b, magic) {
		return nil, false
	}
	return &decBuf{s: string(b[len(magic) : len(b)-4])}, true
}

// openOwnedCacheFile is openCacheFile for bytes the caller hands over
// for good (a file just read, never written to again): the strings it
// decodes are slices of b itself rather than of a copy, which spares
// copying a parse cache's tens of megabytes on every build.
func openOwnedCacheFile(b []byte, magic string) (*decBuf, bool) {
	if !checkCacheFile(b, magic) {
		return nil, false
	}
	body := b[len(magic) : len(b)-4]
	if len(body) == 0 {
		return &decBuf{}, true
	}
	return &decBuf{s: unsafe.String(&body[0], len(body))}, true
}

func checkCacheFile(b []byte, magic string) bool {
	if len(b) < len(magic)+4 || string(b[:len(magic)]) != magic {
		return false
	}
	body := b[:len(b)-4]
	return crc32.Checksum(body, castagnoli) == binary.LittleEndian.Uint32(b[len(b)-4:])
}

func (d *decBuf) fail() {
	d.bad = true
	d.s = ""
}

func (d *decBuf) uvarint() uint64 {
	var v uint64
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break // overflow
			}
			d.s = d.s[i+1:]
			return v | uint64(c)<<(7*i)
		}
		v |= uint64(c&0x7f) << (7 * i)
	}
	d.fail()
	return 0
}

func (d *decBuf) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// raw returns the next n bytes.
func (d *decBuf) raw(n uint64) string {
	if n > uint64(len(d.s)) {
		d.fail()
		return ""
	}
	p := d.s[:n]
	d.s = d.s[n:]
	return p
}

func (d *decBuf) str() string { return d.raw(d.uvarint()) }

func (d *decBuf) byte() byte {
	if len(d.s) == 0 {
		d.fail()
		return 0
	}
	c := d.s[0]
	d.s = d.s[1:]
	return c
}

// count reads a number of items that each take at least min bytes, and
// refuses counts the rest of the file cannot hold, so a corrupt count
// never makes a huge allocation.
func (d *decBuf) count(min int) int {
	n := d.uvarint()
	if n > uint64(len(d.s)/max(min, 1)) {
		d.fail()
		return 0
	}
	return int(n)
}

// listLen reads what sliceLen wrote: -1 for nil, else the length,
// checked as count checks it.
func (d *decBuf) listLen(min int) int {
	n := d.uvarint()
	if n == 0 {
		return -1
	}
	if n-1 > uint64(len(d.s)/max(min, 1)) {
		d.fail()
		return -1
	}
	return int(n - 1)
}

func (d *decBuf) sum() (s [32]byte) {
	copy(s[:], d.raw(32))
	return s
}

// done reports whether everything decoded and nothing is left over.
func (d *decBuf) done() bool { return !d.bad && len(d.s) == 0 }

// hexSum parses a lower-case hex SHA-256, the form keyOf and the output
// stage use; anything else is stored as a string instead, so that
// decoding gives back exactly what was encoded.
func hexSum(s string) ([32]byte, bool) {
	var h [32]byte
	if len(s) != 64 {
		return h, false
	}
	var bad byte
	for i := range h {
		hi, lo := hexVal[s[2*i]], hexVal[s[2*i+1]]
		bad |= hi | lo
		h[i] = hi<<4 | lo&0x0f
	}
	return h, bad&0x80 == 0
}

// hexVal maps lower-case hex digits to their value and anything else to
// a byte with the top bit set.
var hexVal = func() (t [256]byte) {
	for i := range t {
		t[i] = 0x80
	}
	for i, c := range "0123456789abcdef" {
		t[c] = byte(i)
	}
	return t
}()

// writeCacheFile replaces a cache file atomically, so that a crash never
// leaves a torn part that could be taken for valid.
func writeCacheFile(path string, data []byte) error { return atomicfile.Write(path, data) }
