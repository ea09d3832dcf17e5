package generator

import (
	"bytes"
	"encoding/csv"
)

// csvBOM lets Excel and WPS open the UTF-8 file without garbling Chinese.
const csvBOM = "\ufeff"

// encodeCSV writes a table as UTF-8 with a BOM, CRLF line ends and RFC
// 4180 quoting. encoding/csv quotes any field with a comma, quote or line
// break and, with UseCRLF, writes line breaks inside fields as CRLF too,
// which csv readers (and Excel) turn back into the original text.
func encodeCSV(cols []*exportField, rows []tableRow) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(csvBOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	rec := make([]string, len(cols))
	for i, f := range cols {
		rec[i] = f.Header
	}
	if err := w.Write(rec); err != nil {
		return nil, err
	}
	for _, r := range rows {
		for i, f := range cols {
			rec[i] = f.value(r).String()
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
