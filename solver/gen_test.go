package solver_test

// A deterministic random scenario generator for the property tests, and the
// helpers to clone, shrink and print a scenario. Everything is built from a
// seed with math/rand/v2's PCG, so a failing case is reproduced by its seed.

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// shiftPool holds the shift types a generated scenario draws from. It holds
// the boundary cases of RULES.md §1 and 2.7: a night shift crossing
// midnight, a shift ending at 24:00, a 24 h shift, a shift ending exactly at
// 22:00 and one starting exactly at 05:00 (night boundaries), and a shift
// whose break fails Art. 34 (never combined with the breaks rule).
var shiftPool = []model.ShiftType{
	{ID: "E", Name: "Early", Start: 7 * 60, End: 15 * 60, Break: 60},
	{ID: "L", Name: "Late", Start: 15 * 60, End: 24 * 60, Break: 60},
	{ID: "N", Name: "Night", Start: 22 * 60, End: 7 * 60, Break: 60},
	{ID: "D", Name: "Duty24", Start: 9 * 60, End: 9 * 60, Break: 120},
	{ID: "M", Name: "Mid", Start: 14 * 60, End: 22 * 60, Break: 45},
	{ID: "S", Name: "Dawn", Start: 5 * 60, End: 9 * 60},
	{ID: "X", Name: "Long", Start: 8 * 60, End: 20 * 60, Break: 30},
}

// shiftWeights makes the four shift types the brief names more frequent.
var shiftWeights = []int{5, 4, 5, 3, 2, 2, 1}

// genParams bounds the size of a generated scenario.
type genParams struct {
	// MaxPeople, MinDays, MaxDays, MaxShifts bound the scenario's size.
	MaxPeople, MinDays, MaxDays, MaxShifts int
	// MaxRowLog2 bounds log2 of the number of rows of one person
	// ((shifts+1)^days); 0 means no bound.
	MaxRowLog2 float64
	// MaxTotalLog2 bounds log2 of the number of rosters; 0 means no bound.
	MaxTotalLog2 float64
}

// tinyParams are the sizes brute force can enumerate.
var tinyParams = genParams{MaxPeople: 3, MinDays: 4, MaxDays: 10, MaxShifts: 3, MaxRowLog2: 12, MaxTotalLog2: 24}

// smallParams are larger cases, only for the solver-vs-checker tests.
var smallParams = genParams{MaxPeople: 4, MinDays: 7, MaxDays: 21, MaxShifts: 3}

type gen struct {
	r  *rand.Rand
	sc *model.Scenario
}

func (g *gen) chance(p float64) bool  { return g.r.Float64() < p }
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }
func (g *gen) date(off int) model.Date {
	return g.sc.Horizon.Start.Add(off)
}
func (g *gen) horizonDate() model.Date { return g.date(g.r.IntN(g.sc.Horizon.Days())) }
func (g *gen) shiftID() model.ShiftID  { return g.sc.Shifts[g.r.IntN(len(g.sc.Shifts))].ID }

func fptr(v float64) *float64 { return &v }
func iptr(v int) *int         { return &v }
func dptr(v model.Date) *model.Date {
	return &v
}

func log2(x float64) float64 {
	n := 0.0
	for x > 1 {
		x /= 2
		n++
	}
	return n
}

// generate builds the scenario of one seed.
func generate(seed uint64, gp genParams) *model.Scenario {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x5a17_5a17_5a17_5a17))}
	sc := &model.Scenario{Name: fmt.Sprintf("random case %d", seed)}
	g.sc = sc
	people := g.between(1, gp.MaxPeople)
	nShifts := g.between(2, gp.MaxShifts)
	days := g.between(gp.MinDays, gp.MaxDays)
	// Keep brute force tractable: shrink the shift count, then the days.
	for gp.MaxRowLog2 > 0 {
		rowLog := float64(days) * log2exact(nShifts+1)
		if rowLog <= gp.MaxRowLog2 && float64(people)*rowLog <= gp.MaxTotalLog2 {
			break
		}
		switch {
		case nShifts > 2 && g.chance(0.5):
			nShifts--
		case days > gp.MinDays:
			days--
		case nShifts > 2:
			nShifts--
		case people > 1:
			people--
		default:
			gp.MaxRowLog2 = 0
		}
	}
	start := model.MustDate("2026-01-05").Add(g.r.IntN(330))
	sc.Horizon = model.DateRange{Start: start, End: start.Add(days - 1)}
	sc.WeekStart = time.Weekday(g.r.IntN(7))

	// Shift types: a weighted sample without replacement.
	picked := map[int]bool{}
	for len(sc.Shifts) < nShifts {
		total := 0
		for i, w := range shiftWeights {
			if !picked[i] {
				total += w
			}
		}
		x := g.r.IntN(total)
		for i, w := range shiftWeights {
			if picked[i] {
				continue
			}
			if x < w {
				picked[i] = true
				st := shiftPool[i]
				sc.Shifts = append(sc.Shifts, &st)
				break
			}
			x -= w
		}
	}
	sort.Slice(sc.Shifts, func(i, j int) bool { return sc.Shifts[i].ID < sc.Shifts[j].ID })

	for i := 0; i < people; i++ {
		sc.Staff = append(sc.Staff, g.person(fmt.Sprintf("p%d", i+1)))
	}
	nDemand := g.r.IntN(4)
	if g.chance(0.3) {
		nDemand = 0
	}
	for i := 0; i < nDemand; i++ {
		sc.Demand = append(sc.Demand, g.demand())
	}
	if g.chance(0.25) {
		// Pressure: everyone who can works one shift type on (most)
		// days, so that rest-day, streak and hour rules bite.
		// Only on days everyone eligible is free for it.
		s := g.shiftID()
		dm := &model.Demand{Shift: s, Min: eligible(sc, s, "")}
		sparse := g.chance(0.4)
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			if freeFor(sc, s, d) && (!sparse || g.chance(0.75)) {
				dm.Dates = append(dm.Dates, d)
			}
		}
		if dm.Min > 0 && len(dm.Dates) > 0 {
			sc.Demand = append(sc.Demand, dm)
		}
	}
	nRules := []int{0, 1, 1, 1, 2, 2, 2, 3}[g.r.IntN(8)]
	for i := 0; i < nRules; i++ {
		sc.Rules = append(sc.Rules, g.rule())
	}
	return sc
}

