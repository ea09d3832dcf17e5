package xlsx

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// An xmlScanner reads the XML of a worksheet or shared-string table, a
// few times faster than encoding/xml: it returns tags by local name and
// raw attribute bytes, text still escaped, and allocates nothing per tag.
// It checks only as much well-formedness as reading requires.
type xmlScanner struct {
	b     []byte
	i     int
	name  []byte // local name of the last start or end tag
	attrs []byte // attribute text of the last start tag
	empty bool   // the last start tag was <x/>
	text  []byte // the last text, escaped unless cdata
	cdata bool
	err   error
}

type xmlToken uint8

const (
	xmlEOF xmlToken = iota
	xmlStart
	xmlEnd
	xmlText
)

var errXML = errors.New("malformed XML")

// next returns the next token, or xmlEOF at the end or on an error (then
// s.err is set).
func (s *xmlScanner) next() xmlToken {
	for s.err == nil && s.i < len(s.b) {
		b := s.b[s.i:]
		if b[0] != '<' {
			j := bytes.IndexByte(b, '<')
			if j < 0 {
				j = len(b)
			}
			s.text, s.cdata = b[:j], false
			s.i += j
			return xmlText
		}
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			s.skip(b, "?>")
		case bytes.HasPrefix(b, []byte("<!--")):
			s.skip(b, "-->")
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			j := bytes.Index(b, []byte("]]>"))
			if j < 0 {
				s.err = errXML
				return xmlEOF
			}
			s.text, s.cdata = b[9:j], true
			s.i += j + 3
			return xmlText
		case bytes.HasPrefix(b, []byte("<!")):
			s.skip(b, ">")
		case bytes.HasPrefix(b, []byte("</")):
			j := bytes.IndexByte(b, '>')
			if j < 0 {
				s.err = errXML
				return xmlEOF
			}
			s.name = localName(bytes.TrimSpace(b[2:j]))
			s.i += j + 1
			return xmlEnd
		default:
			// A start tag ends at the first '>' outside quotes.
			j, quote := 1, byte(0)
			for ; j < len(b); j++ {
				c := b[j]
				if quote != 0 {
					if c == quote {
						quote = 0
					}
				} else if c == '"' || c == '\'' {
					quote = c
				} else if c == '>' {
					break
				}
			}
			if j == len(b) {
				s.err = errXML
				return xmlEOF
			}
			tag := b[1:j]
			s.empty = len(tag) > 0 && tag[len(tag)-1] == '/'
			if s.empty {
				tag = tag[:len(tag)-1]
			}
			k := 0
			for k < len(tag) && !isSpace(tag[k]) {
				k++
			}
			s.name, s.attrs = localName(tag[:k]), tag[k:]
			if len(s.name) == 0 {
				s.err = errXML
				return xmlEOF
			}
			s.i += j + 1
			return xmlStart
		}
	}
	return xmlEOF
}

func (s *xmlScanner) skip(b []byte, end string) {
	j := bytes.Index(b, []byte(end))
	if j < 0 {
		s.err = errXML
		return
	}
	s.i += j + len(end)
}

// skipElement skips to the end of the element whose start tag was just
// read.
func (s *xmlScanner) skipElement() {
	if s.empty {
		return
	}
	for depth := 1; depth > 0; {
		switch s.next() {
		case xmlEOF:
			if s.err == nil {
				s.err = errXML
			}
			return
		case xmlStart:
			if !s.empty {
				depth++
			}
		case xmlEnd:
			depth--
		}
	}
}

func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// attr returns the raw value of the attribute key (a qualified name) of
// the last start tag.
func (s *xmlScanner) attr(key string) ([]byte, bool) {
	for a := s.attrs; ; {
		k, v, rest, ok := nextAttr(a)
		if !ok {
			return nil, false
		}
		if string(k) == key {
			return v, true
		}
		a = rest
	}
}

// nextAttr splits the first attribute off attribute text a, returning
// its name, its raw value and the rest of a.
func nextAttr(a []byte) (key, val, rest []byte, ok bool) {
	a = skipSpace(a)
	eq := bytes.IndexByte(a, '=')
	if eq < 0 {
		return nil, nil, nil, false
	}
	key = a[:eq]
	for len(key) > 0 && isSpace(key[len(key)-1]) {
		key = key[:len(key)-1]
	}
	a = skipSpace(a[eq+1:])
	if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
		return nil, nil, nil, false
	}
	end := bytes.IndexByte(a[1:], a[0])
	if end < 0 {
		return nil, nil, nil, false
	}
	return key, a[1 : 1+end], a[end+2:], true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipSpace(a []byte) []byte {
	for len(a) > 0 && isSpace(a[0]) {
		a = a[1:]
	}
	return a
}

// unescape decodes XML text: entities, character references and line
// ends. In workbook text it also decodes the _xHHHH_ escapes with which
// Office writes control characters, such as _x000D_ for a carriage return.
func unescape(raw []byte, cdata bool) string {
	if cdata {
		return string(raw)
	}
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 && bytes.Index(raw, []byte("_x")) < 0 && utf8.Valid(raw) {
		return string(raw)
	}
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\r':
			b.WriteByte('\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			continue
		case '&':
			j := bytes.IndexByte(raw[i:], ';')
			if j > 1 && j < 12 {
				if r, ok := entity(string(raw[i+1 : i+j])); ok {
					b.WriteRune(r)
					i += j
					continue
				}
			}
		case '_':
			if i+6 < len(raw) && raw[i+1] == 'x' && raw[i+6] == '_' {
				if n, err := strconv.ParseUint(string(raw[i+2:i+6]), 16, 16); err == nil {
					b.WriteRune(rune(n))
					i += 6
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

func entity(e string) (rune, bool) {
	switch e {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(e) > 1 && e[0] == '#' {
		var n uint64
		var err error
		if e[1] == 'x' || e[1] == 'X' {
			n, err = strconv.ParseUint(e[2:], 16, 32)
		} else {
			n, err = strconv.ParseUint(e[1:], 10, 32)
		}
		if err == nil && utf8.ValidRune(rune(n)) {
			return rune(n), true
		}
	}
	return 0, false
}
