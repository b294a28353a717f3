package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// checkDir is the absolute path of testdata/check, taken before any test
// changes directory (isolate).
var checkDir, _ = filepath.Abs(filepath.Join("testdata", "check"))

// checkFixture is the path of a file of testdata/check.
func checkFixture(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(checkDir, name)
}

// checkJSON runs `check ... --format json` and returns the exit code and the
// violations as "kind staff from..to measured/limit" lines.
func checkJSON(t *testing.T, args ...string) (int, []string) {
	t.Helper()
	code, out, errOut := runCmd(t, append(append([]string{"check"}, args...), "--format", "json")...)
	if code != exitOK && code != exitViolations {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	var res jsonCheck
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if (code == exitOK) != (res.Status == "clean") || res.Count != len(res.Violations) {
		t.Errorf("exit %d with status %q and count %d of %d", code, res.Status, res.Count, len(res.Violations))
	}
	var got []string
	for _, v := range res.Violations {
		line := fmt.Sprintf("%s %s %s..%s", v.Kind, v.Staff, v.From, v.To)
		if v.Measured != nil {
			line += fmt.Sprintf(" %d/%d", *v.Measured, *v.Limit)
		}
		got = append(got, line)
	}
	return code, got
}

// TestCheckFixtures audits the fixture roster and timesheet of
// testdata/check under one rule at a time (--replace-rules --rules). Every
// expected violation is counted by hand; the comments say how. Dates: the
// week starts on Sunday, 2026-11-29, 12-06 and 12-13 are Sundays.
//
// roster.csv (aoki also worked D 11-23..11-30, the history):
//
//	      1 2 3 4 5 6 7 8 9 10 11 12 13 14
//	aoki  D D D D D . E N D .  .  D  D  .
//	ueda  N N N . . . D D D D  D  .  .  .
//
// times.csv: aoki D 11-30 until 23:30, D 12-01 09:00-18:00, D 12-02
// 09:00-01:30 (across midnight), D 12-03; ueda N 12-01, N 12-02
// 21:00-09:30 with a 20 min break.
func TestCheckFixtures(t *testing.T) {
	isolate(t)
	scen, roster, times := checkFixture(t, "audit.yaml"), checkFixture(t, "roster.csv"), checkFixture(t, "times.csv")
	tests := []struct {
		name  string
		input []string // roster and/or --actuals
		rules string
		want  []string
	}{
		// The scenario has no rules: only the built-in requirements, all met.
		{"no rules", []string{roster}, "", nil},
		// aoki: 11-23..12-05 is 8 history days + 5 = 13 days without rest.
		{"max_consecutive_days across the month boundary", []string{roster}, "max_consecutive_days:max=12",
			[]string{"max_consecutive_days aoki 2026-11-23..2026-12-05 13/12"}},
		{"max_consecutive_days at the cap", []string{roster}, "jp-13days", nil},
		// Week 11-29..12-05: aoki worked every day (history 11-29, 11-30).
		// ueda's first week has 2 unknown days, so it needs no rest day.
		{"holidays weekly", []string{roster}, "jp-weekly",
			[]string{"holidays aoki 2026-11-29..2026-12-05 0/1"}},
		// aoki: N ends 12-09 07:00, D starts 09:00 (2 h). Every other gap
		// is 15 h or more (E 12-07 ends 15:00, N 12-08 starts 22:00: 31 h).
		{"rest_interval", []string{roster}, "rest_interval:hours=11",
			[]string{"rest_interval aoki 2026-12-08..2026-12-09 120/660"}},
		// Within 24 h of aoki's N start (12-08 22:00): 07:00-09:00 (2 h),
		// then 18:00-22:00 (4 h). After every other start 15 h or more.
		{"rest_within", []string{roster}, "rest_within:window_hours=24,rest_hours=12",
			[]string{"rest_within aoki 2026-12-08..2026-12-09 240/720"}},
		// Week 11-29..12-05: aoki's longest rest is 18:00-09:00 (15 h);
		// 11-29's 9 h from midnight is shorter; later weeks hold 63 h.
		// Week 12-06..12-12: ueda rests from the week's start (00:00) to
		// D 12-07 09:00 (33 h), and from 12-11 18:00 to its end (30 h).
		{"weekly_rest", []string{roster}, "weekly_rest:hours=35,days=7",
			[]string{"weekly_rest aoki 2026-11-29..2026-12-05 900/2100", "weekly_rest ueda 2026-12-06..2026-12-12 1980/2100"}},
		// Week 11-29..12-05: aoki 7 D starts x 8 h = 56 h. ueda's week
		// 12-06..12-12 has exactly 40 h.
		{"max_hours per week", []string{roster}, "max_hours:max=40,per=week",
			[]string{"max_hours aoki 2026-11-29..2026-12-05 3360/2400"}},
		// Horizon: aoki 10 shifts x 7-8 h (E is 7 h) = 79 h; ueda 8 x 8 = 64 h.
		{"min_hours", []string{roster}, "min_hours:min=70", []string{"min_hours ueda 2026-12-01..2026-12-14 3840/4200"}},
		{"max_days", []string{roster}, "max_days:max=9", []string{"max_days aoki 2026-12-01..2026-12-14 10/9"}},
		{"min_days", []string{roster}, "min_days:min=9", []string{"min_days ueda 2026-12-01..2026-12-14 8/9"}},
		// ueda works 3 nights, aoki 1.
		{"night_work", []string{roster}, "night_work:max=2", []string{"night_work ueda 2026-12-01..2026-12-14 3/2"}},
		// Timesheet. aoki: 11-30 ends 23:30, 12-01 starts 09:00 (9 h 30,
		// across the month boundary); 12-02 ends 12-03 01:30 (across
		// midnight), 12-03 starts 09:00 (7 h 30). ueda: 07:00 to 21:00.
		{"actual rest_interval", []string{"--actuals", times}, "interval-11h",
			[]string{"rest_interval aoki 2026-11-30..2026-12-01 570/660", "rest_interval aoki 2026-12-02..2026-12-03 450/660"}},
		// aoki 12-02: 16 h 30 - 60 min = 15 h 30; ueda 12-02: 12 h 30 - 20
		// min = 12 h 10. ueda 12-01: 8 h.
		{"actual hours per day", []string{"--actuals", times}, "max_hours:max=10,per=day",
			[]string{"max_hours aoki 2026-12-02..2026-12-02 930/600", "max_hours ueda 2026-12-02..2026-12-02 730/600"}},
		// Over 8 h needs 60 min: ueda took 20. With 90 min after 12 h,
		// aoki's 60 min on 12-02 falls short too.
		{"actual breaks", []string{"--actuals", times}, "breaks",
			[]string{"breaks ueda 2026-12-02..2026-12-02 20/60"}},
		{"actual breaks over 12 h", []string{"--actuals", times}, "breaks:extra_after_12h=true",
			[]string{"breaks aoki 2026-12-02..2026-12-02 60/90", "breaks ueda 2026-12-02..2026-12-02 20/90"}},
		// Timesheet: aoki's 12-02 shift touches 12-03, so 11-23..12-03 is
		// 11 days in a row.
		{"actual consecutive days", []string{"--actuals", times}, "max_consecutive_days:max=10",
			[]string{"max_consecutive_days aoki 2026-11-23..2026-12-03 11/10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{scen}, tt.input...)
			if tt.rules != "" {
				args = append(args, "--replace-rules", "--rules", tt.rules)
			}
			code, got := checkJSON(t, args...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
			if want := map[bool]int{true: exitOK, false: exitViolations}[len(tt.want) == 0]; code != want {
				t.Errorf("exit %d, want %d", code, want)
			}
		})
	}
}

// TestCheckRulesFile adds the rules of a YAML file to the scenario's.
func TestCheckRulesFile(t *testing.T) {
	isolate(t)
	_, got := checkJSON(t, checkFixture(t, "audit.yaml"), checkFixture(t, "roster.csv"), "--rules-file", checkFixture(t, "rules.yaml"))
	want := []string{"rest_interval aoki 2026-12-08..2026-12-09 120/660", "night_work ueda 2026-12-01..2026-12-14 3/2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}

// TestCheckText checks the text report: grouped by person, hours as H:MM.
func TestCheckText(t *testing.T) {
	isolate(t)
	code, out, _ := runCmd(t, "check", checkFixture(t, "audit.yaml"), "--actuals", checkFixture(t, "times.csv"), "--rules", "interval-11h")
	if code != exitViolations {
		t.Fatalf("exit %d, want %d", code, exitViolations)
	}
	for _, want := range []string{
		"result: 2 violations (1 person)\n",
		"\naoki (Aoki Ken): 2 violations\n",
		"  rest_interval (interval-11h) 2026-11-30..2026-12-01 shift D: 9:30 h (limit 11:00 h)\n",
		"  rest_interval (interval-11h) 2026-12-02..2026-12-03 shift D: 7:30 h (limit 11:00 h)\n",
		"    source: rest interval between shifts",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd(t, "check", checkFixture(t, "audit.yaml"), checkFixture(t, "roster.csv"), "--format", "csv",
		"--replace-rules", "--rules", "night_work:max=2")
	wantCSV := "staff,kind,rule,from,to,shift,measured,limit,unit,message,citation\n" +
		"ueda,night_work,night_work,2026-12-01,2026-12-14,,3,2,night shifts,Ueda Mai works 3 night shifts (22:00-05:00) in 2026-12-01..2026-12-14; at most 2 allowed,night work 22:00-05:00 (Labour Standards Act Art. 37(4))\n"
	if code != exitViolations || out != wantCSV {
		t.Errorf("csv: exit %d, output (-want +got):\n%s", code, cmp.Diff(wantCSV, out))
	}
}

// TestCheckBadInput checks exit 2 and file:line messages for bad input.
func TestCheckBadInput(t *testing.T) {
	dir := isolate(t)
	scen := checkFixture(t, "audit.yaml")
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("staff,2026-12-01\naoki,Q\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want []string // substrings of stderr
	}{
		{"bad roster", []string{scen, bad}, []string{
			bad + ":1:1: header: no column for 2026-12-02",
			bad + `:2:6: aoki 2026-12-01: unknown shift id "Q"; expected a shift id of the scenario (D, N, E), LV or an empty cell`,
			bad + ":3: ueda: no row for ueda"}},
		{"bad rules flag", []string{scen, checkFixture(t, "roster.csv"), "--rules", "max_consecutive_days:max=x,jp-weekly:anchr=2026-11-29"}, []string{
			`--rules:1: rules[0].max: expected a bound (a number >= 0), got "x"`,
			`--rules:2: rules[1].anchr: parameter "anchr" does not apply to rule "jp-weekly"; it accepts: anchor, holiday_work`}},
		{"unknown rule", []string{scen, checkFixture(t, "roster.csv"), "--rules", "jp-weekly,nonsense"}, []string{
			`--rules:2: rules[1].rule: unknown rule "nonsense"`}},
		{"parameter first", []string{scen, checkFixture(t, "roster.csv"), "--rules", "max=3"}, []string{
			`--rules: parameter "max=3" comes before any rule name`}},
		{"no roster", []string{scen}, []string{"check needs a roster CSV or --actuals"}},
		{"missing file", []string{scen, filepath.Join(dir, "nope.csv")}, []string{"roster " + filepath.Join(dir, "nope.csv") + " does not exist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCmd(t, append([]string{"check"}, tt.args...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
}

// TestRosterCSVRoundTrip plans a roster, writes it with the real CSV
// writer, reads it back with model.ReadRosterCSV and writes it again: the
// bytes and the starts must be the same (with and without a BOM).
func TestRosterCSVRoundTrip(t *testing.T) {
	for _, text := range []string{smallScenario, propIntervalScenario} {
		sc, rules := propLoad(t, text)
		res, err := solver.Solve(context.Background(), sc, rules, solver.Options{})
		if err != nil || res.Status != solver.Feasible {
			t.Fatalf("solve: %v %v", res.Status, err)
		}
		for _, bom := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s bom=%v", sc.Name, bom), func(t *testing.T) {
				var first bytes.Buffer
				if err := renderCSV(&first, &report{sc: sc, rules: rules, res: res}, bom); err != nil {
					t.Fatal(err)
				}
				ro, err := model.ReadRosterCSV("r.csv", bytes.NewReader(first.Bytes()), sc)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(res.Roster.Starts, ro.Starts); diff != "" {
					t.Errorf("starts read back (-want +got):\n%s", diff)
				}
				var second bytes.Buffer
				if err := renderCSV(&second, &report{sc: sc, rules: rules, res: &solver.Result{Status: solver.Feasible, Roster: ro}}, bom); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(first.String(), second.String()); diff != "" {
					t.Errorf("CSV written again (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// Scenarios of the property test: each has one rule that a one-cell flip
// of a planned roster can break, and nothing else that the flip can break
// (demand has no maximum).
const (
	propRequestScenario = `name: requests
horizon: {start: 2026-12-01, end: 2026-12-10}
shifts:
  - {id: D, start: "09:00", end: "18:00", break: 60}
staff:
  - {id: aoki, requests_off: [2026-12-03, 2026-12-07]}
  - {id: ueda}
  - {id: sato}
demand:
  - {shift: D, min: 2}
`
	propCapScenario = `name: cap
horizon: {start: 2026-12-01, end: 2026-12-14}
shifts:
  - {id: D, start: "09:00", end: "18:00", break: 60}
staff:
  - {id: aoki}
  - {id: ueda}
  - {id: sato}
demand:
  - {shift: D, min: 2}
rules:
  - {rule: jp-13days}
`
	propIntervalScenario = `name: interval
horizon: {start: 2026-12-01, end: 2026-12-14}
shifts:
  - {id: E, start: "07:00", end: "15:00", break: 60}
  - {id: L, start: "15:00", end: "23:00", break: 60}
staff:
  - {id: aoki}
  - {id: ueda}
  - {id: sato, fixed: [{date: 2026-12-05, shift: L}]}
  - {id: kato}
demand:
  - {shift: E, min: 1}
  - {shift: L, min: 1}
rules:
  - {rule: interval-11h}
`
)

// propLoad parses and compiles a scenario of the property test.
func propLoad(t *testing.T, text string) (*model.Scenario, []constraints.Rule) {
	t.Helper()
	sc, err := model.Parse("prop.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	return sc, rules
}

// TestCheckPlanProperty: the roster plan produces is clean under check;
// flipping one cell (or, for the 13-day cap, a person's rest days) to break
// a chosen rule makes check report that rule and nothing else.
func TestCheckPlanProperty(t *testing.T) {
	dir := isolate(t)
	tests := []struct {
		name, scenario string
		// flip changes the roster to break the rule; it fails the test when
		// the roster offers no cell to flip.
		flip     func(t *testing.T, sc *model.Scenario, ro *model.Roster)
		wantKind string
	}{
		{"shift on a requested-off day", propRequestScenario, func(t *testing.T, sc *model.Scenario, ro *model.Roster) {
			ro.Set("aoki", model.MustDate("2026-12-07"), "D")
		}, "requests_off"},
		{"no rest day in 14 under jp-13days", propCapScenario, func(t *testing.T, sc *model.Scenario, ro *model.Roster) {
			for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
				ro.Set("ueda", d, "D")
			}
		}, "max_consecutive_days"},
		{"late then early under interval-11h", propIntervalScenario, func(t *testing.T, sc *model.Scenario, ro *model.Roster) {
			for _, p := range sc.Staff {
				for d := sc.Horizon.Start; d < sc.Horizon.End; d++ {
					_, next := ro.Starts[p.ID][d+1]
					// E after L: 8 h of rest; E ends 15:00, 16 h before any
					// start of the day after.
					if ro.Starts[p.ID][d] == "L" && !next {
						ro.Set(p.ID, d+1, "E")
						return
					}
				}
			}
			t.Fatal("no late shift followed by a day without a start")
		}, "rest_interval"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, rules := propLoad(t, tt.scenario)
			scen := filepath.Join(dir, sc.Name+".yaml")
			if err := os.WriteFile(scen, []byte(tt.scenario), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := solver.Solve(context.Background(), sc, rules, solver.Options{})
			if err != nil || res.Status != solver.Feasible {
				t.Fatalf("solve: %v %v", res.Status, err)
			}
			write := func(name string, ro *model.Roster) string {
				var buf bytes.Buffer
				if err := renderCSV(&buf, &report{sc: sc, rules: rules, res: &solver.Result{Status: solver.Feasible, Roster: ro}}, false); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(dir, sc.Name+"-"+name+".csv")
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return path
			}
			if code, got := checkJSON(t, scen, write("plan", res.Roster)); code != exitOK || len(got) > 0 {
				t.Fatalf("the planned roster: exit %d, violations %v; want clean", code, got)
			}
			flipped := model.NewRoster(sc)
			for p, days := range res.Roster.Starts {
				for d, s := range days {
					flipped.Set(p, d, s)
				}
			}
			tt.flip(t, sc, flipped)
			_, got := checkJSON(t, scen, write("flipped", flipped))
			kinds := map[string]bool{}
			for _, v := range got {
				kinds[strings.Fields(v)[0]] = true
			}
			var ks []string
			for k := range kinds {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			if diff := cmp.Diff([]string{tt.wantKind}, ks); diff != "" {
				t.Errorf("kinds reported after the flip (-want +got):\n%s\nviolations: %v", diff, got)
			}
		})
	}
}

// TestIntervalSeed003 runs `interval` on seed 003's example: planned
// 09:00-18:00, the rest (11 h after 23:30) ends 10:30. The end stays
// (10:30-18:00, 1 h 30 min deemed worked) or moves (10:30-19:30).
func TestIntervalSeed003(t *testing.T) {
	dir := isolate(t)
	times := filepath.Join(dir, "times.csv")
	if err := os.WriteFile(times, []byte("staff,date,start,end,shift\naoki,2026-12-01,09:00,23:30,D\naoki,2026-12-02,10:30,18:00,D\nueda,2026-12-01,09:00,18:00,D\nueda,2026-12-02,09:00,18:00,D\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	scen := checkFixture(t, "audit.yaml")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"end stays, deemed worked", []string{"--deemed-worked"},
			"aoki,2026-12-02,D,2026-12-01T23:30,2026-12-02T10:30,2026-12-02T09:00,2026-12-02T18:00,2026-12-02T10:30,2026-12-02T18:00,false,false,false,90,90,2026-12-02T10:30,2026-12-02T18:00,true\n"},
		{"end moves", []string{"--end", "moves", "--end-cap", "22:00", "--deemed-worked"},
			"aoki,2026-12-02,D,2026-12-01T23:30,2026-12-02T10:30,2026-12-02T09:00,2026-12-02T18:00,2026-12-02T10:30,2026-12-02T19:30,true,false,false,0,0,2026-12-02T10:30,2026-12-02T18:00,true\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, append([]string{"interval", scen, "--actuals", times, "--hours", "11", "--format", "csv"}, tt.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", code, errOut)
			}
			want := strings.Join(intervalColumns, ",") + "\n" + tt.want
			if diff := cmp.Diff(want, out); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
	// The text form, and exit 5 when the shift starts inside the rest.
	early := filepath.Join(dir, "early.csv")
	if err := os.WriteFile(early, []byte("staff,date,start,end,shift\naoki,2026-12-01,09:00,23:30,D\naoki,2026-12-02,09:00,18:00,D\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd(t, "interval", scen, "--actuals", early, "--deemed-worked")
	for _, want := range []string{
		"policy: 11:00 h rest; end stays; lost time deemed worked\n",
		"aoki 2026-12-02 D: previous end 2026-12-01T23:30, rest until 10:30\n",
		"  planned 09:00-18:00 -> 10:30-18:00 (end stays); 1:30 h lost, 1:30 h deemed worked\n",
		"  actual 09:00-18:00: started 1:30 h before the end of the rest\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code != exitViolations {
		t.Errorf("exit %d, want %d", code, exitViolations)
	}
}
