package decimal

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"
)

func TestParseDecimal(t *testing.T) {
	valid := []struct{ in, want string }{
		{"0", "0"},
		{"69", "69"},
		{"109.73", "109.73"},
		{"2.7132", "2.7132"},
		{"11.50", "11.50"},
		{"0.5", "0.5"},
		{".5", "0.5"},
		{"-3", "-3"},
		{"+3", "3"},
		{"-0.05", "-0.05"},
		{"007", "7"},
		{"0.000", "0.000"},
		{" 54.864 ", "54.864"},
		{"\t10\n", "10"},
		{"123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"},
	}
	for _, tc := range valid {
		d, err := ParseDecimal(tc.in)
		if err != nil {
			t.Errorf("ParseDecimal(%q): %v", tc.in, err)
			continue
		}
		if got := d.String(); got != tc.want {
			t.Errorf("ParseDecimal(%q).String() = %q, want %q", tc.in, got, tc.want)
		}
	}
	invalid := []string{"", " ", "abc", "1,000", "1e3", "1E3", "1.", "-", "+", ".", "-.", "1.2.3", "--1", "+-1",
		"0x10", "１２", "12元", "10%", "½", "1 000", "NaN", "Inf", "٣"}
	for _, in := range invalid {
		d, err := ParseDecimal(in)
		if err == nil {
			t.Errorf("ParseDecimal(%q) = %s, want error", in, d)
			continue
		}
		if !isChinese(err.Error()) {
			t.Errorf("ParseDecimal(%q) error %q is not Chinese", in, err)
		}
	}
}

func TestDecimalStringRoundTrip(t *testing.T) {
	for _, s := range []string{"2.7132", "11.50", "0.5", "-3", "109.73", "0", "0.00", "-0.05", "1000000", "857.54"} {
		d := MustDecimal(s)
		if got := d.String(); got != s {
			t.Errorf("MustDecimal(%q).String() = %q", s, got)
		}
		if got := MustDecimal(d.String()).String(); got != s {
			t.Errorf("round trip of %q = %q", s, got)
		}
	}
}

func TestMustDecimalPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDecimal(\"abc\") did not panic")
		}
	}()
	MustDecimal("abc")
}

func TestDecimalAdd(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"1.5", "2.25", "3.75"},
		{"1.50", "2", "3.50"},
		{"2", "1.50", "3.50"},
		{"0.1", "0.2", "0.3"},
		{"109.73", "2.7132", "112.4432"},
		{"1.5", "-1.5", "0.0"},
		{"-3", "1.25", "-1.75"},
		{"0.05", "-0.1", "-0.05"},
		{"99.99", "0.01", "100.00"},
	}
	for _, tc := range tests {
		if got := MustDecimal(tc.a).Add(MustDecimal(tc.b)).String(); got != tc.want {
			t.Errorf("%s + %s = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
	// The zero value is a usable 0, and adding does not change the terms.
	var sum Decimal
	a := MustDecimal("69")
	for _, s := range []string{"69", "150", "109.73", "93", "3", "11.5"} {
		sum = sum.Add(MustDecimal(s))
	}
	if sum.String() != "436.23" {
		t.Errorf("sum = %s, want 436.23", sum)
	}
	if a.Add(MustDecimal("1")); a.String() != "69" {
		t.Errorf("Add modified its receiver: %s", a)
	}
	if (Decimal{}).String() != "0" || (Decimal{}).Sign() != 0 {
		t.Errorf("zero value = %q", Decimal{}.String())
	}
}

func TestDecimalCmp(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.5", "1.50", 0},
		{"90", "90.0", 0},
		{"0", "-0.00", 0},
		{"1.49", "1.5", -1},
		{"2", "1.999", 1},
		{"-1", "0.1", -1},
		{"-1.5", "-1.25", -1},
		{"100", "99.99", 1},
	}
	for _, tc := range tests {
		if got := MustDecimal(tc.a).Cmp(MustDecimal(tc.b)); got != tc.want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := MustDecimal(tc.b).Cmp(MustDecimal(tc.a)); got != -tc.want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tc.b, tc.a, got, -tc.want)
		}
	}
	for s, sign := range map[string]int{"0": 0, "0.00": 0, "-0": 0, "0.01": 1, "-0.01": -1} {
		if d := MustDecimal(s); d.Sign() != sign {
			t.Errorf("%s: Sign %d", s, d.Sign())
		}
	}
}

