package constraints

import (
	"fmt"
	"time"

	"github.com/shiftsat/shiftsat/model"
)

// This file encodes the soft requirements (soft.go). Every penalty literal
// is defined exactly (both directions) from the Start variables, so the
// cost of any model of the encoding is the cost of its roster: the
// optimiser's claim and Cost agree on every roster, not only the optimal one.

// orLit returns a literal equivalent to the disjunction of lits: the
// constant false for none, the literal itself for one, else a new variable
// defined both ways.
func orLit(e Encoder, lits []Lit) Lit {
	f := e.True().Not()
	var xs []Lit
	for _, l := range lits {
		if l == e.True() {
			return l
		}
		if l != f {
			xs = append(xs, l)
		}
	}
	switch len(xs) {
	case 0:
		return f
	case 1:
		return xs[0]
	}
	o := e.NewVar()
	e.Define(append([]Lit{o.Not()}, xs...)...)
	for _, l := range xs {
		e.Define(o, l.Not())
	}
	return o
}

// andLit returns a literal equivalent to the conjunction of lits.
func andLit(e Encoder, lits []Lit) Lit {
	neg := make([]Lit, len(lits))
	for i, l := range lits {
		neg[i] = l.Not()
	}
	return orLit(e, neg).Not()
}

// countUnary returns o with o[k] <-> at least k+1 units are true, for
// k < min(total, upTo), where each leaf is a unary number (leaf[k] <->
// the leaf's value >= k+1, so leaf[k] implies leaf[k-1]). It is a
// totalizer with both directions, truncated at upTo: a merge node's output
// k is forced true by i + j = k true inputs of its children, and forced
// false when its children hold at most i and j with i + j = k - 1.
func countUnary(e Encoder, leaves [][]Lit, upTo int) []Lit {
	var nodes [][]Lit
	for _, l := range leaves {
		if len(l) > 0 {
			nodes = append(nodes, l)
		}
	}
	if len(nodes) == 0 || upTo <= 0 {
		return nil
	}
	for len(nodes) > 1 {
		var next [][]Lit
		for i := 0; i+1 < len(nodes); i += 2 {
			next = append(next, mergeUnary(e, nodes[i], nodes[i+1], upTo))
		}
		if len(nodes)%2 == 1 {
			next = append(next, nodes[len(nodes)-1])
		}
		nodes = next
	}
	if len(nodes[0]) > upTo {
		return nodes[0][:upTo]
	}
	return nodes[0]
}

// mergeUnary returns the unary sum of a and b, truncated at upTo.
func mergeUnary(e Encoder, a, b []Lit, upTo int) []Lit {
	n := min(len(a)+len(b), upTo)
	c := make([]Lit, n)
	for k := range c {
		c[k] = e.NewVar()
	}
	for i := 0; i <= len(a); i++ {
		for j := 0; j <= len(b); j++ {
			// Upward: a >= i and b >= j imply c >= i+j.
			if k := i + j; k >= 1 && k <= n {
				cl := []Lit{c[k-1]}
				if i > 0 {
					cl = append(cl, a[i-1].Not())
				}
				if j > 0 {
					cl = append(cl, b[j-1].Not())
				}
				e.Define(cl...)
			}
			// Downward: a < i+1 and b < j+1 imply c < i+j+1.
			if k := i + j + 1; k <= n {
				cl := []Lit{c[k-1].Not()}
				if i < len(a) {
					cl = append(cl, a[i])
				}
				if j < len(b) {
					cl = append(cl, b[j])
				}
				e.Define(cl...)
			}
		}
	}
	return c
}

// horizonStarts returns, per horizon date, the Start literals of p on the
// shift types kept by keep.
func horizonStarts(e Encoder, p *model.Staff, keep func(s *model.ShiftType) bool) [][]Lit {
	sc := e.Scenario()
	f := e.True().Not()
	var out [][]Lit
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		var day []Lit
		for _, s := range sc.Shifts {
			if !keep(s) {
				continue
			}
			if l := e.Start(p.ID, d, s.ID); l != f {
				day = append(day, l)
			}
		}
		out = append(out, day)
	}
	return out
}

