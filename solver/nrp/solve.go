package nrp

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shiftsat/shiftsat/solver"
	"github.com/shiftsat/shiftsat/solver/internal/bnp"
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
	// Encode is the time spent encoding the whole instance; Vars and
	// Clauses the encoding's size (all 0 on large instances, which Solve
	// does not encode whole).
	Encode        time.Duration
	Vars, Clauses int
	// Cores is the number of cores the optimiser found.
	Cores int
	// RootBound is the best Lagrangian bound of column generation at the
	// root (phase 1's, or the tree's root nodes' when phase 1 ran out of
	// time before converging), Columns the number of schedules generated
	// and Nodes the branch-and-price nodes solved (all 0 when Solve does
	// not use the relaxation).
	RootBound      int64
	Columns, Nodes int
}

// Solve optimises the instance in phases, every roster re-checked by
// Evaluate:
//
//  0. construction (construct in lns.go and construct.go): a schedule per
//     employee against the others, by a fast dynamic programme, then
//     passes of descent, within at most 30% of the time (80% on large
//     instances, where it is the best improvement); every hard
//     constraint concerns one employee, so an employee without any
//     schedule (proved by SAT) proves the instance infeasible;
//  1. unless the instance is large (staff x days x shift types above
//     relaxationLimit), column generation for the Lagrangian bound
//     (colgen.go), until its master is optimal or 30% of the time;
//  2. large-neighbourhood search (lns.go): a few employees re-optimised
//     exactly at a time, the others fixed (by branch and price on the
//     smaller instance after phase 1, else by the SAT optimiser), until
//     the end (on large instances, the only phase after construction);
//  3. concurrently with phase 2 (the machine has two cores), branch and
//     price (solver/internal/bnp) from the master of phase 1, which offers the
//     rosters it builds and, when its tree is exhausted, proves the best
//     roster of either phase optimal. Phase 2 hands its core to a second
//     worker of the tree when the best score is one above the root's
//     bound (only the proof is left) or nothing better was found for a
//     quarter of the time limit (30 seconds without one).
//
// Between relaxationLimit and largeInstance (Instances 13 and 20), and
// when construction finds no roster on an instance that is not large,
// phases 1 and 3 are replaced by the whole instance's encoding and one
// solver.Optimize run on it (it looks for a first roster, then its
// core-guided search proves bounds). Phases end early on a proof of
// optimality. The lower bound is the least bound of branch and price's
// open nodes (0 on large instances). A roster that breaks a hard
// constraint, or whose score differs from the optimiser's claim, is an
// internal error: the error is returned with the result. Without a time
// limit, phase 3 runs to completion and phase 2 with it (on large
// instances, phase 2 runs for 30 seconds).
func Solve(ctx context.Context, in *Instance, opt Options) (*Result, error) {
	t0 := time.Now()
	var deadline time.Time
	if opt.TimeLimit > 0 {
		deadline = t0.Add(opt.TimeLimit)
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
	}
	at := func(frac float64) time.Time {
		if deadline.IsZero() {
			return time.Now().Add(time.Duration(frac * float64(30*time.Second)))
		}
		return t0.Add(time.Duration(frac * float64(opt.TimeLimit)))
	}
	res := &Result{Status: solver.Unknown}
	// lb is the best lower bound proved while phases 2 and 3 run,
	// rootBound the best bound of the root (Problem.OnRootBound).
	var lb, rootBound atomic.Int64
	var best int64 = -1
	var mu sync.Mutex
	report := func(obj int64) {
		mu.Lock()
		defer mu.Unlock()
		if best >= 0 && obj >= best {
			return
		}
		best = obj
		if opt.OnImprove != nil {
			opt.OnImprove(obj, time.Since(t0))
		}
	}
	accept := func(r Roster, when time.Duration) {
		ev := Evaluate(in, r)
		if !ev.Feasible() || (res.Status == solver.Feasible && ev.Objective >= res.Objective) {
			return
		}
		res.Status, res.Roster, res.Evaluation, res.Objective, res.TimeToBest = solver.Feasible, r, ev, ev.Objective, when
		report(ev.Objective)
	}

	// Phase 0.
	// On large instances construction's descent is the best improvement
	// there is (large-neighbourhood search gains little): it gets most of
	// the time.
	size := len(in.Staff) * in.Days * len(in.Shifts)
	constructEnd := at(0.3)
	if size > largeInstance {
		constructEnd = at(0.8)
	}
	r, ok, infeasible := construct(ctx, in, constructEnd)
	if infeasible {
		res.Status, res.TimeToProof = solver.Infeasible, time.Since(t0)
		return res, nil
	}
	if ok {
		accept(r, time.Since(t0))
	}
	debugf("construct: %s ok %v obj %d", time.Since(t0), ok, res.Objective)
	large := size > largeInstance

	var m *Model
	hint := func() []Lit {
		if res.Status != solver.Feasible {
			return nil
		}
		var h []Lit
		for ei := range m.X {
			for d := range m.X[ei] {
				for s, l := range m.X[ei][d] {
					switch {
					case l == m.Enc.True() || l == -m.Enc.True():
					case res.Roster[ei][d] == s:
						h = append(h, l)
					default:
						h = append(h, -l)
					}
				}
			}
		}
		return h
	}
	// whole runs solver.Optimize on m until end, from the best roster;
	// ub (when not nil) is the best objective found concurrently.
	// A zero end means no end.
	whole := func(ctx context.Context, end time.Time, ub func() int64) error {
		c, cancel := context.WithCancel(ctx)
		if !end.IsZero() {
			c, cancel = context.WithDeadline(ctx, end)
		}
		defer cancel()
		var found atomic.Bool
		if res.Status != solver.Feasible && !end.IsZero() {
			// No roster yet: run until the first one, even past end.
			c, cancel = context.WithCancel(ctx)
			defer cancel()
			stop := time.AfterFunc(time.Until(end), func() {
				if found.Load() {
					cancel()
				}
			})
			defer stop.Stop()
		}
		started := time.Since(t0)
		defer func() { debugf("whole: %s..%s obj %d lb %d", started, time.Since(t0), res.Objective, res.LowerBound) }()
		var limit time.Duration
		if res.Status == solver.Feasible && !end.IsZero() {
			// Optimize shares its time between its phases by its limit.
			limit = max(time.Until(end), time.Nanosecond)
		}
		oo := solver.OptimizeOptions{TimeLimit: limit, Hint: hint(), OnImprove: func(cost int64, _ time.Duration) {
			found.Store(true)
			report(cost - m.Offset)
			if !end.IsZero() && time.Now().After(end) {
				cancel()
			}
		}}
		if ub != nil {
			oo.UpperBound = func() int64 {
				if u := ub(); u >= 0 {
					return u + m.Offset
				}
				return -1
			}
		}
		or, err := solver.Optimize(c, m.Enc, oo)
		if err != nil {
			return err
		}
		return res.take(in, m, or, started)
	}

	// bottomUp is phases 2 and 3 when column generation gave the
	// relaxation rx a master ms: large-neighbourhood search (lns.go)
	// runs concurrently with branch and price (solver/internal/bnp), which offers the
	// rosters it builds and proves the best one optimal when its tree is
	// exhausted; each stops the other on a proof. lnsRx is the
	// relaxation for the search's sub-solver (nil: the SAT optimiser).
	bottomUp := func(ctx context.Context, ms *bnp.Master, lg *bnp.Lagrange, lnsRx *relaxation) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var lnsBest atomic.Int64
		raise(&lb, res.LowerBound)
		lnsBest.Store(res.Objective)
		end := deadline
		if end.IsZero() {
			end = t0.Add(100 * 365 * 24 * time.Hour)
		}
		var (
			lr    Roster
			lobj  int64
			lwhen time.Duration
			lerr  error
			done  = make(chan struct{})
		)
		startRoster, startObj := res.Roster, res.Objective
		// shared is the best roster of branch and price, for the
		// search to continue from.
		var shared struct {
			sync.Mutex
			r   Roster
			obj int64
		}
		var bnpBest atomic.Int64
		bnpBest.Store(res.Objective)
		ub := func() int64 { return min(bnpBest.Load(), lnsBest.Load()) }
		// The search hands its core to a second worker of branch and
		// price when only the proof is left (the best score is one above
		// the root's bound) or when no better roster has come from
		// either for a while (stall).
		var lastBetter atomic.Int64 // since t0
		lastBetter.Store(int64(time.Since(t0)))
		stall := 30 * time.Second
		if opt.TimeLimit > 0 {
			stall = max(5*time.Second, opt.TimeLimit/4)
		}
		lctx, lcancel := context.WithCancel(ctx)
		defer lcancel()
		helpers := make(chan *bnp.Master, 1)
		go func() {
			defer close(done)
			lr, lobj, lwhen, lerr = lns(lctx, in, startRoster, startObj, end, t0, lnsRx, func(obj int64) {
				debugf("lns: %d at %s", obj, time.Since(t0))
				lnsBest.Store(obj)
				lastBetter.Store(int64(time.Since(t0)))
				report(obj)
				if obj <= lb.Load() {
					cancel()
				}
			}, func() (Roster, int64) {
				shared.Lock()
				defer shared.Unlock()
				return shared.r, shared.obj
			})
			if ctx.Err() != nil || lerr != nil {
				return
			}
			// A second worker, from the best roster.
			pool := bnp.NewPool(ms.Relaxation().Problem())
			shared.Lock()
			best := lr
			if shared.r != nil && shared.obj < lobj {
				best = shared.r
			}
			shared.Unlock()
			for e, row := range best {
				pool.Add(e, row)
			}
			hm, err := ms.Relaxation().NewMaster(pool)
			if err == nil {
				debugf("lns: handed over at %s", time.Since(t0))
				helpers <- hm
			}
		}()
		go func() {
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-lctx.Done():
					return
				case <-tick.C:
					if ub() <= lb.Load()+1 || time.Since(t0)-time.Duration(lastBetter.Load()) > stall {
						lcancel()
						return
					}
				}
			}
		}()
		var bmu sync.Mutex
		err := func() error {
			out, err := ms.BranchAndPrice(ctx, res.LowerBound, lg, ub, func(r [][]int) {
				bmu.Lock()
				defer bmu.Unlock()
				before := res.Objective
				accept(r, time.Since(t0))
				if res.Objective < before {
					debugf("bnp: %d at %s", res.Objective, time.Since(t0))
					bnpBest.Store(res.Objective)
					lastBetter.Store(int64(time.Since(t0)))
					shared.Lock()
					shared.r, shared.obj = res.Roster, res.Objective
					shared.Unlock()
				}
			}, helpers)
			if err != nil {
				return err
			}
			res.Nodes = out.Nodes
			res.Columns += ms.Columns()
			debugf("bnp: %s nodes %d lower %d exhausted %v pivots %d dives %d (%d nodes) workers %d restarts %d", time.Since(t0), out.Nodes, out.Lower, out.Exhausted, out.Pivots, out.Dives, out.DiveNodes, out.Workers, out.Restarts)
			if out.Exhausted {
				res.LowerBound = max(res.LowerBound, ub())
			} else {
				res.LowerBound = max(res.LowerBound, out.Lower, lb.Load())
			}
			res.RootBound = max(res.RootBound, rootBound.Load())
			lb.Store(res.LowerBound)
			return nil
		}()
		cancel()
		<-done
		debugf("lns: %s obj %d", time.Since(t0), lobj)
		if err != nil {
			return err
		}
		if lerr != nil {
			return lerr
		}
		if lobj < res.Objective {
			accept(lr, lwhen)
		}
		if res.LowerBound >= res.Objective && !res.Optimal {
			res.LowerBound, res.Optimal, res.TimeToProof = res.Objective, true, time.Since(t0)
		}
		return nil
	}

	if large {
		if res.Status != solver.Feasible {
			return res, nil
		}
		end := deadline
		if deadline.IsZero() {
			end = at(1)
		}
		r, obj, when, err := lns(ctx, in, res.Roster, res.Objective, end, t0, nil, report, nil)
		if err != nil {
			return res, err
		}
		if obj < res.Objective {
			accept(r, when)
		}
		debugf("lns: %s obj %d", time.Since(t0), res.Objective)
		return res, nil
	}

	// Phase 1: the Lagrangian bound (colgen.go).
	if res.Status == solver.Feasible && size <= relaxationLimit {
		if rx := newRelaxation(in); !rx.dup {
			// Each better bound of the root (phase 1's, then the tree's
			// root nodes', which go on pricing where phase 1 stopped)
			// raises the lower bound as it is proved: under load phase
			// 1 may end far from converged (Instance 8: 675 at 18 s,
			// then 1240 from the tree's root by 54 s).
			rx.Problem().OnRootBound = func(b int64) {
				raise(&rootBound, b)
				raise(&lb, b)
			}
			cctx, ccancel := context.WithDeadline(ctx, at(0.3))
			cg, err := rx.columnGeneration(cctx, res.Roster)
			ccancel()
			if err != nil {
				return res, err
			}
			if cg == nil {
				// Some employee has no schedule at all.
				res.Status, res.TimeToProof = solver.Infeasible, time.Since(t0)
				return res, nil
			}
			if cg.Best != nil {
				res.RootBound = cg.Best.Bound()
				res.LowerBound = max(res.LowerBound, res.RootBound)
				debugf("colgen: %s lp %.3f converged %v bound %d columns %d", time.Since(t0), cg.LP, cg.Converged, cg.Best.Bound(), cg.Columns)
				// The search re-optimises by branch and price only
				// where column generation converged.
				var lnsRx *relaxation
				if cg.Converged {
					lnsRx = rx.withoutBound()
				}
				return res, bottomUp(ctx, cg.Master, cg.Best, lnsRx)
			}
		}
	}
	t := time.Now()
	each := 200 * time.Millisecond
	if !deadline.IsZero() {
		each = min(each, opt.TimeLimit/20/time.Duration(len(in.Staff)+1))
	}
	var stop time.Time
	if !deadline.IsZero() {
		stop = at(0.15)
	}
	caps := capacities(ctx, in, each, stop)
	var err error
	m, err = encode(ctx, in, caps)
	res.Encode = time.Since(t)
	if err != nil {
		return res, nil
	}
	res.Vars, res.Clauses = m.Enc.NumVars(), m.Enc.NumClauses()
	if res.Status != solver.Feasible {
		// No first roster: the whole search looks for one.
		if err := whole(ctx, at(0.5), nil); err != nil || res.Status != solver.Feasible || res.Optimal {
			return res, err
		}
	}
	end := deadline
	if deadline.IsZero() {
		// No limit: phase 2 ends with phase 3.
		end = t0.Add(100 * 365 * 24 * time.Hour)
	}
	// Phases 2 and 3, concurrently: large-neighbourhood search from the
	// best roster, and one core-guided run on the whole encoding, which
	// hardens against the search's best and stops when its bound
	// reaches it.
	var lnsBest atomic.Int64
	lnsBest.Store(res.Objective)
	lctx, lcancel := context.WithCancel(ctx)
	var (
		lr    Roster
		lobj  int64
		lwhen time.Duration
		lerr  error
		done  = make(chan struct{})
	)
	startRoster, startObj := res.Roster, res.Objective
	go func() {
		defer close(done)
		lr, lobj, lwhen, lerr = lns(lctx, in, startRoster, startObj, end, t0, nil, func(obj int64) {
			lnsBest.Store(obj)
			report(obj)
		}, nil)
	}()
	werr := whole(ctx, deadline, lnsBest.Load)
	lcancel()
	<-done
	debugf("lns: %s obj %d", time.Since(t0), lobj)
	if lerr != nil {
		return res, lerr
	}
	if lobj < res.Objective {
		accept(lr, lwhen)
	}
	if res.LowerBound >= res.Objective && !res.Optimal {
		res.LowerBound, res.Optimal, res.TimeToProof = res.Objective, true, time.Since(t0)
	}
	return res, werr
}