// log2exact returns log2(n) for small n.
func log2exact(n int) float64 {
	switch n {
	case 1:
		return 0
	case 2:
		return 1
	case 3:
		return 1.585
	case 4:
		return 2
	case 5:
		return 2.322
	}
	return log2(float64(n))
}

func (g *gen) person(id string) *model.Staff {
	sc := g.sc
	p := &model.Staff{ID: model.StaffID(id), Name: id}
	for _, sk := range []string{"a", "b"} {
		if g.chance(0.5) {
			p.Skills = append(p.Skills, sk)
		}
	}
	p.Minor = g.chance(0.12)
	if g.chance(0.3) {
		for _, s := range sc.Shifts {
			if g.chance(0.5) {
				p.Shifts = append(p.Shifts, s.ID)
			}
		}
		if len(p.Shifts) == len(sc.Shifts) {
			p.Shifts = p.Shifts[1:]
		}
		if len(p.Shifts) == 0 {
			p.Shifts = []model.ShiftID{g.shiftID()}
		}
	}
	allowed := sc.Shifts
	if len(p.Shifts) > 0 {
		allowed = nil
		for _, s := range p.Shifts {
			allowed = append(allowed, sc.Shift(s))
		}
	}

	// History: 0-5 known days before the start, no overlapping instances,
	// leave only on untouched days.
	if n := g.r.IntN(6); n > 0 {
		var last model.Minute = -1 << 62
		touched := map[model.Date]bool{}
		for d := sc.Horizon.Start.Add(-n); d < sc.Horizon.Start; d++ {
			h := model.HistoryDay{Date: d}
			switch {
			case g.chance(0.5):
				st := allowed[g.r.IntN(len(allowed))]
				s, e := st.Interval(d)
				if s >= last && !touched[d] {
					h.Shift = st.ID
					last = e
					for _, c := range (model.Instance{Date: d, Shift: st}).TouchedDays() {
						touched[c] = true
					}
				}
			case g.chance(0.15) && !touched[d]:
				h.Leave = true
			}
			if h.Shift != "" || h.Leave || d == sc.Horizon.Start.Add(-n) || g.chance(0.3) {
				p.History = append(p.History, h)
			}
		}
	}

	leave := map[model.Date]bool{}
	unavail := map[model.Date]bool{}
	unavailPair := map[model.Date]model.ShiftID{}
	// Days a history instance reaches into: mostly kept free of leave and
	// unavailability, which would make the case trivially infeasible.
	histTouched := map[model.Date]bool{}
	if g.chance(0.8) {
		for _, h := range p.History {
			if h.Shift != "" {
				for _, c := range (model.Instance{Date: h.Date, Shift: sc.Shift(h.Shift)}).TouchedDays() {
					histTouched[c] = true
				}
			}
		}
	}
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		if histTouched[d] {
			continue
		}
		switch x := g.r.Float64(); {
		case x < 0.06:
			p.Leave = append(p.Leave, d)
			leave[d] = true
		case x < 0.12:
			p.Unavailable = append(p.Unavailable, model.Unavailable{Date: d})
			unavail[d] = true
		case x < 0.18:
			s := g.shiftID()
			p.Unavailable = append(p.Unavailable, model.Unavailable{Date: d, Shift: s})
			unavailPair[d] = s
		}
	}
	off := map[model.Date]bool{}
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		if !leave[d] && !histTouched[d] && g.chance(0.06) {
			p.RequestsOff = append(p.RequestsOff, d)
			off[d] = true
		}
	}
	// Fixed starts: mostly ones that do not trivially conflict (with a
	// request off, another fixed or history instance, or a minor's limits),
	// so that infeasibility comes from the rules more often than not.
	var busy [][2]model.Minute
	for _, h := range p.History {
		if h.Shift != "" {
			s, e := sc.Shift(h.Shift).Interval(h.Date)
			busy = append(busy, [2]model.Minute{s, e})
		}
	}
	careful := g.chance(0.8)
	for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
		if !g.chance(0.08) {
			continue
		}
		st := allowed[g.r.IntN(len(allowed))]
		if s, ok := unavailPair[d]; ok && s == st.ID {
			continue
		}
		ok := true
		for _, c := range (model.Instance{Date: d, Shift: st}).TouchedDays() {
			if leave[c] || unavail[c] || careful && off[c] {
				ok = false
			}
		}
		s, e := st.Interval(d)
		if careful {
			for _, b := range busy {
				if s < b[1] && b[0] < e {
					ok = false
				}
			}
			if p.Minor && (st.WorkMinutes() > 8*60 || isNight(st)) {
				ok = false
			}
		}
		if ok {
			p.Fixed = append(p.Fixed, model.Assignment{Date: d, Shift: st.ID})
			busy = append(busy, [2]model.Minute{s, e})
		}
	}

	if g.chance(0.2) {
		l := &p.Limits
		switch g.r.IntN(6) {
		case 0:
			l.MinDays = iptr(g.between(1, 3))
		case 1:
			l.MaxDays = iptr(g.between(0, 3))
		case 2:
			l.MaxHoursPerWeek = fptr(float64(g.between(8, 40)))
		case 3:
			l.MinHours = fptr(float64(g.between(4, 24)))
		case 4:
			l.MaxHours = fptr(float64(g.between(7, 30)))
		case 5:
			l.MaxShifts = map[model.ShiftID]int{g.shiftID(): g.between(0, 2)}
		}
	}
	return p
}

