package xlsx

import (
	"strconv"
	"strings"
	"time"

	"budgetsite/generator/decimal"
)

// Numbers are exact decimals (package decimal) read from the digits the
// workbook stores, so no amount passes through float64. What is Excel's
// own is here: the stored notation with its exponent, the 15 significant
// digits Excel keeps, and date serials.

// excelDigits is the precision of an Excel number. A stored value may
// carry more digits, the binary rounding of a computed result
// (“8827620.5299999993”); what the publisher typed or saw are the first 15.
const excelDigits = 15

// maxExp bounds the decimal exponent of a stored number; a double never
// exceeds it.
const maxExp = 400

// numberText is the Value of a stored number: its value to Excel's
// precision, in plain notation. ok is false if v is not a number.
func numberText(v string) (string, bool) {
	if isPlain(v) {
		return v, true
	}
	x, ok := parseStored(v)
	if !ok {
		return "", false
	}
	return roundExcel(x).String(), true
}

// parseStored parses a number as a workbook stores it: an optional sign,
// digits with an optional point, an optional exponent (“1E-3”), white
// space around it.
func parseStored(v string) (decimal.Decimal, bool) {
	v = strings.TrimSpace(v)
	mant, exp := v, 0
	if i := strings.IndexAny(v, "eE"); i >= 0 {
		e, err := strconv.Atoi(v[i+1:])
		if err != nil || e > 10*maxExp || e < -10*maxExp {
			return decimal.Decimal{}, false
		}
		mant, exp = v[:i], e
	}
	if strings.TrimSpace(mant) != mant {
		return decimal.Decimal{}, false
	}
	x, err := decimal.ParseDecimal(mant)
	if err != nil {
		return decimal.Decimal{}, false
	}
	x = x.Shift(exp)
	if k := magnitude(x); x.Sign() != 0 && (k > maxExp || k < -maxExp) {
		return decimal.Decimal{}, false
	}
	return x, true
}

// mustNumber parses a Value, which is plain notation.
func mustNumber(v string) decimal.Decimal {
	x, err := decimal.ParseDecimal(v)
	if err != nil {
		panic("xlsx: the value " + v + " is not a decimal")
	}
	return x
}

// magnitude returns k such that the first significant digit of x ≠ 0 is
// the k-th before the point (k ≥ 1) or the 1-k-th after it (k ≤ 0):
// 330.984 has magnitude 3 and 0.001 magnitude -2.
func magnitude(x decimal.Decimal) int {
	intPart, frac := parts(x)
	if intPart != "" {
		return len(intPart)
	}
	return len(strings.TrimLeft(frac, "0")) - len(frac)
}

// roundExcel rounds x to Excel's 15 significant digits, half away from
// zero, without trailing zeros.
func roundExcel(x decimal.Decimal) decimal.Decimal {
	if x.Sign() == 0 {
		return decimal.Decimal{}
	}
	places := excelDigits - magnitude(x)
	if places >= 0 {
		return x.Round(places).Trimmed()
	}
	return x.Shift(places).Round(0).Shift(-places)
}

// parts returns the digits of |x| before the point (no leading zeros, ""
// for none) and after it (no trailing zeros).
func parts(x decimal.Decimal) (intPart, frac string) {
	intPart, frac, _ = strings.Cut(strings.TrimPrefix(x.String(), "-"), ".")
	if intPart == "0" {
		intPart = ""
	}
	return intPart, strings.TrimRight(frac, "0")
}

// isPlain reports whether v is already the Value of its number, as most
// stored numbers are: plain notation, no superfluous zeros, at most 15
// significant digits.
func isPlain(v string) bool {
	i := 0
	if i < len(v) && v[i] == '-' {
		i++
	}
	start := i
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	intPart := v[start:i]
	if intPart == "" || len(intPart) > 1 && intPart[0] == '0' || intPart == "0" && start > 0 {
		return false // "-0" or "-0.5" would need care; leave them to parseStored
	}
	sig := len(intPart)
	if intPart == "0" {
		sig = 0
	}
	if i < len(v) {
		if v[i] != '.' {
			return false
		}
		i++
		fracStart := i
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		frac := v[fracStart:i]
		if frac == "" || frac[len(frac)-1] == '0' || i != len(v) {
			return false
		}
		if sig == 0 {
			frac = strings.TrimLeft(frac, "0")
		}
		sig += len(frac)
	}
	return sig <= excelDigits
}

// dateText formats a date serial as ISO 8601: “2021-12-31”, with the time
// of day when it has one, and the time alone for a serial below 1.
func dateText(x decimal.Decimal, date1904 bool) (string, bool) {
	if x.Sign() < 0 {
		return "", false
	}
	intPart, frac := parts(x)
	if len(intPart) > 7 {
		return "", false
	}
	days := 0
	if intPart != "" {
		days, _ = strconv.Atoi(intPart)
	}
	if days > 2958465 { // 9999-12-31
		return "", false
	}
	// Seconds of the day, rounded, from at most 10 fraction digits.
	frac = (frac + "0000000000")[:10]
	f, _ := strconv.ParseInt(frac, 10, 64)
	secs := int((f*86400 + 5_000_000_000) / 10_000_000_000)
	if secs == 86400 {
		days, secs = days+1, 0
	}
	clock := time.Date(2000, 1, 1, 0, 0, secs, 0, time.UTC).Format("15:04:05")
	if days == 0 {
		if secs == 0 {
			return "", false // Excel's day 0, “1900-01-00”
		}
		return clock, true
	}
	var date string
	switch {
	case date1904:
		date = time.Date(1904, 1, 1+days, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	case days == 60:
		date = "1900-02-29" // Excel keeps Lotus 1-2-3's leap day
	case days < 60:
		date = time.Date(1899, 12, 31+days, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	default:
		date = time.Date(1899, 12, 30+days, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	if secs != 0 {
		date += " " + clock
	}
	return date, true
}
