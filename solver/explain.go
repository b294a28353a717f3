package solver

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/go-air/gini/z"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// ExplainOptions control Explain.
type ExplainOptions struct {
	// TimeLimit bounds the whole explanation (encoding, the first solve
	// and the minimisation); 0 means DefaultExplainTime. When it runs out
	// during the minimisation, the core found so far is returned with
	// Minimal false.
	TimeLimit time.Duration
	// Shortage, when not nil, is a shortage already proved for this
	// scenario (Result.Shortage of Solve): the count is not made again.
	Shortage *Shortage
	// NoCapacity skips the count of CheckCapacity, so that the explanation
	// is always an unsatisfiable core (shrunk towards a minimal one).
	NoCapacity bool
	// Background lists requirement kinds that are always assumed and never
	// reported: physical facts that no one can change and that only add
	// noise to a story. Nil means DefaultBackground; an empty, non-nil
	// slice means none.
	Background []string
}

// DefaultExplainTime is the time budget of Explain when none is given.
const DefaultExplainTime = 20 * time.Second

// DefaultBackground are the requirement kinds Explain assumes without
// reporting them: "one_shift" (one start per person per date, no two
// overlapping shifts; RULES.md §1).
var DefaultBackground = []string{"one_shift"}

// Explanation says why a scenario has no roster: a set of requirement
// instances that cannot all hold (an unsatisfiable core), shrunk towards a
// minimal one, with the people and days it involves.
type Explanation struct {
	// Status is Infeasible when Core was found; Feasible when the scenario
	// has a roster after all (nothing to explain); Unknown when the time
	// limit ended the first solve.
	Status Status
	// Core are the requirement instances that cannot all hold, with their
	// provenance, in encoding order. The background kinds are assumed on
	// top of them and not listed.
	Core []constraints.Provenance
	// Minimal is true when minimality was proved: dropping any one member
	// of Core (keeping the background) leaves a satisfiable set.
	Minimal bool
	// People are the people the core names (Provenance.Staff), in
	// scenario order.
	People []model.StaffID
	// Shortage, when not nil, is the reason: not enough people (found by
	// counting, CheckCapacity, before any search). Core then lists its
	// demand lines and the requirements bounding each person, and is not
	// a minimal unsatisfiable set (Minimal is false).
	Shortage *Shortage
	// Days are the dates the core's members cover (From..To of each
	// member, clipped to at most MaxExplainDays around the others), in order.
	Days []model.Date
	// Stats are figures about the explanation.
	Stats ExplainStats
}

// ExplainStats are figures about Explain.
type ExplainStats struct {
	// Requirements is the number of requirement instances with selectors.
	Requirements int
	// FirstCore is the size of gini's first failed-assumption core,
	// background excluded.
	FirstCore int
	// Solves counts the SAT calls of the minimisation (the first solve excluded).
	Solves int
	// Time is the wall time of Explain.
	Time time.Duration
}

// MaxExplainDays bounds the days an Explanation lists for one member: a
// horizon-long member (a night-work cap, a minor's protection) does not
// pull the whole month into the calendar.
const MaxExplainDays = 7

// explainer holds one selector-mode encoding loaded into gini, for
// repeated solves under subsets of its selectors.
type explainer struct {
	enc      *Encoding
	s        *session
	bg       []Lit           // background selectors, always assumed
	sel      []Lit           // selector of each requirement (by Req-1), 0 when none
	deadline time.Time       // zero: none
	ctx      context.Context // cancellation
	solves   int             // SAT calls so far
	why      []z.Lit         // scratch for Why
	assume   []Lit           // scratch for the assumptions
	reqOf    map[Lit]constraints.Req
}