// isNight reports whether an instance of st meets 22:00-05:00 (RULES.md 2.7).
func isNight(st *model.ShiftType) bool {
	s, e := st.Start, st.Start+st.Span()
	for day := -1; day <= 2; day++ {
		ns, ne := day*model.MinutesPerDay+22*60, day*model.MinutesPerDay+29*60
		if s < ne && ns < e {
			return true
		}
	}
	return false
}

// eligible counts the people who may work shift s (and have skill, if set),
// leaving out minors for night or long shifts.
func eligible(sc *model.Scenario, s model.ShiftID, skill string) int {
	n := 0
	st := sc.Shift(s)
	for _, p := range sc.Staff {
		if !p.CanWork(s) || skill != "" && !p.HasSkill(skill) {
			continue
		}
		if p.Minor && (isNight(st) || st.WorkMinutes() > 8*60) {
			continue
		}
		n++
	}
	return n
}

// freeFor reports whether every person eligible for shift s may start it on
// d as far as leave, unavailability, requests off and fixed starts go.
func freeFor(sc *model.Scenario, s model.ShiftID, d model.Date) bool {
	st := sc.Shift(s)
	touched := (model.Instance{Date: d, Shift: st}).TouchedDays()
	for _, p := range sc.Staff {
		if !p.CanWork(s) || p.Minor && (isNight(st) || st.WorkMinutes() > 8*60) {
			continue
		}
		for _, c := range touched {
			if p.IsLeave(c) || slices.Contains(p.RequestsOff, c) {
				return false
			}
		}
		for _, u := range p.Unavailable {
			if u.Shift == "" && slices.Contains(touched, u.Date) || u.Shift == s && u.Date == d {
				return false
			}
		}
		for _, a := range p.Fixed {
			if a.Date == d && a.Shift != s {
				return false
			}
		}
	}
	return true
}

func (g *gen) demand() *model.Demand {
	sc := g.sc
	dm := &model.Demand{Shift: g.shiftID()}
	if g.chance(0.25) {
		dm.Skill = []string{"a", "b"}[g.r.IntN(2)]
	}
	// Mostly no more than the eligible people: demand nobody can meet
	// makes the case infeasible whatever the rules say.
	hi := min(eligible(sc, dm.Shift, dm.Skill), 2)
	if g.chance(0.1) {
		hi = 2
	}
	dm.Min = g.r.IntN(hi + 1)
	if g.chance(0.3) {
		dm.Max = iptr(dm.Min + g.r.IntN(2))
	}
	switch x := g.r.Float64(); {
	case x < 0.2:
		for w := time.Sunday; w <= time.Saturday; w++ {
			if g.chance(0.5) {
				dm.Weekdays = append(dm.Weekdays, w)
			}
		}
	case x < 0.4:
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			if g.chance(0.4) {
				dm.Dates = append(dm.Dates, d)
			}
		}
		if len(dm.Dates) == 0 {
			dm.Dates = []model.Date{g.horizonDate()}
		}
	}
	return dm
}

// anchor returns a block anchor before or inside the horizon.
func (g *gen) anchor() *model.Date { return dptr(g.date(g.between(-9, 4))) }

