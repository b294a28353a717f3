package nrp

import (
	"context"
	"fmt"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/solver"
)

// Lit is a literal of the encoding.
type Lit = constraints.Lit

// Model is an instance encoded as CNF with penalties.
type Model struct {
	// Enc holds the hard clauses and the penalties (the objective).
	Enc *solver.Encoding
	// X[e][d][s] is "employee e works shift type s on day d" (the
	// constant false when the instance forbids it).
	X [][][]Lit
	// Offset is subtracted from the cost of the encoding's penalties to
	// give the benchmark's objective (see the cover penalties in Encode).
	Offset int64
	// Sizes is the number of clauses each part of the encoding added
	// (keys: one_shift, cannot_follow, max_shifts, minutes, runs,
	// weekends, cover), for measuring the encoding.
	Sizes map[string]int
	in    *Instance
	last  int // clauses counted so far (count)
}

// count adds the clauses made since the last call to Sizes[part].
func (m *Model) count(part string) {
	n := m.Enc.NumClauses()
	m.Sizes[part] += n - m.last
	m.last = n
}

// Encode encodes the instance: one variable per employee, day and
// allowed shift type; every hard constraint of the benchmark as clauses
// and cardinality constraints; and the objective as penalties. The
// constraints are encoded from the README's text (see doc.go), apart from
// Evaluate, which reads the same text independently.
func Encode(in *Instance) *Model {
	m, _ := EncodeContext(context.Background(), in)
	return m
}

// EncodeContext is Encode, stopped early with ctx's error (and a nil
// model) when ctx is done; it checks ctx after each employee and each
// hundred cover requirements.
func EncodeContext(ctx context.Context, in *Instance) (*Model, error) {
	return encode(ctx, in, nil)
}

