package solver

import (
	"context"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// softMixed is mixedStaff(n) with soft requirements that read one person
// or one demand line: weighted requests off and on and, with targets,
// staffing targets (the early line one above its minimum, the late line
// two) and target days for every third person.
func softMixed(n int, targets bool) *model.Scenario {
	sc := mixedStaff(n)
	for i, dm := range sc.Demand {
		if dm.Skill != "" || !targets {
			continue
		}
		t := dm.Min + 1 + i%2
		if dm.Max != nil {
			t = min(t, *dm.Max)
		}
		dm.Target, dm.Under, dm.Over = &t, 10, 2
	}
	twenty := 20
	for i, p := range sc.Staff {
		if i%3 == 0 && targets {
			p.Limits.TargetDays = &twenty
		}
		if i%2 == 0 {
			d := sc.Horizon.Start.Add((i * 7) % 31)
			if len(p.Leave) == 0 || p.Leave[0] != d {
				p.Requests = append(p.Requests, model.Request{Date: d, Weight: 1 + i%5})
			}
		}
		if i%9 == 4 {
			p.Requests = append(p.Requests, model.Request{On: true, Date: sc.Horizon.Start.Add((i * 5) % 31), Weight: 2})
		}
	}
	return sc
}

// TestSplitGroupsKeepsTargets checks the split of soft staffing targets:
// each group's share lies within its own bounds, and the shares add up
// to the line's target except where a group's maximum cut its share.
func TestSplitGroupsKeepsTargets(t *testing.T) {
	sc := softMixed(240, true)
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	if !groupable(sc, rules) {
		t.Fatal("a soft scenario whose rules read one person, demand apart, is not groupable")
	}
	ng := (240 + groupSize - 1) / groupSize
	subs, subRules, ok := splitGroups(sc, rules, ng)
	if !ok {
		t.Fatal("splitGroups refused")
	}
	type cell struct {
		line int
		date model.Date
	}
	targets, clamped := map[cell]int{}, map[cell]bool{}
	lines := 0
	for g, sub := range subs {
		for _, r := range subRules[g] {
			tr, ok := r.(*constraints.CoverageTarget)
			if !ok {
				continue
			}
			lines++
			dm := tr.Demand
			if dm.Target == nil {
				t.Fatalf("group %d line %d: the target was lost", g, tr.Index)
			}
			for _, d := range dm.Days(sub) {
				c := cell{tr.Index, d}
				targets[c] += *dm.Target
				if *dm.Target < dm.Min || dm.Max != nil && *dm.Target > *dm.Max {
					t.Errorf("group %d line %d %s: target %d outside %d..%v", g, tr.Index, d, *dm.Target, dm.Min, *dm.Max)
				}
				if dm.Max != nil && *dm.Target == *dm.Max {
					clamped[c] = true
				}
			}
		}
	}
	if lines == 0 {
		t.Fatal("no group has a staffing target")
	}
	for _, r := range rules {
		tr, ok := r.(*constraints.CoverageTarget)
		if !ok {
			continue
		}
		for _, d := range tr.Demand.Days(sc) {
			c := cell{tr.Index, d}
			got, want := targets[c], *tr.Demand.Target
			if got > want || got < want && !clamped[c] {
				t.Errorf("line %d %s: the groups' targets add up to %d, want %d", tr.Index, d, got, want)
			}
		}
	}
}

// TestPlanInGroups plans a large soft staff: in groups, with a roster that
// passes every rule and a cost equal to the independent cost; with
// fairness too (left out of the groups, costed on the whole).
func TestPlanInGroups(t *testing.T) {
	sc := softMixed(240, false)
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	pr := planInGroupsChecked(t, sc, rules, 60*time.Second)
	if want := (240 + groupSize - 1) / groupSize; pr.Stats.Groups != want {
		t.Errorf("planned in %d groups, want %d", pr.Stats.Groups, want)
	}
	if pr.LowerBound > pr.Cost || pr.Optimal != (pr.Cost == 0) {
		t.Errorf("bound %d, optimal %v for cost %d: groups prove only a cost of 0", pr.LowerBound, pr.Optimal, pr.Cost)
	}
	t.Logf("cost %d in %d groups, %d penalties", pr.Cost, pr.Stats.Groups, pr.Penalties)
	if pr.Penalties == 0 {
		t.Error("no penalty counted")
	}

	fair := softMixed(240, false)
	soft := fair.SoftSettings()
	soft.Fairness.Nights, soft.Fairness.Weekends = 2, 1
	fair.Soft = &soft
	frules, err := constraints.Compile(fair)
	if err != nil {
		t.Fatal(err)
	}
	if !groupable(fair, frules) {
		t.Fatal("fairness is left out of the groups and costed on the whole, yet the scenario is not groupable")
	}
	// The groups leave fairness out; the assembled roster pays it.
	subs, subRules, ok := splitGroups(fair, frules, (240+groupSize-1)/groupSize)
	if !ok {
		t.Fatal("splitGroups refused")
	}
	for g := range subs {
		for _, r := range subRules[g] {
			if _, ok := r.(*constraints.Fairness); ok {
				t.Errorf("group %d weighs fairness, which compares people across the groups", g)
			}
		}
	}
	// A short limit: this checks the assembled roster and its cost, not
	// how good it is (each group gets a fifth of it).
	fp := planInGroupsChecked(t, fair, frules, 8*time.Second)
	fairness := 0
	for _, c := range constraints.Cost(frules, fp.Roster) {
		if c.Kind == "fairness_nights" || c.Kind == "fairness_weekends" {
			fairness += c.Cost
		}
	}
	t.Logf("with fairness: cost %d (fairness %d) in %d groups", fp.Cost, fairness, fp.Stats.Groups)
}

// planInGroupsChecked plans sc within limit and fails t unless the plan
// was made in groups, passes every rule and costs what constraints.Cost
// says.
func planInGroupsChecked(t *testing.T, sc *model.Scenario, rules []constraints.Rule, limit time.Duration) *PlanResult {
	t.Helper()
	pr, err := Plan(context.Background(), sc, rules, Options{TimeLimit: limit})
	if err != nil {
		t.Fatal(err)
	}
	if pr.Status != Feasible || pr.Engine != "groups" {
		t.Fatalf("status %v engine %q, want feasible in groups", pr.Status, pr.Engine)
	}
	if vs := constraints.CheckAll(rules, pr.Roster); len(vs) > 0 {
		t.Fatalf("the roster breaks %d requirements, first: %s %s %s", len(vs), vs[0].Kind, vs[0].Staff, vs[0].Message)
	}
	if got := constraints.TotalCost(constraints.Cost(rules, pr.Roster)); got != pr.Cost {
		t.Errorf("claimed cost %d, independent cost %d", pr.Cost, got)
	}
	return pr
}

// TestStaffGroupsSpreadsDaysOff checks that people off on the same date
// are dealt to different groups: with every fourth person asking for the
// same day off and four groups, dealing in staff order alone would put
// them all in one group, which could then not cover that date.
func TestStaffGroupsSpreadsDaysOff(t *testing.T) {
	sc := mixedStaff(200)
	for _, p := range sc.Staff {
		p.Shifts, p.Skills, p.Minor, p.Leave = nil, nil, false, nil
	}
	day := sc.Horizon.Start.Add(9)
	asking := map[model.StaffID]bool{}
	for i, p := range sc.Staff {
		if i%4 == 1 {
			p.Requests = append(p.Requests, model.Request{Date: day, Weight: 3})
			asking[p.ID] = true
		}
	}
	for g, staff := range staffGroups(sc, 4) {
		n := 0
		for _, p := range staff {
			if asking[p.ID] {
				n++
			}
		}
		if lo, hi := len(asking)/4, (len(asking)+3)/4; n < lo || n > hi {
			t.Errorf("group %d holds %d of the %d people asking for %s off, want %d-%d", g, n, len(asking), day, lo, hi)
		}
	}
}

// TestExplainRequestGrouped checks that a request not granted by a plan
// made in groups is explained by the person alone when their own rules
// forbid it, and otherwise not re-planned (Grouped): the whole staff is
// what the groups avoid encoding.
func TestExplainRequestGrouped(t *testing.T) {
	sc, rules := compileYAML(t, `horizon: {start: 2026-12-07, end: 2026-12-08}
shifts:
  - {id: D, start: "08:00", end: "16:00", break: 60}
staff:
  - id: a
    fixed: [{date: 2026-12-07, shift: D}]
    requests_off: [{date: 2026-12-07, weight: 5}, {date: 2026-12-08, weight: 5}]
  - id: b
demand:
  - {shift: D, min: 1}
rules:
  - {rule: max_days, max: 2}
`)
	plan := &PlanResult{Engine: EngineGroups}
	pvs := requestPenalties(sc, rules)
	for _, c := range []struct {
		day     string
		status  Status
		grouped bool
	}{{"2026-12-07", Infeasible, false}, {"2026-12-08", Unknown, true}} {
		var found *constraints.Provenance
		for _, pv := range pvs {
			if pv.Staff == "a" && pv.From == model.MustDate(c.day) {
				found = &pv
			}
		}
		if found == nil {
			t.Fatalf("no penalty for a's request on %s", c.day)
		}
		rr, err := ExplainRequestWith(context.Background(), sc, rules, *found, RequestOptions{TimeLimit: 10 * time.Second, Plan: plan})
		if err != nil {
			t.Fatal(err)
		}
		if rr.Status != c.status || rr.Grouped != c.grouped || c.status == Infeasible && !rr.Personal {
			t.Errorf("%s: status %v grouped %v personal %v; want %v grouped %v", c.day, rr.Status, rr.Grouped, rr.Personal, c.status, c.grouped)
		}
	}
}
