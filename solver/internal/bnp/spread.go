package bnp

import "github.com/shiftsat/shiftsat/solver/internal/simplex"

// This file is the master's spread groups (Problem.Spreads): fairness in a
// group of people, costing Weight times the spread of a measure (the
// group's largest value less its smallest), as coupling rows of the
// master. With two variables hi and lo per group, a roster costs at least
//
//	w (hi - lo)   with   value_e(x_e) - hi <= 0  and  lo - value_e(x_e) <= 0
//
// for every member e, hi and lo within [vMin, vMax] (bounds on every
// member's value): the least such w (hi - lo) is the spread's cost. With
// multipliers mu_e, nu_e >= 0 on these rows, the Lagrangian bound of
// problem.go gains
//
//	min (w - sum_e mu_e) hi + (sum_e nu_e - w) lo  over  vMin <= lo <= hi <= vMax
//
// (in closed form, at a vertex of that triangle: with no multipliers it
// is 0, the bound without fairness; a box without lo <= hi would give
// -w (vMax - vMin) there, -62 on the soft ward's nights), and person
// e's pricing costs gain (mu_e - nu_e) value_e(x), through the tables
// Lower (when mu_e - nu_e >= 0) and Upper (when < 0): both bound value_e
// (Lower's sum from below, Upper's from above), so the pricing's value is
// a lower bound on the true one and the bound stays valid. When a table is
// not exact (Upper given), the engine recomputes the reduced cost of the
// schedule priced with the exact value (Spread.Value): when it differs,
// the node's pricing is not proved (NodeResult.GaveUp), so that no node is
// closed on it, but the person's budget does not grow (a larger budget
// prices the same tables).
//
// In the master's linear program, each row is an equality with a slack
// of cost 0 and an artificial of cost Hard + w (which keeps a column's
// start feasible and is never worth using at the optimum), the columns hi
// (cost w) and lo (cost -w) sit after the rows' slacks, and a schedule's
// column holds its exact value (+v in the row of mu, -v in that of nu).
// The multipliers are the rows' duals with their sign flipped (the duals
// are <= 0 and >= -(Hard + w)), clamped to [0, w].

// Spread is a spread group of the master (fairness of nights, weekends or
// hours among comparable people): Weight times the spread (the largest
// value less the smallest) of a measure of the Members' schedules.
type Spread struct {
	// Members are the people of the group (indices into Problem.Pricers).
	Members []int
	// Weight is the cost per unit of spread (> 0).
	Weight int64
	// Lower[i][d][o] and Upper[i][d][o] are member i's coefficient tables
	// (days x options): every schedule x of the member has
	// sum_d Lower[i][d][x_d] <= value <= sum_d Upper[i][d][x_d]. Upper
	// nil: the measure is additive, Lower's sum its value exactly.
	Lower, Upper [][][]int64
	// Value returns member i's exact value of schedule row; it must be
	// given with Upper (nil: Lower's sum).
	Value func(i int, row []int) int64
}

// membership is a person's place in a spread group: group g, member i,
// and the index of the multiplier mu (nu is mu+1) among the relaxation's
// multipliers.
type membership struct {
	g, i, mu int
}

// memberships returns, per person, their places in pb's spread groups,
// numbering the multipliers from len(pb.Rows); and the number of
// multipliers (rows and spreads).
func (pb *Problem) memberships() ([][]membership, int) {
	out := make([][]membership, len(pb.Pricers))
	n := len(pb.Rows)
	for g, sp := range pb.Spreads {
		for i, e := range sp.Members {
			out[e] = append(out[e], membership{g: g, i: i, mu: n})
			n += 2
		}
	}
	return out, n
}

// value returns member m's exact value of row.
func (pb *Problem) value(m membership, row []int) int64 {
	sp := &pb.Spreads[m.g]
	if sp.Value != nil {
		return sp.Value(m.i, row)
	}
	return pb.tableSum(sp.Lower[m.i], row)
}

// tableSum returns sum_d tab[d][option of row[d]].
func (pb *Problem) tableSum(tab [][]int64, row []int) int64 {
	var v int64
	for d, s := range row {
		v += tab[d][pb.Option(s)]
	}
	return v
}

// spreadBox returns bounds on every member's value of sp (from its
// tables).
func (pb *Problem) spreadBox(sp *Spread) (vMin, vMax int64) {
	vMin, vMax = Inf, -Inf
	up := sp.Upper
	if up == nil {
		up = sp.Lower
	}
	for i := range sp.Members {
		var lo, hi int64
		for d := range sp.Lower[i] {
			dl, dh := Inf, -Inf
			for o := range sp.Lower[i][d] {
				dl = min(dl, sp.Lower[i][d][o])
				dh = max(dh, up[i][d][o])
			}
			lo += dl
			hi += dh
		}
		vMin, vMax = min(vMin, lo), max(vMax, hi)
	}
	return vMin, vMax
}

// spreadInfo is what the relaxation keeps of a spread group.
type spreadInfo struct {
	w          int64
	vMin, vMax int64
	// mu are the multipliers of mu of the members (nu: mu+1).
	mu []int
}

