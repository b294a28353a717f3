package model

import (
	"sort"
	"time"
)

// Pos is a position in an input file, for error messages and provenance.
type Pos struct {
	// File is the path of the input file as the user gave it.
	File string
	// Line is the 1-based line number (0 when unknown).
	Line int
	// Col is the 1-based column number (0 when unknown).
	Col int
	// Cell marks a spreadsheet cell: Line is its row and Col its column,
	// and the position prints as file:sheet!B7 (file:B7 for CSV).
	Cell bool
	// Sheet is the worksheet of a Cell position ("" for CSV).
	Sheet string
}

// StaffID identifies a person of the scenario.
type StaffID string

// ShiftID identifies a shift type of the scenario.
type ShiftID string

// Scenario is a whole planning problem: who, what, when, and which rules.
type Scenario struct {
	// File is the path the scenario was read from ("" when built in code).
	File string
	// Name is the scenario's title, shown in reports.
	Name string
	// Horizon is the range of dates the roster plans.
	Horizon DateRange
	// WeekStart is the first day of the fixed weeks (default Sunday).
	WeekStart time.Weekday
	// Shifts are the shift types, in file order.
	Shifts []*ShiftType
	// Staff are the people, in file order.
	Staff []*Staff
	// Demand are the coverage requirements, in file order.
	Demand []*Demand
	// Rules are the rule specifications (presets or rule kinds), in file order.
	Rules []*RuleSpec
	// PublicHolidays are the calendar's public holidays, usable in demand date sets.
	PublicHolidays []Date
	// Soft is the scenario's `soft:` section (nil when it has none): which
	// requirements are soft and their default weights. See SoftSettings.
	Soft *Soft
	// HistoryFrom is the file named by history_from (last month's roster,
	// whose days became the people's history), or "".
	HistoryFrom string

	shiftIndex map[ShiftID]*ShiftType
	staffIndex map[StaffID]*Staff
}

// ShiftType is a kind of shift: when it starts and ends, and its unpaid break.
type ShiftType struct {
	// ID is the short code shown in rosters (e.g. "E").
	ID ShiftID
	// Name is the human name (e.g. "Early").
	Name string
	// Start is the start time in minutes after midnight (0..1439).
	Start int
	// End is the end time in minutes after midnight (0..1440); End <= Start
	// means the shift ends the next day.
	End int
	// Break is the unpaid break in minutes.
	Break int
	// Pos is where the shift type is defined.
	Pos Pos
}

// Span returns the length of the shift in minutes, break included.
func (s *ShiftType) Span() int {
	if s.End <= s.Start {
		return s.End + MinutesPerDay - s.Start
	}
	return s.End - s.Start
}

// WorkMinutes returns the paid work time: span minus break.
func (s *ShiftType) WorkMinutes() int { return s.Span() - s.Break }

// Interval returns the start and end of an instance of s starting on date d.
func (s *ShiftType) Interval(d Date) (start, end Minute) {
	start = d.Start() + Minute(s.Start)
	return start, start + Minute(s.Span())
}

// Staff is one person and everything known about them.
type Staff struct {
	// ID is the person's identifier, unique in the scenario.
	ID StaffID
	// Name is the display name (defaults to ID).
	Name string
	// Skills are the person's skills, used by skill demand.
	Skills []string
	// Minor marks a person under 18 (RULES.md 2.7; Labour Standards Act Arts. 60, 61).
	Minor bool
	// Shifts are the shift types this person may work; empty means all.
	Shifts []ShiftID
	// Unavailable lists dates no shift may touch, and (date, shift) pairs that may not start.
	Unavailable []Unavailable
	// Leave lists paid-leave (年休) days inside the horizon: LEAVE status.
	Leave []Date
	// RequestsOff lists dates that must be rest days.
	RequestsOff []Date
	// Fixed lists pinned shift starts.
	Fixed []Assignment
	// Limits bound the person's days and hours.
	Limits Limits
	// History lists known days before the horizon start.
	History []HistoryDay
	// Pos is where the person is defined.
	Pos Pos
	// Positions of individual entries, for error messages and provenance.
	LeavePos, RequestsOffPos []Pos
	// Requests are the person's soft requests, on and off, each with its
	// weight: requests_on entries, and the requests_off entries that are
	// soft (with a weight, or every one when the scenario's soft.requests
	// is true). Hard requests off stay in RequestsOff.
	Requests []Request
	// Prefers lists the shift types the person would rather work: every
	// shift of another type started in the horizon costs the scenario's
	// soft.prefer weight. Empty: no preference.
	Prefers []ShiftID
	// Dislikes lists shift types the person would rather not work, each
	// with the weight every such shift started in the horizon costs.
	Dislikes []ShiftPref
}

