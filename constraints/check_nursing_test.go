package constraints

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/model"
)

// Hand-counted tests of the nursing pattern rules' checks (RULES.md 2.10),
// with the patterns of check_test.go. December 2026: 12-01 is a Tuesday,
// 12-05 a Saturday; 2026-10-31 is a Saturday.

func TestCheckMinConsecutiveDays(t *testing.T) {
	r := &MinConsecutiveDays{meta: m("min_consecutive_days"), Min: 2}
	runChecks(t, []checkCase{
		// p1: D on 12-02 between two rest days: a closed run of 1.
		// 12-04..12-05 is 2 days: fine.
		{"closed short run", r, build("12-01", "12-06", tp{id: "p1", plan: "-D-DD-"}),
			[]Violation{v("p1", "12-02", "12-02", "", 1, 2, "days")}},
		// Nothing known before 12-01: the run may have begun last month.
		{"open at the start", r, build("12-01", "12-06", tp{id: "p1", plan: "D-----"}), nil},
		// A history rest day closes it.
		{"closed by history", r, build("12-01", "12-06", tp{id: "p1", hist: "-", plan: "D-----"}),
			[]Violation{v("p1", "12-01", "12-01", "", 1, 2, "days")}},
		// The run reaches the horizon end: it may go on next month.
		{"open at the end", r, build("12-01", "12-06", tp{id: "p1", plan: "-----D"}), nil},
		// A history run of 1 closed by the first horizon day is judged.
		{"history run closed in the horizon", r, build("12-01", "12-06", tp{id: "p1", hist: "-D", plan: "------"}),
			[]Violation{v("p1", "11-30", "11-30", "", 1, 2, "days")}},
		// A history run closed inside the history is a fact of the past.
		{"history run closed in the history", r, build("12-01", "12-06", tp{id: "p1", hist: "-D-", plan: "------"}), nil},
		// A night shift touches two days: a run of 2.
		{"night shift", r, build("12-01", "12-06", tp{id: "p1", plan: "-N----"}), nil},
		// Leave is not work: it splits runs.
		{"leave splits", r, build("12-01", "12-06", tp{id: "p1", plan: "-DPD--"}),
			[]Violation{v("p1", "12-02", "12-02", "", 1, 2, "days"), v("p1", "12-04", "12-04", "", 1, 2, "days")}},
	})
}

func TestCheckMinConsecutiveDaysOff(t *testing.T) {
	r := &MinConsecutiveDaysOff{meta: m("min_consecutive_days_off"), Min: 2}
	runChecks(t, []checkCase{
		{"one day off", r, build("12-01", "12-06", tp{id: "p1", plan: "D-D--D"}),
			[]Violation{v("p1", "12-02", "12-02", "", 1, 2, "days")}},
		// Leave and rest together are days off.
		{"leave and rest", r, build("12-01", "12-06", tp{id: "p1", plan: "DP-D--"}), nil},
		// The tail of a night shift is a work day, not a day off.
		{"night tail", r, build("12-01", "12-06", tp{id: "p1", plan: "N-D---"}), nil},
		{"closed by history", r, build("12-01", "12-06", tp{id: "p1", hist: "D", plan: "-D----"}),
			[]Violation{v("p1", "12-01", "12-01", "", 1, 2, "days")}},
	})
}

func TestCheckMaxConsecutiveShifts(t *testing.T) {
	nights := &MaxConsecutiveShifts{meta: m("max_consecutive_shifts"), Night: true, Max: 2}
	days := &MaxConsecutiveShifts{meta: m("max_consecutive_shifts"), Shift: "D", Max: 2}
	runChecks(t, []checkCase{
		// N on 11-30, 12-01, 12-02: three nights in a row (history counts);
		// L (15:00-24:00) on 12-04 is a night on its own.
		{"nights with history", nights, build("12-01", "12-06", tp{id: "p1", hist: "N", plan: "NN-L--"}),
			[]Violation{v("p1", "11-30", "12-02", "", 3, 2, "shifts")}},
		// Q ends at 22:00: no night.
		{"not a night", nights, build("12-01", "12-06", tp{id: "p1", plan: "QQQQ--"}), nil},
		{"one shift type", days, build("12-01", "12-06", tp{id: "p1", plan: "DDD-DD"}),
			[]Violation{v("p1", "12-01", "12-03", "D", 3, 2, "shifts")}},
		// Other shift types break the run.
		{"other types break it", days, build("12-01", "12-06", tp{id: "p1", plan: "DDEDD-"}), nil},
		// A run wholly in the history is a fact.
		{"history only", days, build("12-01", "12-06", tp{id: "p1", hist: "DDD-", plan: "D-----"}), nil},
	})
}