// busy returns 1-2 busy periods overlapping the horizon.
func (g *gen) busy(maxLo, maxHi int, allowDefault bool) []model.BusyPeriod {
	var out []model.BusyPeriod
	for i := g.between(1, 2); i > 0; i-- {
		s := g.date(g.between(-3, g.sc.Horizon.Days()-1))
		b := model.BusyPeriod{Range: model.DateRange{Start: s, End: s.Add(g.between(1, 8))}}
		// model.Parse requires max in a busy period, so the generator
		// always writes it; "allowDefault" writes variable_year's 12.
		b.Max = g.between(maxLo, maxHi)
		if allowDefault && g.chance(0.3) {
			b.Max = 12
		}
		out = append(out, b)
	}
	return out
}

// breaksOK reports whether every shift type passes the breaks rule.
func breaksOK(sc *model.Scenario, extra bool) bool {
	for _, s := range sc.Shifts {
		if s.Break < constraints.RequiredBreak(s.WorkMinutes(), extra) {
			return false
		}
	}
	return true
}

// rule draws one rule entry with small parameters that bite in 4-10 days.
func (g *gen) rule() *model.RuleSpec {
	rs := &model.RuleSpec{}
	for {
		switch g.r.IntN(22) {
		case 0, 1:
			rs.Rule = "max_consecutive_days"
			rs.Max = fptr(float64(g.between(2, 5)))
			if g.chance(0.4) {
				rs.BusyPeriods = g.busy(1, 6, false)
			}
		case 2, 3:
			rs.Rule = "holidays"
			if g.chance(0.2) {
				rs.Scheme = []string{"weekly", "2w2d", "4w4d"}[g.r.IntN(3)]
			}
			if rs.Scheme == "" || g.chance(0.5) {
				rs.BlockDays = iptr(g.between(3, 7))
				rs.RestDays = iptr(g.between(1, 2))
			}
			if g.chance(0.5) {
				rs.HolidayWork = iptr(g.between(0, 1))
			}
			if rs.Scheme != "weekly" || g.chance(0.5) {
				rs.Anchor = g.anchor()
			}
		case 4, 5:
			rs.Rule = "rest_interval"
			h := g.between(8, 16)
			rs.Hours = fptr(float64(h))
			if g.chance(0.4) {
				rs.Reduced = &model.Reduced{Hours: float64(g.between(max(1, h-6), h-1))}
				if g.chance(0.6) {
					rs.Reduced.Max = iptr(g.between(0, 2))
				}
			}
		case 6:
			rs.Rule = "rest_within"
			rs.WindowHours = fptr(24)
			rs.RestHours = fptr(float64(g.between(8, 12)))
			if g.chance(0.2) {
				rs.WindowHours, rs.RestHours = fptr(46), fptr(18)
			}
		case 7:
			rs.Rule = "weekly_rest"
			rs.Days = iptr(g.between(3, 4))
			rs.Hours = fptr(float64(g.between(20, 40)))
			if g.chance(0.4) {
				rs.Alt = &model.AltRest{Hours: float64(g.between(30, 60)), Days: g.between(5, 8)}
			}
		case 8, 9, 10:
			rs.Rule = []string{"max_hours", "min_hours", "max_days", "min_days"}[g.r.IntN(4)]
			rs.Per = []string{"day", "week", "block", "horizon", ""}[g.r.IntN(5)]
			if rs.Per == "block" {
				rs.BlockDays = iptr(g.between(2, 5))
				rs.Anchor = g.anchor()
			}
			isMax := strings.HasPrefix(rs.Rule, "max")
			var v int
			hours := strings.HasSuffix(rs.Rule, "_hours")
			switch rs.Per {
			case "day":
				if isMax {
					v = []int{0, 1}[g.r.IntN(2)]
					if hours {
						v = g.between(6, 12)
					}
				} else {
					v = 0
					if hours {
						v = g.between(0, 8)
					}
				}
			case "week", "block":
				v = g.between(1, 4)
				if hours {
					v = g.between(7, 32)
				}
			default:
				v = g.between(1, 5)
				if hours {
					v = g.between(7, 40)
				}
			}
			if isMax {
				rs.Max = fptr(float64(v))
			} else {
				rs.Min = fptr(float64(v))
			}
		case 11:
			rs.Rule = "night_work"
			rs.Max = fptr(float64(g.between(0, 2)))
		case 12:
			rs.Rule = []string{"variable_year", "jp-variable-year"}[g.r.IntN(2)]
			if g.chance(0.7) {
				rs.BusyPeriods = g.busy(2, 4, true)
			}
			if g.chance(0.15) {
				s := g.date(-g.between(0, 20))
				rs.Period = &model.DateRange{Start: s, End: s.Add(g.between(30, 120))}
			}
		case 13:
			extra := g.chance(0.3)
			if !breaksOK(g.sc, extra) {
				continue
			}
			rs.Rule = "breaks"
			if extra {
				rs.ExtraAfter12h = &extra
			}
		case 14:
			rs.Rule = []string{"jp-weekly", "jp-2w2d", "jp-4w4d", "jp-holiday-work-cap"}[g.r.IntN(4)]
			if rs.Rule != "jp-weekly" || g.chance(0.5) {
				rs.Anchor = g.anchor()
			}
			if rs.Rule != "jp-holiday-work-cap" && g.chance(0.3) {
				rs.HolidayWork = iptr(g.between(0, 1))
			}
		case 15:
			rs.Rule = "jp-13days"
			rs.BusyPeriods = g.busy(1, 4, false)
		case 16:
			rs.Rule = "interval-11h"
			if g.chance(0.4) {
				rs.Reduced = &model.Reduced{Hours: float64(g.between(7, 10))}
				if g.chance(0.6) {
					rs.Reduced.Max = iptr(g.between(0, 2))
				}
			}
		case 17:
			rs.Rule = "jp-doctor"
			if g.chance(0.3) {
				rs.WindowHours, rs.RestHours = fptr(46), fptr(18)
			}
		case 18:
			rs.Rule = "jp-driver"
		case 19:
			rs.Rule = "eu-wtd"
		case 20:
			rs.Rule = "uk-wtr"
		case 21:
			rs.Rule = "holidays"
			rs.BlockDays = iptr(g.between(2, 4))
			rs.RestDays = iptr(1)
			rs.Anchor = g.anchor()
		}
		return rs
	}
}

