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
func (r *compareReport) peopleHeader(lang string) string {
	if r.cmp.Profile != "" {
		return tr(lang, "cmp.extraCol", string(r.cmp.Profile))
	}
	return tr(lang, "cmp.neededCol")
}

// peopleText formats the fewest people: "3", "<= 5 (>= 3)", "none helps", "-".
func peopleText(lang string, s solver.Staffing) string {
	switch {
	case s.Infeasible && s.Extra:
		return tr(lang, "cmp.noneHelps")
	case s.Infeasible:
		return "-"
	case !s.Found:
		return tr(lang, "cmp.unknown")
	case !s.Proven:
		return tr(lang, "cmp.notProven", s.Count, s.LowerBound)
	case s.Extra:
		return "+" + strconv.Itoa(s.Count)
	}
	return strconv.Itoa(s.Count)
}

// familyIn names a rule family in lang: the kind and the rule entry
// ("max_consecutive_days (jp-13days)") or the kind's Japanese name.
func familyIn(lang, kind, rule string) string {
	if lang == "ja" {
		return kindName(lang, kind)
	}
	return familyName(kind, rule)
}

// coreReason is the one-line reason of an infeasible rule set: the rule
// families of the core, in order, and the first instance.
func coreReason(lang string, core []constraints.Provenance) string {
	if len(core) == 0 {
		return tr(lang, "cmp.coreNone")
	}
	var fams []string
	for _, p := range core {
		if f := familyIn(lang, p.Kind, p.Rule); !contains(fams, f) {
			fams = append(fams, f)
		}
	}
	first := core[0]
	var who []string
	if first.Staff != "" {
		who = append(who, string(first.Staff))
	}
	if first.Shift != "" {
		who = append(who, tr(lang, "cmp.shift", string(first.Shift)))
	}
	if first.From != 0 || first.To != 0 {
		who = append(who, spanIn(lang, first.From, first.To))
	}
	key := "cmp.core"
	if len(core) == 1 {
		key = "cmp.core1"
	}
	line := tr(lang, key, len(core), strings.Join(fams, tr(lang, "txt.comma")))
	if len(who) > 0 {
		line += tr(lang, "cmp.coreEg", familyIn(lang, first.Kind, first.Rule), strings.Join(who, " "))
	}
	return line
}

func mma(min, max int, avg float64) string {
	return fmt.Sprintf("%d/%d/%.1f", min, max, avg)
}