func TestCheckForbiddenSuccessions(t *testing.T) {
	r := &ForbiddenSuccessions{meta: m("forbidden_successions"), Pairs: [][2]model.ShiftID{{"L", "E"}}}
	runChecks(t, []checkCase{
		// L on 11-30 (history) then E on 12-01; L on 12-03 then E on 12-04.
		{"late then early", r, build("12-01", "12-06", tp{id: "p1", hist: "L", plan: "E-LE--"}),
			[]Violation{after("L", v("p1", "11-30", "12-01", "E", 1, 0, "successions")), after("L", v("p1", "12-03", "12-04", "E", 1, 0, "successions"))}},
		// E then L is forward rotation; L, rest, E is no succession.
		{"allowed", r, build("12-01", "12-06", tp{id: "p1", plan: "EL-E--"}), nil},
	})
}

// after sets the shift type before a forbidden succession.
func after(before model.ShiftID, x Violation) Violation { x.Before = before; return x }

func TestCheckMaxWeekends(t *testing.T) {
	r := &MaxWeekends{meta: m("max_weekends"), Max: 1, Per: PerHorizon}
	month := &MaxWeekends{meta: m("max_weekends"), Max: 0, Per: PerMonth}
	runChecks(t, []checkCase{
		// Saturday 12-05 and Sunday 12-13: two worked weekends in the horizon.
		{"two weekends", r, build("12-01", "12-14", tp{id: "p1", plan: "----D-------D-"}),
			[]Violation{v("p1", "12-01", "12-14", "", 2, 1, "weekends")}},
		// Both days of one weekend: one weekend.
		{"one weekend", r, build("12-01", "12-14", tp{id: "p1", plan: "----DD--------"}), nil},
		// 12-06..12-12 (Sunday to Saturday): no weekend has both days in the horizon.
		{"weekends at the edges", month, build("12-06", "12-12", tp{id: "p1", plan: "D-----D"}), nil},
		// Per month: the weekend of 10-31 and 11-01 belongs to October.
		{"month of the Saturday", month, build("2026-10-30", "2026-11-02", tp{id: "p1", plan: "--D-"}),
			[]Violation{v("p1", "10-01", "10-31", "", 1, 0, "weekends")}},
	})
}

func TestCheckCompleteWeekends(t *testing.T) {
	r := &CompleteWeekends{meta: m("complete_weekends")}
	runChecks(t, []checkCase{
		{"Saturday only", r, build("12-01", "12-06", tp{id: "p1", plan: "----D-"}),
			[]Violation{v("p1", "12-05", "12-06", "", 1, 0, "weekends")}},
		{"both", r, build("12-01", "12-06", tp{id: "p1", plan: "----DD"}), nil},
		// A night from Friday touches Saturday only.
		{"Friday night", r, build("12-01", "12-06", tp{id: "p1", plan: "---N--"}),
			[]Violation{v("p1", "12-05", "12-06", "", 1, 0, "weekends")}},
		// A worked Saturday the day before the horizon asks for the Sunday.
		{"history Saturday", r, build("12-06", "12-08", tp{id: "p1", hist: "D", plan: "---"}),
			[]Violation{v("p1", "12-05", "12-06", "", 1, 0, "weekends")}},
		// The Sunday past the horizon end is unknown: not judged.
		{"Sunday unknown", r, build("12-01", "12-05", tp{id: "p1", plan: "----D"}), nil},
	})
}

func TestCheckRestAfterNights(t *testing.T) {
	r := &RestAfterNights{meta: m("rest_after_nights"), Minutes: []int{24 * 60, 48 * 60}}
	runChecks(t, []checkCase{
		// N 12-01 22:00 - 12-02 07:00, D 12-02 09:00: 2 h after one night.
		{"one night", r, build("12-01", "12-06", tp{id: "p1", plan: "ND----"}),
			[]Violation{v("p1", "12-01", "12-02", "D", 2*60, 24*60, "minutes")}},
		// Two nights end 12-03 07:00; D 12-04 09:00 is 26 h later, 48 h needed.
		{"two nights", r, build("12-01", "12-06", tp{id: "p1", plan: "NN-D--"}),
			[]Violation{v("p1", "12-01", "12-04", "D", 26*60, 48*60, "minutes")}},
		{"two nights, rest enough", r, build("12-01", "12-06", tp{id: "p1", plan: "NN--D-"}), nil},
		// A night in the history counts: 11-30 N ends 12-01 07:00, D 12-01 09:00.
		{"history night", r, build("12-01", "12-06", tp{id: "p1", hist: "N", plan: "D-----"}),
			[]Violation{v("p1", "11-30", "12-01", "D", 2*60, 24*60, "minutes")}},
		// L (15:00-24:00) is a night instance: L then N is a run of two,
		// ending 12-03 07:00; three nights use the last value (48 h).
		{"mixed night types", r, build("12-01", "12-06", tp{id: "p1", plan: "LNND--"}),
			[]Violation{v("p1", "12-01", "12-04", "D", 2*60, 48*60, "minutes")}},
		// The next shift in the history: a fact.
		{"history only", r, build("12-01", "12-06", tp{id: "p1", hist: "ND", plan: "------"}), nil},
	})
}

