package generator

import (
	"budgetsite/generator/output"
	"budgetsite/generator/render"
	"budgetsite/generator/search"
	"budgetsite/generator/site"
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// runJobs renders and writes pages with one worker per core. The first
// error stops the others; cancelling ctx (Ctrl-C) does too.
func runJobs(ctx context.Context, jobs []render.Page, out *output.Writer, keyOf func(site.Inputs) string, progress func(done int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	next := make(chan render.Page)
	var (
		mu       sync.Mutex
		firstErr error
		done     int
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
		mu.Unlock()
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				var err error
				key := keyOf(j.Inputs)
				if !out.Reuse(j.Path, key) {
					var b []byte
					if b, err = j.Render(); err == nil {
						err = out.PutKeyed(j.Path, key, b)
					}
				}
				if err != nil {
					fail(err)
					continue
				}
				if progress != nil {
					mu.Lock()
					done++
					n := done
					mu.Unlock()
					progress(n)
				}
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case next <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("生成已中断，原有网站未被改动：%w", err)
	}
	return nil
}

// writeSearchIndex writes the search index unless the previous build made
// it from the same inputs.
func writeSearchIndex(s *site.Site, out *output.Writer, keys *keyer) error {
	key := keys.key(site.Inputs{What: search.IndexPath, Projects: s.Projects})
	if out.Reuse(search.IndexPath, key) {
		return nil
	}
	// Streamed: the script is not minified (it is JSON already), and a
	// province's index need not sit in a growing buffer.
	return out.PutStream(search.IndexPath, key, func(w io.Writer) error { return search.WriteIndex(w, s) })
}
