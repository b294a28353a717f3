package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// This file holds the soft count and run bounds: a max_consecutive_days,
// max_days, min_days, max_hours or min_hours rule entry (or the jp-13days
// preset) written with `weight: W`. Such a rule forbids nothing; each unit
// over or under the bound costs W. Encode (the *Encode methods below)
// reads the bound with the encoding helpers of the hard rules (windows of
// encode_days.go, periods of encode_sums.go); Cost reads the roster with
// the checking helpers (check.go, check_days.go, check_sums.go). The two
// share no logic.

// SoftMaxConsecutiveDays is a max_consecutive_days rule with a weight: its
// windows are exactly those of the hard rule Cap (MaxConsecutiveDays: every
// window of Cap.Max+1 consecutive known days of a person that contains a
// day outside every busy period, and every window of b.Max+1 days lying
// wholly inside busy period b, windows wholly in the history excepted;
// windows with an unknown day are not judged), and each window without a
// REST day costs Weight. A run of n consecutive non-REST days (WORK or
// LEAVE, history included) outside busy periods thus costs (n - Max) *
// Weight when its last day is in the horizon and its first day is at most
// Max days before the horizon start (windows ending before the horizon
// cost nothing).
type SoftMaxConsecutiveDays struct {
	// Cap is the bound made soft (its name, citation, Max and Busy).
	Cap MaxConsecutiveDays
	// Weight is the cost of each window without a REST day (>= 1).
	Weight int
}

// Kind implements Rule: the kind of the bound, max_consecutive_days.
func (r *SoftMaxConsecutiveDays) Kind() string { return r.Cap.Kind() }

// Name implements Rule.
func (r *SoftMaxConsecutiveDays) Name() string { return r.Cap.Name() }

// Citation implements Rule.
func (r *SoftMaxConsecutiveDays) Citation() string { return r.Cap.Citation() }

// Check implements Rule: a soft bound is never violated (see Cost).
func (*SoftMaxConsecutiveDays) Check(*model.Roster) []Violation { return nil }

// SoftSumBound is a max_days, min_days, max_hours or min_hours rule with a
// weight: per person and fixed period, exactly as the hard rule Bound
// (SumBound: the sum counts the shifts, or their work minutes, starting on
// the known days of the period, history included except for PerHorizon; a
// minimum is judged only on periods wholly inside the person's known days),
// each unit the sum is over the maximum, or under the minimum, costs
// Weight. The unit is a shift (max_days, min_days) or an hour, rounded up:
// a sum 61 minutes over a max_hours bound costs 2 * Weight, one 30 minutes
// under a min_hours bound costs Weight.
type SoftSumBound struct {
	// Bound is the bound made soft.
	Bound SumBound
	// Weight is the cost of each unit over or under the bound (>= 1).
	Weight int
}

// Kind implements Rule: the kind of the bound (max_days ...).
func (b *SoftSumBound) Kind() string { return b.Bound.Kind() }

// Name implements Rule.
func (b *SoftSumBound) Name() string { return b.Bound.Name() }

// Citation implements Rule.
func (b *SoftSumBound) Citation() string { return b.Bound.Citation() }

// Check implements Rule: a soft bound is never violated (see Cost).
func (*SoftSumBound) Check(*model.Roster) []Violation { return nil }

// ---- Encode ----

// Encode implements Rule: per person and window of the hard rule (see
// MaxConsecutiveDays.Encode), a literal defined both ways as "every
// non-leave day of the window is touched by an instance" (a leave day is
// a constant non-rest day) is penalised with Weight.
func (r *SoftMaxConsecutiveDays) Encode(e Encoder) {
	sc := e.Scenario()
	m := &r.Cap
	for _, p := range sc.Staff {
		known := knownRange(sc, p)
		window := func(from model.Date, max int, pos model.Pos, detail string) {
			to := from.Add(max)
			var busy []Lit
			for c := from; c <= to; c++ {
				if !p.IsLeave(c) {
					busy = append(busy, e.Touched(p.ID, c))
				}
			}
			e.Penalize(Provenance{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: from, To: to,
				Limit: max, Unit: "days", Detail: detail, Citation: r.Citation(), Pos: pos}, andLit(e, busy), r.Weight)
		}
		normal := fmt.Sprintf("at most %s in a row without a rest day (soft, weight %d per window of %d days)",
			plural(m.Max, "consecutive work day"), r.Weight, m.Max+1)
		for w := known.Start; w.Add(m.Max) <= known.End; w++ {
			if w.Add(m.Max) >= sc.Horizon.Start && m.outsideBusy(w, w.Add(m.Max)) {
				window(w, m.Max, m.Pos, normal)
			}
		}
		for _, b := range m.Busy {
			pos := b.Pos
			if pos == (model.Pos{}) {
				pos = m.Pos
			}
			in := intersect(b.Range, known)
			detail := fmt.Sprintf("at most %s in a row inside the busy period %s..%s (soft, weight %d per window of %d days)",
				plural(b.Max, "consecutive work day"), b.Range.Start, b.Range.End, r.Weight, b.Max+1)
			for w := in.Start; w.Add(b.Max) <= in.End; w++ {
				if w.Add(b.Max) >= sc.Horizon.Start {
					window(w, b.Max, pos, detail)
				}
			}
		}
	}
}

