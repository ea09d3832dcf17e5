// Package grid reads the files in which budget performance tables
// (项目支出绩效目标表, 绩效自评表) are published and turns every one of
// them into the same thing: a Grid of cells. It is the first step of the
// import pipeline
//
//	source ──grid──▶ []Grid ──layout──▶ tables ──▶ model
//
// and the only step that knows file formats. The layout recognisers that
// follow see grids only, so a form reads the same whether it came as a
// workbook, a CSV file, a web page or text extracted from a PDF.
//
// # Grids
//
// A Grid is one table: a text or CSV file, a worksheet, or an HTML
// <table>. Its Name says which: “a.txt”, “预算.xlsx!Sheet1”,
// “old.html#table2”.
//
// Rows is rectangular. Every row has Width cells; rows that the source
// left short are padded with empty cells, and blank lines of a text or
// CSV file are rows of empty cells, so that the layout can see where a
// page or a table ended. Empty cells in the middle of a row are kept:
// they carry the column positions.
//
// A merged area (a workbook's merged cells, an HTML rowspan or colspan)
// is recorded in its top-left cell, the anchor, as RowSpan and ColSpan.
// Every other cell of the area is covered: it is a copy of the anchor
// with Covered set. So a 一级指标 merged over five rows reads the same on
// each of the five, code that wants each source cell once skips covered
// cells, and a covered cell's Pos names the cell the publisher has to
// edit. At reads a cell with the bounds checked: outside the grid it
// returns the zero Cell.
//
// # Cells
//
// A cell has three texts. Raw is the text as the source holds it, decoded
// but otherwise untouched: line breaks (Alt+Enter in Excel, <br> and
// paragraphs in HTML, line breaks inside quoted CSV fields) are "\n".
// Text is Raw normalised: all white space, including NBSP and the
// ideographic space U+3000, becomes single spaces, spaces at either end
// are trimmed, and invisible characters (zero-width spaces, BOMs, control
// characters) are removed. Nothing else is changed: full-width
// characters, operators such as ≥ and >=, thousands separators and units
// stay for the layout to interpret. Display is the text as the publisher
// saw it; it differs from Text only for numbers in a workbook.
//
// Kind is Text for every cell of a text, CSV or HTML source, and for a
// workbook's text cells (and TRUE, FALSE and error values such as
// #DIV/0!). A workbook's number cells have Kind Number, or Date if their
// number format shows a date or a time.
//
// # Numbers
//
// A workbook's cells are read by package xlsx, whose documentation is the
// full account of numbers, number formats and dates; in short: a number
// is read from the digits the workbook stores, never through float64.
// Its Text is the stored value rounded to the 15 significant digits Excel
// keeps, in plain decimal notation (a sum stored as 8827620.5299999993
// reads “8827620.53”, 1E-3 reads “0.001”), and its Raw the stored value
// verbatim. Display applies the cell's number format for the formats
// budget sheets use (“3,309,840.00”, “100%”, “¥4.00”, “4.00万元”), and
// shows Text for the others. A Date's Text is the stored serial
// (“44561”) and its Display the ISO 8601 date (“2021-12-31”). Whether a
// serial is really a date is for the layout to decide: Excel applies
// date formats to numbers that are not dates, and budget sheets type
// dates as text (2021年1月-12月).
//
// A number typed as text (Excel's green triangle) has Kind Text.
//
// # Positions
//
// Every cell has a Pos, for error messages. Pos.String is the form shown
// to publishers: “a.txt:12” and “a.csv:3” for the line of a text or CSV
// row, “预算.xlsx!Sheet1!C7” for a workbook cell, and “old.html:37” for
// the line of an HTML cell's <td>. A CSV row's line is the line on which
// its record starts, even when an earlier field spans several lines. Pos
// also holds the cell's grid row and column (for a workbook, the sheet's
// own: grid row 7, column 3 is C7) and, for HTML, the table's index on
// the page.
//
// # Sources
//
// Read chooses the reader by the file name's extension: .txt, .csv, .xlsx
// (or .xlsm), .html (or .htm). A .xls file that is really a web page or a
// workbook, as portals often serve, is read as what it is; a true Excel
// 97-2003 file, a PDF or a Word file is refused with a message saying how
// to convert it.
//
// ReadText reads text extracted from a PDF: each line is a row and each
// tab-separated field a cell. A file with no tab at all in which some
// line prints “ | ” is pipe-separated, as a web page's table copied as
// text is: every “|” separates two cells (a “|” at the end of a line
// adds an empty cell, which is padding like any other). A form feed, which pdftotext writes between
// pages, is an empty row of its own, on the line where it stands, so that
// a page break always shows as an empty row.
//
// ReadCSV reads CSV as Excel and WPS save it: comma- or tab-separated
// (whichever the first ten lines use more of, outside quotes), fields in
// double quotes where needed, line breaks inside quoted fields, and bare
// quotes tolerated. Every record is a row.
//
// Text and CSV files may be UTF-8 with or without a BOM, UTF-16 with a
// BOM, or GB18030 (of which GBK and GB2312 are subsets), as Excel on
// Chinese Windows saves; LF, CRLF or CR line ends. A file that is valid
// UTF-8 is UTF-8; any other is GB18030, unless it is mostly UTF-8 with a
// few damaged bytes, which is an error at the damaged line rather than a
// file of garbled text.
//
// ReadXLSX returns a Grid for every worksheet, in the workbook's order,
// including hidden ones and empty ones; chart sheets are skipped. A
// sheet's grid starts at A1 and ends at its last row and column that show
// something: a cell whose Text is not empty, or a merged area anchored by
// one. Merged areas over empty cells, and cells holding only spaces, are
// cut to that rectangle; of merged areas that overlap, the first in the
// file counts. Shared and inline strings are both read, with rich-text
// runs joined and phonetic guides left out; a formula cell reads as its
// cached result.
//
// ReadHTML returns a Grid for every data table on a page, in page order,
// ignoring everything around the tables. A table that contains another
// table is a layout wrapper and is skipped; the tables inside it are
// read. Cells are laid out as a browser lays them out, rowspan and
// colspan included, and their text is the text a browser shows: markup
// inside a cell (<p>, <span>, <b>, <font>) is dropped, <br> and block
// elements break lines, entities such as &nbsp; are decoded, and scripts
// and styles are ignored. The page's encoding comes from its BOM, else
// from a <meta charset> or <meta http-equiv="Content-Type"> near the top,
// else valid UTF-8 is UTF-8 and anything else GB18030. The GB labels
// (gb2312, gbk, gb18030) all decode as GB18030, and a page declared UTF-8
// that is not is read as GB18030, the usual mistake.
//
// # Errors
//
// The readers return a *budget.Error for a file they cannot read, the
// one kind of error every stage reports to publishers, saying in Chinese
// where the problem is, what it is and what to do. Its File is the
// position without a line (“a.csv”, “预算.xlsx!Sheet1!C7”) and its Line
// the line where there is one, so that it prints as the Pos does:
//
//	a.csv:3: 无法识别的文本编码。请另存为 UTF-8 或 GB18030 编码的 CSV 文件后重试
//
// A grid may hold at most three million cells (four times the largest
// real table), and at most 64 times the cells of its source plus 65,536:
// merged areas and padding can make a grid far larger than the file it
// came from, and a few kilobytes must not take gigabytes. A larger table
// is an error rather than an exhausted machine.
package grid
