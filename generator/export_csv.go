package generator

import (
	"encoding/csv"
	"io"
)

// csvBOM lets Excel and WPS open the UTF-8 file without garbling Chinese.
const csvBOM = "\ufeff"

// encodeCSV writes a table as UTF-8 with a BOM, CRLF line ends and RFC
// 4180 quoting. encoding/csv quotes any field with a comma, quote or line
// break and, with UseCRLF, writes line breaks inside fields as CRLF too,
// which csv readers (and Excel) turn back into the original text.
// writeCSV streams a table as CSV: UTF-8 with a BOM for Excel, CRLF and
// RFC 4180 quoting.
func writeCSV(out io.Writer, cols []*exportField, rows []tableRow) error {
	if _, err := io.WriteString(out, csvBOM); err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.UseCRLF = true
	rec := make([]string, len(cols))
	for i, f := range cols {
		rec[i] = f.Header
	}
	if err := w.Write(rec); err != nil {
		return err
	}
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
