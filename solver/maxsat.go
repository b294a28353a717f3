package solver

// This file is the optimiser: weighted MaxSAT over an Encoding's hard
// clauses and its Penalties.
//
// Strategy. Optimize runs one gini instance for the whole search, so that
// every learnt clause is kept, and adds to it only clauses that remain
// valid for the rest of the search (totalizer definitions and hardened
// units). Bounds are imposed through assumptions, never by retracting
// clauses.
//
//  1. A plain solve of the hard clauses (after a solve under the Hint
//     literals, when given, whose model is recorded first). UNSAT ends
//     with Infeasible; SAT gives the first upper bound (the cost of the
//     best model), reported through OnImprove.
//  2. A descent on the heaviest penalties (weight W, the largest): with n
//     of them true in the best model, ask for at most n-1 (assumption on
//     an incremental totalizer over them), the others free; every model is
//     recorded. UNSAT proves n*W a lower bound (kept apart from the core
//     bound, which it may not be added to). It gets a third of the time
//     left (a tenth with an outside upper bound); on the benchmark it
//     turns a first roster costing thousands into one near the optimum
//     in a fraction of a second.
//  3. Stratified core-guided search (OLL, as in RC2): each soft literal a
//     (the negation of a penalty literal) is assumed true. An UNSAT answer
//     names failed assumptions (gini's Why), a core: at least one of them
//     must be false in every solution. The core is trimmed (re-solved
//     under its own literals while it shrinks), its minimum weight w is
//     added to the lower bound, every member's weight is lowered by w,
//     and the core is relaxed by a totalizer over its violated literals
//     with the new soft literal "at most 1 of them" of weight w. When a
//     totalizer's soft output "at most b" is itself in a core, it is
//     replaced by "at most b+1" (the totalizer is extended incrementally,
//     one-sided: inputs force outputs). Stratification assumes only the
//     soft literals whose weight reaches the current level (distinct
//     weights, largest first); a SAT answer at a level gives a model,
//     hence an upper bound, and lowers the level. A SAT answer with every
//     soft literal assumed proves the lower bound optimal.
//  4. Hardening: whenever upper bound - core bound < w for a soft
//     literal of residual weight w, violating it would cost more than the
//     best model, so it is added as a unit clause. The upper bound is the
//     best model's cost or, when smaller, the cost of a solution found
//     outside (OptimizeOptions.UpperBound, e.g. by a concurrent local
//     search); the search stops when its lower bound reaches the latter.
//
// Phases: gini keeps each variable's last value (phase saving) between
// solves, but resets them all when its largest variable grows; at the
// lowest level of the stratification the optimiser registers variables
// ahead of the totalizers' need (reserve), so that each solve there
// starts from the last assignment (OptimizeOptions.KeepPhases: Plan's
// search).
//
// Honesty: Cost is the cost of a model actually found, recomputed from
// the original penalty literals; LowerBound is the larger of the sum of
// core weights (each core is a proof that some weight must be paid) and
// the descent's bound; Optimal is set only when they meet. The time limit
// and ctx stop the search at any point with the best model and bound
// found so far.

import (
	"context"
	"errors"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-air/gini/z"

	"github.com/shiftsat/shiftsat/model"
)

// OptimizeOptions control Optimize.
type OptimizeOptions struct {
	// TimeLimit bounds the whole optimisation, loading included; 0 means
	// no limit.
	TimeLimit time.Duration
	// OnImprove, when not nil, is called with the cost of each strictly
	// better solution found and the time since Optimize started (anytime
	// reporting). It runs on Optimize's goroutine.
	OnImprove func(cost int64, elapsed time.Duration)
	// OnModel, when not nil, is called after OnImprove with that
	// solution's cost and its model (value answers any literal of the
	// encoding; it must not be kept after OnModel returns). It runs on
	// Optimize's goroutine.
	OnModel func(cost int64, value func(Lit) bool)
	// OnBound, when not nil, is called with each strictly better lower
	// bound proved and the time since Optimize started. It runs on
	// Optimize's goroutine.
	OnBound func(lowerBound int64, elapsed time.Duration)
	// Hint, when not empty, is a set of literals believed to extend to a
	// solution (a known good one, say): Optimize first solves under them
	// as assumptions and, when that succeeds, starts from that model, so
	// that the search (and its hardening) begins at its cost. A hint that
	// fails is ignored.
	Hint []Lit
	// UpperBound, when not nil, returns the cost of the best solution
	// known outside this search (found concurrently by another method),
	// or a negative number when there is none. Optimize polls it between
	// SAT calls: it hardens soft literals against it as against its own
	// best cost, and it stops when its lower bound reaches it (that
	// outside solution is then optimal; Optimal is not set, as Cost is
	// the cost of Optimize's own best model).
	UpperBound func() int64
	// KeepPhases keeps gini's saved phases from one solve to the next at
	// the stratification's lowest level (reserve). Plan's search sets
	// it: store-preferences' last call found its model in 37-93 ms
	// instead of 420-630 ms. Other callers leave it off: nrp's
	// large-neighbourhood search, whose many short Optimize calls on
	// sub-rosters reach their lowest level too, ended Instance 12 at
	// 7271 with it against 5195 without (60 s, back to back, idle).
	KeepPhases bool
}