// relaxationLimit is the size (staff x days x shift types) up to which
// Solve uses column generation and branch and price (Instances 1-12 and
// 14-19): beyond it, one exact pricing can take seconds (Instance 13's
// 18 shift types, Instance 20's half year).
const relaxationLimit = 20000

// largeInstance is the size (staff x days x shift types) above which
// Solve does not encode the whole instance: it relies on construction and
// large-neighbourhood search alone (Instances 21-24).
const largeInstance = 100000

// take records the outcome of an Optimize call on m (started at that
// time since Solve's start): the lower bound (the best so far is kept),
// the cores and, when its roster is better than the best, the roster, its
// evaluation and the times, checking that the evaluator agrees with the
// optimiser's claim.
func (res *Result) take(in *Instance, m *Model, or *solver.OptResult, started time.Duration) error {
	res.Cores += or.Cores
	// A lower bound below the offset says less than "the objective is
	// not negative".
	res.LowerBound = max(res.LowerBound, or.LowerBound-m.Offset)
	if or.Status == solver.Infeasible {
		res.Status, res.TimeToProof = solver.Infeasible, started+or.TimeToProof
		return nil
	}
	if or.Status != solver.Feasible {
		return nil
	}
	r := m.Roster(or.Value)
	ev := Evaluate(in, r)
	if !ev.Feasible() {
		return fmt.Errorf("nrp: internal error: the solver's roster breaks hard constraints:\n  %s",
			strings.Join(ev.Violations, "\n  "))
	}
	if claim := or.Cost - m.Offset; ev.Objective != claim {
		return fmt.Errorf("nrp: internal error: the evaluator scores the roster %d, the optimiser claims %d",
			ev.Objective, claim)
	}
	if res.Status != solver.Feasible || ev.Objective < res.Objective {
		res.Status, res.Roster, res.Evaluation, res.Objective = solver.Feasible, r, ev, ev.Objective
		res.TimeToBest = started + or.TimeToBest
	}
	if res.LowerBound >= res.Objective {
		res.LowerBound, res.Optimal = res.Objective, true
		res.TimeToProof = started + or.TimeToProof
		if !or.Optimal {
			res.TimeToProof = started + or.TimeToBest
		}
	}
	return nil
}

// raise sets v to b when b is more.
func raise(v *atomic.Int64, b int64) {
	for {
		old := v.Load()
		if b <= old || v.CompareAndSwap(old, b) {
			return
		}
	}
}

var debug = os.Getenv("NRP_DEBUG") != ""

func debugf(format string, args ...any) {
	if debug {
		fmt.Fprintf(os.Stderr, "nrp: "+format+"\n", args...)
	}
}
