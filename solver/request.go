package solver

import (
	"context"
	"fmt"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// This file explains the requests a plan did not grant (ExplainRequest):
// why granting one is impossible, or what it costs. The steps, cheapest
// first:
//
//  1. The person alone: the person's own rules (constraints.Compile on
//     the scenario with that person alone, as branch and price prices a
//     person, plan_bnp.go) with the request made hard. When no schedule
//     of the person grants it, no roster does, and Explain on that small
//     problem names the rules in the way in milliseconds.
//  2. The whole scenario with the request granted, optimised by Plan's
//     own optimisers (planWith: core-guided MaxSAT, and branch and price
//     where Plan runs it). The request is made hard twice: in the
//     scenario itself where it can say so (an unavailable day or shift
//     for a request off, a fixed shift for a request on a shift), so that
//     branch and price's pricers see it, and as the rule forcedRequest,
//     whose Check rejects every roster that does not grant it. The
//     plan's proved lower bound is a lower bound here too (granting a
//     request only removes rosters): a roster granting the request at
//     that cost is optimal at once.
//     When the plan proved its cost C optimal by cores (PlanResult.optimum,
//     maxsat.go), its session answers first, with the request assumed:
//     a roster of cost C near the plan's (tieNear) is a tie, proved; then
//     the plan's search continued with the plan's roster fixed outside a
//     window around the request (optimum.around) gives the best roster
//     there (store-preferences: 47 and 49 in 40-130 ms, where the repair
//     below gave 55 and 51 in 0.5 s); only when it finds none, the
//     repair's rounds (the plan's roster re-optimised around the request
//     on an encoding of its own, 0.05-0.3 s a round); last, the plan's
//     core-guided search continued with the request granted
//     (optimum.beyond), whose bound starts at C, raises the bound or finds
//     a roster at it (a tie far from the plan's); the best roster is
//     reported with that bound, and planWith is not run. Brief
//     explanations (RequestOptions.Brief) give that search only as long as
//     the steps before it took, and it gives way to the other
//     explanations' first steps (optimum.hold).
//  3. When step 2 proves that no roster grants the request, Explain on the
//     whole scenario with the request made hard names the rules in the
//     way (demand, typically).
//
// Every roster step 2 returns is re-checked here by constraints.CheckAll
// against the scenario's rules and the forced request, and its cost
// recomputed by constraints.Cost.

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
	// that grants the request; when Personal, a schedule of the person
	// under their own rules that grants it.
	Minimal bool
	// Personal reports that the person's own rules alone forbid the
	// request (step 1): Core holds none of the other people's rules.
	Personal bool
	// Cost is the best total cost found of a roster granting the request
	// (Feasible only); LowerBound the best lower bound proved on it, and
	// Optimal whether they meet.
	Cost, LowerBound int64
	// Optimal reports that Cost is proved optimal.
	Optimal bool
	// Grouped reports that the request was not explained beyond the
	// person alone (Status Unknown) because the plan was made in groups
	// of people (PlanResult.Engine EngineGroups).
	Grouped bool
	// Roster is the roster of cost Cost (Feasible only), a roster of the
	// scenario given that passes its rules and grants the request.
	Roster *model.Roster
}

// RequestOptions are the settings of ExplainRequestWith.
type RequestOptions struct {
	// TimeLimit bounds the whole explanation; 0 means no limit.
	TimeLimit time.Duration
	// Plan, when not nil, is the plan in which the request was not
	// granted (Plan's result for the same scenario and rules): its
	// lower bound bounds the cost of granting the request, and branch
	// and price joins at once when it ran in the plan.
	Plan *PlanResult
	// Brief, at the plan's optimum (step 2 with PlanResult.optimum),
	// ends the explanation soon after its bounded steps (the ties near
	// the plan's roster, the search around the request, or else the
	// repair's first two rounds, each given an equal share of their
	// time): when they found a roster, the search beyond the optimum for
	// a better bound gets as long as those steps took, instead of the
	// rest of the time limit (store-preferences: it rarely raised the
	// bound in a second; a small scenario's proof takes milliseconds),
	// and gives way to the other explanations' first steps. The
	// explanations of a plan then take a fraction of the plan's time
	// (`plan` sets it).
	Brief bool
}