// fillKeys records in rs.Keys every parameter set, as the YAML loader does.
func fillKeys(rs *model.RuleSpec) {
	k := map[string]model.Pos{"rule": {}}
	set := func(name string, ok bool) {
		if ok {
			k[name] = model.Pos{}
		}
	}
	set("max", rs.Max != nil)
	set("min", rs.Min != nil)
	set("busy_periods", rs.BusyPeriods != nil)
	set("scheme", rs.Scheme != "")
	set("anchor", rs.Anchor != nil)
	set("block_days", rs.BlockDays != nil)
	set("rest_days", rs.RestDays != nil)
	set("holiday_work", rs.HolidayWork != nil)
	set("hours", rs.Hours != nil)
	set("reduced", rs.Reduced != nil)
	set("window_hours", rs.WindowHours != nil)
	set("rest_hours", rs.RestHours != nil)
	set("per", rs.Per != "")
	set("days", rs.Days != nil)
	set("alt", rs.Alt != nil)
	set("period", rs.Period != nil)
	set("extra_after_12h", rs.ExtraAfter12h != nil)
	rs.Keys = k
}

// compile fills the rule keys and compiles the scenario's rules.
func compile(sc *model.Scenario) ([]constraints.Rule, error) {
	for _, rs := range sc.Rules {
		fillKeys(rs)
	}
	return constraints.Compile(sc)
}

// cloneScenario deep-copies a scenario (through JSON: every field is exported data).
func cloneScenario(sc *model.Scenario) *model.Scenario {
	b, err := json.Marshal(sc)
	if err != nil {
		panic(err)
	}
	var out model.Scenario
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return &out
}

// sanitize drops references that a shrinking step left dangling: shift
// types that no longer exist, dates outside the horizon.
func sanitize(sc *model.Scenario) {
	ok := func(id model.ShiftID) bool { return id == "" || sc.Shift(id) != nil }
	in := sc.Horizon.Contains
	for _, p := range sc.Staff {
		p.Shifts = filter(p.Shifts, func(s model.ShiftID) bool { return ok(s) })
		p.Unavailable = filter(p.Unavailable, func(u model.Unavailable) bool { return ok(u.Shift) && in(u.Date) })
		p.Leave = filter(p.Leave, in)
		p.RequestsOff = filter(p.RequestsOff, in)
		p.Fixed = filter(p.Fixed, func(a model.Assignment) bool {
			return ok(a.Shift) && in(a.Date) && p.CanWork(a.Shift)
		})
		p.History = filter(p.History, func(h model.HistoryDay) bool { return ok(h.Shift) })
		for s := range p.Limits.MaxShifts {
			if !ok(s) {
				delete(p.Limits.MaxShifts, s)
			}
		}
	}
	sc.Demand = filter(sc.Demand, func(d *model.Demand) bool { return ok(d.Shift) })
	for _, d := range sc.Demand {
		if len(d.Dates) > 0 {
			d.Dates = filter(d.Dates, in)
			if len(d.Dates) == 0 {
				d.Dates = []model.Date{sc.Horizon.Start}
			}
		}
	}
}

func filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// shrinkSteps returns every one-step simplification of sc, simplest first.
func shrinkSteps(sc *model.Scenario) []func(*model.Scenario) {
	var steps []func(*model.Scenario)
	add := func(f func(*model.Scenario)) { steps = append(steps, f) }
	for i := range sc.Staff {
		if len(sc.Staff) > 1 {
			add(func(s *model.Scenario) { s.Staff = del(s.Staff, i) })
		}
	}
	if sc.Horizon.Days() > 1 {
		add(func(s *model.Scenario) { s.Horizon.End-- })
		add(func(s *model.Scenario) {
			// Drop the first day; it and the history become unknown.
			s.Horizon.Start++
			for _, p := range s.Staff {
				p.History = nil
			}
		})
	}
	for i := range sc.Rules {
		add(func(s *model.Scenario) { s.Rules = del(s.Rules, i) })
	}
	for i := range sc.Demand {
		add(func(s *model.Scenario) { s.Demand = del(s.Demand, i) })
	}
	for i := range sc.Shifts {
		if len(sc.Shifts) > 1 {
			add(func(s *model.Scenario) { s.Shifts = del(s.Shifts, i) })
		}
	}
	for pi, p := range sc.Staff {
		for i := range p.History {
			add(func(s *model.Scenario) { s.Staff[pi].History = del(s.Staff[pi].History, i) })
		}
		if len(p.History) > 0 {
			add(func(s *model.Scenario) { s.Staff[pi].History = nil })
		}
		for i := range p.Fixed {
			add(func(s *model.Scenario) { s.Staff[pi].Fixed = del(s.Staff[pi].Fixed, i) })
		}
		for i := range p.Leave {
			add(func(s *model.Scenario) { s.Staff[pi].Leave = del(s.Staff[pi].Leave, i) })
		}
		for i := range p.Unavailable {
			add(func(s *model.Scenario) { s.Staff[pi].Unavailable = del(s.Staff[pi].Unavailable, i) })
		}
		for i := range p.RequestsOff {
			add(func(s *model.Scenario) { s.Staff[pi].RequestsOff = del(s.Staff[pi].RequestsOff, i) })
		}
		if len(p.Shifts) > 0 {
			add(func(s *model.Scenario) { s.Staff[pi].Shifts = nil })
		}
		if len(p.Skills) > 0 {
			add(func(s *model.Scenario) { s.Staff[pi].Skills = nil })
		}
		if p.Minor {
			add(func(s *model.Scenario) { s.Staff[pi].Minor = false })
		}
		if p.Limits.MinDays != nil || p.Limits.MaxDays != nil || p.Limits.MaxHoursPerWeek != nil ||
			p.Limits.MinHours != nil || p.Limits.MaxHours != nil || p.Limits.MaxShifts != nil {
			add(func(s *model.Scenario) { s.Staff[pi].Limits = model.Limits{} })
		}
	}
	for i, rs := range sc.Rules {
		if len(rs.BusyPeriods) > 0 {
			add(func(s *model.Scenario) { s.Rules[i].BusyPeriods = nil })
		}
		if rs.Reduced != nil {
			add(func(s *model.Scenario) { s.Rules[i].Reduced = nil })
		}
		if rs.Alt != nil {
			add(func(s *model.Scenario) { s.Rules[i].Alt = nil })
		}
		if rs.HolidayWork != nil {
			add(func(s *model.Scenario) { s.Rules[i].HolidayWork = nil })
		}
	}
	for i, d := range sc.Demand {
		if d.Max != nil {
			add(func(s *model.Scenario) { s.Demand[i].Max = nil })
		}
		if d.Skill != "" {
			add(func(s *model.Scenario) { s.Demand[i].Skill = "" })
		}
		if d.Min > 0 {
			add(func(s *model.Scenario) { s.Demand[i].Min-- })
		}
	}
	return steps
}

func del[T any](xs []T, i int) []T {
	out := append([]T(nil), xs[:i]...)
	return append(out, xs[i+1:]...)
}

// shrink greedily applies simplifications of sc while still(sc) holds and
// the time budget lasts; it returns the smallest scenario found.
func shrink(sc *model.Scenario, still func(*model.Scenario) bool, budget time.Duration) *model.Scenario {
	deadline := time.Now().Add(budget)
	cur := cloneScenario(sc)
	for changed := true; changed && time.Now().Before(deadline); {
		changed = false
		for _, step := range shrinkSteps(cur) {
			if time.Now().After(deadline) {
				break
			}
			cand := cloneScenario(cur)
			step(cand)
			sanitize(cand)
			if still(cand) {
				cur = cand
				changed = true
				break
			}
		}
	}
	return cur
}

