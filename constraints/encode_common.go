package constraints

import (
	"fmt"
	"sort"

	"github.com/shiftsat/shiftsat/model"
)

// This file holds the helpers shared by the encodings (encode_*.go): the
// possible shift instances of a person, day status literals, and the
// "free gap" auxiliary variables of the continuous-rest rules. They are
// about the encoding only; Check shares none of them.

// encInst is a possible shift instance of one person: its start literal and
// its time span.
type encInst struct {
	date       model.Date
	shift      *model.ShiftType
	lit        Lit
	start, end model.Minute
}

// personInsts is the list of a person's possible instances over their known
// days, sorted by start, with a bound on the span for range searches.
type personInsts struct {
	p       *model.Staff
	list    []encInst
	maxSpan model.Minute
}

// instancesOf returns the possible instances of p: every shift type on every
// known day of p whose start literal is not the constant false.
func instancesOf(e Encoder, p *model.Staff) *personInsts {
	sc := e.Scenario()
	f := e.True().Not()
	pi := &personInsts{p: p}
	for d := sc.KnownFrom(p); d <= sc.Horizon.End; d++ {
		for _, s := range sc.Shifts {
			l := e.Start(p.ID, d, s.ID)
			if l == f {
				continue
			}
			st, en := s.Interval(d)
			pi.list = append(pi.list, encInst{date: d, shift: s, lit: l, start: st, end: en})
			if en-st > pi.maxSpan {
				pi.maxSpan = en - st
			}
		}
	}
	sort.SliceStable(pi.list, func(i, j int) bool { return pi.list[i].start < pi.list[j].start })
	return pi
}

// overlapping returns the indices of the instances whose open span
// intersects the open interval (from, to).
func (pi *personInsts) overlapping(from, to model.Minute) []int {
	lo := sort.Search(len(pi.list), func(i int) bool { return pi.list[i].start > from-pi.maxSpan })
	var out []int
	for i := lo; i < len(pi.list) && pi.list[i].start < to; i++ {
		if pi.list[i].end > from {
			out = append(out, i)
		}
	}
	return out
}

// touching returns the start literals of the instances touching day c.
func (pi *personInsts) touching(c model.Date) []encInst {
	var out []encInst
	for _, i := range pi.overlapping(c.Start(), c.Add(1).Start()) {
		out = append(out, pi.list[i])
	}
	return out
}

// gapKey identifies a candidate continuous rest of one person.
type gapKey struct {
	p   model.StaffID
	at  model.Minute
	len int
}

// freeGaps hands out, once per (person, start, length), a literal f with
// f -> no instance overlaps (start, start+length). It is shared by every
// window of a rule, so sliding windows reuse the same variables.
type freeGaps struct {
	e Encoder
	m map[gapKey]Lit
}

func newFreeGaps(e Encoder) *freeGaps { return &freeGaps{e: e, m: map[gapKey]Lit{}} }

// lit returns the free-gap literal of p's gap (at, at+length).
func (fg *freeGaps) lit(pi *personInsts, at model.Minute, length int) Lit {
	k := gapKey{pi.p.ID, at, length}
	if l, ok := fg.m[k]; ok {
		return l
	}
	over := pi.overlapping(at, at+model.Minute(length))
	l := fg.e.True()
	if len(over) > 0 {
		l = fg.e.NewVar()
		for _, i := range over {
			fg.e.Define(l.Not(), pi.list[i].lit.Not())
		}
	}
	fg.m[k] = l
	return l
}

// clauseOrFalse returns lits, or the constant false alone when lits is
// empty, so that an empty clause is written as an unsatisfiable one.
func clauseOrFalse(e Encoder, lits []Lit) []Lit {
	if len(lits) == 0 {
		return []Lit{e.True().Not()}
	}
	return lits
}

// hasTrue reports whether lits holds the constant true (a satisfied clause).
func hasTrue(e Encoder, lits []Lit) bool {
	t := e.True()
	for _, l := range lits {
		if l == t {
			return true
		}
	}
	return false
}

// knownRange returns p's known days: KnownFrom(p) .. horizon end.
func knownRange(sc *model.Scenario, p *model.Staff) model.DateRange {
	return model.DateRange{Start: sc.KnownFrom(p), End: sc.Horizon.End}
}

// intersect returns the intersection of two date ranges (possibly empty).
func intersect(a, b model.DateRange) model.DateRange {
	r := a
	if b.Start > r.Start {
		r.Start = b.Start
	}
	if b.End < r.End {
		r.End = b.End
	}
	return r
}

// plural returns "n unit" with an s for n != 1.
func plural(n int, unit string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
