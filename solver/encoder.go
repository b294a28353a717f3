package solver

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

var _ constraints.Encoder = (*Encoding)(nil)

// Lit is the literal type of package constraints, repeated here for brevity.
type Lit = constraints.Lit

// Encoding is a CNF encoding of a scenario's rules. It implements
// constraints.Encoder: rules add clauses and cardinality constraints to it,
// and it keeps its own clause list, from which it loads a gini solver
// (see Solve) or writes DIMACS (see WriteDIMACS).
//
// Variables are numbered from 1. Variable 1 is the constant true, asserted
// by a unit clause. The Start variables follow, created eagerly in staff
// order, then date order, then shift order, so that the same scenario
// always gets the same numbering.
//
// In selector mode (NewEncoding(sc, true)), every requirement instance
// (Begin) gets one selector variable s, created when its first root clause
// is added, and every root clause of the requirement carries ¬s; the
// definitional clauses of counters are never guarded. Assumptions returns
// the selectors, and Core maps failed assumptions back to provenance.
type Encoding struct {
	sc        *model.Scenario
	selectors bool

	nvars    int
	clauses  []Lit // flat: each clause is terminated by 0
	nclauses int

	tru Lit

	// Start variables: person index -> first known day and first variable.
	staffIndex map[model.StaffID]int
	shiftIndex map[model.ShiftID]int
	known      []model.Date // per person: first known day
	startBase  []int        // per person: variable of (known, shift 0)

	// touchOffsets[s] lists, for shift type s, the offsets (in days) of the
	// days an instance of s touches, relative to its start date.
	touchOffsets [][]int
	touched      []map[model.Date]Lit // per person, lazily

	reqs   []constraints.Provenance // Req r is reqs[r-1]
	sel    []Lit                    // selector of Req r is sel[r-1] (0 until used)
	selReq map[Lit]constraints.Req  // selector variable -> Req

	// amo records the (person, date) pairs whose Start literals have had
	// their at-most-one clauses added by the weighted counters.
	amo map[startDay]bool

	encodeTime time.Duration
	scratch    []Lit

	// ctx, when set, is checked every checkEvery clauses; once it is
	// done, clause panics with errEncodeStopped (caught by encodeCtx) so
	// that a huge encoding stops within milliseconds of the deadline.
	ctx context.Context
	// stopped reports that encodeCtx stopped the encoding part-way: its
	// clauses are incomplete and must not be solved.
	stopped bool

	soft []Penalty
}

// Penalty is a soft requirement recorded by Penalize: Weight is paid when
// Lit is true.
type Penalty struct {
	// Prov says what the penalty stands for.
	Prov constraints.Provenance
	// Lit costs Weight when true.
	Lit Lit
	// Weight is the cost (> 0).
	Weight int
}

// Penalize implements constraints.Encoder: it records a soft requirement.
// Constant-false literals and non-positive weights cost nothing and are dropped.
func (e *Encoding) Penalize(prov constraints.Provenance, lit Lit, weight int) {
	if weight <= 0 || lit == -e.tru {
		return
	}
	e.soft = append(e.soft, Penalty{Prov: prov, Lit: lit, Weight: weight})
}

// Penalties returns the soft requirements recorded by Penalize, in order.
func (e *Encoding) Penalties() []Penalty { return e.soft }

// startDay identifies the Start variables of one person on one date.
type startDay struct {
	person int
	date   model.Date
}

// NewEncoding returns an empty encoding of sc with the constant and the
// Start variables created. With selectors, requirement instances are
// guarded by selector variables (for diagnosis); without, their clauses
// are added plainly (for the main solve).
func NewEncoding(sc *model.Scenario, selectors bool) *Encoding {
	e := &Encoding{
		sc:         sc,
		selectors:  selectors,
		staffIndex: make(map[model.StaffID]int, len(sc.Staff)),
		shiftIndex: make(map[model.ShiftID]int, len(sc.Shifts)),
		selReq:     map[Lit]constraints.Req{},
		amo:        map[startDay]bool{},
	}
	e.tru = e.NewVar()
	e.clause(e.tru)
	for i, s := range sc.Shifts {
		e.shiftIndex[s.ID] = i
		var offs []int
		for _, d := range (model.Instance{Date: 0, Shift: s}).TouchedDays() {
			offs = append(offs, int(d))
		}
		e.touchOffsets = append(e.touchOffsets, offs)
	}
	ns := len(sc.Shifts)
	for i, p := range sc.Staff {
		e.staffIndex[p.ID] = i
		from := sc.KnownFrom(p)
		e.known = append(e.known, from)
		e.startBase = append(e.startBase, e.nvars+1)
		days := int(sc.Horizon.End-from) + 1
		if days > 0 {
			e.nvars += days * ns
		}
		e.touched = append(e.touched, nil)
	}
	return e
}

