package solver

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// PlanResult is the outcome of Plan: Solve's result, and the cost of the
// roster when the scenario has soft requirements.
type PlanResult struct {
	// Result holds the status, the roster (Feasible), the core
	// (Infeasible) and the statistics.
	Result
	// Soft is true when the encoding has penalties and was optimised.
	Soft bool
	// Penalties is the number of penalty literals of the encoding.
	Penalties int
	// Cost is the optimiser's cost of the roster: the weights of its true
	// penalty literals (0 without soft requirements).
	Cost int64
	// LowerBound is the best lower bound proved on the cost of any roster.
	LowerBound int64
	// Optimal reports that Cost is proved optimal.
	Optimal bool
	// TimeToBest is the time from the start of the optimisation to the
	// best roster; TimeToProof to the proof of optimality (0: none).
	TimeToBest, TimeToProof time.Duration
	// Engine names the optimisers that ran: "maxsat" (core-guided MaxSAT
	// alone), "maxsat+bnp" (with branch and price beside it; see
	// plan_bnp.go for the rule) or EngineGroups (a large staff planned in
	// groups of people, plan_groups.go); "" when nothing was optimised.
	Engine string
	// BnP holds branch and price's figures when it ran.
	BnP BnPStats
	// Canonical reports that the roster is the deterministic one of
	// plan_canon.go (branch and price took part and the cost was proved
	// optimal): the same input then gives the same roster on every run.
	Canonical bool
}

