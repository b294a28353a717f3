package model

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// csvScenario is a one-week scenario for the CSV readers: a day and a night
// shift, two people, aoki with leave on 12-03 and a fixed shift on 12-05,
// and a history from 11-29.
const csvScenario = `horizon: {start: 2026-12-01, end: 2026-12-07}
shifts:
  - {id: D, start: "09:00", end: "18:00", break: 60}
  - {id: N, start: "22:00", end: "07:00", break: 60}
staff:
  - id: aoki
    leave: [2026-12-03]
    fixed: [{date: 2026-12-05, shift: D}]
    history: [{date: 2026-11-29, shift: N}, {date: 2026-11-30, status: leave}]
  - {id: ueda}
`

func csvTestScenario(t testing.TB) *Scenario {
	t.Helper()
	sc, err := Parse("sc.yaml", []byte(csvScenario))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// errLines returns the error's lines (an ErrorList prints one per line).
func errLines(err error) []string {
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

const rosterHeader = "staff,2026-12-01,2026-12-02,2026-12-03,2026-12-04,2026-12-05,2026-12-06,2026-12-07\n"

func TestReadRosterCSV(t *testing.T) {
	sc := csvTestScenario(t)
	d := MustDate
	tests := []struct {
		name   string
		csv    string
		starts map[StaffID]map[Date]ShiftID // the roster read, when no error
		errs   []string
	}{
		{
			name: "good, with BOM, spaces and LV on leave",
			csv:  "\ufeff" + rosterHeader + "aoki,D, N ,LV,,D,,\nueda,,,,,,,N\n",
			starts: map[StaffID]map[Date]ShiftID{
				"aoki": {d("2026-12-01"): "D", d("2026-12-02"): "N", d("2026-12-05"): "D"},
				"ueda": {d("2026-12-07"): "N"},
			},
		},
		{
			name: "empty cell on a leave day is accepted; CRLF line ends",
			csv:  strings.ReplaceAll(rosterHeader+"aoki,,,,,D,,\nueda,,,,,,,\n", "\n", "\r\n"),
			starts: map[StaffID]map[Date]ShiftID{
				"aoki": {d("2026-12-05"): "D"},
				"ueda": {},
			},
		},
		{
			name: "columns in another order",
			csv:  "staff,2026-12-07,2026-12-06,2026-12-05,2026-12-04,2026-12-03,2026-12-02,2026-12-01\naoki,,,D,,,,N\nueda,D,,,,,,\n",
			starts: map[StaffID]map[Date]ShiftID{
				"aoki": {d("2026-12-05"): "D", d("2026-12-01"): "N"},
				"ueda": {d("2026-12-07"): "D"},
			},
		},
		{
			name: "empty file",
			csv:  "",
			errs: []string{"r.csv:1: the file is empty; expected a header staff,2026-12-01,... and one row per person"},
		},
		{
			name: "every bad cell at once",
			csv: rosterHeader +
				"aoki,D,X,,LV,,,\n" + // line 2: unknown shift X; LV on a non-leave day
				"sato,D,,,,,,\n" + // line 3: unknown person
				"ueda,D,,\n" + // line 4: too few cells
				"aoki,,,,,,,\n", // line 5: duplicate
			errs: []string{
				`r.csv:2:8: aoki 2026-12-02: unknown shift id "X"; expected a shift id of the scenario (D, N), LV or an empty cell`,
				`r.csv:2:11: aoki 2026-12-04: LV, but 2026-12-04 is not a leave day of aoki in the scenario; expected a shift id or an empty cell (declare paid leave under the person's leave:)`,
				`r.csv:3:1: sato: unknown staff id "sato"; expected a staff id of the scenario (aoki, ueda)`,
				`r.csv:4:1: ueda: the row has 4 cells; expected 8 (the staff id and one cell per date of the header)`,
				`r.csv:5:1: aoki: a second row for aoki (first at line 2); expected one row per person`,
			},
		},
		{
			name: "bad header",
			csv:  "name,2026-12-01,2026-13-01,2026-12-08,2026-12-01\naoki,,,,\nueda,,,,\n",
			errs: []string{
				`r.csv:1:1: header: first cell is "name"; expected "staff" (the header is staff,<dates>)`,
				`r.csv:1:1: header: no column for 2026-12-02, 2026-12-03, 2026-12-04, 2026-12-05, 2026-12-06, and 1 more; expected one column per horizon date 2026-12-01..2026-12-07`,
				`r.csv:1:17: header: column 3: "2026-13-01" is not a date of the form YYYY-MM-DD (or YYYY/M/D); expected a horizon date YYYY-MM-DD`,
				`r.csv:1:28: header: column 4: 2026-12-08 is outside the horizon 2026-12-01..2026-12-07; expected a date inside it`,
				`r.csv:1:39: header: column 5: 2026-12-01 again (first in column 2); expected each date once`,
			},
		},
		{
			name: "missing person and bad quoting",
			csv:  rosterHeader + "aoki,,,,,D,,\n" + "ueda,\"D,,,,,,\n",
			errs: []string{
				`r.csv:3: ueda: no row for ueda; expected one row per person of the scenario`,
				`r.csv:3:15: invalid CSV: extraneous or missing " in quoted-field; expected comma-separated cells, quoted with " when they hold a comma or quote`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ro, err := ReadRosterCSV("r.csv", strings.NewReader(tt.csv), sc)
			if diff := cmp.Diff(tt.errs, errLines(err)); diff != "" {
				t.Fatalf("errors (-want +got):\n%s", diff)
			}
			if err != nil {
				if ro != nil {
					t.Errorf("a roster came with the error")
				}
				return
			}
			if diff := cmp.Diff(tt.starts, ro.Starts); diff != "" {
				t.Errorf("starts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadActualsCSV(t *testing.T) {
	sc := csvTestScenario(t)
	d := MustDate
	at := func(day, hhmm string) Minute {
		m, err := ParseClock(hhmm, true)
		if err != nil {
			t.Fatal(err)
		}
		return d(day).Start() + Minute(m)
	}
	tests := []struct {
		name   string
		csv    string
		starts map[StaffID]map[Date]ShiftID
		actual map[StaffID]map[Date]Span
		errs   []string
	}{
		{
			// A night across midnight is one row; the history's night of
			// 11-29 gets its actual times; a row without shift takes the
			// fixed shift (12-05) and its break; breaks default to the shift
			// type's (60) or 0 without one.
			name: "good, columns in any order",
			csv: "Date,staff,start,end,break,shift\n" +
				"2026-11-29,aoki,22:00,08:15,,\n" +
				"2026-12-01,aoki,09:00,19:30,45,D\n" +
				"2026-12-05,aoki,09:00,18:00,,\n" +
				"2026-12-02,ueda,22:00,07:00,,N\n" +
				"2026-12-04,ueda,13:00,24:00,,\n",
			starts: map[StaffID]map[Date]ShiftID{
				"aoki": {d("2026-12-01"): "D", d("2026-12-05"): "D"},
				"ueda": {d("2026-12-02"): "N"},
			},
			actual: map[StaffID]map[Date]Span{
				"aoki": {
					d("2026-11-29"): {Start: at("2026-11-29", "22:00"), End: at("2026-11-30", "08:15"), Break: 60},
					d("2026-12-01"): {Start: at("2026-12-01", "09:00"), End: at("2026-12-01", "19:30"), Break: 45},
					d("2026-12-05"): {Start: at("2026-12-05", "09:00"), End: at("2026-12-05", "18:00"), Break: 60},
				},
				"ueda": {
					d("2026-12-02"): {Start: at("2026-12-02", "22:00"), End: at("2026-12-03", "07:00"), Break: 60},
					d("2026-12-04"): {Start: at("2026-12-04", "13:00"), End: at("2026-12-05", "00:00"), Break: 0},
				},
			},
		},
		{
			name: "no header",
			csv:  "aoki,2026-12-01,09:00,18:00\n",
			errs: []string{
				// One line, not one per cell: the file has no header at all.
				`t.csv:1:1: the first line "aoki,2026-12-01,09:00,18:00" is not a timesheet's header; expected a header row with staff, date, start, end and optionally shift, break (a header row is required)`,
			},
		},
		{
			name: "every bad row at once",
			csv: "staff,date,start,end,shift,break\n" +
				"sato,2026-12-01,09:00,18:00,,\n" + // 2: unknown person
				"aoki,2026-12-09,09:00,18:00,,\n" + // 3: after the horizon
				"aoki,2026-11-30,09:00,18:00,,\n" + // 4: history day without shift
				"aoki,2026-12-01,9h,25:00,Z,x\n" + // 5: bad start, end, shift, break
				"aoki,2026-12-02,09:00,18:00,D,600\n" + // 6: break not shorter than the span
				"ueda,2026-12-02,09:00,18:00\n" + // 7: too few cells
				"ueda,2026-12-03,09:00,18:00,,\n" +
				"ueda,2026-12-03,20:00,23:00,,\n" + // 9: second row that date
				"aoki,2026-11-29,22:00,07:00,D,\n", // 10: history has N
			errs: []string{
				`t.csv:2:1: staff: unknown staff id "sato"; expected a staff id of the scenario (aoki, ueda)`,
				`t.csv:3:6: aoki 2026-12-09: 2026-12-09 is outside aoki's known days 2026-11-29..2026-12-07; expected a horizon date (or a history day with a shift)`,
				`t.csv:4:6: aoki 2026-11-30: 2026-11-30 is before the horizon and the scenario's history has no shift of aoki that day; expected a horizon date or a history day with a shift`,
				`t.csv:5:17: aoki 2026-12-01: start: "9h" is not a time of the form HH:MM; expected the clock-in time HH:MM`,
				`t.csv:5:20: aoki 2026-12-01: end: "25:00" is not a time between 00:00 and 24:00; expected the clock-out time HH:MM (at or before the start: the next day)`,
				`t.csv:5:26: aoki 2026-12-01: shift: unknown shift id "Z"; expected a shift id of the scenario (D, N) or an empty cell`,
				`t.csv:5:28: aoki 2026-12-01: break: "x" is not a number of minutes; expected a whole number >= 0 (or an empty cell)`,
				`t.csv:6:31: aoki 2026-12-02: break: 600 min is not shorter than the span 09:00-18:00 (540 min); expected a shorter break`,
				`t.csv:7:1: the row has 4 cells; expected 6, as in the header (staff,date,start,end,shift,break)`,
				`t.csv:9:6: ueda 2026-12-03: a second row for ueda on 2026-12-03 (first at line 8); expected at most one shift starting per person and date`,
				`t.csv:10:29: aoki 2026-11-29: shift: D, but the scenario's history has N that day; expected N or an empty cell`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ro, err := ReadActualsCSV("t.csv", strings.NewReader(tt.csv), sc)
			if diff := cmp.Diff(tt.errs, errLines(err)); diff != "" {
				t.Fatalf("errors (-want +got):\n%s", diff)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.starts, ro.Starts); diff != "" {
				t.Errorf("starts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.actual, ro.Actual); diff != "" {
				t.Errorf("actual (-want +got):\n%s", diff)
			}
		})
	}
}

// TestActualInstances checks that Roster.Instances measures actual times:
// the history night that ran to 08:15, a late day, and an unnamed span.
func TestActualInstances(t *testing.T) {
	sc := csvTestScenario(t)
	ro, err := ReadActualsCSV("t.csv", strings.NewReader("staff,date,start,end,shift,break\n"+
		"aoki,2026-11-29,22:00,08:15,,\n"+
		"aoki,2026-12-01,09:00,19:30,D,45\n"+
		"aoki,2026-12-02,23:00,01:00,,0\n"), sc)
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Date, Shift, Start, End string
		Work, Break             int
		Touched                 []string
	}
	var gots []got
	for _, in := range ro.Instances("aoki") {
		s, e := in.Interval()
		var touched []string
		for _, c := range in.TouchedDays() {
			touched = append(touched, c.String())
		}
		gots = append(gots, got{in.Date.String(), string(in.Shift.ID), s.String(), e.String(), in.WorkMinutes(), in.BreakMinutes(), touched})
	}
	want := []got{
		{"2026-11-29", "N", "2026-11-29T22:00", "2026-11-30T08:15", 10*60 + 15 - 60, 60, []string{"2026-11-29", "2026-11-30"}},
		{"2026-12-01", "D", "2026-12-01T09:00", "2026-12-01T19:30", 10*60 + 30 - 45, 45, []string{"2026-12-01"}},
		{"2026-12-02", "23:00-01:00", "2026-12-02T23:00", "2026-12-03T01:00", 120, 0, []string{"2026-12-02", "2026-12-03"}},
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("instances (-want +got):\n%s", diff)
	}
	// A planned roster is unchanged: the shift type's times.
	plan := NewRoster(sc)
	plan.Set("aoki", MustDate("2026-12-01"), "D")
	in := plan.Instances("aoki")[1]
	if s, e := in.Interval(); s.String() != "2026-12-01T09:00" || e.String() != "2026-12-01T18:00" || in.WorkMinutes() != 480 {
		t.Errorf("planned D: %s-%s, %d min; want 09:00-18:00, 480 min", s, e, in.WorkMinutes())
	}
}

// csvErrorLine matches an error that names the file and a line.
var csvErrorLine = regexp.MustCompile(`^[a-z]\.csv:\d+(:\d+)?: `)

// fuzzCSVCheck checks one reader's answer: exactly one of a roster and an
// ErrorList whose errors each carry a line number and a message.
func fuzzCSVCheck(t *testing.T, ro *Roster, err error) {
	if (ro == nil) == (err == nil) {
		t.Fatalf("returned roster %v and error %v; want exactly one", ro != nil, err)
	}
	if err == nil {
		return
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %v (%T) is not a non-empty ErrorList", err, err)
	}
	for _, e := range list {
		if e.Msg == "" || e.Pos.Line < 1 || !csvErrorLine.MatchString(e.Error()) {
			t.Fatalf("error %q lacks a line number or a message", e.Error())
		}
	}
}

// FuzzReadRosterCSV checks that ReadRosterCSV never panics and answers
// either a roster or errors with line numbers.
func FuzzReadRosterCSV(f *testing.F) {
	sc := csvTestScenario(f)
	f.Add([]byte(rosterHeader + "aoki,D,N,LV,,D,,\nueda,,,,,,,N\n"))
	f.Add([]byte("\ufeff" + rosterHeader + "aoki,D,X,,LV,,,\nsato,D,,,,,,\nueda,D,,\naoki,,,,,,,\n"))
	f.Add([]byte("name,2026-12-01,2026-13-01\n\"a\"b,\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		ro, err := ReadRosterCSV("r.csv", strings.NewReader(string(data)), sc)
		fuzzCSVCheck(t, ro, err)
	})
}

// FuzzReadActualsCSV checks that ReadActualsCSV never panics and answers
// either a roster or errors with line numbers.
func FuzzReadActualsCSV(f *testing.F) {
	sc := csvTestScenario(f)
	f.Add([]byte("staff,date,start,end,shift,break\naoki,2026-11-29,22:00,08:15,,\naoki,2026-12-01,09:00,19:30,D,45\n"))
	f.Add([]byte("staff,date,start,end\nsato,2026-12-01,9:00,25:00\naoki,2026-12-09,09:00,18:00\n"))
	f.Add([]byte("aoki,2026-12-01,09:00,18:00\n"))
	f.Add([]byte("staff,date,start,end,break\nueda,2026-12-03,00:00,00:00,1439\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ro, err := ReadActualsCSV("t.csv", strings.NewReader(string(data)), sc)
		fuzzCSVCheck(t, ro, err)
		if err == nil {
			for _, p := range sc.Staff {
				for _, in := range ro.Instances(p.ID) {
					if s, e := in.Interval(); e <= s || e-s > MinutesPerDay || in.WorkMinutes() <= 0 {
						t.Fatalf("instance %+v has span %s-%s and %d work minutes", in, s, e, in.WorkMinutes())
					}
				}
			}
		}
	})
}

// TestWrongCSVFile: a file of the wrong kind, or another scenario's, is
// said to be so in one line instead of an error per row and cell.
func TestWrongCSVFile(t *testing.T) {
	sc := csvTestScenario(t)
	otherStaff := rosterHeader
	for i := range 40 {
		otherStaff += fmt.Sprintf("nurse%02d,D,,,,,,\n", i)
	}
	timesheet := "staff,date,start,end\naoki,2026-12-01,09:00,18:00\n"
	tests := []struct {
		name, csv string
		actuals   bool // read as a timesheet
		want      []string
	}{
		{"roster of another scenario's staff", otherStaff, false, []string{
			"r.csv:2:1: none of the roster's staff (nurse00, nurse01, nurse02, nurse03, nurse04, and 35 more) is a person of the scenario (aoki, ueda); expected the roster of this scenario (is it another scenario's?)"}},
		{"roster of another month", "staff,2026-11-01,2026-11-02\naoki,D,\nueda,,N\n", false, []string{
			"r.csv:1:1: the roster's dates 2026-11-01..2026-11-02 are all outside the horizon 2026-12-01..2026-12-07; expected the roster of this scenario (is it another scenario's or month's?)"}},
		{"timesheet given as roster", timesheet, false, []string{
			"r.csv:1:1: this is a timesheet (header staff,date,start,end), not a roster; expected a roster (header staff,<dates>): give a timesheet with --actuals"}},
		{"YAML given as roster", csvScenario, false, []string{
			`r.csv:1:1: not a roster: the first line is "horizon: {start: 2026-12-01,end: 2026-12-07}"; expected the header staff,2026-12-01,... of a roster (the CSV that plan --format csv writes)`}},
		{"roster given as timesheet", rosterHeader + "aoki,D,,,,,,\nueda,,,,,,,\n", true, []string{
			"r.csv:1:1: this is a roster (header staff,<dates>), not a timesheet; expected a header row with staff, date, start, end and optionally shift, break: give a roster as the ROSTER.csv argument"}},
		{"timesheet of other staff", "staff,date,start,end\nx,2026-12-01,09:00,18:00\ny,2026-12-01,09:00,18:00\n", true, []string{
			"r.csv:2:1: none of the timesheet's staff (x, y) is a person of the scenario (aoki, ueda); expected the timesheet of this scenario (is it another scenario's?)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read := ReadRosterCSV
			if tt.actuals {
				read = ReadActualsCSV
			}
			_, err := read("r.csv", strings.NewReader(tt.csv), sc)
			if diff := cmp.Diff(tt.want, errLines(err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCSVErrorCap: repeated errors are shown five of a kind, twenty in
// all, with a count of the rest, so a broken file of many rows gives a
// screenful, not one line per row.
func TestCSVErrorCap(t *testing.T) {
	sc := csvTestScenario(t)
	var b strings.Builder
	b.WriteString("staff,date,start,end\naoki,2026-12-01,09:00,18:00\n")
	for range 5000 {
		b.WriteString("ueda,2026-12-02,9h,18:00\n") // a bad start, and a second row for ueda on 12-02 (not judged: bad rows are skipped)
	}
	_, err := ReadActualsCSV("t.csv", strings.NewReader(b.String()), sc)
	got := errLines(err)
	want := []string{
		`t.csv:3:17: ueda 2026-12-02: start: "9h" is not a time of the form HH:MM; expected the clock-in time HH:MM`,
		`t.csv:4:17: ueda 2026-12-02: start: "9h" is not a time of the form HH:MM; expected the clock-in time HH:MM`,
		`t.csv:5:17: ueda 2026-12-02: start: "9h" is not a time of the form HH:MM; expected the clock-in time HH:MM`,
		`t.csv:6:17: ueda 2026-12-02: start: "9h" is not a time of the form HH:MM; expected the clock-in time HH:MM`,
		`t.csv:7:17: ueda 2026-12-02: start: "9h" is not a time of the form HH:MM; expected the clock-in time HH:MM`,
		`t.csv:8: ... and 4995 more like this, not shown (lines 8 to 5002)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}

	// Many kinds: twenty shown in all, then a count.
	b.Reset()
	b.WriteString(rosterHeader)
	b.WriteString("aoki,,,,,,,\nueda,,,,,,,\n")
	for i := range 30 {
		fmt.Fprintf(&b, "aoki,X%d,,,,,,\n", i) // a second row for aoki, an unknown shift
	}
	_, err = ReadRosterCSV("r.csv", strings.NewReader(b.String()), sc)
	got = errLines(err)
	if len(got) > maxErrorsShown+2 {
		t.Errorf("%d lines, want at most %d:\n%s", len(got), maxErrorsShown+2, strings.Join(got, "\n"))
	}
	if last := got[len(got)-1]; !regexp.MustCompile(`^r\.csv:\d+: \.\.\. and \d+ more`).MatchString(last) {
		t.Errorf("the last line does not count the errors not shown: %q", last)
	}
}

// TestCSVSpreadsheetDates: the CSV readers accept dates and times as
// spreadsheet programs write them: 2026/12/1, 9:00, 9:00:00.
func TestCSVSpreadsheetDates(t *testing.T) {
	sc := csvTestScenario(t)
	d := MustDate
	at := func(date, clock string) Minute {
		m, err := ParseClock(clock, true)
		if err != nil {
			t.Fatal(err)
		}
		return d(date).Start() + Minute(m)
	}
	ts := "staff,date,start,end\n" +
		"aoki,2026/12/1,9:00,18:00\n" +
		"aoki,2026-12-2,9:05:00,7:30\n" +
		"ueda,2026/12/07,22:00,24:00\n"
	ro, err := ReadActualsCSV("t.csv", strings.NewReader(ts), sc)
	if err != nil {
		t.Fatal(err)
	}
	want := map[StaffID]map[Date]Span{
		"aoki": {
			d("2026-12-01"): {Start: at("2026-12-01", "09:00"), End: at("2026-12-01", "18:00")},
			d("2026-12-02"): {Start: at("2026-12-02", "09:05"), End: at("2026-12-03", "07:30")},
		},
		"ueda": {d("2026-12-07"): {Start: at("2026-12-07", "22:00"), End: at("2026-12-08", "00:00")}},
	}
	if diff := cmp.Diff(want, ro.Actual); diff != "" {
		t.Errorf("actual spans (-want +got):\n%s", diff)
	}

	roster := "staff,2026/12/1,2026/12/2,2026/12/3,2026/12/4,2026/12/5,2026/12/6,2026/12/7\naoki,D,,,,D,,\nueda,,,,,,,N\n"
	r, err := ReadRosterCSV("r.csv", strings.NewReader(roster), sc)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Starts["ueda"][d("2026-12-07")]; got != "N" {
		t.Errorf("ueda on 2026-12-07: %q, want N", got)
	}

	for _, bad := range []string{"2026/13/1", "12/1/2026", "2026.12.01"} {
		if _, err := csvDate(bad); err == nil {
			t.Errorf("csvDate(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"9", "9:0", "9:00:30", "123:00"} {
		if _, err := csvClock(bad, true); err == nil {
			t.Errorf("csvClock(%q) accepted", bad)
		}
	}
}

// TestActualsDefaultBreakTooLong: a span shorter than its shift type's
// break (called in for ten minutes) needs the break taken written out; the
// default break is not subtracted into negative work time. Found by
// FuzzReadActualsCSV.
func TestActualsDefaultBreakTooLong(t *testing.T) {
	sc := csvTestScenario(t)
	tests := []struct {
		csv  string
		want []string
	}{
		{"staff,date,start,end,shift,break\naoki,2026-12-01,09:00,09:10,D,\n", []string{
			"t.csv:2:31: aoki 2026-12-01: break: the D shift's break of 60 min is not shorter than the span 09:00-09:10 (10 min); expected the break taken in a break cell (0 for none)"}},
		{"staff,date,start,end,shift\naoki,2026-12-01,09:00,09:10,D\n", []string{
			"t.csv:2:23: aoki 2026-12-01: break: the D shift's break of 60 min is not shorter than the span 09:00-09:10 (10 min); expected the break taken in a break cell (0 for none)"}},
		{"staff,date,start,end,shift,break\naoki,2026-12-01,09:00,09:10,D,0\n", nil},
	}
	for _, tt := range tests {
		_, err := ReadActualsCSV("t.csv", strings.NewReader(tt.csv), sc)
		if diff := cmp.Diff(tt.want, errLines(err)); diff != "" {
			t.Errorf("%q: errors (-want +got):\n%s", tt.csv, diff)
		}
	}
}

// TestCSVEncoding: a CSV in Shift_JIS (Excel's "CSV" on Japanese Windows)
// is read as such, Japanese ids included; other non-UTF-8 bytes are
// reported where they are.
func TestCSVEncoding(t *testing.T) {
	sc, err := Parse("sc.yaml", []byte(`horizon: {start: 2026-12-01, end: 2026-12-02}
shifts:
  - {id: 日勤, start: "09:00", end: "18:00", break: 60}
staff:
  - {id: 佐藤}
`))
	if err != nil {
		t.Fatal(err)
	}
	// 佐藤 is 8D B2 93 A1 and 日勤 is 93 FA 8B CE in Shift_JIS.
	ro, err := ReadRosterCSV("r.csv", strings.NewReader("staff,2026-12-01,2026-12-02\r\n\x8d\xb2\x93\xa1,\x93\xfa\x8b\xce,\r\n"), sc)
	if err != nil {
		t.Fatalf("Shift_JIS roster: %v", err)
	}
	if got := ro.Starts["佐藤"][MustDate("2026-12-01")]; got != "日勤" {
		t.Errorf("Shift_JIS roster: 佐藤 on 12-01 = %q, want 日勤", got)
	}
	actuals := "staff,date,shift,start,end\r\n\x8d\xb2\x93\xa1,2026-12-01,\x93\xfa\x8b\xce,09:00,18:00\r\n"
	if _, err := ReadActualsCSV("t.csv", strings.NewReader(actuals), sc); err != nil {
		t.Errorf("Shift_JIS timesheet: %v", err)
	}
	for _, read := range []func(string, io.Reader, *Scenario) (*Roster, error){ReadRosterCSV, ReadActualsCSV} {
		_, err := read("r.csv", strings.NewReader("staff,2026-12-01\nJos\xe9,D\n"), csvTestScenario(t))
		want := []string{`r.csv:2:4: the file is not UTF-8 text (an invalid byte here); expected a CSV file in UTF-8 (or Shift_JIS, as Excel saves "CSV" on Japanese Windows)`}
		if diff := cmp.Diff(want, errLines(err)); diff != "" {
			t.Errorf("Latin-1: errors (-want +got):\n%s", diff)
		}
	}
}