// forcedRequest is a rule that makes one soft requirement hard: the
// penalty whose provenance is req must not be paid. It must be encoded
// after the soft rules, into an Encoding. Its Check reads the request
// from the roster independently (constraints.Requests' cost items), so
// only requests of kind request_off and request_on are checked.
type forcedRequest struct {
	req constraints.Provenance
}

func (f *forcedRequest) Kind() string     { return f.req.Kind }
func (f *forcedRequest) Name() string     { return f.req.Rule }
func (f *forcedRequest) Citation() string { return f.req.Citation }

// Check reports the request as broken when the roster pays it: when
// constraints.Requests, costing the person's requests, lists it as not
// granted.
func (f *forcedRequest) Check(r *model.Roster) []constraints.Violation {
	q := &constraints.Requests{Staff: f.req.Staff}
	for _, it := range q.Cost(r) {
		if it.Kind == f.req.Kind && it.From == f.req.From && it.Shift == f.req.Shift {
			return []constraints.Violation{{Kind: f.req.Kind, Rule: f.req.Rule, Staff: it.Staff, From: it.From, To: it.To,
				Shift: it.Shift, Measured: 1, Limit: 0, Unit: "requests not granted",
				Message: "the request is to be granted, but " + it.Detail, Citation: f.req.Citation}}
		}
	}
	return nil
}

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

// ExplainRequest is ExplainRequestWith within limit (0: none) and without
// the plan.
func ExplainRequest(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, req constraints.Provenance, limit time.Duration) (*RequestReason, error) {
	return ExplainRequestWith(ctx, sc, rules, req, RequestOptions{TimeLimit: limit})
}

