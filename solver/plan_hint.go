package solver

import (
	"context"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// This file gives Plan a first roster quickly when the scenario weighs
// fairness. The MaxSAT search starts with a plain solve of the whole
// encoding, and the fairness counters (each group's largest and smallest
// count) mislead gini's search there: on examples/ward-soft.yaml that
// solve took 50 s with fairness and 1.8 s without it. Fairness is soft,
// so every roster of the other rules is a roster of the whole scenario:
// when branch and price joins (plan_bnp.go), the rules without fairness
// are solved beside the engines and their roster is offered like branch
// and price's own (planConfig.beside: checked, costed in full, kept when
// better, the large-neighbourhood search's start). The MaxSAT search is
// left as it is: handing it that roster as its Hint made
// examples/store-preferences slower (its solve from 1.6 s to 8.5 s, on a
// loaded machine) and its request explanations weaker.

// withoutFairness returns rules without the fairness rules, and whether
// there were any.
func withoutFairness(rules []constraints.Rule) ([]constraints.Rule, bool) {
	var rest []constraints.Rule
	for _, r := range rules {
		if !strings.HasPrefix(r.Kind(), "fairness") {
			rest = append(rest, r)
		}
	}
	return rest, len(rest) < len(rules)
}

// fairnessFirst returns the search beside the engines that waits delay
// (until branch and price joins), then solves rest (the rules without
// fairness) within a third of the time left and offers the roster, checked
// against rules and costed in full.
func fairnessFirst(sc *model.Scenario, rules, rest []constraints.Rule, delay time.Duration) func(context.Context, func(*model.Roster, int64)) {
	return func(ctx context.Context, offer func(*model.Roster, int64)) {
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return
		}
		budget := time.Duration(math.MaxInt64)
		if dl, ok := ctx.Deadline(); ok {
			budget = time.Until(dl) / 3
		}
		r := fairnessFreeRoster(ctx, sc, rest, budget)
		if r == nil || len(constraints.CheckAll(rules, r)) > 0 {
			return
		}
		offer(r, constraints.TotalCost(constraints.Cost(rules, r)))
	}
}

// besideBoth runs two searches beside the engines at once (either may be
// nil) and returns when both have.
func besideBoth(a, b func(context.Context, func(*model.Roster, int64))) func(context.Context, func(*model.Roster, int64)) {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	return func(ctx context.Context, offer func(*model.Roster, int64)) {
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); a(ctx, offer) }()
		go func() { defer wg.Done(); b(ctx, offer) }()
		wg.Wait()
	}
}

// fairnessFreeRoster returns a roster of the rules other than fairness
// (rest), solved within budget, or nil.
func fairnessFreeRoster(ctx context.Context, sc *model.Scenario, rest []constraints.Rule, budget time.Duration) *model.Roster {
	if budget <= 0 {
		return nil
	}
	deadline := time.Now().Add(budget)
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	enc, err := encodeCtx(ctx, sc, rest, false)
	if err != nil || enc.stopped {
		return nil
	}
	s := newSession(ctx, enc, deadline)
	if s.solve() != 1 {
		return nil
	}
	return s.roster()
}