// Request is a soft request of a person: a date (or a date and shift) on
// or off. It is granted when, for a request off, no instance of the person
// touches the date (with Shift: the person does not start Shift that day);
// for a request on, the person starts a shift that day (with Shift: that
// shift). A request not granted costs Weight.
type Request struct {
	// On is true for a request to work (requests_on), false for a day off.
	On bool
	// Date is the date requested.
	Date Date
	// Shift, when not empty, narrows the request to that shift type.
	Shift ShiftID
	// Weight is the cost of not granting the request.
	Weight int
	// Pos is where it is written.
	Pos Pos
}

// ShiftPref is a disliked shift type with its weight per shift started.
type ShiftPref struct {
	// Shift is the shift type.
	Shift ShiftID
	// Weight is the cost of each such shift started in the horizon.
	Weight int
	// Pos is where it is written.
	Pos Pos
}

// Soft is the scenario's `soft:` section: whether plain requests off are
// soft, and the default weights of the soft requirements (each in cost
// units per unit missed). DefaultSoft gives the defaults of a missing field.
type Soft struct {
	// Requests makes every requests_off date soft (default false: hard).
	Requests bool
	// RequestWeight is the weight of a soft request without its own (default 10).
	RequestWeight int
	// Under is the cost per person missing below a demand line's target (default 10).
	Under int
	// Over is the cost per person above a demand line's target (default 1).
	Over int
	// Prefer is the cost of a shift started of a type not in the person's prefers (default 1).
	Prefer int
	// Dislike is the cost of a disliked shift started, when the entry gives no weight (default 1).
	Dislike int
	// TargetDays is the cost per day a person's shift count is away from limits.target_days (default 1).
	TargetDays int
	// Fairness holds the weights of the fairness requirements (default 0: off).
	Fairness Fairness
	// Pos is where the section is written.
	Pos Pos
}

// Fairness holds the weights of the fairness requirements: among
// comparable people (see package constraints), each costs its weight times
// the spread (largest minus smallest) of the measure.
type Fairness struct {
	// Nights weighs the spread of night shifts.
	Nights int
	// Weekends weighs the spread of Saturdays and Sundays worked.
	Weekends int
	// Hours weighs the spread of work hours (in units of the group's hour unit).
	Hours int
}

// DefaultSoft returns the soft settings used when a scenario has no
// `soft:` section, and the defaults of the fields a section leaves out.
func DefaultSoft() Soft {
	return Soft{RequestWeight: 10, Under: 10, Over: 1, Prefer: 1, Dislike: 1, TargetDays: 1}
}

// SoftSettings returns the scenario's soft section, or DefaultSoft.
func (sc *Scenario) SoftSettings() Soft {
	if sc.Soft != nil {
		return *sc.Soft
	}
	return DefaultSoft()
}

// Unavailable is a hard unavailability: a whole date, or one shift on a date.
type Unavailable struct {
	// Date is the unavailable date.
	Date Date
	// Shift, when not empty, limits the unavailability to that shift starting on Date.
	Shift ShiftID
	// Pos is where it is written.
	Pos Pos
}

// Assignment pins a shift start.
type Assignment struct {
	// Date is the start date.
	Date Date
	// Shift is the shift type started.
	Shift ShiftID
	// Pos is where it is written.
	Pos Pos
}

