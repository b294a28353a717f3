package constraints

import (
	"github.com/shiftsat/shiftsat/model"
)

// Rule is one compiled rule or built-in requirement of a scenario.
type Rule interface {
	// Kind returns the rule kind (RULES.md §2) or built-in requirement kind.
	Kind() string
	// Name returns the name the scenario used (a preset or the kind).
	Name() string
	// Citation returns the legal or documentary source.
	Citation() string
	// Encode writes the rule's requirement instances to e.
	Encode(e Encoder)
	// Check returns every violation of the rule in roster r. It reads the
	// roster plainly from the spec and shares no logic with Encode.
	Check(r *model.Roster) []Violation
}

// PersonLocal may be implemented by a rule type whose every instance reads
// one person's roster only (never two people together, as demand does), and
// which encodes the people of e.Scenario().Staff: the solver may then plan
// a large staff in groups of people. A rule type that does not implement
// it, or returns false, keeps the staff whole. A new kind opts in here,
// from its own files.
type PersonLocal interface {
	// PersonLocal reports whether every instance reads one person only.
	PersonLocal() bool
}

// Lookback may be implemented by a rule type whose instances each read at
// most Days consecutive days (and fixed blocks of at most Block days,
// aligned on an anchor), so that a long horizon may be planned in rolling
// windows. ok false, or a rule type that does not implement it, means the
// rule needs the whole horizon at once.
type Lookback interface {
	// Lookback returns how many consecutive days an instance reads, the
	// longest fixed block it uses (0: none), and whether windows suit it.
	Lookback() (days, block int, ok bool)
}

// meta carries a rule's name and citation.
type meta struct {
	// RuleName is the name the scenario wrote (preset or kind).
	RuleName string
	// Cite is the source.
	Cite string
	// Pos is where the rule is written.
	Pos model.Pos
}

func (m meta) Name() string      { return m.RuleName }
func (m *meta) setCite(c string) { m.Cite = c }
func (m meta) Citation() string  { return m.Cite }

// MaxConsecutiveDays caps runs of consecutive non-rest (WORK or LEAVE) days
// (RULES.md 2.1): every window of Max+1 consecutive known days holds a REST
// day. A window of Max+1 days that contains a day outside every busy period
// uses Max; a window of b.Max+1 days lying wholly inside busy period b uses
// b.Max. Windows containing an unknown day are not constrained. A rule
// entry with a weight compiles to SoftMaxConsecutiveDays instead, whose
// windows are the same and each cost the weight.
type MaxConsecutiveDays struct {
	meta
	// Max is the normal cap, in days.
	Max int
	// Busy are the busy periods with their own caps.
	Busy []model.BusyPeriod
}

// Kind implements Rule.
func (*MaxConsecutiveDays) Kind() string { return KindMaxConsecutiveDays }

// Holidays is the rest-day quota per fixed block (RULES.md 2.2; Art. 35):
// each block [Anchor + k*BlockDays, +BlockDays) holds at least
// RestDays - HolidayWork REST days (HolidayWork counts as 0 for a minor,
// Art. 61). A block with u unknown days (before the person's first known day
// or after the horizon end) needs max(0, quota - u) REST days in its known part.
type Holidays struct {
	meta
	// Scheme is "weekly", "2w2d", "4w4d" or "" (explicit block_days/rest_days).
	Scheme string
	// Anchor is a day on which a block starts (起算日).
	Anchor model.Date
	// BlockDays is the block length in days.
	BlockDays int
	// RestDays is the quota of REST days per block.
	RestDays int
	// HolidayWork is how many of the quota may be worked (36 agreement).
	HolidayWork int
}

// Kind implements Rule.
func (*Holidays) Kind() string { return KindHolidays }

// RestInterval is the minimum rest between shifts (RULES.md 2.3): for every
// two consecutive instances a, b of a person, start(b) - end(a) >= Minutes.
// With reduction, a gap may be as short as ReducedMinutes, at most
// ReducedMax times per fixed week (aligned on the week start; a gap belongs
// to the week in which it ends); ReducedMax < 0 means no cap.
type RestInterval struct {
	meta
	// Minutes is the required rest between shifts.
	Minutes int
	// ReducedMinutes is the shortest allowed reduced rest (0: no reduction).
	ReducedMinutes int
	// ReducedMax is the number of reduced gaps allowed per week, < 0 for no cap.
	ReducedMax int
}

// Kind implements Rule.
func (*RestInterval) Kind() string { return KindRestInterval }

// RestWithin requires, for every instance starting at t, a continuous
// work-free gap of RestMinutes inside [t, t+WindowMinutes] (RULES.md 2.4).
// Time outside the known days counts as work-free.
type RestWithin struct {
	meta
	// WindowMinutes is the window length after each start.
	WindowMinutes int
	// RestMinutes is the continuous rest required inside the window.
	RestMinutes int
}