// scenarioYAML prints sc in the scenario format of FORMAT.md, so that a
// failing case can be replayed with the CLI.
func scenarioYAML(sc *model.Scenario) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("name: %q\n", sc.Name)
	w("horizon: {start: %s, end: %s}\n", sc.Horizon.Start, sc.Horizon.End)
	w("week_start: %s\n", strings.ToLower(sc.WeekStart.String()))
	w("shifts:\n")
	for _, s := range sc.Shifts {
		w("  - {id: %s, start: %q, end: %q, break: %d}\n", s.ID, model.FormatClock(s.Start), model.FormatClock(s.End), s.Break)
	}
	w("staff:\n")
	for _, p := range sc.Staff {
		w("  - id: %s\n", p.ID)
		if len(p.Skills) > 0 {
			w("    skills: [%s]\n", strings.Join(p.Skills, ", "))
		}
		if p.Minor {
			w("    minor: true\n")
		}
		if len(p.Shifts) > 0 {
			w("    shifts: [%s]\n", joinShiftIDs(p.Shifts))
		}
		if len(p.Unavailable) > 0 {
			var xs []string
			for _, u := range p.Unavailable {
				if u.Shift == "" {
					xs = append(xs, u.Date.String())
				} else {
					xs = append(xs, fmt.Sprintf("{date: %s, shift: %s}", u.Date, u.Shift))
				}
			}
			w("    unavailable: [%s]\n", strings.Join(xs, ", "))
		}
		if len(p.Leave) > 0 {
			w("    leave: [%s]\n", joinDates(p.Leave))
		}
		if len(p.RequestsOff) > 0 {
			w("    requests_off: [%s]\n", joinDates(p.RequestsOff))
		}
		if len(p.Fixed) > 0 {
			var xs []string
			for _, a := range p.Fixed {
				xs = append(xs, fmt.Sprintf("{date: %s, shift: %s}", a.Date, a.Shift))
			}
			w("    fixed: [%s]\n", strings.Join(xs, ", "))
		}
		if l := limitsYAML(p.Limits); l != "" {
			w("    limits: {%s}\n", l)
		}
		if len(p.History) > 0 {
			w("    history:\n")
			for _, h := range p.History {
				switch {
				case h.Shift != "":
					w("      - {date: %s, shift: %s}\n", h.Date, h.Shift)
				case h.Leave:
					w("      - {date: %s, status: leave}\n", h.Date)
				default:
					w("      - {date: %s, status: rest}\n", h.Date)
				}
			}
		}
	}
	if len(sc.Demand) > 0 {
		w("demand:\n")
		for _, d := range sc.Demand {
			xs := []string{"shift: " + string(d.Shift), fmt.Sprintf("min: %d", d.Min)}
			if d.Max != nil {
				xs = append(xs, fmt.Sprintf("max: %d", *d.Max))
			}
			if d.Skill != "" {
				xs = append(xs, "skill: "+d.Skill)
			}
			if len(d.Weekdays) > 0 {
				var ws []string
				for _, x := range d.Weekdays {
					ws = append(ws, strings.ToLower(x.String()[:3]))
				}
				xs = append(xs, "weekdays: ["+strings.Join(ws, ", ")+"]")
			}
			if len(d.Dates) > 0 {
				xs = append(xs, "dates: ["+joinDates(d.Dates)+"]")
			}
			w("  - {%s}\n", strings.Join(xs, ", "))
		}
	}
	if len(sc.Rules) > 0 {
		w("rules:\n")
		for _, rs := range sc.Rules {
			w("  - {%s}\n", ruleYAML(rs))
		}
	}
	return b.String()
}

func ruleYAML(rs *model.RuleSpec) string {
	xs := []string{"rule: " + rs.Rule}
	num := func(k string, v *float64) {
		if v != nil {
			xs = append(xs, fmt.Sprintf("%s: %g", k, *v))
		}
	}
	intp := func(k string, v *int) {
		if v != nil {
			xs = append(xs, fmt.Sprintf("%s: %d", k, *v))
		}
	}
	num("max", rs.Max)
	num("min", rs.Min)
	if rs.Scheme != "" {
		xs = append(xs, "scheme: "+rs.Scheme)
	}
	if rs.Anchor != nil {
		xs = append(xs, "anchor: "+rs.Anchor.String())
	}
	intp("block_days", rs.BlockDays)
	intp("rest_days", rs.RestDays)
	intp("holiday_work", rs.HolidayWork)
	num("hours", rs.Hours)
	if rs.Reduced != nil {
		s := fmt.Sprintf("reduced: {hours: %g", rs.Reduced.Hours)
		if rs.Reduced.Max != nil {
			s += fmt.Sprintf(", max: %d", *rs.Reduced.Max)
		}
		xs = append(xs, s+"}")
	}
	num("window_hours", rs.WindowHours)
	num("rest_hours", rs.RestHours)
	if rs.Per != "" {
		xs = append(xs, "per: "+rs.Per)
	}
	intp("days", rs.Days)
	if rs.Alt != nil {
		xs = append(xs, fmt.Sprintf("alt: {hours: %g, days: %d}", rs.Alt.Hours, rs.Alt.Days))
	}
	if rs.Period != nil {
		xs = append(xs, fmt.Sprintf("period: {start: %s, end: %s}", rs.Period.Start, rs.Period.End))
	}
	if rs.ExtraAfter12h != nil {
		xs = append(xs, fmt.Sprintf("extra_after_12h: %v", *rs.ExtraAfter12h))
	}
	if len(rs.BusyPeriods) > 0 {
		var bs []string
		for _, b := range rs.BusyPeriods {
			s := fmt.Sprintf("{start: %s, end: %s", b.Range.Start, b.Range.End)
			if b.Max != 0 {
				s += fmt.Sprintf(", max: %d", b.Max)
			}
			bs = append(bs, s+"}")
		}
		xs = append(xs, "busy_periods: ["+strings.Join(bs, ", ")+"]")
	}
	return strings.Join(xs, ", ")
}