// Encode implements Rule: one penalty per request, true when it is not granted.
func (r *Requests) Encode(e Encoder) {
	sc := e.Scenario()
	p := sc.Person(r.Staff)
	if p == nil {
		return
	}
	for _, q := range p.Requests {
		pv := Provenance{Kind: KindRequestOff, Rule: r.Name(), Staff: p.ID, From: q.Date, To: q.Date, Shift: q.Shift,
			Limit: q.Weight, Unit: "cost", Citation: r.Citation(), Pos: q.Pos}
		var lit Lit
		switch {
		case !q.On && q.Shift == "":
			pv.Detail = fmt.Sprintf("%s asked for %s off", p.ID, q.Date)
			lit = e.Touched(p.ID, q.Date)
		case !q.On:
			pv.Detail = fmt.Sprintf("%s asked not to work shift %s on %s", p.ID, q.Shift, q.Date)
			lit = e.Start(p.ID, q.Date, q.Shift)
		case q.Shift == "":
			pv.Kind, pv.Detail = KindRequestOn, fmt.Sprintf("%s asked to work on %s", p.ID, q.Date)
			var starts []Lit
			for _, s := range sc.Shifts {
				starts = append(starts, e.Start(p.ID, q.Date, s.ID))
			}
			lit = orLit(e, starts).Not()
		default:
			pv.Kind, pv.Detail = KindRequestOn, fmt.Sprintf("%s asked to work shift %s on %s", p.ID, q.Shift, q.Date)
			lit = e.Start(p.ID, q.Date, q.Shift).Not()
		}
		e.Penalize(pv, lit, q.Weight)
	}
}

// Encode implements Rule: one penalty per possible start of a type not
// preferred, and per possible start of a disliked type.
func (r *ShiftPreferences) Encode(e Encoder) {
	sc := e.Scenario()
	p := sc.Person(r.Staff)
	if p == nil {
		return
	}
	f := e.True().Not()
	weights := map[model.ShiftID][]int{}
	if len(p.Prefers) > 0 && r.Prefer > 0 {
		for _, s := range sc.Shifts {
			if !containsShiftID(p.Prefers, s.ID) {
				weights[s.ID] = append(weights[s.ID], r.Prefer)
			}
		}
	}
	for _, dl := range p.Dislikes {
		weights[dl.Shift] = append(weights[dl.Shift], dl.Weight)
	}
	for _, s := range sc.Shifts {
		ws := weights[s.ID]
		if len(ws) == 0 {
			continue
		}
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			l := e.Start(p.ID, d, s.ID)
			if l == f {
				continue
			}
			kinds := []string{KindPrefers, KindDislikes}
			if !(len(p.Prefers) > 0 && r.Prefer > 0 && !containsShiftID(p.Prefers, s.ID)) {
				kinds = kinds[1:]
			}
			for i, w := range ws {
				detail := fmt.Sprintf("%s prefers %s; shift %s on %s", p.ID, joinShiftIDs(p.Prefers), s.ID, d)
				if kinds[i] == KindDislikes {
					detail = fmt.Sprintf("%s dislikes shift %s; %s", p.ID, s.ID, d)
				}
				e.Penalize(Provenance{Kind: kinds[i], Rule: r.Name(), Staff: p.ID, From: d, To: d, Shift: s.ID,
					Limit: w, Unit: "shifts", Detail: detail, Citation: r.Citation(), Pos: r.Pos}, l, w)
			}
		}
	}
}

// Encode implements Rule: per date, a counter of the people on the shift;
// each missing person below the target and each one above it is a penalty.
func (r *CoverageTarget) Encode(e Encoder) {
	sc := e.Scenario()
	dm := r.Demand
	t := *dm.Target
	f := e.True().Not()
	for _, d := range dm.Days(sc) {
		var leaves [][]Lit
		for _, p := range sc.Staff {
			if dm.Skill != "" && !p.HasSkill(dm.Skill) {
				continue
			}
			if l := e.Start(p.ID, d, dm.Shift); l != f {
				leaves = append(leaves, []Lit{l})
			}
		}
		upTo := t
		if dm.Over > 0 {
			upTo = len(leaves)
		}
		o := countUnary(e, leaves, upTo)
		at := func(k int) Lit { // "at least k people"
			if k <= len(o) {
				return o[k-1]
			}
			return f
		}
		pv := Provenance{Rule: r.Name(), From: d, To: d, Shift: dm.Shift, Skill: dm.Skill, Limit: t, Unit: "people",
			Citation: r.Citation(), Pos: r.Pos}
		if dm.Under > 0 {
			pv.Kind, pv.Detail = KindUnder, fmt.Sprintf("target %s on shift %s", People(t, ""), dm.Shift)
			for k := 1; k <= t; k++ {
				e.Penalize(pv, at(k).Not(), dm.Under)
			}
		}
		if dm.Over > 0 {
			pv.Kind, pv.Detail = KindOver, fmt.Sprintf("target %s on shift %s", People(t, ""), dm.Shift)
			for k := t + 1; k <= len(leaves); k++ {
				e.Penalize(pv, at(k), dm.Over)
			}
		}
	}
}