// Encode implements Rule: per person and period of the hard rule (see
// SumBound.Encode), a counter of the sum, and one penalty per unit over
// the maximum (or under the minimum), each true exactly when the sum
// reaches past that unit.
//
// The counter is a totalizer (countUnary) over one unary leaf per day, in
// units of the greatest common divisor g of the work minutes that can
// start in the period (1 for days): leaf k of a day is the disjunction of
// its start literals worth more than k units. A day counts the units of
// the one shift that starts on it (the one-start-per-date requirement of
// Structure holds in every model), so the counter holds the sum exactly.
// Its size grows with the square of the period's units: with shift types
// whose work times have a small common divisor (7.5 h and 8 h: 30 min) a
// soft hour bound per month is large; per day or per week it is small.
func (b *SoftSumBound) Encode(e Encoder) {
	sc := e.Scenario()
	sb := &b.Bound
	f, t := e.True().Not(), e.True()
	for _, p := range sc.Staff {
		if (sb.Staff != "" && p.ID != sb.Staff) || (sb.MinorsOnly && !p.Minor) {
			continue
		}
		known := knownRange(sc, p)
		for _, per := range sb.periods(sc) {
			part := intersect(per, known)
			if sb.Per == PerHorizon {
				part = intersect(per, sc.Horizon)
			}
			if part.Days() <= 0 || (!sb.Max && part != per) {
				continue
			}
			// The items of each day: start literals and their worth.
			type item struct {
				lit Lit
				w   int
			}
			offset, g, total := 0, 0, 0
			var days [][]item
			for d := part.Start; d <= part.End; d++ {
				var day []item
				fixed := false
				for _, s := range sc.Shifts {
					if sb.Shift != "" && s.ID != sb.Shift {
						continue
					}
					w := 1
					if sb.Hours {
						w = s.WorkMinutes()
					}
					l := e.Start(p.ID, d, s.ID)
					if l == f || w <= 0 {
						continue
					}
					if l == t {
						offset += w
						fixed = true
						continue
					}
					day = append(day, item{l, w})
				}
				if fixed || len(day) == 0 {
					continue // a fixed start excludes the day's others
				}
				top := 0
				for _, it := range day {
					g = gcd(g, it.w)
					top = max(top, it.w)
				}
				total += top
				days = append(days, day)
			}
			// thresholds[k]: "the sum is at least T"; the penalty of unit
			// k+1 is thresholds[k] (maximum) or its negation (minimum).
			var thresholds []int
			step := 1
			if sb.Hours {
				step = 60
			}
			if sb.Max {
				for k := 1; sb.Limit+step*(k-1)+1 <= offset+total; k++ {
					thresholds = append(thresholds, sb.Limit+step*(k-1)+1)
				}
			} else {
				for k := 1; sb.Limit-step*(k-1) > 0; k++ {
					thresholds = append(thresholds, sb.Limit-step*(k-1))
				}
			}
			if len(thresholds) == 0 {
				continue
			}
			if g == 0 {
				g = 1
			}
			// Level L of the counter: "at least L units of g".
			level := func(T int) int { return ceilDiv(T-offset, g) }
			upTo := 0
			for _, T := range thresholds {
				upTo = max(upTo, level(T))
			}
			var leaves [][]Lit
			for _, day := range days {
				top := 0
				for _, it := range day {
					top = max(top, it.w/g)
				}
				leaf := make([]Lit, top)
				for k := range leaf {
					var ls []Lit
					for _, it := range day {
						if it.w/g >= k+1 {
							ls = append(ls, it.lit)
						}
					}
					leaf[k] = orLit(e, ls)
				}
				leaves = append(leaves, leaf)
			}
			o := countUnary(e, leaves, upTo)
			atLeast := func(T int) Lit {
				switch L := level(T); {
				case L <= 0:
					return t
				case L > len(o):
					return f
				default:
					return o[L-1]
				}
			}
			what, side, pvUnit := "day", "over", "days"
			if sb.Hours {
				what, pvUnit = "hour", "minutes"
			}
			if !sb.Max {
				side = "under"
			}
			for k, T := range thresholds {
				lit := atLeast(T)
				if !sb.Max {
					lit = lit.Not()
				}
				e.Penalize(Provenance{Kind: b.Kind(), Rule: b.Name(), Staff: p.ID, From: per.Start, To: per.End,
					Shift: sb.Shift, Limit: sb.Limit, Unit: pvUnit, Citation: b.Citation(), Pos: sb.Pos,
					Detail: fmt.Sprintf("%s (soft, weight %d per %s %s): %s %d %s", sb.detail(per, part), b.Weight, what, side, what, k+1, side)},
					lit, b.Weight)
			}
		}
	}
}

// ceilDiv returns a / b rounded up, for b > 0 and any a.
func ceilDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a > 0 {
		q++
	}
	return q
}

// ---- Cost ----