// ExplainRequestWith says why the request req (the provenance of one of
// the encoding's penalties, such as a request_off) could not be granted,
// by the steps at the top of this file. When no roster grants it, the
// hard requirements standing in the way are named (shrunk towards a
// minimal set in the remaining time); otherwise the best cost found with
// the request granted is reported, to compare with the plan's. The error
// is only for misuse and internal failures.
func ExplainRequestWith(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, req constraints.Provenance, opt RequestOptions) (*RequestReason, error) {
	t0 := time.Now()
	rr := &RequestReason{Request: req, Status: Unknown}
	if opt.TimeLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, t0.Add(opt.TimeLimit))
		defer cancel()
	}
	// remaining is the time left (at least a millisecond), 0 without a limit.
	remaining := func() time.Duration {
		if d, ok := ctx.Deadline(); ok {
			return max(time.Until(d), time.Millisecond)
		}
		return 0
	}
	p := sc.Person(req.Staff)
	if p == nil {
		return rr, fmt.Errorf("solver: ExplainRequest: the request's person %q is not in the scenario", req.Staff)
	}
	forced := &forcedRequest{req: req}

	// 1. The person alone.
	if done, err := rr.personal(ctx, sc, p, forced, remaining()); done || err != nil {
		return rr, err
	}
	if ctx.Err() != nil {
		return rr, nil
	}

	if opt.Plan != nil && opt.Plan.Engine == EngineGroups {
		// The plan was made in groups of people (plan_groups.go): the
		// whole staff is what the groups avoid encoding, once, let
		// alone once per request. Only the person alone answers.
		rr.Grouped = true
		return rr, nil
	}

	// 2. The whole scenario with the request granted.
	fsc, frules := sc, rules
	if s := grantedScenario(sc, p, req); s != nil {
		if rs, err := constraints.Compile(s); err == nil {
			fsc, frules = s, rs
		}
	}
	frules = append(frules[:len(frules):len(frules)], forced)
	var pc planConfig
	pc.noCanonical, pc.noCore = true, true
	var rp *repair
	if opt.Plan != nil {
		pc.lowerBound = opt.Plan.LowerBound
		pc.bnpNow = opt.Plan.BnP.Pricings > 0
		// The session of the plan's proof (PlanResult.optimum): the
		// request granted is more assumed there.
		q := opt.Plan.optimum
		var more []Lit
		if q != nil && opt.Plan.Optimal && q.cost == opt.Plan.Cost {
			for _, pen := range q.enc.Penalties() {
				if samePenalty(pen.Prov, req) {
					more = append(more, -pen.Lit)
				}
			}
		}
		// upTo is the deadline of a step given the share k/n of the
		// time left when it begins.
		upTo := func(k, n int) func() time.Time {
			return func() time.Time {
				if l := remaining(); l > 0 {
					return time.Now().Add(max(l*time.Duration(k)/time.Duration(n), time.Millisecond))
				}
				return time.Time{}
			}
		}
		plan := opt.Plan.Roster
		if len(more) > 0 {
			// At the plan's optimum, in its proof session (shared by
			// the explanations of a plan in turn: what one search
			// learns helps the next).
			if plan != nil {
				// 2a. A tie near the plan's roster.
				if ro := q.tieNear(ctx, upTo(1, 4), more, plan, p, req); ro != nil {
					return rr, rr.granted(sc, rules, forced, ro, q.cost, q.cost, true)
				}
			}
			var found *model.Roster
			var foundCost int64
			if plan != nil {
				// 2b. The plan's search continued around the request:
				// the plan's roster fixed outside aroundWindow days
				// either side, the person's row apart, within three
				// quarters of the time left (optimum.around: it finds
				// its roster when it proves it best there, and the
				// repair after it, on an encoding of its own, rarely
				// does better in the time left; at load 7, half the
				// time left, 0.12 s, was too short in 4 runs of 10).
				ro, c := q.around(ctx, upTo(3, 4), append(more[:len(more):len(more)], q.near(plan, p, req.From, aroundWindow)...), func() int64 { return -1 })
				if debugRequest != nil {
					debugRequest("around the request: %v %d", ro != nil, c)
				}
				if ro != nil {
					if c <= pc.lowerBound {
						return rr, rr.granted(sc, rules, forced, ro, c, c, true)
					}
					found, foundCost = ro, c
				}
			}
			if plan != nil && found == nil {
				// 2c. Else the plan's roster repaired around the
				// request on an encoding of its own (the session's
				// hardened units may cut every roster granting it),
				// within two thirds of the time left, until it reaches
				// the plan's bound: the rounds take 0.05-0.3 s each on
				// store-preferences.
				rp = &repair{sc: fsc, rules: frules, plan: plan, p: p, d: req.From, lb: pc.lowerBound, paced: opt.Brief}
				rctx, cancel := context.WithDeadline(ctx, upTo(2, 3)())
				if _, ok := ctx.Deadline(); !ok {
					cancel()
					rctx, cancel = context.WithCancel(ctx)
				}
				rounds := repairRounds
				if opt.Brief {
					rounds = rounds[:2] // the third rarely did better
				}
				rp.run(rctx, rounds, nil)
				cancel()
				if debugRequest != nil {
					debugRequest("repaired: %v %d", rp.best != nil, rp.bestCost)
				}
				if rp.best != nil && rp.bestCost <= rp.lb {
					return rr, rr.granted(sc, rules, forced, rp.best, rp.bestCost, rp.bestCost, true)
				}
				if rp.best != nil {
					found, foundCost = rp.best, rp.bestCost
				}
			}
			// 2d. The plan's search continued with the request granted
			// (optimum.beyond) in the time left (Brief, after a roster:
			// as long as the steps before took), for the bound: it
			// starts at the plan's, and the search stops when it
			// reaches the cost found (then optimal) or finds a roster
			// at its bound (a tie far from the plan's roster).
			until := upTo(1, 1)
			if opt.Brief && found != nil {
				// As long as the steps before took, and at least an
				// eighth of the time left (the steps before may take
				// a few milliseconds where the proof takes ten).
				spent := max(time.Since(t0), remaining()/8)
				until = func() time.Time {
					t := time.Now().Add(spent)
					if d, ok := ctx.Deadline(); ok && d.Before(t) {
						return d
					}
					return t
				}
			}
			lb, best, cost := q.beyond(ctx, until, more, func() int64 {
				if found == nil {
					return -1
				}
				return foundCost
			}, opt.Brief)
			if debugRequest != nil {
				debugRequest("beyond the optimum %d: bound %d, best %d (%v)", q.cost, lb, cost, best != nil)
			}
			pc.lowerBound = max(pc.lowerBound, lb)
			if best != nil && (found == nil || cost < foundCost) {
				found, foundCost = rosterOf(fsc, best), cost
			}
			if found != nil {
				return rr, rr.granted(sc, rules, forced, found, foundCost, min(pc.lowerBound, foundCost), foundCost <= pc.lowerBound)
			}
		} else if plan != nil {
			// The plan's roster repaired around the request: its first
			// round alone (within a third of the time left), optimal at
			// once at the bound; the next rounds beside the search,
			// which ends when they reach that bound.
			rp = &repair{sc: fsc, rules: frules, plan: plan, p: p, d: req.From, lb: pc.lowerBound}
			rctx, cancel := context.WithDeadline(ctx, upTo(1, 3)())
			if _, ok := ctx.Deadline(); !ok {
				cancel()
				rctx, cancel = context.WithCancel(ctx)
			}
			rp.run(rctx, repairRounds[:1], nil)
			cancel()
			if rp.best != nil && rp.bestCost <= rp.lb {
				return rr, rr.granted(sc, rules, forced, rp.best, rp.bestCost, rp.bestCost, true)
			}
			pc.beside = func(ctx context.Context, offer func(*model.Roster, int64)) {
				if rp.best != nil {
					offer(rp.best, rp.bestCost)
				}
				rp.run(ctx, repairRounds[1:], offer)
			}
		}
	}
	pr, err := planWith(ctx, fsc, frules, Options{TimeLimit: remaining()}, pc)
	if err != nil {
		return rr, err
	}
	switch pr.Status {
	case Feasible:
		return rr, rr.granted(sc, rules, forced, pr.Roster, pr.Cost, pr.LowerBound, pr.Optimal)
	case Unknown:
		if rp != nil && rp.best != nil {
			// The search ended before it began: the repaired roster.
			return rr, rr.granted(sc, rules, forced, rp.best, rp.bestCost, max(pc.lowerBound, pr.LowerBound), false)
		}
		return rr, nil
	}

	// 3. No roster grants it: the rules in the way.
	rr.Status = Infeasible
	all := append(rules[:len(rules):len(rules)], forced)
	ex, err := Explain(ctx, sc, all, ExplainOptions{TimeLimit: remaining()})
	if err != nil {
		return rr, err
	}
	rr.setCore(ex)
	return rr, nil
}