// OptResult is the outcome of Optimize.
type OptResult struct {
	// Status is Feasible when a solution was found, Infeasible when the
	// hard clauses are unsatisfiable, and Unknown when no solution was
	// found in time.
	Status Status
	// Optimal reports that Cost is proved optimal (LowerBound == Cost).
	Optimal bool
	// Cost is the cost of the best solution found: the sum of the
	// weights of its true penalty literals (0 unless Feasible).
	Cost int64
	// LowerBound is the best lower bound proved on the cost of any
	// solution.
	LowerBound int64
	// Value reports the best solution's value of any literal of the
	// encoding (constants included). It is never nil; without a solution
	// it reports false for every positive literal.
	Value func(l Lit) bool
	// TimeToBest is the time from the start of Optimize to the best
	// solution; TimeToProof the time to the proof of optimality or
	// infeasibility (0 when there is none).
	TimeToBest, TimeToProof time.Duration
	// Cores is the number of cores found by the core-guided search.
	Cores int
	// Solves is the number of SAT calls made.
	Solves int

	// alone reports that the search ran as it runs without an outside
	// upper bound: OptimizeOptions.UpperBound never answered a cost below
	// Optimize's own best (the only way it changes the search) and the
	// descent was not cut by its share of the time (plan_canon.go
	// relies on it: the roster is then the one Optimize finds alone).
	alone bool
	// optimum, when Optimize was asked to keep it (optimizeKeep) and
	// proved its cost optimal by cores, answers which rosters of that
	// cost exist (see optimum).
	optimum *optimum
}

// Optimize minimises the sum of the weights of the true literals of
// enc.Penalties() subject to enc's clauses. See the comment at the top of
// maxsat.go (and the package documentation) for the strategy. The time
// limit and ctx end the search early with the best solution and lower
// bound found so far; the error is only for misuse.
func Optimize(ctx context.Context, enc *Encoding, opt OptimizeOptions) (*OptResult, error) {
	return optimize(ctx, enc, opt, false)
}

// optimize is Optimize; keep asks for OptResult.optimum.
func optimize(ctx context.Context, enc *Encoding, opt OptimizeOptions, keep bool) (*OptResult, error) {
	if enc == nil {
		return nil, errors.New("solver: Optimize: nil encoding")
	}
	o := &optimizer{
		ctx:    ctx,
		enc:    enc,
		start:  time.Now(),
		opt:    opt,
		res:    &OptResult{Status: Unknown},
		keep:   keep,
		hardUB: -1,
	}
	if opt.TimeLimit > 0 {
		o.deadline = o.start.Add(opt.TimeLimit)
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, o.deadline)
		defer cancel()
		o.ctx = ctx
	}
	o.res.Value = o.value
	if enc.stopped {
		return o.res, nil // a partial encoding: Unknown
	}
	o.load()
	o.alone = true
	o.search()
	o.res.alone = o.alone
	if o.keep && o.res.Optimal && o.coreLB == o.res.Cost && len(o.assumps) > 0 {
		q := &optimum{s: o.s, enc: o.enc, cost: o.res.Cost, base: o.base, softs: o.softs, o: o}
		for _, a := range o.assumps {
			if a.weight > 0 {
				q.assumps = append(q.assumps, a.lit)
			}
		}
		o.res.optimum = q
	}
	return o.res, nil
}

// optimizeKeep is Optimize that keeps, when it proves its cost optimal by
// cores, its session for the questions of optimum (OptResult.optimum).
func optimizeKeep(ctx context.Context, enc *Encoding, opt OptimizeOptions) (*OptResult, error) {
	return optimize(ctx, enc, opt, true)
}

