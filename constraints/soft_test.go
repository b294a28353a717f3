package constraints

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shiftsat/shiftsat/model"
)

// TestSoftCost: the independent cost of hand-made rosters, computed by
// hand from the soft requirements of softCostScenario.
func TestSoftCost(t *testing.T) {
	const src = `
horizon: {start: 2026-12-05, end: 2026-12-07}
shifts:
  - {id: D, start: "08:00", end: "16:00", break: 60}
  - {id: N, start: "22:00", end: "06:00", break: 60}
  - {id: H, start: "08:00", end: "12:00"}
soft: {request_weight: 5, under: 7, over: 2, target_days: 3, fairness: {nights: 11, weekends: 13, hours: 1}}
staff:
  - id: a
    requests_off: [{date: 2026-12-05, weight: 9}, {date: 2026-12-06, shift: N, weight: 4}]
    requests_on: [2026-12-07]
    prefers: [D]
  - id: b
    requests_on: [{date: 2026-12-05, shift: N}]
    dislikes: [{shift: N, weight: 6}]
  - id: c
    limits: {target_days: 2}
demand:
  - {shift: D, target: 2}
`
	sc, err := model.Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	type item = costItem
	tests := []struct {
		name   string
		roster map[model.StaffID]string // one character a day from 12-05 (Sat), '.' for none
		want   []item
	}{
		// Every D line is 2 short each day (14 per day); c is 2 shifts
		// short of her target; a asked to work 12-07 (5) and b to work N
		// on 12-05 (5). a and b are a fairness group (c has a limit):
		// no spread.
		{"empty", map[model.StaffID]string{"a": "...", "b": "...", "c": "..."}, []item{
			{KindRequestOn, "a", 1, 5}, {KindRequestOn, "b", 1, 5}, {KindTargetDays, "c", 2, 6},
			{KindUnder, "", 2, 14}, {KindUnder, "", 2, 14}, {KindUnder, "", 2, 14},
		}},
		// a: N on 12-05 breaks the request off 12-05 (9), N is not
		// preferred (1); the night touches 12-06 too. b: N on 12-05 grants
		// the request on and costs the dislike (6). D on 12-05: 0 of 2
		// (14); 12-06: a, b (ok); 12-07: a, b, c = 3, one over (2).
		// Fairness a vs b: nights 1/1, weekend days worked a 2 (Sat, Sun),
		// b 2; hours (unit 1 h: gcd of 7, 7, 4) a 7+7+7, b 7+7+7: no spread.
		{"busy", map[model.StaffID]string{"a": "NDD", "b": "NDD", "c": "..D"}, []item{
			{KindRequestOff, "a", 1, 9}, {KindPrefers, "a", 1, 1}, {KindDislikes, "b", 1, 6}, {KindTargetDays, "c", 1, 3},
			{KindUnder, "", 2, 14}, {KindOver, "", 1, 2},
		}},
		// Spread: a works N on Saturday and H on Monday, b nothing. Nights
		// 1 vs 0 (11), weekend days 2 vs 0 (26: the night touches Sunday),
		// hours 7+4 = 11 vs 0 (11); a's request on is granted by H.
		{"unfair", map[model.StaffID]string{"a": "N.H", "b": "...", "c": ".D."}, []item{
			{KindRequestOff, "a", 1, 9}, {KindPrefers, "a", 1, 1}, {KindPrefers, "a", 1, 1},
			{KindRequestOn, "b", 1, 5}, {KindTargetDays, "c", 1, 3},
			{KindUnder, "", 2, 14}, {KindUnder, "", 1, 7}, {KindUnder, "", 2, 14},
			{KindFairNights, "", 1, 11}, {KindFairWeekends, "", 2, 26}, {KindFairHours, "", 11, 11},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := costItems(t, rules, patternRoster(sc, tt.roster))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("cost items (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFairnessGroups: comparable people share shift types, skills and
// limits, and are not minors.
func TestFairnessGroups(t *testing.T) {
	const src = `
horizon: {start: 2026-12-05, end: 2026-12-07}
shifts: [{id: D, start: "08:00", end: "16:00"}, {id: N, start: "22:00", end: "06:00"}]
staff:
  - {id: a, skills: [x, y]}
  - {id: b, skills: [y, x], shifts: [D, N]}
  - {id: c, skills: [x, y], minor: true}
  - {id: d, shifts: [D]}
  - {id: e, shifts: [D], limits: {max_days: 2}}
  - {id: f, shifts: [D]}
`
	sc, err := model.Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []FairnessGroup{
		{Staff: []model.StaffID{"a", "b"}, Profile: "shifts D,N; skills x,y"},
		{Staff: []model.StaffID{"d", "f"}, Profile: "shifts D"},
	}
	if diff := cmp.Diff(want, FairnessGroups(sc)); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
}
