package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"budgetsite/generator/budget"
	"budgetsite/generator/check"
	"budgetsite/generator/tables"
)

func genText(t testing.TB, opt options) []byte {
	t.Helper()
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	if err := render(bw, generate(opt), opt, nil); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parse(t testing.TB, data []byte) []budget.Project {
	t.Helper()
	ps, err := tables.ParseTables(bytes.NewReader(data), "gen.txt", tables.ParseOptions{})
	if err != nil {
		msg := err.Error()
		if len(msg) > 3000 {
			msg = msg[:3000] + "…"
		}
		t.Fatalf("ParseTables: %s", msg)
	}
	return ps
}

// normalize drops what legitimately differs between a clean and a noisy
// file: the line numbers.
func normalize(ps []budget.Project) []budget.Project {
	out := make([]budget.Project, len(ps))
	for i, p := range ps {
		p.Source = budget.Source{}
		p.Indicators = append([]budget.Indicator(nil), p.Indicators...)
		for j := range p.Indicators {
			p.Indicators[j].Line = 0
		}
		out[i] = p
	}
	return out
}

func TestDeterministic(t *testing.T) {
	for _, noise := range []bool{false, true} {
		opt := options{n: 300, seed: 1, year: 2022, years: 2, noise: noise}
		a, b := genText(t, opt), genText(t, opt)
		if !bytes.Equal(a, b) {
			t.Fatalf("noise=%v: same seed gave different output", noise)
		}
		opt.seed = 2
		if c := genText(t, opt); bytes.Equal(a, c) {
			t.Fatalf("noise=%v: different seeds gave the same output", noise)
		}
	}
}

func TestCLIOutputs(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.txt")
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-n", "50", "-seed", "3", "-year", "2023", "-years", "2", "-o", file}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout not empty with -o FILE")
	}
	if !regexp.MustCompile(`^budgetsite-gen: 100 projects \(2022–2023\), \d+ departments, \d+ units, \d+ bytes → `).MatchString(stderr.String()) ||
		strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("summary = %q", stderr.String())
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf(" %d bytes", len(data))) {
		t.Errorf("summary %q does not give the file size %d", stderr.String(), len(data))
	}

	// stdout gives the same bytes.
	stdout.Reset()
	stderr.Reset()
	if err := run([]string{"-n", "50", "-seed", "3", "-year", "2023", "-years", "2"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), data) || stderr.Len() != 0 {
		t.Errorf("stdout output differs from file output (stderr %q)", stderr.String())
	}

	// A directory gets one file per year, which together are the file.
	sub := filepath.Join(dir, "years") + "/"
	if err := run([]string{"-n", "50", "-seed", "3", "-year", "2023", "-years", "2", "-o", sub}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	var joined []byte
	for _, y := range []string{"2022", "2023"} {
		b, err := os.ReadFile(filepath.Join(sub, y+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parse(t, b) {
			if fmt.Sprint(p.Year) != y {
				t.Fatalf("%s.txt holds a %d project", y, p.Year)
			}
		}
		joined = append(joined, b...)
	}
	if !bytes.Equal(joined, data) {
		t.Errorf("per-year files differ from the single file")
	}
}

func TestImportsAndChecksClean(t *testing.T) {
	const n = 500
	for _, years := range []int{1, 3} {
		t.Run(fmt.Sprintf("years=%d", years), func(t *testing.T) {
			opt := options{n: n, seed: 7, year: 2024, years: years}
			clean := parse(t, genText(t, opt))
			opt.noise = true
			noisyText := genText(t, opt)
			noisy := parse(t, noisyText)

			if len(clean) != n*years {
				t.Fatalf("clean file: %d projects, want %d", len(clean), n*years)
			}
			seen := map[string]bool{}
			for _, p := range clean {
				key := fmt.Sprint(p.Year, "/", p.Code)
				if seen[key] {
					t.Fatalf("duplicate code %s", key)
				}
				seen[key] = true
				if w := p.WeightTotal(); w.String() != "90" {
					t.Fatalf("%s: weights total %s", p.Code, w)
				}
				if k := len(p.Indicators); k < 4 || k > 12 {
					t.Fatalf("%s: %d indicators", p.Code, k)
				}
			}

			a, b := normalize(clean), normalize(noisy)
			if len(a) != len(b) {
				t.Fatalf("clean %d projects, noisy %d", len(a), len(b))
			}
			for i := range a {
				if !reflect.DeepEqual(a[i], b[i]) {
					t.Fatalf("project %d differs between clean and noisy file:\nclean %+v\nnoisy %+v\n(noisy table at line %d)", i, a[i], b[i], noisy[i].Source.Line)
				}
			}

			// The noise is really there.
			for _, want := range []string{"项目当年绩效目\t", "资金总额(万)", "\f", "\n\n\t", "绩效指标\t产出指标", "------", "第 "} {
				if !bytes.Contains(noisyText, []byte(want)) {
					t.Errorf("noisy file has no %q", want)
				}
			}
			if !regexp.MustCompile(`\p{Han} \p{Han}`).Match(noisyText) {
				t.Errorf("noisy file has no wrap spaces")
			}

			ptrs := make([]*budget.Project, len(clean))
			for i := range clean {
				ptrs[i] = &clean[i]
			}
			rep, err := check.Check(ptrs, check.Config{}, check.PrivacyConfig{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			bad := 0
			for _, f := range rep.Findings {
				if f.Severity == check.SevError || f.Severity == check.SevWarning {
					if bad < 20 {
						t.Errorf("%s %s %s: %s", f.Severity, f.Rule, f.Project, f.Message)
					}
					bad++
				}
			}
			if bad > 0 {
				t.Fatalf("%d errors/warnings", bad)
			}
		})
	}
}

func TestShape(t *testing.T) {
	sets := generate(options{n: 2000, seed: 1, year: 2023, years: 2})
	if len(sets) != 2 || sets[0].year != 2022 || sets[1].year != 2023 {
		t.Fatalf("years: %d sets", len(sets))
	}
	depts, units := map[*department]int{}, map[*unit]bool{}
	for _, p := range sets[0].projects {
		depts[p.dept]++
		units[p.unit] = true
		if !strings.HasPrefix(p.unit.code, p.dept.code) || len(p.unit.code) != len(p.dept.code)+3 {
			t.Fatalf("unit code %s under department %s", p.unit.code, p.dept.code)
		}
		if n := len([]rune(p.overview)); n < 60 || n > 250 {
			t.Errorf("overview has %d characters", n)
		}
		if n := len([]rune(p.goal)); n < 60 || n > 250 {
			t.Errorf("goal has %d characters", n)
		}
	}
	if len(depts) < 30 || len(units) < len(depts) {
		t.Errorf("%d departments, %d units", len(depts), len(units))
	}
	maxPer, minPer := 0, 1<<30
	for _, n := range depts {
		maxPer, minPer = max(maxPer, n), min(minPer, n)
	}
	if maxPer < 5*minPer {
		t.Errorf("department sizes not skewed: %d..%d", minPer, maxPer)
	}

	prev := map[string]*project{}
	for _, p := range sets[0].projects {
		prev[p.code] = p
	}
	cont, changed := 0, 0
	for _, p := range sets[1].projects {
		if q, ok := prev[p.code]; ok {
			cont++
			if q.funds != p.funds {
				changed++
			}
			if r := float64(p.funds) / float64(q.funds); r < 0.7 || r > 1.3 {
				t.Errorf("%s: funds %d → %d", p.code, q.funds, p.funds)
			}
		}
	}
	share := float64(cont) / float64(len(sets[0].projects))
	t.Logf("continuing %.1f%%, funds changed for %d of %d", 100*share, changed, cont)
	if share < 0.7 || share > 0.9 || len(sets[1].projects) != 2000 {
		t.Errorf("continuing share %.2f, second year %d projects", share, len(sets[1].projects))
	}
}

// BenchmarkGenerate measures generating and parsing 10,000 synthetic
// projects, with and without extractor noise.
func BenchmarkGenerate(b *testing.B) {
	for _, noise := range []bool{false, true} {
		b.Run(fmt.Sprintf("noise=%v", noise), func(b *testing.B) {
			for b.Loop() {
				data := genText(b, options{n: 10000, seed: 1, year: 2022, years: 1, noise: noise})
				if ps := parse(b, data); len(ps) != 10000 {
					b.Fatalf("parsed %d projects, want 10000", len(ps))
				}
			}
		})
	}
}