// optimum is the end of a core-guided search that proved its cost C
// optimal with its core bound (coreLB == C): its session, and the soft
// literals of positive residual weight. Every solution of cost C
// satisfies the session's clauses (the totalizers define counts; a
// hardened unit or a unit core only cuts solutions dearer than a cost
// found, hence than C) and every such soft literal (the cost of a
// solution is at least the core bound plus the residual weights of the
// soft literals it violates, and that bound is C). So an UNSAT answer
// under those literals and more proves that no solution of cost C
// satisfies the more: such solutions cost at least C+1. The session is
// used by one caller at a time (mu), taken by hold or, for a search that
// gives way to the others, by yieldTo.
type optimum struct {
	mu sync.Mutex
	// waiting counts the callers of hold waiting for the session; giveWay,
	// when not nil, ends the search of yieldTo that holds it (under ymu).
	waiting atomic.Int32
	ymu     sync.Mutex
	giveWay context.CancelFunc

	s       *session
	enc     *Encoding
	cost    int64
	base    int64
	softs   []mergedPenalty
	assumps []z.Lit
	// o is the finished search, which beyond continues.
	o *optimizer
}

// hold takes the session for a caller whose answer is wanted before the
// others' searches (a request explanation's ties and neighbourhood): it
// ends the search holding the session that gives way (yieldTo), waits,
// and returns the function that frees the session.
func (q *optimum) hold() (release func()) {
	q.waiting.Add(1)
	q.ymu.Lock()
	if q.giveWay != nil {
		q.giveWay()
	}
	q.ymu.Unlock()
	q.mu.Lock()
	q.waiting.Add(-1)
	return q.mu.Unlock
}

// yieldTo takes the session for a search that gives way to the callers
// of hold: the context it returns (ctx's child) ends when one of them
// comes, or is waiting already. release frees the session.
func (q *optimum) yieldTo(ctx context.Context) (c context.Context, release func()) {
	q.mu.Lock()
	c, cancel := context.WithCancel(ctx)
	q.ymu.Lock()
	q.giveWay = cancel
	q.ymu.Unlock()
	if q.waiting.Load() > 0 {
		cancel()
	}
	return c, func() {
		q.ymu.Lock()
		q.giveWay = nil
		q.ymu.Unlock()
		cancel()
		q.mu.Unlock()
	}
}

// with solves for a solution of cost C (the optimum's) in which the
// literals more hold, until ctx ends or the deadline: 1 with its roster
// (its cost recomputed from the penalty literals is C), -1 when none
// exists (every solution with more costs at least C+1), 0 without an
// answer. The caller holds the session (hold).
func (q *optimum) with(ctx context.Context, deadline time.Time, more []Lit) (int, *model.Roster) {
	s := q.s
	s.ctx, s.deadline = ctx, deadline
	as := append([]z.Lit(nil), q.assumps...)
	for _, l := range more {
		switch l {
		case q.enc.tru:
			continue
		case -q.enc.tru:
			return -1, nil
		}
		as = append(as, toGini(l))
	}
	r := s.solveZ(as)
	if r != 1 {
		return r, nil
	}
	cost := q.base
	for _, p := range q.softs {
		if s.value(p.Lit) {
			cost += p.Weight
		}
	}
	if cost != q.cost {
		return 0, nil // cannot be (the bounds above): no answer
	}
	return 1, s.roster()
}

// optimizer is the state of one Optimize call.
type optimizer struct {
	ctx      context.Context
	enc      *Encoding
	opt      OptimizeOptions
	start    time.Time
	deadline time.Time
	res      *OptResult

	// alone is OptResult.alone.
	alone bool
	// keep asks for OptResult.optimum.
	keep bool
	// hardUB is the least upper bound against which a soft literal was
	// hardened (a unit that cuts only solutions dearer than it); -1:
	// none was.
	hardUB int64
	// extra, in a continuation of a finished search (optimum.beyond),
	// are literals assumed in every solve; there, nothing is added to
	// the shared session but definitions (no hardening; a unit core
	// joins extra). cut reports that the session's units left no
	// solution with them.
	extra []z.Lit
	cut   bool

	// reserved is the session's largest variable as gini knows it (see
	// reserve); 0 before the first solve.
	reserved int
	// lowest reports that the stratified search is at its lowest
	// level (every soft literal of positive weight assumed).
	lowest bool

	s    *session // the one gini instance of the search
	sink *sink    // o.s as the totalizers' sink

	// softs are the merged penalties: literal and total weight, in order
	// of first appearance.
	softs []mergedPenalty
	base  int64 // cost of penalties on the constant true literal

	// coreLB is the lower bound of the core-guided search (base plus the
	// core weights), on which hardening relies; floorLB is a bound proved
	// otherwise (the descent of improve). res.LowerBound is their maximum.
	coreLB, floorLB int64

	best []bool // best model: best[v] is variable v's value (v <= enc vars)

	// assumps are the soft literals of the core-guided search, in
	// creation order; index maps a literal to its entry.
	assumps []*softLit
	index   map[z.Lit]*softLit
}

