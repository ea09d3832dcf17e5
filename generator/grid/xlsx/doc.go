// Package xlsx reads the cells of an Excel workbook (.xlsx or .xlsm) for
// package grid: for every worksheet, the cells that hold a value, each
// with its value as stored, as a number to Excel's precision and as Excel
// shows it, and the merged areas. It knows nothing of file names, grids
// or text normalisation; grid lays the cells out.
//
// # Worksheets
//
// Read returns a Sheet for every worksheet, in the workbook's order,
// hidden and empty ones included; chart sheets and dialog sheets are
// skipped. The parts are found through the package's relationships, so a
// workbook reads the same whoever wrote it (Excel, WPS, LibreOffice,
// transitional or strict OOXML).
//
// Cells lists the cells that hold a value, in the order the file stores
// them; a cell with only a style is left out. A cell's Row and Col come
// from its reference (“C7”), or count on from the cell or row before
// when the file leaves the reference out. Merges lists the merged areas
// as stored, each a Range with its corners in order; what the merged
// area means for the cells under it is for the caller.
//
// # Cells
//
// Shared and inline strings are both read, with rich-text runs joined
// and phonetic guides (<rPh>) left out. XML entities and the _xHHHH_
// escapes with which Office writes control characters are decoded, and
// line breaks (Alt+Enter) are "\n". A formula cell reads as its cached
// result. A boolean reads as TRUE or FALSE and an error value as its text
// (#DIV/0!); both have Kind Text, as has a number typed as text (Excel's
// green triangle). A text cell's Raw, Value and Display are its text.
//
// # Numbers
//
// A number is read from the digits the workbook stores, never through
// float64, so that an amount keeps exactly the digits it was given; the
// arithmetic is package decimal's. Raw is the stored value verbatim
// (“8827620.5299999993”, “1E-3”). Value is that value rounded half away
// from zero to 15 significant digits, the precision Excel keeps, in
// plain decimal notation without superfluous zeros: “8827620.53”,
// “0.001”, and a 3,309,840.00 stored as 3309840 is “3309840”.
//
// Display applies the cell's number format for the formats budget sheets
// use, computed on the digits: General; fixed decimals; thousands
// separators (“3,309,840.00”); percentages, so that 1 under 0% shows
// “100%”; scaling by trailing commas; literal text and currency symbols
// (“¥4.00”, “4.00万元”); and separate sections for negative numbers and
// zero. Other formats (scientific, fractions, conditions, Chinese
// numerals) show Value. The built-in formats a workbook refers to by
// number alone are those of Excel with Chinese (PRC) settings.
//
// A number under a date or time format has Kind Date: its Value is the
// serial (“44561”) and its Display the ISO 8601 date (“2021-12-31”),
// with the time of day if it has one (“2018-01-01 12:00:00”), or the
// time alone below 1, counted from 1900 (with Lotus 1-2-3's 29 February
// 1900) or, in a 1904 workbook, from 1904. A negative serial, 0 and one
// after 31 December 9999 show their Value. A date stored as ISO 8601
// text (t="d", which Excel does not write) has that text as Raw, Value
// and Display. Whether a serial is really a date is for the caller to
// decide: Excel applies date formats to numbers that are not dates.
//
// # Errors
//
// Read returns an *Error for a workbook it cannot read, saying in Chinese
// what is wrong and what to do, and where: the sheet and cell, when the
// problem is in one. A file that is not a zip (an Excel 97-2003 workbook,
// or one encrypted with a password), a missing or malformed part, a row
// or column past Excel's limits (1,048,576 rows, 16,384 columns) and a
// shared string that is not there are errors. Each part may unpack to at
// most 1 GB.
//
// # Why hand-written
//
// The reader scans the XML itself (xmlscan.go) instead of using excelize
// because it is more than ten times faster on the largest workbook
// expected; BenchmarkFlat measures both, and the numbers are at the top
// of xlsx.go.
package xlsx
