// Command budgetsite-gen writes synthetic 项目支出绩效目标表 in the text
// layout that `budgetsite import` reads, for load tests and demos.
//
// Output is a pure function of the flags: math/rand/v2 PCG streams seeded
// from -seed, no clock, no map iteration order.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const usage = `usage: go run ./cmd/budgetsite-gen [flags]

Writes N synthetic projects per year as the tab-separated text that
"budgetsite import" reads (the layout of text extracted from a district's
项目支出绩效目标表 PDF). The same flags always give byte-identical output.

  -n N        projects per year (default 1000)
  -seed S     random seed, an unsigned integer (default 1)
  -year Y     the (last) year of the tables (default 2022)
  -years K    write K consecutive years ending at -year (default 1). About
              80% of one year's projects continue into the next with the
              same code and funds changed by up to ±30%; the rest are
              dropped and new projects bring each year back to N.
  -noise      add the PDF-extraction noise the importer undoes: wrap spaces
              inside words, truncated labels (项目当年绩效目), 资金总额(万),
              values scattered over extra cells, the 绩效指标 label on the
              first data row, merged 一级/二级 cells, wrapped text lines,
              blank lines, page numbers and form feeds, dash rules. A noisy
              file imports to exactly the projects of the clean one.
  -o PATH     where to write:
                omitted or "-"   standard output, all years one after another
                a directory      (existing, or PATH ending in "/") one file
                                 per year, PATH/<year>.txt
                any other path   one file, all years one after another,
                                 oldest first; each table's title carries its
                                 year, which the importer uses
              When writing to files, a one-line summary goes to stderr.

Example:
  go run ./cmd/budgetsite-gen -n 10000 -seed 1 -year 2023 -years 2 -noise -o /tmp/gen.txt
`

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "budgetsite-gen:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("budgetsite-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	var opt options
	var out string
	fs.IntVar(&opt.n, "n", 1000, "projects per year")
	fs.Uint64Var(&opt.seed, "seed", 1, "random seed")
	fs.IntVar(&opt.year, "year", 2022, "last year")
	fs.IntVar(&opt.years, "years", 1, "number of years")
	fs.BoolVar(&opt.noise, "noise", false, "add PDF-extraction noise")
	fs.StringVar(&out, "o", "", "output file or directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		fs.Usage()
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case opt.n < 1:
		return fmt.Errorf("-n must be at least 1")
	case opt.years < 1 || opt.years > 50:
		return fmt.Errorf("-years must be between 1 and 50")
	case opt.year-opt.years+1 < 1990 || opt.year > 2100:
		return fmt.Errorf("years must lie between 1990 and 2100")
	}

	sets := generate(opt)
	if out == "" || out == "-" {
		bw := bufio.NewWriterSize(stdout, 1<<16)
		if err := render(bw, sets, opt, nil); err != nil {
			return err
		}
		return bw.Flush()
	}

	var written int64
	dirMode := strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(os.PathSeparator))
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		dirMode = true
	}
	if dirMode {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		nr := noiseSource(opt)
		for _, ys := range sets {
			n, err := writeFile(filepath.Join(out, strconv.Itoa(ys.year)+".txt"), []yearSet{ys}, opt, nr)
			written += n
			if err != nil {
				return err
			}
		}
	} else {
		n, err := writeFile(out, sets, opt, noiseSource(opt))
		written = n
		if err != nil {
			return err
		}
	}
	fmt.Fprintln(stderr, summary(sets, written, out))
	return nil
}

func noiseSource(opt options) *rand.Rand {
	if !opt.noise {
		return nil
	}
	return rand.New(rand.NewPCG(opt.seed, noiseStream))
}

// render writes the year sets one after another. nr is the noise source
// when opt.noise is set; nil makes a fresh one.
func render(w *bufio.Writer, sets []yearSet, opt options, nr *rand.Rand) error {
	if nr == nil {
		nr = noiseSource(opt)
	}
	tw := &tableWriter{w: w, nr: nr}
	for _, ys := range sets {
		for _, p := range ys.projects {
			tw.table(p)
		}
	}
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

func writeFile(path string, sets []yearSet, opt options, nr *rand.Rand) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: f}
	bw := bufio.NewWriterSize(cw, 1<<16)
	if err := render(bw, sets, opt, nr); err != nil {
		f.Close()
		return cw.n, err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return cw.n, err
	}
	return cw.n, f.Close()
}

func summary(sets []yearSet, bytes int64, out string) string {
	projects := 0
	depts := map[*department]bool{}
	units := map[*unit]bool{}
	for _, ys := range sets {
		projects += len(ys.projects)
		for _, p := range ys.projects {
			depts[p.dept] = true
			units[p.unit] = true
		}
	}
	years := strconv.Itoa(sets[0].year)
	if len(sets) > 1 {
		years += "–" + strconv.Itoa(sets[len(sets)-1].year)
	}
	return fmt.Sprintf("budgetsite-gen: %d projects (%s), %d departments, %d units, %d bytes → %s",
		projects, years, len(depts), len(units), bytes, out)
}
