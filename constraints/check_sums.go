package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// Check of the sum bounds: max_hours, min_hours, max_days, min_days
// (RULES.md 2.5), the personal limits and the sums of variable_year and of
// minors.

// Check implements Rule. For each person it applies to (Staff, if set; only
// minors if MinorsOnly), and each fixed period meeting the horizon, the sum
// over the instances starting in the period (history included, except for
// PerHorizon) of their work minutes (Hours) or of 1 (shifts), counting only
// shift type Shift if set, must be <= Limit (Max) or >= Limit (a minimum,
// judged only for periods wholly inside the person's known days).
func (b *SumBound) Check(r *model.Roster) []Violation {
	sc := r.Scenario
	periods := b.checkPeriods(sc)
	var out []Violation
	for _, p := range sc.Staff {
		if (b.Staff != "" && p.ID != b.Staff) || (b.MinorsOnly && !p.Minor) {
			continue
		}
		from := sc.KnownFrom(p)
		// The sum of each start date.
		perDate := map[model.Date]int{}
		for _, in := range r.Instances(p.ID) {
			if b.Per == PerHorizon && in.History {
				continue
			}
			if b.Shift != "" && in.Shift.ID != b.Shift {
				continue
			}
			if b.Hours {
				perDate[in.Date] += in.WorkMinutes() // actual minutes for a timesheet
			} else {
				perDate[in.Date]++
			}
		}
		for _, pr := range periods {
			if !b.Max && (pr.Start < from || pr.End > sc.Horizon.End) {
				continue // a minimum is judged only on wholly known periods
			}
			sum := 0
			for d := pr.Start; d <= pr.End; d++ {
				sum += perDate[d]
			}
			if (b.Max && sum <= b.Limit) || (!b.Max && sum >= b.Limit) {
				continue
			}
			out = append(out, b.checkViolation(p, pr, sum))
		}
	}
	return out
}

// checkPeriods returns the fixed periods of b that meet the horizon.
func (b *SumBound) checkPeriods(sc *model.Scenario) []model.DateRange {
	h := sc.Horizon
	var out []model.DateRange
	switch b.Per {
	case PerDay:
		for d := h.Start; d <= h.End; d++ {
			out = append(out, model.DateRange{Start: d, End: d})
		}
	case PerWeek, PerBlock:
		n, anchor := b.BlockDays, b.Anchor
		if n < 1 { // Compile always sets them; a bare PerWeek means the scenario's weeks
			n, anchor = 7, sc.WeekAnchor()
		}
		out = append(out, model.FixedBlocks(h.Start, h.End, anchor, n)...)
	case PerRange:
		if b.Range.Start <= h.End && b.Range.End >= h.Start && b.Range.Days() > 0 {
			out = append(out, b.Range)
		}
	default: // PerHorizon
		out = append(out, h)
	}
	return out
}

// checkViolation describes a period whose sum breaks the bound.
func (b *SumBound) checkViolation(p *model.Staff, pr model.DateRange, sum int) Violation {
	unit, got, lim := "shifts", checkPlural(sum, "shift"), checkPlural(b.Limit, "shift")
	if b.Hours {
		unit, got, lim = "minutes", checkDur(sum), checkDur(b.Limit)
	}
	if b.Shift != "" {
		got += " of " + string(b.Shift)
	}
	bound := "maximum"
	if !b.Max {
		bound = "minimum"
	}
	return Violation{
		Kind: b.Kind(), Rule: b.Name(), Staff: p.ID, From: pr.Start, To: pr.End, Shift: b.Shift,
		Measured: sum, Limit: b.Limit, Unit: unit, Citation: b.Citation(),
		Message: fmt.Sprintf("%s works %s starting in %s; the %s is %s",
			checkWho(p), got, checkSpan(pr.Start, pr.End), bound, lim),
	}
}
