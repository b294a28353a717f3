package nrp

import (
	"fmt"

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
	in     *Instance
}

// Encode encodes the instance: one variable per employee, day and
// allowed shift type; every hard constraint of the benchmark as clauses
// and cardinality constraints; and the objective as penalties. The
// constraints are encoded from the README's text (see doc.go), apart from
// Evaluate, which reads the same text independently.
func Encode(in *Instance) *Model {
	e := solver.NewCNF()
	m := &Model{Enc: e, in: in}
	no := -e.True()
	hard := func(kind string, staff int) constraints.Req {
		p := constraints.Provenance{Kind: kind, Rule: "nrp"}
		if staff >= 0 {
			p.Detail = in.Staff[staff].ID
		}
		return e.Begin(p)
	}
	ns := len(in.Shifts)

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

		// Cannot follow (nothing to say across the horizon's edges).
		r = hard("cannot_follow", ei)
		for d := 0; d+1 < in.Days; d++ {
			for s, sh := range in.Shifts {
				for _, t := range sh.CannotFollow {
					e.Require(r, -x[d][s], -x[d+1][t])
				}
			}
		}

		// Max shifts per type.
		for s := range in.Shifts {
			if emp.MaxShifts[s] >= in.Days {
				continue
			}
			var xs []Lit
			for d := 0; d < in.Days; d++ {
				xs = append(xs, x[d][s])
			}
			e.AtMost(hard("max_shifts", ei), xs, emp.MaxShifts[s])
		}

		// Total minutes: per day and distinct shift length v, a literal
		// "works a shift of length v" (the disjunction of its X, or the
		// work literal when every allowed type has length v), weighted v.
		var terms []constraints.Term
		for d := 0; d < in.Days; d++ {
			byLen := map[int][]Lit{}
			var lens []int
			for s, sh := range in.Shifts {
				if x[d][s] == no || sh.Minutes == 0 {
					continue
				}
				if _, ok := byLen[sh.Minutes]; !ok {
					lens = append(lens, sh.Minutes)
				}
				byLen[sh.Minutes] = append(byLen[sh.Minutes], x[d][s])
			}
			for _, v := range lens {
				xs := byLen[v]
				var l Lit
				switch {
				case len(lens) == 1:
					l = work[d]
				case len(xs) == 1:
					l = xs[0]
				default:
					l = e.NewVar()
					e.Define(append([]Lit{-l}, xs...)...)
					for _, y := range xs {
						e.Define(-y, l)
					}
				}
				terms = append(terms, constraints.Term{Lit: l, Weight: v})
			}
		}
		e.WeightedAtMost(hard("max_minutes", ei), terms, emp.MaxTotalMinutes)
		e.WeightedAtLeast(hard("min_minutes", ei), terms, emp.MinTotalMinutes)

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
		minRun("min_consecutive_shifts", emp.MinConsecutiveShifts, func(d int) Lit { return work[d] })
		minRun("min_consecutive_days_off", emp.MinConsecutiveDaysOff, func(d int) Lit { return -work[d] })

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
	}

	// Objective.
	for _, q := range in.OnRequests {
		e.Penalize(constraints.Provenance{Kind: "shift_on_request", Detail: in.Staff[q.Staff].ID},
			-m.X[q.Staff][q.Day][q.Shift], q.Weight)
	}
	for _, q := range in.OffRequests {
		e.Penalize(constraints.Provenance{Kind: "shift_off_request", Detail: in.Staff[q.Staff].ID},
			m.X[q.Staff][q.Day][q.Shift], q.Weight)
	}
	// Cover: with assigned = the number of X of the cell and shortage =
	// max(0, req - assigned), the cell costs
	//   under*shortage + over*max(0, assigned - req)
	//   = over*assigned - over*req + (under+over)*shortage.
	// So each X of the cell weighs over, each unit of shortage under+over,
	// and over*req is a constant subtracted from the optimiser's cost
	// (Model.Offset). Shortage unit j is "assigned <= req - j", the
	// negation of the exact output "assigned >= req-j+1" of a two-sided
	// totalizer truncated at req: every penalty literal is then exactly
	// defined, so the cost of any model is the roster's cost.
	for _, c := range in.Cover {
		var xs []Lit
		for ei := range in.Staff {
			if l := m.X[ei][c.Day][c.Shift]; l != no {
				xs = append(xs, l)
			}
		}
		prov := constraints.Provenance{Kind: "cover", Detail: fmt.Sprintf("day %d shift %s", c.Day, in.Shifts[c.Shift].ID)}
		for _, l := range xs {
			e.Penalize(prov, l, c.Over)
		}
		m.Offset += int64(c.Over) * int64(c.Requirement)
		atLeast := exactCounter(e, xs, c.Requirement)
		for j := 1; j <= c.Requirement; j++ {
			k := c.Requirement - j + 1 // shortage >= j <=> assigned < k
			if k > len(xs) {
				e.Penalize(prov, e.True(), c.Under+c.Over)
			} else {
				e.Penalize(prov, -atLeast[k-1], c.Under+c.Over)
			}
		}
	}
	return m
}

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

// exactCounter returns the outputs o[0..c-1], c = min(cap, len(xs)), of a
// two-sided totalizer over xs truncated at cap: o[k-1] is true exactly
// when at least k of xs are true. Its clauses are definitions (Define).
func exactCounter(e *solver.Encoding, xs []Lit, cap int) []Lit {
	if cap <= 0 || len(xs) == 0 {
		return nil
	}
	if len(xs) == 1 {
		return xs[:1:1]
	}
	h := len(xs) / 2
	a, b := exactCounter(e, xs[:h], cap), exactCounter(e, xs[h:], cap)
	c := min(len(a)+len(b), cap)
	o := make([]Lit, c)
	for i := range o {
		o[i] = e.NewVar()
	}
	for i := 0; i <= len(a); i++ {
		for k := 0; k <= len(b); k++ {
			// Down: a >= i and b >= k force o >= i+k.
			if t := i + k; t >= 1 && t <= c {
				cl := []Lit{o[t-1]}
				if i > 0 {
					cl = append(cl, -a[i-1])
				}
				if k > 0 {
					cl = append(cl, -b[k-1])
				}
				e.Define(cl...)
			}
			// Up: a < i+1 and b < k+1 forbid o >= i+k+1.
			if t := i + k + 1; t <= c {
				cl := []Lit{-o[t-1]}
				if i < len(a) {
					cl = append(cl, a[i])
				}
				if k < len(b) {
					cl = append(cl, b[k])
				}
				e.Define(cl...)
			}
		}
	}
	return o
}
