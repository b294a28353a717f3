package constraints_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// The tests of this file build tiny scenarios in code and compare the
// solver's SAT/UNSAT answer on the encoding with answers reasoned by hand
// from RULES.md. Every roster found is also run through Check.

// sunday is 2024-04-07, a Sunday: horizons start on it so that fixed weeks
// (week start Sunday) and blocks anchored on the horizon start coincide.
var sunday = model.MustDate("2024-04-07")

func shift(id string, start, end string, brk int) *model.ShiftType {
	s, _ := model.ParseClock(start, false)
	e, _ := model.ParseClock(end, true)
	return &model.ShiftType{ID: model.ShiftID(id), Name: id, Start: s, End: e, Break: brk}
}

// The shift types of the tests.
var (
	shD  = shift("D", "09:00", "17:00", 60) // 7 h of work
	shE  = shift("E", "06:00", "14:00", 0)  // 8 h
	shL  = shift("L", "14:00", "22:00", 0)  // 8 h, ends at 22:00: not a night shift
	shN  = shift("N", "22:00", "07:00", 60) // night, touches two days
	shM  = shift("M", "07:00", "15:00", 0)  // 8 h
	shEa = shift("EA", "05:00", "13:00", 0) // starts at 05:00: not a night shift
	shEb = shift("EB", "04:00", "12:00", 0) // starts at 04:00: night
	shG  = shift("G", "08:00", "18:00", 60) // 9 h of work
	shS  = shift("S", "09:00", "13:00", 0)  // 4 h: 28 h in a full week
)

// scen returns a scenario of n days from start with the given shift types
// and people "a", "b", ... (as many as people).
func scen(start model.Date, n int, people int, shifts ...*model.ShiftType) *model.Scenario {
	sc := &model.Scenario{Name: "test", Horizon: model.DateRange{Start: start, End: start.Add(n - 1)},
		WeekStart: time.Sunday, Shifts: shifts}
	for i := 0; i < people; i++ {
		id := model.StaffID(string(rune('a' + i)))
		sc.Staff = append(sc.Staff, &model.Staff{ID: id, Name: string(id)})
	}
	return sc
}

func fix(p *model.Staff, d model.Date, s *model.ShiftType) {
	p.Fixed = append(p.Fixed, model.Assignment{Date: d, Shift: s.ID})
}

func fixRun(p *model.Staff, from model.Date, n int, s *model.ShiftType) {
	for i := 0; i < n; i++ {
		fix(p, from.Add(i), s)
	}
}

func hist(p *model.Staff, d model.Date, s *model.ShiftType) {
	h := model.HistoryDay{Date: d}
	if s != nil {
		h.Shift = s.ID
	}
	p.History = append(p.History, h)
}

func fl(x float64) *float64 { return &x }
func in(x int) *int         { return &x }
func dt(d model.Date) *model.Date {
	return &d
}

func rule(name string, set ...func(*model.RuleSpec)) *model.RuleSpec {
	rs := &model.RuleSpec{Rule: name, Keys: map[string]model.Pos{}}
	for _, f := range set {
		f(rs)
	}
	return rs
}

// feasible compiles and solves sc; it fails the test on errors, an unknown
// answer, or a roster that Check rejects.
func feasible(t *testing.T, sc *model.Scenario) bool {
	t.Helper()
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	res, err := solver.Solve(context.Background(), sc, rules, solver.Options{TimeLimit: 30 * time.Second})
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	switch res.Status {
	case solver.Feasible:
		for _, r := range rules {
			for _, v := range r.Check(res.Roster) {
				t.Errorf("roster breaks %s (%s): %s %s..%s: %s", v.Kind, v.Rule, v.Staff, v.From, v.To, v.Message)
			}
		}
		return true
	case solver.Infeasible:
		return false
	}
	t.Fatalf("solver answered %v", res.Status)
	return false
}

func expect(t *testing.T, sc *model.Scenario, want bool) {
	t.Helper()
	if got := feasible(t, sc); got != want {
		t.Errorf("feasible = %v, want %v", got, want)
	}
}