func TestDecimalTrimmed(t *testing.T) {
	tests := map[string]string{
		"100.00": "100", "3.50": "3.5", "3.05": "3.05", "0.000": "0", "-1.20": "-1.2",
		"10": "10", "100": "100", "857.54": "857.54", "0.10": "0.1",
	}
	for in, want := range tests {
		d := MustDecimal(in)
		if got := d.Trimmed().String(); got != want {
			t.Errorf("%s.Trimmed() = %s, want %s", in, got, want)
		}
		if d.String() != in {
			t.Errorf("Trimmed modified %s to %s", in, d)
		}
		if d.Trimmed().Cmp(d) != 0 {
			t.Errorf("%s.Trimmed() changed the value", in)
		}
	}
}

func TestDecimalFloatAndRat(t *testing.T) {
	if f := MustDecimal("109.73").Float64(); f != 109.73 {
		t.Errorf("Float64 = %v", f)
	}
	if r := MustDecimal("2.7132").Rat(); r.String() != "6783/2500" {
		t.Errorf("Rat = %s", r)
	}
}

type fundsDoc struct {
	Funds  Decimal   `yaml:"funds_wan" json:"funds_wan"`
	Weight []Decimal `yaml:"weights" json:"weights"`
}

func TestDecimalYAML(t *testing.T) {
	for _, s := range []string{"109.73", "2.7132", "11.50", "0.5", "-3", "90", "0.1", "123456789012345678901234567890.123456789"} {
		doc := fundsDoc{Funds: MustDecimal(s), Weight: []Decimal{MustDecimal(s)}}
		b, err := yaml.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if want := "funds_wan: " + s + "\nweights:\n    - " + s + "\n"; string(b) != want {
			t.Errorf("yaml.Marshal(%s) = %q, want %q", s, b, want)
		}
		var back fundsDoc
		if err := yaml.Unmarshal(b, &back); err != nil {
			t.Fatalf("yaml.Unmarshal(%q): %v", b, err)
		}
		if back.Funds.String() != s || back.Weight[0].String() != s {
			t.Errorf("YAML round trip of %s = %s, %s", s, back.Funds, back.Weight[0])
		}
		// Any YAML reader sees a number, not a string.
		var generic map[string]any
		if err := yaml.Unmarshal(b, &generic); err != nil {
			t.Fatal(err)
		}
		switch generic["funds_wan"].(type) {
		case int, float64:
		default:
			t.Errorf("funds_wan %s decodes as %T", s, generic["funds_wan"])
		}
	}
	// Digits beyond float64 precision survive a YAML read.
	var d fundsDoc
	if err := yaml.Unmarshal([]byte("funds_wan: 0.30000000000000000001\n"), &d); err != nil || d.Funds.String() != "0.30000000000000000001" {
		t.Errorf("got %s, %v", d.Funds, err)
	}
	if err := yaml.Unmarshal([]byte("funds_wan: \"12.5\"\n"), &d); err != nil || d.Funds.String() != "12.5" {
		t.Errorf("quoted number: %s, %v", d.Funds, err)
	}

	// Errors carry the YAML line.
	for _, tc := range []struct {
		src  string
		line int
	}{
		{"weights: []\nfunds_wan: abc\n", 2},
		{"funds_wan: 1e3\n", 1},
		{"funds_wan:\n  a: 1\n", 2},
		{"weights:\n  - 1\n  - 2\n  - x\n", 4},
	} {
		err := yaml.Unmarshal([]byte(tc.src), &d)
		var le *LineError
		if !errors.As(err, &le) {
			t.Errorf("yaml.Unmarshal(%q) error %T %v, want *LineError", tc.src, err, err)
			continue
		}
		if le.Line != tc.line || !isChinese(le.Msg) {
			t.Errorf("yaml.Unmarshal(%q): line %d msg %q, want line %d", tc.src, le.Line, le.Msg, tc.line)
		}
	}
}

