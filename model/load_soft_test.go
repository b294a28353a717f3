package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestParseSoft decodes the soft parts of the format: the soft section,
// requests (hard and soft), preferences, demand targets and target_days.
func TestParseSoft(t *testing.T) {
	d := MustDate
	ip := func(n int) *int { return &n }
	tests := []struct {
		name     string
		yaml     string
		requests []Request
		hardOff  []Date
		prefers  []ShiftID
		dislikes []ShiftPref
		target   *int
		demand   *Demand
		wantSoft *Soft
	}{
		{"plain dates stay hard", base + "staff: [{id: a, requests_off: [2026-12-03]}]\n",
			nil, []Date{d("2026-12-03")}, nil, nil, nil, nil, nil},
		{"a weight makes a request soft", base + "staff: [{id: a, requests_off: [2026-12-02, {date: 2026-12-03, weight: 4}, {date: 2026-12-04, shift: N, weight: 2}]}]\n",
			[]Request{{Date: d("2026-12-03"), Weight: 4}, {Date: d("2026-12-04"), Shift: "N", Weight: 2}}, []Date{d("2026-12-02")}, nil, nil, nil, nil, nil},
		{"soft.requests makes every request soft", base + "soft: {requests: true, request_weight: 3}\nstaff: [{id: a, requests_off: [{from: 2026-12-02, to: 2026-12-03}]}]\n",
			[]Request{{Date: d("2026-12-02"), Weight: 3}, {Date: d("2026-12-03"), Weight: 3}}, nil, nil, nil, nil, nil,
			&Soft{Requests: true, RequestWeight: 3, Under: 10, Over: 1, Prefer: 1, Dislike: 1, TargetDays: 1}},
		{"requests on", base + "staff: [{id: a, requests_on: [2026-12-05, {date: 2026-12-06, shift: E, weight: 9}]}]\n",
			[]Request{{On: true, Date: d("2026-12-05"), Weight: 10}, {On: true, Date: d("2026-12-06"), Shift: "E", Weight: 9}}, nil, nil, nil, nil, nil, nil},
		{"preferences", base + "soft: {dislike: 5}\nstaff: [{id: a, prefers: [E], dislikes: [N, {shift: E, weight: 2}]}]\n",
			nil, nil, []ShiftID{"E"}, []ShiftPref{{Shift: "N", Weight: 5}, {Shift: "E", Weight: 2}}, nil, nil,
			&Soft{RequestWeight: 10, Under: 10, Over: 1, Prefer: 1, Dislike: 5, TargetDays: 1}},
		{"target days", base + "staff: [{id: a, limits: {min_days: 3, target_days: 5}}]\n",
			nil, nil, nil, nil, ip(5), nil, nil},
		{"demand target", base + "soft: {under: 50}\nstaff: [{id: a}]\ndemand: [{shift: E, min: 1, max: 3, target: 2, over: 4}]\n",
			nil, nil, nil, nil, nil, &Demand{Shift: "E", Min: 1, Max: ip(3), Target: ip(2), Under: 50, Over: 4},
			&Soft{RequestWeight: 10, Under: 50, Over: 1, Prefer: 1, Dislike: 1, TargetDays: 1}},
	}
	ignore := cmpopts.IgnoreFields(Request{}, "Pos")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Parse("t.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			p := sc.Staff[0]
			if diff := cmp.Diff(tt.requests, p.Requests, ignore); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.hardOff, p.RequestsOff); diff != "" {
				t.Errorf("hard requests off (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.prefers, p.Prefers); diff != "" {
				t.Errorf("prefers (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.dislikes, p.Dislikes, cmpopts.IgnoreFields(ShiftPref{}, "Pos")); diff != "" {
				t.Errorf("dislikes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.target, p.Limits.TargetDays); diff != "" {
				t.Errorf("target_days (-want +got):\n%s", diff)
			}
			if tt.demand != nil {
				if diff := cmp.Diff(tt.demand, sc.Demand[0], cmpopts.IgnoreFields(Demand{}, "Pos")); diff != "" {
					t.Errorf("demand (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(tt.wantSoft, sc.Soft, cmpopts.IgnoreFields(Soft{}, "Pos")); diff != "" {
				t.Errorf("soft (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseSoftErrors: bad soft input is reported, every error at once.
func TestParseSoftErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"unknown soft field", base + oneStaff + "soft: {requets: true}\n", []string{
			`t.yaml:6:8: soft: unknown field "requets"; expected one of: requests, request_weight, under, over, prefer, dislike, target_days, fairness`,
		}},
		{"bad fairness", base + oneStaff + "soft: {fairness: {nights: -1, days: 2}}\n", []string{
			`t.yaml:6:27: soft.fairness.nights: -1 is negative; expected a weight (a whole number >= 0)`,
			`t.yaml:6:31: soft.fairness: unknown field "days"; expected one of: nights, weekends, hours`,
		}},
		{"hard shift request", base + "staff: [{id: a, requests_off: [{date: 2026-12-03, shift: N}]}]\n", []string{
			`t.yaml:5:32: staff[0].requests_off[0]: a request for one shift off is soft; expected a weight (e.g. weight: 10) or soft.requests: true`,
		}},
		{"request outside and twice", base + "staff: [{id: a, requests_on: [2027-01-03, 2026-12-04, {date: 2026-12-04, weight: 1}]}]\n", []string{
			`t.yaml:5:31: staff[0].requests_on[0]: 2027-01-03 is outside the horizon 2026-12-01..2026-12-31; expected a date inside it`,
			`t.yaml:5:55: staff[0].requests_on[2]: 2026-12-04 is already requested (line 5); expected each request once`,
		}},
		{"preferences", base + "staff: [{id: a, shifts: [E], prefers: [N], dislikes: [X, E, E]}]\n", []string{
			`t.yaml:5:40: staff[0].prefers[0]: shift "N" is not in this person's shifts list (E); expected one of them`,
			`t.yaml:5:55: staff[0].dislikes[0]: unknown shift "X"; expected one of the shift ids defined under shifts: E, N`,
			`t.yaml:5:61: staff[0].dislikes[2]: shift "E" is already disliked; expected each shift once`,
		}},
		{"targets out of bounds", base + "staff: [{id: a, limits: {max_days: 3, target_days: 4}}]\ndemand: [{shift: E, min: 2, target: 1}, {shift: N, over: 2}]\n", []string{
			`t.yaml:5:52: staff[0].limits.target_days: target_days 4 is more than max_days 3; expected a target between the bounds`,
			`t.yaml:6:37: demand[0].target: target 1 is less than min 2; expected a target between the bounds`,
			`t.yaml:6:52: demand[1].over: over weighs a target, but the line has none; expected target: N`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tt.yaml))
			var got []string
			if l, ok := err.(ErrorList); ok {
				for _, e := range l {
					got = append(got, e.Error())
				}
			} else if err != nil {
				got = []string{err.Error()}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}
