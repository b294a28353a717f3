package constraints

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shiftsat/shiftsat/model"
)

// Tests of the checker. Every expected violation below is counted by hand
// from RULES.md; the comments say how.
//
// Rosters are written as day patterns, one character per day: '-' no
// start, 'P' a paid-leave day, any other letter the shift type of that id
// started that day. '|' is only a separator (put at week starts: the
// horizons below are in December 2026, and 2026-11-29, 12-06, 12-13, 12-20
// and 12-27 are Sundays).

// Test shift types.
var testShifts = []*model.ShiftType{
	{ID: "D", Start: 9 * 60, End: 18 * 60, Break: 60},  // day, 8 h work
	{ID: "E", Start: 7 * 60, End: 15 * 60, Break: 60},  // early, 7 h
	{ID: "L", Start: 15 * 60, End: 24 * 60, Break: 60}, // late 15:00-24:00: touches one day; 22:00-24:00 is night
	{ID: "N", Start: 22 * 60, End: 7 * 60, Break: 60},  // night 22:00-07:00: touches two days
	{ID: "T", Start: 8 * 60, End: 22 * 60, Break: 60},  // long, 13 h work
	{ID: "S", Start: 6 * 60, End: 14 * 60, Break: 60},  // 06:00 start, 7 h
	{ID: "X", Start: 9 * 60, End: 17 * 60, Break: 60},  // 7 h
	{ID: "W", Start: 8 * 60, End: 24 * 60, Break: 60},  // 08:00-24:00, 15 h
	{ID: "Q", Start: 17 * 60, End: 22 * 60},            // ends at 22:00: not night
	{ID: "R", Start: 5 * 60, End: 13 * 60, Break: 60},  // starts at 05:00: not night
	{ID: "V", Start: 4 * 60, End: 12 * 60, Break: 60},  // starts at 04:00: night
	{ID: "Y", Start: 21 * 60, End: 7 * 60, Break: 60},  // 21:00-07:00, 9 h work, night
	{ID: "G", Start: 9 * 60, End: 16 * 60},             // 7 h, no break
	{ID: "H", Start: 9 * 60, End: 15 * 60},             // 6 h, no break
}

// day returns a date: "12-05" is 2026-12-05; a full date is taken as is.
func day(s string) model.Date {
	if len(s) == 5 {
		s = "2026-" + s
	}
	return model.MustDate(s)
}

// tp is a test person.
type tp struct {
	id string
	// hist is the history pattern; its last day is the day before the horizon start.
	hist string
	// plan is the roster pattern from the horizon start ('P' adds a leave day to the scenario).
	plan string
	// mod edits the person after the patterns are read.
	mod func(p *model.Staff)
}

// build returns the roster of people over the horizon start..end.
func build(start, end string, people ...tp) *model.Roster {
	sc := &model.Scenario{Name: "test", Horizon: model.DateRange{Start: day(start), End: day(end)},
		WeekStart: time.Sunday, Shifts: testShifts}
	for _, x := range people {
		p := &model.Staff{ID: model.StaffID(x.id)}
		hist := strings.ReplaceAll(x.hist, "|", "")
		for i, c := range hist {
			h := model.HistoryDay{Date: sc.Horizon.Start.Add(i - len(hist))}
			switch c {
			case '-':
			case 'P':
				h.Leave = true
			default:
				h.Shift = model.ShiftID(c)
			}
			p.History = append(p.History, h)
		}
		for i, c := range strings.ReplaceAll(x.plan, "|", "") {
			if c == 'P' {
				p.Leave = append(p.Leave, sc.Horizon.Start.Add(i))
			}
		}
		if x.mod != nil {
			x.mod(p)
		}
		sc.Staff = append(sc.Staff, p)
	}
	r := model.NewRoster(sc)
	for _, x := range people {
		for i, c := range strings.ReplaceAll(x.plan, "|", "") {
			if c != '-' && c != 'P' {
				r.Set(model.StaffID(x.id), sc.Horizon.Start.Add(i), model.ShiftID(c))
			}
		}
	}
	return r
}

// work returns a pattern of off rest days then n days of D.
func work(off, n int) string { return strings.Repeat("-", off) + strings.Repeat("D", n) }

// v is an expected violation of the rule under test (Kind and Rule are
// filled in by the runner when empty).
func v(staff, from, to, shift string, measured, limit int, unit string) Violation {
	var f, t model.Date
	if from != "" {
		f, t = day(from), day(to)
	}
	return Violation{Staff: model.StaffID(staff), From: f, To: t, Shift: model.ShiftID(shift),
		Measured: measured, Limit: limit, Unit: unit}
}

