package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// The encoding of the soft bounds of soft_bounds.go (the Cost is in
// soft_bounds_cost.go; the two share no logic).

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