// Encode implements Rule: a counter of the person's working days; each
// shift below or above the target is a penalty.
func (r *TargetDays) Encode(e Encoder) {
	sc := e.Scenario()
	p := sc.Person(r.Staff)
	if p == nil {
		return
	}
	var leaves [][]Lit
	for _, day := range horizonStarts(e, p, func(*model.ShiftType) bool { return true }) {
		if l := orLit(e, day); l != e.True().Not() {
			leaves = append(leaves, []Lit{l})
		}
	}
	o := countUnary(e, leaves, len(leaves))
	f := e.True().Not()
	at := func(k int) Lit {
		if k <= len(o) {
			return o[k-1]
		}
		return f
	}
	pv := Provenance{Kind: KindTargetDays, Rule: r.Name(), Staff: p.ID, From: sc.Horizon.Start, To: sc.Horizon.End,
		Limit: r.Target, Unit: "shifts", Detail: fmt.Sprintf("%s's target of %d shifts", p.ID, r.Target),
		Citation: r.Citation(), Pos: r.Pos}
	for k := 1; k <= r.Target; k++ {
		e.Penalize(pv, at(k).Not(), r.Weight)
	}
	for k := r.Target + 1; k <= len(leaves); k++ {
		e.Penalize(pv, at(k), r.Weight)
	}
}

// Encode implements Rule: a two-sided counter of each member's measure;
// for each level k, "some member reaches k" and "every member reaches k"
// are defined, and "some but not every member reaches k" is a penalty, so
// that the true penalties count max - min.
func (r *Fairness) Encode(e Encoder) {
	sc := e.Scenario()
	var counts [][]Lit
	longest := 0
	for _, id := range r.Group {
		p := sc.Person(id)
		if p == nil {
			continue
		}
		var leaves [][]Lit
		switch r.Measure {
		case MeasureNights:
			for _, day := range horizonStarts(e, p, func(s *model.ShiftType) bool {
				st, en := s.Interval(sc.Horizon.Start)
				return model.NightSpan(st, en)
			}) {
				leaves = append(leaves, []Lit{orLit(e, day)})
			}
		case MeasureWeekends:
			for c := sc.Horizon.Start; c <= sc.Horizon.End; c++ {
				if w := c.Weekday(); w == time.Saturday || w == time.Sunday {
					leaves = append(leaves, []Lit{e.Touched(p.ID, c)})
				}
			}
		case MeasureHours:
			top := 0
			for _, u := range r.Units {
				top = max(top, u)
			}
			for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
				leaf := make([]Lit, top)
				for k := range leaf {
					var starts []Lit
					for _, s := range sc.Shifts {
						if r.Units[s.ID] >= k+1 {
							starts = append(starts, e.Start(p.ID, d, s.ID))
						}
					}
					leaf[k] = orLit(e, starts)
				}
				leaves = append(leaves, leaf)
			}
		}
		var clean [][]Lit
		total := 0
		for _, l := range leaves {
			// A leaf's trailing constant-false units add nothing.
			for len(l) > 0 && l[len(l)-1] == e.True().Not() {
				l = l[:len(l)-1]
			}
			if len(l) > 0 {
				clean = append(clean, l)
				total += len(l)
			}
		}
		o := countUnary(e, clean, total)
		counts = append(counts, o)
		longest = max(longest, len(o))
	}
	f := e.True().Not()
	unit := map[string]string{MeasureNights: "night shifts", MeasureWeekends: "weekend days", MeasureHours: "hour units"}[r.Measure]
	if r.Measure == MeasureHours {
		unit = fmt.Sprintf("units of %s", fmtDuration(r.UnitMinutes))
	}
	for k := 1; k <= longest; k++ {
		var levels []Lit
		for _, o := range counts {
			if k <= len(o) {
				levels = append(levels, o[k-1])
			} else {
				levels = append(levels, f)
			}
		}
		some, every := orLit(e, levels), andLit(e, levels)
		pen := andLit(e, []Lit{some, every.Not()})
		e.Penalize(Provenance{Kind: r.Kind(), Rule: r.Name(), From: sc.Horizon.Start, To: sc.Horizon.End, Limit: k, Unit: unit,
			Detail:   fmt.Sprintf("spread of %s among %s (%s)", r.Measure, joinStaffIDs(r.Group), r.Profile),
			Citation: r.Citation(), Pos: r.Pos}, pen, r.Weight)
	}
}

func containsShiftID(ids []model.ShiftID, s model.ShiftID) bool {
	for _, x := range ids {
		if x == s {
			return true
		}
	}
	return false
}

func joinShiftIDs(ids []model.ShiftID) string {
	s := ""
	for i, x := range ids {
		if i > 0 {
			s += ", "
		}
		s += string(x)
	}
	return s
}
