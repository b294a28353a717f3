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

	// optimum is the MaxSAT search's end when it proved the cost optimal
	// by cores and the rules have requests (nil otherwise): the request
	// explanations (request.go) ask it for a roster of the same cost
	// that grants a request.
	optimum *optimum
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
func Plan(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt Options) (*PlanResult, error) {
	return planWith(ctx, sc, rules, opt, planConfig{})
}

// planConfig are the settings of planWith that Plan leaves at their zero
// value; the request explanations (request.go) set them.
type planConfig struct {
	// lowerBound is a lower bound proved elsewhere on the cost of every
	// roster of the rules (0: none): the search starts from it, stops
	// when a roster reaches it, and reports it when it is the larger.
	lowerBound int64
	// bnpNow makes branch and price join at once instead of after
	// bnpDelay (where useBranchAndPrice lets it join at all).
	bnpNow bool
	// noCanonical skips the deterministic roster of plan_canon.go, and
	// noCore the core of an infeasible encoding (Core stays empty).
	noCanonical, noCore bool
	// beside, when not nil, runs beside the engines until ctx ends (the
	// search ends or beside returns): it passes offer rosters that pass
	// the rules with their cost, which count as branch and price's do
	// (the best known to both engines, the result when cheaper than
	// theirs, and the large-neighbourhood search's start).
	beside func(ctx context.Context, offer func(r *model.Roster, cost int64))
}

// planWith is Plan with the settings of pc.
func planWith(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt Options, pc planConfig) (_ *PlanResult, err error) {
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
		bestBound        = max(pc.lowerBound, 0)
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
	// keep takes a checked roster of cost c from branch and price or from
	// a search beside the engines.
	keep := func(r *model.Roster, c int64) {
		mu.Lock()
		defer mu.Unlock()
		if c < bnpCost {
			bnpRoster, bnpCost, bnpWhen = r, c, time.Since(t1)
		}
		improve(c)
		if bestBound >= bestCost {
			ocancel()
		}
	}
	var bs *bnpSearch
	stopBnP := func() {}
	delay := bnpDelay // before branch and price joins
	if pc.bnpNow {
		delay = 0
	}
	if useBranchAndPrice(sc, enc) {
		bctx, bcancel := context.WithCancel(ctx)
		bnpDone := make(chan error, 1)
		bs = &bnpSearch{sc: sc, rules: rules,
			ub: func() int64 {
				mu.Lock()
				defer mu.Unlock()
				return bestCost
			},
			improve: keep,
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
			case <-time.After(delay):
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
	beside := pc.beside
	// On a long horizon, a first roster from rolling windows (rolling.go).
	roll := rollingFirst(sc, rules)
	if rest, fair := withoutFairness(rules); fair && bs != nil && roll == nil {
		// A first roster without the fairness counters (plan_hint.go),
		// when branch and price joins. Not beside rolling windows, which
		// give the first roster there: on the soft ward quarter it found
		// none in 60 s and took the windows' processor.
		beside = besideBoth(beside, fairnessFirst(sc, rules, rest, delay))
	}
	beside = besideBoth(beside, roll)
	stopBeside := func() {}
	if beside != nil {
		xctx, xcancel := context.WithCancel(octx)
		xdone := make(chan struct{})
		go func() {
			defer close(xdone)
			beside(xctx, func(r *model.Roster, c int64) {
				if bs != nil && bs.joined.Load() {
					bs.seed(r)
				}
				keep(r, c)
			})
		}()
		stopBeside = func() {
			xcancel()
			<-xdone
		}
	}
	optimise := Optimize
	if hasRequests(enc) {
		optimise = optimizeKeep
	}
	or, oerr := optimise(octx, enc, OptimizeOptions{TimeLimit: left, KeepPhases: true,
		OnImprove: func(cost int64, _ time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			improve(cost)
			if bestBound >= bestCost {
				// A bound proved elsewhere (pc.lowerBound, or branch
				// and price's) is reached: the roster is optimal.
				ocancel()
			}
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
	stopBeside()
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
	if or.Optimal {
		pr.optimum = or.optimum
	}
	if (bs != nil || beside != nil) && or.Status != Infeasible {
		if bs != nil {
			pr.Engine = "maxsat+bnp"
			pr.BnP = bs.stats
		}
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
		if bs != nil && bs.joined.Load() && pr.Optimal && or.Optimal && or.alone && pr.Cost == or.Cost && pr.Roster != bnpRoster {
			// Optimize proved its own roster optimal without any
			// roster of branch and price's or from beside: its
			// search was the one it runs alone, so its roster is
			// the one canonical would find again (aloneRoster).
			pr.Canonical = true
		} else if bs != nil && pr.Optimal && bs.joined.Load() && !pc.noCanonical {
			// The same roster on every run (plan_canon.go), within
			// twice what the proof took (at least 2 s, at most
			// canonLimit: Instances 5 and 7, proved at 21 s, waited
			// 35 s more for a re-solve that did not finish).
			limit := time.Now().Add(max(2*time.Second, min(canonLimit, 2*time.Since(t1))))
			if !deadline.IsZero() && deadline.Before(limit) {
				limit = deadline
			}
			canonical(ctx, sc, rules, pr, optLimit, limit)
		}
	}
	if pr.Status == Feasible && !pr.Optimal && pc.lowerBound >= pr.Cost {
		// The bound given is reached (the search stopped on it).
		pr.LowerBound, pr.Optimal = pr.Cost, true
		if pr.TimeToProof == 0 {
			pr.TimeToProof = time.Since(t1)
		}
	} else if pr.Status == Feasible {
		pr.LowerBound = max(pr.LowerBound, min(pc.lowerBound, pr.Cost))
	}
	switch or.Status {
	case Infeasible:
		pr.Status = Infeasible
		left, ok := remaining()
		if !ok || pc.noCore {
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

// hasRequests reports whether one of enc's penalties is a request.
func hasRequests(enc *Encoding) bool {
	for _, p := range enc.Penalties() {
		if p.Prov.Kind == constraints.KindRequestOff || p.Prov.Kind == constraints.KindRequestOn {
			return true
		}
	}
	return false
}