// newExplainer encodes rules for sc in selector mode and loads the encoding.
func newExplainer(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, background []string, deadline time.Time) (*explainer, error) {
	// A stopped encoding (ctx done: callers give ctx the deadline) is
	// never solved: every solve then answers 0. Only a memory error is
	// returned.
	enc, err := encodeCtx(ctx, sc, rules, true)
	if isMemory(err) {
		return nil, err
	}
	x := &explainer{enc: enc, s: newSession(ctx, enc, deadline), deadline: deadline, ctx: ctx, reqOf: map[Lit]constraints.Req{}}
	bg := map[string]bool{}
	for _, k := range background {
		bg[k] = true
	}
	x.sel = make([]Lit, enc.Reqs())
	for r := 1; r <= enc.Reqs(); r++ {
		s := enc.Selector(constraints.Req(r))
		x.sel[r-1] = s
		if s == 0 {
			continue
		}
		x.reqOf[s] = constraints.Req(r)
		if bg[enc.Provenance(constraints.Req(r)).Kind] {
			x.bg = append(x.bg, s)
		}
	}
	return x, nil
}

// isBackground reports whether r is assumed as background.
func (x *explainer) isBackground(r constraints.Req) bool {
	s := x.sel[r-1]
	for _, b := range x.bg {
		if b == s {
			return true
		}
	}
	return false
}

// solve solves under the background and the selectors of reqs. It returns
// 1 (SAT), -1 (UNSAT, with the requirements of the failed assumptions,
// background excluded, in Req order) or 0 (time limit or cancellation).
func (x *explainer) solve(reqs []constraints.Req) (int, []constraints.Req) {
	x.solves++
	x.assume = append(x.assume[:0], x.bg...)
	for _, r := range reqs {
		if s := x.sel[r-1]; s != 0 {
			x.assume = append(x.assume, s)
		}
	}
	x.s.deadline = x.deadline
	ans := x.s.solve(x.assume...)
	if ans != -1 {
		return ans, nil
	}
	x.why = x.s.whyZ(x.why[:0])
	var core []constraints.Req
	for _, m := range x.why {
		if r, ok := x.reqOf[fromGini(m)]; ok && !x.isBackground(r) {
			core = append(core, r)
		}
	}
	sort.Slice(core, func(i, j int) bool { return core[i] < core[j] })
	return -1, dedupReqs(core)
}

func dedupReqs(rs []constraints.Req) []constraints.Req {
	out := rs[:0]
	for i, r := range rs {
		if i == 0 || r != rs[i-1] {
			out = append(out, r)
		}
	}
	return out
}

// Explain finds why sc has no roster under rules. It encodes the rules
// with one selector per requirement instance, solves under every selector
// as an assumption, takes gini's failed assumptions (Why) as a first core,
// and shrinks it to a minimal unsatisfiable subset:
//
//   - deletion-based: a member is dropped when the others, with the
//     background, are still unsatisfiable;
//   - with core trimming: after every unsatisfiable answer the candidate
//     shrinks to that answer's own Why;
//   - groups before members: whole rule families (kind and rule name),
//     then each family's part for one person, then single members; the
//     families least useful to a manager (rule windows, history) are tried
//     first, demand last, so that the story keeps what can be acted on.
//
// The result is deterministic. When the time limit (opt.TimeLimit) or ctx
// ends the minimisation, the current core (still unsatisfiable) is
// returned with Minimal false. The error is only for misuse and internal
// failures; an infeasible scenario is a result.
func Explain(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, opt ExplainOptions) (*Explanation, error) {
	t0 := time.Now()
	limit := opt.TimeLimit
	if limit <= 0 {
		limit = DefaultExplainTime
	}
	background := opt.Background
	if background == nil {
		background = DefaultBackground
	}
	ctx, cancel := context.WithDeadline(ctx, t0.Add(limit))
	defer cancel()
	var small *Shortage // a small shortage, explained by a core when one is found in time
	counted := func() (*Shortage, error) {
		if opt.Shortage != nil {
			return opt.Shortage, nil
		}
		return capacityFirst(ctx, sc, t0.Add(limit))
	}
	if opt.NoCapacity {
		// the core below
	} else if sh, err := counted(); err != nil {
		return nil, err
	} else if sh != nil && smallShortage(sh) {
		small = sh
	} else if sh != nil {
		ex := &Explanation{Status: Infeasible, Shortage: sh, Core: sh.Core()}
		ex.People, ex.Days = involved(sc, ex.Core)
		ex.Stats.Time = time.Since(t0)
		return ex, nil
	}
	x, err := newExplainer(ctx, sc, rules, background, t0.Add(limit))
	if err != nil {
		return &Explanation{Status: Unknown}, err
	}
	ex := &Explanation{Status: Unknown}
	var all []constraints.Req
	for r := 1; r <= x.enc.Reqs(); r++ {
		if x.sel[r-1] != 0 && !x.isBackground(constraints.Req(r)) {
			all = append(all, constraints.Req(r))
		}
	}
	ex.Stats.Requirements = len(all)
	ans, core := x.solve(all)
	x.solves = 0
	switch ans {
	case 0:
		if small != nil {
			ex = &Explanation{Status: Infeasible, Shortage: small, Core: small.Core()}
			ex.People, ex.Days = involved(sc, ex.Core)
		}
		ex.Stats.Time = time.Since(t0)
		return ex, nil
	case 1:
		ex.Status = Feasible
		ex.Stats.Time = time.Since(t0)
		return ex, nil
	}
	ex.Status = Infeasible
	ex.Stats.FirstCore = len(core)
	core, minimal := x.minimise(core)
	ex.Minimal = minimal
	for _, r := range core {
		ex.Core = append(ex.Core, x.enc.Provenance(r))
	}
	ex.People, ex.Days = involved(sc, ex.Core)
	ex.Stats.Solves = x.solves
	ex.Stats.Time = time.Since(t0)
	if len(core) == 0 && minimal {
		// The background alone is unsatisfiable: no requirement to name.
		return ex, fmt.Errorf("solver: the background requirements (%v) alone are unsatisfiable", background)
	}
	return ex, nil
}

