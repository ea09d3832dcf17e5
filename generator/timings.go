package generator

import (
	"fmt"
	"io"
	"time"
)

// phaseClock reports how long each phase of a build took, so that a
// developer chasing a slow build sees where the time goes without a
// profiler (budgetsite build --timings).
type phaseClock struct {
	w           io.Writer
	start, last time.Time
}

func newPhaseClock(w io.Writer, start time.Time) *phaseClock {
	return &phaseClock{w: w, start: start, last: start}
}

// mark ends the phase named phase.
func (c *phaseClock) mark(phase string) {
	if c.w == nil {
		return
	}
	now := time.Now()
	fmt.Fprintf(c.w, "%-14s %7.3fs  (%.3fs)\n", phase, now.Sub(c.last).Seconds(), now.Sub(c.start).Seconds())
	c.last = now
}