// renderCompareText writes the aligned table and the reasons, in r.lang.
func renderCompareText(w io.Writer, r *compareReport) {
	lang := r.lang
	var b bytes.Buffer
	sc := r.cmp.Scenario
	fmt.Fprint(&b, tr(lang, "cmp.head", scenarioName(sc.Name, sc.File), spanIn(lang, sc.Horizon.Start, sc.Horizon.End), len(sc.Staff)))
	if r.cmp.Profile != "" {
		fmt.Fprintln(&b, tr(lang, "cmp.peopleExtra", r.cmp.Profile))
	} else {
		fmt.Fprintln(&b, tr(lang, "cmp.peopleStaff"))
	}
	fmt.Fprintln(&b, tr(lang, "cmp.figuresNote"))
	fmt.Fprintln(&b, tr(lang, "cmp.streakNote"))
	fmt.Fprintln(&b)
	tw := newTabTable(&b)
	head := tr(lang, "cmp.columns", r.peopleHeader(lang))
	if r.roster != "" {
		head += tr(lang, "cmp.violationsCol")
	}
	fmt.Fprintln(tw, head)
	for _, c := range r.cmp.Sets {
		f := c.Figures
		streak, rest, hours, nights, run := "-", "-", "-", "-", "-"
		if c.Roster != nil {
			streak, rest = mma(f.StreakMin, f.StreakMax, f.StreakAvg), mma(f.RestMin, f.RestMax, f.RestAvg)
			hours, nights, run = fmtMinutes(f.WorkMinutes), strconv.Itoa(f.NightShifts), strconv.Itoa(f.NightRun)
		}
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", c.Name, tr(lang, "cmp.status."+c.Status.String()), peopleText(lang, c.Staffing), streak, rest, hours, nights, run)
		if r.roster != "" {
			line += "\t" + strconv.Itoa(len(c.Violations))
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	var notes []string
	for _, c := range r.cmp.Sets {
		if c.Status == solver.Infeasible {
			notes = append(notes, tr(lang, "cmp.infeasibleNote", c.Name, coreReason(lang, c.Core)))
		}
		if c.Status == solver.Unknown {
			notes = append(notes, tr(lang, "cmp.unknownNote", c.Name))
		}
		if c.Roster != nil && c.Figures.HistoryStreak > 0 {
			notes = append(notes, c.Name+": "+historyStreakNote(lang, c.Figures))
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
		fmt.Fprintln(&b, tr(lang, "cmp.ruleSets"))
		for i, c := range r.cmp.Sets {
			fmt.Fprintf(&b, "  %s = %s\n", c.Name, r.spec(i))
		}
	}
	if r.roster != "" {
		fmt.Fprintln(&b)
		fmt.Fprintln(&b, tr(lang, "cmp.rosterHead", r.roster))
		for _, c := range r.cmp.Sets {
			fmt.Fprintf(&b, "  %s: %s\n", c.Name, violationFamilies(lang, c.Violations))
		}
	}
	w.Write(b.Bytes())
}

// violationFamilies counts violations by rule family: "max_consecutive_days (jp-13days) 1, demand 2" or "none".
func violationFamilies(lang string, vs []constraints.Violation) string {
	if len(vs) == 0 {
		return tr(lang, "cmp.none")
	}
	var order []string
	n := map[string]int{}
	for _, v := range vs {
		f := familyIn(lang, v.Kind, v.Rule)
		if n[f] == 0 {
			order = append(order, f)
		}
		n[f]++
	}
	parts := make([]string, len(order))
	for i, f := range order {
		parts[i] = fmt.Sprintf("%s %d", f, n[f])
	}
	return strings.Join(parts, tr(lang, "txt.comma"))
}

// historyStreakNote says that a longer run lies wholly in last month's
// history, so that it is not read as the plan's.
func historyStreakNote(lang string, f solver.Figures) string {
	return tr(lang, "cmp.history", f.HistoryStreak, f.HistoryStreakStaff, spanIn(lang, f.HistoryStreakFrom, f.HistoryStreakTo))
}

// renderCompareCSV writes a header and one row per rule set.
func renderCompareCSV(w io.Writer, r *compareReport) error {
	cw := csv.NewWriter(w)
	head := []string{"rule_set", "status", "people_kind", "people", "people_proven", "people_lower_bound",
		"streak_min", "streak_max", "streak_avg", "rest_min", "rest_max", "rest_avg", "work_hours", "night_shifts", "violations", "reason", "history_streak", "night_run_max"}
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
			reason = coreReason("en", c.Core)
		}
		hist := ""
		if c.Roster != nil && f.HistoryStreak > 0 {
			hist = strconv.Itoa(f.HistoryStreak)
		}
		run := ""
		if c.Roster != nil {
			run = strconv.Itoa(f.NightRun)
		}
		cw.Write(append(row, v, reason, hist, run))
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
	// NightRun is the longest run of consecutive nights of one worker.
	NightRun   *nightRunJSON `json:"longest_night_run,omitempty"`
	Violations *int          `json:"violations,omitempty"`
	// HistoryStreak is a longer run lying wholly in last month's history.
	HistoryStreak *historyStreakJSON `json:"history_streak,omitempty"`
}

// nightRunJSON is the longest run of consecutive night shifts of one
// worker (days 0, staff and dates empty, when nobody works a night).
type nightRunJSON struct {
	Days  int    `json:"days"`
	Staff string `json:"staff,omitempty"`
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"`
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
			j.Reason = coreReason("en", c.Core)
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
			j.NightRun = &nightRunJSON{Days: f.NightRun}
			if f.NightRun > 0 {
				j.NightRun.Staff, j.NightRun.From, j.NightRun.To = string(f.NightRunStaff), f.NightRunFrom.String(), f.NightRunTo.String()
			}
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