// TestLongestStreak reproduces the table of RULES.md §4: a streak of
// `longest` forced work days fits at the best placement in the horizon, a
// streak of longest+1 fits nowhere.
func TestLongestStreak(t *testing.T) {
	anchor := func(rs *model.RuleSpec) { rs.Anchor = dt(sunday) }
	tests := []struct {
		name    string
		rules   []*model.RuleSpec
		days    int
		longest int
		busy    *model.DateRange // placements restricted to it for the longest streak
	}{
		{"jp-weekly", []*model.RuleSpec{rule("jp-weekly")}, 21, 12, nil},
		{"jp-2w2d", []*model.RuleSpec{rule("jp-2w2d", anchor)}, 42, 24, nil},
		{"jp-4w4d", []*model.RuleSpec{rule("jp-4w4d", anchor)}, 84, 48, nil},
		{"jp-13days", []*model.RuleSpec{rule("jp-13days")}, 21, 13, nil},
		{"jp-13days+jp-4w4d", []*model.RuleSpec{rule("jp-13days"), rule("jp-4w4d", anchor)}, 42, 13, nil},
		{"jp-holiday-work-cap", []*model.RuleSpec{rule("jp-holiday-work-cap", anchor)}, 84, 52, nil},
		{"jp-variable-year", []*model.RuleSpec{rule("jp-variable-year")}, 21, 6, nil},
		{"jp-variable-year busy", []*model.RuleSpec{rule("jp-variable-year", func(rs *model.RuleSpec) {
			rs.BusyPeriods = []model.BusyPeriod{{Range: model.DateRange{Start: sunday.Add(7), End: sunday.Add(27)}}}
		})}, 35, 12, &model.DateRange{Start: sunday.Add(7), End: sunday.Add(27)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			try := func(n, o int) bool {
				sc := scen(sunday, tt.days, 1, shD)
				sc.Rules = tt.rules
				fixRun(sc.Staff[0], sunday.Add(o), n, shD)
				return feasible(t, sc)
			}
			found := -1
			for o := 0; o+tt.longest <= tt.days && found < 0; o++ {
				if tt.busy != nil && !(tt.busy.Contains(sunday.Add(o)) && tt.busy.Contains(sunday.Add(o+tt.longest-1))) {
					continue
				}
				if try(tt.longest, o) {
					found = o
				}
			}
			if found < 0 {
				t.Errorf("no placement of a %d-day streak is feasible", tt.longest)
			}
			for o := 0; o+tt.longest+1 <= tt.days; o++ {
				if try(tt.longest+1, o) {
					t.Errorf("a %d-day streak from day %d is feasible", tt.longest+1, o)
				}
			}
		})
	}
}

// TestVariableYearOutsideBusy: outside the busy period the normal cap of 6
// applies, also for a window that only partly lies in the busy period.
func TestVariableYearOutsideBusy(t *testing.T) {
	busy := model.DateRange{Start: sunday.Add(7), End: sunday.Add(27)}
	for _, o := range []int{0, 2, 22, 25} { // 7-day streaks crossing or outside the busy period
		sc := scen(sunday, 35, 1, shD)
		sc.Rules = []*model.RuleSpec{rule("jp-variable-year", func(rs *model.RuleSpec) {
			rs.BusyPeriods = []model.BusyPeriod{{Range: busy}}
		})}
		fixRun(sc.Staff[0], sunday.Add(o), 7, shD)
		if feasible(t, sc) {
			t.Errorf("7-day streak from day %d is feasible", o)
		}
	}
	sc := scen(sunday, 35, 1, shD)
	sc.Rules = []*model.RuleSpec{rule("jp-variable-year", func(rs *model.RuleSpec) {
		rs.BusyPeriods = []model.BusyPeriod{{Range: busy}}
	})}
	fixRun(sc.Staff[0], sunday.Add(8), 7, shD) // wholly inside
	expect(t, sc, true)
}

// TestVariableYearWeekHours: 52 h per fixed week; 8 h shifts on 7 days of
// one week (56 h) are too many even inside a busy period.
func TestVariableYearWeekHours(t *testing.T) {
	sc := scen(sunday, 21, 1, shE)
	sc.Rules = []*model.RuleSpec{rule("jp-variable-year", func(rs *model.RuleSpec) {
		rs.BusyPeriods = []model.BusyPeriod{{Range: sc.Horizon}}
	})}
	fixRun(sc.Staff[0], sunday.Add(7), 7, shE)
	expect(t, sc, false)
}

func TestLeaveDoesNotBreakStreak(t *testing.T) {
	for _, tt := range []struct {
		after int
		want  bool
	}{{6, true}, {7, false}} {
		t.Run(fmt.Sprint(tt.after), func(t *testing.T) {
			sc := scen(sunday, 21, 1, shD)
			sc.Rules = []*model.RuleSpec{rule("jp-13days")}
			p := sc.Staff[0]
			fixRun(p, sunday, 6, shD)
			p.Leave = []model.Date{sunday.Add(6)}
			fixRun(p, sunday.Add(7), tt.after, shD) // 6 + leave + after
			expect(t, sc, tt.want)
		})
	}
}

