package solver

import (
	"context"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// softLong returns a small soft scenario over 70 days (rolling windows):
// 6 people, a day and a night shift with staffing targets, a soft cap on
// consecutive days, bounds and a target of days per horizon, and weighted
// requests on and off spread over the whole horizon, each person's on
// days the others often ask off.
func softLong(t testing.TB) (*model.Scenario, []constraints.Rule) {
	t.Helper()
	sc, err := model.Parse("soft-long.yaml", []byte(`name: soft long
horizon: {start: 2027-01-04, end: 2027-03-14}
soft:
  target_days: 3
shifts:
  - {id: D, start: "08:00", end: "16:00", break: 60}
  - {id: N, start: "22:00", end: "06:00", break: 60}
staff:
  - {id: a, limits: {min_days: 30, max_days: 50, target_days: 40}}
  - {id: b, limits: {min_days: 30, max_days: 50}}
  - {id: c, limits: {min_days: 30, max_days: 50}, dislikes: [{shift: N, weight: 1}]}
  - {id: d, limits: {min_days: 30, max_days: 50}}
  - {id: e, limits: {min_days: 30, max_days: 50}, shifts: [D]}
  - {id: f, limits: {min_days: 30, max_days: 50}}
demand:
  - {shift: D, min: 2, max: 4, target: 3, under: 10, over: 2}
  - {shift: N, min: 1, max: 2, target: 1, under: 10, over: 2}
rules:
  - {rule: interval-11h}
  - {rule: max_consecutive_days, max: 6}
  - {rule: max_consecutive_days, max: 4, weight: 3}
`))
	if err != nil {
		t.Fatal(err)
	}
	start := sc.Horizon.Start
	for i, p := range sc.Staff {
		for k := 0; k < 70; k++ {
			switch (k*7 + i*3) % 11 {
			case 0:
				p.Requests = append(p.Requests, model.Request{Date: start.Add(k), Weight: 2 + (k+i)%5})
			case 5:
				p.Requests = append(p.Requests, model.Request{On: true, Date: start.Add(k), Weight: 1 + (k+2*i)%4})
			}
		}
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	return sc, rules
}

// TestRollingSoft: on a soft scenario of 70 days, the windows that
// optimise their soft requirements (requests, targets, the soft cap,
// target_days) assemble a roster that passes every rule and costs
// strictly less than the roster of the windows that plan the hard rules
// only; rollingFirst offers the hard one, then cheaper ones (spliced on
// the way, then the soft windows'), each at its independent cost. Costs
// about 1.5 s.
func TestRollingSoft(t *testing.T) {
	sc, rules := softLong(t)
	back, look, ok := rollable(sc, rules)
	if !ok {
		t.Fatal("the soft scenario is not planned in rolling windows")
	}
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	hard, _ := solveRolling(ctx, sc, rules, back, look, deadline)
	soft, st := rollWindows(ctx, sc, rules, max(back, softLookback(rules)), look, deadline, &rollSoft{budget: 100 * time.Millisecond})
	if hard == nil || soft == nil {
		t.Fatalf("hard windows' roster %v, soft windows' roster %v: want both", hard != nil, soft != nil)
	}
	costs := map[string]int64{}
	for name, r := range map[string]*model.Roster{"hard": hard, "soft": soft} {
		if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
			t.Fatalf("the %s windows' roster breaks %d requirements, first: %s", name, len(vs), vs[0].Message)
		}
		costs[name] = constraints.TotalCost(constraints.Cost(rules, r))
	}
	t.Logf("%d windows; cost of the hard windows' roster %d, of the soft windows' %d", st.windows, costs["hard"], costs["soft"])
	if costs["soft"] >= costs["hard"] {
		t.Errorf("the soft windows' roster costs %d, the hard windows' %d: want less", costs["soft"], costs["hard"])
	}

	ctx, cancel := context.WithTimeout(ctx, 4*time.Second) // soft windows of 0.4 s at most
	defer cancel()
	var offered []int64
	rollingFirst(sc, rules)(ctx, func(r *model.Roster, c int64) {
		if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
			t.Fatalf("offered a roster that breaks %d requirements, first: %s", len(vs), vs[0].Message)
		}
		if got := constraints.TotalCost(constraints.Cost(rules, r)); got != c {
			t.Errorf("offered at cost %d, independent cost %d", c, got)
		}
		offered = append(offered, c)
	})
	if len(offered) < 2 || offered[len(offered)-1] >= costs["hard"]/2 {
		t.Errorf("rollingFirst offered costs %v, want the hard windows' then cheaper ones, the last under half the hard windows' %d", offered, costs["hard"])
	}
	for i := 1; i < len(offered); i++ {
		if offered[i] >= offered[i-1] {
			t.Errorf("rollingFirst offered costs %v, want each cheaper than the one before", offered)
		}
	}
}