// Cost implements SoftRule. It reads each person's maximal runs of
// consecutive non-REST known days (as Check of the hard rule does) and,
// per run, counts the windows it holds: for the normal cap, the windows of
// Max+1 days of the run that end in the horizon and hold a day outside
// every busy period; for each busy period, the windows of its cap + 1
// days inside both the run and the period that end in the horizon. One
// item per run and cap, with the run (or its part in the busy period) as
// From/To and the windows as Units.
func (r *SoftMaxConsecutiveDays) Cost(ro *model.Roster) []CostItem {
	m := &r.Cap
	hs := ro.Scenario.Horizon.Start
	var out []CostItem
	for _, p := range ro.Scenario.Staff {
		v := checkViewOf(ro, p)
		for s := v.from; s <= v.to; s++ {
			if v.status[s] == model.Rest || (s > v.from && v.status[s-1] != model.Rest) {
				continue
			}
			e := s
			for e+1 <= v.to && v.status[e+1] != model.Rest {
				e++
			}
			n := int(e-s) + 1
			windows := 0
			for w := s; w.Add(m.Max) <= e; w++ {
				if w.Add(m.Max) >= hs && m.checkAnyOutsideBusy(w, w.Add(m.Max)) {
					windows++
				}
			}
			if windows > 0 {
				out = append(out, CostItem{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: s, To: e,
					Units: windows, Unit: "windows", Weight: r.Weight, Cost: windows * r.Weight, Pos: m.Pos,
					Detail: fmt.Sprintf("%s has %d consecutive days without a rest day %s; the soft cap is %d (%s of %d days)",
						checkWho(p), n, checkSpan(s, e), m.Max, checkPlural(windows, "window"), m.Max+1)})
			}
			for _, b := range m.Busy {
				from, to := max(s, b.Range.Start), min(e, b.Range.End)
				windows := 0
				for w := from; w.Add(b.Max) <= to; w++ {
					if w.Add(b.Max) >= hs {
						windows++
					}
				}
				if windows == 0 {
					continue
				}
				pos := b.Pos
				if pos == (model.Pos{}) {
					pos = m.Pos
				}
				out = append(out, CostItem{Kind: r.Kind(), Rule: r.Name(), Staff: p.ID, From: from, To: to,
					Units: windows, Unit: "windows", Weight: r.Weight, Cost: windows * r.Weight, Pos: pos,
					Detail: fmt.Sprintf("%s has %d consecutive days without a rest day %s inside busy period %s; the soft cap there is %d (%s of %d days)",
						checkWho(p), int(to-from)+1, checkSpan(from, to), checkSpan(b.Range.Start, b.Range.End), b.Max,
						checkPlural(windows, "window"), b.Max+1)})
			}
		}
	}
	return out
}

// Cost implements SoftRule. For each person it applies to and each fixed
// period meeting the horizon (minimums: only periods wholly inside the
// person's known days), it sums the instances starting in the period
// (history included, except for PerHorizon) as Check of the hard rule
// does, and reports one item per period over the maximum or under the
// minimum: Units are the shifts, or the hours rounded up, beyond the bound.
func (b *SoftSumBound) Cost(ro *model.Roster) []CostItem {
	sc := ro.Scenario
	sb := &b.Bound
	var out []CostItem
	for _, p := range sc.Staff {
		if (sb.Staff != "" && p.ID != sb.Staff) || (sb.MinorsOnly && !p.Minor) {
			continue
		}
		from := sc.KnownFrom(p)
		perDate := map[model.Date]int{}
		for _, in := range ro.Instances(p.ID) {
			if (sb.Per == PerHorizon && in.History) || (sb.Shift != "" && in.Shift.ID != sb.Shift) {
				continue
			}
			if sb.Hours {
				perDate[in.Date] += in.WorkMinutes()
			} else {
				perDate[in.Date]++
			}
		}
		for _, pr := range sb.checkPeriods(sc) {
			if !sb.Max && (pr.Start < from || pr.End > sc.Horizon.End) {
				continue
			}
			sum := 0
			for d := pr.Start; d <= pr.End; d++ {
				sum += perDate[d]
			}
			beyond := sum - sb.Limit
			if !sb.Max {
				beyond = sb.Limit - sum
			}
			if beyond <= 0 {
				continue
			}
			units, unit := beyond, "days"
			got, lim := checkPlural(sum, "shift"), checkPlural(sb.Limit, "shift")
			if sb.Hours {
				units, unit = (beyond+59)/60, "hours"
				got, lim = checkDur(sum), checkDur(sb.Limit)
			}
			bound := "maximum"
			if !sb.Max {
				bound = "minimum"
			}
			out = append(out, CostItem{Kind: b.Kind(), Rule: b.Name(), Staff: p.ID, From: pr.Start, To: pr.End, Shift: sb.Shift,
				Units: units, Unit: unit, Weight: b.Weight, Cost: units * b.Weight, Pos: sb.Pos,
				Detail: fmt.Sprintf("%s works %s starting in %s; the soft %s is %s", checkWho(p), got, checkSpan(pr.Start, pr.End), bound, lim)})
		}
	}
	return out
}