// TestLeaveNotRestForHolidays: a leave day does not count toward the quota.
func TestLeaveNotRestForHolidays(t *testing.T) {
	sc := scen(sunday, 7, 1, shD)
	sc.Rules = []*model.RuleSpec{rule("jp-weekly")}
	p := sc.Staff[0]
	fixRun(p, sunday, 6, shD)
	p.Leave = []model.Date{sunday.Add(6)}
	expect(t, sc, false)
}

func TestHistory(t *testing.T) {
	t.Run("streak across the boundary", func(t *testing.T) {
		for _, tt := range []struct {
			horizon int
			want    bool
		}{{10, true}, {11, false}} {
			sc := scen(sunday, 21, 1, shD)
			sc.Rules = []*model.RuleSpec{rule("jp-13days")}
			p := sc.Staff[0]
			for i := 1; i <= 3; i++ {
				hist(p, sunday.Add(-i), shD)
			}
			fixRun(p, sunday, tt.horizon, shD)
			if got := feasible(t, sc); got != tt.want {
				t.Errorf("3 history days + %d: feasible = %v, want %v", tt.horizon, got, tt.want)
			}
		}
	})
	t.Run("unlisted history days are rest", func(t *testing.T) {
		sc := scen(sunday, 21, 1, shD)
		sc.Rules = []*model.RuleSpec{rule("jp-13days")}
		p := sc.Staff[0]
		hist(p, sunday.Add(-5), shD) // known from day -5; days -4..-1 rest
		fixRun(p, sunday, 13, shD)
		expect(t, sc, true)
	})
	t.Run("history leave is not rest", func(t *testing.T) {
		sc := scen(sunday, 21, 1, shD)
		sc.Rules = []*model.RuleSpec{rule("jp-13days")}
		p := sc.Staff[0]
		p.History = append(p.History, model.HistoryDay{Date: sunday.Add(-1), Leave: true})
		fixRun(p, sunday, 13, shD)
		expect(t, sc, false)
	})
	t.Run("history is pinned", func(t *testing.T) {
		// A night in history touching the first horizon day, which is unavailable.
		sc := scen(sunday, 7, 1, shD, shN)
		p := sc.Staff[0]
		hist(p, sunday.Add(-1), shN)
		p.Unavailable = []model.Unavailable{{Date: sunday}}
		expect(t, sc, false)
	})
	t.Run("partial 4w4d block", func(t *testing.T) {
		// Block [-14, +13]: 14 history work days, so the 14 horizon days
		// must hold all 4 rest days.
		for _, tt := range []struct {
			work int
			want bool
		}{{10, true}, {11, false}} {
			sc := scen(sunday, 14, 1, shD)
			sc.Rules = []*model.RuleSpec{rule("jp-4w4d", func(rs *model.RuleSpec) { rs.Anchor = dt(sunday.Add(-14)) })}
			p := sc.Staff[0]
			for i := 1; i <= 14; i++ {
				hist(p, sunday.Add(-i), shD)
			}
			fixRun(p, sunday, tt.work, shD)
			if got := feasible(t, sc); got != tt.want {
				t.Errorf("%d work days: feasible = %v, want %v", tt.work, got, tt.want)
			}
		}
	})
	t.Run("unknown days of a block could be rest", func(t *testing.T) {
		// Block [-14, +13] with no history: 14 unknown days cover the quota.
		sc := scen(sunday, 14, 1, shD)
		sc.Rules = []*model.RuleSpec{rule("jp-4w4d", func(rs *model.RuleSpec) { rs.Anchor = dt(sunday.Add(-14)) })}
		fixRun(sc.Staff[0], sunday, 14, shD)
		expect(t, sc, true)
	})
	t.Run("block partly after the horizon", func(t *testing.T) {
		// 4w4d from the horizon start, horizon 26 days: 2 unknown days, 2 rest days needed.
		for _, tt := range []struct {
			work int
			want bool
		}{{24, true}, {25, false}} {
			sc := scen(sunday, 26, 1, shD)
			sc.Rules = []*model.RuleSpec{rule("jp-4w4d", func(rs *model.RuleSpec) { rs.Anchor = dt(sunday) })}
			fixRun(sc.Staff[0], sunday, tt.work, shD)
			if got := feasible(t, sc); got != tt.want {
				t.Errorf("%d work days: feasible = %v, want %v", tt.work, got, tt.want)
			}
		}
	})
}

