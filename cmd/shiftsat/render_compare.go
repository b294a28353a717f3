package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/solver"
)

// compareReport is what the compare renderers show.
type compareReport struct {
	cmp    *solver.Comparison
	roster string // the --roster file, or ""
	// specs are the rule sets as written (without their names), by set.
	specs []string
	// named is true when some rule set was given a name (NAME=RULES).
	named bool
	// lang is the language of the text report and the HTML page ("en" or "ja").
	lang string
}

// spec is the i-th rule set as written.
func (r *compareReport) spec(i int) string {
	if i < len(r.specs) {
		return r.specs[i]
	}
	return r.cmp.Sets[i].Name
}

// peopleHeader names the people column.
func (r *compareReport) peopleHeader() string {
	if r.cmp.Profile != "" {
		return "extra people (" + string(r.cmp.Profile) + ")"
	}
	return "people needed"
}

// peopleText formats the fewest people: "3", "<= 5 (not proven)", "none up to the cap", "-".
func peopleText(s solver.Staffing) string {
	switch {
	case s.Infeasible && s.Extra:
		return "none helps"
	case s.Infeasible:
		return "-"
	case !s.Found:
		return "unknown"
	case !s.Proven:
		return fmt.Sprintf("<= %d (>= %d)", s.Count, s.LowerBound)
	case s.Extra:
		return "+" + strconv.Itoa(s.Count)
	}
	return strconv.Itoa(s.Count)
}

// coreReason is the one-line reason of an infeasible rule set: the rule
// families of the core, in order, and the first instance.
func coreReason(core []constraints.Provenance) string {
	if len(core) == 0 {
		return "no roster satisfies every rule (the conflicting rules were not identified in time)"
	}
	var fams []string
	for _, p := range core {
		if f := familyName(p.Kind, p.Rule); !contains(fams, f) {
			fams = append(fams, f)
		}
	}
	first := core[0]
	var who []string
	if first.Staff != "" {
		who = append(who, string(first.Staff))
	}
	if first.Shift != "" {
		who = append(who, "shift "+string(first.Shift))
	}
	if first.From != 0 || first.To != 0 {
		who = append(who, dateSpan(first.From, first.To))
	}
	line := fmt.Sprintf("%d requirements cannot all hold: %s", len(core), strings.Join(fams, ", "))
	if len(core) == 1 {
		line = "1 requirement cannot hold: " + strings.Join(fams, ", ")
	}
	if len(who) > 0 {
		line += " (e.g. " + familyName(first.Kind, first.Rule) + " " + strings.Join(who, " ") + ")"
	}
	return line
}

func mma(min, max int, avg float64) string {
	return fmt.Sprintf("%d/%d/%.1f", min, max, avg)
}