// vk is v with a kind (Personal's sub-kinds).
func vk(kind, staff, date, shift string) Violation {
	x := v(staff, date, date, shift, 0, 0, "")
	x.Kind = kind
	return x
}

type checkCase struct {
	name string
	rule Rule
	r    *model.Roster
	want []Violation
}

func runChecks(t *testing.T, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := append([]Violation(nil), tc.want...)
			for i := range want {
				if want[i].Kind == "" {
					want[i].Kind = tc.rule.Kind()
				}
				want[i].Rule = tc.rule.Name()
			}
			got := tc.rule.Check(tc.r)
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty(),
				cmpopts.IgnoreFields(Violation{}, "Message", "Citation")); diff != "" {
				t.Errorf("Check() mismatch (-want +got):\n%s", diff)
				for _, x := range got {
					t.Logf("got: %s", x.Message)
				}
			}
			for _, x := range got {
				if x.Message == "" || x.Citation != tc.rule.Citation() {
					t.Errorf("violation %+v: want a message and citation %q", x, tc.rule.Citation())
				}
			}
		})
	}
}

func m(name string) meta { return meta{RuleName: name, Cite: "cite " + name} }

func TestCheckMaxConsecutiveDays(t *testing.T) {
	mc := func(max int, busy ...model.BusyPeriod) *MaxConsecutiveDays {
		return &MaxConsecutiveDays{meta: m("max_consecutive_days"), Max: max, Busy: busy}
	}
	busy := model.BusyPeriod{Range: model.DateRange{Start: day("12-08"), End: day("12-21")}, Max: 12}
	runChecks(t, []checkCase{
		{"night shift makes the next morning a work day", mc(2), build("12-01", "12-31",
			tp{id: "a", plan: "N-D"}, // N touches 12-01 and 12-02: run 12-01..12-03
			tp{id: "b", plan: "L-D"}, // L (15:00-24:00) touches 12-01 only: 12-02 is rest
		), []Violation{v("a", "12-01", "12-03", "", 3, 2, "days")}},
		{"streak continues from history", mc(6), build("12-01", "12-31",
			tp{id: "a", hist: "-DDDD", plan: "DDD-"}, // 11-27..12-03: 7 days
			tp{id: "b", hist: "D-DDD", plan: "DDD-"}, // 11-28..12-03: 6 days
		), []Violation{v("a", "11-27", "12-03", "", 7, 6, "days")}},
		{"paid leave does not break a streak", mc(6), build("12-01", "12-31",
			tp{id: "a", plan: "DDDPDDD-"},           // 12-01..12-07: 7 days
			tp{id: "b", hist: "DDDDP", plan: "DD-"}, // history leave 11-30: 11-26..12-02
			tp{id: "c", plan: "DDD-DDD-"},
		), []Violation{
			v("a", "12-01", "12-07", "", 7, 6, "days"),
			v("b", "11-26", "12-02", "", 7, 6, "days"),
		}},
		{"unknown days end a run", mc(6), build("12-01", "12-31",
			tp{id: "a", plan: work(0, 6) + "-"},  // 12-01..12-06, days before are unknown
			tp{id: "b", plan: work(24, 7)},       // 12-25..12-31: 7 days up to the horizon end
			tp{id: "c", plan: work(25, 5) + "N"}, // 12-26..12-31 (6); N touches 2027-01-01, unknown
		), []Violation{v("b", "12-25", "12-31", "", 7, 6, "days")}},
		{"busy period", mc(6, busy), build("12-01", "12-31",
			tp{id: "a", plan: work(7, 12)},  // 12-08..12-19 inside the busy period: 12 <= 12
			tp{id: "b", plan: work(7, 13)},  // 12-08..12-20: 13 > 12
			tp{id: "c", plan: work(4, 12)},  // 12-05..12-16: the window 12-05..12-11 has 12-05 outside
			tp{id: "d", plan: work(1, 7)},   // 12-02..12-08: one window of 7, six days outside
			tp{id: "e", plan: work(14, 10)}, // 12-15..12-24: the window 12-16..12-22 has 12-22 outside
			tp{id: "f", plan: work(3, 19)},  // 12-04..12-22: both caps; 14 days inside the period
			tp{id: "g", plan: work(1, 6)},   // 12-02..12-07: 6 days
		), []Violation{
			v("b", "12-08", "12-20", "", 13, 12, "days"),
			v("c", "12-05", "12-16", "", 12, 6, "days"),
			v("d", "12-02", "12-08", "", 7, 6, "days"),
			v("e", "12-15", "12-24", "", 10, 6, "days"),
			v("f", "12-04", "12-22", "", 19, 6, "days"),
			v("f", "12-08", "12-21", "", 14, 12, "days"),
		}},
	})
}