// Plan is Solve for scenarios with soft requirements. When the rules
// record no penalty, it is Solve (a roster is optimal at cost 0).
// Otherwise the encoding is optimised with Optimize under the time limit
// (encoding included), with branch and price beside it when
// useBranchAndPrice says so (plan_bnp.go: soft requirements, demand and at
// least bnpMinStaff people; it joins after bnpDelay): the roster is the
// best one found by either, with its cost, the best lower bound proved by
// either and whether it is optimal. A large staff (groupMinStaff people or
// more) whose rules read one person, demand lines and their staffing
// targets apart, is first planned in groups of people (plan_groups.go),
// which only ever finds rosters: when a group finds none, the whole
// encoding is optimised in the time left. The rules must be those that
// constraints.Compile gives for sc (branch and price compiles each
// person's own rules again). When no roster
// exists, Solve is run for its core. The time limit ends the search with
// the best roster so far (status Feasible) or, without one, Unknown.
func Plan(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt Options) (_ *PlanResult, err error) {
	t0 := time.Now()
	if opt.TimeLimit > 0 {
		// One deadline for every phase, encoding included.
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, t0.Add(opt.TimeLimit))
		defer cancel()
	}
	if planGroupsOn && constraints.HasSoft(rules) && groupable(sc, rules) {
		// A large staff whose rules read one person, demand apart, is
		// planned in groups (plan_groups.go); the whole encoding is the
		// fallback, within the time left.
		if pr, done, err := planInGroups(ctx, sc, rules, opt, t0); done || err != nil {
			return pr, err
		}
	}
	var enc *Encoding
	opt.progress(ProgressEvent{Phase: "encoding"})
	if constraints.HasSoft(rules) {
		var err error
		if enc, err = encodeCtx(ctx, sc, rules, false); enc.stopped {
			if !isMemory(err) {
				err = nil // the time limit or ctx: Unknown
			}
			return &PlanResult{Soft: true, Result: Result{Status: Unknown, Stats: enc.Stats()}}, err
		}
	}
	if enc == nil || len(enc.Penalties()) == 0 {
		opt.progress(ProgressEvent{Phase: "solving"})
		res, err := Solve(ctx, sc, rules, opt)
		if res == nil {
			return nil, err
		}
		return &PlanResult{Result: *res, Optimal: res.Status == Feasible}, err
	}
	var deadline time.Time
	if opt.TimeLimit > 0 {
		deadline = t0.Add(opt.TimeLimit)
	}
	if sh, err := capacityFirst(ctx, sc, deadline); err != nil || sh != nil {
		pr := &PlanResult{Soft: true}
		if sh != nil {
			pr.Status, pr.Shortage, pr.Core = Infeasible, sh, sh.Core()
		}
		pr.Stats.Capacity = time.Since(t0)
		return pr, err
	}
	pr := &PlanResult{Soft: true, Penalties: len(enc.Penalties()), Engine: "maxsat"}
	pr.Status = Unknown
	pr.Stats = Stats{Vars: enc.NumVars(), Clauses: enc.NumClauses(), Encode: enc.encodeTime}
	remaining := func() (time.Duration, bool) {
		if opt.TimeLimit <= 0 {
			return 0, true
		}
		left := opt.TimeLimit - time.Since(t0)
		return left, left > 0
	}
	left, ok := remaining()
	if !ok {
		return pr, nil
	}
	t1 := time.Now()
	ev := ProgressEvent{Phase: "optimising"}
	opt.progress(ev)
	// The two engines (plan_bnp.go) share the best cost and bound; mu
	// guards them and the progress events.
	var (
		mu               sync.Mutex
		bestCost         = int64(math.MaxInt64)
		bestBound        int64
		bnpRoster        *model.Roster
		bnpCost, bnpWhen = int64(math.MaxInt64), time.Duration(0)
	)
	improve := func(c int64) {
		if c < bestCost {
			bestCost = c
			ev.Cost, ev.HaveCost = c, true
			opt.progress(ev)
		}
	}
	raise := func(lb int64) {
		if lb > bestBound {
			bestBound = lb
			ev.LowerBound, ev.HaveBound = lb, true
			opt.progress(ev)
		}
	}
	octx, ocancel := context.WithCancel(ctx)
	defer ocancel()
	var bs *bnpSearch
	stopBnP := func() {}
	if useBranchAndPrice(sc, enc) {
		bctx, bcancel := context.WithCancel(ctx)
		bnpDone := make(chan error, 1)
		var hintDone sync.WaitGroup
		bs = &bnpSearch{sc: sc, rules: rules,
			ub: func() int64 {
				mu.Lock()
				defer mu.Unlock()
				return bestCost
			},
			improve: func(r *model.Roster, c int64) {
				mu.Lock()
				defer mu.Unlock()
				if c < bnpCost {
					bnpRoster, bnpCost, bnpWhen = r, c, time.Since(t1)
				}
				improve(c)
				if bestBound >= bestCost {
					ocancel()
				}
			},
			bound: func(lb int64) {
				mu.Lock()
				defer mu.Unlock()
				raise(lb)
				if bestBound >= bestCost {
					ocancel()
				}
			},
		}
		go func() {
			// It joins when the MaxSAT search has not ended within
			// bnpDelay (plan_bnp.go).
			select {
			case <-time.After(bnpDelay):
				if rest, fair := withoutFairness(rules); fair {
					// A first roster without the fairness counters
					// (plan_hint.go), within a third of the time left.
					hintDone.Add(1)
					go func() {
						defer hintDone.Done()
						budget := time.Duration(math.MaxInt64)
						if dl, ok := bctx.Deadline(); ok {
							budget = time.Until(dl) / 3
						}
						if r := fairnessFreeRoster(bctx, sc, rest, budget); r != nil {
							bs.offerRoster(r)
						}
					}()
				}
				bnpDone <- bs.run(bctx)
			case <-bctx.Done():
				bnpDone <- nil
			}
		}()
		var bnpErr error
		stopped := false
		stopBnP = func() {
			if !stopped {
				bcancel()
				bnpErr, stopped = <-bnpDone, true
				hintDone.Wait()
			}
		}
		defer func() {
			stopBnP()
			if err == nil && bnpErr != nil {
				err = bnpErr
			}
		}()
	}
	optLimit := left
	or, oerr := Optimize(octx, enc, OptimizeOptions{TimeLimit: left,
		OnImprove: func(cost int64, _ time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			improve(cost)
		},
		OnBound: func(lb int64, _ time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			raise(lb)
		},
		OnModel: func(_ int64, value func(Lit) bool) {
			// The large-neighbourhood search starts from the best
			// roster of either engine (plan_lns.go).
			if bs != nil && bs.joined.Load() {
				bs.seed(decodeRoster(enc, value))
			}
		},
		UpperBound: func() int64 {
			mu.Lock()
			defer mu.Unlock()
			if bnpRoster == nil {
				return -1
			}
			return bnpCost
		},
	})
	// Branch and price stops with the MaxSAT search, which ends on a
	// proof, when its bound meets branch and price's best cost, when
	// branch and price proves the best cost optimal, or at the time limit.
	stopBnP()
	pr.Stats.Solve = time.Since(t1)
	if oerr != nil {
		return pr, oerr
	}
	pr.LowerBound = or.LowerBound
	if or.Status == Feasible {
		pr.Status = Feasible
		pr.Roster = decodeRoster(enc, or.Value)
		pr.Cost, pr.Optimal = or.Cost, or.Optimal
		pr.TimeToBest, pr.TimeToProof = or.TimeToBest, or.TimeToProof
	}
	if bs != nil && or.Status != Infeasible {
		pr.Engine = "maxsat+bnp"
		pr.BnP = bs.stats
		if bnpRoster != nil && (pr.Roster == nil || bnpCost < pr.Cost) {
			pr.Status, pr.Roster, pr.Cost, pr.TimeToBest = Feasible, bnpRoster, bnpCost, bnpWhen
		}
		pr.LowerBound = max(pr.LowerBound, bestBound)
		if pr.Status == Feasible && pr.LowerBound >= pr.Cost {
			pr.LowerBound, pr.Optimal = pr.Cost, true
			if pr.TimeToProof == 0 {
				pr.TimeToProof = time.Since(t1)
			}
		}
		if pr.Optimal && bs.joined.Load() {
			// The same roster on every run (plan_canon.go), within
			// twice what the proof took (at least 2 s).
			limit := time.Now().Add(max(2*time.Second, 2*time.Since(t1)))
			if !deadline.IsZero() && deadline.Before(limit) {
				limit = deadline
			}
			canonical(ctx, sc, rules, pr, optLimit, limit)
		}
	}
	switch or.Status {
	case Infeasible:
		pr.Status = Infeasible
		left, ok := remaining()
		if !ok {
			return pr, nil
		}
		opt.progress(ProgressEvent{Phase: "diagnosing"})
		res, err := Solve(ctx, sc, rules, Options{TimeLimit: left})
		if err != nil {
			return pr, err
		}
		if res.Status == Feasible {
			return pr, fmt.Errorf("solver: internal error: the optimiser found the rules unsatisfiable but Solve found a roster")
		}
		pr.Core = res.Core
		pr.Stats.Encode += res.Stats.Encode
		pr.Stats.Solve += res.Stats.Solve
	}
	return pr, nil
}

