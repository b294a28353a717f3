package model

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/japanese"

	"github.com/shiftsat/shiftsat/model/sheet"
)

// sheetScenario is a scenario whose people use every field the
// spreadsheet layout holds.
const sheetScenario = `name: sheets
horizon: {start: 2026-12-01, end: 2026-12-07}
shifts:
  - {id: E, start: "07:00", end: "15:00", break: 60}
  - {id: L, start: "14:00", end: "22:00", break: 60}
  - {id: N, start: "22:00", end: "07:00", break: 60}
`

const sheetStaff = `staff:
  - id: aoki
    name: 青木 健 (店長)
    skills: [register, lead]
    shifts: [E, L]
    limits: {min_days: 3, max_days: 5, max_hours_per_week: 40, target_days: 4}
    leave: [2026-12-03]
    requests_off: [2026-12-06]
    unavailable: [{date: 2026-12-02, shift: L}]
    fixed: [{date: 2026-12-01, shift: E}]
  - id: kato
    name: 加藤
    minor: true
    shifts: [E, L]
    unavailable: [2026-12-04, 2026-12-05]
    requests_on: [2026-12-07]
    prefers: [E]
    limits: {min_hours: 7, max_hours: 35.5}
  - id: ueda
    dislikes: [N]
`

// normStaff returns the people with every position cleared and their
// date lists sorted, for comparing what they mean.
func normStaff(ps []*Staff) []*Staff {
	var out []*Staff
	for _, p := range ps {
		q := *p
		q.Pos, q.LeavePos, q.RequestsOffPos, q.Limits.Pos = Pos{}, nil, nil, nil
		q.Unavailable = append([]Unavailable(nil), p.Unavailable...)
		for i := range q.Unavailable {
			q.Unavailable[i].Pos = Pos{}
		}
		sort.Slice(q.Unavailable, func(i, j int) bool { return q.Unavailable[i].Date < q.Unavailable[j].Date })
		q.Fixed = append([]Assignment(nil), p.Fixed...)
		for i := range q.Fixed {
			q.Fixed[i].Pos = Pos{}
		}
		q.Requests = append([]Request(nil), p.Requests...)
		for i := range q.Requests {
			q.Requests[i].Pos = Pos{}
		}
		q.Dislikes = append([]ShiftPref(nil), p.Dislikes...)
		for i := range q.Dislikes {
			q.Dislikes[i].Pos = Pos{}
		}
		q.History = nil
		out = append(out, &q)
	}
	return out
}