// TestNightTouchesTwoDays: a night shift makes the next day a work day
// (the morning after a night is not a rest day).
func TestNightTouchesTwoDays(t *testing.T) {
	sc := scen(sunday, 7, 1, shD, shN)
	sc.Rules = []*model.RuleSpec{rule("jp-weekly")}
	p := sc.Staff[0]
	fixRun(p, sunday, 5, shD)
	fix(p, sunday.Add(5), shN) // touches day 6 too
	expect(t, sc, false)
}

func TestRestInterval(t *testing.T) {
	type f struct {
		day int
		s   *model.ShiftType
	}
	reduced := func(max int) *model.RuleSpec {
		return rule("rest_interval", func(rs *model.RuleSpec) {
			rs.Hours = fl(11)
			rs.Reduced = &model.Reduced{Hours: 9, Max: in(max)}
		})
	}
	tests := []struct {
		name  string
		rule  *model.RuleSpec
		fixed []f
		hist  []f
		want  bool
	}{
		{"L then E: 8 h", rule("interval-11h"), []f{{0, shL}, {1, shE}}, nil, false},
		{"E then L: 24 h", rule("interval-11h"), []f{{0, shE}, {1, shL}}, nil, true},
		{"L then D: 11 h exactly", rule("interval-11h"), []f{{0, shL}, {1, shD}}, nil, true},
		{"N then L: 7 h", rule("interval-11h"), []f{{0, shN}, {1, shL}}, nil, false},
		{"N then N: 15 h", rule("interval-11h"), []f{{0, shN}, {1, shN}}, nil, true},
		{"history L then E", rule("interval-11h"), []f{{0, shE}}, []f{{-1, shL}}, false},
		{"history L two days before E", rule("interval-11h"), []f{{0, shE}}, []f{{-2, shL}}, true},
		{"driver L then M: 9 h", rule("jp-driver"), []f{{0, shL}, {1, shM}}, nil, true},
		{"driver L then E: 8 h", rule("jp-driver"), []f{{0, shL}, {1, shE}}, nil, false},
		{"driver no weekly cap", rule("jp-driver"), []f{{0, shL}, {1, shM}, {2, shL}, {3, shM}, {4, shL}, {5, shM}}, nil, true},
		{"reduced once a week", reduced(1), []f{{1, shL}, {2, shM}}, nil, true},
		{"reduced twice a week", reduced(1), []f{{1, shL}, {2, shM}, {3, shL}, {4, shM}}, nil, false},
		{"reduced max 0", reduced(0), []f{{1, shL}, {2, shM}}, nil, false},
		// The gap ending on Sunday (day 7) belongs to the second week.
		{"reduced in two weeks", reduced(1), []f{{2, shL}, {3, shM}, {6, shL}, {7, shM}}, nil, true},
		{"reduced twice in week two", reduced(1), []f{{6, shL}, {7, shM}, {8, shL}, {9, shM}}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := scen(sunday, 14, 1, shD, shE, shL, shN, shM)
			sc.Rules = []*model.RuleSpec{tt.rule}
			p := sc.Staff[0]
			for _, x := range tt.fixed {
				fix(p, sunday.Add(x.day), x.s)
			}
			for _, x := range tt.hist {
				hist(p, sunday.Add(x.day), x.s)
			}
			expect(t, sc, tt.want)
		})
	}
}

