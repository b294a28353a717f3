package model

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func ptr[T any](v T) *T { return &v }

func TestLoadGood(t *testing.T) {
	const file = "testdata/good.yaml"
	sc, err := Load(file)
	if err != nil {
		t.Fatalf("Load(%s): %v", file, err)
	}
	D := MustDate
	want := &Scenario{
		File:           file,
		Name:           "Shibuya store, December 2026",
		Horizon:        DateRange{Start: D("2026-12-01"), End: D("2026-12-31")},
		WeekStart:      time.Monday,
		PublicHolidays: []Date{D("2026-12-23"), D("2026-12-29"), D("2026-12-30"), D("2026-12-31")},
		Shifts: []*ShiftType{
			{ID: "E", Name: "Early", Start: 7 * 60, End: 15*60 + 30, Break: 30},
			{ID: "L", Name: "Late", Start: 14 * 60, End: 24 * 60, Break: 60},
			{ID: "N", Name: "Night", Start: 22 * 60, End: 7 * 60, Break: 60},
			{ID: "D", Name: "D", Start: 9 * 60, End: 9 * 60},
		},
		Staff: []*Staff{
			{
				ID: "aoki", Name: "Aoki Ken", Skills: []string{"register", "lead"},
				Shifts: []ShiftID{"E", "L"},
				Unavailable: []Unavailable{
					{Date: D("2026-12-24")}, {Date: D("2026-12-25"), Shift: "L"},
					{Date: D("2026-12-26")}, {Date: D("2026-12-27")},
				},
				Leave:       []Date{D("2026-12-10"), D("2026-12-14"), D("2026-12-15")},
				RequestsOff: []Date{D("2026-12-31")},
				Fixed:       []Assignment{{Date: D("2026-12-01"), Shift: "E"}},
				Limits: Limits{
					MinDays: ptr(18), MaxDays: ptr(22), MaxHoursPerWeek: ptr(40.0),
					MaxShifts: map[ShiftID]int{"L": 5},
				},
				History: []HistoryDay{
					{Date: D("2026-11-29"), Shift: "N"},
					{Date: D("2026-11-30"), Leave: true},
					{Date: D("2026-11-27")},
				},
			},
			{ID: "ueda", Name: "ueda", Minor: true},
		},
		Demand: []*Demand{
			{Shift: "E", Min: 2},
			{Shift: "L", Min: 3, Max: ptr(4), Weekdays: []time.Weekday{time.Friday, time.Saturday}},
			{Shift: "L", Min: 4, Dates: []Date{D("2026-12-24")}},
			{Shift: "E", Min: 1, Skill: "lead", PublicHolidays: true},
		},
		Rules: []*RuleSpec{
			{Rule: "jp-4w4d", Anchor: ptr(D("2026-11-29"))},
			{Rule: "max_consecutive_days", Max: ptr(13.0), BusyPeriods: []BusyPeriod{
				{Range: DateRange{Start: D("2026-12-20"), End: D("2026-12-31")}, Max: 12},
			}},
			{Rule: "jp-driver", Hours: ptr(11.0), Reduced: &Reduced{Hours: 9, Max: ptr(2)}},
			{Rule: "uk-wtr", Alt: &AltRest{Hours: 48, Days: 14},
				Period:        &DateRange{Start: D("2027-04-01") - 365, End: D("2027-03-31")},
				ExtraAfter12h: ptr(true), Per: "week"},
		},
	}
	opts := cmp.Options{
		cmpopts.IgnoreUnexported(Scenario{}),
		cmpopts.IgnoreTypes(Pos{}),
		cmpopts.IgnoreFields(Staff{}, "LeavePos", "RequestsOffPos"),
		cmpopts.IgnoreFields(Limits{}, "Pos"),
		cmpopts.IgnoreFields(RuleSpec{}, "Keys", "Params"),
	}
	if diff := cmp.Diff(want, sc, opts); diff != "" {
		t.Errorf("Load(%s) mismatch (-want +got):\n%s", file, diff)
	}

	// Derived values: the night shift ends the next day, D lasts 24 h.
	if got := sc.Shift("N").WorkMinutes(); got != 8*60 {
		t.Errorf("N work minutes = %d, want 480", got)
	}
	if got := sc.Shift("D").Span(); got != 24*60 {
		t.Errorf("D span = %d, want 1440", got)
	}
	if got := sc.Shift("L").Span(); got != 10*60 {
		t.Errorf("L span = %d, want 600", got)
	}

	at := func(line, col int) Pos { return Pos{File: file, Line: line, Col: col} }
	aoki := sc.Staff[0]
	positions := []struct {
		name      string
		got, want any
	}{
		{"shifts[1].Pos", sc.Shifts[1].Pos, at(7, 5)},
		{"shifts[2].Pos", sc.Shifts[2].Pos, at(8, 5)},
		{"staff[0].Pos", aoki.Pos, at(11, 5)},
		{"staff[1].Pos", sc.Staff[1].Pos, at(25, 5)},
		{"unavailable", []Pos{aoki.Unavailable[0].Pos, aoki.Unavailable[1].Pos, aoki.Unavailable[3].Pos},
			[]Pos{at(16, 19), at(16, 31), at(16, 61)}},
		{"LeavePos", aoki.LeavePos, []Pos{at(17, 13), at(17, 25), at(17, 25)}},
		{"RequestsOffPos", aoki.RequestsOffPos, []Pos{at(18, 20)}},
		{"fixed", aoki.Fixed[0].Pos, at(19, 13)},
		{"limits.Pos", aoki.Limits.Pos, map[string]Pos{
			"min_days": at(20, 14), "max_days": at(20, 28), "max_hours_per_week": at(20, 42),
			"max_shifts": at(20, 66), "max_shifts.L": at(20, 79),
		}},
		{"history[1]", aoki.History[1].Pos, at(23, 9)},
		{"demand[3]", sc.Demand[3].Pos, at(31, 5)},
		{"rules[0]", sc.Rules[0].Pos, at(33, 5)},
		{"rules[0].Keys", sc.Rules[0].Keys, map[string]Pos{"anchor": at(33, 21)}},
		{"rules[1]", sc.Rules[1].Pos, at(34, 5)},
		{"rules[1].Keys", sc.Rules[1].Keys, map[string]Pos{"max": at(35, 5), "busy_periods": at(36, 5)}},
		{"busy_periods[0]", sc.Rules[1].BusyPeriods[0].Pos, at(36, 20)},
		{"reduced", sc.Rules[2].Reduced.Pos, at(37, 43)},
	}
	for _, p := range positions {
		if diff := cmp.Diff(p.want, p.got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", p.name, diff)
		}
	}
}

