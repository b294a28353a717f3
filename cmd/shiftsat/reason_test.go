package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// TestReasonEnglishUnchanged: the reasons of the requests not granted,
// now rendered from the catalogue (reasonIn) in every language, read in
// English exactly as the text report's own sentence did before
// (reasonTextBefore, kept here as the reference), for every kind of
// reason; and the Japanese ones are Japanese (no English sentence left).
func TestReasonEnglishUnchanged(t *testing.T) {
	sp := &softPlan{res: &solver.PlanResult{Cost: 46, Optimal: true}}
	d := model.Date(0)
	core := []constraints.Provenance{
		{Kind: "history", Rule: "personal", Staff: "ito", From: d, To: d, Detail: "history: ito started shift L", Citation: "the scenario"},
		{Kind: "rest_interval", Rule: "interval-11h", Staff: "ito", From: d, To: d + 1, Detail: "at least 11 h of rest", Citation: "EU WTD Art. 3"},
		{Kind: "rest_interval", Rule: "interval-11h", Staff: "ito", From: d + 1, To: d + 2, Detail: "at least 11 h of rest", Citation: "EU WTD Art. 3"},
	}
	reasons := []*solver.RequestReason{
		nil,
		{Status: solver.Infeasible},
		{Status: solver.Infeasible, Core: core, Personal: true},
		{Status: solver.Feasible, Cost: 46, LowerBound: 46, Optimal: true},
		{Status: solver.Feasible, Cost: 46, LowerBound: 45},
		{Status: solver.Feasible, Cost: 49, LowerBound: 48},
		{Status: solver.Feasible, Cost: 49, LowerBound: 49, Optimal: true},
		{Status: solver.Feasible, Cost: 44, LowerBound: 40},
		{Status: solver.Unknown},
		{Status: solver.Unknown, Grouped: true},
	}
	for i, rr := range reasons {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			want := sp.reasonTextBefore(rr)
			if got := reasonIn("en", sp, notGranted{Reason: rr, Explained: rr != nil}); got != want {
				t.Errorf("English:\n got %q\nwant %q", got, want)
			}
			if got := sp.reasonText(rr); got != want {
				t.Errorf("reasonText:\n got %q\nwant %q", got, want)
			}
			ja := reasonIn("ja", sp, notGranted{Reason: rr, Explained: rr != nil})
			if ja == want || strings.Contains(ja, "roster") || strings.Contains(ja, "granted") {
				t.Errorf("Japanese reads English: %q", ja)
			}
		})
	}
}

// reasonTextBefore is reasonText as it was before it became reasonIn's
// English (the reference of TestReasonEnglishUnchanged).
func (sp *softPlan) reasonTextBefore(rr *solver.RequestReason) string {
	if rr == nil {
		return "not explained (the explanation budget of this plan was used up)"
	}
	switch rr.Status {
	case solver.Infeasible:
		if len(rr.Core) == 0 {
			return "no roster grants it under the hard rules (the rules in the way were not identified in time)"
		}
		var parts []string
		for _, g := range groupCore(rr.Core) {
			parts = append(parts, groupLine(g))
		}
		return "no roster grants it under the hard rules; in the way: " + strings.Join(parts, "; ")
	case solver.Feasible:
		extra := rr.Cost - sp.res.Cost
		proof := "optimal"
		if !rr.Optimal {
			proof = fmt.Sprintf("best found; lower bound %d", rr.LowerBound)
		}
		if extra < 0 {
			return fmt.Sprintf("a roster granting it was found at a lower total (%d, %s) than this plan's %d, which is not proved optimal", rr.Cost, proof, sp.res.Cost)
		}
		if extra == 0 {
			return fmt.Sprintf("it could be granted at the same total cost (%d, %s): the cost would only move to another requirement (a tie)", rr.Cost, proof)
		}
		return fmt.Sprintf("granting it costs %d more elsewhere (total %d instead of %d, %s)", extra, rr.Cost, sp.res.Cost, proof)
	}
	if rr.Grouped {
		return tr("en", "plan.reasonGroups")
	}
	return tr("en", "plan.reasonTime")
}