func TestRestWithin(t *testing.T) {
	sA := shift("A", "09:00", "24:00", 60)  // ends 00:00: 9 h left of the 24 h window
	sB := shift("B", "09:00", "01:00", 60)  // ends 01:00: 8 h left
	sC := shift("C", "09:00", "17:00", 60)  // next day at 09:00: the gap ends at the window end
	sC8 := shift("C8", "08:00", "16:00", 0) // next day at 08:00: 8 h gap
	sX := shift("X", "09:00", "09:00", 120) // 24 h
	type f struct {
		day int
		s   *model.ShiftType
	}
	tests := []struct {
		name  string
		fixed []f
		want  bool
	}{
		{"A alone", []f{{3, sA}}, true},
		{"B alone", []f{{3, sB}}, false},
		{"X alone", []f{{3, sX}}, false},
		{"A then C", []f{{3, sA}, {4, sC}}, true},
		{"A then C8", []f{{3, sA}, {4, sC8}}, false},
		{"A on the last day", []f{{6, sA}}, true},
		{"C every day", []f{{0, sC}, {1, sC}, {2, sC}, {3, sC}, {4, sC}, {5, sC}, {6, sC}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := scen(sunday, 7, 1, sA, sB, sC, sC8, sX)
			sc.Rules = []*model.RuleSpec{rule("jp-doctor")}
			for _, x := range tt.fixed {
				fix(sc.Staff[0], sunday.Add(x.day), x.s)
			}
			expect(t, sc, tt.want)
		})
	}
	t.Run("window of a history start", func(t *testing.T) {
		for _, tt := range []struct {
			next *model.ShiftType
			want bool
		}{{sC, true}, {sC8, false}} {
			sc := scen(sunday, 7, 1, sA, sC, sC8)
			sc.Rules = []*model.RuleSpec{rule("jp-doctor")}
			hist(sc.Staff[0], sunday.Add(-1), sA)
			fix(sc.Staff[0], sunday, tt.next)
			if got := feasible(t, sc); got != tt.want {
				t.Errorf("history A then %s: feasible = %v, want %v", tt.next.ID, got, tt.want)
			}
		}
	})
	t.Run("46/18", func(t *testing.T) {
		// A 09:00-24:00 then C at 09:00 two days later: 33 h gap within 46 h.
		sc := scen(sunday, 7, 1, sA, sC)
		sc.Rules = []*model.RuleSpec{rule("rest_within", func(rs *model.RuleSpec) { rs.WindowHours, rs.RestHours = fl(46), fl(18) })}
		fix(sc.Staff[0], sunday.Add(1), sA)
		fix(sc.Staff[0], sunday.Add(2), sC) // 9 h gap, then 16 h after C ends at 17:00: window ends day 3 07:00 -> 14 h
		expect(t, sc, false)
		sc = scen(sunday, 7, 1, sA, sC)
		sc.Rules = []*model.RuleSpec{rule("rest_within", func(rs *model.RuleSpec) { rs.WindowHours, rs.RestHours = fl(46), fl(18) })}
		fix(sc.Staff[0], sunday.Add(1), sA)
		fix(sc.Staff[0], sunday.Add(3), sC)
		expect(t, sc, true)
	})
}

func TestWeeklyRest(t *testing.T) {
	off := func(n int, offDays ...int) []int {
		var out []int
		for d := 0; d < n; d++ {
			skip := false
			for _, o := range offDays {
				skip = skip || o == d
			}
			if !skip {
				out = append(out, d)
			}
		}
		return out
	}
	tests := []struct {
		name string
		rule string
		days int
		work []int
		want bool
	}{
		// D 09:00-17:00: a day off mid-week gives 17:00..09:00 = 40 h.
		{"eu mid-week day off", "eu-wtd", 7, off(7, 3), true},
		// Sunday off: the rest inside the fixed week is 00:00 Sun..09:00 Mon = 33 h.
		{"eu first day off", "eu-wtd", 7, off(7, 0), false},
		// Saturday off: 17:00 Fri..24:00 Sat = 31 h.
		{"eu last day off", "eu-wtd", 7, off(7, 6), false},
		// Sunday and Monday off: 00:00 Sun..09:00 Tue = 57 h from the period start.
		{"eu first two days off", "eu-wtd", 7, off(7, 0, 1), true},
		{"eu no day off", "eu-wtd", 7, off(7), false},
		{"uk one day off per week", "uk-wtr", 14, off(14, 3, 10), true},
		{"uk two days off per fortnight", "uk-wtr", 14, off(14, 3, 4), true},
		{"uk one day off per fortnight", "uk-wtr", 14, off(14, 3), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := scen(sunday, tt.days, 1, shD)
			sc.Rules = []*model.RuleSpec{rule(tt.rule)}
			for _, d := range tt.work {
				fix(sc.Staff[0], sunday.Add(d), shD)
			}
			for d := 0; d < tt.days; d++ { // days not worked are off
				if !contains(tt.work, d) {
					sc.Staff[0].RequestsOff = append(sc.Staff[0].RequestsOff, sunday.Add(d))
				}
			}
			expect(t, sc, tt.want)
		})
	}
}

