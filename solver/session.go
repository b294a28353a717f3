package solver

// This file is the package's one way to run gini: a session loads an
// Encoding, solves it under assumptions within a deadline and the
// context, takes clauses added after loading (counters extended by a
// search, activation literals, hardened soft literals) and reads the
// model and the failed assumptions. Solve, the explanation, rolling
// windows, groups, the optimiser (maxsat.go), limits, compare and the
// capacity code all go through it.

import (
	"context"
	"time"

	"github.com/go-air/gini"
	"github.com/go-air/gini/z"

	"github.com/shiftsat/shiftsat/model"
)

// session is one incremental gini solver holding an Encoding's clauses,
// plus the clauses a search adds after loading (counters, activation
// literals). Every solve shares one deadline (zero: none), which the
// caller may move between solves. One goroutine per session.
type session struct {
	ctx      context.Context
	deadline time.Time
	enc      *Encoding
	g        *gini.Gini
	nvars    int

	// partial reports that ctx ended while loading: g holds only part of
	// the clauses, and every solve answers 0.
	partial bool

	// solves counts the calls to solve; solveTime sums their time.
	solves    int
	solveTime time.Duration
}

// newSession loads enc's clauses into a new gini solver. ctx is checked
// every checkEvery clauses; when it ends part-way, the session is partial
// and answers 0 to every solve. The encoding must not change afterwards:
// later clauses go through the session (add, Define).
func newSession(ctx context.Context, enc *Encoding, deadline time.Time) *session {
	s := &session{ctx: ctx, deadline: deadline, enc: enc, nvars: enc.nvars}
	s.g = gini.NewVc(enc.nvars+1, enc.nclauses+1)
	n := 0
	for _, l := range enc.clauses {
		s.g.Add(toGini(l))
		if l == 0 {
			if n++; n%checkEvery == 0 && ctx.Err() != nil {
				s.partial = true
				return s
			}
		}
	}
	if enc.nvars > 0 {
		// Register every variable, even those in no clause, so that
		// value may be asked of any (gini drops the tautology).
		m := toGini(Lit(enc.nvars))
		s.g.Add(m)
		s.g.Add(m.Not())
		s.g.Add(z.LitNull)
	}
	return s
}

// load returns a new gini solver holding the encoding's clauses (a
// session's, see newSession: when ctx ends part-way it holds only part of
// them, and no use may be made of it but a run under the same ctx).
func (e *Encoding) load(ctx context.Context) *gini.Gini {
	return newSession(ctx, e, time.Time{}).g
}

// toGini returns gini's literal for l (the same DIMACS number).
func toGini(l Lit) z.Lit { return z.Dimacs2Lit(int(l)) }

// fromGini is the inverse of toGini.
func fromGini(m z.Lit) Lit { return Lit(m.Dimacs()) }

// newVar returns a fresh variable of the session (after the encoding's).
func (s *session) newVar() Lit {
	s.nvars++
	return Lit(s.nvars)
}

// add adds a clause, removing the encoding's constants: a clause with the
// true constant is dropped, false literals are left out. Any add wipes the
// model of the last SAT answer: read values first.
func (s *session) add(lits ...Lit) {
	t := s.enc.tru
	for _, l := range lits {
		if l == t {
			return // satisfied: checked before any literal reaches gini
		}
	}
	n := 0
	for _, l := range lits {
		if l == -t {
			continue
		}
		s.g.Add(toGini(l))
		n++
	}
	if n == 0 {
		s.g.Add(toGini(-t))
	}
	s.g.Add(z.LitNull)
}

// activate returns a fresh literal a with the clause a → (lits[0] or
// lits[1] ...): assuming a asks for one of lits. With no lits it returns
// the false constant.
func (s *session) activate(lits []Lit) Lit {
	if len(lits) == 0 {
		return -s.enc.tru
	}
	for _, l := range lits {
		if l == s.enc.tru {
			return l // already satisfied: nothing to ask
		}
	}
	a := s.newVar()
	s.add(append([]Lit{-a}, lits...)...)
	return a
}

// solve solves under the assumptions until an answer, the deadline or the
// context's end: 1 SAT, -1 UNSAT, 0 unknown (always 0 on a partial
// session). A false-constant assumption answers UNSAT at once;
// true-constant assumptions are ignored.
func (s *session) solve(assume ...Lit) int {
	t := s.enc.tru
	for _, a := range assume {
		if a == -t {
			return -1
		}
	}
	if !s.ready() {
		s.solves++
		return 0
	}
	for _, a := range assume {
		if a != t {
			s.g.Assume(toGini(a))
		}
	}
	return s.run()
}

