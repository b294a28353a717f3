package constraints

import (
	"github.com/shiftsat/shiftsat/model"
)

// This file declares the nursing pattern rules of RULES.md 2.10: the rules
// hospital work rules and the public nurse-rostering benchmarks
// (Curtois-Qu, INRC-II) use. Their Check (and Cost, for the soft ones)
// lives in check_nursing.go, their Encode in encode_nursing.go; the two
// share no logic.
//
// Each rule is hard, or soft when written with a weight: SoftPattern
// wraps it, forbids nothing and costs the weight per unit of violation
// (RULES.md 2.10: per missing day of a short run, per extra consecutive
// shift, per forbidden succession, per weekend over, per broken weekend,
// per rest hour missing rounded up, per weekend off missing).
//
// Terms used below. A person's known days are KnownFrom .. horizon end. A
// *run* is a maximal sequence of consecutive known days of one kind; it is
// *closed* when the day before it and the day after it are both known days
// (so neither is past the horizon end). A *weekend* is a Saturday and the
// following Sunday. An instance is a *night* instance when its span meets
// 22:00-05:00 (RULES.md 2.7). As everywhere (see the package doc), a
// requirement instance that never reaches the first horizon day is a fact
// of the past: neither encoded nor reported.

// PerMonth is the calendar month, a period of the weekend rules (a weekend
// belongs to the month of its Saturday).
const PerMonth Period = "month"

// PatternRule is a nursing pattern rule: it can be encoded hard (weight 0)
// or soft, and Check's reading of it counts the units of each breach.
type PatternRule interface {
	Rule
	// encodeWeighted writes the rule hard (weight 0) or, with weight w > 0,
	// as penalties of w per unit (encode_nursing.go).
	encodeWeighted(e Encoder, w int)
	// breaches reads the roster plainly and returns every breach with its
	// units (check_nursing.go).
	breaches(r *model.Roster) []breach
}

// breach is one violation of a pattern rule and how many units of
// violation it holds (the soft cost is units times the weight).
type breach struct {
	v     Violation
	units int
	unit  string
}

// MinConsecutiveDays is min_consecutive_days (RULES.md 2.10): every closed
// run of WORK days judged has at least Min days. A run is judged when the
// day after it is a horizon day. Soft: each missing day of a short run
// costs the weight.
type MinConsecutiveDays struct {
	meta
	// Min is the shortest allowed run, in days.
	Min int
}

// Kind implements Rule.
func (*MinConsecutiveDays) Kind() string { return KindMinConsecutiveDays }

// MinConsecutiveDaysOff is min_consecutive_days_off (RULES.md 2.10): every
// closed run of days off (REST or LEAVE) judged has at least Min days. A
// run is judged when the day after it is a horizon day. Soft: each missing
// day of a short run costs the weight.
type MinConsecutiveDaysOff struct {
	meta
	// Min is the shortest allowed run, in days.
	Min int
}

// Kind implements Rule.
func (*MinConsecutiveDaysOff) Kind() string { return KindMinConsecutiveDaysOff }

// MaxConsecutiveShifts is max_consecutive_shifts (RULES.md 2.10): at most
// Max consecutive dates on which the person starts shift type Shift (or,
// with Night, any night instance); history counts. Every window of Max+1
// consecutive known dates reaching the horizon holds a date without such a
// start. Soft: each extra consecutive shift (each such window) costs the
// weight.
type MaxConsecutiveShifts struct {
	meta
	// Shift is the shift type counted ("" with Night).
	Shift model.ShiftID
	// Night counts every night instance instead of one shift type.
	Night bool
	// Max is the longest allowed run of dates, in shifts.
	Max int
}

// Kind implements Rule.
func (*MaxConsecutiveShifts) Kind() string { return KindMaxConsecutiveShifts }

// ForbiddenSuccessions is forbidden_successions (RULES.md 2.10): for each
// pair [X, Y], if shift type X starts on date d then Y does not start on
// d+1. The pairs reaching the horizon are judged (d may be the day before
// the horizon). Soft: each forbidden succession costs the weight.
type ForbiddenSuccessions struct {
	meta
	// Pairs are the forbidden successions, X then Y.
	Pairs [][2]model.ShiftID
}

// Kind implements Rule.
func (*ForbiddenSuccessions) Kind() string { return KindForbiddenSuccessions }

// MaxWeekends is max_weekends (RULES.md 2.10): a weekend is worked when its
// Saturday or Sunday is a WORK day; in every period meeting the horizon
// (the horizon, fixed blocks of BlockDays aligned on Anchor, or calendar
// months) at most Max of the weekends whose Saturday lies in the period and
// whose two days lie in the horizon are worked. Soft: each weekend over
// costs the weight.
type MaxWeekends struct {
	meta
	// Max is the number of worked weekends allowed per period.
	Max int
	// Per is PerHorizon, PerBlock or PerMonth.
	Per Period
	// BlockDays and Anchor define PerBlock periods.
	BlockDays int
	// Anchor is a day on which a block starts.
	Anchor model.Date
}

// Kind implements Rule.
func (*MaxWeekends) Kind() string { return KindMaxWeekends }

