package model

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		date string
		want time.Weekday
	}{
		{"1970-01-01", time.Thursday},
		{"2026-12-01", time.Tuesday},
		{"2026-11-29", time.Sunday},
		{"1969-12-31", time.Wednesday}, // before the epoch: negative Date
		{"2028-02-29", time.Tuesday},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			d := MustDate(tt.date)
			if got := d.Weekday(); got != tt.want {
				t.Errorf("Weekday = %v, want %v", got, tt.want)
			}
			if got := d.String(); got != tt.date {
				t.Errorf("String = %s, want %s", got, tt.date)
			}
			if got := d.Start().Date(); got != d {
				t.Errorf("Start().Date() = %s, want %s", got, d)
			}
			if got := (d.Start() - 1).Date(); got != d-1 {
				t.Errorf("the minute before midnight is on %s, want %s", got, d-1)
			}
		})
	}
}

// TestFloorBlock: fixed blocks anchor + k*n for every integer k, including
// dates before the anchor (RULES.md 2.2).
func TestFloorBlock(t *testing.T) {
	anchor := MustDate("2026-11-29")
	tests := []struct{ d, want string }{
		{"2026-11-29", "2026-11-29"},
		{"2026-12-26", "2026-11-29"}, // day 28 of the first block
		{"2026-12-27", "2026-12-27"}, // first day of the next
		{"2026-11-28", "2026-11-01"}, // the day before the anchor: the previous block
		{"2026-11-01", "2026-11-01"},
		{"2026-10-31", "2026-10-04"},
	}
	for _, tt := range tests {
		if got := FloorBlock(MustDate(tt.d), anchor, 28); got != MustDate(tt.want) {
			t.Errorf("FloorBlock(%s) = %s, want %s", tt.d, got, tt.want)
		}
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in      string
		allow24 bool
		want    int
		wantErr bool
	}{
		{"07:00", false, 420, false},
		{"00:00", false, 0, false},
		{"23:59", false, 1439, false},
		{"24:00", true, 1440, false},
		{"24:00", false, 0, true},
		{"24:30", true, 0, true},
		{"7:00", false, 0, true},
		{"07:60", false, 0, true},
		{"ab:cd", false, 0, true},
	}
	for _, tt := range tests {
		got, err := ParseClock(tt.in, tt.allow24)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseClock(%q, %v) = %d, %v; want %d, error %v", tt.in, tt.allow24, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestShiftTimes: spans across midnight, 24:00 ends, 24 h shifts, work
// minutes and the days an instance touches (RULES.md §1).
func TestShiftTimes(t *testing.T) {
	d := MustDate("2026-12-01")
	tests := []struct {
		name               string
		st                 ShiftType
		span, work         int
		wantStart, wantEnd string
		touched            []string
	}{
		{"early", ShiftType{ID: "E", Start: 7 * 60, End: 15*60 + 30, Break: 30}, 510, 480,
			"2026-12-01T07:00", "2026-12-01T15:30", []string{"2026-12-01"}},
		{"night across midnight", ShiftType{ID: "N", Start: 22 * 60, End: 7 * 60, Break: 60}, 540, 480,
			"2026-12-01T22:00", "2026-12-02T07:00", []string{"2026-12-01", "2026-12-02"}},
		{"ends at 24:00: one day", ShiftType{ID: "L", Start: 15 * 60, End: 24 * 60}, 540, 540,
			"2026-12-01T15:00", "2026-12-02T00:00", []string{"2026-12-01"}},
		{"ends at 00:00 written as 00:00: also one day", ShiftType{ID: "L0", Start: 15 * 60, End: 0}, 540, 540,
			"2026-12-01T15:00", "2026-12-02T00:00", []string{"2026-12-01"}},
		{"starts at 00:30", ShiftType{ID: "D", Start: 30, End: 9*60 + 15, Break: 60}, 525, 465,
			"2026-12-01T00:30", "2026-12-01T09:15", []string{"2026-12-01"}},
		{"24 h shift", ShiftType{ID: "T", Start: 8 * 60, End: 8 * 60, Break: 120}, 1440, 1320,
			"2026-12-01T08:00", "2026-12-02T08:00", []string{"2026-12-01", "2026-12-02"}},
		{"ends one minute after midnight", ShiftType{ID: "X", Start: 16 * 60, End: 1}, 481, 481,
			"2026-12-01T16:00", "2026-12-02T00:01", []string{"2026-12-01", "2026-12-02"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := tt.st
			if got := st.Span(); got != tt.span {
				t.Errorf("Span = %d, want %d", got, tt.span)
			}
			if got := st.WorkMinutes(); got != tt.work {
				t.Errorf("WorkMinutes = %d, want %d", got, tt.work)
			}
			in := Instance{Date: d, Shift: &st}
			s, e := in.Interval()
			if s.String() != tt.wantStart || e.String() != tt.wantEnd {
				t.Errorf("Interval = %s..%s, want %s..%s", s, e, tt.wantStart, tt.wantEnd)
			}
			var got []string
			for _, c := range in.TouchedDays() {
				got = append(got, c.String())
			}
			if diff := cmp.Diff(tt.touched, got); diff != "" {
				t.Errorf("TouchedDays (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRosterStatus: day status across the horizon start (a history night
// shift makes the first horizon day a work day), leave in the history and
// in the horizon, unlisted history days as rest, and the known range.
func TestRosterStatus(t *testing.T) {
	n := &ShiftType{ID: "N", Start: 22 * 60, End: 7 * 60, Break: 60}
	e := &ShiftType{ID: "E", Start: 7 * 60, End: 15 * 60, Break: 60}
	sc := &Scenario{
		Horizon: DateRange{Start: MustDate("2026-12-01"), End: MustDate("2026-12-05")},
		Shifts:  []*ShiftType{e, n},
		Staff: []*Staff{{
			ID:    "a",
			Leave: []Date{MustDate("2026-12-04")},
			History: []HistoryDay{
				{Date: MustDate("2026-11-27"), Leave: true},
				{Date: MustDate("2026-11-30"), Shift: "N"},
			},
		}, {ID: "b"}},
	}
	r := NewRoster(sc)
	r.Set("a", MustDate("2026-12-02"), "E")
	r.Set("a", MustDate("2026-12-05"), "N") // touches 12-06, beyond the horizon
	want := map[string]DayStatus{
		"2026-11-27": Leave, // history leave
		"2026-11-28": Rest,  // known, unlisted: rest
		"2026-11-29": Rest,
		"2026-11-30": Work, // the history night starts
		"2026-12-01": Work, // ...and ends this morning: not a rest day
		"2026-12-02": Work,
		"2026-12-03": Rest,
		"2026-12-04": Leave, // paid leave is not rest
		"2026-12-05": Work,
	}
	for ds, w := range want {
		if got := r.Status("a", MustDate(ds)); got != w {
			t.Errorf("a on %s: %v, want %v", ds, got, w)
		}
	}
	if got := sc.KnownFrom(sc.Staff[0]); got != MustDate("2026-11-27") {
		t.Errorf("KnownFrom(a) = %s, want 2026-11-27", got)
	}
	if got := sc.KnownFrom(sc.Staff[1]); got != sc.Horizon.Start {
		t.Errorf("KnownFrom(b) = %s, want the horizon start", got)
	}
	if got := sc.FirstKnown(); got != MustDate("2026-11-27") {
		t.Errorf("FirstKnown = %s, want 2026-11-27", got)
	}
	var got []string
	for _, in := range r.Instances("a") {
		got = append(got, in.Date.String()+" "+string(in.Shift.ID))
	}
	if diff := cmp.Diff([]string{"2026-11-30 N", "2026-12-02 E", "2026-12-05 N"}, got); diff != "" {
		t.Errorf("Instances (-want +got):\n%s", diff)
	}
	if got := sc.WeekAnchor(); got != MustDate("2026-11-29") {
		t.Errorf("WeekAnchor = %s, want Sunday 2026-11-29", got)
	}
}

// TestInstanceNight: an instance is a night instance when its open span
// meets 22:00-05:00 of some day (RULES.md 2.7); touching the edge is not.
func TestInstanceNight(t *testing.T) {
	d := MustDate("2026-12-01")
	tests := []struct {
		name       string
		start, end int
		want       bool
	}{
		{"early 07:00-15:00", 7 * 60, 15 * 60, false},
		{"late ending 22:00", 14 * 60, 22 * 60, false},
		{"late ending 22:30", 14 * 60, 22*60 + 30, true},
		{"night 22:00-07:00", 22 * 60, 7 * 60, true},
		{"early starting 05:00", 5 * 60, 13 * 60, false},
		{"early starting 04:30", 4*60 + 30, 13 * 60, true},
		{"00:30-09:15", 30, 9*60 + 15, true},
	}
	for _, tt := range tests {
		st := &ShiftType{ID: "X", Start: tt.start, End: tt.end}
		if got := (Instance{Date: d, Shift: st}).Night(); got != tt.want {
			t.Errorf("%s: Night() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestFixedBlocks: the blocks aligned on the anchor that meet the dates,
// including those reaching before or after them.
func TestFixedBlocks(t *testing.T) {
	d := MustDate
	got := FixedBlocks(d("2026-12-01"), d("2026-12-15"), d("2026-11-29"), 7)
	want := []DateRange{{d("2026-11-29"), d("2026-12-05")}, {d("2026-12-06"), d("2026-12-12")}, {d("2026-12-13"), d("2026-12-19")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FixedBlocks (-want +got):\n%s", diff)
	}
	if got := FixedBlocks(d("2026-12-01"), d("2026-12-15"), d("2026-11-29"), 0); got != nil {
		t.Errorf("FixedBlocks with n 0 = %v, want none", got)
	}
}

// TestNightSpan: a span is a night span when it meets 22:00-05:00 of some
// day (RULES.md 2.7), ends and starts excluded.
func TestNightSpan(t *testing.T) {
	day := MustDate("2026-12-01").Start()
	at := func(h, m int) Minute { return day + Minute(h*60+m) }
	tests := []struct {
		name string
		s, e Minute
		want bool
	}{
		{"day shift", at(7, 0), at(15, 30), false},
		{"late until 22:00", at(14, 0), at(22, 0), false},
		{"late until 22:30", at(14, 0), at(22, 30), true},
		{"early from 05:00", at(5, 0), at(13, 0), false},
		{"early from 04:30", at(4, 30), at(13, 0), true},
		{"night", at(22, 0), at(31, 0), true},
		{"24 h", at(6, 0), at(30, 0), true},
	}
	for _, tt := range tests {
		if got := NightSpan(tt.s, tt.e); got != tt.want {
			t.Errorf("%s: NightSpan = %v, want %v", tt.name, got, tt.want)
		}
	}
}
