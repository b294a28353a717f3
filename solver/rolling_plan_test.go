package solver

import (
	"context"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// TestRollingFirst: on a soft quarter with bounds per horizon, the search
// beside Plan's engines offers a roster planned in rolling windows that
// passes every rule, at its independent cost.
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
	offered := 0
	first(ctx, func(r *model.Roster, c int64) {
		offered++
		if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
			t.Fatalf("the windows' roster breaks %d requirements, first: %s %s", len(vs), vs[0].Kind, vs[0].Message)
		}
		if got := constraints.TotalCost(constraints.Cost(rules, r)); got != c {
			t.Errorf("offered at cost %d, independent cost %d", c, got)
		}
	})
	if offered != 1 {
		t.Fatalf("%d rosters offered, want 1", offered)
	}
}