// CompleteWeekends is complete_weekends (RULES.md 2.10): the Saturday and
// Sunday of a weekend are both WORK days or neither is. Every weekend with
// both days known and its Sunday in the horizon is judged. Soft: each
// broken weekend costs the weight.
type CompleteWeekends struct {
	meta
}

// Kind implements Rule.
func (*CompleteWeekends) Kind() string { return KindCompleteWeekends }

// RestAfterNights is rest_after_nights (RULES.md 2.10): a run of nights is
// a maximal sequence of known dates, one after the other, on each of which
// the person starts a night instance; after a run of k nights (its last
// night on date d, no night starting on d+1), the person's next instance
// starts at least Minutes[k-1] minutes (the last value for longer runs)
// after the end of the night of date d. Judged when that next instance
// starts on a horizon date. Soft: each hour missing, rounded up, costs the
// weight.
type RestAfterNights struct {
	meta
	// Minutes are the rests required after 1, 2, ... nights, in minutes.
	Minutes []int
}

// Kind implements Rule.
func (*RestAfterNights) Kind() string { return KindRestAfterNights }

// restAfter returns the rest required after a run of k nights.
func (r *RestAfterNights) restAfter(k int) int {
	if k > len(r.Minutes) {
		k = len(r.Minutes)
	}
	return r.Minutes[k-1]
}

// MinWeekendsOff is min_weekends_off (RULES.md 2.10): in each period lying
// wholly inside the horizon (calendar months, fixed blocks of BlockDays
// aligned on Anchor, or the horizon), at least Min weekends whose Saturday
// lies in the period have both days REST. A weekend whose Sunday is past
// the horizon end needs only its Saturday REST (the unknown Sunday may be
// a rest day, as in the edges of RULES.md 2.2). Soft: each weekend off
// missing costs the weight.
type MinWeekendsOff struct {
	meta
	// Min is the number of weekends off required per period.
	Min int
	// Per is PerMonth, PerBlock or PerHorizon.
	Per Period
	// BlockDays and Anchor define PerBlock periods.
	BlockDays int
	// Anchor is a day on which a block starts.
	Anchor model.Date
}

// Kind implements Rule.
func (*MinWeekendsOff) Kind() string { return KindMinWeekendsOff }

// NightsPerMonth caps night instances per person and calendar month (the
// night_work item of the jp-nurse-jna preset: at most 8 per month on
// three-shift rosters). The night instances starting on the known days of
// each month meeting the horizon count, history included.
type NightsPerMonth struct {
	meta
	// Max is the number of night instances allowed per month.
	Max int
}

// Kind implements Rule: a night_work cap (RULES.md 2.7), per month.
func (*NightsPerMonth) Kind() string { return KindNightWork }

// SoftPattern is a nursing pattern rule written with a weight: it forbids
// nothing, and each unit of violation of Pattern costs Weight.
type SoftPattern struct {
	// Pattern is the rule made soft.
	Pattern PatternRule
	// Weight is the cost per unit (>= 1).
	Weight int
}

// Kind implements Rule: the kind of the pattern.
func (s *SoftPattern) Kind() string { return s.Pattern.Kind() }

// Name implements Rule.
func (s *SoftPattern) Name() string { return s.Pattern.Name() }

// Citation implements Rule.
func (s *SoftPattern) Citation() string { return s.Pattern.Citation() }

// Check implements Rule: a soft rule is never violated (see Cost).
func (*SoftPattern) Check(*model.Roster) []Violation { return nil }

// Encode implements Rule: the pattern's penalties.
func (s *SoftPattern) Encode(e Encoder) { s.Pattern.encodeWeighted(e, s.Weight) }

// Cost implements SoftRule: one item per breach of the pattern, its units
// times the weight.
func (s *SoftPattern) Cost(r *model.Roster) []CostItem {
	var out []CostItem
	for _, b := range s.Pattern.breaches(r) {
		out = append(out, CostItem{Kind: b.v.Kind, Rule: b.v.Rule, Staff: b.v.Staff, From: b.v.From, To: b.v.To,
			Shift: b.v.Shift, Units: b.units, Unit: b.unit, Weight: s.Weight, Cost: b.units * s.Weight,
			Detail: b.v.Message, Pos: patternPos(s.Pattern)})
	}
	return out
}

// patternPos is where a pattern rule is written.
func patternPos(r PatternRule) model.Pos {
	if m, ok := r.(interface{ pos() model.Pos }); ok {
		return m.pos()
	}
	return model.Pos{}
}

func (m meta) pos() model.Pos { return m.Pos }

// Encode and Check of the hard rules.

// Encode implements Rule.
func (r *MinConsecutiveDays) Encode(e Encoder) { r.encodeWeighted(e, 0) }

// Encode implements Rule.
func (r *MinConsecutiveDaysOff) Encode(e Encoder) { r.encodeWeighted(e, 0) }

// Encode implements Rule.
func (r *MaxConsecutiveShifts) Encode(e Encoder) { r.encodeWeighted(e, 0) }

// Encode implements Rule.
func (r *ForbiddenSuccessions) Encode(e Encoder) { r.encodeWeighted(e, 0) }