func TestCheckMinWeekendsOff(t *testing.T) {
	r := &MinWeekendsOff{meta: m("min_weekends_off"), Min: 1, Per: PerMonth}
	sats := func(c byte) string { // D on every Saturday of December 2026, c on 12-05
		b := []byte(strings.Repeat("-", 31))
		for _, i := range []int{11, 18, 25} {
			b[i] = 'D'
		}
		b[4] = c
		return string(b)
	}
	octo := func(last byte) string { // D on the Saturdays of October 2026 but the last, last on 10-31
		b := []byte(strings.Repeat("-", 31))
		for _, i := range []int{2, 9, 16, 23} {
			b[i] = 'D'
		}
		b[30] = last
		return string(b)
	}
	runChecks(t, []checkCase{
		{"every Saturday worked", r, build("12-01", "12-31", tp{id: "p1", plan: sats('D')}),
			[]Violation{v("p1", "12-01", "12-31", "", 0, 1, "weekends")}},
		{"one weekend off", r, build("12-01", "12-31", tp{id: "p1", plan: sats('-')}), nil},
		// Leave is no rest day.
		{"leave weekend", r, build("12-01", "12-31", tp{id: "p1", plan: sats('P')}),
			[]Violation{v("p1", "12-01", "12-31", "", 0, 1, "weekends")}},
		// December not wholly inside the horizon: not judged.
		{"partial month", r, build("12-01", "12-30", tp{id: "p1", plan: sats('D')[:30]}), nil},
		// 10-31 is a Saturday whose Sunday is past the horizon: off when rested.
		{"Sunday past the end", r, build("2026-10-01", "2026-10-31", tp{id: "p1", plan: octo('-')}), nil},
		{"Sunday past the end, worked", r, build("2026-10-01", "2026-10-31", tp{id: "p1", plan: octo('D')}),
			[]Violation{v("p1", "10-01", "10-31", "", 0, 1, "weekends")}},
	})
}

func TestCheckNightsPerMonth(t *testing.T) {
	r := &NightsPerMonth{meta: m("jp-nurse-jna"), Max: 2}
	runChecks(t, []checkCase{
		// The history night of 11-30 counts for November, not December.
		{"three nights", r, build("12-01", "12-31", tp{id: "p1", hist: "N", plan: "N-N-N" + strings.Repeat("-", 26)}),
			[]Violation{v("p1", "12-01", "12-31", "", 3, 2, "night shifts")}},
		{"November with history", r, build("11-29", "12-02", tp{id: "p1", hist: "NN", plan: "N---"}),
			[]Violation{v("p1", "11-01", "11-30", "", 3, 2, "night shifts")}},
	})
}

// TestSoftPatternUnits: the soft forms cost the units RULES.md 2.10 names.
func TestSoftPatternUnits(t *testing.T) {
	cases := []struct {
		name  string
		rule  PatternRule
		plan  string
		units []int
	}{
		{"missing days of a short run", &MinConsecutiveDays{meta: m("x"), Min: 3}, "-D-DD-", []int{2, 1}},
		{"extra consecutive shifts", &MaxConsecutiveShifts{meta: m("x"), Shift: "D", Max: 1}, "DDD-DD", []int{2, 1}},
		{"rest hours missing, rounded up", &RestAfterNights{meta: m("x"), Minutes: []int{24*60 + 30}}, "ND----", []int{23}},
		{"weekends over", &MaxWeekends{meta: m("x"), Max: 0, Per: PerHorizon}, "----DD", []int{1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &SoftPattern{Pattern: tc.rule, Weight: 3}
			var got []int
			for _, it := range s.Cost(build("12-01", "12-06", tp{id: "p1", plan: tc.plan})) {
				got = append(got, it.Units)
				if it.Cost != 3*it.Units {
					t.Errorf("cost %d for %d units of weight 3", it.Cost, it.Units)
				}
			}
			if diff := cmp.Diff(tc.units, got); diff != "" {
				t.Errorf("units (-want +got):\n%s", diff)
			}
		})
	}
}