// renderCompareText writes the aligned table and the reasons.
func renderCompareText(w io.Writer, r *compareReport) {
	if r.lang == "ja" {
		renderCompareTextJA(w, r) // render_compare_ja.go
		return
	}
	var b bytes.Buffer
	sc := r.cmp.Scenario
	fmt.Fprintf(&b, "Rule sets compared on %s (%s, %d staff). Each rule set replaces the scenario's rules.\n",
		scenarioName(sc.Name, sc.File), dateSpan(sc.Horizon.Start, sc.Horizon.End), len(sc.Staff))
	if r.cmp.Profile != "" {
		fmt.Fprintf(&b, "People: the fewest extra people with the profile of %s that give a roster.\n", r.cmp.Profile)
	} else {
		fmt.Fprintln(&b, "People: the fewest of the scenario's staff who work at least one shift.")
	}
	fmt.Fprintln(&b, "Streak and rest days (min/max/avg over the people who work) and totals are those of the roster at that number.")
	fmt.Fprintln(&b, "Longest streak: the longest run of days without rest that reaches into the plan, its days in last month's history included (as the rules count them).")
	fmt.Fprintln(&b)
	tw := newTabTable(&b)
	head := "rule set\tas given\t" + r.peopleHeader() + "\tlongest streak\trest days\thours\tnight shifts"
	if r.roster != "" {
		head += "\tviolations"
	}
	fmt.Fprintln(tw, head)
	for _, c := range r.cmp.Sets {
		f := c.Figures
		streak, rest, hours, nights := "-", "-", "-", "-"
		if c.Roster != nil {
			streak, rest = mma(f.StreakMin, f.StreakMax, f.StreakAvg), mma(f.RestMin, f.RestMax, f.RestAvg)
			hours, nights = fmtMinutes(f.WorkMinutes), strconv.Itoa(f.NightShifts)
		}
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s\t%s", c.Name, c.Status, peopleText(c.Staffing), streak, rest, hours, nights)
		if r.roster != "" {
			line += "\t" + strconv.Itoa(len(c.Violations))
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	var notes []string
	for _, c := range r.cmp.Sets {
		if c.Status == solver.Infeasible {
			notes = append(notes, fmt.Sprintf("%s: infeasible as given: %s", c.Name, coreReason(c.Core)))
		}
		if c.Status == solver.Unknown {
			notes = append(notes, fmt.Sprintf("%s: no answer within the time limit", c.Name))
		}
		if c.Roster != nil && c.Figures.HistoryStreak > 0 {
			notes = append(notes, c.Name+": "+historyStreakNote(c.Figures))
		}
	}
	if len(notes) > 0 {
		fmt.Fprintln(&b)
		for _, n := range notes {
			fmt.Fprintln(&b, n)
		}
	}
	if r.named {
		fmt.Fprintln(&b)
		fmt.Fprintln(&b, "Rule sets:")
		for i, c := range r.cmp.Sets {
			fmt.Fprintf(&b, "  %s = %s\n", c.Name, r.spec(i))
		}
	}
	if r.roster != "" {
		fmt.Fprintln(&b)
		fmt.Fprintf(&b, "Violations found in %s, by rule family:\n", r.roster)
		for _, c := range r.cmp.Sets {
			fmt.Fprintf(&b, "  %s: %s\n", c.Name, violationFamilies(c.Violations))
		}
	}
	w.Write(b.Bytes())
}

// violationFamilies counts violations by rule family: "max_consecutive_days (jp-13days) 1, demand 2" or "none".
func violationFamilies(vs []constraints.Violation) string {
	if len(vs) == 0 {
		return "none"
	}
	var order []string
	n := map[string]int{}
	for _, v := range vs {
		f := familyName(v.Kind, v.Rule)
		if n[f] == 0 {
			order = append(order, f)
		}
		n[f]++
	}
	parts := make([]string, len(order))
	for i, f := range order {
		parts[i] = fmt.Sprintf("%s %d", f, n[f])
	}
	return strings.Join(parts, ", ")
}

// historyStreakNote says that a longer run lies wholly in last month's
// history, so that it is not read as the plan's.
func historyStreakNote(f solver.Figures) string {
	return fmt.Sprintf("last month's history alone holds a longer run, %d days (%s, %s), wholly before the plan: the plan cannot change it, and it is not counted as the plan's streak",
		f.HistoryStreak, f.HistoryStreakStaff, dateSpan(f.HistoryStreakFrom, f.HistoryStreakTo))
}

// renderCompareCSV writes a header and one row per rule set.
func renderCompareCSV(w io.Writer, r *compareReport) error {
	cw := csv.NewWriter(w)
	head := []string{"rule_set", "status", "people_kind", "people", "people_proven", "people_lower_bound",
		"streak_min", "streak_max", "streak_avg", "rest_min", "rest_max", "rest_avg", "work_hours", "night_shifts", "violations", "reason", "history_streak"}
	cw.Write(head)
	kind := "staff_used"
	if r.cmp.Profile != "" {
		kind = "extra:" + string(r.cmp.Profile)
	}
	for _, c := range r.cmp.Sets {
		f, s := c.Figures, c.Staffing
		row := []string{c.Name, c.Status.String(), kind, "", strconv.FormatBool(s.Proven), strconv.Itoa(s.LowerBound)}
		if s.Found {
			row[3] = strconv.Itoa(s.Count)
		}
		if c.Roster != nil {
			row = append(row, strconv.Itoa(f.StreakMin), strconv.Itoa(f.StreakMax), strconv.FormatFloat(f.StreakAvg, 'f', 2, 64),
				strconv.Itoa(f.RestMin), strconv.Itoa(f.RestMax), strconv.FormatFloat(f.RestAvg, 'f', 2, 64),
				hoursOf(f.WorkMinutes), strconv.Itoa(f.NightShifts))
		} else {
			row = append(row, "", "", "", "", "", "", "", "")
		}
		v := ""
		if r.roster != "" {
			v = strconv.Itoa(len(c.Violations))
		}
		reason := ""
		if c.Status == solver.Infeasible {
			reason = coreReason(c.Core)
		}
		hist := ""
		if c.Roster != nil && f.HistoryStreak > 0 {
			hist = strconv.Itoa(f.HistoryStreak)
		}
		cw.Write(append(row, v, reason, hist))
	}
	cw.Flush()
	return cw.Error()
}

// compareSetJSON is one rule set in the JSON output.
type compareSetJSON struct {
	Rules      []string         `json:"rules"`
	Name       string           `json:"name"`
	Spec       string           `json:"spec"`
	Status     string           `json:"status"`
	Reason     string           `json:"reason,omitempty"`
	People     *int             `json:"people"`
	Proven     bool             `json:"people_proven"`
	LowerBound int              `json:"people_lower_bound"`
	Streak     *compareStatJSON `json:"longest_streak,omitempty"`
	Rest       *compareStatJSON `json:"rest_days,omitempty"`
	Hours      *float64         `json:"work_hours,omitempty"`
	Nights     *int             `json:"night_shifts,omitempty"`
	Violations *int             `json:"violations,omitempty"`
	// HistoryStreak is a longer run lying wholly in last month's history.
	HistoryStreak *historyStreakJSON `json:"history_streak,omitempty"`
}

// historyStreakJSON is a run of days without rest wholly in the history.
type historyStreakJSON struct {
	Days  int    `json:"days"`
	Staff string `json:"staff"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// compareStatJSON is a min/max/avg over the people who work.
type compareStatJSON struct {
	Min int     `json:"min"`
	Max int     `json:"max"`
	Avg float64 `json:"avg"`
}

// renderCompareJSON writes {"scenario", "horizon", "people", "sets": [...]}.
func renderCompareJSON(w io.Writer, r *compareReport) error {
	sc := r.cmp.Scenario
	people := "staff_used"
	if r.cmp.Profile != "" {
		people = "extra:" + string(r.cmp.Profile)
	}
	out := struct {
		Scenario string            `json:"scenario"`
		Horizon  map[string]string `json:"horizon"`
		People   string            `json:"people"`
		Roster   string            `json:"roster,omitempty"`
		Sets     []compareSetJSON  `json:"sets"`
	}{Scenario: scenarioName(sc.Name, sc.File), Horizon: map[string]string{"start": sc.Horizon.Start.String(), "end": sc.Horizon.End.String()},
		People: people, Roster: r.roster, Sets: []compareSetJSON{}}
	for i, c := range r.cmp.Sets {
		j := compareSetJSON{Name: c.Name, Spec: r.spec(i), Status: c.Status.String(), Proven: c.Staffing.Proven, LowerBound: c.Staffing.LowerBound,
			Rules: []string{}}
		for _, s := range c.Specs {
			j.Rules = append(j.Rules, s.Rule)
		}
		if c.Status == solver.Infeasible {
			j.Reason = coreReason(c.Core)
		}
		if c.Staffing.Found {
			n := c.Staffing.Count
			j.People = &n
		}
		if c.Roster != nil {
			f := c.Figures
			h := float64(f.WorkMinutes) / 60
			j.Streak = &compareStatJSON{f.StreakMin, f.StreakMax, f.StreakAvg}
			j.Rest = &compareStatJSON{f.RestMin, f.RestMax, f.RestAvg}
			j.Hours, j.Nights = &h, &f.NightShifts
			if f.HistoryStreak > 0 {
				j.HistoryStreak = &historyStreakJSON{f.HistoryStreak, string(f.HistoryStreakStaff), f.HistoryStreakFrom.String(), f.HistoryStreakTo.String()}
			}
		}
		if r.roster != "" {
			n := len(c.Violations)
			j.Violations = &n
		}
		out.Sets = append(out.Sets, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
