// Package decimal is the exact decimal every amount and weight is: it
// parses plain decimal notation, remembers how many places were written,
// adds and compares exactly, and marshals to JSON and YAML with the very
// digits it read. No value ever passes through float64 on its way to a
// page or a download.
package decimal

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Decimal is an exact decimal number that remembers how it was written.
//
// Budget tables state money in 万元 with as many places as the finance
// system printed (109.73, 2.7132). Publishing "2.7131999" or "109.7" would
// misstate the record, so amounts never pass through float64: they keep
// their source text and sum as scaled big integers.
type Decimal struct {
	unscaled big.Int
	scale    int // digits after the point
}

// ParseDecimal accepts plain decimal notation: an optional sign, digits,
// and an optional fraction. Thousands separators and exponents are refused
// because tables never print them and guessing would hide typos.
func ParseDecimal(s string) (Decimal, error) {
	var d Decimal
	t := strings.TrimSpace(s)
	if t == "" {
		return d, fmt.Errorf("空值不是数字")
	}
	neg := false
	switch t[0] {
	case '-':
		neg = true
		t = t[1:]
	case '+':
		t = t[1:]
	}
	intPart, frac, hasPoint := strings.Cut(t, ".")
	if intPart == "" && frac == "" {
		return d, fmt.Errorf("“%s”不是数字", s)
	}
	if hasPoint && frac == "" {
		return d, fmt.Errorf("“%s”不是数字：小数点后缺少数字", s)
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return d, fmt.Errorf("“%s”不是数字", s)
		}
	}
	if intPart == "" {
		intPart = "0"
	}
	d.unscaled.SetString(intPart+frac, 10)
	if neg {
		d.unscaled.Neg(&d.unscaled)
	}
	d.scale = len(frac)
	return d, nil
}

// MustDecimal is for literals in tests and generated data.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String prints the number with exactly the places it was written with,
// so 2.7132 stays 2.7132 and 11.50 stays 11.50.
func (d Decimal) String() string {
	s := new(big.Int).Abs(&d.unscaled).String()
	if d.scale > 0 {
		if len(s) <= d.scale {
			s = strings.Repeat("0", d.scale-len(s)+1) + s
		}
		s = s[:len(s)-d.scale] + "." + s[len(s)-d.scale:]
	}
	if d.unscaled.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// Sign returns -1, 0 or +1; zero is Sign() == 0, however many places
// it was written with. Decimal has no IsZero method on purpose: yaml.v3
// would take it for omitempty, and drop a score of 0 held by a
// *Decimal that means "the table printed 0" as if the table were blank.
func (d Decimal) Sign() int { return d.unscaled.Sign() }

// Add returns d+e at the larger of the two scales, so a sum is printed with
// the precision of its most precise term and nothing is rounded.
func (d Decimal) Add(e Decimal) Decimal {
	s := max(d.scale, e.scale)
	var r Decimal
	r.scale = s
	// Amounts and weights fit in 64 bits; big.Int arithmetic is kept for
	// those that do not.
	if a, ok := d.small(s); ok {
		if b, ok := e.small(s); ok {
			if sum := a + b; (sum > a) == (b > 0) {
				r.unscaled.SetInt64(sum)
				return r
			}
		}
	}
	a, b := d.rescaled(s), e.rescaled(s)
	r.unscaled.Add(&a, &b)
	return r
}

// Cmp compares numerically: 1.50 equals 1.5.
func (d Decimal) Cmp(e Decimal) int {
	s := max(d.scale, e.scale)
	if a, ok := d.small(s); ok {
		if b, ok := e.small(s); ok {
			switch {
			case a < b:
				return -1
			case a > b:
				return 1
			}
			return 0
		}
	}
	a, b := d.rescaled(s), e.rescaled(s)
	return a.Cmp(&b)
}

// small returns the unscaled value at the given scale if it fits in an
// int64.
func (d Decimal) small(scale int) (int64, bool) {
	if !d.unscaled.IsInt64() {
		return 0, false
	}
	v := d.unscaled.Int64()
	for i := d.scale; i < scale; i++ {
		if v > math.MaxInt64/10 || v < math.MinInt64/10 {
			return 0, false
		}
		v *= 10
	}
	return v, true
}

// Float64 is for chart geometry and percentages only, never for display
// of the amount itself.
//
// When the digits fit in 53 bits and the scale in 22 places, both parts
// are exact float64s and one IEEE division is the correctly rounded
// quotient, which is what big.Rat gives (FuzzFloat64 holds the two
// equal); the workbook and the charts convert every amount and weight of
// a province, and big.Rat costs a dozen allocations each.
func (d Decimal) Float64() float64 {
	if d.unscaled.IsInt64() && d.scale <= 22 {
		if a := d.unscaled.Int64(); a >= -1<<53 && a <= 1<<53 {
			return float64(a) / pow10f[d.scale]
		}
	}
	return d.float64Rat()
}

// float64Rat is Float64 through big.Rat, for any size.
func (d Decimal) float64Rat() float64 {
	f, _ := new(big.Rat).SetFrac(&d.unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.scale)), nil)).Float64()
	return f
}