func limitsYAML(l model.Limits) string {
	var xs []string
	if l.MinDays != nil {
		xs = append(xs, fmt.Sprintf("min_days: %d", *l.MinDays))
	}
	if l.MaxDays != nil {
		xs = append(xs, fmt.Sprintf("max_days: %d", *l.MaxDays))
	}
	if l.MaxHoursPerWeek != nil {
		xs = append(xs, fmt.Sprintf("max_hours_per_week: %g", *l.MaxHoursPerWeek))
	}
	if l.MinHours != nil {
		xs = append(xs, fmt.Sprintf("min_hours: %g", *l.MinHours))
	}
	if l.MaxHours != nil {
		xs = append(xs, fmt.Sprintf("max_hours: %g", *l.MaxHours))
	}
	if len(l.MaxShifts) > 0 {
		var ids []string
		for s := range l.MaxShifts {
			ids = append(ids, string(s))
		}
		sort.Strings(ids)
		var ms []string
		for _, s := range ids {
			ms = append(ms, fmt.Sprintf("%s: %d", s, l.MaxShifts[model.ShiftID(s)]))
		}
		xs = append(xs, "max_shifts: {"+strings.Join(ms, ", ")+"}")
	}
	return strings.Join(xs, ", ")
}

func joinDates(ds []model.Date) string {
	xs := make([]string, len(ds))
	for i, d := range ds {
		xs[i] = d.String()
	}
	return strings.Join(xs, ", ")
}

func joinShiftIDs(ids []model.ShiftID) string {
	xs := make([]string, len(ids))
	for i, s := range ids {
		xs[i] = string(s)
	}
	return strings.Join(xs, ", ")
}

// rosterString prints a roster in the CSV form of FORMAT.md (history too,
// in brackets), one line per person.
func rosterString(r *model.Roster) string {
	if r == nil {
		return "<nil roster>"
	}
	sc := r.Scenario
	var b strings.Builder
	for _, p := range sc.Staff {
		fmt.Fprintf(&b, "%s:", p.ID)
		for _, h := range p.History {
			switch {
			case h.Shift != "":
				fmt.Fprintf(&b, " [%s %s]", h.Date, h.Shift)
			case h.Leave:
				fmt.Fprintf(&b, " [%s LV]", h.Date)
			}
		}
		for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
			s := string(r.Starts[p.ID][d])
			if s == "" {
				s = "-"
				if p.IsLeave(d) {
					s = "LV"
				}
			}
			fmt.Fprintf(&b, " %s", s)
		}
		// Starts outside the horizon are a solver bug worth seeing.
		for d, s := range r.Starts[p.ID] {
			if !sc.Horizon.Contains(d) {
				fmt.Fprintf(&b, " (outside horizon: %s %s)", d, s)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func violationsString(vs []constraints.Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s (%s) staff=%s %s..%s shift=%s measured=%d limit=%d %s: %s\n",
			v.Kind, v.Rule, v.Staff, v.From, v.To, v.Shift, v.Measured, v.Limit, v.Unit, v.Message)
	}
	return b.String()
}

// TestGeneratorIsDeterministic: the same seed gives the same scenario.
func TestGeneratorIsDeterministic(t *testing.T) {
	for seed := uint64(1); seed <= 50; seed++ {
		a, b := scenarioYAML(generate(seed, tinyParams)), scenarioYAML(generate(seed, tinyParams))
		if a != b {
			t.Fatalf("seed %d: two generations differ:\n%s\n---\n%s", seed, a, b)
		}
	}
}

// TestGeneratedScenariosLoad: every generated scenario, printed as YAML,
// is accepted by model.Parse (the generator only produces valid input) and
// compiles to the same rules as the scenario built in code.
func TestGeneratedScenariosLoad(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 50
	}
	bad := 0
	for seed := uint64(1); seed <= uint64(n); seed++ {
		sc := generate(seed, tinyParams)
		text := scenarioYAML(sc)
		parsed, err := parseScenario(fmt.Sprintf("case%d.yaml", seed), []byte(text))
		if err != nil {
			bad++
			if bad <= 3 {
				t.Errorf("seed %d: the generated scenario does not load:\n%v\n%s", seed, err, text)
			}
			continue
		}
		r1, err1 := compile(sc)
		r2, err2 := constraints.Compile(parsed)
		if (err1 == nil) != (err2 == nil) || len(r1) != len(r2) {
			t.Errorf("seed %d: compiling the built scenario gives %d rules (err %v), the loaded one %d rules (err %v)\n%s",
				seed, len(r1), err1, len(r2), err2, text)
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d generated scenarios do not load", bad, n)
	}
}

// parseScenario calls model.Parse, turning a panic (a loader still being
// written) into an error.
func parseScenario(file string, data []byte) (sc *model.Scenario, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in model.Parse: %v", r)
		}
	}()
	return model.Parse(file, data)
}
