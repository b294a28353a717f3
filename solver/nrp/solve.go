package nrp

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shiftsat/shiftsat/solver"
)

// Options control Solve.
type Options struct {
	// TimeLimit bounds encoding and optimisation; 0 means no limit.
	TimeLimit time.Duration
	// OnImprove, when not nil, is called with each better objective found
	// and the time since Solve started.
	OnImprove func(objective int64, elapsed time.Duration)
}

// Result is the outcome of Solve.
type Result struct {
	// Status is Feasible when a roster was found, Infeasible when the
	// hard constraints cannot be met, Unknown when no roster was found in
	// time.
	Status solver.Status
	// Optimal reports that Objective is proved optimal.
	Optimal bool
	// Objective is the best roster's score (Feasible only), as computed
	// by Evaluate (and equal to the optimiser's claim).
	Objective int64
	// LowerBound is the best lower bound proved.
	LowerBound int64
	// Roster is the best roster (Feasible only).
	Roster Roster
	// Evaluation is the evaluator's verdict on Roster.
	Evaluation Evaluation
	// TimeToBest and TimeToProof are measured from the start of Solve
	// (TimeToProof is 0 without a proof).
	TimeToBest, TimeToProof time.Duration
	// Encode is the time spent encoding; Vars and Clauses the encoding's size.
	Encode        time.Duration
	Vars, Clauses int
	// Cores is the number of cores the optimiser found.
	Cores int
}

// Solve encodes the instance, optimises it with solver.Optimize, and
// re-checks the best roster with Evaluate. A roster that breaks a hard
// constraint, or whose score differs from the optimiser's claim, is an
// internal error: the error is returned with the result.
func Solve(ctx context.Context, in *Instance, opt Options) (*Result, error) {
	t0 := time.Now()
	m := Encode(in)
	res := &Result{Encode: time.Since(t0), Vars: m.Enc.NumVars(), Clauses: m.Enc.NumClauses()}
	var onImprove func(int64, time.Duration)
	if opt.OnImprove != nil {
		onImprove = func(c int64, _ time.Duration) { opt.OnImprove(c-m.Offset, time.Since(t0)) }
	}
	limit := opt.TimeLimit
	if limit > 0 {
		limit -= res.Encode
		if limit <= 0 {
			limit = time.Nanosecond
		}
	}
	or, err := solver.Optimize(ctx, m.Enc, solver.OptimizeOptions{TimeLimit: limit, OnImprove: onImprove})
	if err != nil {
		return nil, err
	}
	res.Status, res.Optimal, res.Cores = or.Status, or.Optimal, or.Cores
	// A lower bound below the offset says less than "the objective is
	// not negative".
	res.LowerBound = max(0, or.LowerBound-m.Offset)
	if or.TimeToBest > 0 || or.Status == solver.Feasible {
		res.TimeToBest = res.Encode + or.TimeToBest
	}
	if or.TimeToProof > 0 {
		res.TimeToProof = res.Encode + or.TimeToProof
	}
	if or.Status != solver.Feasible {
		return res, nil
	}
	res.Roster = m.Roster(or.Value)
	res.Evaluation = Evaluate(in, res.Roster)
	res.Objective = res.Evaluation.Objective
	if !res.Evaluation.Feasible() {
		return res, fmt.Errorf("nrp: internal error: the solver's roster breaks hard constraints:\n  %s",
			strings.Join(res.Evaluation.Violations, "\n  "))
	}
	if claim := or.Cost - m.Offset; res.Objective != claim {
		return res, fmt.Errorf("nrp: internal error: the evaluator scores the roster %d, the optimiser claims %d",
			res.Objective, claim)
	}
	return res, nil
}
