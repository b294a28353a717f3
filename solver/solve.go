package solver

import (
	"context"
	"fmt"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// Status is the outcome of a solve.
type Status int

const (
	// Unknown means the solve ended (time limit or cancellation) without an answer.
	Unknown Status = iota
	// Feasible means a roster satisfying every rule was found.
	Feasible
	// Infeasible means no roster satisfies every rule.
	Infeasible
)

// String returns "feasible", "infeasible" or "unknown".
func (s Status) String() string {
	switch s {
	case Feasible:
		return "feasible"
	case Infeasible:
		return "infeasible"
	}
	return "unknown"
}

// Options control a solve.
type Options struct {
	// TimeLimit bounds the whole solve, encoding and diagnosis included;
	// 0 means no limit.
	TimeLimit time.Duration
	// Progress, when not nil, receives what Plan is doing as it goes
	// (phases, better costs and bounds), for a progress display. It runs
	// on Plan's goroutine and must return quickly.
	Progress func(ProgressEvent)
}

// ProgressEvent is one step of Plan's progress: a new phase, a better
// roster, or a better lower bound.
type ProgressEvent struct {
	// Phase names what Plan does now: "encoding", "solving",
	// "optimising", "diagnosing" (finding why no roster exists).
	Phase string
	// Cost is the cost of the best roster found so far, when HaveCost.
	Cost     int64
	HaveCost bool
	// LowerBound is the best lower bound proved so far, when HaveBound.
	LowerBound int64
	HaveBound  bool
}

// progress sends ev to opt.Progress, when set.
func (opt Options) progress(ev ProgressEvent) {
	if opt.Progress != nil {
		opt.Progress(ev)
	}
}

// Stats are figures about a solve.
type Stats struct {
	// Vars and Clauses are the size of the main (plain) encoding.
	Vars, Clauses int
	// Encode is the time spent encoding (main encoding and, when
	// infeasible, the selector encoding).
	Encode time.Duration
	// Solve is the time spent in the SAT solver (main solve and diagnosis).
	Solve time.Duration
	// Capacity is the time spent counting capacity before the search
	// (CheckCapacity).
	Capacity time.Duration
	// Windows is the number of rolling-horizon windows solved (0: the
	// horizon was solved whole). When the rolling solve found the roster,
	// Vars and Clauses are those of its largest window.
	Windows int
	// Groups is the number of groups of people solved one by one (0: the
	// staff was solved whole; see groups.go). When they found the roster,
	// Vars and Clauses are those of the largest encoding solved.
	Groups int
}

// Result is the outcome of Solve.
type Result struct {
	// Status says whether a roster was found.
	Status Status
	// Roster is the roster found (Feasible only).
	Roster *model.Roster
	// Core names requirement instances that together cannot be met
	// (Infeasible only; empty when the diagnosis ran out of time). It is
	// not minimal. Its order is the rules' encoding order.
	Core []constraints.Provenance
	// Shortage, when not nil, proves the scenario infeasible by counting:
	// not enough people (CheckCapacity). Core then holds its requirements.
	Shortage *Shortage
	// Stats are figures about the solve.
	Stats Stats
}

// capacityFirst runs CheckCapacity before a search, with at most a quarter
// of the time left (DefaultCapacityTime at most), and returns the shortage
// it proves, if any. Scenarios without hard demand cost nothing.
func capacityFirst(ctx context.Context, sc *model.Scenario, deadline time.Time) (*Shortage, error) {
	budget := DefaultCapacityTime
	if !deadline.IsZero() {
		budget = min(budget, time.Until(deadline)/4)
		if budget <= 0 {
			return nil, nil
		}
	}
	// The exact refinement of windows under pressure rarely finds what the
	// cheap steps miss: it gets a tenth of the budget, not to delay the
	// search of a scenario that is feasible after all.
	cr, err := CheckCapacity(ctx, sc, CapacityOptions{TimeLimit: budget, RefineTime: budget / 10})
	if err != nil {
		return nil, err
	}
	return cr.Shortage, nil
}

// Solve encodes the rules for sc and solves them. It counts first: when
// CheckCapacity proves that there are not enough people, the result is
// Infeasible with the Shortage, without a search (the rules of sc.Rules,
// which rules must be compiled from, bound each person). When a roster exists, it
// is returned. A large staff (groupMinStaff people or more) whose rules
// read one person at a time, demand apart, is then planned in groups of
// people, each with its share of the demand (see groups.go); their roster
// too is returned only when it passes constraints.CheckAll. A long horizon
// (63 days or more) whose rules have no bound
// per horizon is first planned in rolling windows (see rolling.go); their
// roster is returned only when it passes constraints.CheckAll, and any
// failure falls back, within the remaining time, to the whole horizon,
// which alone may answer infeasible. The whole scenario's search is
// guided when a skill's demand is tight (solveMain, solve_guide.go: after
// 2 s without an answer, when a skill with hard demand has at most 64
// people, a model of that group alone on the window of peak skill demand
// is proposed to the search as assumptions; the roster it yields must
// pass constraints.CheckAll, and infeasibility is still only proved by
// the plain search). When none does, the rules are encoded again with one
// selector per requirement instance and solved under the selectors as
// assumptions, and Core names the requirement instances of the failed
// assumptions. The time limit and ctx end the solve with status Unknown
// (a diagnosis cut short leaves Infeasible with an empty Core); the error
// is only for misuse and internal failures.
func Solve(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt Options) (*Result, error) {
	var deadline time.Time
	if opt.TimeLimit > 0 {
		deadline = time.Now().Add(opt.TimeLimit)
	}
	res := &Result{Status: Unknown}
	// One deadline for every phase: encodings and loads stop on ctx too.
	if !deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
	}
	t0 := time.Now()
	sh, err := capacityFirst(ctx, sc, deadline)
	res.Stats.Capacity = time.Since(t0)
	if err != nil || sh != nil {
		if sh != nil {
			res.Status, res.Shortage, res.Core = Infeasible, sh, sh.Core()
		}
		return res, err
	}

	if groupable(sc, rules) {
		// Groups may use all the time, but while the whole staff may
		// still be solved (the memory guard would not refuse it), each
		// group gets at most a few times its share of what is left, so
		// that a group stuck on its share leaves time to the whole.
		bounded := true
		if lim := maxMemory(ctx); lim > 0 {
			bounded = EstimateSize(sc, rules).Bytes <= lim
		}
		r, st := solveGroups(ctx, sc, rules, deadline, bounded)
		res.Stats.Encode += st.encode
		res.Stats.Solve += st.solving
		if r != nil {
			res.Status = Feasible
			res.Roster = r
			res.Stats.Vars, res.Stats.Clauses, res.Stats.Groups = st.vars, st.clauses, st.groups
			return res, nil
		}
	}

	if back, look, ok := rollable(sc, rules); ok {
		// At most half the remaining time goes to the windows; the
		// monolithic solve keeps the rest.
		rollDeadline := deadline
		if !deadline.IsZero() {
			rollDeadline = time.Now().Add(time.Until(deadline) / 2)
		}
		r, st := solveRolling(ctx, sc, rules, back, look, rollDeadline)
		res.Stats.Encode += st.encode
		res.Stats.Solve += st.solving
		if r != nil {
			res.Status = Feasible
			res.Roster = r
			res.Stats.Vars, res.Stats.Clauses, res.Stats.Windows = st.vars, st.clauses, st.windows
			return res, nil
		}
	}

	enc, err := encodeCtx(ctx, sc, rules, false)
	res.Stats.Vars, res.Stats.Clauses = enc.nvars, enc.nclauses
	res.Stats.Encode += enc.encodeTime
	if err != nil {
		if isMemory(err) {
			return res, err
		}
		return res, nil // the time limit or ctx: Unknown
	}

	s := newSession(ctx, enc, deadline)
	ans, guide := solveMain(ctx, s, sc, rules, deadline)
	res.Stats.Solve += s.solveTime + guide
	switch ans {
	case 0:
		return res, nil
	case 1:
		res.Status = Feasible
		res.Roster = s.roster()
		return res, nil
	}
	res.Status = Infeasible

	diag, err := encodeCtx(ctx, sc, rules, true)
	res.Stats.Encode += diag.encodeTime
	if err != nil {
		if isMemory(err) {
			return res, err
		}
		return res, nil // Infeasible with an empty core
	}
	ds := newSession(ctx, diag, deadline)
	ans = ds.solve(diag.Assumptions()...)
	res.Stats.Solve += ds.solveTime
	switch ans {
	case 1:
		return res, fmt.Errorf("solver: internal error: the selector encoding is satisfiable under all its selectors but the plain encoding is not")
	case -1:
		res.Core = diag.Core(ds.why())
	}
	return res, nil
}