// TestWeeklyRestFromPeriodStart: the rest may start at the period start.
// Sunday off and Monday from 11:00 gives exactly 35 h; from 10:00, 34 h.
func TestWeeklyRestFromPeriodStart(t *testing.T) {
	for _, tt := range []struct {
		monday string
		want   bool
	}{{"11:00", true}, {"10:00", false}} {
		t.Run(tt.monday, func(t *testing.T) {
			late := shift("late", tt.monday, "19:00", 60)
			sc := scen(sunday, 7, 1, shD, late)
			sc.Rules = []*model.RuleSpec{rule("eu-wtd")}
			p := sc.Staff[0]
			p.RequestsOff = []model.Date{sunday}
			fix(p, sunday.Add(1), late)
			fixRun(p, sunday.Add(2), 5, shD)
			expect(t, sc, tt.want)
		})
	}
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestSums(t *testing.T) {
	t.Run("40 h per week", func(t *testing.T) {
		for _, tt := range []struct {
			n    int
			want bool
		}{{5, true}, {6, false}} {
			sc := scen(sunday, 14, 1, shE)
			sc.Rules = []*model.RuleSpec{rule("max_hours", func(rs *model.RuleSpec) { rs.Max, rs.Per = fl(40), "week" })}
			fixRun(sc.Staff[0], sunday.Add(1), tt.n, shE)
			if got := feasible(t, sc); got != tt.want {
				t.Errorf("%d shifts: feasible = %v, want %v", tt.n, got, tt.want)
			}
		}
	})
	t.Run("week with history", func(t *testing.T) {
		// Horizon from Wednesday; Sun-Tue worked in history (24 h).
		wed := sunday.Add(3)
		for _, tt := range []struct {
			n    int
			want bool
		}{{2, true}, {3, false}} {
			sc := scen(wed, 11, 1, shE)
			sc.Rules = []*model.RuleSpec{rule("max_hours", func(rs *model.RuleSpec) { rs.Max, rs.Per = fl(40), "week" })}
			for d := sunday; d < wed; d++ {
				hist(sc.Staff[0], d, shE)
			}
			fixRun(sc.Staff[0], wed, tt.n, shE)
			if got := feasible(t, sc); got != tt.want {
				t.Errorf("%d shifts: feasible = %v, want %v", tt.n, got, tt.want)
			}
		}
	})
	t.Run("max days per horizon ignores history", func(t *testing.T) {
		sc := scen(sunday, 7, 1, shE)
		sc.Rules = []*model.RuleSpec{rule("max_days", func(rs *model.RuleSpec) { rs.Max = fl(3) })}
		hist(sc.Staff[0], sunday.Add(-1), shE)
		hist(sc.Staff[0], sunday.Add(-2), shE)
		fixRun(sc.Staff[0], sunday, 3, shE)
		expect(t, sc, true)
	})
	t.Run("min hours per block", func(t *testing.T) {
		// 16 h per fixed 7-day block: two 8 h shifts are needed; only two days are available.
		for _, tt := range []struct {
			avail int
			want  bool
		}{{2, true}, {1, false}} {
			sc := scen(sunday, 7, 1, shE)
			sc.Rules = []*model.RuleSpec{rule("min_hours", func(rs *model.RuleSpec) {
				rs.Min, rs.Per, rs.BlockDays, rs.Anchor = fl(16), "block", in(7), dt(sunday)
			})}
			for d := tt.avail; d < 7; d++ {
				sc.Staff[0].Unavailable = append(sc.Staff[0].Unavailable, model.Unavailable{Date: sunday.Add(d)})
			}
			if got := feasible(t, sc); got != tt.want {
				t.Errorf("%d days available: feasible = %v, want %v", tt.avail, got, tt.want)
			}
		}
	})
	t.Run("min days not for a partial block", func(t *testing.T) {
		// The block [-3, +3] is partly unknown: its minimum does not apply.
		sc := scen(sunday, 4, 1, shE)
		sc.Rules = []*model.RuleSpec{rule("min_days", func(rs *model.RuleSpec) {
			rs.Min, rs.Per, rs.BlockDays, rs.Anchor = fl(5), "block", in(7), dt(sunday.Add(-3))
		})}
		expect(t, sc, true)
	})
	t.Run("personal limits", func(t *testing.T) {
		sc := scen(sunday, 7, 1, shE, shL)
		p := sc.Staff[0]
		p.Limits.MaxShifts = map[model.ShiftID]int{"L": 1}
		p.Limits.MinDays = in(2)
		fix(p, sunday, shL)
		expect(t, sc, true)
		fix(p, sunday.Add(2), shL)
		expect(t, sc, false)
	})
	t.Run("max days per day", func(t *testing.T) {
		sc := scen(sunday, 3, 1, shE)
		sc.Rules = []*model.RuleSpec{rule("max_days", func(rs *model.RuleSpec) { rs.Max, rs.Per = fl(0), "day" })}
		fix(sc.Staff[0], sunday.Add(1), shE)
		expect(t, sc, false)
	})
}

func TestNightWork(t *testing.T) {
	type f struct {
		day int
		s   *model.ShiftType
	}
	tests := []struct {
		name  string
		max   int
		fixed []f
		want  bool
	}{
		{"one night", 1, []f{{0, shN}}, true},
		{"two nights", 1, []f{{0, shN}, {2, shN}}, false},
		{"ending at 22:00 is not night", 0, []f{{0, shL}, {1, shL}}, true},
		{"starting at 05:00 is not night", 0, []f{{0, shEa}}, true},
		{"starting at 04:00 is night", 0, []f{{0, shEb}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := scen(sunday, 7, 1, shN, shL, shEa, shEb)
			sc.Rules = []*model.RuleSpec{rule("night_work", func(rs *model.RuleSpec) { rs.Max = fl(float64(tt.max)) })}
			for _, x := range tt.fixed {
				fix(sc.Staff[0], sunday.Add(x.day), x.s)
			}
			expect(t, sc, tt.want)
		})
	}
}

func TestMinor(t *testing.T) {
	tests := []struct {
		name string
		s    *model.ShiftType
		n    int
		want bool
	}{
		{"day shift", shD, 1, true},
		{"night", shN, 1, false},
		{"9 h of work", shG, 1, false},
		{"35 h a week", shD, 5, true},
		{"42 h a week", shD, 6, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := scen(sunday, 7, 1, shD, shN, shG)
			sc.Staff[0].Minor = true
			fixRun(sc.Staff[0], sunday, tt.n, tt.s)
			expect(t, sc, tt.want)
		})
	}
	t.Run("no holiday work", func(t *testing.T) {
		// jp-holiday-work-cap allows a 52-day streak (two rest days per block), but not for a minor.
		for _, minor := range []bool{false, true} {
			sc := scen(sunday, 56, 1, shS)
			sc.Staff[0].Minor = minor
			sc.Rules = []*model.RuleSpec{rule("jp-holiday-work-cap", func(rs *model.RuleSpec) { rs.Anchor = dt(sunday) })}
			fixRun(sc.Staff[0], sunday.Add(2), 52, shS)
			if got := feasible(t, sc); got == minor {
				t.Errorf("minor %v: feasible = %v", minor, got)
			}
		}
	})
}

