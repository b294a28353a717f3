package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// Checks of the rules on time between shifts: rest_interval (RULES.md 2.3),
// rest_within (2.4) and weekly_rest (eu-wtd, uk-wtr).

// Check implements Rule. Every two consecutive known instances a, b of a
// person (history included, so the gap before the first planned shift is
// measured from the last history shift) need start(b) - end(a) >= Minutes.
// With a reduction, a gap in [ReducedMinutes, Minutes) is a reduced gap,
// counted in the fixed week (aligned on the scenario's week start) holding
// start(b); a week with more than ReducedMax of them is one violation
// (ReducedMax < 0: no cap). A gap under ReducedMinutes is always one.
func (ri *RestInterval) Check(r *model.Roster) []Violation {
	sc := r.Scenario
	anchor := sc.WeekAnchor()
	var out []Violation
	for _, p := range sc.Staff {
		inst := r.Instances(p.ID)
		reduced := map[model.Date]int{} // week start -> reduced gaps
		var weeks []model.Date          // week starts, in order of first reduced gap
		for i := 1; i < len(inst); i++ {
			a, b := inst[i-1], inst[i]
			_, endA := a.Interval()
			startB, _ := b.Interval()
			gap := int(startB - endA)
			if gap >= ri.Minutes || b.History {
				continue // long enough, or both in the history (a fact, not judged)
			}
			if ri.ReducedMinutes > 0 && gap >= ri.ReducedMinutes {
				w := model.FloorBlock(startB.Date(), anchor, 7)
				if reduced[w] == 0 {
					weeks = append(weeks, w)
				}
				reduced[w]++
				continue
			}
			limit := ri.Minutes
			if ri.ReducedMinutes > 0 {
				limit = ri.ReducedMinutes
			}
			out = append(out, Violation{
				Kind: ri.Kind(), Rule: ri.Name(), Staff: p.ID, From: a.Date, To: b.Date, Shift: b.Shift.ID,
				Measured: gap, Limit: limit, Unit: "minutes", Citation: ri.Citation(),
				Message: fmt.Sprintf("%s rests %s between %s ending %s and %s starting %s; at least %s needed",
					checkWho(p), checkDur(gap), a.Shift.ID, endA, b.Shift.ID, startB, checkDur(limit)),
			})
		}
		if ri.ReducedMax < 0 {
			continue
		}
		for _, w := range weeks {
			if n := reduced[w]; n > ri.ReducedMax && w.Add(6) >= sc.Horizon.Start {
				out = append(out, Violation{
					Kind: ri.Kind(), Rule: ri.Name(), Staff: p.ID, From: w, To: w.Add(6),
					Measured: n, Limit: ri.ReducedMax, Unit: "reduced gaps", Citation: ri.Citation(),
					Message: fmt.Sprintf("%s has %d rests shorter than %s (but at least %s) in the week %s; at most %d allowed",
						checkWho(p), n, checkDur(ri.Minutes), checkDur(ri.ReducedMinutes), checkSpan(w, w.Add(6)), ri.ReducedMax),
				})
			}
		}
	}
	checkSort(sc, out)
	return out
}

// Check implements Rule. For every known instance a of a person, history
// included, starting at t, the longest work-free gap inside [t,
// t+WindowMinutes] (each gap clipped to the window; the time after the last
// known instance is work-free) must be at least RestMinutes.
//
// History instances are judged too when their window reaches into the
// horizon (RULES.md §1: a window that began last month is checked across the
// boundary); a window wholly before the horizon is a fact, not judged.
func (rw *RestWithin) Check(r *model.Roster) []Violation {
	var out []Violation
	for _, p := range r.Scenario.Staff {
		v := checkViewOf(r, p)
		gaps := v.freeGaps()
		for _, in := range v.inst {
			t, _ := in.Interval()
			end := t + model.Minute(rw.WindowMinutes)
			if end <= r.Scenario.Horizon.Start.Start() {
				continue // the window ends before the horizon: a fact, not judged
			}
			best := checkLongestFree(gaps, t, end)
			if best >= rw.RestMinutes {
				continue
			}
			out = append(out, Violation{
				Kind: rw.Kind(), Rule: rw.Name(), Staff: p.ID, From: in.Date, To: end.Date(), Shift: in.Shift.ID,
				Measured: best, Limit: rw.RestMinutes, Unit: "minutes", Citation: rw.Citation(),
				Message: fmt.Sprintf("%s's longest continuous rest within %s of the %s start %s is %s; at least %s needed",
					checkWho(p), checkDur(rw.WindowMinutes), in.Shift.ID, t, checkDur(best), checkDur(rw.RestMinutes)),
			})
		}
	}
	return out
}

// Check implements Rule. The fixed periods of Days days aligned on the
// scenario's week start that meet the horizon must each hold a continuous
// work-free gap of Minutes (gaps clipped to the period; time outside the
// known days is work-free). With an alternative, a person also complies when
// every fixed period of AltDays days (same alignment) meeting the horizon
// holds AltMinutes. Each failing Days-period of a person who complies with
// neither is one violation.
func (wr *WeeklyRest) Check(r *model.Roster) []Violation {
	sc := r.Scenario
	if wr.Days < 1 {
		return nil // Compile rejects it
	}
	var out []Violation
	for _, p := range sc.Staff {
		v := checkViewOf(r, p)
		gaps := v.freeGaps()
		fails := checkFailingPeriods(sc, gaps, wr.Days, wr.Minutes)
		if len(fails) == 0 {
			continue
		}
		alt := ""
		if wr.AltDays > 0 {
			altFails := checkFailingPeriods(sc, gaps, wr.AltDays, wr.AltMinutes)
			if len(altFails) == 0 {
				continue
			}
			f := altFails[0]
			alt = fmt.Sprintf("; nor does the alternative hold (%s per %d days): %s has only %s",
				checkDur(wr.AltMinutes), wr.AltDays, checkSpan(f.from, f.to), checkDur(f.best))
		}
		for _, f := range fails {
			out = append(out, Violation{
				Kind: wr.Kind(), Rule: wr.Name(), Staff: p.ID, From: f.from, To: f.to,
				Measured: f.best, Limit: wr.Minutes, Unit: "minutes", Citation: wr.Citation(),
				Message: fmt.Sprintf("%s's longest continuous rest in the period %s is %s; at least %s needed%s",
					checkWho(p), checkSpan(f.from, f.to), checkDur(f.best), checkDur(wr.Minutes), alt),
			})
		}
	}
	return out
}

// checkFailedPeriod is a fixed period without enough continuous rest.
type checkFailedPeriod struct {
	from, to model.Date
	best     int
}

// checkFailingPeriods returns the fixed periods of days days, aligned on the
// week anchor and meeting the horizon, whose longest work-free gap (clipped
// to the period) is shorter than minutes.
func checkFailingPeriods(sc *model.Scenario, gaps []checkGap, days, minutes int) []checkFailedPeriod {
	var out []checkFailedPeriod
	for _, b := range model.FixedBlocks(sc.Horizon.Start, sc.Horizon.End, sc.WeekAnchor(), days) {
		if best := checkLongestFree(gaps, b.Start.Start(), b.End.Add(1).Start()); best < minutes {
			out = append(out, checkFailedPeriod{from: b.Start, to: b.End, best: best})
		}
	}
	return out
}
