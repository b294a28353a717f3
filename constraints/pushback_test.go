package constraints

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shiftsat/shiftsat/model"
)

// TestComputePushback checks the push-back of RULES.md §5 against seed 003's
// worked example (a 09:00-18:00 company whose start moves to 10:30) and the
// company-rule choices around it. Every expected figure is counted by hand.
func TestComputePushback(t *testing.T) {
	day := model.MustDate("2026-12-02")
	at := func(d model.Date, hhmm string) model.Minute {
		m, err := model.ParseClock(hhmm, true)
		if err != nil {
			t.Fatal(err)
		}
		return d.Start() + model.Minute(m)
	}
	prev := day - 1
	s, e := at(day, "09:00"), at(day, "18:00")
	h11 := 11 * 60
	tests := []struct {
		name       string
		prevEnd    model.Minute
		start, end model.Minute
		pol        PushbackPolicy
		want       Pushback
	}{
		{
			// Seed 003 §3.3: the rest ends 10:30; the end is kept at 18:00 and
			// the 1 h 30 min lost counts as worked (§4(3)).
			name: "seed 003, end stays, deemed worked", prevEnd: at(prev, "23:30"), start: s, end: e,
			pol: PushbackPolicy{IntervalMinutes: h11, DeemedWorked: true},
			want: Pushback{PrevEnd: at(prev, "23:30"), RoundedEnd: at(prev, "23:30"), RestUntil: at(day, "10:30"),
				PlannedStart: s, PlannedEnd: e, Start: at(day, "10:30"), End: e, Pushed: true,
				LostMinutes: 90, DeemedMinutes: 90},
		},
		{
			// Seed 003 §3.3: the end moves with the start, to 19:30.
			name: "seed 003, end moves", prevEnd: at(prev, "23:30"), start: s, end: e,
			pol: PushbackPolicy{IntervalMinutes: h11, EndMoves: true, EndCap: 22 * 60, DeemedWorked: true},
			want: Pushback{PrevEnd: at(prev, "23:30"), RoundedEnd: at(prev, "23:30"), RestUntil: at(day, "10:30"),
				PlannedStart: s, PlannedEnd: e, Start: at(day, "10:30"), End: at(day, "19:30"), Pushed: true, EndMoved: true},
		},
		{
			name: "end stays, not deemed worked", prevEnd: at(prev, "23:30"), start: s, end: e,
			pol: PushbackPolicy{IntervalMinutes: h11},
			want: Pushback{PrevEnd: at(prev, "23:30"), RoundedEnd: at(prev, "23:30"), RestUntil: at(day, "10:30"),
				PlannedStart: s, PlannedEnd: e, Start: at(day, "10:30"), End: e, Pushed: true, LostMinutes: 90},
		},
		{
			// Seed 003 §5.2: an end at 23:12 is rounded up to 24:00; the rest
			// lasts until 11:00.
			name: "rounded to the hour", prevEnd: at(prev, "23:12"), start: s, end: e,
			pol: PushbackPolicy{IntervalMinutes: h11, RoundMinutes: 60, DeemedWorked: true},
			want: Pushback{PrevEnd: at(prev, "23:12"), RoundedEnd: at(day, "00:00"), RestUntil: at(day, "11:00"),
				PlannedStart: s, PlannedEnd: e, Start: at(day, "11:00"), End: e, Pushed: true,
				LostMinutes: 120, DeemedMinutes: 120},
		},
		{
			// Seed 003 §5.1: a moved end past 22:00 is held at 22:00. Rest
			// until 14:00: 14:00-23:00 capped to 14:00-22:00, 1 h lost.
			name: "end moves, capped at 22:00", prevEnd: at(day, "03:00"), start: s, end: e,
			pol: PushbackPolicy{IntervalMinutes: h11, EndMoves: true, EndCap: 22 * 60, DeemedWorked: true},
			want: Pushback{PrevEnd: at(day, "03:00"), RoundedEnd: at(day, "03:00"), RestUntil: at(day, "14:00"),
				PlannedStart: s, PlannedEnd: e, Start: at(day, "14:00"), End: at(day, "22:00"), Pushed: true,
				EndMoved: true, EndCapped: true, LostMinutes: 60, DeemedMinutes: 60},
		},
		{
			// A cap before the planned end never shortens the shift: a late
			// shift 14:00-22:30 pushed by 1 h keeps its 22:30 end.
			name: "cap before the planned end", prevEnd: at(day, "04:00"), start: at(day, "14:00"), end: at(day, "22:30"),
			pol: PushbackPolicy{IntervalMinutes: h11, EndMoves: true, EndCap: 22 * 60},
			want: Pushback{PrevEnd: at(day, "04:00"), RoundedEnd: at(day, "04:00"), RestUntil: at(day, "15:00"),
				PlannedStart: at(day, "14:00"), PlannedEnd: at(day, "22:30"), Start: at(day, "15:00"), End: at(day, "22:30"),
				Pushed: true, EndCapped: true, LostMinutes: 60},
		},
		{
			// The rest ends exactly at the planned start: nothing moves.
			name: "rest ends at the start", prevEnd: at(prev, "22:00"), start: s, end: e,
			pol:  PushbackPolicy{IntervalMinutes: h11, RoundMinutes: 60},
			want: Pushback{PrevEnd: at(prev, "22:00"), RoundedEnd: at(prev, "22:00"), RestUntil: s, PlannedStart: s, PlannedEnd: e, Start: s, End: e},
		},
		{
			// Rounding alone can push: 22:01 rounds to 23:00, rest until 10:00.
			name: "rounding pushes", prevEnd: at(prev, "22:01"), start: s, end: e,
			pol: PushbackPolicy{IntervalMinutes: h11, RoundMinutes: 60},
			want: Pushback{PrevEnd: at(prev, "22:01"), RoundedEnd: at(prev, "23:00"), RestUntil: at(day, "10:00"),
				PlannedStart: s, PlannedEnd: e, Start: at(day, "10:00"), End: e, Pushed: true, LostMinutes: 60},
		},
		{
			// Seed 003 §3.7: the rest lasts past 18:00; nothing is left to work.
			name: "whole shift lost", prevEnd: at(day, "08:00"), start: s, end: e,
			pol: PushbackPolicy{IntervalMinutes: h11, DeemedWorked: true},
			want: Pushback{PrevEnd: at(day, "08:00"), RoundedEnd: at(day, "08:00"), RestUntil: at(day, "19:00"),
				PlannedStart: s, PlannedEnd: e, Start: e, End: e, Pushed: true, Cancelled: true,
				LostMinutes: 540, DeemedMinutes: 540},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputePushback(tt.prevEnd, tt.start, tt.end, tt.pol)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ComputePushback (-want +got):\n%s", diff)
			}
		})
	}
}