// encode is EncodeContext with the redundant capacity constraints of
// caps (see capacity; none when caps is empty).
func encode(ctx context.Context, in *Instance, caps []capSet) (*Model, error) {
	e := solver.NewCNF()
	m := &Model{Enc: e, in: in, Sizes: map[string]int{}}
	m.last = e.NumClauses()
	no := -e.True()
	hard := func(kind string, staff int) constraints.Req {
		p := constraints.Provenance{Kind: kind, Rule: "nrp"}
		if staff >= 0 {
			p.Detail = in.Staff[staff].ID
		}
		return e.Begin(p)
	}
	ns := len(in.Shifts)
	countBudget, minutesBudget := budgets(len(in.Staff))
	// The bounds per type are rarely tight: a smaller budget for them.
	typeBudget := max(totalizerBudget, 30000/len(in.Staff))

	m.X = make([][][]Lit, len(in.Staff))
	for ei, emp := range in.Staff {
		off := make([]bool, in.Days)
		for _, d := range emp.DaysOff {
			off[d] = true
		}
		m.X[ei] = make([][]Lit, in.Days)
		for d := 0; d < in.Days; d++ {
			m.X[ei][d] = make([]Lit, ns)
			for s := range in.Shifts {
				if off[d] || emp.MaxShifts[s] == 0 {
					m.X[ei][d][s] = no
				} else {
					m.X[ei][d][s] = e.NewVar()
				}
			}
		}
	}

	for ei, emp := range in.Staff {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		x := m.X[ei]
		// work[d] <-> some shift on day d.
		work := make([]Lit, in.Days)
		r := hard("one_shift", ei)
		for d := 0; d < in.Days; d++ {
			var xs []Lit
			for _, l := range x[d] {
				if l != no {
					xs = append(xs, l)
				}
			}
			e.AtMost(r, xs, 1)
			m.count("one_shift")
			switch len(xs) {
			case 0:
				work[d] = no
			case 1:
				work[d] = xs[0]
			default:
				w := e.NewVar()
				e.Define(append([]Lit{-w}, xs...)...)
				for _, l := range xs {
					e.Define(-l, w)
				}
				work[d] = w
			}
		}

		// Cannot follow (nothing to say across the horizon's edges). The
		// shifts of day d with the same list share one literal "some shift
		// of the list on day d+1" when that is smaller than the pairs.
		r = hard("cannot_follow", ei)
		for d := 0; d+1 < in.Days; d++ {
			var keys []string
			groups := map[string][]int{}
			for s, sh := range in.Shifts {
				if x[d][s] == no || len(sh.CannotFollow) == 0 {
					continue
				}
				k := fmt.Sprint(sh.CannotFollow)
				if _, ok := groups[k]; !ok {
					keys = append(keys, k)
				}
				groups[k] = append(groups[k], s)
			}
			for _, k := range keys {
				ss := groups[k]
				var ts []Lit
				for _, t := range in.Shifts[ss[0]].CannotFollow {
					if x[d+1][t] != no {
						ts = append(ts, x[d+1][t])
					}
				}
				if len(ss)*len(ts) <= len(ss)+len(ts)+1 {
					for _, s := range ss {
						for _, t := range ts {
							e.Require(r, -x[d][s], -t)
						}
					}
					continue
				}
				y := e.NewVar()
				for _, t := range ts {
					e.Define(-t, y)
				}
				for _, s := range ss {
					e.Require(r, -x[d][s], -y)
				}
			}
		}
		m.count("cannot_follow")

		// Max shifts per type; a bound no roster can reach (at least the
		// days available, or the most days the maximum total minutes
		// allow at the shortest length) is left out.
		most := maxWorkDays(in, ei)
		for s := range in.Shifts {
			if emp.MaxShifts[s] >= most {
				continue
			}
			var xs []Lit
			for d := 0; d < in.Days; d++ {
				xs = append(xs, x[d][s])
			}
			atMostCount(e, hard("max_shifts", ei), xs, emp.MaxShifts[s], min(countBudget, typeBudget))
		}
		m.count("max_shifts")

		encodeMinutes(e, in, ei, x, work, hard("max_minutes", ei), hard("min_minutes", ei), minutesBudget, countBudget)
		m.count("minutes")

		// Max consecutive shifts: no window of max+1 worked days.
		if k := emp.MaxConsecutiveShifts; k < in.Days {
			r = hard("max_consecutive_shifts", ei)
			for d := 0; d+k < in.Days; d++ {
				c := make([]Lit, 0, k+1)
				for i := d; i <= d+k; i++ {
					c = append(c, -work[i])
				}
				e.Require(r, c...)
			}
		}

		// Min consecutive shifts and days off, on runs that touch neither
		// day 0 nor the last day: a run of length L < min starting at d
		// (1 <= d, d+L <= Days-1) bounded by the opposite on both sides
		// is forbidden.
		minRun := func(kind string, min int, on func(d int) Lit) {
			r := hard(kind, ei)
			for L := 1; L < min; L++ {
				for d := 1; d+L <= in.Days-1; d++ {
					// Forbid: off at d-1, on at d..d+L-1, off at d+L.
					c := []Lit{on(d - 1), on(d + L)}
					for i := d; i < d+L; i++ {
						c = append(c, -on(i))
					}
					e.Require(r, c...)
				}
			}
		}
		m.count("runs")
		minRun("min_consecutive_shifts", emp.MinConsecutiveShifts, func(d int) Lit { return work[d] })
		minRun("min_consecutive_days_off", emp.MinConsecutiveDaysOff, func(d int) Lit { return -work[d] })

		m.count("runs")

		// Max weekends.
		var weekends []Lit
		for k := 0; 7*k+6 < in.Days; k++ {
			sat, sun := work[7*k+5], work[7*k+6]
			switch {
			case sat == no:
				weekends = append(weekends, sun)
			case sun == no:
				weekends = append(weekends, sat)
			default:
				w := e.NewVar()
				e.Define(-w, sat, sun)
				e.Define(-sat, w)
				e.Define(-sun, w)
				weekends = append(weekends, w)
			}
		}
		e.AtMost(hard("max_weekends", ei), weekends, emp.MaxWeekends)
		m.count("weekends")
	}

	capped, err := m.objective(ctx)
	if err != nil {
		return nil, err
	}
	if len(caps) > 0 {
		m.capacity(caps, capped)
		m.count("capacity")
	}
	return m, nil
}

