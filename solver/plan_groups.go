package solver

import (
	"context"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// This file plans a large staff with soft requirements in groups of
// people, as Solve does for hard rules (groups.go): one encoding of the
// whole staff grows with the square of the staff through its demand
// counters (a soft month of 1,000 people took 2.7 GB and found no roster
// in 30 s; one of 200 took 28 s to a roster of cost 0), while the groups'
// encodings grow linearly. Each group gets its share of every demand
// line, its staffing target included (splitGroups), and is optimised by
// Plan itself within its share of the time left (a group left without a
// roster then takes any roster of its hard rules, as Solve's groups do).
// The assembled roster is checked by constraints.CheckAll and costed by
// constraints.Cost on the whole scenario's rules; fairness, which the
// groups leave out (splitGroups), is thus costed on the whole fairness
// groups. The groups' own costs and bounds are not used, since
// their split of the demand is one choice among many. So the bound
// reported is 0 (a roster of cost 0 is optimal); a better roster may
// exist that moves people between the groups' shares of a line.

// planGroups plans sc group by group until the deadline (each group
// within its even share of the time left, Plan's own time limit) and
// returns the assembled roster with its cost when every group has a
// roster and the whole passes constraints.CheckAll; nil otherwise.
func planGroups(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, deadline time.Time) (*model.Roster, int64, groupStats) {
	var st groupStats
	n := (len(sc.Staff) + groupSize - 1) / groupSize
	subs, subRules, ok := splitGroups(sc, rules, n)
	if !ok {
		return nil, 0, st
	}
	full := model.NewRoster(sc)
	for g, sub := range subs {
		st.groups++
		var limit time.Duration
		if !deadline.IsZero() {
			// Three quarters of the group's share, so that a group left
			// without a roster keeps time for its fallback below.
			if limit = time.Until(deadline) * 3 / 4 / time.Duration(len(subs)-g); limit <= 0 {
				return nil, 0, st
			}
		}
		pr, err := Plan(ctx, sub, subRules[g], Options{TimeLimit: limit})
		if err != nil || pr == nil {
			return nil, 0, st
		}
		st.penalties += pr.Penalties
		st.encode += pr.Stats.Encode
		st.solving += pr.Stats.Solve
		if pr.Stats.Clauses > st.clauses {
			st.vars, st.clauses = pr.Stats.Vars, pr.Stats.Clauses
		}
		r := pr.Roster
		if pr.Status == Infeasible {
			return nil, 0, st
		}
		if pr.Status != Feasible || r == nil {
			// No roster within the group's share: any roster of the
			// group's hard rules will do, at whatever cost, within
			// what is left of the whole time.
			var ok bool
			if r, ok = solveGroup(ctx, sub, subRules[g], deadline, &st); !ok {
				return nil, 0, st
			}
		}
		for _, p := range sub.Staff {
			for d, s := range r.Starts[p.ID] {
				full.Set(p.ID, d, s)
			}
		}
	}
	if len(constraints.CheckAll(rules, full)) > 0 {
		return nil, 0, st
	}
	return full, constraints.TotalCost(constraints.Cost(rules, full)), st
}

// planGroupsOn enables planning in groups in Plan (a benchmark turns it
// off to compare with the whole encoding).
var planGroupsOn = true

// EngineGroups is PlanResult.Engine when the staff was planned in groups.
const EngineGroups = "groups"

// planInGroups is Plan's path for a large soft scenario that groupable
// accepts: capacity first (a shortage ends the plan, as in Solve), then
// planGroups. done reports that pr is the answer; otherwise Plan goes on
// with the whole encoding in the time left.
func planInGroups(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt Options, t0 time.Time) (pr *PlanResult, done bool, err error) {
	var deadline time.Time
	if opt.TimeLimit > 0 {
		deadline = t0.Add(opt.TimeLimit)
	}
	pr = &PlanResult{Soft: true, Engine: EngineGroups}
	pr.Status = Unknown
	sh, err := capacityFirst(ctx, sc, deadline)
	pr.Stats.Capacity = time.Since(t0)
	if err != nil || sh != nil {
		if sh != nil {
			pr.Status, pr.Shortage, pr.Core = Infeasible, sh, sh.Core()
		}
		return pr, true, err
	}
	opt.progress(ProgressEvent{Phase: "optimising"})
	t1 := time.Now()
	r, cost, st := planGroups(ctx, sc, rules, deadline)
	pr.Stats.Encode, pr.Stats.Solve = st.encode, st.solving
	pr.Stats.Vars, pr.Stats.Clauses, pr.Stats.Groups = st.vars, st.clauses, st.groups
	pr.Penalties = st.penalties
	if r == nil {
		return pr, ctx.Err() != nil, nil
	}
	pr.Status, pr.Roster, pr.Cost, pr.TimeToBest = Feasible, r, cost, time.Since(t1)
	if cost == 0 {
		pr.Optimal, pr.TimeToProof = true, pr.TimeToBest
	}
	return pr, true, nil
}