func TestCheckMessage(t *testing.T) {
	r := build("12-01", "12-31", tp{id: "aoki", plan: work(0, 14)})
	got := (&MaxConsecutiveDays{meta: m("jp-13days"), Max: 13}).Check(r)
	want := "aoki has 14 consecutive days without a rest day 2026-12-01..2026-12-14; the cap is 13"
	if len(got) != 1 || got[0].Message != want {
		t.Errorf("Check() = %+v, want one violation with message %q", got, want)
	}
}

func TestCheckHolidays(t *testing.T) {
	hol := func(block, rest, hw int, anchor string) *Holidays {
		return &Holidays{meta: m("holidays"), Anchor: day(anchor), BlockDays: block, RestDays: rest, HolidayWork: hw}
	}
	runChecks(t, []checkCase{
		// Weeks 11-29..12-05 and 12-27..01-02 have 2 unknown days: they need max(0, 1-2) = 0.
		{"weekly", hol(7, 1, 0, "11-29"), build("12-01", "12-31",
			tp{id: "a", plan: "DDDDD|DDDDDDD|DDDDDDD|DDDDDDD|DDDDD"},
			tp{id: "b", plan: "DDDDD|DDDDDD-|DDDDDDP|DDDDDD-|DDDDD"}, // leave is not rest
			tp{id: "c", plan: "DDDDD|D-DDDDD|DDDDDD-|DDDDDN-|DDDDD"}, // N touches 12-26
			tp{id: "d", plan: "DDDDD|DDDDDD-|-DDDDDD|DDD-DDD|DDDDD"},
		), []Violation{
			v("a", "12-06", "12-12", "", 0, 1, "rest days"),
			v("a", "12-13", "12-19", "", 0, 1, "rest days"),
			v("a", "12-20", "12-26", "", 0, 1, "rest days"),
			v("b", "12-13", "12-19", "", 0, 1, "rest days"),
			v("c", "12-20", "12-26", "", 0, 1, "rest days"),
		}},
		// Blocks 11-29..12-26 and 12-27..2027-01-23; the horizon ends 01-21.
		// Without history each block has 2 unknown days and needs 2 rest days;
		// b's history makes the first block wholly known: it needs 4.
		{"4w4d anchored before the horizon, partial blocks", hol(28, 4, 0, "11-29"), build("12-01", "2027-01-21",
			tp{id: "a", plan: "-" + work(0, 25) + "-" + work(0, 25)}, // rest 12-01 and 12-27
			tp{id: "b", hist: "-D", plan: "-" + work(0, 25) + "-" + work(0, 25)},
			tp{id: "c", plan: "--" + work(0, 48) + "--"}, // rest 12-01, 12-02, 01-20, 01-21
		), []Violation{
			v("a", "11-29", "12-26", "", 1, 2, "rest days"),
			v("a", "12-27", "2027-01-23", "", 1, 2, "rest days"),
			v("b", "11-29", "12-26", "", 2, 4, "rest days"),
			v("b", "12-27", "2027-01-23", "", 1, 2, "rest days"),
		}},
		// Blocks 12-01..12-28 and 12-29..01-25, each with 2 rest days:
		// enough under holiday_work 2, not for a minor (no holiday work).
		{"holiday work, not for minors", hol(28, 4, 2, "12-01"), build("12-01", "2027-01-25",
			tp{id: "adult", plan: "--" + work(0, 52) + "--"},
			tp{id: "minor", plan: "--" + work(0, 52) + "--", mod: func(p *model.Staff) { p.Minor = true }},
		), []Violation{
			v("minor", "12-01", "12-28", "", 2, 4, "rest days"),
			v("minor", "12-29", "2027-01-25", "", 2, 4, "rest days"),
		}},
		// A block wholly before the horizon is a fact, not judged: history
		// 11-22..11-30, block 11-22..11-28 (known, 0 rest) passes; block
		// 11-29..12-05 reaches the horizon and has 1 rest day (11-30).
		// Person b has no rest in the second block: judged.
		{"history block", hol(7, 1, 0, "11-29"), build("12-01", "12-05",
			tp{id: "a", hist: "DDDDDDD|D-", plan: "DDDDD"},
			tp{id: "b", hist: "DDDDDDD|DD", plan: "DDDDD"},
		), []Violation{v("b", "11-29", "12-05", "", 0, 1, "rest days")}},
	})
}