// tieNear returns a roster of the optimum's cost that grants the request
// (more assumed) near the plan's roster, or nil: the plan's roster fixed
// outside windows of growing width around the request (nearWindows;
// freeing, instead, the people who could take the person's place all
// month only ran out of time on store-preferences). Only SAT answers
// count, within the deadline until gives once the session is free.
func (q *optimum) tieNear(ctx context.Context, until func() time.Time, more []Lit, plan *model.Roster, p *model.Staff, req constraints.Provenance) *model.Roster {
	// The session for every window in turn (so that another's search
	// does not use up the deadline between two), one deadline for all.
	defer q.hold()()
	deadline := until()
	for _, w := range nearWindows {
		st, ro := q.with(ctx, deadline, append(more[:len(more):len(more)], q.near(plan, p, req.From, w)...))
		if debugRequest != nil {
			debugRequest("a tie within %d days of the plan: %d", w, st)
		}
		if st == 1 {
			return ro
		}
		if ctx.Err() != nil || (!deadline.IsZero() && !time.Now().Before(deadline)) {
			break
		}
	}
	return nil
}

// aroundWindow is the half-width of the window around a request in which
// the plan's search is continued with the request granted (optimum.around).
const aroundWindow = 14

// nearWindows are the half-widths of the windows around a request in
// which a roster of the plan's optimal cost that grants it is first
// sought, the plan's roster fixed outside (see optimum.near).
var nearWindows = []int{3, 7, 14}

// debugRequest, when not nil, receives the explanations' progress
// messages (tests).
var debugRequest func(format string, args ...any)

// repairRounds are the repair's neighbourhoods, tried in turn from the
// best roster so far until one reaches the plan's bound: the half-width of
// the window of days free for everyone, and who else than the person
// asking is free on every day: nobody (repairNone), the people whose start
// on the request's date the previous rounds changed (repairDay: who
// took the person's place, or gave it up), or everyone whose schedule
// they changed (repairMoved).
var repairRounds = []repairRound{{3, repairNone}, {3, repairDay}, {3, repairMoved}}

// repairRound is a neighbourhood of repairRounds.
type repairRound struct {
	window int
	free   int
}

const (
	repairNone = iota
	repairDay
	repairMoved
)

