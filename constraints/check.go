package constraints

import (
	"fmt"
	"sort"

	"github.com/shiftsat/shiftsat/model"
)

// This file holds what every Check shares: CheckAll, one person's view of
// the roster (instances and day statuses, read once), and message helpers.
// None of it is shared with Encode.

// CheckAll runs the Check of every rule on r and returns all violations in
// a deterministic order: rule order, then staff order (violations with no
// person first), then date.
func CheckAll(rules []Rule, r *model.Roster) []Violation {
	var out []Violation
	for _, rule := range rules {
		vs := rule.Check(r)
		checkSort(r.Scenario, vs)
		out = append(out, vs...)
	}
	return out
}

// checkSort orders vs by staff order in the scenario (no person
// first), then From, then To; otherwise it keeps the order found.
func checkSort(sc *model.Scenario, vs []Violation) {
	if len(vs) < 2 {
		// Nothing to order; and the map below, built once per rule, would
		// make CheckAll quadratic in the staff (one rule per person).
		return
	}
	order := map[model.StaffID]int{"": -1}
	for i, p := range sc.Staff {
		order[p.ID] = i
	}
	rank := func(id model.StaffID) int {
		if i, ok := order[id]; ok {
			return i
		}
		return len(sc.Staff)
	}
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if ra, rb := rank(a.Staff), rank(b.Staff); ra != rb {
			return ra < rb
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
}

// checkView is one person's roster as the checker reads it (RULES.md §1):
// every known instance and the status of every known day.
type checkView struct {
	// p is the person.
	p *model.Staff
	// from and to bound the known days: KnownFrom(p) .. Horizon.End.
	from, to model.Date
	// inst are every known instance (history and planned), in start order.
	inst []model.Instance
	// status is the day status of every known day.
	status map[model.Date]model.DayStatus
}

// checkViewOf reads person p's known days from r once.
func checkViewOf(r *model.Roster, p *model.Staff) *checkView {
	sc := r.Scenario
	v := &checkView{p: p, from: sc.KnownFrom(p), to: sc.Horizon.End,
		inst: r.Instances(p.ID), status: map[model.Date]model.DayStatus{}}
	// A day no instance touches is LEAVE if it is a leave day, else REST.
	for d := v.from; d <= v.to; d++ {
		v.status[d] = model.Rest
		if p.IsLeave(d) {
			v.status[d] = model.Leave
		}
	}
	// A day some instance touches is WORK.
	for _, in := range v.inst {
		for _, c := range in.TouchedDays() {
			if v.known(c) {
				v.status[c] = model.Work
			}
		}
	}
	return v
}

// known reports whether d is a known day of the person.
func (v *checkView) known(d model.Date) bool { return d >= v.from && d <= v.to }

// checkGap is a half-open span of time [start, end).
type checkGap struct{ start, end model.Minute }

// Far stands for the unbounded past and future of the free time around
// the known instances (time outside the known days is work-free).
const (
	checkFarPast   = model.Minute(-1 << 60)
	checkFarFuture = model.Minute(1 << 60)
)

// freeGaps returns the person's work-free time as maximal gaps, in order:
// before the first instance (from the far past), between instances, and
// after the last instance (to the far future). Overlapping or touching
// instances merge into one block of work.
func (v *checkView) freeGaps() []checkGap {
	var gaps []checkGap
	free := checkFarPast // the start of the current free gap
	for _, in := range v.inst {
		s, e := in.Interval()
		if s > free {
			gaps = append(gaps, checkGap{free, s})
		}
		if e > free {
			free = e
		}
	}
	return append(gaps, checkGap{free, checkFarFuture})
}

// checkLongestFree returns the longest part of one gap of gaps (in time
// order) inside [from, to].
func checkLongestFree(gaps []checkGap, from, to model.Minute) int {
	best := 0
	first := sort.Search(len(gaps), func(i int) bool { return gaps[i].end > from })
	for _, g := range gaps[first:] {
		if g.start >= to {
			break // this gap and the later ones lie after the window
		}
		s, e := max(g.start, from), min(g.end, to)
		if e-s > model.Minute(best) {
			best = int(e - s)
		}
	}
	return best
}

// who names a person in messages.
func checkWho(p *model.Staff) string {
	if p.Name != "" {
		return p.Name
	}
	return string(p.ID)
}

// span formats a date range for messages: "2026-12-01" or "2026-12-01..2026-12-14".
func checkSpan(from, to model.Date) string {
	if from == to {
		return from.String()
	}
	return fmt.Sprintf("%s..%s", from, to)
}

// dur formats minutes for messages: "11 h", "10 h 30 min", "45 min".
func checkDur(min int) string {
	sign := ""
	if min < 0 {
		sign, min = "-", -min
	}
	switch {
	case min%60 == 0:
		return fmt.Sprintf("%s%d h", sign, min/60)
	case min < 60:
		return fmt.Sprintf("%s%d min", sign, min)
	}
	return fmt.Sprintf("%s%d h %d min", sign, min/60, min%60)
}

// plural returns "1 day", "2 days".
func checkPlural(n int, unit string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