// Limits are a person's bounds. Nil means no bound.
type Limits struct {
	// MinDays and MaxDays bound the number of shifts starting inside the horizon.
	MinDays, MaxDays *int
	// MaxHoursPerWeek bounds the work minutes of shifts starting in each fixed
	// week (aligned on the scenario's week start), history included; in hours.
	MaxHoursPerWeek *float64
	// MinHours and MaxHours bound the work hours of shifts starting inside the horizon.
	MinHours, MaxHours *float64
	// MaxShifts bounds, per shift type, the shifts of that type starting inside the horizon.
	MaxShifts map[ShiftID]int
	// TargetDays is a soft target for the number of shifts starting inside
	// the horizon: each shift more or fewer costs the scenario's
	// soft.target_days weight. Nil: no target.
	TargetDays *int
	// Pos is where the limits are written, per field name.
	Pos map[string]Pos
}

// DayStatus is the status of a person on a calendar day (RULES.md §1).
type DayStatus int

const (
	// Rest is a day no instance touches and that is not leave: a legal rest day (休日).
	Rest DayStatus = iota
	// Work is a day some shift instance touches.
	Work
	// Leave is a paid-leave day (年休): no instance touches it; not a rest day.
	Leave
)

// String returns "rest", "work" or "leave" (the JSON form of FORMAT.md).
func (s DayStatus) String() string {
	switch s {
	case Work:
		return "work"
	case Leave:
		return "leave"
	}
	return "rest"
}

// HistoryDay is a known day before the horizon: a shift start, or a leave day.
// Known days not listed are rest days.
type HistoryDay struct {
	// Date is the day.
	Date Date
	// Shift is the shift started that day, or "".
	Shift ShiftID
	// Leave marks a paid-leave day.
	Leave bool
	// Pos is where it is written.
	Pos Pos
}

// Demand is a coverage requirement: on each date of a date set, between Min
// and Max people (optionally with a skill) start the shift.
type Demand struct {
	// Shift is the shift type covered.
	Shift ShiftID
	// Min is the least number of people.
	Min int
	// Max is the largest number of people, or nil.
	Max *int
	// Skill, when not empty, counts only people with that skill.
	Skill string
	// Weekdays, when not empty, restricts the dates to these weekdays.
	Weekdays []time.Weekday
	// Dates, when not empty, restricts the dates to these.
	Dates []Date
	// PublicHolidays restricts the dates to the scenario's public holidays.
	PublicHolidays bool
	// Target, when set, is a soft staffing target between Min and Max: each
	// person missing below it costs Under, each person above it Over.
	Target *int
	// Under and Over are the line's weights per person below and above
	// Target (the scenario's soft.under and soft.over when not written;
	// 0 when the line has no target).
	Under, Over int
	// Pos is where it is written.
	Pos Pos
}

// Days returns the horizon dates this demand applies to, in order: those in
// Dates (if given), on Weekdays (if given) and public holidays (if asked).
func (dm *Demand) Days(sc *Scenario) []Date {
	var out []Date
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		if dm.AppliesOn(sc, d) {
			out = append(out, d)
		}
	}
	return out
}

// AppliesOn reports whether the demand applies on horizon date d (one of Days).
func (dm *Demand) AppliesOn(sc *Scenario, d Date) bool {
	if d < sc.Horizon.Start || d > sc.Horizon.End {
		return false
	}
	if len(dm.Dates) > 0 && !containsDate(dm.Dates, d) {
		return false
	}
	if len(dm.Weekdays) > 0 && !containsWeekday(dm.Weekdays, d.Weekday()) {
		return false
	}
	return !dm.PublicHolidays || containsDate(sc.PublicHolidays, d)
}

func containsDate(ds []Date, d Date) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