// pow10f are the powers of ten that float64 holds exactly.
var pow10f = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
	1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// Rat returns the exact value, for shares computed without rounding error.
func (d Decimal) Rat() *big.Rat {
	return new(big.Rat).SetFrac(&d.unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.scale)), nil))
}

// Trimmed drops trailing zeros after the point. Used for totals, where the
// scale is an artefact of addition rather than something a person wrote.
func (d Decimal) Trimmed() Decimal {
	r := Decimal{scale: d.scale}
	r.unscaled.Set(&d.unscaled)
	ten := big.NewInt(10)
	var q, m big.Int
	for r.scale > 0 {
		q.QuoRem(&r.unscaled, ten, &m)
		if m.Sign() != 0 {
			break
		}
		r.unscaled.Set(&q)
		r.scale--
	}
	return r
}

func (d Decimal) rescaled(scale int) big.Int {
	var r big.Int
	r.Set(&d.unscaled)
	if scale > d.scale {
		r.Mul(&r, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale-d.scale)), nil))
	}
	return r
}

// MarshalJSON writes the number literally, as written in the source.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number without passing through float64.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	v, err := ParseDecimal(n.String())
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalYAML emits an untagged plain scalar so the front matter shows
// `funds_wan: 109.73`, a number to any YAML reader, with the exact digits.
func (d Decimal) MarshalYAML() (any, error) {
	tag := "!!int"
	if d.scale > 0 {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: d.String()}, nil
}

// UnmarshalYAML takes the scalar's text, not a float, and reports bad
// values with the line so that content errors point at the right place.
func (d *Decimal) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &LineError{Line: n.Line, Msg: "这里应是一个数字"}
	}
	v, err := ParseDecimal(n.Value)
	if err != nil {
		return &LineError{Line: n.Line, Msg: err.Error()}
	}
	*d = v
	return nil
}

// Round rounds half away from zero to the given number of places. A
// number with fewer places is returned unchanged.
func (d Decimal) Round(places int) Decimal {
	if d.scale <= places {
		return d
	}
	r := Decimal{scale: places}
	div := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.scale-places)), nil)
	q, m := new(big.Int), new(big.Int)
	q.QuoRem(new(big.Int).Abs(&d.unscaled), div, m)
	if m.Mul(m, big.NewInt(2)).Cmp(div) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if d.unscaled.Sign() < 0 {
		q.Neg(q)
	}
	r.unscaled.Set(q)
	return r
}

// GobEncode and GobDecode keep the build cache exact, as the text form.
func (d Decimal) GobEncode() ([]byte, error) { return []byte(d.String()), nil }

func (d *Decimal) GobDecode(b []byte) error {
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// LineError carries a line number out of a YAML unmarshaler; the caller
// adds the file name and the front matter's offset.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("第 %d 行: %s", e.Line, e.Msg) }

// AppendBinary appends the decimal in a compact binary form: its scale,
// then its unscaled value as an int64 when it fits, else as sign and
// magnitude. The build cache stores amounts this way.
func (d Decimal) AppendBinary(b []byte) ([]byte, error) {
	b = binary.AppendVarint(b, int64(d.scale))
	if d.unscaled.IsInt64() {
		b = append(b, 0)
		return binary.AppendVarint(b, d.unscaled.Int64()), nil
	}
	b = append(b, byte(1+(d.unscaled.Sign()+1)/2)) // 1 negative, 2 positive
	return append(b, d.unscaled.Bytes()...), nil
}

// UnmarshalBinary reads what AppendBinary wrote.
func (d *Decimal) UnmarshalBinary(b []byte) error {
	bad := errors.New("decimal: invalid binary form")
	scale, n := binary.Varint(b)
	if n <= 0 || len(b) == n || scale < 0 || scale > 1<<20 {
		return bad
	}
	var v Decimal
	v.scale = int(scale)
	switch tag, rest := b[n], b[n+1:]; tag {
	case 0:
		u, m := binary.Varint(rest)
		if m <= 0 || m != len(rest) {
			return bad
		}
		v.unscaled.SetInt64(u)
	case 1, 2:
		v.unscaled.SetBytes(rest)
		if tag == 1 {
			v.unscaled.Neg(&v.unscaled)
		}
	default:
		return bad
	}
	*d = v
	return nil
}

// Places is the number of digits after the point, as written.
func (d Decimal) Places() int { return d.scale }

// Neg returns -d.
func (d Decimal) Neg() Decimal {
	r := Decimal{scale: d.scale}
	r.unscaled.Neg(&d.unscaled)
	return r
}
