package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver/nrp"
)

// nrpMonday is the date a converted instance's day 0 falls on: a Monday
// (every instance starts on a Monday) in a year whose public holidays the
// scenario does not name, so no date of the horizon is special.
const nrpMonday = "2024-01-01"

// nrpShiftStart is the clock time (minutes after midnight) at which every
// converted shift type starts, unless it is too long to end by midnight.
// 08:00 keeps shifts of up to 14 h out of the night hours 22:00-05:00.
const nrpShiftStart = 8 * 60

// nrpScenario writes the scenario that means exactly the instance in:
//
//   - the horizon starts on start (a Monday) and lasts in.Days days; no
//     history: nothing is known before day 0;
//   - one shift type per instance shift, with the same ID and length,
//     starting at 08:00 (earlier for shifts longer than 16 h) on the same
//     day, no break: its work minutes are its length;
//   - staff keep their IDs; `shifts` lists the types they may work (the
//     instance's max 0 forbids a type), `limits.max_shifts` the types
//     capped below the horizon length, `limits.min_hours` and `max_hours`
//     the total minutes, exactly (hours with as many decimals as it takes);
//     the days off are `unavailable`;
//   - max_consecutive_days, min_consecutive_days, min_consecutive_days_off
//     and max_weekends (per horizon) rule entries, one per distinct value,
//     scoped with `staff:` to the people who have it when not everyone does;
//     a minimum of 1 is no rule;
//   - forbidden_successions from the cannot-follow lists;
//   - requests on and off for one shift with their weights, and one demand
//     line per (shift, requirement, weights) with the dates it applies to,
//     as a soft `target` with `under` and `over` weights (no hard minimum).
//
// The benchmark's edges hold as RULES.md 2.3 and 2.10 read them: with no
// history the day before day 0 is unknown, so a run touching day 0 or the
// last day is not closed and the minimum run rules do not judge it, a
// succession needs both days inside the horizon, and the consecutive-day cap
// counts the days from day 0 (the benchmark's "a day off before day 0").
// plan's cost on the scenario is then the benchmark's objective.
func nrpScenario(in *nrp.Instance, start model.Date) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	day := func(d int) string { return start.Add(d).String() }
	end := start.Add(in.Days - 1)

	w("# %s of the Curtois-Qu employee shift scheduling benchmark (schedulingbenchmarks.org),\n", in.Name)
	w("# converted by `shiftsat nrp %s.txt --to-scenario`. Day 0 is %s, a %s; day d is\n", in.Name, day(0), start.Weekday())
	w("# that date plus d days. plan's cost on this scenario is the benchmark objective of the\n")
	w("# same roster: requests on and off with their weights, and each cover line as a demand\n")
	w("# target (its under weight per person missing, its over weight per extra one).\n")
	w("# The edges: nothing is known before day 0 (no history), so runs touching day 0 or the\n")
	w("# last day are open and the minimum run rules do not judge them (RULES.md 2.10), and the\n")
	w("# consecutive-day cap and the forbidden successions count from day 0.\n")
	w("name: %s\n", yamlQuote(in.Name+" (Curtois-Qu benchmark)"))
	w("horizon: {start: %s, end: %s}\n", day(0), end)
	w("week_start: monday\n")

	w("shifts:\n")
	for _, s := range in.Shifts {
		st := nrpShiftStart
		if st+s.Minutes > model.MinutesPerDay {
			st = model.MinutesPerDay - s.Minutes
		}
		w("  - {id: %s, name: %s, start: %q, end: %q, break: 0}   # %d min\n", yamlQuote(s.ID), yamlQuote(s.ID),
			model.FormatClock(st), model.FormatClock(st+s.Minutes), s.Minutes)
	}

	on := map[int][]nrp.Request{}
	off := map[int][]nrp.Request{}
	for _, q := range in.OnRequests {
		on[q.Staff] = append(on[q.Staff], q)
	}
	for _, q := range in.OffRequests {
		off[q.Staff] = append(off[q.Staff], q)
	}
	w("staff:\n")
	for e, emp := range in.Staff {
		w("  - id: %s\n", yamlQuote(emp.ID))
		var allowed, capped []string
		for s, sh := range in.Shifts {
			switch m := emp.MaxShifts[s]; {
			case m == 0:
			case m < in.Days:
				allowed = append(allowed, yamlQuote(sh.ID))
				capped = append(capped, fmt.Sprintf("%s: %d", yamlQuote(sh.ID), m))
			default:
				allowed = append(allowed, yamlQuote(sh.ID))
			}
		}
		w("    shifts: [%s]\n", strings.Join(allowed, ", "))
		var lim []string
		if len(capped) > 0 {
			lim = append(lim, "max_shifts: {"+strings.Join(capped, ", ")+"}")
		}
		lim = append(lim, "min_hours: "+nrpHours(emp.MinTotalMinutes), "max_hours: "+nrpHours(emp.MaxTotalMinutes))
		w("    limits: {%s}   # %d..%d min\n", strings.Join(lim, ", "), emp.MinTotalMinutes, emp.MaxTotalMinutes)
		if len(emp.DaysOff) > 0 {
			w("    unavailable: [%s]\n", strings.Join(nrpDateList(emp.DaysOff, start), ", "))
		}
		if qs := on[e]; len(qs) > 0 {
			w("    requests_on:\n")
			for _, q := range qs {
				w("      - {date: %s, shift: %s, weight: %d}\n", day(q.Day), yamlQuote(in.Shifts[q.Shift].ID), q.Weight)
			}
		}
		if qs := off[e]; len(qs) > 0 {
			w("    requests_off:\n")
			for _, q := range qs {
				w("      - {date: %s, shift: %s, weight: %d}\n", day(q.Day), yamlQuote(in.Shifts[q.Shift].ID), q.Weight)
			}
		}
	}

	// Demand: one line per (shift, requirement, weights), with its dates.
	type coverKey struct{ shift, req, under, over int }
	days := map[coverKey][]int{}
	var keys []coverKey
	for _, c := range in.Cover {
		k := coverKey{c.Shift, c.Requirement, c.Under, c.Over}
		if days[k] == nil {
			keys = append(keys, k)
		}
		days[k] = append(days[k], c.Day)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.shift != b.shift {
			return a.shift < b.shift
		}
		return a.req < b.req
	})
	if len(keys) > 0 {
		w("demand:\n")
	}
	for _, k := range keys {
		w("  - {shift: %s, target: %d, under: %d, over: %d, dates: [%s]}\n", yamlQuote(in.Shifts[k.shift].ID),
			k.req, k.under, k.over, strings.Join(nrpDateList(days[k], start), ", "))
	}

	w("rules:\n")
	staffRule := func(kind, param string, value func(nrp.Employee) int, skip func(int) bool, comment string) {
		byValue := map[int][]string{}
		var values []int
		for _, emp := range in.Staff {
			v := value(emp)
			if byValue[v] == nil {
				values = append(values, v)
			}
			byValue[v] = append(byValue[v], yamlQuote(emp.ID))
		}
		sort.Ints(values)
		for _, v := range values {
			if skip(v) {
				continue
			}
			scope := ""
			if len(values) > 1 {
				scope = ", staff: [" + strings.Join(byValue[v], ", ") + "]"
			}
			w("  - {rule: %s, %s: %d%s}   # %s\n", kind, param, v, scope, comment)
		}
	}
	trivial := func(v int) bool { return v <= 1 }
	staffRule("max_consecutive_days", "max", func(e nrp.Employee) int { return e.MaxConsecutiveShifts }, func(v int) bool { return v >= in.Days }, "MaxConsecutiveShifts")
	staffRule("min_consecutive_days", "min", func(e nrp.Employee) int { return e.MinConsecutiveShifts }, trivial, "MinConsecutiveShifts")
	staffRule("min_consecutive_days_off", "min", func(e nrp.Employee) int { return e.MinConsecutiveDaysOff }, trivial, "MinConsecutiveDaysOff")
	staffRule("max_weekends", "max", func(e nrp.Employee) int { return e.MaxWeekends }, func(v int) bool { return v >= in.Days/7 }, "MaxWeekends")
	var pairs []string
	for _, s := range in.Shifts {
		for _, t := range s.CannotFollow {
			pairs = append(pairs, fmt.Sprintf("[%s, %s]", yamlQuote(s.ID), yamlQuote(in.Shifts[t].ID)))
		}
	}
	if len(pairs) > 0 {
		w("  - {rule: forbidden_successions, pairs: [%s]}   # cannot follow\n", strings.Join(pairs, ", "))
	}
	return []byte(b.String())
}