// initSpreads adds the spread groups' multipliers (boxes) and LP rows to
// rx (after the rows'), with hard the rows' cost beyond hard bounds.
func (rx *Relaxation) initSpreads(hard float64) {
	pb := rx.pb
	rx.memb, rx.nMult = pb.memberships()
	for len(rx.lo) < rx.nMult {
		rx.lo, rx.hi = append(rx.lo, 0), append(rx.hi, 0)
	}
	n := len(pb.Rows)
	for g := range pb.Spreads {
		sp := &pb.Spreads[g]
		si := spreadInfo{w: sp.Weight}
		si.vMin, si.vMax = pb.spreadBox(sp)
		for range sp.Members {
			si.mu = append(si.mu, n)
			for k := n; k < n+2; k++ {
				rx.lo[k], rx.hi[k] = -sp.Weight*pb.Scale, 0
				rx.lpRows = append(rx.lpRows, lpRow{row: k, over: hard + float64(sp.Weight)})
			}
			n += 2
		}
		rx.sp = append(rx.sp, si)
	}
}

// spreadConstant returns the spread groups' part of the Lagrangian bound
// at p (scaled): min over hi and lo in their box of the terms left to
// them.
func (rx *Relaxation) spreadConstant(p []int64) int64 {
	var total int64
	for _, si := range rx.sp {
		var sumMu, sumNu int64
		for _, k := range si.mu {
			sumMu -= p[k]
			sumNu -= p[k+1]
		}
		// a hi + b lo over vMin <= lo <= hi <= vMax (a roster's
		// largest value is at least its smallest): least at a vertex.
		a, b := si.w*rx.pb.Scale-sumMu, sumNu-si.w*rx.pb.Scale
		total += min((a+b)*si.vMin, (a+b)*si.vMax, a*si.vMax+b*si.vMin)
	}
	return total
}

// spreadFactor returns mu - nu (scaled) of membership m at p.
func spreadFactor(m membership, p []int64) int64 { return p[m.mu+1] - p[m.mu] }

// spreadCosts adds person e's spread terms at p to the cost table c.
func (rx *Relaxation) spreadCosts(e int, p []int64, c [][]int64) {
	for _, m := range rx.memb[e] {
		f := spreadFactor(m, p)
		if f == 0 {
			continue
		}
		sp := &rx.pb.Spreads[m.g]
		tab := sp.Lower[m.i]
		if f < 0 && sp.Upper != nil {
			tab = sp.Upper[m.i]
		}
		for d := range c {
			for o := range c[d] {
				c[d][o] += f * tab[d][o]
			}
		}
	}
}

// spreadCorrection returns what person e's schedule row costs at p beyond
// its value in the pricing's cost tables (>= 0): the exact values'
// terms less the tables'.
func (rx *Relaxation) spreadCorrection(e int, p []int64, row []int) int64 {
	var v int64
	for _, m := range rx.memb[e] {
		sp := &rx.pb.Spreads[m.g]
		f := spreadFactor(m, p)
		if sp.Upper == nil || f == 0 {
			continue
		}
		tab := sp.Lower[m.i]
		if f < 0 {
			tab = sp.Upper[m.i]
		}
		v += f * (rx.pb.value(m, row) - rx.pb.tableSum(tab, row))
	}
	return v
}

// spreadColumns adds the columns hi and lo of each spread group to the
// master (after the rows' slacks) and returns their costs.
func (rx *Relaxation) spreadColumns(lp *simplex.LP, lpIdx [][]int) []float64 {
	var costs []float64
	for _, si := range rx.sp {
		hi := simplex.Col{Cost: float64(si.w)}
		lo := simplex.Col{Cost: -float64(si.w)}
		for _, k := range si.mu {
			hi.Idx, hi.Val = append(hi.Idx, lpIdx[k]...), append(hi.Val, -1)
			lo.Idx, lo.Val = append(lo.Idx, lpIdx[k+1]...), append(lo.Val, 1)
		}
		lp.Add(hi)
		lp.Add(lo)
		costs = append(costs, hi.Cost, lo.Cost)
	}
	return costs
}

// spreadPen returns the spread groups' cost in roster r (one schedule
// per person).
func (pb *Problem) spreadPen(r [][]int) int64 {
	var total int64
	for g := range pb.Spreads {
		sp := &pb.Spreads[g]
		vals := make([]int64, len(sp.Members))
		for i, e := range sp.Members {
			vals[i] = pb.value(membership{g: g, i: i}, r[e])
		}
		total += spreadCost(sp.Weight, vals, -1, 0)
	}
	return total
}

// spreadCost returns w times the spread of vals, with vals[i] replaced by
// v (i < 0: none).
func spreadCost(w int64, vals []int64, i int, v int64) int64 {
	lo, hi := Inf, -Inf
	for k, x := range vals {
		if k == i {
			x = v
		}
		lo, hi = min(lo, x), max(hi, x)
	}
	if lo > hi {
		return 0
	}
	return w * (hi - lo)
}
