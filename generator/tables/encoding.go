package tables

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeText turns the bytes of an extracted table into UTF-8.
//
// Budget systems export in whatever the operator's Windows was set to:
// UTF-8 (with or without a BOM), UTF-16 from Notepad's "Unicode", or
// GB18030/GBK. Valid UTF-8 is taken as UTF-8 because GBK text is almost
// never valid UTF-8, while the reverse guess would garble every file.
func decodeText(b []byte) (text string, encoding string, err error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:]), "UTF-8 (BOM)", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(b)
		return string(out), "UTF-16", err
	case utf8.Valid(b):
		return string(b), "UTF-8", nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	return string(out), "GB18030", err
}
