package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// The cost of the soft bounds of soft_bounds.go, read from the roster with
// the checking helpers (the encoding is in soft_bounds_encode.go).

// Cost implements SoftRule. It reads each person's maximal runs of
// consecutive non-REST known days (as Check of the hard rule does) and,
// per run, counts the windows it holds: for the normal cap, the windows of
// Max+1 days of the run that end in the horizon and hold a day outside
// every busy period; for each busy period, the windows of its cap + 1
// days inside both the run and the period that end in the horizon. One
// item per run and cap, with the run (or its part in the busy period) as
// From/To and the windows as Units.
func (r *SoftMaxConsecutiveDays) Cost(ro *model.Roster) []CostItem {
	m := &r.Cap
	hs := ro.Scenario.Horizon.Start
	var out []CostItem
	for _, p := range ro.Scenario.Staff {
		v := checkViewOf(ro, p)
		for s := v.from; s <= v.to; s++ {
			if v.status[s] == model.Rest || (s > v.from && v.status[s-1] != model.Rest) {
				continue
			}
			e := s
			for e+1 <= v.to && v.status[e+1] != model.Rest {
				e++
			}
			n := int(e-s) + 1
			windows := 0
			for w := s; w.Add(m.Max) <= e; w++ {
				if w.Add(m.Max) >= hs && m.checkAnyOutsideBusy(w, w.Add(m.Max)) {
					windows++
				}
			}
			if windows > 0 {
				out = append(out, CostItem{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: s, To: e,
					Units: windows, Unit: "windows", Weight: r.Weight, Cost: windows * r.Weight, Pos: m.Pos,
					Detail: fmt.Sprintf("%s has %d consecutive days without a rest day %s; the soft cap is %d (%s of %d days)",
						checkWho(p), n, checkSpan(s, e), m.Max, checkPlural(windows, "window"), m.Max+1)})
			}
			for _, b := range m.Busy {
				from, to := max(s, b.Range.Start), min(e, b.Range.End)
				windows := 0
				for w := from; w.Add(b.Max) <= to; w++ {
					if w.Add(b.Max) >= hs {
						windows++
					}
				}
				if windows == 0 {
					continue
				}
				pos := b.Pos
				if pos == (model.Pos{}) {
					pos = m.Pos
				}
				out = append(out, CostItem{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: from, To: to,
					Units: windows, Unit: "windows", Weight: r.Weight, Cost: windows * r.Weight, Pos: pos,
					Detail: fmt.Sprintf("%s has %d consecutive days without a rest day %s inside busy period %s; the soft cap there is %d (%s of %d days)",
						checkWho(p), int(to-from)+1, checkSpan(from, to), checkSpan(b.Range.Start, b.Range.End), b.Max,
						checkPlural(windows, "window"), b.Max+1)})
			}
		}
	}
	return out
}

// Cost implements SoftRule. For each person it applies to and each fixed
// period meeting the horizon (minimums: only periods wholly inside the
// person's known days), it sums the instances starting in the period
// (history included, except for PerHorizon) as Check of the hard rule
// does, and reports one item per period over the maximum or under the
// minimum: Units are the shifts, or the hours rounded up, beyond the bound.
func (b *SoftSumBound) Cost(ro *model.Roster) []CostItem {
	sc := ro.Scenario
	sb := &b.Bound
	var out []CostItem
	for _, p := range sc.Staff {
		if (sb.Staff != "" && p.ID != sb.Staff) || (sb.MinorsOnly && !p.Minor) {
			continue
		}
		from := sc.KnownFrom(p)
		perDate := map[model.Date]int{}
		for _, in := range ro.Instances(p.ID) {
			if (sb.Per == PerHorizon && in.History) || (sb.Shift != "" && in.Shift.ID != sb.Shift) {
				continue
			}
			if sb.Hours {
				perDate[in.Date] += in.WorkMinutes()
			} else {
				perDate[in.Date]++
			}
		}
		for _, pr := range sb.checkPeriods(sc) {
			if !sb.Max && (pr.Start < from || pr.End > sc.Horizon.End) {
				continue
			}
			sum := 0
			for d := pr.Start; d <= pr.End; d++ {
				sum += perDate[d]
			}
			beyond := sum - sb.Limit
			if !sb.Max {
				beyond = sb.Limit - sum
			}
			if beyond <= 0 {
				continue
			}
			units, unit := beyond, "days"
			got, lim := checkPlural(sum, "shift"), checkPlural(sb.Limit, "shift")
			if sb.Hours {
				units, unit = (beyond+59)/60, "hours"
				got, lim = checkDur(sum), checkDur(sb.Limit)
			}
			bound := "maximum"
			if !sb.Max {
				bound = "minimum"
			}
			out = append(out, CostItem{Kind: b.Kind(), Rule: b.Name(), Staff: p.ID, From: pr.Start, To: pr.End, Shift: sb.Shift,
				Units: units, Unit: unit, Weight: b.Weight, Cost: units * b.Weight, Pos: sb.Pos,
				Detail: fmt.Sprintf("%s works %s starting in %s; the soft %s is %s", checkWho(p), got, checkSpan(pr.Start, pr.End), bound, lim)})
		}
	}
	return out
}