// sampleEncoding marks the context of EstimateSize's encoding of its sample.
type sampleEncoding struct{}

// Encode encodes every rule into a new encoding of sc (see NewEncoding).
func Encode(sc *model.Scenario, rules []constraints.Rule, selectors bool) *Encoding {
	e, _ := encodeCtx(context.Background(), sc, rules, selectors)
	return e
}

// EncodeContext is Encode under ctx: it stops when ctx is done (the
// encoding is then incomplete and the error is ctx's) and refuses an
// encoding whose estimated memory passes ctx's limit (WithMaxMemory) with
// a *MemoryError.
func EncodeContext(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, selectors bool) (*Encoding, error) {
	return encodeCtx(ctx, sc, rules, selectors)
}

// reserveStarts is the number of Start variables (people x days x shift
// types) from which encodeCtx reserves the clause list from the estimate.
const reserveStarts = 50_000

// checkEvery is the number of clauses between two checks of an
// encoding's context (a few milliseconds of encoding).
const checkEvery = 1 << 14

// errEncodeStopped is the panic value with which clause stops an encoding
// whose context is done.
var errEncodeStopped = errors.New("solver: encoding stopped: the time limit was reached or the run was cancelled")

// encodeCtx is Encode under ctx: when ctx is done before or during the
// encoding, it stops and returns the partial encoding, marked stopped,
// with ctx's error. Callers must not solve a stopped encoding; they
// answer Unknown. When ctx carries a memory limit (WithMaxMemory) and the
// encoding's estimate (EstimateSize) passes it, nothing is encoded: the
// encoding is returned stopped, with a *MemoryError, which callers return.
func encodeCtx(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, selectors bool) (e *Encoding, err error) {
	t0 := time.Now()
	e = NewEncoding(sc, selectors)
	defer func() {
		e.encodeTime = time.Since(t0)
		e.ctx = nil
		if r := recover(); r != nil {
			if r != errEncodeStopped {
				panic(r)
			}
			e.stopped = true
			err = ctx.Err()
		}
	}()
	if err := ctx.Err(); err != nil {
		e.stopped = true
		return e, err
	}
	h := sc.Horizon
	days := max(int(h.End-h.Start)+1, 0)
	limit := maxMemory(ctx)
	// EstimateSize encodes its sample with sampleEncoding set: estimating
	// that encoding again would recurse without end.
	estimate := ctx.Value(sampleEncoding{}) == nil
	if big := len(sc.Staff)*days*len(sc.Shifts) >= reserveStarts; estimate && (limit > 0 || big) {
		sz := EstimateSize(sc, rules)
		if limit > 0 && sz.Bytes > limit {
			e.stopped = true
			return e, &MemoryError{People: len(sc.Staff), Days: days, Clauses: sz.Clauses, Estimate: sz.Bytes, Limit: limit}
		}
		if big {
			// Reserve the clause list once: growing a list of hundreds of
			// megabytes copies it again and again (65% of the time of a
			// 2,000-staff encoding) and, on a loaded machine, made a
			// stop at the deadline take seconds.
			n := sz.Lits + sz.Clauses
			if selectors {
				n += sz.Clauses / 2 // the selector literals of root clauses
			}
			n += n/8 + 1024
			if limit <= 0 {
				// No guard: the estimate may be anything; reserve at
				// most 1 GiB and let the list grow past it.
				n = min(n, 1<<28)
			}
			e.clauses = make([]Lit, 0, n)
		}
	}
	if ctx.Done() != nil {
		e.ctx = ctx
	}
	for _, r := range rules {
		r.Encode(e)
	}
	return e, nil
}

// Stats returns the encoding's size and, when it was built by Encode, the
// time encoding took.
func (e *Encoding) Stats() Stats {
	return Stats{Vars: e.nvars, Clauses: e.nclauses, Encode: e.encodeTime}
}

// NumVars returns the number of variables.
func (e *Encoding) NumVars() int { return e.nvars }

// NumClauses returns the number of clauses.
func (e *Encoding) NumClauses() int { return e.nclauses }

// Clauses returns a copy of the clause list, one slice per clause.
func (e *Encoding) Clauses() [][]Lit {
	out := make([][]Lit, 0, e.nclauses)
	e.eachClause(func(c []Lit) {
		out = append(out, append([]Lit(nil), c...))
	})
	return out
}

