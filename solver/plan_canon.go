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
// solves again without any time-dependent input: first Optimize alone,
// stopped at its first roster of cost C, which is the roster Plan gives
// when branch and price does not join (so that whether it joins, which
// depends on the machine's load, does not change the answer); failing
// that, the scenario's encoding with "the penalties cost at most C" added
// (a weighted totalizer over the penalty literals), by one plain SAT solve
// on a fresh gini, which is deterministic. Its roster costs exactly C (no roster
// costs less) and is the same on every run; it is checked like every
// roster. When that solve does not answer within its time (see
// canonLimit), the engines' roster stands (PlanResult.Canonical false):
// the determinism is that of the scenarios whose optimum a plain SAT solve
// reaches quickly (an optimum of 0, few penalties), not of every one.

// canonLimit bounds the deterministic re-solve, Optimize alone included;
// Plan gives it at most twice the time the optimisation took (at least
// 2 s, at most canonLimit; two thirds for Optimize alone) and what is
// left of the time limit: a SAT solve asked for the optimal cost can be as hard as
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
	s := newSession(ctx, enc, deadline)
	if s.run() != 1 {
		return nil
	}
	return s.roster()
}

// aloneRoster returns the roster of cost c that Optimize finds alone on
// sc's rules (no outside bound, as when branch and price does not join),
// stopping at its first roster of cost c (Optimize keeps only strictly
// better rosters, so that is its answer too), or nil when it finds none
// before deadline. The time limit Optimize gets is limit, as in Plan's
// own call: its search only depends on it when it runs out of its share.
func aloneRoster(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, c int64, limit time.Duration, deadline time.Time) *model.Roster {
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	enc, err := encodeCtx(ctx, sc, rules, false)
	if err != nil || enc.stopped {
		return nil
	}
	or, err := Optimize(ctx, enc, OptimizeOptions{TimeLimit: limit, OnImprove: func(cost int64, _ time.Duration) {
		if cost <= c {
			cancel()
		}
	}})
	if err != nil || or.Status != Feasible || or.Cost != c {
		return nil
	}
	return decodeRoster(enc, or.Value)
}

// canonical replaces the roster of pr (Feasible, proved optimal; deadline:
// when to give up) by the
// deterministic one of canonicalRoster when that answers in time and its
// roster passes every rule at the same cost.
func canonical(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, pr *PlanResult, limit time.Duration, deadline time.Time) {
	// Optimize alone first, for the roster Plan gives when branch and
	// price does not join (examples/store-preferences.yaml: MaxSAT
	// settles it in about a second, and under load branch and price
	// joins or not); then the solve with the cost bounded.
	most := time.Now().Add(time.Until(deadline) * 2 / 3)
	r := aloneRoster(ctx, sc, rules, pr.Cost, limit, most)
	if r == nil {
		r = canonicalRoster(ctx, sc, rules, pr.Cost, deadline)
	}
	if r == nil || len(constraints.CheckAll(rules, r)) > 0 {
		return
	}
	if constraints.TotalCost(constraints.Cost(rules, r)) != pr.Cost {
		return
	}
	pr.Roster = r
	pr.Canonical = true
}