func TestCheckRestInterval(t *testing.T) {
	ri := func(min, red, redMax int) *RestInterval {
		return &RestInterval{meta: m("rest_interval"), Minutes: min, ReducedMinutes: red, ReducedMax: redMax}
	}
	runChecks(t, []checkCase{
		{"11 h", ri(660, 0, -1), build("12-01", "12-07",
			tp{id: "a", plan: "LE"},              // 24:00 to 07:00: 7 h
			tp{id: "b", plan: "DD"},              // 18:00 to 09:00: 15 h
			tp{id: "c", plan: "ND"},              // 07:00 to 09:00: 2 h
			tp{id: "d", hist: "--L", plan: "E"},  // from the last history shift: 7 h
			tp{id: "e", hist: "D-", plan: "S"},   // 11-29 18:00 to 12-01 06:00: 36 h
			tp{id: "f", plan: "TD"},              // 22:00 to 09:00: exactly 11 h
			tp{id: "g", hist: "LE", plan: "---"}, // a gap inside the history: a fact, not judged
		), []Violation{
			v("a", "12-01", "12-02", "E", 420, 660, "minutes"),
			v("c", "12-01", "12-02", "D", 120, 660, "minutes"),
			v("d", "11-30", "12-01", "E", 420, 660, "minutes"),
		}},
		// L then X: 24:00 to 09:00 = 9 h, a reduced gap, in the week of X's start.
		{"reduced gaps per week", ri(660, 540, 1), build("12-01", "12-14",
			tp{id: "a", plan: "LXLXL|X"},   // reduced on 12-02, 12-04 (week 11-29) and 12-06 (week 12-06)
			tp{id: "b", plan: "LE"},        // 7 h: under the reduced minimum
			tp{id: "c", plan: "----L|XLX"}, // L on Sat 12-05; reduced on 12-06, 12-08: week 12-06
		), []Violation{
			v("a", "11-29", "12-05", "", 2, 1, "reduced gaps"),
			v("b", "12-01", "12-02", "E", 420, 540, "minutes"),
			v("c", "12-06", "12-12", "", 2, 1, "reduced gaps"),
		}},
		{"reduced gaps without a cap", ri(660, 540, -1), build("12-01", "12-14",
			tp{id: "a", plan: "LXLXL|X"},
			tp{id: "b", plan: "LE"},
		), []Violation{v("b", "12-01", "12-02", "E", 420, 540, "minutes")}},
	})
}

func TestCheckRestWithin(t *testing.T) {
	rw := &RestWithin{meta: m("jp-doctor"), WindowMinutes: 24 * 60, RestMinutes: 9 * 60}
	runChecks(t, []checkCase{
		{"24/9", rw, build("12-01", "12-10",
			tp{id: "a", plan: "NNN"},              // 07:00 to 22:00: 15 h in every window
			tp{id: "b", plan: "TS"},               // T's window 12-01 08:00..12-02 08:00: 22:00 to 06:00 = 8 h
			tp{id: "c", plan: "---------W"},       // 12-10 08:00-24:00; window ends 12-11 08:00: 8 h
			tp{id: "d", hist: "T", plan: "S"},     // history T's window reaches into the horizon
			tp{id: "e", plan: "TT"},               // 22:00 to 08:00: 10 h
			tp{id: "f", hist: "TS-", plan: "---"}, // a window inside the history: a fact, not judged
		), []Violation{
			v("b", "12-01", "12-02", "T", 480, 540, "minutes"),
			v("c", "12-10", "12-11", "W", 480, 540, "minutes"),
			v("d", "11-30", "12-01", "T", 480, 540, "minutes"),
		}},
	})
}

