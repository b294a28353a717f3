package solver

// This file holds the plumbing that Limits and Compare share: an
// incremental gini session loaded from an Encoding (only through the
// Encoding's exported methods), solved under assumptions with a deadline,
// and counters whose outputs let a search ask "at least t" or "at most t"
// by one assumption.

import (
	"context"
	"time"

	"github.com/go-air/gini"
	"github.com/go-air/gini/z"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// session is one incremental gini solver holding an Encoding's clauses,
// plus the clauses a search adds after loading (activation literals).
// Every solve shares one deadline. One goroutine per session.
type session struct {
	ctx      context.Context
	deadline time.Time
	enc      *Encoding
	g        *gini.Gini
	nvars    int

	// solves counts the calls to solve; solveTime sums their time.
	solves    int
	solveTime time.Duration
}

// newSession loads enc's clauses into a new gini solver. The encoding
// must not change afterwards: later clauses go through session.add.
func newSession(ctx context.Context, enc *Encoding, deadline time.Time) *session {
	s := &session{ctx: ctx, deadline: deadline, enc: enc, nvars: enc.NumVars()}
	s.g = gini.NewVc(enc.NumVars()+1, enc.NumClauses()+1)
	for _, c := range enc.Clauses() {
		for _, l := range c {
			s.g.Add(z.Dimacs2Lit(int(l)))
		}
		s.g.Add(z.LitNull)
	}
	if n := enc.NumVars(); n > 0 {
		// Register every variable, even those in no clause, so that
		// value may be asked of any (gini drops the tautology).
		m := z.Dimacs2Lit(n)
		s.g.Add(m)
		s.g.Add(m.Not())
		s.g.Add(z.LitNull)
	}
	return s
}

// newVar returns a fresh variable of the session (after the encoding's).
func (s *session) newVar() Lit {
	s.nvars++
	return Lit(s.nvars)
}

// add adds a clause, removing the encoding's constants: a clause with the
// true constant is dropped, false literals are left out. Any add wipes the
// model of the last SAT answer: read values first.
func (s *session) add(lits ...Lit) {
	t := s.enc.True()
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
		s.g.Add(z.Dimacs2Lit(int(l)))
		n++
	}
	if n == 0 {
		s.g.Add(z.Dimacs2Lit(int(-t)))
	}
	s.g.Add(z.LitNull)
}

// activate returns a fresh literal a with the clause a → (lits[0] or
// lits[1] ...): assuming a asks for one of lits. With no lits it returns
// the false constant.
func (s *session) activate(lits []Lit) Lit {
	if len(lits) == 0 {
		return -s.enc.True()
	}
	for _, l := range lits {
		if l == s.enc.True() {
			return l // already satisfied: nothing to ask
		}
	}
	a := s.newVar()
	s.add(append([]Lit{-a}, lits...)...)
	return a
}

// solve solves under the assumptions until an answer, the deadline or the
// context's end: 1 SAT, -1 UNSAT, 0 unknown. A false-constant assumption
// answers UNSAT at once; true-constant assumptions are ignored.
func (s *session) solve(assume ...Lit) int {
	t := s.enc.True()
	for _, a := range assume {
		if a == -t {
			return -1
		}
	}
	for _, a := range assume {
		if a != t {
			s.g.Assume(z.Dimacs2Lit(int(a)))
		}
	}
	s.solves++
	t0 := time.Now()
	r := s.run()
	s.solveTime += time.Since(t0)
	return r
}

// run solves the session's gini within its deadline and context, with the
// package's one polling loop (see run in solve.go).
func (s *session) run() int { return run(s.ctx, s.g, s.deadline) }

// value returns l's value in the last SAT answer (constants included).
func (s *session) value(l Lit) bool {
	switch l {
	case s.enc.True():
		return true
	case -s.enc.True():
		return false
	}
	return s.g.Value(z.Dimacs2Lit(int(l)))
}

// roster reads the roster of the last SAT answer: on each horizon date,
// the first shift type (in scenario order) whose Start literal is true.
func (s *session) roster() *model.Roster {
	sc := s.enc.Scenario()
	r := model.NewRoster(sc)
	for _, p := range sc.Staff {
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			for _, st := range sc.Shifts {
				if s.value(s.enc.Start(p.ID, d, st.ID)) {
					r.Set(p.ID, d, st.ID)
					break
				}
			}
		}
	}
	return r
}

// counterSink is where a counter's clauses go: an Encoding before it is
// loaded, or a session after.
type counterSink interface {
	True() Lit
	NewVar() Lit
	Define(lits ...Lit)
}

// True returns the encoding's true constant (counterSink).
func (s *session) True() Lit { return s.enc.True() }

// NewVar returns a fresh variable of the session (counterSink).
func (s *session) NewVar() Lit { return s.newVar() }

// Define adds a clause defining auxiliary variables (counterSink).
func (s *session) Define(lits ...Lit) { s.add(lits...) }

// sumAtLeastOutputs adds to e a sequential counter over the weighted terms
// and returns out, where out[j] (1 <= j <= k) implies that the weights of
// the true terms sum to at least j; out[0] is the true constant. Only that
// direction is encoded, so assuming (or requiring) out[t] asks for a sum
// of at least t, and nothing is forced otherwise. Sums beyond k are
// counted as k.
func sumAtLeastOutputs(e counterSink, terms []constraints.Term, k int) []Lit {
	f := -e.True()
	prev := make([]Lit, k+1) // row i-1: prev[j] → (sum of terms[:i-1] >= j)
	prev[0] = e.True()
	for j := 1; j <= k; j++ {
		prev[j] = f
	}
	reach := 0 // the largest sum of the terms so far
	for _, t := range terms {
		reach = min(k, reach+t.Weight)
		row := make([]Lit, k+1)
		row[0] = e.True()
		for j := 1; j <= k; j++ {
			if j > reach {
				row[j] = f
				continue
			}
			below := prev[max(0, j-t.Weight)]
			if prev[j] == f && below == e.True() {
				row[j] = t.Lit // reachable only by this term
				continue
			}
			v := e.NewVar()
			// v → prev[j] or (t.Lit and below)
			e.Define(-v, prev[j], t.Lit)
			e.Define(-v, prev[j], below)
			row[j] = v
		}
		prev = row
	}
	return prev
}

// sumAtMostOutputs adds to e a sequential counter over lits and returns
// out, where a count of at least j true lits implies out[j] (1 <= j <=
// len(lits)+1 is indexed up to k+1, out[0] unused). Assuming ¬out[t+1]
// therefore asks for at most t of lits. Only that direction is encoded.
func sumAtMostOutputs(e *Encoding, lits []Lit, k int) []Lit {
	f := -e.True()
	prev := make([]Lit, k+2)
	prev[0] = e.True()
	for j := 1; j <= k+1; j++ {
		prev[j] = f
	}
	for i, x := range lits {
		row := make([]Lit, k+2)
		row[0] = e.True()
		for j := 1; j <= k+1; j++ {
			if j > i+1 {
				row[j] = f
				continue
			}
			v := e.NewVar()
			e.Define(-prev[j], v)       // already j before: still j
			e.Define(-prev[j-1], -x, v) // j-1 before and x: j
			row[j] = v
		}
		prev = row
	}
	return prev
}