// repair is a repair of the plan's roster to grant the request of person
// p on date d: rounds of a large-neighbourhood search (repairRounds) on the
// encoding of rules on sc (the request forced among them), each fixing
// every start outside its neighbourhood to the best roster's and
// optimising the rest.
type repair struct {
	sc    *model.Scenario
	rules []constraints.Rule
	plan  *model.Roster
	p     *model.Staff
	d     model.Date
	// lb is the plan's bound: a roster of that cost ends the repair.
	lb int64
	// best is the best roster found (nil: none), bestCost its cost;
	// free are the people free on every day.
	best     *model.Roster
	bestCost int64
	free     map[model.StaffID]bool
	// paced gives each round an equal share of the time left to the
	// rounds left (ctx's deadline), instead of until its neighbourhood's
	// optimum is proved: store-preferences' first round found its
	// optimum (55 for tanaka on 12-31) in 125 ms and proved it in 420 ms
	// (load 2), which a brief explanation cannot spare.
	paced bool
	// enc is the encoding of rules on sc, made by the first round; each
	// round fixes its starts in a copy (withUnits) instead of encoding
	// again (30-40 ms a round on store-preferences).
	enc *Encoding
}

// withUnits returns a copy of e to which a round adds its fixed starts
// (Define) while e stays as it is: the copy's clause list is e's up to its
// length and capacity, so that its first clause copies it. Only the
// clause list grows after encoding; the rest is only read.
func withUnits(e *Encoding) *Encoding {
	c := *e
	c.clauses = e.clauses[:len(e.clauses):len(e.clauses)]
	c.scratch = nil
	return &c
}

// run runs rounds until the cost reaches lb, the rounds are done or ctx
// ends, and passes offer (when not nil) each better roster with its cost.
func (rp *repair) run(ctx context.Context, rounds []repairRound, offer func(*model.Roster, int64)) {
	sc, d := rp.sc, rp.d
	if rp.free == nil {
		rp.free = map[model.StaffID]bool{rp.p.ID: true}
	}
	for i, round := range rounds {
		if ctx.Err() != nil || (rp.best != nil && rp.bestCost <= rp.lb) {
			break
		}
		base := rp.plan
		if rp.best != nil {
			base = rp.best
			for _, q := range sc.Staff {
				switch {
				case round.free == repairDay && rp.plan.Starts[q.ID][d] != rp.best.Starts[q.ID][d]:
					rp.free[q.ID] = true
				case round.free == repairMoved && !sameRow(rp.plan, rp.best, q.ID):
					rp.free[q.ID] = true
				}
			}
		}
		if rp.enc == nil {
			// The plan's scenario with one request made hard: the
			// memory guard passed its encoding, of the same size,
			// already (its estimate took 10-20 ms on store-preferences).
			enc, err := encodeCtx(WithMaxMemory(ctx, 0), sc, rp.rules, false)
			if err != nil || enc.stopped {
				break
			}
			rp.enc = enc
		}
		enc := withUnits(rp.enc)
		fixed := func(pi int, day model.Date) bool {
			return !rp.free[sc.Staff[pi].ID] && (day < d-model.Date(round.window) || day > d+model.Date(round.window))
		}
		for _, l := range enc.startsAs(base, fixed) {
			enc.Define(l)
		}
		var hint []Lit
		if rp.best != nil {
			hint = enc.startsAs(base, func(pi int, day model.Date) bool { return !fixed(pi, day) })
		}
		octx, cancel := ctx, context.CancelFunc(func() {})
		if d, ok := ctx.Deadline(); ok && rp.paced {
			// An equal share of the time left to each round left.
			octx, cancel = context.WithDeadline(ctx, time.Now().Add(time.Until(d)/time.Duration(len(rounds)-i)))
		}
		or, err := Optimize(octx, enc, OptimizeOptions{Hint: hint, UpperBound: func() int64 {
			if rp.best == nil {
				return -1
			}
			return rp.bestCost
		}})
		if debugRequest != nil {
			debugRequest("repair round %+v: free %d people: %v cost %d optimal %v", round, len(rp.free), or.Status, or.Cost, or.Optimal)
		}
		cancel()
		if err != nil || or.Status != Feasible || (rp.best != nil && or.Cost >= rp.bestCost) {
			continue
		}
		rp.best, rp.bestCost = decodeRoster(enc, or.Value), or.Cost
		if offer != nil {
			offer(rp.best, rp.bestCost)
		}
	}
}