// smallShortage reports whether a shortage is small and local (at most 3
// starts missing in at most a week): a minimal core then names the exact
// conflict (a leave day, a fixed shift, a rest interval) better than a
// count, and is cheap to find. A core search that runs out of time falls
// back to the count (see Explain).
func smallShortage(sh *Shortage) bool {
	return sh.Deficit() <= 3 && sh.To-sh.From < 7
}

// deletionRank orders requirement kinds for deletion: lower ranks are
// tried first, so that they leave the core when another member can take
// their place. Demand goes last: it is what the story is about.
func deletionRank(kind string) int {
	switch kind {
	case "one_shift":
		return 0
	case "history":
		return 2
	case "staff_shifts", "minor":
		return 3
	case "fixed":
		return 4
	case "unavailable":
		return 5
	case "requests_off":
		return 6
	case "leave":
		return 7
	case "demand":
		return 8
	}
	return 1 // rule instances and personal limits
}

// minimise shrinks core (unsatisfiable with the background) to a minimal
// unsatisfiable subset, as Explain describes. It returns the subset and
// whether minimality was proved.
func (x *explainer) minimise(core []constraints.Req) ([]constraints.Req, bool) {
	cand := map[constraints.Req]bool{}
	for _, r := range core {
		cand[r] = true
	}
	needed := map[constraints.Req]bool{}
	prov := func(r constraints.Req) constraints.Provenance { return x.enc.Provenance(r) }

	// current returns the candidate in deletion order.
	current := func() []constraints.Req {
		out := make([]constraints.Req, 0, len(cand))
		for r := range cand {
			out = append(out, r)
		}
		sort.Slice(out, func(i, j int) bool {
			a, b := prov(out[i]), prov(out[j])
			if ra, rb := deletionRank(a.Kind), deletionRank(b.Kind); ra != rb {
				return ra < rb
			}
			return out[i] < out[j]
		})
		return out
	}
	without := func(drop map[constraints.Req]bool) []constraints.Req {
		var out []constraints.Req
		for r := range cand {
			if !drop[r] {
				out = append(out, r)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
		return out
	}
	// try drops the set; it reports false when the time ran out.
	try := func(drop []constraints.Req) bool {
		dm := map[constraints.Req]bool{}
		for _, r := range drop {
			dm[r] = true
		}
		ans, why := x.solve(without(dm))
		switch ans {
		case 0:
			return false
		case -1:
			keep := map[constraints.Req]bool{}
			for _, r := range why {
				if cand[r] {
					keep[r] = true
				}
			}
			cand = keep
		case 1:
			if len(drop) == 1 {
				needed[drop[0]] = true
			}
		}
		return true
	}
	keys := []func(p constraints.Provenance) string{
		func(p constraints.Provenance) string { return p.Kind + "\x00" + p.Rule },
		func(p constraints.Provenance) string { return p.Kind + "\x00" + p.Rule + "\x00" + string(p.Staff) },
	}
	for _, key := range keys {
		var order []string
		groups := map[string][]constraints.Req{}
		for _, r := range current() {
			k := key(prov(r))
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], r)
		}
		if len(order) < 2 {
			continue // dropping the only group cannot leave an unsatisfiable set
		}
		for _, k := range order {
			var drop []constraints.Req
			for _, r := range groups[k] {
				if cand[r] && !needed[r] {
					drop = append(drop, r)
				}
			}
			if len(drop) < 2 {
				continue // single members are tried below
			}
			if len(drop) == len(cand) {
				continue
			}
			if !try(drop) {
				return sortedReqs(cand), false
			}
		}
	}
	for _, r := range current() {
		if !cand[r] || needed[r] {
			continue
		}
		if !try([]constraints.Req{r}) {
			return sortedReqs(cand), false
		}
	}
	return sortedReqs(cand), true
}