// eachClause calls f on every clause in order; f must not keep c.
func (e *Encoding) eachClause(f func(c []Lit)) {
	start := 0
	for i, l := range e.clauses {
		if l == 0 {
			f(e.clauses[start:i])
			start = i + 1
		}
	}
}

// Scenario implements constraints.Encoder.
func (e *Encoding) Scenario() *model.Scenario { return e.sc }

// True implements constraints.Encoder.
func (e *Encoding) True() Lit { return e.tru }

// NewVar implements constraints.Encoder.
func (e *Encoding) NewVar() Lit {
	e.nvars++
	return Lit(e.nvars)
}

func (e *Encoding) person(p model.StaffID) int {
	i, ok := e.staffIndex[p]
	if !ok {
		panic(fmt.Sprintf("solver: unknown person %q", p))
	}
	return i
}

// Start implements constraints.Encoder.
func (e *Encoding) Start(p model.StaffID, d model.Date, s model.ShiftID) Lit {
	pi := e.person(p)
	si, ok := e.shiftIndex[s]
	if !ok {
		panic(fmt.Sprintf("solver: unknown shift type %q", s))
	}
	return e.start(pi, d, si)
}

func (e *Encoding) start(pi int, d model.Date, si int) Lit {
	from := e.known[pi]
	if d < from || d > e.sc.Horizon.End {
		return -e.tru
	}
	return Lit(e.startBase[pi] + int(d-from)*len(e.sc.Shifts) + si)
}

// startsAs returns, for every person pi and horizon date d for which at
// holds (nil: every one), the literals that set pi's Start variables on d
// as the roster r starts its shifts: the shift r starts true, the others
// false. They fix those days to r's as assumptions, units or a hint (the
// request explanations' neighbourhoods, the soft rolling windows' start).
func (e *Encoding) startsAs(r *model.Roster, at func(pi int, d model.Date) bool) []Lit {
	sc := e.sc
	var out []Lit
	for pi, p := range sc.Staff {
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			if at != nil && !at(pi, d) {
				continue
			}
			s, ok := r.Starts[p.ID][d]
			for si, st := range sc.Shifts {
				l := e.start(pi, d, si)
				if !ok || st.ID != s {
					l = -l
				}
				out = append(out, l)
			}
		}
	}
	return out
}

// startOf reports the person and date of a positive Start literal.
func (e *Encoding) startOf(l Lit) (startDay, bool) {
	if l <= 0 || len(e.startBase) == 0 || int(l) < e.startBase[0] {
		return startDay{}, false
	}
	v := int(l)
	pi := sort.Search(len(e.startBase), func(i int) bool { return e.startBase[i] > v }) - 1
	ns := len(e.sc.Shifts)
	off := v - e.startBase[pi]
	days := int(e.sc.Horizon.End-e.known[pi]) + 1
	if ns == 0 || off >= days*ns {
		return startDay{}, false
	}
	return startDay{pi, e.known[pi] + model.Date(off/ns)}, true
}

// Touched implements constraints.Encoder. The variable t is defined by
// t <-> OR of the Start literals of the instances touching c; when a single
// instance can touch c, its Start literal is returned, and when none can,
// false.
func (e *Encoding) Touched(p model.StaffID, c model.Date) Lit {
	pi := e.person(p)
	if c < e.known[pi] || c > e.sc.Horizon.End {
		return -e.tru
	}
	if l, ok := e.touched[pi][c]; ok {
		return l
	}
	var starts []Lit
	for si, offs := range e.touchOffsets {
		for _, off := range offs {
			if l := e.start(pi, c.Add(-off), si); l != -e.tru {
				starts = append(starts, l)
			}
		}
	}
	var t Lit
	switch len(starts) {
	case 0:
		t = -e.tru
	case 1:
		t = starts[0]
	default:
		t = e.NewVar()
		e.clause(append([]Lit{-t}, starts...)...)
		for _, s := range starts {
			e.clause(-s, t)
		}
	}
	if e.touched[pi] == nil {
		e.touched[pi] = map[model.Date]Lit{}
	}
	e.touched[pi][c] = t
	return t
}

// Begin implements constraints.Encoder.
func (e *Encoding) Begin(prov constraints.Provenance) constraints.Req {
	e.reqs = append(e.reqs, prov)
	e.sel = append(e.sel, 0)
	return constraints.Req(len(e.reqs))
}