// sameRow reports whether person id starts the same shifts on the same
// days in rosters a and b.
func sameRow(a, b *model.Roster, id model.StaffID) bool {
	x, y := a.Starts[id], b.Starts[id]
	if len(x) != len(y) {
		return false
	}
	for d, s := range x {
		if y[d] != s {
			return false
		}
	}
	return true
}

// personal is step 1: it explains the request by the person's own rules
// when those alone forbid it, and reports whether it did.
func (rr *RequestReason) personal(ctx context.Context, sc *model.Scenario, p *model.Staff, forced *forcedRequest, limit time.Duration) (bool, error) {
	sub := alone(sc, p)
	own, err := constraints.Compile(sub)
	if err != nil {
		return false, nil // step 2 answers
	}
	own = append(own, forced)
	ex, err := Explain(ctx, sub, own, ExplainOptions{TimeLimit: limit, NoCapacity: true})
	if err != nil || ex.Status != Infeasible {
		return false, err
	}
	rr.Status, rr.Personal = Infeasible, true
	rr.setCore(ex)
	return true, nil
}

// granted sets rr to a roster granting the request: ro (of sc or of a
// copy of sc) of cost c as the optimiser counted it, with lower bound lb
// and whether c is optimal. The roster is re-checked against rules and the
// forced request, and its cost recomputed: a mismatch is an internal error.
func (rr *RequestReason) granted(sc *model.Scenario, rules []constraints.Rule, forced *forcedRequest, ro *model.Roster, c, lb int64, optimal bool) error {
	r := rosterOf(sc, ro)
	all := append(rules[:len(rules):len(rules)], forced)
	if vs := constraints.CheckAll(all, r); len(vs) > 0 {
		return fmt.Errorf("solver: internal error: the roster granting %s breaks %d rules (%s)", rr.Request.Detail, len(vs), vs[0].Message)
	}
	if got := constraints.TotalCost(constraints.Cost(rules, r)); got != c {
		return fmt.Errorf("solver: internal error: the roster granting %s costs %d, the optimiser says %d", rr.Request.Detail, got, c)
	}
	rr.Status, rr.Roster = Feasible, r
	rr.Cost, rr.LowerBound, rr.Optimal = c, lb, optimal
	return nil
}

// setCore sets the core of rr from ex, without the request itself.
func (rr *RequestReason) setCore(ex *Explanation) {
	for _, p := range ex.Core {
		if samePenalty(p, rr.Request) {
			continue
		}
		rr.Core = append(rr.Core, p)
	}
	rr.Minimal = ex.Minimal
}

// grantedScenario returns a copy of sc in which person p's request req is
// hard, written as the scenario's own hard requirements: a request off
// becomes an unavailable day (or day and shift), a request on a shift a
// fixed shift. A request to work some shift has no such form: nil.
func grantedScenario(sc *model.Scenario, p *model.Staff, req constraints.Provenance) *model.Scenario {
	q := *p
	switch {
	case req.Kind == constraints.KindRequestOff:
		q.Unavailable = append(q.Unavailable[:len(q.Unavailable):len(q.Unavailable)], model.Unavailable{Date: req.From, Shift: req.Shift, Pos: req.Pos})
	case req.Kind == constraints.KindRequestOn && req.Shift != "":
		q.Fixed = append(q.Fixed[:len(q.Fixed):len(q.Fixed)], model.Assignment{Date: req.From, Shift: req.Shift, Pos: req.Pos})
	default:
		return nil
	}
	// A new scenario (as alone builds one): a copy of *sc would keep its
	// index of the people, which points at p.
	s := &model.Scenario{File: sc.File, Name: sc.Name, Horizon: sc.Horizon, WeekStart: sc.WeekStart,
		Shifts: sc.Shifts, Demand: sc.Demand, Rules: sc.Rules, PublicHolidays: sc.PublicHolidays, Soft: sc.Soft,
		HistoryFrom: sc.HistoryFrom}
	for _, x := range sc.Staff {
		if x == p {
			x = &q
		}
		s.Staff = append(s.Staff, x)
	}
	return s
}

// rosterOf returns the horizon starts of r as a roster of sc (r's
// scenario may be a copy of sc with other hard requirements).
func rosterOf(sc *model.Scenario, r *model.Roster) *model.Roster {
	out := model.NewRoster(sc)
	for id, starts := range r.Starts {
		for d, s := range starts {
			if sc.Horizon.Contains(d) {
				out.Set(id, d, s)
			}
		}
	}
	return out
}