// mergedPenalty is a merged penalty: Weight is paid when Lit is true.
type mergedPenalty struct {
	// Lit costs Weight when true.
	Lit Lit
	// Weight is the total weight of the penalties on Lit.
	Weight int64
}

// softLit is a soft literal of the core-guided search: weight is paid
// when lit is false. A literal "at most bound" of a totalizer has sum set.
type softLit struct {
	lit    z.Lit
	weight int64
	sum    *totalizer
	bound  int
	hard   bool // added as a unit clause
}

// load creates the session (the gini instance; when ctx ends while
// loading, every solve answers 0) and merges the penalties.
func (o *optimizer) load() {
	e := o.enc
	o.s = newSession(o.ctx, e, o.deadline)
	o.sink = sinkOf(o.s)
	idx := map[Lit]int{}
	for _, p := range e.Penalties() {
		if p.Weight <= 0 || p.Lit == -e.True() {
			continue
		}
		if p.Lit == e.True() {
			o.base += int64(p.Weight)
			continue
		}
		if i, ok := idx[p.Lit]; ok {
			o.softs[i].Weight += int64(p.Weight)
			continue
		}
		idx[p.Lit] = len(o.softs)
		o.softs = append(o.softs, mergedPenalty{Lit: p.Lit, Weight: int64(p.Weight)})
	}
	o.res.LowerBound = o.base
	o.coreLB, o.floorLB = o.base, o.base
	o.index = map[z.Lit]*softLit{}
}

// value is OptResult.Value.
func (o *optimizer) value(l Lit) bool {
	v := int(l)
	if v < 0 {
		v = -v
	}
	if o.best == nil || v == 0 || v >= len(o.best) {
		return false
	}
	if l < 0 {
		return !o.best[v]
	}
	return o.best[v]
}

func (o *optimizer) elapsed() time.Duration { return time.Since(o.start) }

// solve runs g under assumps; it returns 1 (SAT), -1 (UNSAT) or 0 (time
// limit or cancellation).
func (o *optimizer) solve(assumps []z.Lit) int {
	o.res.Solves++
	o.s.deadline = o.deadline
	if len(o.extra) > 0 {
		assumps = append(assumps[:len(assumps):len(assumps)], o.extra...)
	}
	if o.lowest && o.opt.KeepPhases {
		o.reserve()
	}
	return o.s.solveZ(assumps)
}

// reserve keeps gini's saved phases from one solve to the next. gini
// resets every variable's phase (to a static count over the clauses) at
// the first solve after its largest variable grew, and each core's
// totalizer adds variables: without a reserve, every solve after a core
// starts from those static phases, forgetting the last assignment. So
// the session's largest variable is raised ahead of need (a pool of at
// least 1,024 variables beyond those used, doubling the search's own),
// once and again only when the pool runs low. solve reserves only at
// the stratification's lowest level: there the last call looks for a
// model meeting the bound, which it finds faster from the last
// assignment (store-preferences: 37-93 ms instead of 420-630 ms); at
// the higher levels and in the descent the static phases give the
// better models (the soft ward with MaxSAT alone, 30 s: cost 310-319
// with phases kept throughout, 183-220 without).
func (o *optimizer) reserve() {
	used := o.s.nvars
	if used+reserveLow <= o.reserved {
		return
	}
	o.reserved = used + max(reserveMin, used-o.enc.nvars)
	m := toGini(Lit(o.reserved))
	o.s.g.Add(m) // a tautology: gini drops it, but registers the variable
	o.s.g.Add(m.Not())
	o.s.g.Add(z.LitNull)
}

