package decimal

import "testing"

func TestQuoStringMatchesBigRat(t *testing.T) {
	nums := []string{"0", "1", "-1", "2.7132", "109.73", "-0.001", "90", "100.00", "0.005", "-0.005", "1.005", "3", "7", "-7",
		"33.3333", "12345678901234.5678", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "0.00000001"}
	for _, a := range nums {
		for _, b := range nums {
			d, e := MustDecimal(a), MustDecimal(b)
			if e.Sign() == 0 {
				continue
			}
			for _, f := range []int64{1, 100} {
				for _, places := range []int{0, 2, 4} {
					if got, want := QuoString(d, e, f, places), quoRat(d, e, f, places); got != want {
						t.Errorf("QuoString(%s, %s, %d, %d) = %s, big.Rat gives %s", a, b, f, places, got, want)
					}
				}
			}
		}
	}
	// The fast path is taken where it should be.
	if _, ok := quoSmall(MustDecimal("2.7132"), MustDecimal("109.73"), 100, 2); !ok {
		t.Error("amounts that fit in 64 bits took the big.Rat path")
	}
}

func FuzzQuoString(f *testing.F) {
	f.Add("1", "3", int64(100), 2)
	f.Add("-0.005", "1", int64(100), 2)
	f.Add("2.7132", "109.73", int64(1), 4)
	f.Fuzz(func(t *testing.T, a, b string, factor int64, places int) {
		d, err1 := ParseDecimal(a)
		e, err2 := ParseDecimal(b)
		if err1 != nil || err2 != nil || e.Sign() == 0 || factor < -1e6 || factor > 1e6 || places < 0 || places > 10 {
			return
		}
		if got, want := QuoString(d, e, factor, places), quoRat(d, e, factor, places); got != want {
			t.Errorf("QuoString(%s, %s, %d, %d) = %s, big.Rat gives %s", a, b, factor, places, got, want)
		}
	})
}

func BenchmarkQuoString(b *testing.B) {
	d, e := MustDecimal("2.7132"), MustDecimal("109.73")
	b.Run("int64", func(b *testing.B) {
		for b.Loop() {
			QuoString(d, e, 100, 2)
		}
	})
	b.Run("big.Rat", func(b *testing.B) {
		for b.Loop() {
			quoRat(d, e, 100, 2)
		}
	})
}

func TestFloat64MatchesBigRat(t *testing.T) {
	for _, s := range []string{"0", "-0", "0.1", "0.3", "-0.3", "2.7132", "109.73", "90", "9007199254740993", "9007199254740992",
		"-9007199254740992", "0.0000000000000000000001", "1.23456789012345678901", "123456789012345.678", "99999999999999999999"} {
		d := MustDecimal(s)
		if got, want := d.Float64(), d.float64Rat(); got != want {
			t.Errorf("%s: Float64 %v, big.Rat %v", s, got, want)
		}
	}
}

func FuzzFloat64(f *testing.F) {
	f.Add("2.7132")
	f.Add("-0.1")
	f.Add("9007199254740993")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDecimal(s)
		if err != nil {
			return
		}
		if got, want := d.Float64(), d.float64Rat(); got != want {
			t.Errorf("%s: Float64 %v, big.Rat %v", s, got, want)
		}
	})
}