func containsWeekday(ws []time.Weekday, w time.Weekday) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// RuleSpec is one entry of the scenario's `rules:` list: a preset or rule
// kind of RULES.md with its parameters. model keeps the parameters
// generically (Params, with positions); package constraints' registry of
// rule kinds decides which apply to which rule and decodes and validates
// them. The typed fields below are a view of the parameters of the first
// rule kinds, filled by the loader where a value has the usual shape; Go
// callers may set them instead of Params (Params wins where both are set).
type RuleSpec struct {
	// Rule is the preset or rule kind named.
	Rule string
	// Params holds every parameter written (besides rule), by key.
	Params map[string]*Value
	// Max, Min: bounds (days, hours, counts: the rule says which).
	Max, Min *float64
	// BusyPeriods are designated busy periods (特定期間) with their own cap.
	BusyPeriods []BusyPeriod
	// Scheme is the holiday scheme: weekly, 2w2d or 4w4d.
	Scheme string
	// Anchor is the 起算日 of fixed blocks.
	Anchor *Date
	// BlockDays, RestDays, HolidayWork: block length, rest days per block, holiday work allowed.
	BlockDays, RestDays, HolidayWork *int
	// Hours is an interval or bound in hours.
	Hours *float64
	// Reduced is the reduced rest interval allowance.
	Reduced *Reduced
	// WindowHours and RestHours parameterise rest_within.
	WindowHours, RestHours *float64
	// Per is the period of a sum: day, week, block or horizon.
	Per string
	// Days is a period length in days (weekly_rest).
	Days *int
	// Alt is an alternative (hours, days) for weekly_rest (uk-wtr).
	Alt *AltRest
	// Period is the scheme period of variable_year.
	Period *DateRange
	// ExtraAfter12h adds the proposed 30 extra minutes of break after 12 h (breaks).
	ExtraAfter12h *bool
	// Staff, when not nil, are the people the entry applies to (its
	// `staff:` list); nil means everyone. Package constraints scopes the
	// compiled rules to them (constraints.Scope); in a scenario narrowed to
	// some people (one person's problem, a group), the entry applies to
	// those of them listed.
	Staff []StaffID
	// Weight, when set (a whole number >= 1), makes a count or run bound
	// soft: each unit over (or under) the bound costs Weight instead of
	// being forbidden (package constraints says which rules accept it).
	Weight *int
	// Pos is where the rule entry starts.
	Pos Pos
	// Keys maps each parameter key written to its position.
	Keys map[string]Pos
	// Invalid holds parameter keys whose values were rejected and
	// reported elsewhere: package constraints does not report them again
	// as missing. The loader no longer sets it (constraints decodes
	// Params and reports their errors itself); Go callers may.
	Invalid map[string]bool
}

// BusyPeriod is a designated busy period with its own consecutive-day cap.
type BusyPeriod struct {
	// Range is the period.
	Range DateRange
	// Max is the cap inside the period.
	Max int
	// Pos is where it is written.
	Pos Pos
}

// Reduced allows some rest intervals to be shorter.
type Reduced struct {
	// Hours is the shortest allowed reduced interval.
	Hours float64
	// Max is how many reduced gaps a fixed week may hold; nil means no cap.
	Max *int
	// Pos is where it is written.
	Pos Pos
}

// AltRest is an alternative continuous-rest requirement.
type AltRest struct {
	// Hours of continuous rest.
	Hours float64
	// Days: the length of each fixed period.
	Days int
	// Pos is where it is written.
	Pos Pos
}

// Shift returns the shift type with the given id, or nil.
func (sc *Scenario) Shift(id ShiftID) *ShiftType {
	if sc.shiftIndex == nil || len(sc.shiftIndex) != len(sc.Shifts) {
		sc.shiftIndex = map[ShiftID]*ShiftType{}
		for _, s := range sc.Shifts {
			sc.shiftIndex[s.ID] = s
		}
	}
	return sc.shiftIndex[id]
}

// Person returns the person with the given id, or nil.
func (sc *Scenario) Person(id StaffID) *Staff {
	if sc.staffIndex == nil || len(sc.staffIndex) != len(sc.Staff) {
		sc.staffIndex = map[StaffID]*Staff{}
		for _, p := range sc.Staff {
			sc.staffIndex[p.ID] = p
		}
	}
	return sc.staffIndex[id]
}

// FirstKnown returns the earliest known day: the earliest history date of
// any person, or the horizon start. Days before a person's own earliest
// history date are unknown for that person; see KnownFrom.
func (sc *Scenario) FirstKnown() Date {
	first := sc.Horizon.Start
	for _, p := range sc.Staff {
		if k := sc.KnownFrom(p); k < first {
			first = k
		}
	}
	return first
}

// KnownFrom returns the first known day of person p: the earliest date
// listed in p's history, or the horizon start when p has no history.
// Days before it are unknown (RULES.md §1).
func (sc *Scenario) KnownFrom(p *Staff) Date {
	first := sc.Horizon.Start
	for _, h := range p.History {
		if h.Date < first {
			first = h.Date
		}
	}
	return first
}