const (
	reserveMin = 1024
	reserveLow = 256
)

// record reads the model of the last SAT answer; when it is better than
// the best, it becomes the best. It returns the model's cost.
func (o *optimizer) record() int64 {
	cost := o.base
	for _, s := range o.softs {
		if o.s.value(s.Lit) {
			cost += s.Weight
		}
	}
	if o.best != nil && cost >= o.res.Cost {
		return cost
	}
	n := o.enc.NumVars()
	if o.best == nil {
		o.best = make([]bool, n+1)
	}
	for v := 1; v <= n; v++ {
		o.best[v] = o.s.value(Lit(v))
	}
	o.res.Status = Feasible
	o.res.Cost = cost
	o.res.TimeToBest = o.elapsed()
	if o.opt.OnImprove != nil {
		o.opt.OnImprove(cost, o.res.TimeToBest)
	}
	if o.opt.OnModel != nil {
		o.opt.OnModel(cost, o.value)
	}
	return cost
}

// setLowerBound records the lower bound lb and reports it through
// OnBound when it is better than the one before.
func (o *optimizer) setLowerBound(lb int64) {
	better := lb > o.res.LowerBound
	o.res.LowerBound = lb
	if better && o.opt.OnBound != nil {
		o.opt.OnBound(lb, o.elapsed())
	}
}

// proved marks the best solution optimal when the bounds meet.
func (o *optimizer) proved() bool {
	if o.res.Status == Feasible && o.res.LowerBound >= o.res.Cost {
		o.setLowerBound(o.res.Cost)
		o.res.Optimal = true
		o.res.TimeToProof = o.elapsed()
		return true
	}
	return false
}

// search runs the phases described at the top of the file.
func (o *optimizer) search() {
	if len(o.opt.Hint) > 0 {
		hint := make([]z.Lit, len(o.opt.Hint))
		for i, l := range o.opt.Hint {
			hint[i] = toGini(l)
		}
		switch o.solve(hint) {
		case 0:
			return
		case 1:
			o.record()
		}
	}
	switch o.solve(nil) {
	case 0:
		return
	case -1:
		o.res.Status = Infeasible
		o.res.TimeToProof = o.elapsed()
		return
	}
	o.record()
	if o.proved() {
		return
	}
	o.improve()
	if o.res.Cost == o.base {
		o.proved()
		return
	}
	for _, s := range o.softs {
		o.addSoft(&softLit{lit: toGini(-s.Lit), weight: s.Weight})
	}
	o.harden()
	o.cores(o.nextLevel(0))
}

// cores is the stratified core-guided search (phase 3), from level.
func (o *optimizer) cores(level int64) {
	for {
		var as []z.Lit
		for _, s := range o.assumps {
			if s.weight > 0 && s.weight >= level {
				as = append(as, s.lit)
			}
		}
		o.lowest = o.nextLevel(level) == 0
		switch o.solve(as) {
		case 0:
			return
		case 1:
			o.record()
			if o.proved() {
				return
			}
			next := o.nextLevel(level)
			if next == 0 {
				// Every soft literal held, so this model costs the
				// lower bound (proved above). Were it not so (a bug),
				// the bounds are left apart, honestly.
				return
			}
			level = next
			continue
		}
		core := assumedOnly(o.s.whyZ(nil), as)
		if len(core) == 0 && o.extra != nil {
			// A continuation (optimum.beyond): no roster with the
			// literals assumed survives the main search's units.
			o.cut = true
			return
		}
		if len(core) == 0 {
			// The hard clauses with the hardened soft literals are
			// unsatisfiable: every solution violates a hardened
			// literal and costs more than the best known one.
			ub, _ := o.ub()
			o.setLowerBound(ub)
			o.proved()
			return
		}
		core, ok := o.trim(core)
		if !ok {
			return
		}
		o.relax(core)
		o.res.Cores++
		if o.proved() || o.reached() {
			return
		}
		o.harden()
	}
}