// decodeRoster reads the roster from a model given by value: every
// horizon date on which a Start literal is true (the first shift type in
// scenario order, should several be).
func decodeRoster(e *Encoding, value func(Lit) bool) *model.Roster {
	sc := e.sc
	r := model.NewRoster(sc)
	for pi, p := range sc.Staff {
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			for si, s := range sc.Shifts {
				if l := e.start(pi, d, si); l > 0 && value(l) {
					r.Set(p.ID, d, s.ID)
					break
				}
			}
		}
	}
	return r
}

// RequestReason says why a request was not granted: granting it is
// impossible under the hard rules (Status Infeasible, with the hard
// requirements that stand in the way), or possible at a cost elsewhere
// (Status Feasible, with the best total cost found when it is granted).
type RequestReason struct {
	// Request is the request's provenance (its penalty's).
	Request constraints.Provenance
	// Status is Infeasible when no roster grants the request, Feasible
	// when one does, Unknown when the time limit ended the search first.
	Status Status
	// Core are the hard requirements that, with the request, cannot all
	// hold (Infeasible only), in encoding order; the request itself is
	// not listed.
	Core []constraints.Provenance
	// Minimal reports that dropping any member of Core leaves a roster
	// that grants the request.
	Minimal bool
	// Cost is the best total cost found of a roster granting the request
	// (Feasible only); LowerBound the best lower bound proved on it, and
	// Optimal whether they meet.
	Cost, LowerBound int64
	// Optimal reports that Cost is proved optimal.
	Optimal bool
}