// WeekAnchor returns a date on which a fixed week starts: the week-start
// day on or before the horizon start.
func (sc *Scenario) WeekAnchor() Date {
	d := sc.Horizon.Start
	for d.Weekday() != sc.WeekStart {
		d--
	}
	return d
}

// CanWork reports whether person p may work shift type s (their `shifts` list).
func (p *Staff) CanWork(s ShiftID) bool {
	if len(p.Shifts) == 0 {
		return true
	}
	for _, x := range p.Shifts {
		if x == s {
			return true
		}
	}
	return false
}

// HasSkill reports whether person p has the skill.
func (p *Staff) HasSkill(skill string) bool {
	for _, x := range p.Skills {
		if x == skill {
			return true
		}
	}
	return false
}

// IsLeave reports whether d is a leave day of p (horizon leave or history leave).
func (p *Staff) IsLeave(d Date) bool {
	for _, x := range p.Leave {
		if x == d {
			return true
		}
	}
	for _, h := range p.History {
		if h.Date == d && h.Leave {
			return true
		}
	}
	return false
}

// Instance is a shift instance: a person works a shift type starting on a date.
type Instance struct {
	// Staff is the person.
	Staff StaffID
	// Date is the start date.
	Date Date
	// Shift is the shift type.
	Shift *ShiftType
	// History marks an instance from the scenario's history, not planned.
	History bool
	// Start and End are the instance's own span: the shift type's times on
	// Date for a planned instance, the clock-in and clock-out times for an
	// actual one (Roster.Actual). Roster.Instances sets them for every
	// instance; when End <= Start (an Instance built by hand without them)
	// Interval falls back to the shift type's times.
	Start, End Minute
	// Break is the instance's unpaid break in minutes (the shift type's, or
	// the actual one). It is read only when Start and End are set.
	Break int
}

// hasSpan reports whether the instance carries its own span.
func (in Instance) hasSpan() bool { return in.End > in.Start }

// Interval returns the instance's start and end: its own span when set,
// else the shift type's times on Date.
func (in Instance) Interval() (start, end Minute) {
	if in.hasSpan() {
		return in.Start, in.End
	}
	return in.Shift.Interval(in.Date)
}

// WorkMinutes returns the instance's paid work time: its span minus its
// break (the shift type's work minutes when no span is set).
func (in Instance) WorkMinutes() int {
	if in.hasSpan() {
		return int(in.End-in.Start) - in.Break
	}
	return in.Shift.WorkMinutes()
}

// BreakMinutes returns the instance's unpaid break: Break when the span is
// set, else the shift type's break.
func (in Instance) BreakMinutes() int {
	if in.hasSpan() {
		return in.Break
	}
	return in.Shift.Break
}

// The night of RULES.md 2.7: 22:00 to 05:00 the next day, in minutes
// after midnight of the evening's day.
const (
	// NightStart is 22:00.
	NightStart = 22 * 60
	// NightEnd is 05:00 the next day.
	NightEnd = MinutesPerDay + 5*60
)

// NightSpan reports whether the open span (s, e) meets 22:00-05:00 of some
// day (RULES.md 2.7). It is the one definition of a night instance: the
// checker, the encoder and the reports all read it here.
func NightSpan(s, e Minute) bool {
	for d := s.Date() - 1; d <= e.Date(); d++ {
		if s < d.Start()+NightEnd && e > d.Start()+NightStart {
			return true
		}
	}
	return false
}

// Night reports whether the instance is a night instance (NightSpan).
func (in Instance) Night() bool {
	return NightSpan(in.Interval())
}

// TouchedDays returns the calendar days the instance's open span (start, end)
// intersects, in order (RULES.md §1: a 22:00-07:00 shift touches two days,
// a 15:00-24:00 shift one).
func (in Instance) TouchedDays() []Date {
	s, e := in.Interval()
	var out []Date
	for d := s.Date(); d.Start() < e; d++ {
		if d.Add(1).Start() > s {
			out = append(out, d)
		}
	}
	return out
}

