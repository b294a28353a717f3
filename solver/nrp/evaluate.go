package nrp

import "fmt"

// Evaluation is the independent verdict on a roster.
type Evaluation struct {
	// Violations lists every hard constraint broken, one sentence each
	// (empty when the roster is feasible).
	Violations []string
	// Objective is the roster's score: the sum of the four parts below.
	Objective int64
	// OnRequests is the weight of the shift-on requests not granted.
	OnRequests int64
	// OffRequests is the weight of the shift-off requests not granted.
	OffRequests int64
	// CoverUnder and CoverOver are the cover penalties for missing and
	// extra employees.
	CoverUnder, CoverOver int64
}

// Feasible reports whether no hard constraint is broken.
func (ev Evaluation) Feasible() bool { return len(ev.Violations) == 0 }

// Evaluate checks every hard constraint of the benchmark's README on r
// and scores it. It is written plainly from the README, independently of
// Encode: it walks the roster employee by employee and day by day.
func Evaluate(in *Instance, r Roster) Evaluation {
	var ev Evaluation
	bad := func(format string, args ...any) {
		ev.Violations = append(ev.Violations, fmt.Sprintf(format, args...))
	}
	worked := func(e, d int) bool { return r[e][d] >= 0 }

	for e, emp := range in.Staff {
		// Days off.
		for _, d := range emp.DaysOff {
			if worked(e, d) {
				bad("%s works %s on day %d, a day off", emp.ID, in.Shifts[r[e][d]].ID, d)
			}
		}
		// Cannot follow; nothing is worked before day 0 or after the last day.
		for d := 0; d+1 < in.Days; d++ {
			if !worked(e, d) || !worked(e, d+1) {
				continue
			}
			for _, t := range in.Shifts[r[e][d]].CannotFollow {
				if r[e][d+1] == t {
					bad("%s works %s on day %d after %s on day %d", emp.ID, in.Shifts[t].ID, d+1, in.Shifts[r[e][d]].ID, d)
				}
			}
		}
		// Shifts per type and minutes.
		count := make([]int, len(in.Shifts))
		minutes := 0
		for d := 0; d < in.Days; d++ {
			if worked(e, d) {
				count[r[e][d]]++
				minutes += in.Shifts[r[e][d]].Minutes
			}
		}
		for s, n := range count {
			if n > emp.MaxShifts[s] {
				bad("%s works %d shifts of type %s, at most %d allowed", emp.ID, n, in.Shifts[s].ID, emp.MaxShifts[s])
			}
		}
		if minutes > emp.MaxTotalMinutes {
			bad("%s works %d minutes, at most %d allowed", emp.ID, minutes, emp.MaxTotalMinutes)
		}
		if minutes < emp.MinTotalMinutes {
			bad("%s works %d minutes, at least %d required", emp.ID, minutes, emp.MinTotalMinutes)
		}
		// Runs of worked days and of days off.
		for start := 0; start < in.Days; {
			end := start // the run is start..end
			for end+1 < in.Days && worked(e, end+1) == worked(e, start) {
				end++
			}
			length := end - start + 1
			edge := start == 0 || end == in.Days-1
			if worked(e, start) {
				if length > emp.MaxConsecutiveShifts {
					bad("%s works %d days in a row (days %d-%d), at most %d allowed", emp.ID, length, start, end, emp.MaxConsecutiveShifts)
				}
				if !edge && length < emp.MinConsecutiveShifts {
					bad("%s works %d days in a row (days %d-%d), at least %d required", emp.ID, length, start, end, emp.MinConsecutiveShifts)
				}
			} else if !edge && length < emp.MinConsecutiveDaysOff {
				bad("%s is off %d days in a row (days %d-%d), at least %d required", emp.ID, length, start, end, emp.MinConsecutiveDaysOff)
			}
			start = end + 1
		}
		// Weekends.
		weekends := 0
		for k := 0; 7*k+6 < in.Days; k++ {
			if worked(e, 7*k+5) || worked(e, 7*k+6) {
				weekends++
			}
		}
		if weekends > emp.MaxWeekends {
			bad("%s works %d weekends, at most %d allowed", emp.ID, weekends, emp.MaxWeekends)
		}
	}

	for _, q := range in.OnRequests {
		if r[q.Staff][q.Day] != q.Shift {
			ev.OnRequests += int64(q.Weight)
		}
	}
	for _, q := range in.OffRequests {
		if r[q.Staff][q.Day] == q.Shift {
			ev.OffRequests += int64(q.Weight)
		}
	}
	for _, c := range in.Cover {
		assigned := 0
		for e := range in.Staff {
			if r[e][c.Day] == c.Shift {
				assigned++
			}
		}
		if assigned < c.Requirement {
			ev.CoverUnder += int64(c.Under) * int64(c.Requirement-assigned)
		} else {
			ev.CoverOver += int64(c.Over) * int64(assigned-c.Requirement)
		}
	}
	ev.Objective = ev.OnRequests + ev.OffRequests + ev.CoverUnder + ev.CoverOver
	return ev
}
