package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// TestLimitsHoursHMM: limits shows hours as H:MM like every other output,
// never as decimal hours ("7.75 h").
func TestLimitsHoursHMM(t *testing.T) {
	isolate(t)
	shifts := writeScenario(t, "shifts.yaml", `name: shifts
horizon: {start: 2026-12-01, end: 2026-12-07}
shifts:
  - {id: D, start: "08:00", end: "16:30", break: 45}
staff:
  - {id: a}
`)
	code, out, errOut := runCmd(t, "limits", "--rules", "jp-weekly", "--shifts", shifts)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"D 08:00-16:30 (break 45 min, 7:45 h of work)", "54:15 h", "15:30 h"} {
		if !strings.Contains(out, want) {
			t.Errorf("limits output lacks %q:\n%s", want, out)
		}
	}
	if m := regexp.MustCompile(`\d+\.\d+ h`).FindString(out); m != "" {
		t.Errorf("limits output has decimal hours %q:\n%s", m, out)
	}
}

// TestFairnessHoursShown: the fairness line shows each person's hours as
// the per-person table does (H:MM), and the units the cost counts apart.
func TestFairnessHoursShown(t *testing.T) {
	isolate(t)
	text := strings.Replace(smallScenario, "break: 30", "break: 60", 1) + "soft: {fairness: {hours: 1}}\n"
	path := writeScenario(t, "fair.yaml", text)
	code, out, errOut := runCmd(t, "plan", path, "--time-limit", "20s")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// E works 7:30 h and N 8:00 h: units of 30 min would pass 64, so the
	// unit is coarser and each shift is rounded.
	line := regexp.MustCompile(`(?m)^    hours: .*$`).FindString(out)
	re := regexp.MustCompile(`^    hours: aoki (\d+:\d\d), ueda (\d+:\d\d), sato (\d+:\d\d); the cost counts units of \d+:\d\d h, each shift rounded to the nearest unit \(\d+, \d+, \d+\): spread \d+ units?, weight 1 `)
	m := re.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("fairness hours line %q does not match %s\n%s", line, re, out)
	}
	for i, id := range []string{"aoki", "ueda", "sato"} {
		row := regexp.MustCompile(`(?m)^  `+id+`\s.*$`).FindAllString(out, -1)
		if len(row) == 0 || !strings.Contains(row[len(row)-1], " "+m[i+1]+" ") {
			t.Errorf("%s: fairness says %s, the per-person table says %q", id, m[i+1], row)
		}
	}
}