// Provenance returns the provenance given to Begin for r.
func (e *Encoding) Provenance(r constraints.Req) constraints.Provenance {
	e.check(r)
	return e.reqs[r-1]
}

// Reqs returns the number of requirement instances begun.
func (e *Encoding) Reqs() int { return len(e.reqs) }

func (e *Encoding) check(r constraints.Req) {
	if r < 1 || int(r) > len(e.reqs) {
		panic(fmt.Sprintf("solver: requirement handle %d was not returned by Begin", r))
	}
}

// guard returns the literal that guards r's root clauses: ¬s in selector
// mode, 0 (none) otherwise.
func (e *Encoding) guard(r constraints.Req) Lit {
	e.check(r)
	if !e.selectors {
		return 0
	}
	s := e.sel[r-1]
	if s == 0 {
		s = e.NewVar()
		e.sel[r-1] = s
		e.selReq[s] = r
	}
	return -s
}

// Selector returns the selector literal of r in selector mode (0 when r
// has no root clause yet or in plain mode).
func (e *Encoding) Selector(r constraints.Req) Lit {
	e.check(r)
	return e.sel[r-1]
}

// Assumptions returns the selectors of every requirement instance that has
// root clauses, in Begin order. It is empty in plain mode.
func (e *Encoding) Assumptions() []Lit {
	var out []Lit
	for _, s := range e.sel {
		if s != 0 {
			out = append(out, s)
		}
	}
	return out
}

// Core maps failed assumptions (selector literals, as returned by gini's
// Why) to the provenance of their requirement instances, in Begin order,
// without duplicates. Literals that are not selectors are ignored.
func (e *Encoding) Core(failed []Lit) []constraints.Provenance {
	rs := e.CoreReqs(failed)
	out := make([]constraints.Provenance, len(rs))
	for i, r := range rs {
		out[i] = e.reqs[r-1]
	}
	return out
}

// CoreReqs is Core returning requirement handles instead of provenance.
func (e *Encoding) CoreReqs(failed []Lit) []constraints.Req {
	var rs []int
	seen := map[constraints.Req]bool{}
	for _, l := range failed {
		if r, ok := e.selReq[l]; ok && !seen[r] {
			seen[r] = true
			rs = append(rs, int(r))
		}
	}
	sort.Ints(rs)
	out := make([]constraints.Req, len(rs))
	for i, r := range rs {
		out[i] = constraints.Req(r)
	}
	return out
}

// clause adds a clause as given (no simplification). Internal callers only
// pass clean clauses.
func (e *Encoding) clause(lits ...Lit) {
	e.clauses = append(e.clauses, lits...)
	e.clauses = append(e.clauses, 0)
	e.nclauses++
	if e.ctx != nil && e.nclauses%checkEvery == 0 && e.ctx.Err() != nil {
		panic(errEncodeStopped)
	}
}

// rootClause adds a clause of r, guarded by r's selector: constants are
// removed (a clause with a true literal is dropped), duplicate literals
// merged, and tautologies dropped. An empty clause becomes {¬s} in
// selector mode and {false} in plain mode.
func (e *Encoding) rootClause(r constraints.Req, lits ...Lit) {
	e.check(r)
	c, ok := e.simplify(lits)
	if !ok {
		return
	}
	if g := e.guard(r); g != 0 {
		c = append(c, g)
	} else if len(c) == 0 {
		c = append(c, -e.tru)
	}
	e.clause(c...)
}

// simplify copies lits into e.scratch without false constants and
// duplicates; ok is false when the clause is satisfied (a true constant or
// a literal and its negation).
func (e *Encoding) simplify(lits []Lit) (c []Lit, ok bool) {
	c = e.scratch[:0]
outer:
	for _, l := range lits {
		switch {
		case l == 0:
			panic("solver: literal 0 in a clause")
		case l == e.tru:
			return nil, false
		case l == -e.tru:
			continue
		}
		for _, x := range c {
			if x == l {
				continue outer
			}
			if x == -l {
				return nil, false
			}
		}
		c = append(c, l)
	}
	e.scratch = c
	return c, true
}

// Require implements constraints.Encoder.
func (e *Encoding) Require(r constraints.Req, lits ...Lit) {
	e.rootClause(r, lits...)
}

// Define implements constraints.Encoder.
func (e *Encoding) Define(lits ...Lit) {
	c, ok := e.simplify(lits)
	if !ok {
		return
	}
	if len(c) == 0 {
		c = append(c, -e.tru)
	}
	e.clause(c...)
}
