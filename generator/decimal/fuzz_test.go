package decimal

import (
	"regexp"
	"strings"
	"testing"
)

var fuzzDecimalRe = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$`)

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "109.73", "2.7132", "11.50", "-3", "+0.5", ".5", "007.100", "-0.00", "1e3", "1,000", "", " 1 ", "1.", "--1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDecimal(s)
		trimmed := strings.TrimSpace(s)
		if valid := fuzzDecimalRe.MatchString(trimmed); valid != (err == nil) {
			t.Fatalf("ParseDecimal(%q) error %v, but plain decimal syntax is %v", s, err, valid)
		}
		if err != nil {
			return
		}
		// The expected text: no "+", no leading zeros, "0" before a bare
		// point, and no sign on zero; the fraction exactly as written.
		neg := strings.HasPrefix(trimmed, "-")
		digits := strings.TrimLeft(trimmed, "+-")
		intPart, frac, _ := strings.Cut(digits, ".")
		intPart = strings.TrimLeft(intPart, "0")
		if intPart == "" {
			intPart = "0"
		}
		want := intPart
		if frac != "" {
			want += "." + frac
		}
		if neg && strings.Trim(intPart+frac, "0") != "" {
			want = "-" + want
		}
		if got := d.String(); got != want {
			t.Fatalf("ParseDecimal(%q).String() = %q, want %q", s, got, want)
		}
		e, err := ParseDecimal(d.String())
		if err != nil || e.String() != d.String() || e.Cmp(d) != 0 {
			t.Fatalf("round trip of %q: %q, %v", d.String(), e.String(), err)
		}
		if sum := d.Add(e); sum.Cmp(d.Add(d)) != 0 || (d.Sign() != 0 && sum.Cmp(d) == 0) {
			t.Fatalf("%s + %s = %s", d, e, sum)
		}
		if tr := d.Trimmed(); tr.Cmp(d) != 0 || strings.Contains(tr.String(), ".") && strings.HasSuffix(tr.String(), "0") {
			t.Fatalf("Trimmed(%s) = %s", d, tr)
		}
	})
}
