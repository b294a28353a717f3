package solver

import (
	"context"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// TestRollingFirst: on a soft quarter with bounds per horizon, the search
// beside Plan's engines offers rosters planned in rolling windows (the
// hard rules' windows, then the windows that optimise soft requirements,
// and their days spliced with the hard windows' on the way), each cheaper
// than the one before, that pass every rule, at their independent cost.
func TestRollingFirst(t *testing.T) {
	sc := softMixed(12, true)
	start := sc.Horizon.Start
	sc.Horizon.End = start.Add(90)
	sc.Name = "soft quarter"
	sc.Demand = sc.Demand[:2] // the lines without a skill
	for _, p := range sc.Staff {
		lo, hi := 40, 70
		p.Limits.MinDays, p.Limits.MaxDays = &lo, &hi
		p.Limits.TargetDays = nil
		p.Requests = append(p.Requests, model.Request{Date: start.Add(45 + len(p.Requests)), Weight: 3})
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	first := rollingFirst(sc, rules)
	if first == nil {
		t.Fatal("a soft quarter with bounds per horizon is not planned in rolling windows")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var offered []int64
	first(ctx, func(r *model.Roster, c int64) {
		offered = append(offered, c)
		if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
			t.Fatalf("the windows' roster breaks %d requirements, first: %s %s", len(vs), vs[0].Kind, vs[0].Message)
		}
		if got := constraints.TotalCost(constraints.Cost(rules, r)); got != c {
			t.Errorf("offered at cost %d, independent cost %d", c, got)
		}
	})
	if len(offered) < 2 {
		t.Fatalf("rosters offered at costs %v, want the hard windows' and a soft one", offered)
	}
	for i := 1; i < len(offered); i++ {
		if offered[i] >= offered[i-1] {
			t.Errorf("rosters offered at costs %v, want each cheaper than the one before", offered)
		}
	}
}

// TestPaceBy: a minimum's pace, rounded per person at thresholds (i+1/2)/n,
// adds up over n people of equal bounds to the whole staff's pace rounded
// to the nearest (Hermite's identity), where rounding all down would lose
// up to n-1; a maximum's is rounded up; at the horizon's end both are the
// bound.
func TestPaceBy(t *testing.T) {
	for _, tt := range []struct{ limit, n, all int }{{48, 30, 1500}, {30, 7, 90}, {27, 1, 90}, {5, 12, 31}} {
		for done := 0; done <= tt.all; done += max(tt.all/37, 1) {
			sum := 0
			for i := 0; i < tt.n; i++ {
				sum += paceBy(tt.limit, false, done, tt.all, i, tt.n)
			}
			if want := (2*tt.n*tt.limit*done + tt.all) / (2 * tt.all); sum != want {
				t.Errorf("limit %d, %d people, %d of %d: minimums add up to %d, want %d", tt.limit, tt.n, done, tt.all, sum, want)
			}
			if got, want := paceBy(tt.limit, true, done, tt.all, 0, tt.n), (tt.limit*done+tt.all-1)/tt.all; got != want {
				t.Errorf("limit %d, %d of %d: maximum %d, want %d", tt.limit, done, tt.all, got, want)
			}
		}
		for i := 0; i < tt.n; i++ {
			if lo, hi := paceBy(tt.limit, false, tt.all, tt.all, i, tt.n), paceBy(tt.limit, true, tt.all, tt.all, i, tt.n); lo != tt.limit || hi != tt.limit {
				t.Errorf("limit %d: at the end, minimum %d and maximum %d", tt.limit, lo, hi)
			}
		}
	}
}

// TestPaceNights: the window-only cap on night starts over a span, solved
// (Encode) and checked (Check) on two people who must cover a night each
// day: five nights in the span cannot be covered by caps 1 and 2, and can
// by caps 2 and 3, whose roster Check passes; a roster with a third night
// in a cap of 2 fails Check with the count.
func TestPaceNights(t *testing.T) {
	sc, err := model.Parse("nights.yaml", []byte(`name: nights
horizon: {start: 2027-01-04, end: 2027-01-13}
shifts:
  - {id: D, start: "08:00", end: "16:00"}
  - {id: N, start: "22:00", end: "06:00"}
staff:
  - {id: a}
  - {id: b}
demand:
  - {shift: N, min: 1}
`))
	if err != nil {
		t.Fatal(err)
	}
	base, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	span := model.DateRange{Start: sc.Horizon.Start, End: sc.Horizon.Start.Add(4)}
	nw := &constraints.NightWork{Max: 99}
	caps := func(a, b int) []constraints.Rule {
		return append(append([]constraints.Rule(nil), base...),
			&paceNights{cap: nw, staff: "a", span: span, max: a}, &paceNights{cap: nw, staff: "b", span: span, max: b})
	}
	for _, tt := range []struct {
		a, b int
		want Status
	}{{1, 2, Infeasible}, {2, 3, Feasible}} {
		rules := caps(tt.a, tt.b)
		res, err := Solve(context.Background(), sc, rules, Options{TimeLimit: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != tt.want {
			t.Fatalf("caps %d and %d: status %v, want %v", tt.a, tt.b, res.Status, tt.want)
		}
		if res.Status != Feasible {
			continue
		}
		if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
			t.Fatalf("caps %d and %d: %d violations, first: %s", tt.a, tt.b, len(vs), vs[0].Message)
		}
	}
	r := model.NewRoster(sc)
	for k := 0; k < 3; k++ {
		r.Set("a", span.Start.Add(2*k), "N")
	}
	r.Set("a", span.End.Add(1), "N") // after the span: not counted
	vs := (&paceNights{cap: nw, staff: "a", span: span, max: 2}).Check(r)
	if len(vs) != 1 || vs[0].Measured != 3 || vs[0].Limit != 2 {
		t.Fatalf("3 nights in a cap of 2: violations %+v, want one measuring 3", vs)
	}
}