func TestDecimalJSON(t *testing.T) {
	for _, s := range []string{"109.73", "2.7132", "11.50", "0.5", "-3", "0.1", "123456789012345678901234567890.123456789"} {
		b, err := json.Marshal(fundsDoc{Funds: MustDecimal(s), Weight: []Decimal{MustDecimal(s)}})
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"funds_wan":` + s + `,"weights":[` + s + `]}`; string(b) != want {
			t.Errorf("json.Marshal(%s) = %s, want %s", s, b, want)
		}
		var back fundsDoc
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", b, err)
		}
		if back.Funds.String() != s || back.Weight[0].String() != s {
			t.Errorf("JSON round trip of %s = %s", s, back.Funds)
		}
	}
	var d fundsDoc
	for _, bad := range []string{`{"funds_wan":"abc"}`, `{"funds_wan":1e3}`, `{"funds_wan":true}`, `{"funds_wan":{}}`} {
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("json.Unmarshal(%s) = %s, want error", bad, d.Funds)
		}
	}
	// A JSON string holding a number is a json.Number too.
	if err := json.Unmarshal([]byte(`{"funds_wan":"2.50"}`), &d); err != nil || d.Funds.String() != "2.50" {
		t.Errorf("quoted: %s, %v", d.Funds, err)
	}
}

// TestDecimalSmallPathMatchesBig checks the 64-bit fast path of Add and
// Cmp against big.Int arithmetic, across scales and near overflow.
func TestDecimalSmallPathMatchesBig(t *testing.T) {
	vals := []string{"0", "1", "-1", "2.7132", "54.864", "109.73", "-0.05", "90", "0.0000001",
		"922337203685477580.7", "-922337203685477580.8", "9223372036854775807", "-9223372036854775808",
		"92233720368547758.07", "12345678901234567.89", "1.123456789012345678"}
	for _, x := range vals {
		for _, y := range vals {
			a, b := MustDecimal(x), MustDecimal(y)
			s := max(a.scale, b.scale)
			ra, rb := a.rescaled(s), b.rescaled(s)
			var want big.Int
			want.Add(&ra, &rb)
			got := a.Add(b)
			if got.scale != s || got.unscaled.Cmp(&want) != 0 {
				t.Errorf("%s + %s = %s (scale %d), want %s (scale %d)", x, y, got.unscaled.String(), got.scale, want.String(), s)
			}
			if c := a.Cmp(b); c != ra.Cmp(&rb) {
				t.Errorf("Cmp(%s, %s) = %d, want %d", x, y, c, ra.Cmp(&rb))
			}
		}
	}
}

func FuzzDecimalAddCmp(f *testing.F) {
	f.Add("2.7132", "54.864")
	f.Add("9223372036854775807", "1")
	f.Add("-922337203685477580.8", "0.01")
	f.Fuzz(func(t *testing.T, x, y string) {
		a, err1 := ParseDecimal(x)
		b, err2 := ParseDecimal(y)
		if err1 != nil || err2 != nil {
			return
		}
		s := max(a.scale, b.scale)
		ra, rb := a.rescaled(s), b.rescaled(s)
		var want big.Int
		want.Add(&ra, &rb)
		if got := a.Add(b); got.scale != s || got.unscaled.Cmp(&want) != 0 {
			t.Fatalf("%s + %s = %s", x, y, got)
		}
		if c := a.Cmp(b); c != ra.Cmp(&rb) {
			t.Fatalf("Cmp(%s, %s) = %d", x, y, c)
		}
	})
}

// isChinese reports whether a message is written in Chinese, as every
// message for publishers must be.
func isChinese(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func TestDecimalBinaryRoundTrip(t *testing.T) {
	for _, s := range []string{"0", "109.73", "-2.7132", "11.50", "123456789012345678901234567890.5", "-98765432109876543210987654321", "0.000"} {
		d := MustDecimal(s)
		b, err := d.AppendBinary([]byte("prefix"))
		if err != nil {
			t.Fatal(err)
		}
		var e Decimal
		if err := e.UnmarshalBinary(b[len("prefix"):]); err != nil || e.String() != s {
			t.Errorf("%s: round trip gave %s, %v", s, e.String(), err)
		}
		for n := 0; n < len(b)-len("prefix"); n++ {
			if s != "0" && e.UnmarshalBinary(b[len("prefix"):len("prefix")+n]) == nil && n < 2 {
				t.Errorf("%s: truncated to %d bytes, still reads", s, n)
			}
		}
	}
}
