package solver

// The single-person problems of CheckCapacity: one incremental gini session
// per profile, holding the person's own encoding (every rule compiled for
// the scenario with that person alone, no demand), asked under assumptions.

import (
	"context"
	"fmt"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// capProfile is the single-person problem shared by people alike.
type capProfile struct {
	rep    *model.Staff
	status int                // 1: a roster of the person alone exists; -1: none; 0: not known (time)
	can    [][]bool           // [horizon day][shift index]: the person may start it (alone)
	rules  []constraints.Rule // every rule compiled for the person alone
	enc    *Encoding
	s      *session
	day    map[capDayKey]Lit     // "works a shift of the group that day", 0 when impossible
	exact  map[capExactKey]int   // most starts of a group in a window
	counts map[capExactKey][]Lit // the window counters built so far
	tabs   map[string][][]int    // capTable's caps per group key
	solves int                   // SAT calls made
}

type capDayKey struct {
	group string
	d     int
}

type capExactKey struct {
	group string
	a, b  int
}

// canAny reports whether the person may start one of the shifts on day d.
func (cp *capProfile) canAny(d int, shifts []int) bool {
	for _, si := range shifts {
		if cp.can[d][si] {
			return true
		}
	}
	return false
}

// probe loads the person's own problem and finds, for every horizon date
// and shift type, whether they may start it, by unit propagation: a start
// whose assumption propagates to a conflict is impossible (leave,
// unavailability, a fixed shift, a rest interval from last month...).
// Propagation may leave a start that no roster allows, which only makes
// the cheap bounds weaker: the exact maxima are found by search. One solve
// then tells whether the person has a legal roster at all.
func (cc *capChecker) probe(cp *capProfile) error {
	sc := cc.sc
	sub := alone(sc, cp.rep)
	rules, err := constraints.Compile(sub)
	if err != nil {
		return fmt.Errorf("capacity: person %s: %w", cp.rep.ID, err)
	}
	cp.rules = rules
	cp.enc = Encode(sub, rules, false)
	cp.s = newSession(cc.ctx, cp.enc, cc.deadline)
	cp.day = map[capDayKey]Lit{}
	cp.counts = map[capExactKey][]Lit{}
	cp.can = make([][]bool, cc.days)
	f := -cp.enc.True()
	up := newPropagator(cp.enc)
	if up.bad {
		cp.status = -1 // the person's own clauses conflict: no roster at all
		return nil
	}
	for d := range cp.can {
		cp.can[d] = make([]bool, len(sc.Shifts))
		for si, st := range sc.Shifts {
			l := cp.enc.Start(cp.rep.ID, sc.Horizon.Start.Add(d), st.ID)
			switch l {
			case f:
				continue
			case -f:
				cp.can[d][si] = true
				continue
			}
			cp.can[d][si] = up.probe(l)
		}
	}
	cp.status = cc.solve(cp)
	return nil
}

// solve asks the profile's session under the checker's deadline.
func (cc *capChecker) solve(cp *capProfile, assume ...Lit) int {
	cp.s.deadline = cc.deadline
	cp.solves++
	return cp.s.solve(assume...)
}

// dayLit returns a literal that is true only when the person starts a
// shift of g on day d (0 when they cannot).
func (cc *capChecker) dayLit(cp *capProfile, g *capGroup, d int) Lit {
	k := capDayKey{g.key, d}
	if l, ok := cp.day[k]; ok {
		return l
	}
	var lits []Lit
	for _, si := range g.shifts {
		if cp.can[d][si] {
			lits = append(lits, cp.enc.Start(cp.rep.ID, cc.sc.Horizon.Start.Add(d), cc.sc.Shifts[si].ID))
		}
	}
	var l Lit
	switch len(lits) {
	case 0:
	case 1:
		l = lits[0]
	default:
		l = cp.s.activate(lits)
	}
	cp.day[k] = l
	return l
}

// maxIn returns the most starts of g the person can make in window w (ok
// false: the time limit came first). It bisects on a counter of the days
// worked, from the days they could work at all, reading each model's
// actual count.
func (cc *capChecker) maxIn(cp *capProfile, g *capGroup, w capWindow) (int, bool) {
	k := capExactKey{g.key, w.a, w.b}
	if v, ok := cp.exact[k]; ok {
		return v, true
	}
	var terms []constraints.Term
	for d := w.a; d <= w.b; d++ {
		if l := cc.dayLit(cp, g, d); l != 0 {
			terms = append(terms, constraints.Term{Lit: l, Weight: 1})
		}
	}
	hi := len(terms)
	for _, l := range sumCaps(cc.sc, cp.rules, cp.rep, g, cc.sc.Horizon.Start.Add(w.a), cc.sc.Horizon.Start.Add(w.b)) {
		hi = min(hi, l.cap)
	}
	// Bounds already known of windows around w and inside it.
	lo := 0
	for k2, v := range cp.exact {
		if k2.group != g.key {
			continue
		}
		if k2.a <= w.a && k2.b >= w.b {
			hi = min(hi, v)
		}
		if k2.a >= w.a && k2.b <= w.b {
			lo = max(lo, v)
		}
	}
	if lo >= hi {
		cp.exact[k] = hi
		return hi, true
	}
	out := cp.counts[k]
	if out == nil {
		out = sumAtLeastOutputs(cp.s, terms, hi)
		cp.counts[k] = out
	}
	first := true
	for lo < hi {
		t := (lo + hi + 1) / 2
		if first {
			t, first = hi, false
		}
		switch cc.solve(cp, out[t]) {
		case 0:
			return 0, false
		case 1:
			lo = max(t, cc.countIn(cp, g, w))
		default:
			hi = t - 1
		}
	}
	cp.exact[k] = lo
	return lo, true
}

// countIn counts, in the last model, the days of w on which the person
// starts a shift of g.
func (cc *capChecker) countIn(cp *capProfile, g *capGroup, w capWindow) int {
	n := 0
	for d := w.a; d <= w.b; d++ {
		for _, si := range g.shifts {
			if cp.s.value(cp.enc.Start(cp.rep.ID, cc.sc.Horizon.Start.Add(d), cc.sc.Shifts[si].ID)) {
				n++
				break
			}
		}
	}
	return n
}

// personBound finds requirements of person p that keep them from making
// more than m starts of g in from..to: a core of their own problem in
// selector mode under "at least m+1", shrunk by deletion while time allows.
// One-shift-a-day is assumed and not reported. It errs when m+1 is
// reachable after all (m was not a bound: an internal error).
func personBound(ctx context.Context, sc *model.Scenario, p *model.Staff, g *capGroup, from, to model.Date, m int, deadline time.Time) ([]constraints.Provenance, error) {
	sub := alone(sc, p)
	rules, err := constraints.Compile(sub)
	if err != nil {
		return nil, fmt.Errorf("capacity: person %s: %w", p.ID, err)
	}
	// A sum of the person's own that alone allows no more than m is the
	// reason, with nothing to solve: its instances are read from an
	// encoding of that rule alone.
	for _, c := range sumCaps(sc, rules, p, g, from, to) {
		if c.cap > m {
			continue
		}
		one := Encode(sub, []constraints.Rule{c.rule}, true)
		var out []constraints.Provenance
		for r := 1; r <= one.Reqs(); r++ {
			pv := one.Provenance(constraints.Req(r))
			if pv.Staff == p.ID && pv.From <= to && pv.To >= from {
				out = append(out, pv)
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	enc := Encode(sub, rules, true)
	s := newSession(ctx, enc, deadline)
	var terms []constraints.Term
	for d := from; d <= to; d++ {
		var lits []Lit
		for _, id := range g.Shifts {
			if l := enc.Start(p.ID, d, id); l != -enc.True() {
				lits = append(lits, l)
			}
		}
		if len(lits) > 0 {
			terms = append(terms, constraints.Term{Lit: s.activate(lits), Weight: 1})
		}
	}
	if m+1 > len(terms) {
		return nil, nil // the window itself is the bound
	}
	goal := sumAtLeastOutputs(s, terms, m+1)[m+1]
	var bg []Lit
	var reqs []constraints.Req
	for r := 1; r <= enc.Reqs(); r++ {
		sel := enc.Selector(constraints.Req(r))
		if sel == 0 {
			continue
		}
		if enc.Provenance(constraints.Req(r)).Kind == "one_shift" {
			bg = append(bg, sel)
		} else {
			reqs = append(reqs, constraints.Req(r))
		}
	}
	ask := func(rs []constraints.Req) (int, []constraints.Req) {
		as := append(append([]Lit{goal}, bg...), make([]Lit, 0, len(rs))...)
		for _, r := range rs {
			as = append(as, enc.Selector(r))
		}
		ans := s.solve(as...)
		if ans != -1 {
			return ans, nil
		}
		var core []constraints.Req
		for _, r := range enc.CoreReqs(s.why()) {
			if enc.Provenance(r).Kind != "one_shift" {
				core = append(core, r)
			}
		}
		return -1, core
	}
	ans, core := ask(reqs)
	switch ans {
	case 0:
		return nil, nil
	case 1:
		return nil, fmt.Errorf("solver: internal error: %s can make %d starts of %v in %s..%s, more than the maximum %d found", p.ID, m+1, g.Shifts, from, to, m)
	}
	// Deletion: drop each member whose absence keeps the goal
	// unreachable; a member found necessary stays necessary in every
	// smaller core.
	necessary := map[constraints.Req]bool{}
	for ctx.Err() == nil && time.Now().Before(deadline) {
		i := 0
		for i < len(core) && necessary[core[i]] {
			i++
		}
		if i == len(core) {
			break
		}
		rest := append(append([]constraints.Req(nil), core[:i]...), core[i+1:]...)
		ans, sub := ask(rest)
		if ans == 0 {
			break
		}
		if ans == 1 {
			necessary[core[i]] = true
			continue
		}
		core = sub
	}
	out := make([]constraints.Provenance, len(core))
	for i, r := range core {
		out[i] = enc.Provenance(r)
	}
	return out, nil
}

// sumCap is a bound that one of a person's sums puts on a group's starts
// in any window of the horizon: a cap on shifts (of the group's type),
// hours divided by the shortest shift of the group, or night instances.
type sumCap struct {
	cap  int
	rule constraints.Rule
}

// sumCaps returns the bounds the person's own sums and rest rules put on
// g's starts in the window from..to: maxima of days (all shifts, or the
// group's single shift type) and of hours (over the shortest shift of the
// group) per horizon, range or fixed period (a period meeting the window
// allows its limit), night instances when every shift of g is a night
// shift, the rest days of fixed blocks (holidays) and of consecutive-day
// caps.
// Searching below them first spares the SAT solver a counting proof.
func sumCaps(sc *model.Scenario, rules []constraints.Rule, p *model.Staff, g *capGroup, from, to model.Date) []sumCap {
	minWork := 0
	allNight := true
	for _, id := range g.Shifts {
		st := sc.Shift(id)
		w := st.WorkMinutes()
		if minWork == 0 || w < minWork {
			minWork = w
		}
		allNight = allNight && (model.Instance{Date: sc.Horizon.Start, Shift: st}).Night()
	}
	var out []sumCap
	for _, r := range rules {
		switch b := r.(type) {
		case *constraints.SumBound:
			if !b.Max || (b.Staff != "" && b.Staff != p.ID) || (b.MinorsOnly && !p.Minor) {
				continue
			}
			if b.Shift != "" && (len(g.Shifts) != 1 || g.Shifts[0] != b.Shift) {
				continue
			}
			per := b.Limit
			if b.Hours {
				if minWork <= 0 {
					continue
				}
				per = b.Limit / minWork
			}
			n := 0 // periods meeting the window
			switch b.Per {
			case constraints.PerHorizon:
				n = 1
			case constraints.PerRange:
				if b.Range.Start > from || b.Range.End < to {
					continue
				}
				n = 1
			case constraints.PerDay:
				n = int(to-from) + 1
			default:
				bd, anchor := b.BlockDays, b.Anchor
				if bd < 1 {
					bd, anchor = 7, sc.WeekAnchor()
				}
				n = int(model.FloorBlock(to, anchor, bd)-model.FloorBlock(from, anchor, bd))/bd + 1
			}
			out = append(out, sumCap{per * n, r})
		case *constraints.NightWork:
			if allNight {
				out = append(out, sumCap{b.Max, r})
			}
		case *constraints.Holidays:
			// A rest day has no start: a fixed block wholly inside the
			// horizon allows at most its days less its quota.
			q := b.RestDays - b.HolidayWork
			if q <= 0 || b.BlockDays < 1 {
				continue
			}
			n := 0
			for blk := model.FloorBlock(from, b.Anchor, b.BlockDays); blk <= to; blk = blk.Add(b.BlockDays) {
				last := blk.Add(b.BlockDays - 1)
				days := int(min(to, last)-max(from, blk)) + 1
				if blk >= sc.Horizon.Start && last <= sc.Horizon.End {
					days = min(days, b.BlockDays-q)
				}
				n += days
			}
			out = append(out, sumCap{n, r})
		case *constraints.MaxConsecutiveDays:
			// Every max+1 consecutive days hold a rest day (the largest
			// cap of any busy period, to stay on the safe side).
			k := b.Max
			for _, bp := range b.Busy {
				k = max(k, bp.Max)
			}
			if k >= 0 {
				l := int(to-from) + 1
				out = append(out, sumCap{l - l/(k+1), r})
			}
		}
	}
	return out
}