// objective adds the penalties of the benchmark's objective over m.X: the
// requests and the cover (recording the cover counters in m.atLeast). It
// returns, per cover row, its "at least j" outputs for j up to the
// requirement (for the capacity constraints).
func (m *Model) objective(ctx context.Context) ([][]Lit, error) {
	in, e := m.in, m.Enc
	no := -e.True()
	for _, q := range in.OnRequests {
		e.Penalize(constraints.Provenance{Kind: "shift_on_request", Detail: in.Staff[q.Staff].ID},
			-m.X[q.Staff][q.Day][q.Shift], q.Weight)
	}
	for _, q := range in.OffRequests {
		e.Penalize(constraints.Provenance{Kind: "shift_off_request", Detail: in.Staff[q.Staff].ID},
			m.X[q.Staff][q.Day][q.Shift], q.Weight)
	}
	// Cover, the natural way: per cell, a two-sided totalizer over the
	// staff who may work it, whose outputs o_j <-> (assigned >= j) are
	// defined in both directions; each missing person is a penalty on
	// not o_j (j <= req) of the under weight, each extra person one on o_j
	// (j > req) of the over weight. The cost of any model is then exactly
	// the roster's cover cost, and core-guided search finds cores about
	// real shortages. A cell with so many candidates that the full
	// counter would be large (never on Instances 1-20) is encoded as
	//   under*shortage + over*max(0, assigned - req)
	//   = over*assigned - over*req + (under+over)*shortage:
	// each X of the cell weighs over, each unit of shortage under+over
	// (the counter is truncated at req), and over*req is a constant
	// subtracted from the optimiser's cost (Model.Offset).
	var capped [][]Lit // per cover row: its "at least j" outputs, j <= req
	for ci, c := range in.Cover {
		if ci%100 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var xs []Lit
		for ei := range in.Staff {
			if l := m.X[ei][c.Day][c.Shift]; l != no {
				xs = append(xs, l)
			}
		}
		prov := constraints.Provenance{Kind: "cover", Detail: fmt.Sprintf("day %d shift %s", c.Day, in.Shifts[c.Shift].ID)}
		if c.Over == 0 || twoSidedCost(len(xs), len(xs)) <= coverBudget {
			atLeast := e.Counter(xs, len(xs))
			capped = append(capped, atLeast[:min(c.Requirement, len(atLeast))])
			for j := 1; j <= len(xs) || j <= c.Requirement; j++ {
				switch {
				case j <= c.Requirement && j > len(xs):
					e.Penalize(prov, e.True(), c.Under)
				case j <= c.Requirement:
					e.Penalize(prov, -atLeast[j-1], c.Under)
				default:
					e.Penalize(prov, atLeast[j-1], c.Over)
				}
			}
			continue
		}
		for _, l := range xs {
			e.Penalize(prov, l, c.Over)
		}
		m.Offset += int64(c.Over) * int64(c.Requirement)
		atLeast := e.Counter(xs, c.Requirement)
		capped = append(capped, atLeast)
		for j := 1; j <= c.Requirement; j++ {
			k := c.Requirement - j + 1 // shortage >= j <=> assigned < k
			if k > len(xs) {
				e.Penalize(prov, e.True(), c.Under+c.Over)
			} else {
				e.Penalize(prov, -atLeast[k-1], c.Under+c.Over)
			}
		}
	}
	m.count("cover")
	return capped, nil
}

// coverBudget is the largest estimated size (clauses) of a cover cell's
// full two-sided counter; larger cells use the counter truncated at the
// requirement with an offset (see encode).
const coverBudget = 20000

