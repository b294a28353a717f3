package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// periods returns the fixed periods of the bound, in order (before
// intersecting them with a person's known days).
func (b *SumBound) periods(sc *model.Scenario) []model.DateRange {
	h := sc.Horizon
	var out []model.DateRange
	switch b.Per {
	case PerDay:
		for d := h.Start; d <= h.End; d++ {
			out = append(out, model.DateRange{Start: d, End: d})
		}
	case PerWeek, PerBlock:
		n, anchor := b.BlockDays, b.Anchor
		if n < 1 {
			n, anchor = 7, sc.WeekAnchor()
		}
		out = append(out, model.FixedBlocks(h.Start, h.End, anchor, n)...)
	case PerRange:
		out = append(out, b.Range)
	default: // PerHorizon
		out = append(out, h)
	}
	return out
}

// Encode implements Rule: per person concerned and fixed period, the work
// minutes (or starts) of the shifts starting on the known days of the period
// are at most Limit; a minimum applies only to periods wholly inside the
// person's known days. PerHorizon sums the horizon only.
func (b *SumBound) Encode(e Encoder) {
	sc := e.Scenario()
	f := e.True().Not()
	unit := "days"
	switch {
	case b.Hours:
		unit = "minutes"
	case b.Shift != "":
		unit = "shifts"
	}
	for _, p := range sc.Staff {
		if (b.Staff != "" && p.ID != b.Staff) || (b.MinorsOnly && !p.Minor) {
			continue
		}
		known := knownRange(sc, p)
		for _, per := range b.periods(sc) {
			part := intersect(per, known)
			if b.Per == PerHorizon {
				part = intersect(per, sc.Horizon)
			}
			if part.Days() == 0 {
				continue
			}
			whole := part == per
			if !b.Max && (!whole || b.Limit <= 0) {
				continue
			}
			var terms []Term
			var lits []Lit
			total := 0
			for d := part.Start; d <= part.End; d++ {
				for _, s := range sc.Shifts {
					if b.Shift != "" && s.ID != b.Shift {
						continue
					}
					l := e.Start(p.ID, d, s.ID)
					if l == f {
						continue
					}
					w := 1
					if b.Hours {
						w = s.WorkMinutes()
					}
					if w <= 0 {
						continue
					}
					terms = append(terms, Term{Lit: l, Weight: w})
					lits = append(lits, l)
					total += w
				}
			}
			if b.Max && total <= b.Limit {
				continue
			}
			req := e.Begin(Provenance{Kind: b.Kind(), Rule: b.Name(), Staff: p.ID, From: per.Start, To: per.End,
				Shift: b.Shift, Limit: b.Limit, Unit: unit, Detail: b.detail(per, part),
				Citation: b.Citation(), Pos: b.Pos})
			switch {
			case b.Max && b.Hours:
				e.WeightedAtMost(req, terms, b.Limit)
			case b.Max:
				e.AtMost(req, lits, b.Limit)
			case b.Hours:
				e.WeightedAtLeast(req, terms, b.Limit)
			default:
				e.AtLeast(req, lits, b.Limit)
			}
		}
	}
}

// detail describes one period's bound.
func (b *SumBound) detail(per, part model.DateRange) string {
	bound := "at most"
	if !b.Max {
		bound = "at least"
	}
	what := plural(b.Limit, "work day")
	if b.Hours {
		what = fmtDuration(b.Limit) + " of work"
	}
	if b.Shift != "" {
		what = plural(b.Limit, "shift") + " of type " + string(b.Shift)
	}
	where := map[Period]string{PerDay: "per day", PerWeek: "per fixed week", PerBlock: fmt.Sprintf("per fixed %d-day block", b.BlockDays),
		PerHorizon: "in the horizon", PerRange: fmt.Sprintf("in %s..%s", b.Range.Start, b.Range.End)}[b.Per]
	if where == "" {
		where = "in the horizon"
	}
	s := fmt.Sprintf("%s %s %s", bound, what, where)
	if part != per {
		s += fmt.Sprintf(" (known part %s..%s)", part.Start, part.End)
	}
	return s
}
