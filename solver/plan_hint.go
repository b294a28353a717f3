package solver

import (
	"context"
	"strings"
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
// are solved beside it and their roster is offered like branch and
// price's own (checked, costed in full, kept when better), which also
// starts its large-neighbourhood search. The MaxSAT search is left as it
// is: handing it that roster as its Hint made examples/store-preferences
// slower (solve 1.6 s to 8.5 s) and its request explanations weaker.

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
