package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// Encode implements Rule: one clause per person and window of Max+1 known
// days (or b.Max+1 days inside busy period b) asking for a REST day in it.
// A leave day is a constant non-rest day and contributes no literal.
func (r *MaxConsecutiveDays) Encode(e Encoder) {
	sc := e.Scenario()
	for _, p := range sc.Staff {
		known := knownRange(sc, p)
		window := func(from model.Date, max int, pos model.Pos, detail string) {
			to := from.Add(max)
			var lits []Lit
			for c := from; c <= to; c++ {
				if p.IsLeave(c) {
					continue
				}
				lits = append(lits, e.Touched(p.ID, c).Not())
			}
			if hasTrue(e, lits) {
				return
			}
			req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: from, To: to,
				Limit: max, Unit: "days", Detail: detail, Citation: r.Citation(), Pos: pos})
			e.Require(req, clauseOrFalse(e, lits)...)
		}
		normal := fmt.Sprintf("at most %s in a row without a rest day", plural(r.Max, "consecutive work day"))
		for w := known.Start; w.Add(r.Max) <= known.End; w++ {
			if w.Add(r.Max) < sc.Horizon.Start {
				continue // wholly in the history: a fact, not judged
			}
			if r.outsideBusy(w, w.Add(r.Max)) {
				window(w, r.Max, r.Pos, normal)
			}
		}
		for _, b := range r.Busy {
			pos := b.Pos
			if pos == (model.Pos{}) {
				pos = r.Pos
			}
			in := intersect(b.Range, known)
			detail := fmt.Sprintf("at most %s in a row inside the busy period %s..%s",
				plural(b.Max, "consecutive work day"), b.Range.Start, b.Range.End)
			for w := in.Start; w.Add(b.Max) <= in.End; w++ {
				if w.Add(b.Max) < sc.Horizon.Start {
					continue
				}
				window(w, b.Max, pos, detail)
			}
		}
	}
}

// outsideBusy reports whether some day of from..to lies outside every busy period.
func (r *MaxConsecutiveDays) outsideBusy(from, to model.Date) bool {
	for c := from; c <= to; c++ {
		in := false
		for _, b := range r.Busy {
			if b.Range.Contains(c) {
				in = true
				break
			}
		}
		if !in {
			return true
		}
	}
	return false
}

// Encode implements Rule: per person and fixed block intersecting the
// person's known days, at least max(0, quota - unknown days) REST days among
// the known days of the block, as "at most known - need non-rest days".
func (r *Holidays) Encode(e Encoder) {
	sc := e.Scenario()
	n := r.BlockDays
	for _, p := range sc.Staff {
		quota := r.RestDays - r.HolidayWork
		if p.Minor {
			quota = r.RestDays
		}
		known := knownRange(sc, p)
		for _, block := range model.FixedBlocks(known.Start, known.End, r.Anchor, n) {
			if block.End < sc.Horizon.Start {
				continue // wholly in the history: a fact, not judged
			}
			part := intersect(block, known)
			unknown := n - part.Days()
			need := quota - unknown
			if need <= 0 {
				continue
			}
			var lits []Lit
			leave := 0
			for c := part.Start; c <= part.End; c++ {
				if p.IsLeave(c) {
					leave++
					continue
				}
				lits = append(lits, e.Touched(p.ID, c))
			}
			k := part.Days() - need - leave
			detail := fmt.Sprintf("at least %s in the fixed %d-day block", plural(need, "rest day"), n)
			if unknown > 0 {
				detail += fmt.Sprintf(" (only %d of its days known; quota %d)", part.Days(), quota)
			}
			req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: block.Start, To: block.End,
				Limit: need, Unit: "rest days", Detail: detail, Citation: r.Citation(), Pos: r.Pos})
			if k < 0 {
				e.Require(req, e.True().Not())
				continue
			}
			e.AtMost(req, lits, k)
		}
	}
}
