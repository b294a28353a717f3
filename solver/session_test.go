package solver

import (
	"context"
	"testing"
	"time"
)

// TestSessionUnsolvedAssumptionsDropped: a solve that does not run (its
// deadline has passed, or its context has ended) must not leave its
// assumptions behind for the next solve. gini keeps what Assume gave
// until its next Solve; a solve that returned before calling it left them
// to the next one, which then answered UNSAT for a satisfiable encoding
// (the guide's proposal, assumed just as its deadline passed, made a
// rolling window of the ward quarter "unsatisfiable").
func TestSessionUnsolvedAssumptionsDropped(t *testing.T) {
	e := NewCNF()
	x := e.NewVar()
	e.Define(x, -x) // x is free: the encoding is satisfiable either way
	y := e.NewVar()
	e.Define(-x, y)
	e.Define(-x, -y) // x forces y and not y: assuming x is UNSAT

	s := newSession(context.Background(), e, time.Now().Add(-time.Second))
	if got := s.solve(x); got != 0 {
		t.Fatalf("solve past the deadline = %d, want 0 (unknown)", got)
	}
	s.deadline = time.Now().Add(time.Minute)
	if got := s.solve(); got != 1 {
		t.Fatalf("solve after an unsolved assumption = %d, want 1: the assumption was kept", got)
	}

	ctx, cancel := context.WithCancel(context.Background())
	s = newSession(ctx, e, time.Now().Add(time.Minute))
	cancel()
	if got := s.solve(x); got != 0 {
		t.Fatalf("solve after the context ended = %d, want 0 (unknown)", got)
	}
	s.ctx = context.Background()
	if got := s.solve(); got != 1 {
		t.Fatalf("solve after an unsolved assumption (context) = %d, want 1", got)
	}
	if got := s.solve(x); got != -1 {
		t.Fatalf("solve assuming x = %d, want -1", got)
	}
}