func TestCoverage(t *testing.T) {
	t.Run("min", func(t *testing.T) {
		sc := scen(sunday, 3, 1, shE)
		sc.Demand = []*model.Demand{{Shift: "E", Min: 2}}
		expect(t, sc, false)
		sc = scen(sunday, 3, 2, shE)
		sc.Demand = []*model.Demand{{Shift: "E", Min: 2}}
		expect(t, sc, true)
	})
	t.Run("skill", func(t *testing.T) {
		sc := scen(sunday, 3, 2, shE)
		sc.Demand = []*model.Demand{{Shift: "E", Min: 1, Skill: "rn"}}
		expect(t, sc, false)
		sc.Staff[1].Skills = []string{"rn"}
		expect(t, sc, true)
	})
	t.Run("max", func(t *testing.T) {
		sc := scen(sunday, 3, 2, shE)
		sc.Demand = []*model.Demand{{Shift: "E", Max: in(1), Weekdays: []time.Weekday{time.Monday}}}
		fix(sc.Staff[0], sunday.Add(1), shE)
		fix(sc.Staff[1], sunday.Add(2), shE)
		expect(t, sc, true)
		fix(sc.Staff[1], sunday.Add(1), shE)
		expect(t, sc, false)
	})
	t.Run("with rest interval", func(t *testing.T) {
		// One person cannot cover L then E the next day under 11 h.
		sc := scen(sunday, 2, 1, shE, shL)
		sc.Rules = []*model.RuleSpec{rule("interval-11h")}
		sc.Demand = []*model.Demand{{Shift: "L", Min: 1, Dates: []model.Date{sunday}}, {Shift: "E", Min: 1, Dates: []model.Date{sunday.Add(1)}}}
		expect(t, sc, false)
	})
}

func TestStructure(t *testing.T) {
	sc := scen(sunday, 3, 1, shE, shL, shN)
	fix(sc.Staff[0], sunday, shE)
	fix(sc.Staff[0], sunday, shL)
	expect(t, sc, false)
	sc = scen(sunday, 3, 1, shE, shL, shN)
	fix(sc.Staff[0], sunday, shN) // until 07:00 of day 1
	fix(sc.Staff[0], sunday.Add(1), shE)
	expect(t, sc, false)
	sc = scen(sunday, 3, 1, shE, shL, shN)
	fix(sc.Staff[0], sunday, shN)
	fix(sc.Staff[0], sunday.Add(1), shL)
	expect(t, sc, true)
}

