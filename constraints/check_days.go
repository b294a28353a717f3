package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// Checks of the day-status rules: max_consecutive_days (RULES.md 2.1) and
// holidays (2.2).

// Check implements Rule. Each maximal run of consecutive non-REST known days
// (WORK or LEAVE) is judged once against the normal cap and once against
// each busy period's cap, and reported once per cap it breaks, with the run
// (or its part inside the busy period) as From/To and its length as
// Measured. Runs end at REST days and at unknown days, so no window with an
// unknown day is ever judged.
func (m *MaxConsecutiveDays) Check(r *model.Roster) []Violation {
	var out []Violation
	for _, p := range r.Scenario.Staff {
		v := checkViewOf(r, p)
		for d := v.from; d <= v.to; d++ {
			if v.status[d] == model.Rest || (d > v.from && v.status[d-1] != model.Rest) {
				continue // not the first day of a run
			}
			e := d
			for e+1 <= v.to && v.status[e+1] != model.Rest {
				e++
			}
			out = append(out, m.checkRun(p, d, e, r.Scenario.Horizon.Start)...)
		}
	}
	return out
}

// checkRun judges one maximal run s..e of non-REST days.
func (m *MaxConsecutiveDays) checkRun(p *model.Staff, s, e, horizonStart model.Date) []Violation {
	var out []Violation
	n := int(e-s) + 1
	// The normal cap: some window of Max+1 days inside the run holds a day
	// outside every busy period.
	for w := s; w.Add(m.Max) <= e; w++ {
		if w.Add(m.Max) < horizonStart {
			continue // a window wholly in the history is a fact, not judged
		}
		if m.checkAnyOutsideBusy(w, w.Add(m.Max)) {
			out = append(out, Violation{
				Kind: m.Kind(), Rule: m.Name(), Staff: p.ID, From: s, To: e,
				Measured: n, Limit: m.Max, Unit: "days", Citation: m.Citation(),
				Message: fmt.Sprintf("%s has %d consecutive days without a rest day %s; the cap is %d",
					checkWho(p), n, checkSpan(s, e), m.Max),
			})
			break
		}
	}
	// A busy period's cap: some window of b.Max+1 days lies inside both the
	// run and the period, i.e. their common part is longer than b.Max.
	for _, b := range m.Busy {
		from, to := max(s, b.Range.Start), min(e, b.Range.End)
		if k := int(to-from) + 1; to >= from && k > b.Max && to >= horizonStart {
			out = append(out, Violation{
				Kind: m.Kind(), Rule: m.Name(), Staff: p.ID, From: from, To: to,
				Measured: k, Limit: b.Max, Unit: "days", Citation: m.Citation(),
				Message: fmt.Sprintf("%s has %d consecutive days without a rest day %s inside busy period %s; the cap there is %d",
					checkWho(p), k, checkSpan(from, to), checkSpan(b.Range.Start, b.Range.End), b.Max),
			})
		}
	}
	return out
}

// checkAnyOutsideBusy reports whether some day of from..to lies outside every busy period.
func (m *MaxConsecutiveDays) checkAnyOutsideBusy(from, to model.Date) bool {
	for d := from; d <= to; d++ {
		inside := false
		for _, b := range m.Busy {
			if b.Range.Contains(d) {
				inside = true
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

// Check implements Rule. Every fixed block that meets the person's known
// days is judged: its REST days among its known days must be at least
// max(0, quota - unknown days of the block), where the quota is
// RestDays - HolidayWork (RestDays for a minor: no holiday work, Art. 61).
func (h *Holidays) Check(r *model.Roster) []Violation {
	if h.BlockDays < 1 {
		return nil // Compile rejects it
	}
	var out []Violation
	for _, p := range r.Scenario.Staff {
		v := checkViewOf(r, p)
		quota := h.RestDays - h.HolidayWork
		if p.Minor {
			quota = h.RestDays
		}
		for _, blk := range model.FixedBlocks(v.from, v.to, h.Anchor, h.BlockDays) {
			b, end := blk.Start, blk.End
			if end < r.Scenario.Horizon.Start {
				continue // a block wholly in the history is a fact, not judged
			}
			unknown, rest := 0, 0
			for d := b; d <= end; d++ {
				switch {
				case !v.known(d):
					unknown++
				case v.status[d] == model.Rest:
					rest++
				}
			}
			need := max(0, quota-unknown)
			if rest >= need {
				continue
			}
			msg := fmt.Sprintf("%s has %s in the block %s; %d needed",
				checkWho(p), checkPlural(rest, "rest day"), checkSpan(b, end), need)
			if unknown > 0 {
				msg += fmt.Sprintf(" (quota %d, of which %d may fall on the block's %s outside the known days; the block is only partly checked)",
					quota, min(quota, unknown), checkPlural(unknown, "day"))
			}
			out = append(out, Violation{
				Kind: h.Kind(), Rule: h.Name(), Staff: p.ID, From: b, To: end,
				Measured: rest, Limit: need, Unit: "rest days", Citation: h.Citation(), Message: msg,
			})
		}
	}
	return out
}