func TestCheckWeeklyRest(t *testing.T) {
	eu := &WeeklyRest{meta: m("eu-wtd"), Minutes: 35 * 60, Days: 7}
	uk := &WeeklyRest{meta: m("uk-wtr"), Minutes: 24 * 60, Days: 7, AltMinutes: 48 * 60, AltDays: 14}
	runChecks(t, []checkCase{
		// Periods 12-06..12-12 and 12-13..12-19 (and 14 days 12-06..12-19).
		// D to D is 15 h; a D-rest-D is 39 h; D-rest-rest-D is 63 h.
		{"eu-wtd", eu, build("12-06", "12-19",
			tp{id: "a", plan: "DDDDDDD|DDDDDDD"},
			tp{id: "b", plan: "DDD--DD|DDD--DD"},
			tp{id: "c", plan: "LLL-ELL|LLLLLLL"}, // 12-09 00:00 to 12-10 07:00: 31 h
			tp{id: "e", plan: "DDDDDD-|-DDDDDD"}, // 63 h clipped: 30 h and 33 h
		), []Violation{
			v("a", "12-06", "12-12", "", 900, 2100, "minutes"),
			v("a", "12-13", "12-19", "", 900, 2100, "minutes"),
			v("c", "12-06", "12-12", "", 1860, 2100, "minutes"),
			v("c", "12-13", "12-19", "", 900, 2100, "minutes"),
			v("e", "12-06", "12-12", "", 1800, 2100, "minutes"),
			v("e", "12-13", "12-19", "", 1980, 2100, "minutes"),
		}},
		// Time before the first known day is work-free: a's week 11-29..12-05
		// has 11-29 00:00 to 12-01 09:00 (57 h); b's history fills it.
		{"eu-wtd, unknown days", eu, build("12-01", "12-14",
			tp{id: "a", plan: "DDDDD|DDDDDDD|DD"},
			tp{id: "b", hist: "DD", plan: "DDDDD|DDDDDDD|DD"},
		), []Violation{
			v("a", "12-06", "12-12", "", 900, 2100, "minutes"),
			v("b", "11-29", "12-05", "", 900, 2100, "minutes"),
			v("b", "12-06", "12-12", "", 900, 2100, "minutes"),
		}},
		{"uk-wtr", uk, build("12-06", "12-19",
			tp{id: "a", plan: "DDDDDDD|DDDDDDD"}, // fails both ways
			tp{id: "b", plan: "DDD-DDD|DDDDDDD"}, // 39 h: week 1 only; 14 days need 48 h
			tp{id: "d", plan: "DD--DDD|DDDDDDD"}, // 63 h: the 14-day alternative holds
			tp{id: "e", plan: "DDDDDD-|-DDDDDD"}, // 30 h and 33 h: both weeks hold
		), []Violation{
			v("a", "12-06", "12-12", "", 900, 1440, "minutes"),
			v("a", "12-13", "12-19", "", 900, 1440, "minutes"),
			v("b", "12-13", "12-19", "", 900, 1440, "minutes"),
		}},
	})
}

func TestCheckSumBound(t *testing.T) {
	wk := day("11-29")
	sb := func(kind string, hours, max bool, limit int, per Period) *SumBound {
		b := &SumBound{meta: m(kind), KindName: kind, Hours: hours, Max: max, Limit: limit, Per: per}
		if per == PerWeek {
			b.BlockDays, b.Anchor = 7, wk
		}
		return b
	}
	staffOnly := func(b *SumBound, staff, shift string) *SumBound {
		b.Staff, b.Shift = model.StaffID(staff), model.ShiftID(shift)
		return b
	}
	rng := sb("max_days", false, true, 5, PerRange)
	rng.Range = model.DateRange{Start: day("11-29"), End: day("12-05")}
	minors := sb("max_hours", true, true, 40*60, PerWeek)
	minors.MinorsOnly = true
	runChecks(t, []checkCase{
		{"40 h per week, history counts", sb("max_hours", true, true, 40*60, PerWeek), build("12-01", "12-14",
			tp{id: "a", hist: "-D", plan: "DDDDD|-DDDDD-|DD"}, // week 11-29: 6 x 8 h
			tp{id: "b", plan: "DDDDD|-DDDDD-|DD"},
			tp{id: "c", plan: "TTTT-"}, // 4 x 13 h
		), []Violation{
			v("a", "11-29", "12-05", "", 2880, 2400, "minutes"),
			v("c", "11-29", "12-05", "", 3120, 2400, "minutes"),
		}},
		{"10 h per day", sb("max_hours", true, true, 600, PerDay), build("12-01", "12-14",
			tp{id: "a", hist: "T", plan: "DT-N"}, // the history day is not a horizon period
		), []Violation{v("a", "12-02", "12-02", "", 780, 600, "minutes")}},
		{"min days per horizon, one person, history not counted", staffOnly(sb("min_days", false, false, 3, PerHorizon), "a", ""),
			build("12-01", "12-14", tp{id: "a", hist: "DDD", plan: "DD"}, tp{id: "b"}),
			[]Violation{v("a", "12-01", "12-14", "", 2, 3, "shifts")}},
		// a: weeks 11-29 and 12-13 are partly unknown, not judged; b's history makes 11-29 known.
		{"min hours per week on wholly known weeks", sb("min_hours", true, false, 40*60, PerWeek), build("12-01", "12-14",
			tp{id: "a", plan: "-----|DDDD---|--"},
			tp{id: "b", hist: "--", plan: "-----|DDDDD--|--"},
		), []Violation{
			v("a", "12-06", "12-12", "", 1920, 2400, "minutes"),
			v("b", "11-29", "12-05", "", 0, 2400, "minutes"),
		}},
		{"max shifts of one type", staffOnly(sb("max_days", false, true, 1, PerHorizon), "a", "N"), build("12-01", "12-14",
			tp{id: "a", hist: "N-", plan: "N-N-D"},
			tp{id: "b", plan: "N-N-N"},
		), []Violation{v("a", "12-01", "12-14", "N", 2, 1, "shifts")}},
		{"range with history", rng, build("12-01", "12-14",
			tp{id: "a", hist: "DD", plan: "DDDD"},
			tp{id: "b", plan: "DDDDD"},
		), []Violation{v("a", "11-29", "12-05", "", 6, 5, "shifts")}},
		{"minors only", minors, build("12-01", "12-14",
			tp{id: "m", plan: "DDDDD|DDDDDD-|--", mod: func(p *model.Staff) { p.Minor = true }},
			tp{id: "a", plan: "DDDDD|DDDDDD-|--"},
		), []Violation{v("m", "12-06", "12-12", "", 2880, 2400, "minutes")}},
	})
}

