package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// Encode implements Rule: per date of the demand line, between Min and Max
// people (with the skill, if any) start the shift.
func (r *Coverage) Encode(e Encoder) {
	sc := e.Scenario()
	dm := r.Demand
	f := e.True().Not()
	for _, d := range dm.Days(sc) {
		var lits []Lit
		for _, p := range sc.Staff {
			if dm.Skill != "" && !p.HasSkill(dm.Skill) {
				continue
			}
			if l := e.Start(p.ID, d, dm.Shift); l != f {
				lits = append(lits, l)
			}
		}
		needMin := dm.Min > 0
		needMax := dm.Max != nil && *dm.Max < len(lits)
		if !needMin && !needMax {
			continue
		}
		limit := dm.Min
		var detail string
		switch {
		case dm.Max != nil && dm.Min == *dm.Max:
			detail = fmt.Sprintf("exactly %s on shift %s", People(dm.Min, dm.Skill), dm.Shift)
		case dm.Max != nil && dm.Min > 0:
			detail = fmt.Sprintf("between %d and %s on shift %s", dm.Min, People(*dm.Max, dm.Skill), dm.Shift)
		case dm.Max != nil:
			detail = fmt.Sprintf("at most %s on shift %s", People(*dm.Max, dm.Skill), dm.Shift)
			limit = *dm.Max
		default:
			detail = fmt.Sprintf("at least %s on shift %s", People(dm.Min, dm.Skill), dm.Shift)
		}
		req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), From: d, To: d, Shift: dm.Shift, Skill: dm.Skill,
			Limit: limit, Unit: "people", Detail: detail, Citation: r.Citation(), Pos: r.Pos})
		if needMin {
			e.AtLeast(req, lits, dm.Min)
		}
		if dm.Max != nil {
			e.AtMost(req, lits, *dm.Max)
		}
	}
}

// Encode implements Rule: per known date of the person, at most one start;
// per pair of start dates d1 < d2, no two instances whose spans overlap.
func (r *Structure) Encode(e Encoder) {
	sc := e.Scenario()
	p := sc.Person(r.Staff)
	if p == nil {
		return
	}
	pi := instancesOf(e, p)
	byDate := map[model.Date][]Lit{}
	for _, in := range pi.list {
		byDate[in.date] = append(byDate[in.date], in.lit)
	}
	known := knownRange(sc, p)
	for d := known.Start; d <= known.End; d++ {
		lits := byDate[d]
		if len(lits) < 2 {
			continue
		}
		req := e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: d, To: d, Limit: 1, Unit: "shifts",
			Detail: fmt.Sprintf("at most one shift starts on %s", d), Citation: r.Citation(), Pos: r.Pos})
		for i := range lits {
			for j := i + 1; j < len(lits); j++ {
				e.Require(req, lits[i].Not(), lits[j].Not())
			}
		}
	}
	type pairKey struct{ d1, d2 model.Date }
	reqs := map[pairKey]Req{}
	for i, a := range pi.list {
		for j := i + 1; j < len(pi.list) && pi.list[j].start < a.end; j++ {
			b := pi.list[j]
			if b.date == a.date || b.date < sc.Horizon.Start {
				continue
			}
			k := pairKey{a.date, b.date}
			req, ok := reqs[k]
			if !ok {
				req = e.Begin(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: k.d1, To: k.d2, Unit: "shifts",
					Detail:   fmt.Sprintf("shifts starting %s and %s must not overlap", k.d1, k.d2),
					Citation: r.Citation(), Pos: r.Pos})
				reqs[k] = req
			}
			e.Require(req, a.lit.Not(), b.lit.Not())
		}
	}
}