// solveZ is solve for assumptions given as gini literals (the
// optimiser's), none of them a constant.
func (s *session) solveZ(assume []z.Lit) int {
	if !s.ready() {
		s.solves++
		return 0
	}
	s.g.Assume(assume...)
	return s.run()
}

// ready reports whether a solve may start: the session holds the whole
// encoding, the context has not ended and the deadline has not passed.
// solve and solveZ ask it BEFORE giving gini their assumptions, and run
// then always calls gini's Solve: gini keeps what Assume gave until its
// next Solve, so assumptions given to a solve that never ran would be
// added to the next one's, which could then answer UNSAT for a
// satisfiable encoding (TestSessionUnsolvedAssumptionsDropped; a rolling
// window of the ward quarter was once "unsatisfiable" so).
func (s *session) ready() bool {
	return !s.partial && s.ctx.Err() == nil && (s.deadline.IsZero() || time.Now().Before(s.deadline))
}

// run solves, under the assumptions given to g by solve or solveZ (which
// checked ready), within the deadline and the context, counting the solve
// and its time.
func (s *session) run() int {
	s.solves++
	t0 := time.Now()
	r := run(s.ctx, s.g, s.deadline)
	s.solveTime += time.Since(t0)
	return r
}

// why returns the failed assumptions of the last UNSAT answer (a subset
// of the assumptions, not minimal).
func (s *session) why() []Lit {
	ms := s.g.Why(nil)
	out := make([]Lit, len(ms))
	for i, m := range ms {
		out[i] = fromGini(m)
	}
	return out
}

// whyZ appends to dst the failed assumptions of the last UNSAT answer
// as gini literals (for the optimiser and the explainer, which keep
// them so) and returns it.
func (s *session) whyZ(dst []z.Lit) []z.Lit { return s.g.Why(dst) }

// value returns l's value in the last SAT answer (constants included).
func (s *session) value(l Lit) bool {
	switch l {
	case s.enc.tru:
		return true
	case -s.enc.tru:
		return false
	}
	return s.g.Value(toGini(l))
}

// roster reads the roster of the last SAT answer: on each horizon date,
// the first shift type (in scenario order) whose Start literal is true.
func (s *session) roster() *model.Roster {
	e := s.enc
	sc := e.sc
	r := model.NewRoster(sc)
	for pi, p := range sc.Staff {
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			for si, st := range sc.Shifts {
				if l := e.start(pi, d, si); l != 0 && s.value(l) {
					r.Set(p.ID, d, st.ID)
					break
				}
			}
		}
	}
	return r
}

// True returns the encoding's true constant (counterSink).
func (s *session) True() Lit { return s.enc.tru }

// NewVar returns a fresh variable of the session (counterSink).
func (s *session) NewVar() Lit { return s.newVar() }

// Define adds a clause defining auxiliary variables (counterSink).
func (s *session) Define(lits ...Lit) { s.add(lits...) }

// run solves g in the background until it answers, the deadline passes
// (zero: none) or ctx is done. It returns 1 (SAT), -1 (UNSAT) or 0.
//
// gini's Solve handle cannot be both waited on and stopped from another
// goroutine (both take its lock), so run polls it with Test, at growing
// intervals, and stops it with Stop. g.Try is never used: it leaves a
// deadline set in the solver (DESIGN.md, API pitfalls).
//
// It always starts the solve, even when ctx has ended or the deadline has
// passed since the caller checked (session.ready): the solve then stops
// at once, and it consumes the assumptions given to g.
func run(ctx context.Context, g *gini.Gini, deadline time.Time) int {
	h := g.GoSolve()
	var timeout <-chan time.Time
	if !deadline.IsZero() {
		t := time.NewTimer(time.Until(deadline))
		defer t.Stop()
		timeout = t.C
	}
	wait := 20 * time.Microsecond
	poll := time.NewTimer(wait)
	defer poll.Stop()
	for {
		if r, done := h.Test(); done {
			return r
		}
		select {
		case <-ctx.Done():
			return h.Stop()
		case <-timeout:
			return h.Stop()
		case <-poll.C:
			wait = min(2*wait, 10*time.Millisecond)
			poll.Reset(wait)
		}
	}
}