// Encode implements Rule.
func (r *MaxWeekends) Encode(e Encoder) { r.encodeWeighted(e, 0) }

// Encode implements Rule.
func (r *CompleteWeekends) Encode(e Encoder) { r.encodeWeighted(e, 0) }

// Encode implements Rule.
func (r *RestAfterNights) Encode(e Encoder) { r.encodeWeighted(e, 0) }

// Encode implements Rule.
func (r *MinWeekendsOff) Encode(e Encoder) { r.encodeWeighted(e, 0) }

// Check implements Rule.
func (r *MinConsecutiveDays) Check(ro *model.Roster) []Violation { return violationsOf(r.breaches(ro)) }

// Check implements Rule.
func (r *MinConsecutiveDaysOff) Check(ro *model.Roster) []Violation {
	return violationsOf(r.breaches(ro))
}

// Check implements Rule.
func (r *MaxConsecutiveShifts) Check(ro *model.Roster) []Violation {
	return violationsOf(r.breaches(ro))
}

// Check implements Rule.
func (r *ForbiddenSuccessions) Check(ro *model.Roster) []Violation {
	return violationsOf(r.breaches(ro))
}

// Check implements Rule.
func (r *MaxWeekends) Check(ro *model.Roster) []Violation { return violationsOf(r.breaches(ro)) }

// Check implements Rule.
func (r *CompleteWeekends) Check(ro *model.Roster) []Violation { return violationsOf(r.breaches(ro)) }

// Check implements Rule.
func (r *RestAfterNights) Check(ro *model.Roster) []Violation { return violationsOf(r.breaches(ro)) }

// Check implements Rule.
func (r *MinWeekendsOff) Check(ro *model.Roster) []Violation { return violationsOf(r.breaches(ro)) }

// violationsOf returns the violations of breaches.
func violationsOf(bs []breach) []Violation {
	var out []Violation
	for _, b := range bs {
		out = append(out, b.v)
	}
	return out
}

// PersonLocal implements constraints.PersonLocal: every instance of the
// nursing rules reads one person's days only, so the solver may plan
// large staffs in groups of people.
func (*MinConsecutiveDays) PersonLocal() bool { return true }

// PersonLocal implements PersonLocal.
func (*MinConsecutiveDaysOff) PersonLocal() bool { return true }

// PersonLocal implements PersonLocal.
func (*MaxConsecutiveShifts) PersonLocal() bool { return true }

// PersonLocal implements PersonLocal.
func (*ForbiddenSuccessions) PersonLocal() bool { return true }

// PersonLocal implements PersonLocal.
func (*MaxWeekends) PersonLocal() bool { return true }

// PersonLocal implements PersonLocal.
func (*CompleteWeekends) PersonLocal() bool { return true }

// PersonLocal implements PersonLocal.
func (*RestAfterNights) PersonLocal() bool { return true }

// PersonLocal implements PersonLocal.
func (*MinWeekendsOff) PersonLocal() bool { return true }

// PersonLocal implements PersonLocal.
func (*NightsPerMonth) PersonLocal() bool { return true }

// PersonLocal implements PersonLocal: the pattern's.
func (s *SoftPattern) PersonLocal() bool { return true }

// Lookback implements constraints.Lookback: a short run and its two
// closing days span at most Min+1 days, so long horizons may be planned
// in rolling windows.
func (r *MinConsecutiveDays) Lookback() (days, block int, ok bool) { return r.Min + 1, 0, true }

// Lookback implements Lookback (as MinConsecutiveDays).
func (r *MinConsecutiveDaysOff) Lookback() (days, block int, ok bool) { return r.Min + 1, 0, true }

// Lookback implements Lookback: a window of Max+1 dates.
func (r *MaxConsecutiveShifts) Lookback() (days, block int, ok bool) { return r.Max + 1, 0, true }

// Lookback implements Lookback: two dates.
func (*ForbiddenSuccessions) Lookback() (days, block int, ok bool) { return 2, 0, true }

// Lookback implements Lookback: a weekend.
func (*CompleteWeekends) Lookback() (days, block int, ok bool) { return 2, 0, true }

// Lookback implements Lookback: the nights counted (as many as the
// listed rests) and the longest rest after them.
func (r *RestAfterNights) Lookback() (days, block int, ok bool) {
	longest := 0
	for _, m := range r.Minutes {
		longest = max(longest, m)
	}
	return len(r.Minutes) + longest/model.MinutesPerDay + 2, 0, true
}

// Lookback implements Lookback: worked weekends are counted only inside
// the horizon, which a rolling window would cut; the whole horizon is needed.
func (*MaxWeekends) Lookback() (days, block int, ok bool) { return 0, 0, false }

// Lookback implements Lookback: periods are judged only wholly inside the
// horizon, which a rolling window would cut; the whole horizon is needed.
func (*MinWeekendsOff) Lookback() (days, block int, ok bool) { return 0, 0, false }

// Lookback implements Lookback: calendar months are no fixed blocks; the
// whole horizon is needed.
func (*NightsPerMonth) Lookback() (days, block int, ok bool) { return 0, 0, false }