// nrpHours writes a number of minutes as hours, exactly: as many decimals
// as it takes for the loader's rounding to the minute to give m back.
func nrpHours(m int) string {
	if m%60 == 0 {
		return strconv.Itoa(m / 60)
	}
	return strconv.FormatFloat(float64(m)/60, 'f', -1, 64)
}

// nrpDateList writes day indexes as dates, runs of consecutive days as
// ranges {from, to}.
func nrpDateList(days []int, start model.Date) []string {
	ds := append([]int(nil), days...)
	sort.Ints(ds)
	var out []string
	for i := 0; i < len(ds); {
		j := i
		for j+1 < len(ds) && ds[j+1] <= ds[j]+1 {
			j++
		}
		if ds[j] == ds[i] {
			out = append(out, start.Add(ds[i]).String())
		} else {
			out = append(out, fmt.Sprintf("{from: %s, to: %s}", start.Add(ds[i]), start.Add(ds[j])))
		}
		i = j + 1
	}
	return out
}

// yamlQuote quotes s as a YAML double-quoted scalar (IDs such as N or Y
// must stay strings).
func yamlQuote(s string) string { return strconv.Quote(s) }

// nrpRosterOf reads roster r of the scenario written by nrpScenario for in
// back as a benchmark roster.
func nrpRosterOf(in *nrp.Instance, r *model.Roster, start model.Date) (nrp.Roster, error) {
	out := nrp.NewRoster(in)
	for e, emp := range in.Staff {
		for d := 0; d < in.Days; d++ {
			id, ok := r.Starts[model.StaffID(emp.ID)][start.Add(d)]
			if !ok {
				continue
			}
			s := in.ShiftIndex(string(id))
			if s < 0 {
				return nil, fmt.Errorf("%s works %s on day %d, no shift type of %s", emp.ID, id, d, in.Name)
			}
			out[e][d] = s
		}
	}
	return out, nil
}
