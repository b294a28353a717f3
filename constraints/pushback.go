package constraints

import "github.com/shiftsat/shiftsat/model"

// This file computes the rest-interval push-back of RULES.md §5 (seeds 003
// and 004): when yesterday's end E plus the interval H passes today's
// planned start S, today's start moves to E + H. It is a plain calculation
// for audits of actual times, not a rule: rest_interval's Check judges the
// gaps themselves.

// PushbackPolicy is a company's rest-interval rule (勤務間インターバル制度):
// the choices seed 003 lists for its work-rule examples (§3.3-§3.6, §4, §5).
type PushbackPolicy struct {
	// IntervalMinutes is the rest H required between the end of one shift
	// and the start of the next, in minutes (e.g. 11 h = 660).
	IntervalMinutes int
	// RoundMinutes, when greater than 1, rounds the previous end E up to a
	// multiple of this many minutes counted from midnight before H is added
	// (seed 003 §3.6 and §5.2: to the hour, 60; or 10 or 30 minutes). When H
	// is a multiple of the unit this equals rounding up the expiry E + H,
	// as seed 003 §5.2 words it.
	RoundMinutes int
	// EndMoves moves the end of the shift by as much as its start (seed 003
	// §5.1: 終業時刻も繰下げる); when false the end stays (§4).
	EndMoves bool
	// EndCap, when greater than 0 and EndMoves is set, is the latest time
	// of day a moved end may reach, in minutes after midnight of the day the
	// planned shift ends (seed 003 §5.1: 22:00 = 1320; 24:00 = 1440). A cap
	// never brings the end before the planned end. 0 means no cap.
	EndCap int
	// DeemedWorked counts the working time lost to the push-back as worked
	// (seed 003 §4(3): 短縮された分の労働時間については、出勤したものとして取り扱う).
	DeemedWorked bool
}

// Pushback is the outcome of a push-back for one shift.
type Pushback struct {
	// PrevEnd is the end E of the previous shift, as worked.
	PrevEnd model.Minute
	// RoundedEnd is E rounded up to the policy's unit (E without rounding).
	RoundedEnd model.Minute
	// RestUntil is when the rest ends: RoundedEnd + H.
	RestUntil model.Minute
	// PlannedStart and PlannedEnd are the shift's planned span.
	PlannedStart, PlannedEnd model.Minute
	// Start and End are the span after the push-back (the planned span when
	// Pushed is false).
	Start, End model.Minute
	// Pushed reports whether the rest reaches past the planned start, so
	// that the start moves to RestUntil.
	Pushed bool
	// EndMoved reports whether the end moved (policy EndMoves, by as much as
	// the start unless capped).
	EndMoved bool
	// EndCapped reports whether the policy's cap held a moved end back.
	EndCapped bool
	// Cancelled reports that the rest lasts to the (possibly moved) end:
	// nothing is left to work that day, which the company may treat as a
	// day off with pay (seed 003 §3.7; it is still no legal rest day when
	// the previous shift ran past midnight).
	Cancelled bool
	// LostMinutes is the planned span minus the pushed-back span: the time
	// not worked because of the push-back (0 when the end moves in full).
	LostMinutes int
	// DeemedMinutes is LostMinutes when the policy deems it worked, else 0.
	DeemedMinutes int
}

// ComputePushback applies policy pol to a shift planned from plannedStart
// to plannedEnd that follows a shift ended at prevEnd. Seed 003's example:
// planned 09:00-18:00 and a rest until 10:30 give 10:30-18:00 with 1 h 30
// min lost (deemed worked under DeemedWorked), or 10:30-19:30 when the end
// moves.
func ComputePushback(prevEnd, plannedStart, plannedEnd model.Minute, pol PushbackPolicy) Pushback {
	pb := Pushback{PrevEnd: prevEnd, RoundedEnd: prevEnd, PlannedStart: plannedStart, PlannedEnd: plannedEnd,
		Start: plannedStart, End: plannedEnd}
	if u := model.Minute(pol.RoundMinutes); u > 1 {
		day := prevEnd.Date().Start()
		off := prevEnd - day
		pb.RoundedEnd = day + (off+u-1)/u*u
	}
	pb.RestUntil = pb.RoundedEnd + model.Minute(pol.IntervalMinutes)
	if pb.RestUntil <= plannedStart {
		return pb // the rest ends before the planned start: nothing moves
	}
	pb.Pushed = true
	pb.Start = pb.RestUntil
	if pol.EndMoves {
		pb.End = plannedEnd + (pb.Start - plannedStart)
		pb.EndMoved = true
		if pol.EndCap > 0 {
			capAt := (plannedEnd - 1).Date().Start() + model.Minute(pol.EndCap)
			if pb.End > capAt {
				pb.End = max(plannedEnd, capAt)
				pb.EndCapped = true
				pb.EndMoved = pb.End > plannedEnd
			}
		}
	}
	if pb.Start >= pb.End {
		pb.Cancelled = true
		pb.Start = pb.End
	}
	pb.LostMinutes = int((plannedEnd - plannedStart) - (pb.End - pb.Start))
	if pol.DeemedWorked {
		pb.DeemedMinutes = pb.LostMinutes
	}
	return pb
}