// Encode implements Rule: the person's own hard requirements, one
// requirement instance per item (shift type, date or history day) so that
// explanations name it.
func (r *Personal) Encode(e Encoder) {
	sc := e.Scenario()
	p := sc.Person(r.Staff)
	if p == nil {
		return
	}
	h := sc.Horizon
	f := e.True().Not()
	pi := instancesOf(e, p)
	prov := func(kind string, from, to model.Date, shift model.ShiftID, detail string, pos model.Pos) Provenance {
		if pos == (model.Pos{}) {
			pos = r.Pos
		}
		return Provenance{Kind: kind, Rule: r.Name(), Staff: p.ID, From: from, To: to, Shift: shift,
			Detail: detail, Citation: r.Citation(), Pos: pos}
	}
	forbidTouching := func(pv Provenance, c model.Date) {
		ins := pi.touching(c)
		if len(ins) == 0 {
			return
		}
		req := e.Begin(pv)
		for _, in := range ins {
			e.Require(req, in.lit.Not())
		}
	}

	// staff_shifts: shift types the person may not work.
	for _, s := range sc.Shifts {
		if p.CanWork(s.ID) {
			continue
		}
		var lits []Lit
		for d := h.Start; d <= h.End; d++ {
			if l := e.Start(p.ID, d, s.ID); l != f {
				lits = append(lits, l)
			}
		}
		if len(lits) == 0 {
			continue
		}
		req := e.Begin(prov("staff_shifts", h.Start, h.End, s.ID,
			fmt.Sprintf("%s does not work shift type %s", p.ID, s.ID), p.Pos))
		for _, l := range lits {
			e.Require(req, l.Not())
		}
	}

	// unavailable: a whole date (no instance touches it) or one start.
	for _, u := range p.Unavailable {
		if u.Shift == "" {
			forbidTouching(prov("unavailable", u.Date, u.Date, "",
				fmt.Sprintf("%s is unavailable on %s", p.ID, u.Date), u.Pos), u.Date)
			continue
		}
		l := e.Start(p.ID, u.Date, u.Shift)
		if l == f {
			continue
		}
		req := e.Begin(prov("unavailable", u.Date, u.Date, u.Shift,
			fmt.Sprintf("%s is unavailable for shift %s on %s", p.ID, u.Shift, u.Date), u.Pos))
		e.Require(req, l.Not())
	}

	// leave: a paid-leave day is a whole calendar day no instance touches.
	for i, d := range p.Leave {
		if !h.Contains(d) {
			continue
		}
		var pos model.Pos
		if i < len(p.LeavePos) {
			pos = p.LeavePos[i]
		}
		forbidTouching(prov("leave", d, d, "", fmt.Sprintf("%s is on paid leave on %s", p.ID, d), pos), d)
	}

	// requests_off: the date is a REST day.
	for i, d := range p.RequestsOff {
		var pos model.Pos
		if i < len(p.RequestsOffPos) {
			pos = p.RequestsOffPos[i]
		}
		forbidTouching(prov("requests_off", d, d, "", fmt.Sprintf("%s asked for %s off", p.ID, d), pos), d)
	}

	// fixed: pinned starts.
	for _, a := range p.Fixed {
		req := e.Begin(prov("fixed", a.Date, a.Date, a.Shift,
			fmt.Sprintf("%s is fixed to start shift %s on %s", p.ID, a.Shift, a.Date), a.Pos))
		e.Require(req, e.Start(p.ID, a.Date, a.Shift))
	}

	// history: every known day before the horizon is pinned: the listed
	// start true, every other start false (an unlisted day is a rest day).
	listed := map[model.Date]model.HistoryDay{}
	for _, hd := range p.History {
		if _, ok := listed[hd.Date]; !ok || hd.Shift != "" {
			listed[hd.Date] = hd
		}
	}
	for d := sc.KnownFrom(p); d < h.Start; d++ {
		hd, ok := listed[d]
		var detail string
		var shift model.ShiftID
		pos := p.Pos
		switch {
		case ok && hd.Shift != "":
			shift = hd.Shift
			detail = fmt.Sprintf("history: %s started shift %s on %s", p.ID, hd.Shift, d)
		case ok && hd.Leave:
			detail = fmt.Sprintf("history: %s was on paid leave on %s", p.ID, d)
		default:
			detail = fmt.Sprintf("history: %s started no shift on %s", p.ID, d)
		}
		if ok && hd.Pos != (model.Pos{}) {
			pos = hd.Pos
		}
		req := e.Begin(prov("history", d, d, shift, detail, pos))
		for _, s := range sc.Shifts {
			l := e.Start(p.ID, d, s.ID)
			if s.ID == shift {
				e.Require(req, l)
			} else if l != f {
				e.Require(req, l.Not())
			}
		}
		if shift != "" && sc.Shift(shift) == nil {
			e.Require(req, f)
		}
	}
}
