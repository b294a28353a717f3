package solver

import (
	"testing"

	"github.com/shiftsat/shiftsat/model"
)

// TestFiguresNightRun: the night run is the longest run of consecutive
// dates on which one worker starts a night shift, counted by hand: a works
// nights 12-01, 12-02, then a day shift, then a night (run 2); b works
// nights 12-03..12-05 (run 3) and 12-07; c works days only.
func TestFiguresNightRun(t *testing.T) {
	sc, err := model.Parse("nights.yaml", []byte(`horizon: {start: 2026-12-01, end: 2026-12-07}
shifts:
  - {id: D, start: "09:00", end: "18:00", break: 60}
  - {id: N, start: "22:00", end: "07:00", break: 60}
staff: [{id: a}, {id: b}, {id: c}]
`))
	if err != nil {
		t.Fatal(err)
	}
	r := model.NewRoster(sc)
	d := model.MustDate
	for _, x := range []struct {
		p    model.StaffID
		date string
		s    model.ShiftID
	}{
		{"a", "2026-12-01", "N"}, {"a", "2026-12-02", "N"}, {"a", "2026-12-04", "D"}, {"a", "2026-12-05", "N"},
		{"b", "2026-12-03", "N"}, {"b", "2026-12-04", "N"}, {"b", "2026-12-05", "N"}, {"b", "2026-12-07", "N"},
		{"c", "2026-12-01", "D"}, {"c", "2026-12-02", "D"},
	} {
		r.Set(x.p, d(x.date), x.s)
	}
	f := rosterFigures(r)
	if f.NightRun != 3 || f.NightRunStaff != "b" || f.NightRunFrom != d("2026-12-03") || f.NightRunTo != d("2026-12-05") {
		t.Errorf("night run = %d by %q %s..%s, want 3 by b 2026-12-03..2026-12-05", f.NightRun, f.NightRunStaff, f.NightRunFrom, f.NightRunTo)
	}
	if f.NightShifts != 7 {
		t.Errorf("night shifts = %d, want 7", f.NightShifts)
	}
	r = model.NewRoster(sc)
	r.Set("c", d("2026-12-01"), "D")
	if f := rosterFigures(r); f.NightRun != 0 || f.NightRunStaff != "" {
		t.Errorf("no nights: night run = %d by %q, want 0", f.NightRun, f.NightRunStaff)
	}
}