func TestLoadBadGolden(t *testing.T) {
	const file = "testdata/bad.yaml"
	before, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Load(file)
	if sc != nil {
		t.Errorf("Load(%s) returned a scenario with errors", file)
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load(%s) error %v (%T), want an ErrorList", file, err, err)
	}
	got := err.Error() + "\n"
	golden := strings.TrimSuffix(file, ".yaml") + ".golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
	for _, e := range list {
		if e.Pos.File != file || e.Pos.Line == 0 || e.Pos.Col == 0 {
			t.Errorf("error without a full position: %v", e)
		}
	}
	after, _ := os.ReadFile(file)
	if string(before) != string(after) {
		t.Errorf("Load modified %s", file)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "none.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) = %v, want an error wrapping os.ErrNotExist", err)
	}
}

// base is a valid scenario head; cases append staff, demand and rules.
const base = `horizon: {start: 2026-12-01, end: 2026-12-31}
shifts:
  - {id: E, start: "07:00", end: "15:00"}
  - {id: N, start: "22:00", end: "07:00"}
`

const oneStaff = "staff: [{id: a}]\n"

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // each error, as printed
	}{
		{"valid", base + oneStaff, nil},
		{"empty file", "", []string{`t.yaml:1:1: the file is empty; expected a scenario mapping with name, horizon, week_start, public_holidays, shifts, staff, demand, rules, soft, requests, history_from`}},
		{"not a mapping", "[1, 2]", []string{`t.yaml:1:1: expected a scenario (a mapping with fields name, horizon, week_start, public_holidays, shifts, staff, demand, rules, soft, requests, history_from), got a list`}},
		{"syntax", "horizon: [\n", []string{`t.yaml:1: invalid YAML: did not find expected node content; expected a well-formed YAML document`}},
		{"two documents", base + oneStaff + "---\nname: x\n", []string{`t.yaml:6:1: a second YAML document; expected a single scenario document`}},
		{"missing required", "name: x\n", []string{
			`t.yaml:1:1: horizon: missing required field; expected {start: DATE, end: DATE}`,
			`t.yaml:1:1: shifts: missing required field; expected a list of shift types`,
			`t.yaml:1:1: staff: missing required field; expected a list of people or a file {file: staff.xlsx}`,
		}},
		{"unknown nested", base + "staff: [{id: a, skils: [x]}]\n", []string{
			`t.yaml:5:17: staff[0]: unknown field "skils"; expected one of: id, name, skills, minor, shifts, unavailable, leave, requests_off, fixed, limits, history, requests_on, prefers, dislikes`,
		}},
		{"duplicate key", base + oneStaff + "name: a\nname: b\n", []string{
			`t.yaml:7:1: name: field given twice (first at line 6); expected it once`,
		}},
		{"horizon reversed", "horizon: {start: 2026-12-31, end: 2026-12-01}\nshifts: [{id: E, start: \"07:00\", end: \"15:00\"}]\n" + oneStaff, []string{
			`t.yaml:1:35: horizon.end: end 2026-12-01 is before start 2026-12-31; expected a date on or after it`,
		}},
		{"horizon too long", "horizon: {start: 2000-01-01, end: 2026-12-01}\nshifts: [{id: E, start: \"07:00\", end: \"15:00\"}]\n" + oneStaff, []string{
			`t.yaml:1:10: horizon: the horizon 2000-01-01..2026-12-01 is 9832 days long; expected at most 3660 days`,
		}},
		{"bad date", "horizon: {start: 2026-02-30, end: 2026-12-01}\nshifts: [{id: E, start: \"07:00\", end: \"15:00\"}]\n" + oneStaff, []string{
			`t.yaml:1:18: horizon.start: "2026-02-30" is not a date of the form YYYY-MM-DD`,
		}},
		{"number for string", base + "staff: [{id: 7}]\n", []string{
			`t.yaml:5:14: staff[0].id: expected a staff id, got the number 7 (quote it: "7")`,
		}},
		{"empty id", base + "staff: [{id: \"\"}]\n", []string{`t.yaml:5:14: staff[0].id: empty id; expected a staff id`}},
		{"24:00 start", "horizon: {start: 2026-12-01, end: 2026-12-31}\nshifts: [{id: E, start: \"24:00\", end: \"15:00\"}]\n" + oneStaff, []string{
			`t.yaml:2:25: shifts[0].start: "24:00" is not a time between 00:00 and 23:59`,
		}},
		{"break too long", "horizon: {start: 2026-12-01, end: 2026-12-31}\nshifts: [{id: E, start: \"07:00\", end: \"08:00\", break: 60}]\n" + oneStaff, []string{
			`t.yaml:2:55: shifts[0].break: a break of 60 minutes is not shorter than the shift's span of 60 minutes; expected less`,
		}},
		{"negative", base + oneStaff + "demand: [{shift: E, min: -2}]\n", []string{
			`t.yaml:6:26: demand[0].min: -2 is negative; expected a number of people (a whole number >= 0)`,
		}},
		{"fraction for int", base + oneStaff + "demand: [{shift: E, min: 1.5}]\n", []string{
			`t.yaml:6:26: demand[0].min: expected a number of people (a whole number >= 0), got the number 1.5`,
		}},
		{"unknown shift in unavailable", base + "staff: [{id: a, unavailable: [{date: 2026-12-03, shift: Z}]}]\n", []string{
			`t.yaml:5:57: staff[0].unavailable[0].shift: unknown shift "Z"; expected one of the shift ids defined under shifts: E, N`,
		}},
		{"unknown shift in max_shifts", base + "staff: [{id: a, limits: {max_shifts: {Z: 1}}}]\n", []string{
			`t.yaml:5:39: staff[0].limits.max_shifts: unknown shift "Z"; expected one of the shift ids defined under shifts: E, N`,
		}},
		{"range reversed", base + "staff: [{id: a, leave: [{from: 2026-12-05, to: 2026-12-03}]}]\n", []string{
			`t.yaml:5:48: staff[0].leave[0].to: to 2026-12-03 is before from 2026-12-05; expected a date on or after it`,
		}},
		{"fixed night touches unavailable day", base + "staff: [{id: a, unavailable: [2026-12-04], fixed: [{date: 2026-12-03, shift: N}]}]\n", []string{
			`t.yaml:5:52: staff[0].fixed[0]: shift N on 2026-12-03 touches the unavailable day 2026-12-04 (line 5); expected an available day`,
		}},
		{"fixed on unavailable pair", base + "staff: [{id: a, unavailable: [{date: 2026-12-03, shift: E}], fixed: [{date: 2026-12-03, shift: E}]}]\n", []string{
			`t.yaml:5:70: staff[0].fixed[0]: shift E on 2026-12-03 is marked unavailable (line 5); expected an available shift`,
		}},
		{"fixed twice", base + "staff: [{id: a, fixed: [{date: 2026-12-03, shift: E}, {date: 2026-12-03, shift: N}]}]\n", []string{
			`t.yaml:5:62: staff[0].fixed[1].date: 2026-12-03 is already fixed (line 5); expected one fixed shift per date`,
		}},
		{"fixed outside horizon", base + "staff: [{id: a, fixed: [{date: 2027-01-03, shift: E}]}]\n", []string{
			`t.yaml:5:32: staff[0].fixed[0].date: 2027-01-03 is outside the horizon 2026-12-01..2026-12-31; expected a date inside it`,
		}},
		{"history status and shift", base + "staff: [{id: a, history: [{date: 2026-11-30, shift: E, status: rest}]}]\n", []string{
			`t.yaml:5:56: staff[0].history[0]: both shift and status given; expected one of them`,
		}},
		{"history without either", base + "staff: [{id: a, history: [{date: 2026-11-30}]}]\n", []string{
			`t.yaml:5:27: staff[0].history[0]: neither shift nor status given; expected shift: ID or status: leave|rest`,
		}},
		{"merge key", base + oneStaff + "demand: [{<<: {shift: E}}]\n", []string{
			`t.yaml:6:11: demand[0]: merge keys (<<) are not supported; expected the fields written out`,
			`t.yaml:6:10: demand[0].shift: missing required field; expected a shift id`,
		}},
		{"alias cycle", base + oneStaff + "demand: &d [*d]\n", []string{
			`t.yaml:6:9: an alias refers to a node that contains it; expected an acyclic document`,
		}},
		{"fixed on leave day", base + "staff: [{id: a, leave: [2026-12-03], fixed: [{date: 2026-12-03, shift: E}]}]\n", []string{
			`t.yaml:5:46: staff[0].fixed[0]: shift E on 2026-12-03 touches the leave day 2026-12-03 (line 5); expected a day that is not leave`,
		}},
		{"unknown shifts in fixed and history", base + "staff: [{id: a, fixed: [{date: 2026-12-03, shift: Q}], history: [{date: 2026-11-30, shift: R}]}]\n", []string{
			`t.yaml:5:51: staff[0].fixed[0].shift: unknown shift "Q"; expected one of the shift ids defined under shifts: E, N`,
			`t.yaml:5:92: staff[0].history[0].shift: unknown shift "R"; expected one of the shift ids defined under shifts: E, N`,
		}},
		{"unavailable outside horizon", base + "staff: [{id: a, unavailable: [2026-11-30]}]\n", []string{
			`t.yaml:5:31: staff[0].unavailable[0]: 2026-11-30 is outside the horizon 2026-12-01..2026-12-31; expected a date inside it`,
		}},
		{"aliases allowed", base + "staff: [{id: a, leave: &l [2026-12-02]}, {id: b, leave: *l}]\n", nil},
		{"demand skill nobody has is fine", base + oneStaff + "demand: [{shift: E, skill: nobody, min: 1}]\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Parse("t.yaml", []byte(tt.yaml))
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
				if sc != nil {
					t.Errorf("Parse returned both a scenario and errors")
				}
			} else if sc == nil {
				t.Fatalf("Parse returned neither a scenario nor an error")
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Pos: Pos{File: "s.yaml", Line: 3, Col: 7}, Path: "demand[0].shift", Msg: "bad"}, "s.yaml:3:7: demand[0].shift: bad"},
		{&Error{Pos: Pos{File: "s.yaml", Line: 3}, Msg: "bad"}, "s.yaml:3: bad"},
		{&Error{Path: "x", Msg: "bad"}, "x: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	var empty ErrorList
	if empty.Err() != nil {
		t.Errorf("empty ErrorList.Err() = %v, want nil", empty.Err())
	}
	l := ErrorList{
		{Pos: Pos{File: "a", Line: 2, Col: 1}, Msg: "second"},
		{Pos: Pos{File: "a", Line: 1, Col: 5}, Msg: "first"},
	}
	l.Sort()
	if got, want := l.Err().Error(), "a:1:5: first\na:2:1: second"; got != want {
		t.Errorf("sorted list = %q, want %q", got, want)
	}
}