// forcedRequest is a rule that makes one soft requirement hard: the
// penalty whose provenance is req must not be paid. It must be encoded
// after the soft rules, into an Encoding.
type forcedRequest struct {
	req constraints.Provenance
}

func (f *forcedRequest) Kind() string                                { return f.req.Kind }
func (f *forcedRequest) Name() string                                { return f.req.Rule }
func (f *forcedRequest) Citation() string                            { return f.req.Citation }
func (f *forcedRequest) Check(*model.Roster) []constraints.Violation { return nil }

// Encode adds "the penalty is not paid" as a requirement of its own.
func (f *forcedRequest) Encode(e constraints.Encoder) {
	enc, ok := e.(*Encoding)
	if !ok {
		return
	}
	r := enc.Begin(f.req)
	for _, p := range enc.Penalties() {
		if samePenalty(p.Prov, f.req) {
			enc.Require(r, p.Lit.Not())
		}
	}
}

// samePenalty reports whether two provenances name the same soft requirement.
func samePenalty(a, b constraints.Provenance) bool {
	return a.Kind == b.Kind && a.Rule == b.Rule && a.Staff == b.Staff && a.From == b.From && a.To == b.To &&
		a.Shift == b.Shift && a.Skill == b.Skill && a.Detail == b.Detail && a.Limit == b.Limit
}

// ExplainRequest says why the request req (the provenance of one of the
// encoding's penalties, such as a request_off) could not be granted: it
// optimises the rules with req made hard, within limit. When no roster
// exists, Explain names the hard requirements standing in the way
// (shrunk towards a minimal set in the remaining time); otherwise the
// best cost found with the request granted is reported, to compare with
// the plan's. The error is only for misuse and internal failures.
func ExplainRequest(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, req constraints.Provenance, limit time.Duration) (*RequestReason, error) {
	t0 := time.Now()
	rr := &RequestReason{Request: req, Status: Unknown}
	forced := append(append([]constraints.Rule(nil), rules...), &forcedRequest{req: req})
	if limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, t0.Add(limit))
		defer cancel()
	}
	enc, err := encodeCtx(ctx, sc, forced, false)
	if err != nil {
		if isMemory(err) {
			return rr, err
		}
		return rr, nil // the time limit or ctx: Unknown
	}
	or, err := Optimize(ctx, enc, OptimizeOptions{TimeLimit: limit})
	if err != nil {
		return rr, err
	}
	switch or.Status {
	case Feasible:
		rr.Status = Feasible
		rr.Cost, rr.LowerBound, rr.Optimal = or.Cost, or.LowerBound, or.Optimal
		return rr, nil
	case Unknown:
		return rr, nil
	}
	rr.Status = Infeasible
	left := time.Duration(0)
	if limit > 0 {
		if left = limit - time.Since(t0); left <= 0 {
			left = time.Millisecond
		}
	}
	ex, err := Explain(ctx, sc, forced, ExplainOptions{TimeLimit: left})
	if err != nil {
		return rr, err
	}
	for _, p := range ex.Core {
		if samePenalty(p, req) {
			continue
		}
		rr.Core = append(rr.Core, p)
	}
	rr.Minimal = ex.Minimal
	return rr, nil
}