func TestPersonal(t *testing.T) {
	d1 := sunday.Add(1)
	tests := []struct {
		name string
		set  func(p *model.Staff)
		want bool
	}{
		{"unavailable date", func(p *model.Staff) {
			p.Unavailable = []model.Unavailable{{Date: d1}}
			fix(p, d1, shE)
		}, false},
		{"unavailable date touched by a night", func(p *model.Staff) {
			p.Unavailable = []model.Unavailable{{Date: d1}}
			fix(p, sunday, shN)
		}, false},
		{"unavailable shift", func(p *model.Staff) {
			p.Unavailable = []model.Unavailable{{Date: d1, Shift: "E"}}
			fix(p, d1, shL)
		}, true},
		{"unavailable shift taken", func(p *model.Staff) {
			p.Unavailable = []model.Unavailable{{Date: d1, Shift: "E"}}
			fix(p, d1, shE)
		}, false},
		{"leave touched by a night", func(p *model.Staff) {
			p.Leave = []model.Date{d1}
			fix(p, sunday, shN)
		}, false},
		{"leave next to a day shift", func(p *model.Staff) {
			p.Leave = []model.Date{d1}
			fix(p, sunday, shL)
		}, true},
		{"request off", func(p *model.Staff) {
			p.RequestsOff = []model.Date{d1}
			fix(p, sunday, shN)
		}, false},
		{"shift not allowed", func(p *model.Staff) {
			p.Shifts = []model.ShiftID{"E", "N"}
			fix(p, d1, shL)
		}, false},
		{"shift allowed", func(p *model.Staff) {
			p.Shifts = []model.ShiftID{"E", "N"}
			fix(p, d1, shN)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := scen(sunday, 4, 1, shE, shL, shN)
			tt.set(sc.Staff[0])
			expect(t, sc, tt.want)
		})
	}
}

// TestProvenance: an infeasible scenario's core names the requirement
// instances by kind, person and dates.
func TestProvenance(t *testing.T) {
	sc := scen(sunday, 21, 1, shD)
	sc.Rules = []*model.RuleSpec{rule("jp-13days")}
	p := sc.Staff[0]
	fixRun(p, sunday.Add(2), 14, shD)
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	res, err := solver.Solve(context.Background(), sc, rules, solver.Options{TimeLimit: 30 * time.Second})
	if err != nil || res.Status != solver.Infeasible {
		t.Fatalf("Solve = %v, %v; want infeasible", res.Status, err)
	}
	found := false
	for _, pv := range res.Core {
		if pv.Kind == "max_consecutive_days" && pv.From == sunday.Add(2) {
			found = true
			if pv.Staff != "a" || pv.Rule != "jp-13days" || pv.Limit != 13 || pv.To != sunday.Add(15) ||
				pv.Unit != "days" || pv.Citation == "" || pv.Detail == "" {
				t.Errorf("provenance %+v", pv)
			}
		}
	}
	if !found {
		t.Errorf("core %+v names no max_consecutive_days window from %s", res.Core, sunday.Add(2))
	}
}

// TestEncodingDeterministic: the same scenario encodes to the same clauses.
func TestEncodingDeterministic(t *testing.T) {
	build := func() [][]constraints.Lit {
		sc := scen(sunday, 28, 3, shE, shL, shN)
		sc.Rules = []*model.RuleSpec{rule("jp-4w4d", func(rs *model.RuleSpec) { rs.Anchor = dt(sunday) }),
			rule("jp-13days"), rule("jp-driver"), rule("uk-wtr"), rule("jp-doctor"),
			rule("night_work", func(rs *model.RuleSpec) { rs.Max = fl(6) }),
			rule("rest_interval", func(rs *model.RuleSpec) { rs.Hours, rs.Reduced = fl(12), &model.Reduced{Hours: 10, Max: in(1)} }),
			rule("max_hours", func(rs *model.RuleSpec) { rs.Max, rs.Per = fl(40), "week" })}
		sc.Demand = []*model.Demand{{Shift: "E", Min: 1}, {Shift: "N", Min: 1, Max: in(1)}}
		sc.Staff[0].Leave = []model.Date{sunday.Add(3)}
		sc.Staff[1].Minor = true
		hist(sc.Staff[2], sunday.Add(-2), shN)
		rules, err := constraints.Compile(sc)
		if err != nil {
			t.Fatal(err)
		}
		return solver.Encode(sc, rules, true).Clauses()
	}
	a, b := build(), build()
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two encodings of one scenario differ (%d and %d clauses)", len(a), len(b))
	}
}
