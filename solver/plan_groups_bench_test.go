package solver

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
)

// BenchmarkPlanGroupsVsWhole plans soft months of 200 and 400 people
// (softMixed: targets, requests, target days) for 60 s in groups and with
// the whole encoding, and reports each one's cost and bound (-1: no
// roster).
func BenchmarkPlanGroupsVsWhole(b *testing.B) {
	for _, n := range []int{200, 400} {
		for _, groups := range []bool{true, false} {
			b.Run(fmt.Sprintf("staff=%d/groups=%v", n, groups), func(b *testing.B) {
				sc := softMixed(n, true)
				rules, err := constraints.Compile(sc)
				if err != nil {
					b.Fatal(err)
				}
				defer func(on bool) { planGroupsOn = on }(planGroupsOn)
				planGroupsOn = groups
				var pr *PlanResult
				for i := 0; i < b.N; i++ {
					if pr, err = Plan(context.Background(), sc, rules, Options{TimeLimit: 60 * time.Second}); err != nil {
						b.Fatal(err)
					}
				}
				cost := float64(-1)
				if pr.Status == Feasible {
					cost = float64(pr.Cost)
					if vs := constraints.CheckAll(rules, pr.Roster); len(vs) > 0 {
						b.Fatalf("the roster breaks %d requirements", len(vs))
					}
				}
				b.ReportMetric(cost, "cost")
				b.ReportMetric(float64(pr.LowerBound), "bound")
			})
		}
	}
}