func TestCheckNightMinorBreaks(t *testing.T) {
	minor := func(p *model.Staff) { p.Minor = true }
	runChecks(t, []checkCase{
		{"night work", &NightWork{meta: m("night_work"), Max: 2}, build("12-01", "12-07",
			tp{id: "a", plan: "NNN"},
			tp{id: "b", hist: "N", plan: "NN-QR"}, // history not counted; Q ends at 22:00, R starts at 05:00
			tp{id: "c", plan: "NN-V"},             // V starts at 04:00
			tp{id: "d", plan: "NNL"},              // L runs to 24:00
		), []Violation{
			v("a", "12-01", "12-07", "", 3, 2, "night shifts"),
			v("c", "12-01", "12-07", "", 3, 2, "night shifts"),
			v("d", "12-01", "12-07", "", 3, 2, "night shifts"),
		}},
		{"minor", &Minor{meta: m("minor"), Staff: "m"}, build("12-01", "12-07",
			tp{id: "m", hist: "N", plan: "DNTY", mod: minor},
			tp{id: "a", plan: "DNTY"},
		), []Violation{
			v("m", "12-02", "12-02", "N", 1, 0, "night shifts"),
			v("m", "12-03", "12-03", "T", 780, 480, "minutes"),
			v("m", "12-04", "12-04", "Y", 1, 0, "night shifts"),
			v("m", "12-04", "12-04", "Y", 540, 480, "minutes"),
		}},
		{"breaks", &Breaks{meta: m("breaks")}, build("12-01", "12-03",
			tp{id: "a", plan: "GHT"}, // G: 7 h without a break; H: 6 h; T: 13 h with 60 min
			tp{id: "b", hist: "G", plan: "H"},
		), []Violation{v("a", "12-01", "12-01", "G", 0, 45, "minutes")}},
		{"breaks beyond 12 h", &Breaks{meta: m("breaks"), Extra12h: true}, build("12-01", "12-03",
			tp{id: "a", plan: "GHT"},
		), []Violation{
			v("a", "12-01", "12-01", "G", 0, 45, "minutes"),
			v("a", "12-03", "12-03", "T", 60, 90, "minutes"),
		}},
	})
}

func TestCheckBreakNeededAgreesWithCompile(t *testing.T) {
	for _, extra := range []bool{false, true} {
		for w := 0; w <= 2*model.MinutesPerDay; w++ {
			if got, want := checkBreakNeeded(w, extra), RequiredBreak(w, extra); got != want {
				t.Errorf("checkBreakNeeded(%d, %v) = %d, RequiredBreak = %d", w, extra, got, want)
			}
		}
	}
}

func TestCheckCoverage(t *testing.T) {
	two := 2
	rn := func(p *model.Staff) { p.Skills = []string{"rn"} }
	r := build("12-01", "12-03",
		tp{id: "a", plan: "DDD", mod: rn},
		tp{id: "b", plan: "D-D", mod: rn},
		tp{id: "c", plan: "DDD"},
		tp{id: "d", plan: "--D", mod: rn},
	)
	runChecks(t, []checkCase{
		// rn starters: 12-01 a, b; 12-02 a; 12-03 a, b, d.
		{"skill", &Coverage{meta: m("demand"), Demand: &model.Demand{Shift: "D", Min: 2, Max: &two, Skill: "rn"}}, r,
			[]Violation{
				v("", "12-02", "12-02", "D", 1, 2, "people"),
				v("", "12-03", "12-03", "D", 3, 2, "people"),
			}},
		{"weekday", &Coverage{meta: m("demand"), Demand: &model.Demand{Shift: "N", Min: 1, Weekdays: []time.Weekday{time.Wednesday}}}, r,
			[]Violation{v("", "12-02", "12-02", "N", 0, 1, "people")}},
		{"dates, everyone counts", &Coverage{meta: m("demand"), Demand: &model.Demand{Shift: "D", Min: 4, Dates: []model.Date{day("12-03")}}}, r,
			nil},
	})
}