// Roster is a solution: the shift each person starts on each horizon date.
// History and leave come from the scenario.
type Roster struct {
	// Scenario is the scenario planned.
	Scenario *Scenario
	// Starts maps person and horizon date to the shift type started.
	Starts map[StaffID]map[Date]ShiftID
	// Actual, when not nil, maps person and start date to the times actually
	// worked (a timesheet, see ReadActualsCSV). An instance with an actual
	// span is measured on it by every Check; its shift type, if any, comes
	// from Starts (horizon dates) or the history. An actual span on a horizon
	// date without a start in Starts is an instance of an unnamed shift type
	// (see ActualShiftType). Nil for planned rosters.
	Actual map[StaffID]map[Date]Span
}

// Span is a span of time actually worked: clock-in, clock-out and the unpaid
// break taken.
type Span struct {
	// Start and End are the clock-in and clock-out times (End > Start).
	Start, End Minute
	// Break is the unpaid break in minutes.
	Break int
}

// ActualShiftType returns the shift type standing for an actual span worked
// with no shift type named: its id is the span's clock times "HH:MM-HH:MM"
// and it is no shift type of the scenario (Scenario.Shift does not know it).
func ActualShiftType(sp Span) *ShiftType {
	s := int(sp.Start - sp.Start.Date().Start())
	e := int(sp.End - sp.End.Date().Start())
	if e == 0 {
		e = MinutesPerDay // clock-out at midnight: 24:00
	}
	return &ShiftType{ID: ShiftID(FormatClock(s) + "-" + FormatClock(e)), Name: "actual times",
		Start: s, End: e, Break: sp.Break}
}

// NewRoster returns an empty roster for sc.
func NewRoster(sc *Scenario) *Roster {
	r := &Roster{Scenario: sc, Starts: map[StaffID]map[Date]ShiftID{}}
	for _, p := range sc.Staff {
		r.Starts[p.ID] = map[Date]ShiftID{}
	}
	return r
}

// Set records that p starts shift s on d ("" clears it).
func (r *Roster) Set(p StaffID, d Date, s ShiftID) {
	if r.Starts[p] == nil {
		r.Starts[p] = map[Date]ShiftID{}
	}
	if s == "" {
		delete(r.Starts[p], d)
		return
	}
	r.Starts[p][d] = s
}

// Instances returns every known shift instance of p, history first, in start order.
func (r *Roster) Instances(p StaffID) []Instance {
	sc := r.Scenario
	person := sc.Person(p)
	var out []Instance
	// with gives in its span: the actual one when known, else its shift type's.
	with := func(in Instance) Instance {
		if sp, ok := r.Actual[p][in.Date]; ok && sp.End > sp.Start {
			in.Start, in.End, in.Break = sp.Start, sp.End, sp.Break
		} else {
			in.Start, in.End = in.Shift.Interval(in.Date)
			in.Break = in.Shift.Break
		}
		return in
	}
	if person != nil {
		for _, h := range person.History {
			if h.Shift != "" && h.Date < sc.Horizon.Start {
				if st := sc.Shift(h.Shift); st != nil {
					out = append(out, with(Instance{Staff: p, Date: h.Date, Shift: st, History: true}))
				}
			}
		}
	}
	for d, s := range r.Starts[p] {
		if st := sc.Shift(s); st != nil && sc.Horizon.Contains(d) {
			out = append(out, with(Instance{Staff: p, Date: d, Shift: st}))
		}
	}
	for d, sp := range r.Actual[p] {
		if _, planned := r.Starts[p][d]; !planned && sc.Horizon.Contains(d) && sp.End > sp.Start {
			out = append(out, with(Instance{Staff: p, Date: d, Shift: ActualShiftType(sp)}))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		si, _ := out[i].Interval()
		sj, _ := out[j].Interval()
		if si != sj {
			return si < sj
		}
		return out[i].Shift.ID < out[j].Shift.ID
	})
	return out
}

// Status returns p's day status on day c, a known day (RULES.md §1).
func (r *Roster) Status(p StaffID, c Date) DayStatus {
	for _, in := range r.Instances(p) {
		for _, t := range in.TouchedDays() {
			if t == c {
				return Work
			}
		}
	}
	if person := r.Scenario.Person(p); person != nil && person.IsLeave(c) {
		return Leave
	}
	return Rest
}
