package decimal

import (
	"math/big"
	"testing"
)

func TestShift(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"1.50", 1, "15.0"},
		{"1.50", 2, "150"},
		{"1.50", 3, "1500"},
		{"150", -2, "1.50"},
		{"150", -4, "0.0150"},
		{"-2.7132", 2, "-271.32"},
		{"-2.7132", -1, "-0.27132"},
		{"0.955", 2, "95.5"},
		{"3309840", -6, "3.309840"},
		{"0", 3, "0"},
		{"0.00", -2, "0.0000"},
		{"109.73", 0, "109.73"},
		{"123456789012345678901234567890", 5, "12345678901234567890123456789000000"},
	} {
		d := MustDecimal(tc.in)
		got := d.Shift(tc.n)
		if got.String() != tc.want {
			t.Errorf("%s.Shift(%d) = %s, want %s", tc.in, tc.n, got, tc.want)
		}
		// Exact: the value is d × 10^n, and shifting back restores d.
		ten := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(tc.n, -tc.n))), nil))
		want := d.Rat()
		if tc.n >= 0 {
			want.Mul(want, ten)
		} else {
			want.Quo(want, ten)
		}
		if got.Rat().Cmp(want) != 0 {
			t.Errorf("%s.Shift(%d) = %s, not %s", tc.in, tc.n, got, want.FloatString(40))
		}
		if back := got.Shift(-tc.n); back.Cmp(d) != 0 {
			t.Errorf("%s.Shift(%d).Shift(%d) = %s", tc.in, tc.n, -tc.n, back)
		}
	}
	// d is unchanged: Shift copies.
	d := MustDecimal("1.5")
	d.Shift(3)
	if d.String() != "1.5" {
		t.Errorf("Shift changed its receiver to %s", d)
	}
}