// TestSingularForms: one requirement, one person.
func TestSingularForms(t *testing.T) {
	one := &explainReport{lang: "en", ex: &solver.Explanation{Status: solver.Infeasible, Minimal: true,
		Core: []constraints.Provenance{{Kind: "demand", Rule: "demand"}}}, sc: &model.Scenario{}}
	oneJA := *one
	oneJA.lang = "ja"
	got := map[string]string{
		"summary":         one.summary(),
		"summary ja":      oneJA.summary(),
		"figure 1 people": figure(1, "people"),
		"figure 2 people": figure(2, "people"),
		"People 1":        constraints.People(1, ""),
		"People 1 skill":  constraints.People(1, "lead"),
		"People 3":        constraints.People(3, ""),
	}
	want := map[string]string{
		"summary":         "no roster satisfies every rule: this requirement cannot hold (a minimal set: drop any one and the rest can be met): demand",
		"summary ja":      "すべてのルールを満たす勤務表はありません。次の条件を満たせません（最小の組: どれか1つを外せば残りは満たせます）: 必要人数",
		"figure 1 people": "1 person",
		"figure 2 people": "2 people",
		"People 1":        "1 person",
		"People 1 skill":  "1 person with skill lead",
		"People 3":        "3 people",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestWaySentence: steps on one demand cell or limit become one change;
// an added person without skills has no "(skills: )".
func TestWaySentence(t *testing.T) {
	sc := &model.Scenario{Horizon: model.DateRange{Start: model.MustDate("2026-12-01"), End: model.MustDate("2026-12-31")},
		Shifts: []*model.ShiftType{{ID: "L", Name: "Late"}}, Staff: []*model.Staff{{ID: "aoki"}}}
	d := model.MustDate("2026-12-04")
	tests := []struct {
		name string
		cs   []solver.Change
		want string
	}{
		{"two steps on one cell", []solver.Change{
			{Kind: solver.LowerDemand, Date: d, Shift: "L", Old: 4, New: 3, Unit: "people"},
			{Kind: solver.LowerDemand, Date: d, Shift: "L", Old: 3, New: 2, Unit: "people"}},
			"Lower the demand for the Late shift (L) on Fri 4 Dec from 4 to 2."},
		{"steps in reverse order", []solver.Change{
			{Kind: solver.RaiseLimit, Staff: "aoki", Rule: "max_days", Old: 21, New: 22},
			{Kind: solver.RaiseLimit, Staff: "aoki", Rule: "max_days", Old: 20, New: 21}},
			"Loosen aoki's personal limit max_days from 20 to 22."},
		{"two cells stay apart", []solver.Change{
			{Kind: solver.LowerDemand, Date: d, Shift: "L", Old: 4, New: 3, Unit: "people"},
			{Kind: solver.LowerDemand, Date: d + 1, Shift: "L", Old: 4, New: 3, Unit: "people"}},
			"Lower the demand for the Late shift (L) on Fri 4 Dec from 4 to 3. Lower the demand for the Late shift (L) on Sat 5 Dec from 4 to 3."},
		{"no skills", []solver.Change{{Kind: solver.AddPerson, Staff: "aoki", From: d, Until: d}},
			"Add one more person like aoki on Fri 4 Dec."},
	}
	r := &explainReport{lang: "en", sc: sc}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, r.waySentence(solver.WayOut{Changes: tt.cs})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestCalendarLegend: the legend lists the scenario's shift types and
// explains "?" when the calendar shows it.
func TestCalendarLegend(t *testing.T) {
	f, err := filepath.Abs(filepath.Join("..", "..", "examples", "infeasible-4w4d.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f); err != nil {
		t.Fatal(err)
	}
	isolate(t)
	_, out, _ := runCmd(t, "explain", f, "--max-ways", "0")
	for _, want := range []string{"  (D: a shift already worked or fixed;", "? unknown: before the person's earliest known day"} {
		if !strings.Contains(out, want) {
			t.Errorf("legend lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "E, L, N") {
		t.Errorf("legend names shift types the scenario does not have:\n%s", out)
	}
}

// TestDemandLabels: each demand line has its own label in the grid.
func TestDemandLabels(t *testing.T) {
	two, four, six := 2, 4, 6
	d := model.MustDate
	tests := []struct {
		name string
		ds   []*model.Demand
		want []string
	}{
		{"store", []*model.Demand{
			{Shift: "L", Min: 2, Max: &four},
			{Shift: "L", Min: 3, Weekdays: []time.Weekday{time.Friday, time.Saturday}},
			{Shift: "L", Min: 3, Dates: []model.Date{d("2026-12-24")}},
			{Shift: "E", Min: 3, Dates: []model.Date{d("2026-12-23"), d("2026-12-24"), d("2026-12-25")}},
		}, []string{"L 2-4", "L min 3 (Fri, Sat)", "L min 3 (24 Dec)", "E min 3 (23-25 Dec)"}},
		{"hospital", []*model.Demand{
			{Shift: "D", Min: 4, Max: &six, Weekdays: []time.Weekday{time.Saturday, time.Sunday}},
			{Shift: "D", Min: 4, Max: &six, PublicHolidays: true},
			{Shift: "D", Min: 4, Max: &six, Weekdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
				Dates: []model.Date{d("2026-12-31"), d("2027-01-01")}},
		}, []string{"D 4-6 (Sat, Sun)", "D 4-6 (holidays)", "D 4-6 (Mon-Fri; 31 Dec-1 Jan)"}},
		{"identical lines get their numbers", []*model.Demand{
			{Shift: "E", Min: 2}, {Shift: "E", Min: 1, Skill: "lead"}, {Shift: "E", Min: 2},
			{Shift: "N", Min: 0, Max: &two, Dates: []model.Date{d("2026-12-01"), d("2026-12-03"), d("2026-12-05")}},
		}, []string{"E min 2 #1", "E min 1 [lead]", "E min 2 #3", "N max 2 (3 dates)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, demandLabels("en", tt.ds)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for _, f := range []string{"store.yaml", "hospital.yaml", "factory.yaml", "store-preferences.yaml"} {
		sc, err := model.Load(filepath.Join("..", "..", "examples", f))
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, l := range demandLabels("en", sc.Demand) {
			if seen[l] {
				t.Errorf("%s: two demand lines labelled %q", f, l)
			}
			seen[l] = true
		}
	}
}

// TestTabTable: columns after a Japanese cell stay aligned (text/tabwriter
// counted a Japanese character as one column).
func TestTabTable(t *testing.T) {
	var b strings.Builder
	tw := newTabTable(&b)
	tw.Write([]byte("rule set\tas given\n病棟\tfeasible\njp-weekly\tfeasible\n"))
	tw.Flush()
	want := "rule set   as given\n病棟       feasible\njp-weekly  feasible\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
