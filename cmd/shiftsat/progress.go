package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/shiftsat/shiftsat/solver"
)

// isTerminal reports whether w is a terminal (a character device); tests
// replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressInterval is how often the progress line is redrawn.
const progressInterval = 250 * time.Millisecond

// progress draws one status line on a terminal's stderr while plan works:
// the phase, the best cost and lower bound as they improve, and the time
// elapsed against the limit. A nil *progress draws nothing (stderr is not
// a terminal, or --quiet), so callers need not check.
type progress struct {
	w     io.Writer
	start time.Time
	limit time.Duration

	mu    sync.Mutex
	ev    solver.ProgressEvent
	drawn bool // a line is on the screen
	ended bool
	stop  chan struct{}
	done  chan struct{}
}

// startProgress starts the progress line on a.stderr when it is a terminal
// and quiet is false; otherwise it returns nil.
func (a *app) startProgress(limit time.Duration, quiet bool) *progress {
	if quiet || !isTerminal(a.stderr) {
		return nil
	}
	p := &progress{w: a.stderr, start: time.Now(), limit: limit, stop: make(chan struct{}), done: make(chan struct{})}
	p.ev.Phase = "loading"
	go func() {
		defer close(p.done)
		t := time.NewTicker(progressInterval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.mu.Lock()
				p.draw()
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// set records a solver progress event and redraws the line.
func (p *progress) set(ev solver.ProgressEvent) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !ev.HaveCost && p.ev.HaveCost && ev.Phase == p.ev.Phase {
		ev.Cost, ev.HaveCost = p.ev.Cost, true
	}
	if !ev.HaveBound && p.ev.HaveBound && ev.Phase == p.ev.Phase {
		ev.LowerBound, ev.HaveBound = p.ev.LowerBound, true
	}
	p.ev = ev
	p.draw()
}

// phase starts a new phase (its costs and bounds start afresh).
func (p *progress) phase(name string) {
	p.set(solver.ProgressEvent{Phase: name})
}

// end stops the progress line and clears it, before the result is
// printed. It may be called more than once.
func (p *progress) end() {
	if p == nil {
		return
	}
	p.mu.Lock()
	if p.ended {
		p.mu.Unlock()
		return
	}
	p.ended = true
	close(p.stop)
	p.mu.Unlock()
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// draw redraws the line (p.mu held).
func (p *progress) draw() {
	if p.ended {
		return
	}
	fmt.Fprint(p.w, "\r\033[K"+p.line())
	p.drawn = true
}

// line is the status: "plan: optimising: best cost 52, lower bound 40;
// 3.2s of 30s".
func (p *progress) line() string {
	var b strings.Builder
	b.WriteString("plan: " + p.ev.Phase)
	var figs []string
	if p.ev.HaveCost {
		figs = append(figs, fmt.Sprintf("best cost %d", p.ev.Cost))
	}
	if p.ev.HaveBound {
		figs = append(figs, fmt.Sprintf("lower bound %d", p.ev.LowerBound))
	}
	if len(figs) > 0 {
		b.WriteString(": " + strings.Join(figs, ", "))
	}
	el := time.Since(p.start).Round(100 * time.Millisecond)
	switch {
	case strings.HasPrefix(p.ev.Phase, "explaining the requests"):
		// Not bounded by --time-limit (2 s each).
		fmt.Fprintf(&b, "; %s", el)
	case p.limit > 0:
		fmt.Fprintf(&b, "; %s of %s", el, p.limit)
	default:
		fmt.Fprintf(&b, "; %s (no time limit)", el)
	}
	return b.String()
}
