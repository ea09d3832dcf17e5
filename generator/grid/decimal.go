package grid

import (
	"strconv"
	"strings"
	"time"
)

// A decimal is an exact decimal number: 0.d × 10^dp, negative if neg.
// Workbook numbers are read into decimals from their stored digits, so no
// amount ever passes through float64.
type decimal struct {
	neg bool
	d   []byte // significant digits: no leading or trailing zeros; empty for 0
	dp  int    // position of the decimal point
}

// maxExp bounds the decimal exponent; a double never exceeds it.
const maxExp = 400

// parseDecimal parses a number as a workbook stores it: an optional sign,
// digits with an optional point, and an optional exponent.
func parseDecimal(s string) (decimal, bool) {
	var x decimal
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		x.neg = s[i] == '-'
		i++
	}
	digits, point, intLen := 0, false, 0
	x.d = make([]byte, 0, len(s))
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			x.d = append(x.d, c)
			digits++
			if !point {
				intLen++
			}
			continue
		case c == '.' && !point:
			point = true
			continue
		}
		break
	}
	if digits == 0 {
		return decimal{}, false
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			eneg = s[i] == '-'
			i++
		}
		n := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if exp = exp*10 + int(s[i]-'0'); exp > 10*maxExp {
				return decimal{}, false
			}
			n++
		}
		if n == 0 {
			return decimal{}, false
		}
		if eneg {
			exp = -exp
		}
	}
	if i != len(s) {
		return decimal{}, false
	}
	x.dp = intLen + exp
	x.trim()
	if len(x.d) > 0 && (x.dp > maxExp || x.dp < -maxExp) {
		return decimal{}, false
	}
	return x, true
}

// trim removes leading and trailing zeros and makes zero positive.
func (x *decimal) trim() {
	for len(x.d) > 0 && x.d[0] == '0' {
		x.d = x.d[1:]
		x.dp--
	}
	for len(x.d) > 0 && x.d[len(x.d)-1] == '0' {
		x.d = x.d[:len(x.d)-1]
	}
	if len(x.d) == 0 {
		*x = decimal{}
	}
}

// round keeps the first k significant digits, rounding half away from
// zero, as Excel does.
func (x *decimal) round(k int) {
	if k >= len(x.d) {
		return
	}
	if k < 0 {
		*x = decimal{}
		return
	}
	up := x.d[k] >= '5'
	x.d = x.d[:k]
	if up {
		i := k - 1
		for ; i >= 0 && x.d[i] == '9'; i-- {
		}
		if i < 0 {
			x.d = append(x.d[:0], '1')
			x.dp++
		} else {
			x.d[i]++
			x.d = x.d[:i+1]
		}
	}
	x.trim()
}

// roundFixed rounds to n digits after the point.
func (x *decimal) roundFixed(n int) { x.round(x.dp + n) }

// String returns x in plain decimal notation: “330.984”, “0.001”.
func (x decimal) String() string {
	intPart, frac := x.parts()
	s := intPart
	if s == "" {
		s = "0"
	}
	if frac != "" {
		s += "." + frac
	}
	if x.neg {
		s = "-" + s
	}
	return s
}

// parts returns the digits before the point (no leading zeros, "" for
// none) and after it (no trailing zeros).
func (x decimal) parts() (intPart, frac string) {
	d := string(x.d)
	switch {
	case x.dp <= 0:
		if d == "" {
			return "", ""
		}
		return "", strings.Repeat("0", -x.dp) + d
	case x.dp >= len(d):
		return d + strings.Repeat("0", x.dp-len(d)), ""
	}
	return d[:x.dp], d[x.dp:]
}

// excelDigits is the precision of an Excel number. A stored value may
// carry more digits, the binary rounding of a computed result
// (“8827620.5299999993”); what the publisher typed or saw are the first 15.
const excelDigits = 15

// numberText is the Text of a stored number: its value to Excel's
// precision, in plain notation.
func numberText(v string) (string, bool) {
	if isPlain(v) {
		return v, true
	}
	x, ok := parseDecimal(strings.TrimSpace(v))
	if !ok {
		return "", false
	}
	x.round(excelDigits)
	return x.String(), true
}

// isPlain reports whether v is already the Text of its number, as most
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
		return false // "-0" or "-0.5" would need care; leave them to parseDecimal
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
func dateText(x decimal, date1904 bool) (string, bool) {
	if x.neg {
		return "", false
	}
	intPart, frac := x.parts()
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