// improve is a descent on the heaviest penalties, for the anytime upper
// bound: with n of the penalty literals of the largest weight W true in
// the best model, it asks for at most n-1 of them (an assumption on the
// output of an incremental totalizer over them), the others being free,
// and records every model (the best one is kept). An UNSAT answer proves
// that n of them are always true, so n*W is a lower bound. It stops then,
// at the time limit, or after a third of the time left (a tenth with an
// outside upper bound, OptimizeOptions.UpperBound).
func (o *optimizer) improve() {
	deadline := o.deadline
	if !deadline.IsZero() {
		share := time.Duration(3)
		if o.opt.UpperBound != nil {
			// Another search improves the solution: bounds matter more.
			share = 10
		}
		o.deadline = time.Now().Add(time.Until(deadline) / share)
		defer func() { o.deadline = deadline }()
	}
	var top int64
	for _, s := range o.softs {
		top = max(top, s.Weight)
	}
	var heavy []z.Lit
	for _, s := range o.softs {
		if s.Weight == top {
			heavy = append(heavy, toGini(s.Lit))
		}
	}
	count := func() int {
		n := 0
		for _, l := range heavy {
			if o.s.value(fromGini(l)) {
				n++
			}
		}
		return n
	}
	n := 0
	for _, l := range heavy {
		if o.value(fromGini(l)) {
			n++
		}
	}
	t := newTotalizer(zLits(heavy), countDown)
	for n > 0 {
		t.extend(o.sink, n)
		switch o.solve([]z.Lit{toGini(-t.outs[n-1])}) {
		case 0:
			o.alone = false // cut by its share (or the time limit)
			return
		case -1:
			o.floorLB = max(o.floorLB, o.base+int64(n)*top)
			o.setLowerBound(max(o.coreLB, o.floorLB))
			return
		}
		n = count()
		o.record()
	}
}

// nextLevel returns the largest weight of an active soft literal below
// level (level 0: the largest weight), or 0 when there is none.
func (o *optimizer) nextLevel(level int64) int64 {
	var next int64
	for _, s := range o.assumps {
		if s.weight > 0 && (level == 0 || s.weight < level) && s.weight > next {
			next = s.weight
		}
	}
	return next
}

func (o *optimizer) addSoft(s *softLit) {
	if old, ok := o.index[s.lit]; ok {
		old.weight += s.weight
		return
	}
	o.index[s.lit] = s
	o.assumps = append(o.assumps, s)
}

// ub returns the best known cost: that of the best model, or the outside
// bound (OptimizeOptions.UpperBound) when smaller; ok is false when there
// is neither.
func (o *optimizer) ub() (cost int64, ok bool) {
	cost, ok = o.res.Cost, o.res.Status == Feasible
	if o.opt.UpperBound != nil {
		if u := o.opt.UpperBound(); u >= 0 && (!ok || u < cost) {
			cost, ok = u, true
			o.alone = false
		}
	}
	return cost, ok
}

// reached reports that the lower bound has reached an outside solution's
// cost (see OptimizeOptions.UpperBound), which is then optimal.
func (o *optimizer) reached() bool {
	if o.opt.UpperBound == nil {
		return false
	}
	u := o.opt.UpperBound()
	if u >= 0 && o.res.LowerBound >= u {
		o.alone = false
		return true
	}
	return false
}

// harden adds as unit clauses the soft literals too heavy to be violated
// by any solution better than the best known (see ub).
func (o *optimizer) harden() {
	ub, ok := o.ub()
	if !ok || o.extra != nil {
		return
	}
	gap := ub - o.coreLB
	for _, s := range o.assumps {
		if !s.hard && s.weight > gap {
			s.hard = true
			o.s.add(fromGini(s.lit))
			if o.hardUB < 0 || ub < o.hardUB {
				o.hardUB = ub
			}
		}
	}
}

// assumedOnly keeps the members of a failed-assumption set that were
// assumed. gini's Why also names the negation of a literal fixed at level
// 0 (a unit clause, such as a hardened soft literal's, has no reason)
// when the conflict depends on it: a consequence of the clauses, it is no
// assumption and is left out (the rest is still a core).
func assumedOnly(core, assumed []z.Lit) []z.Lit {
	in := make(map[z.Lit]bool, len(assumed))
	for _, m := range assumed {
		in[m] = true
	}
	out := make([]z.Lit, 0, len(core))
	for _, m := range core {
		if in[m] {
			out = append(out, m)
		}
	}
	return out
}