// TestSheetRoundTrip writes a scenario's people as a staff workbook and a
// requests CSV (StaffTables), reads them back through staff: {file} and
// requests: {file}, and expects the same people; and the same again with
// the staff as CSV and the requests as XLSX.
func TestSheetRoundTrip(t *testing.T) {
	want, err := Parse("t.yaml", []byte(sheetScenario+sheetStaff))
	if err != nil {
		t.Fatal(err)
	}
	staff, requests, err := StaffTables(want)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ staff, requests string }{
		{"staff.xlsx", "requests.csv"},
		{"staff.csv", "requests.xlsx"},
	} {
		t.Run(tc.staff+"+"+tc.requests, func(t *testing.T) {
			dir := t.TempDir()
			write := func(name string, rows [][]string) {
				var data []byte
				if sheet.IsXLSX(name) {
					if data, err = sheet.WriteXLSX("Sheet1", rows); err != nil {
						t.Fatal(err)
					}
				} else {
					var b bytes.Buffer
					if err := sheet.WriteCSV(&b, rows, true); err != nil {
						t.Fatal(err)
					}
					data = b.Bytes()
				}
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write(tc.staff, staff)
			write(tc.requests, requests)
			file := filepath.Join(dir, "s.yaml")
			y := sheetScenario + "staff: {file: " + tc.staff + "}\nrequests: {file: " + tc.requests + "}\n"
			if err := os.WriteFile(file, []byte(y), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Load(file)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if diff := cmp.Diff(normStaff(want.Staff), normStaff(got.Staff)); diff != "" {
				t.Errorf("people read back differ (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSheetEncodings reads the committed requests CSV in UTF-8, UTF-8 with
// a byte-order mark and Shift_JIS (testdata/sheets), and the same staff in
// XLSX with real date cells, and expects the same people from each.
func TestSheetEncodings(t *testing.T) {
	var first []*Staff
	for _, f := range []string{"utf8.yaml", "bom.yaml", "sjis.yaml", "xlsx.yaml"} {
		sc, err := Load(filepath.Join("testdata", "sheets", f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got := normStaff(sc.Staff)
		if first == nil {
			first = got
			if len(got) != 3 || len(got[0].RequestsOff) == 0 || len(got[0].Leave) == 0 || len(got[1].Unavailable) != 2 {
				t.Fatalf("%s: unexpected people %+v", f, got)
			}
			continue
		}
		if diff := cmp.Diff(first, got); diff != "" {
			t.Errorf("%s reads differently from utf8.yaml (-utf8 +%s):\n%s", f, f, diff)
		}
	}
	// The Shift_JIS file really is Shift_JIS.
	data, err := os.ReadFile(filepath.Join("testdata", "sheets", "requests-sjis.csv"))
	if err != nil {
		t.Fatal(err)
	}
	utf, _ := os.ReadFile(filepath.Join("testdata", "sheets", "requests-utf8.csv"))
	enc, _ := japanese.ShiftJIS.NewEncoder().Bytes(utf)
	if !bytes.Equal(data, enc) || bytes.Equal(data, utf) {
		t.Errorf("requests-sjis.csv is not the Shift_JIS encoding of requests-utf8.csv")
	}
}

// TestSheetErrors checks that bad cells are reported all at once, each at
// its cell as file:B7 (file:sheet!B7 for XLSX).
func TestSheetErrors(t *testing.T) {
	tables := map[string]*sheet.Table{}
	defer func(f func(string, string) (*sheet.Table, error)) { readTable = f }(readTable)
	readTable = func(path, sh string) (*sheet.Table, error) {
		if tb, ok := tables[filepath.Base(path)]; ok {
			tb.File, tb.Sheet = path, sh
			return tb, nil
		}
		return nil, errors.New("no such table")
	}
	tables["staff.xlsx"] = &sheet.Table{Rows: [][]string{
		{"id", "name", "max_days", "colour", "2026-12-01", "2026-12-09"},
		{"aoki", "Aoki", "many", "", "E", ""},
		{"aoki", "", "", "", "", "off"},
		{"ueda", "", "-3", "", "?", ""},
	}}
	tables["req.csv"] = &sheet.Table{Rows: [][]string{
		{"staff", "2026-12-02", "2026/12/3", "2026/12/40"},
		{"", "水", "木", ""},
		{"ueda", "LV", "x", ""},
		{"nobody", "off", "", ""},
		{"ueda", "", "off", ""},
	}}
	y := sheetScenario + "staff: {file: staff.xlsx, sheet: Staff}\nrequests: {file: req.csv}\n"
	_, err := Parse("t.yaml", []byte(y))
	var got []string
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v; want an ErrorList", err)
	}
	for _, e := range list {
		got = append(got, e.Error())
	}
	want := []string{ // in row order, then column order
		`req.csv:D1: "2026/12/40" is not a date of the form YYYY-MM-DD (or YYYY/M/D, or M/D inside the horizon); expected a date column (or one of id, name)`,
		`req.csv:A4: unknown staff id "nobody"; expected a person of the scenario (aoki, ueda)`,
		`req.csv:A5: a second row for ueda (first in row 3); expected one row per person`,
		`staff.xlsx:Staff!D1: unknown column "colour"; expected one of ` + staffColumnNames + `, or a date YYYY-MM-DD (or YYYY/M/D)`,
		`staff.xlsx:Staff!C2: expected a number of days (a whole number >= 0), got "many"`,
		`staff.xlsx:Staff!A3: duplicate staff id "aoki" (first defined at staff.xlsx:Staff!A2); expected unique ids`,
		`staff.xlsx:Staff!F3: 2026-12-09 is outside the horizon 2026-12-01..2026-12-07; expected a date inside it`,
		`staff.xlsx:Staff!C4: -3 is negative; expected a number of days (a whole number >= 0)`,
		`staff.xlsx:Staff!E4: unknown mark "?" on 2026-12-01; expected ` + markHelp + ` (shift ids: E, L, N), or an empty cell`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// TestHistoryFrom fills history from last month's roster and reports a
// conflict with the YAML history at both places.
func TestHistoryFrom(t *testing.T) {
	dir := t.TempDir()
	roster := "staff,2026-11-28,2026-11-29,2026-11-30\naoki,E,,N\nueda,LV,L,\nleft,E,E,E\n"
	if err := os.WriteFile(filepath.Join(dir, "nov.csv"), []byte(roster), 0o644); err != nil {
		t.Fatal(err)
	}
	y := sheetScenario + "history_from: nov.csv\nstaff:\n  - id: aoki\n    history: [{date: 2026-11-30, shift: N}, {date: 2026-11-20, shift: E}]\n  - id: ueda\n  - id: new\n"
	file := filepath.Join(dir, "s.yaml")
	os.WriteFile(file, []byte(y), 0o644)
	sc, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	D := MustDate
	var got []string
	for _, p := range sc.Staff {
		for _, h := range p.History {
			got = append(got, string(p.ID)+" "+h.Date.String()[5:]+" "+historyWord(h).String())
		}
	}
	want := []string{"aoki 11-20 shift E", "aoki 11-28 shift E", "aoki 11-29 rest", "aoki 11-30 shift N",
		"ueda 11-28 leave", "ueda 11-29 shift L", "ueda 11-30 rest"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if k := sc.KnownFrom(sc.Person("ueda")); k != D("2026-11-28") {
		t.Errorf("ueda known from %s; want 2026-11-28", k)
	}
	bad := strings.Replace(y, "shift: N}", "shift: E}", 1)
	os.WriteFile(file, []byte(bad), 0o644)
	_, err = Load(file)
	if err == nil || !strings.Contains(err.Error(), "nov.csv:D2: aoki on 2026-11-30: the roster says shift N, the scenario's history ("+file+":") ||
		!strings.Contains(err.Error(), "says shift E; expected one history") {
		t.Errorf("conflict: got %v", err)
	}
	for _, r := range []struct{ roster, want string }{
		{"staff,2026-11-28,2026-11-29\naoki,E,\n", "the roster ends on 2026-11-29; expected it to end on 2026-11-30"},
		{"staff,2026-11-28,2026-11-30\naoki,E,\n", "the dates 2026-11-28..2026-11-30 have gaps"},
		{"staff,2026-11-30,2026-12-01\naoki,E,\n", "not before the horizon start"},
		{"staff,2026-11-30\naoki,Q\n", "nov.csv:B2: unknown shift id \"Q\""},
	} {
		os.WriteFile(filepath.Join(dir, "nov.csv"), []byte(r.roster), 0o644)
		os.WriteFile(file, []byte(sheetScenario+"history_from: nov.csv\nstaff: [{id: aoki}]\n"), 0o644)
		if _, err := Load(file); err == nil || !strings.Contains(err.Error(), r.want) {
			t.Errorf("roster %q: got %v; want %q", r.roster, err, r.want)
		}
	}
}

// TestShiftsTableAndMonthDay reads shift types from a CSV (times 7:00)
// and from a workbook whose times are time cells, and requests whose
// date headers leave out the year (12/1): the same as written in YAML.
func TestShiftsTableAndMonthDay(t *testing.T) {
	dir := t.TempDir()
	csv := "id,name,start,end,break\nE,早番,7:00,15:00,60\nN,夜勤,22:00,7:00,60\n"
	os.WriteFile(filepath.Join(dir, "shifts.csv"), []byte(csv), 0o644)
	wb := sheet.NewWorkbook()
	wb.Sheet("Shifts")
	for c, h := range []string{"記号", "名称", "開始", "終了", "休憩"} {
		wb.Set("Shifts", 1, c+1, h, sheet.Style{})
	}
	for r, row := range [][]any{{"E", "早番", 7.0 / 24, 15.0 / 24, 60}, {"N", "夜勤", 22.0 / 24, 7.0 / 24, 60}} {
		for c, v := range row {
			st := sheet.Style{}
			if c == 2 || c == 3 {
				st.Format = "h:mm"
			}
			wb.Set("Shifts", r+2, c+1, v, st)
		}
	}
	data, err := wb.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "shifts.xlsx"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "req.csv"), []byte("id,12/31,1/1\naoki,off,E\n"), 0o644)
	want, err := Parse("w.yaml", []byte(`horizon: {start: 2026-12-31, end: 2027-01-01}
shifts:
  - {id: E, name: 早番, start: "07:00", end: "15:00", break: 60}
  - {id: N, name: 夜勤, start: "22:00", end: "07:00", break: 60}
staff: [{id: aoki, requests_off: [2026-12-31], fixed: [{date: 2027-01-01, shift: E}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"shifts.csv", "shifts.xlsx"} {
		file := filepath.Join(dir, "s.yaml")
		os.WriteFile(file, []byte("horizon: {start: 2026-12-31, end: 2027-01-01}\nshifts: {file: "+f+"}\nstaff: [{id: aoki}]\nrequests: {file: req.csv}\n"), 0o644)
		got, err := Load(file)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, s := range got.Shifts {
			s.Pos = Pos{}
		}
		for _, s := range want.Shifts {
			s.Pos = Pos{}
		}
		if diff := cmp.Diff(want.Shifts, got.Shifts, cmp.AllowUnexported(ShiftType{})); diff != "" {
			t.Errorf("%s: shift types (-want +got):\n%s", f, diff)
		}
		if diff := cmp.Diff(normStaff(want.Staff), normStaff(got.Staff)); diff != "" {
			t.Errorf("%s: people (-want +got):\n%s", f, diff)
		}
	}
}