// Roster reads the roster of a solution: value reports each literal's value.
func (m *Model) Roster(value func(Lit) bool) Roster {
	r := NewRoster(m.in)
	for ei := range m.X {
		for d := range m.X[ei] {
			for s, l := range m.X[ei][d] {
				if value(l) {
					r[ei][d] = s
					break
				}
			}
		}
	}
	return r
}

// capSet is a set of cells (day, shift type) with, per employee, a bound
// on the cells of the set they can work.
type capSet struct {
	name string
	// in reports whether a cell is in the set (nil: every cell).
	in func(d, s int) bool
	// bound[e] is a bound on the cells of the set employee e can work.
	bound []int
}

// capacities returns the capacity sets of the instance: all cells, each
// shift type, the weekend days (Saturdays and Sundays), each shift type
// on weekend days, and each day. The bounds of the first four are proved
// per employee by maxDays (each optimisation bounded by each, all of them
// until stop, when not zero) where they can be, and are otherwise the
// simple bounds (maxWorkDays, MaxShifts, twice MaxWeekends); a day's
// bound is 1 for an employee who may work some shift that day.
func capacities(ctx context.Context, in *Instance, each time.Duration, stop time.Time) []capSet {
	weekend := func(d int) bool { return d%7 >= 5 }
	var caps []capSet
	add := func(name string, wk bool, s int) {
		c := capSet{name: name, bound: make([]int, len(in.Staff))}
		switch {
		case wk && s >= 0:
			c.in = func(d, t int) bool { return weekend(d) && t == s }
		case wk:
			c.in = func(d, _ int) bool { return weekend(d) }
		case s >= 0:
			c.in = func(_, t int) bool { return t == s }
		}
		for ei, emp := range in.Staff {
			b := maxWorkDays(in, ei)
			if wk {
				b = min(b, 2*max(emp.MaxWeekends, 0))
			}
			if s >= 0 {
				b = min(b, emp.MaxShifts[s])
			}
			c.bound[ei] = max(b, 0)
		}
		if stop.IsZero() || time.Now().Before(stop) {
			sctx, cancel := ctx, context.CancelFunc(func() {})
			if !stop.IsZero() {
				sctx, cancel = context.WithDeadline(ctx, stop)
			}
			for ei, p := range maxDays(sctx, in, each, c.in) {
				if p > 0 {
					c.bound[ei] = min(c.bound[ei], p)
				}
			}
			cancel()
		}
		caps = append(caps, c)
	}
	add("all", false, -1)
	add("weekends", true, -1)
	for s, sh := range in.Shifts {
		add("shift "+sh.ID, false, s)
		add("weekend shift "+sh.ID, true, s)
	}
	for d := 0; d < in.Days; d++ {
		c := capSet{name: fmt.Sprintf("day %d", d), bound: make([]int, len(in.Staff))}
		c.in = func(e, _ int) bool { return e == d }
		off := map[int]bool{}
		for ei, emp := range in.Staff {
			clear(off)
			for _, x := range emp.DaysOff {
				off[x] = true
			}
			if off[d] {
				continue
			}
			for _, m := range emp.MaxShifts {
				if m > 0 {
					c.bound[ei] = 1
					break
				}
			}
		}
		caps = append(caps, c)
	}
	return caps
}

// capacity adds redundant constraints that let the core-guided search
// find cover shortages forced by counting (a pigeonhole argument, which
// resolution alone finds slowly): for each set of caps, the "at least j
// assigned" literals of the cover rows in the set (capped[i] for row i)
// number at most the sum over employees of their bounds on the set.
func (m *Model) capacity(caps []capSet, capped [][]Lit) {
	in, e := m.in, m.Enc
	for _, c := range caps {
		var lits []Lit
		for i, row := range in.Cover {
			if c.in == nil || c.in(row.Day, row.Shift) {
				lits = append(lits, capped[i]...)
			}
		}
		t := 0
		for _, b := range c.bound {
			t += b
		}
		atMostCount(e, e.Begin(constraints.Provenance{Kind: "capacity", Rule: "nrp", Detail: c.name}), lits, t, totalizerBudget)
	}
}
