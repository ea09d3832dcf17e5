// Package workers runs independent pieces of work on every core.
package workers

import (
	"runtime"

	"golang.org/x/sync/errgroup"
)

// Each calls f(0) … f(n-1) on every core and waits for all of them. f
// must only touch its own index's data.
func Each(n int, f func(i int)) {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range n {
		g.Go(func() error { f(i); return nil })
	}
	g.Wait()
}
