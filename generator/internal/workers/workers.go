// Package workers runs independent pieces of work on every core.
package workers

import (
	"runtime"

	"golang.org/x/sync/errgroup"
)

// Each calls f(0) … f(n-1) on every core and waits for all of them. f
// must only touch its own index's data.
//
// Indexes go to the workers in runs, a few per worker and core, rather
// than one goroutine each: a province's 100,000 projects would otherwise
// spend more time handing out work than checking it.
func Each(n int, f func(i int)) {
	procs := runtime.GOMAXPROCS(0)
	run := max(1, n/(8*procs))
	var g errgroup.Group
	g.SetLimit(procs)
	for from := 0; from < n; from += run {
		to := min(n, from+run)
		g.Go(func() error {
			for i := from; i < to; i++ {
				f(i)
			}
			return nil
		})
	}
	g.Wait()
}