func sortedReqs(m map[constraints.Req]bool) []constraints.Req {
	out := make([]constraints.Req, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// involved returns the people named by core (in scenario order) and the
// days its members cover. A member spanning more than MaxExplainDays
// contributes only the days the other members cover (or its first
// MaxExplainDays days when no other member covers any).
func involved(sc *model.Scenario, core []constraints.Provenance) ([]model.StaffID, []model.Date) {
	named := map[model.StaffID]bool{}
	for _, p := range core {
		if p.Staff != "" {
			named[p.Staff] = true
		}
	}
	var people []model.StaffID
	for _, p := range sc.Staff {
		if named[p.ID] {
			people = append(people, p.ID)
		}
	}
	days := map[model.Date]bool{}
	var long []constraints.Provenance
	for _, p := range core {
		if p.From == 0 && p.To == 0 {
			continue
		}
		if int(p.To-p.From)+1 > MaxExplainDays {
			long = append(long, p)
			continue
		}
		for d := p.From; d <= p.To; d++ {
			days[d] = true
		}
	}
	if len(days) == 0 {
		for _, p := range long {
			for d := p.From; d <= p.To && d < p.From.Add(MaxExplainDays); d++ {
				days[d] = true
			}
		}
	}
	out := make([]model.Date, 0, len(days))
	for d := range days {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return people, out
}

// CoreStatus solves sc under rules with only the given requirement
// instances (matched by provenance, every field equal) and the background
// kinds assumed; every other requirement is left out. It returns Feasible,
// Infeasible or Unknown (time limit). Tests and tools use it to verify an
// Explanation: its core must be Infeasible, and, when minimal, every
// subset missing one member Feasible.
func CoreStatus(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, core []constraints.Provenance, background []string, limit time.Duration) (Status, error) {
	if background == nil {
		background = DefaultBackground
	}
	var deadline time.Time
	if limit > 0 {
		deadline = time.Now().Add(limit)
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
	}
	x, err := newExplainer(ctx, sc, rules, background, deadline)
	if err != nil {
		return Unknown, err
	}
	want := map[constraints.Provenance]int{}
	for _, p := range core {
		want[p]++
	}
	var reqs []constraints.Req
	for r := 1; r <= x.enc.Reqs(); r++ {
		p := x.enc.Provenance(constraints.Req(r))
		if want[p] > 0 {
			want[p]--
			reqs = append(reqs, constraints.Req(r))
		}
	}
	for p, n := range want {
		if n > 0 {
			return Unknown, fmt.Errorf("solver: requirement %q (%s %s..%s) is not in the encoding", p.Detail, p.Kind, p.From, p.To)
		}
	}
	switch ans, _ := x.solve(reqs); ans {
	case 1:
		return Feasible, nil
	case -1:
		return Infeasible, nil
	}
	return Unknown, nil
}