// Kind implements Rule.
func (*RestWithin) Kind() string { return KindRestWithin }

// WeeklyRest requires a continuous work-free gap of Minutes inside each
// fixed period of Days days aligned on the week start (EU WTD Art. 5: 24 h +
// 11 h per 7 days; UK WTR reg. 11). When AltDays > 0, a person may instead
// (for the whole horizon) have AltMinutes in each fixed period of AltDays.
// Time outside the known days counts as work-free.
type WeeklyRest struct {
	meta
	// Minutes of continuous rest per period.
	Minutes int
	// Days is the period length.
	Days int
	// AltMinutes and AltDays are the alternative (0: none).
	AltMinutes, AltDays int
}

// Kind implements Rule.
func (*WeeklyRest) Kind() string { return KindWeeklyRest }

// Period names the fixed periods of a sum bound.
type Period string

// The periods of RULES.md 2.5.
const (
	PerDay     Period = "day"
	PerWeek    Period = "week"
	PerBlock   Period = "block"
	PerHorizon Period = "horizon"
	// PerRange is one explicit date range (variable_year's scheme period).
	PerRange Period = "range"
)

// SumBound bounds, per person and fixed period, the work minutes (Hours
// true) or the number of shifts (Hours false) of the shifts that start in
// the period (RULES.md 2.5). History counts. A maximum applies to the known
// part of every period; a minimum only to periods wholly inside the
// person's known days. PerHorizon is the horizon only (no history). A rule
// entry with a weight compiles to SoftSumBound instead, whose periods and
// sums are the same and where each day, or hour rounded up, over the
// maximum or under the minimum costs the weight.
type SumBound struct {
	meta
	// KindName is max_hours, min_hours, max_days or min_days.
	KindName string
	// Hours: the sum is of work minutes; otherwise of shift starts.
	Hours bool
	// Max: the bound is a maximum; otherwise a minimum.
	Max bool
	// Limit is the bound, in minutes (Hours) or shifts.
	Limit int
	// Per is the period.
	Per Period
	// BlockDays and Anchor define PerBlock periods (and PerWeek: 7 and the week anchor).
	BlockDays int
	// Anchor is a day on which a period starts.
	Anchor model.Date
	// Range is the PerRange period.
	Range model.DateRange
	// Staff restricts the bound to one person ("" = everyone), for personal limits.
	Staff model.StaffID
	// Shift restricts the sum to one shift type ("" = all), for personal limits.
	Shift model.ShiftID
	// MinorsOnly restricts the bound to minors (Art. 60).
	MinorsOnly bool
}

// Kind implements Rule.
func (b *SumBound) Kind() string { return b.KindName }

// NightWork caps night instances per person per horizon (RULES.md 2.7). An
// instance is a night instance when its span intersects 22:00-05:00 of any day.
type NightWork struct {
	meta
	// Max is the number of night instances allowed per person in the horizon.
	Max int
}

// Kind implements Rule.
func (*NightWork) Kind() string { return KindNightWork }

// Minor is the protection of workers under 18 (RULES.md 2.7; Arts. 60, 61):
// no night instance, no instance with more than 8 h of work. The 40 h week
// is a SumBound with MinorsOnly, and "no holiday work" is applied by Holidays.
type Minor struct {
	meta
	// Staff is the minor.
	Staff model.StaffID
}

// Kind implements Rule.
func (*Minor) Kind() string { return "minor" }

// Breaks requires shift types with more than 6 h of work to have a break of
// at least 45 min and with more than 8 h at least 60 min (Art. 34); with
// Extra12h, more than 12 h needs 90 min (proposal, seed 001). Compile rejects
// failing shift types; Encode forbids them and Check flags their instances.
type Breaks struct {
	meta
	// Extra12h enables the proposed extra 30 min beyond 12 h of work.
	Extra12h bool
}

// Kind implements Rule.
func (*Breaks) Kind() string { return KindBreaks }

// Coverage is one demand line: on each of its dates, the number of people
// (with Skill, if set) starting Shift is within [Min, Max].
type Coverage struct {
	meta
	// Demand is the demand line.
	Demand *model.Demand
	// Index is the demand line's index in the scenario.
	Index int
}

// Kind implements Rule.
func (*Coverage) Kind() string { return "demand" }

// Structure holds the physical facts of one person's roster: at most one
// shift starts per date, and two instances never overlap (RULES.md §1).
type Structure struct {
	meta
	// Staff is the person.
	Staff model.StaffID
}

// Kind implements Rule.
func (*Structure) Kind() string { return "one_shift" }

// Personal holds one person's own hard requirements from the scenario:
// allowed shift types, unavailability, leave days (no instance touches
// them), hard requests off (REST days), fixed starts, and history (the known
// days before the horizon: listed starts and, for unlisted days, none).
type Personal struct {
	meta
	// Staff is the person.
	Staff model.StaffID
}

// Kind implements Rule.
func (*Personal) Kind() string { return "personal" }