func TestCheckStructure(t *testing.T) {
	twoStarts := func(p *model.Staff) {
		p.History = []model.HistoryDay{{Date: day("11-30"), Shift: "D"}, {Date: day("11-30"), Shift: "N"}}
	}
	bad := build("12-01", "12-07", tp{id: "b"})
	bad.Set("b", day("12-08"), "D")
	bad.Set("b", day("12-02"), "Z")
	runChecks(t, []checkCase{
		// N of 11-30 ends at 07:00 when E starts: no overlap; N of 12-03 and S of 12-04 overlap 06:00-07:00.
		{"two starts, overlap", &Structure{meta: m("one_shift"), Staff: "a"}, build("12-01", "12-07",
			tp{id: "a", plan: "E-NS", mod: twoStarts},
		), []Violation{
			v("a", "11-30", "11-30", "", 2, 1, "shifts"),
			v("a", "12-03", "12-04", "S", 60, 0, "minutes"),
		}},
		{"bad starts", &Structure{meta: m("one_shift"), Staff: "b"}, bad, []Violation{
			v("b", "12-02", "12-02", "Z", 0, 0, ""),
			v("b", "12-08", "12-08", "D", 0, 0, ""),
		}},
	})
}

func TestCheckPersonal(t *testing.T) {
	mod := func(p *model.Staff) {
		p.Shifts = []model.ShiftID{"D", "E", "L", "N"}
		p.Unavailable = []model.Unavailable{{Date: day("12-02")}, {Date: day("12-04"), Shift: "D"}, {Date: day("12-05"), Shift: "D"}}
		p.RequestsOff = []model.Date{day("12-02"), day("12-09"), day("12-10"), day("12-11")}
		p.Fixed = []model.Assignment{{Date: day("12-12"), Shift: "D"}, {Date: day("12-13"), Shift: "D"}, {Date: day("12-14"), Shift: "N"}}
	}
	runChecks(t, []checkCase{
		// 12-01 N touches unavailable 12-02 (also requested off); T is not a.'s shift;
		// D on 12-04 is unavailable; N on 12-06 touches leave 12-07; L on 12-08
		// leaves 12-09 a rest day; 12-11 is leave, not rest; fixed 12-13 D got E; 12-14 N got nothing.
		{"personal", &Personal{meta: m("personal"), Staff: "a"}, build("12-01", "12-14",
			tp{id: "a", hist: "N", plan: "N-TDE|NPL--PDE-", mod: mod},
		), []Violation{
			vk("unavailable", "a", "12-02", "N"),
			vk("requests_off", "a", "12-02", "N"),
			vk("staff_shifts", "a", "12-03", "T"),
			vk("unavailable", "a", "12-04", "D"),
			vk("leave", "a", "12-07", "N"),
			vk("requests_off", "a", "12-11", ""),
			vk("fixed", "a", "12-13", "D"),
			vk("fixed", "a", "12-14", "N"),
		}},
	})
}