// trim shrinks a core by solving under its own literals while it gets
// smaller (at most a few rounds). ok is false when the time ran out.
func (o *optimizer) trim(core []z.Lit) ([]z.Lit, bool) {
	core = append([]z.Lit(nil), core...)
	for round := 0; round < 4 && len(core) > 2; round++ {
		switch o.solve(core) {
		case 0:
			return core, false
		case 1:
			// Cannot happen: core is unsatisfiable. Keep it as is.
			return core, true
		}
		c := assumedOnly(o.s.whyZ(nil), core)
		if len(c) >= len(core) || len(c) == 0 {
			break
		}
		core = append(core[:0], c...)
	}
	// Deterministic order: creation order of the soft literals.
	pos := make(map[z.Lit]int, len(o.assumps))
	for i, s := range o.assumps {
		pos[s.lit] = i
	}
	sort.Slice(core, func(i, j int) bool { return pos[core[i]] < pos[core[j]] })
	return core, true
}

// relax processes a core: the lower bound grows by its minimum weight w,
// each member's weight drops by w, totalizer members move to their next
// bound, and a new totalizer over the members' negations gets the soft
// literal "at most 1" of weight w.
func (o *optimizer) relax(core []z.Lit) {
	w := int64(-1)
	for _, m := range core {
		s := o.index[m]
		if w < 0 || s.weight < w {
			w = s.weight
		}
	}
	o.coreLB += w
	o.setLowerBound(max(o.coreLB, o.floorLB))
	inputs := make([]z.Lit, 0, len(core))
	for _, m := range core {
		s := o.index[m]
		s.weight -= w
		inputs = append(inputs, m.Not())
		if s.sum != nil {
			b := s.bound + 1
			if b < s.sum.n {
				s.sum.extend(o.sink, b+1)
				o.addSoft(&softLit{lit: toGini(-s.sum.outs[b]), weight: w, sum: s.sum, bound: b})
			}
		}
	}
	if len(core) == 1 {
		// The member must be violated in every solution.
		if o.extra != nil {
			o.extra = append(o.extra, core[0].Not())
			return
		}
		o.s.add(fromGini(core[0].Not()))
		return
	}
	t := newTotalizer(zLits(inputs), countDown)
	t.extend(o.sink, 2)
	o.addSoft(&softLit{lit: toGini(-t.outs[1]), weight: w, sum: t, bound: 1})
}

// zLits returns the encoding's literals for gini literals.
func zLits(ms []z.Lit) []Lit {
	out := make([]Lit, len(ms))
	for i, m := range ms {
		out[i] = fromGini(m)
	}
	return out
}

// near returns the literals that fix every start of the roster plan
// outside window days either side of d, person p's apart (the
// neighbourhood of the request explanations' repair, request.go).
func (q *optimum) near(plan *model.Roster, p *model.Staff, d model.Date, window int) []Lit {
	pp := q.enc.person(p.ID)
	return q.enc.startsAs(plan, func(pi int, day model.Date) bool {
		return pi != pp && (day < d-model.Date(window) || day > d+model.Date(window))
	})
}

// beyond continues the finished search with the literals more assumed
// in every solve (a request granted), in the same session, until its
// bound meets its best model or ub() (a cost found outside, -1: none),
// ctx ends or the deadline until gives once the session is free. The cores of the finished search stay valid for
// every solution of cost at most hardUB (the least cost against which it
// hardened a literal; each of its units cuts only dearer ones), and the
// new ones are found with more assumed, so lb, the bound it returns, is
// a lower bound on the cost of every solution with more: the cores'
// bound, at most hardUB+1. best is its best model's roster (nil: none),
// of cost cost, optimal when cost == lb. The session only gains
// definitions (totalizers); the search's own state is copied.
//
// When polite, the search gives way to the callers of hold (yieldTo):
// when one comes, it waits for the session again and starts over (with
// the bound and roster found so far, and what the session learnt) in the
// time left.
func (q *optimum) beyond(ctx context.Context, until func() time.Time, more []Lit, ub func() int64, polite bool) (lb int64, best *model.Roster, cost int64) {
	var deadline time.Time
	lb = -1
	var capped bool
	for {
		c, release := ctx, func() {}
		if polite {
			c, release = q.yieldTo(ctx)
		} else {
			release = q.hold()
		}
		if deadline.IsZero() {
			deadline = until() // once the session is free
		}
		l, b, bc, cp := q.continued(c, deadline, more, func() int64 {
			u := ub()
			if best != nil && (u < 0 || cost < u) {
				return cost
			}
			return u
		})
		gaveWay := c.Err() != nil && ctx.Err() == nil && time.Now().Before(deadline)
		release()
		lb, capped = max(lb, l), cp
		if b != nil && (best == nil || bc < cost) {
			best, cost = b, bc
		}
		if !gaveWay || (best != nil && lb >= cost) {
			break
		}
	}
	if best != nil {
		lb = min(lb, cost)
	}
	if capped && (best == nil || cost > lb) {
		// The session's hardened units cut every solution dearer than
		// hardUB: its bound stops at hardUB+1. A search of its own,
		// with more as units, in the time left.
		f := afresh(ctx, deadline, q.enc, more, ub)
		if f.res.Status == Feasible && (best == nil || f.res.Cost < cost) {
			best, cost = decodeRoster(f.enc, f.value), f.res.Cost
		}
		lb = max(lb, f.res.LowerBound)
		if best != nil {
			lb = min(lb, cost)
		}
	}
	return lb, best, cost
}

