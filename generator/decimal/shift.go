package decimal

import "math/big"

// Shift returns d × 10^n: the decimal point moves n places to the right,
// or to the left for negative n. The digits are kept as written, and
// zeros are added only where the point moves past the last of them: 1.50
// shifted by 1 is 15.0, by 3 is 1500, and 150 shifted by -2 is 1.50.
// The caller bounds n: the result has |n| more digits at most.
func (d Decimal) Shift(n int) Decimal {
	r := Decimal{scale: d.scale - n}
	r.unscaled.Set(&d.unscaled)
	if r.scale < 0 {
		r.unscaled.Mul(&r.unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-r.scale)), nil))
		r.scale = 0
	}
	return r
}
