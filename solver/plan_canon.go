package solver

import (
	"context"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// This file makes Plan's answer deterministic when branch and price took
// part (plan_bnp.go). The two engines run side by side and share their best
// cost, so which roster of the optimal cost each finds, and which of them
// finds it first, depends on timing. Once a cost C is proved optimal, Plan
// solves again, alone and without any time-dependent input: the scenario's
// encoding with "the penalties cost at most C" added (a weighted
// totalizer over the penalty literals), by one plain SAT solve on a fresh
// gini, which is deterministic. Its roster costs exactly C (no roster
// costs less) and is the same on every run; it is checked like every
// roster. When that solve does not answer within its time (see
// canonLimit), the engines' roster stands (PlanResult.Canonical false):
// the determinism is that of the scenarios whose optimum a plain SAT solve
// reaches quickly (an optimum of 0, few penalties), not of every one.

// canonLimit bounds the deterministic re-solve; Plan gives it at most
// the time the optimisation took (at least a second) and what is left of
// the time limit: a SAT solve asked for the optimal cost can be as hard as
// finding it (a 10-person fortnight of cost 49, proved optimal in 2.3 s,
// took more than 27 s; Instance 2, 828 in 2.1 s, more than 10 s), and the
// plan should not wait long on it.
const canonLimit = 10 * time.Second

// canonicalRoster returns the roster a plain SAT solve finds of sc's rules
// with their penalties costing at most c, or nil when it does not answer
// before deadline (and canonLimit from now) or ctx ends.
func canonicalRoster(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, c int64, deadline time.Time) *model.Roster {
	if limit := time.Now().Add(canonLimit); deadline.IsZero() || limit.Before(deadline) {
		deadline = limit
	}
	enc, err := encodeCtx(ctx, sc, rules, false)
	if err != nil || enc.stopped {
		return nil
	}
	var terms []constraints.Term
	for _, p := range enc.Penalties() {
		terms = append(terms, constraints.Term{Lit: p.Lit, Weight: p.Weight})
	}
	r := enc.Begin(constraints.Provenance{Kind: "cost", Rule: "the optimal cost"})
	enc.WeightedAtMost(r, terms, int(c))
	g := enc.load(ctx)
	if run(ctx, g, deadline) != 1 {
		return nil
	}
	return enc.roster(g)
}

// canonical replaces the roster of pr (Feasible, proved optimal; deadline:
// when to give up) by the
// deterministic one of canonicalRoster when that answers in time and its
// roster passes every rule at the same cost.
func canonical(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, pr *PlanResult, deadline time.Time) {
	r := canonicalRoster(ctx, sc, rules, pr.Cost, deadline)
	if r == nil || len(constraints.CheckAll(rules, r)) > 0 {
		return
	}
	if constraints.TotalCost(constraints.Cost(rules, r)) != pr.Cost {
		return
	}
	pr.Roster = r
	pr.Canonical = true
}