// around is the finished search continued (as by beyond) with the
// literals more assumed, which fix a part of the roster (a neighbourhood
// of a request granted, optimum.near), until deadline: the best roster
// found (nil: none) and its cost. The search's bound holds only with the
// part fixed, so none is returned, and no search of its own is made when
// the hardened units cut the rest (a roster dearer than hardUB is not
// found here). On store-preferences, 14 days either side of 12-31 gave
// tanaka's 47 and watanabe's 49 (optimal: a full search proves it in
// 3.5 s) in 40-130 ms (load 2), where the repair on an encoding of its
// own (request.go) took 0.1 s to 55 and 51 and 0.4 s more to prove them
// optimal in its 3 days.
func (q *optimum) around(ctx context.Context, until func() time.Time, more []Lit, ub func() int64) (best *model.Roster, cost int64) {
	defer q.hold()()
	_, best, cost, _ = q.continued(ctx, until(), more, ub)
	return best, cost
}

// continued is beyond without its search of its own: capped reports
// that the bound stopped at hardUB+1 (the session's hardened units).
// The caller holds q.mu.
func (q *optimum) continued(ctx context.Context, deadline time.Time, more []Lit, ub func() int64) (lb int64, best *model.Roster, cost int64, capped bool) {
	m := q.o
	o := &optimizer{ctx: ctx, enc: m.enc, start: time.Now(), deadline: deadline,
		opt: OptimizeOptions{UpperBound: ub, KeepPhases: m.reserved > 0}, res: &OptResult{Status: Unknown},
		s: m.s, sink: m.sink, softs: m.softs, base: m.base, coreLB: m.coreLB, floorLB: m.floorLB,
		index: map[z.Lit]*softLit{}, hardUB: -1, reserved: m.reserved}
	o.s.ctx = ctx
	o.res.LowerBound = max(m.coreLB, m.floorLB)
	for _, l := range more {
		if l == q.enc.tru {
			continue
		}
		o.extra = append(o.extra, toGini(l))
	}
	if o.extra == nil {
		o.extra = []z.Lit{} // a continuation all the same
	}
	least := int64(0)
	for _, a := range m.assumps {
		c := *a
		o.index[c.lit] = &c
		o.assumps = append(o.assumps, &c)
		if c.weight > 0 && (least == 0 || c.weight < least) {
			least = c.weight
		}
	}
	if least > 0 {
		o.cores(least)
	}
	lb = o.res.LowerBound
	if o.cut {
		lb = max(lb, m.hardUB+1)
	}
	capped = m.hardUB >= 0 && lb >= m.hardUB+1
	if capped {
		lb = m.hardUB + 1
	}
	lb = max(lb, m.floorLB) // the descent's bound holds for every solution
	if o.res.Status == Feasible {
		best, cost = decodeRoster(o.enc, o.value), o.res.Cost
		lb = min(lb, cost)
	}
	return lb, best, cost, capped
}

// afresh is a core-guided search of its own (a new session) over enc with
// the literals more as unit clauses, until deadline or ctx ends: its
// bound is a lower bound on the cost of every solution with more, its
// models satisfy more. ub is an outside upper bound as in
// OptimizeOptions.UpperBound.
func afresh(ctx context.Context, deadline time.Time, enc *Encoding, more []Lit, ub func() int64) *optimizer {
	f := &optimizer{ctx: ctx, enc: enc, start: time.Now(), deadline: deadline,
		opt: OptimizeOptions{UpperBound: ub}, res: &OptResult{Status: Unknown}, hardUB: -1}
	f.res.Value = f.value
	f.load()
	for _, l := range more {
		f.s.add(l)
	}
	f.search()
	return f
}
