package main

import (
	"io"
	"os"
	"sync"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// progressBar shows a bar for long runs on a terminal. Off a terminal
// (CI logs, pipes, tests) it shows nothing, so the only output is the
// one-line summary.
type progressBar struct {
	once sync.Once
	p    *mpb.Progress
	bar  *mpb.Bar
	name string
	w    io.Writer
}

// minItems is the size below which a run is too short to need a bar.
const minItems = 500

func newProgressBar(w io.Writer, name string) *progressBar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progressBar{name: name, w: w}
}

// update is a generator.Progress: safe from several goroutines.
func (b *progressBar) update(done, total int) {
	if b == nil || total < minItems {
		return
	}
	b.once.Do(func() {
		b.p = mpb.New(mpb.WithOutput(b.w), mpb.WithWidth(40))
		b.bar = b.p.AddBar(int64(total),
			mpb.PrependDecorators(decor.Name(b.name, decor.WC{W: len(b.name) + 1, C: decor.DindentRight}), decor.CountersNoUnit("%d / %d")),
			mpb.AppendDecorators(decor.Percentage(decor.WC{W: 5}), decor.Name(" "), decor.EwmaETA(decor.ET_STYLE_GO, 30)),
			mpb.BarRemoveOnComplete(),
		)
	})
	b.bar.SetCurrent(int64(done))
}

// finish removes the bar before the summary line is printed.
func (b *progressBar) finish() {
	if b == nil || b.p == nil {
		return
	}
	b.bar.Abort(true)
	b.p.Wait()
}
