package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// StaffTables returns sc's people as the two tables of the spreadsheet
// layout (README.md, "Spreadsheet input"): the staff table (id, name,
// skills, shifts, minor, limits, prefers, dislikes) and the requests table
// (id, name, one column per horizon date holding each person's marks).
// Reading them back with `staff: {file: ...}` and `requests: {file: ...}`
// gives the same people. What the layout cannot hold is an error: history
// (give it with history_from), requests with weights or shifts, weighted
// dislikes, max_shifts, and two marks on one date.
func StaffTables(sc *Scenario) (staff, requests [][]string, err error) {
	h := sc.Horizon
	staff = [][]string{{"id", "name", "skills", "shifts", "minor", "min_days", "max_days", "target_days",
		"min_hours", "max_hours", "max_hours_per_week", "prefers", "dislikes"}}
	head := []string{"id", "name"}
	for d := h.Start; d <= h.End; d++ {
		head = append(head, d.String())
	}
	requests = [][]string{head}
	var problems []string
	for _, p := range sc.Staff {
		num := func(v *int) string {
			if v == nil {
				return ""
			}
			return strconv.Itoa(*v)
		}
		hours := func(v *float64) string {
			if v == nil {
				return ""
			}
			return strconv.FormatFloat(*v, 'f', -1, 64)
		}
		minor := ""
		if p.Minor {
			minor = "true"
		}
		var dislikes []string
		for _, x := range p.Dislikes {
			if x.Weight != sc.SoftSettings().Dislike {
				problems = append(problems, fmt.Sprintf("%s: a dislike with its own weight", p.ID))
			}
			dislikes = append(dislikes, string(x.Shift))
		}
		if len(p.Limits.MaxShifts) > 0 {
			problems = append(problems, fmt.Sprintf("%s: limits.max_shifts", p.ID))
		}
		if len(p.History) > 0 {
			problems = append(problems, fmt.Sprintf("%s: history (give it with history_from)", p.ID))
		}
		l := p.Limits
		staff = append(staff, []string{string(p.ID), p.Name, strings.Join(p.Skills, " "), joinIDs(p.Shifts), minor,
			num(l.MinDays), num(l.MaxDays), num(l.TargetDays), hours(l.MinHours), hours(l.MaxHours), hours(l.MaxHoursPerWeek),
			joinIDs(p.Prefers), strings.Join(dislikes, " ")})
		marks := map[Date][]string{}
		add := func(d Date, m string) { marks[d] = append(marks[d], m) }
		for _, d := range p.Leave {
			add(d, LeaveCell)
		}
		for _, d := range p.RequestsOff {
			add(d, "off")
		}
		for _, u := range p.Unavailable {
			if u.Shift == "" {
				add(u.Date, "x")
			} else {
				add(u.Date, "-"+string(u.Shift))
			}
		}
		for _, a := range p.Fixed {
			add(a.Date, string(a.Shift))
		}
		for _, q := range p.Requests {
			switch {
			case q.Shift != "" || q.Weight != sc.SoftSettings().RequestWeight:
				problems = append(problems, fmt.Sprintf("%s: a request on %s with a shift or its own weight", p.ID, q.Date))
			case q.On:
				add(q.Date, "on")
			default:
				add(q.Date, "off")
			}
		}
		row := []string{string(p.ID), p.Name}
		for d := h.Start; d <= h.End; d++ {
			ms := marks[d]
			sort.Strings(ms)
			if len(ms) > 1 {
				problems = append(problems, fmt.Sprintf("%s: %d marks on %s (%s)", p.ID, len(ms), d, strings.Join(ms, ", ")))
			}
			row = append(row, strings.Join(ms, " "))
		}
		requests = append(requests, row)
	}
	if len(problems) > 0 {
		return nil, nil, fmt.Errorf("the spreadsheet layout cannot hold: %s", strings.Join(problems, "; "))
	}
	return staff, requests, nil
}
