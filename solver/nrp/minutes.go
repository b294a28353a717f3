package nrp

import (
	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/solver"
)

// minutesBudget is the smallest minutes budget (see budgets): the
// largest estimated size (clauses) of the unary encoding of one
// employee's total minutes on a whole instance; above it the adder tree
// is used.
const minutesBudget = 30000

// encodeMinutes bounds employee ei's total minutes (x and work as in
// Encode; rmax and rmin are the requirements of the two bounds).
//
// Lengths are divided by g, the gcd of the lengths of the shift types the
// employee may work, giving units u_s; the bounds become floor(max/g) and
// ceil(min/g). With b the smallest unit, the total is b*W + E, where W is
// the number of worked days and E the extra units of longer shifts: E
// counts, per day and level j = 1..max(u_s)-b, the literal "works a shift
// with u_s - b >= j". When unary counters of W and E are small, each
// bound is a clause per value of W (W >= w implies E <= max - b*w; W <= w
// implies E >= min - b*w), which propagates well. Otherwise (long
// horizons) the day's units are written in binary (bit i is the
// disjunction of the types whose unit has bit i) and summed by an adder
// tree, compared with both bounds.
func encodeMinutes(e *solver.Encoding, in *Instance, ei int, x [][]Lit, work []Lit, rmax, rmin constraints.Req, budget, countBudget int) {
	emp := in.Staff[ei]
	no := -e.True()
	g := 0
	for s, sh := range in.Shifts {
		if sh.Minutes > 0 && emp.MaxShifts[s] > 0 {
			g = gcd(g, sh.Minutes)
		}
	}
	if g == 0 {
		// Nothing the employee may work has a length: the total is 0.
		if emp.MinTotalMinutes > 0 {
			e.Require(rmin)
		}
		if emp.MaxTotalMinutes < 0 {
			e.Require(rmax)
		}
		return
	}
	kmax := emp.MaxTotalMinutes / g
	if emp.MaxTotalMinutes < 0 {
		kmax = -1
	}
	kmin := (emp.MinTotalMinutes + g - 1) / g
	unit := make([]int, len(in.Shifts))
	b, top := 0, 0
	for s, sh := range in.Shifts {
		if sh.Minutes > 0 && emp.MaxShifts[s] > 0 {
			unit[s] = sh.Minutes / g
			if b == 0 || unit[s] < b {
				b = unit[s]
			}
			top = max(top, unit[s])
		}
	}
	// A day's literal for a set of its shift types: work when it holds
	// every type that may be worked that day, their disjunction otherwise.
	dayLit := func(d int, in func(s int) bool) Lit {
		var xs []Lit
		all := true
		for s := range x[d] {
			if x[d][s] == no || unit[s] == 0 {
				continue
			}
			if in(s) {
				xs = append(xs, x[d][s])
			} else {
				all = false
			}
		}
		switch {
		case len(xs) == 0:
			return no
		case all:
			// Types of length 0 do not count: work is only right when
			// every worked type has a length.
			allLen := true
			for s := range x[d] {
				if x[d][s] != no && unit[s] == 0 {
					allLen = false
				}
			}
			if allLen {
				return work[d]
			}
		}
		if len(xs) == 1 {
			return xs[0]
		}
		l := e.NewVar()
		e.Define(append([]Lit{-l}, xs...)...)
		for _, y := range xs {
			e.Define(-y, l)
		}
		return l
	}

	var ws, es []Lit
	for d := 0; d < in.Days; d++ {
		if l := dayLit(d, func(s int) bool { return true }); l != no {
			ws = append(ws, l)
		}
	}
	for j := 1; j <= top-b; j++ {
		for d := 0; d < in.Days; d++ {
			if l := dayLit(d, func(s int) bool { return unit[s]-b >= j }); l != no {
				es = append(es, l)
			}
		}
	}
	if top == b {
		// Every length is b units: bound the number of worked days.
		if kmax < 0 {
			e.Require(rmax)
		} else {
			atMostCount(e, rmax, ws, kmax/b, countBudget)
		}
		if lo := (kmin + b - 1) / b; lo > 0 {
			atMostCount(e, rmin, negateLits(ws), len(ws)-lo, countBudget)
		}
		return
	}
	// Every worked day has at most top units, so W >= wmin; the extra
	// units E are then at most kmax - b*wmin in a roster, and the
	// minimum needs E >= kmin - b*w only for w >= wmin (below, W >= wmin
	// is required directly): E's counter is truncated there.
	wmin := (kmin + top - 1) / top
	wcap := min(len(ws), max(kmax/b+1, (kmin+b-1)/b))
	ecap := min(len(es), max(kmax+1, kmin))
	if kmax >= 0 {
		ecap = min(ecap, max(kmax-b*wmin+1, kmin-b*wmin))
	}
	if twoSidedCost(len(ws), wcap)+twoSidedCost(len(es), ecap) <= budget {
		W, E := newCounter(e, ws, wcap), newCounter(e, es, ecap)
		if kmax < 0 {
			e.Require(rmax)
		}
		for w := wmin; kmax >= 0 && w <= len(ws); w++ { // below wmin: implied by w = wmin
			t := kmax - b*w
			if t < 0 {
				e.Require(rmax, -W.atLeast(w))
				break
			}
			if t+1 <= len(es) {
				e.Require(rmax, -W.atLeast(w), -E.atLeast(t+1))
			}
		}
		if wmin > 0 {
			e.Require(rmin, W.atLeast(wmin))
		}
		for w := wmin; w <= len(ws); w++ {
			t := kmin - b*w
			if t <= 0 {
				break
			}
			e.Require(rmin, W.atLeast(w+1), E.atLeast(t))
		}
		return
	}
	// The adder below decides the bounds; when a unary counter of the
	// worked days fits the budget, the bounds they imply on W (at least
	// ceil(min/top) days, at most floor(max/b)) are added as well: they
	// are redundant, but propagate far better than the comparators.
	if twoSidedCost(len(ws), wcap) <= budget {
		W := newCounter(e, ws, wcap)
		if kmax >= 0 && kmax/b+1 <= len(ws) {
			e.Require(rmax, -W.atLeast(kmax/b+1))
		}
		if lo := (kmin + top - 1) / top; lo > 0 {
			e.Require(rmin, W.atLeast(lo))
		}
	}
	nbits := 0
	for top>>nbits != 0 {
		nbits++
	}
	nums := make([][]Lit, 0, in.Days)
	for d := 0; d < in.Days; d++ {
		num := make([]Lit, 0, nbits)
		zero := true
		for i := 0; i < nbits; i++ {
			l := dayLit(d, func(s int) bool { return unit[s]>>i&1 == 1 })
			num = append(num, l)
			if l != no {
				zero = false
			}
		}
		if zero {
			continue
		}
		for len(num) > 0 && num[len(num)-1] == no {
			num = num[:len(num)-1]
		}
		nums = append(nums, num)
	}
	sum := sumBits(e, nums)
	atMostBits(e, rmax, sum, kmax)
	atLeastBits(e, rmin, sum, kmin)
}

func negateLits(xs []Lit) []Lit {
	out := make([]Lit, len(xs))
	for i, x := range xs {
		out[i] = -x
	}
	return out
}

// maxWorkDays is an upper bound on the days employee ei can work: the
// days not off, and the days the maximum total minutes allow at the
// shortest length the employee may work.
func maxWorkDays(in *Instance, ei int) int {
	emp := in.Staff[ei]
	off := map[int]bool{}
	for _, d := range emp.DaysOff {
		off[d] = true
	}
	most := in.Days - len(off)
	short := 0
	for s, sh := range in.Shifts {
		if emp.MaxShifts[s] > 0 {
			if sh.Minutes <= 0 {
				return most
			}
			if short == 0 || sh.Minutes < short {
				short = sh.Minutes
			}
		}
	}
	if short > 0 && emp.MaxTotalMinutes >= 0 {
		most = min(most, emp.MaxTotalMinutes/short)
	}
	return most
}