func TestCheckAllOrder(t *testing.T) {
	r := build("12-01", "12-07",
		tp{id: "b", plan: "LE"},
		tp{id: "a", plan: "LELE"},
	)
	rules := []Rule{
		&RestInterval{meta: m("interval-11h"), Minutes: 660, ReducedMax: -1},
		&Coverage{meta: m("demand"), Demand: &model.Demand{Shift: "N", Min: 1, Dates: []model.Date{day("12-02"), day("12-01")}}},
	}
	type key struct {
		Kind  string
		Staff model.StaffID
		From  model.Date
	}
	var got []key
	for _, x := range CheckAll(rules, r) {
		got = append(got, key{x.Kind, x.Staff, x.From})
	}
	want := []key{
		{"rest_interval", "b", day("12-01")},
		{"rest_interval", "a", day("12-01")},
		{"rest_interval", "a", day("12-03")},
		{"demand", "", day("12-01")},
		{"demand", "", day("12-02")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CheckAll order (-want +got):\n%s", diff)
	}
}

// TestCheckWorkedFacts reproduces the table of RULES.md §4 with the
// checker: for each rule set (compiled from the presets), the longest single
// streak of D that some placement in a block-aligned horizon (3 x 28 days
// from Sunday 2026-11-29, no history, every other day a rest day) leaves
// without a violation. Shortening a legal streak keeps it legal, so the
// answer is the first length with no legal placement, minus one.
func TestCheckWorkedFacts(t *testing.T) {
	anchor := day("11-29")
	busy := model.DateRange{Start: day("12-27"), End: day("2027-01-23")}
	spec := func(rule string) *model.RuleSpec { return &model.RuleSpec{Rule: rule, Anchor: &anchor} }
	weekly := &model.RuleSpec{Rule: "jp-weekly"}
	vy := &model.RuleSpec{Rule: "jp-variable-year", BusyPeriods: []model.BusyPeriod{{Range: busy}}}
	outside := func(s, e model.Date) bool { return e < busy.Start || s > busy.End }
	cases := []struct {
		name   string
		rules  []*model.RuleSpec
		within func(s, e model.Date) bool // placements considered (nil: all)
		want   int
	}{
		{"jp-weekly", []*model.RuleSpec{weekly}, nil, 12},
		{"jp-2w2d", []*model.RuleSpec{spec("jp-2w2d")}, nil, 24},
		{"jp-4w4d", []*model.RuleSpec{spec("jp-4w4d")}, nil, 48},
		{"jp-13days", []*model.RuleSpec{{Rule: "jp-13days"}}, nil, 13},
		{"jp-13days with jp-weekly", []*model.RuleSpec{{Rule: "jp-13days"}, weekly}, nil, 12},
		{"jp-13days with jp-2w2d", []*model.RuleSpec{{Rule: "jp-13days"}, spec("jp-2w2d")}, nil, 13},
		{"jp-13days with jp-4w4d", []*model.RuleSpec{{Rule: "jp-13days"}, spec("jp-4w4d")}, nil, 13},
		{"jp-holiday-work-cap", []*model.RuleSpec{spec("jp-holiday-work-cap")}, nil, 52},
		{"jp-variable-year outside the busy period", []*model.RuleSpec{vy}, outside, 6},
		{"jp-variable-year", []*model.RuleSpec{vy}, nil, 12},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := build("11-29", "2027-02-20", tp{id: "a"})
			r.Scenario.Rules = tc.rules
			rules, err := Compile(r.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			h := r.Scenario.Horizon
			longest := 0
			for n := 1; n <= h.Days(); n++ {
				legal := false
				for s := h.Start; s.Add(n-1) <= h.End && !legal; s++ {
					if tc.within != nil && !tc.within(s, s.Add(n-1)) {
						continue
					}
					r.Starts["a"] = map[model.Date]model.ShiftID{}
					for d := s; d <= s.Add(n-1); d++ {
						r.Set("a", d, "D")
					}
					legal = len(CheckAll(rules, r)) == 0
				}
				if !legal {
					break
				}
				longest = n
			}
			if longest != tc.want {
				t.Errorf("longest legal streak = %d, want %d", longest, tc.want)
			}
		})
	}
}

// BenchmarkCheckAll checks a year for 200 people under several rules.
func BenchmarkCheckAll(b *testing.B) {
	var people []tp
	for i := 0; i < 200; i++ {
		people = append(people, tp{id: string(rune('A'+i%26)) + strings.Repeat("x", i/26),
			plan: strings.Repeat("DDDNN--", 53)[i%7 : i%7+365]})
	}
	r := build("2027-01-01", "2027-12-31", people...)
	anchor := day("2027-01-03")
	r.Scenario.Rules = []*model.RuleSpec{{Rule: "jp-4w4d", Anchor: &anchor}, {Rule: "jp-13days"}, {Rule: "eu-wtd"}, {Rule: "jp-doctor"},
		{Rule: "jp-variable-year"}}
	rules, err := Compile(r.Scenario)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		CheckAll(rules, r)
	}
}

// TestCheckViewMatchesStatus holds the checker's day statuses (read once
// per person) to model.Roster.Status on every known day.
func TestCheckViewMatchesStatus(t *testing.T) {
	r := build("12-01", "12-14",
		tp{id: "a", hist: "DN-P|L", plan: "N-TDE|NPL--PDE-"},
		tp{id: "b", plan: "LLNNP-|Y-W"},
		tp{id: "c"},
	)
	for _, p := range r.Scenario.Staff {
		v := checkViewOf(r, p)
		for d := v.from; d <= v.to; d++ {
			if got, want := v.status[d], r.Status(p.ID, d); got != want {
				t.Errorf("%s on %s: status %v, model says %v", p.ID, d, got, want)
			}
		}
		if n := int(v.to-v.from) + 1; len(v.status) != n {
			t.Errorf("%s: %d statuses, want one per known day (%d)", p.ID, len(v.status), n)
		}
	}
}
