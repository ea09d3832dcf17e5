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

	"golang.org/x/sync/errgroup"
)

// runJobs renders and writes pages on every core, each unless the
// previous build made it from the same inputs. The first error stops the
// others; cancelling ctx (Ctrl-C) does too.
func runJobs(ctx context.Context, jobs []render.Page, out *output.Writer, keyOf func(site.Inputs) string, progress func(done int)) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	done := 0
	for _, j := range jobs {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			key := keyOf(j.Inputs)
			if !out.Reuse(j.Path, key) {
				b, err := j.Render()
				if err != nil {
					return err
				}
				err = out.PutKeyed(j.Path, key, b)
				if j.Release != nil {
					j.Release(b) // PutKeyed has written b and kept no reference
				}
				if err != nil {
					return err
				}
			}
			if progress != nil {
				mu.Lock()
				done++
				progress(done)
				mu.Unlock()
			}
			return nil
		})
	}
	err := g.Wait()
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("生成已中断，原有网站未被改动：%w", cerr)
	}
	return err
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
