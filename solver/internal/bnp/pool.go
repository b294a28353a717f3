package bnp

import (
	"fmt"
	"strings"
)

// Pool keeps every schedule generated, per person, across nodes, with its
// own cost (Pricer.Cost).
type Pool struct {
	pb    *Problem
	rows  [][][]int
	cost  [][]int64
	valid [][]bool // Problem.Valid of each schedule
	// vals[e][k] are schedule k's values in person e's spread groups
	// (memb[e], spread.go).
	vals [][][]int64
	memb [][]membership
	seen map[string]bool
}

// NewPool returns an empty pool for pb's people.
func NewPool(pb *Problem) *Pool {
	E := len(pb.Pricers)
	memb, _ := pb.memberships()
	return &Pool{pb: pb, rows: make([][][]int, E), cost: make([][]int64, E), valid: make([][]bool, E),
		vals: make([][][]int64, E), memb: memb, seen: map[string]bool{}}
}

// Add keeps row for person e unless already kept; it reports whether it
// was new.
func (cp *Pool) Add(e int, row []int) bool {
	var sb strings.Builder
	fmt.Fprint(&sb, e, ":")
	for _, s := range row {
		fmt.Fprint(&sb, s, ",")
	}
	k := sb.String()
	if cp.seen[k] {
		return false
	}
	cp.seen[k] = true
	cp.rows[e] = append(cp.rows[e], row)
	cp.cost[e] = append(cp.cost[e], cp.pb.Pricers[e].Cost(row))
	cp.valid[e] = append(cp.valid[e], cp.pb.valid(e, row))
	vals := make([]int64, len(cp.memb[e]))
	for k, m := range cp.memb[e] {
		vals[k] = cp.pb.value(m, row)
	}
	cp.vals[e] = append(cp.vals[e], vals)
	return true
}

// Rows returns person e's schedules (shared: do not modify them).
func (cp *Pool) Rows(e int) [][]int { return cp.rows[e] }

// Valid reports whether person e's schedule k is valid (Problem.Valid).
func (cp *Pool) Valid(e, k int) bool { return cp.valid[e][k] }

// This is branch and price's primal heuristic: descent over the schedules
// of the column pool. Every rule but the coupling rows concerns one
// person, so any pool column is a feasible schedule of its person and any
// choice of one column per person satisfies every rule but the rows'; the
// descent moves one person at a time to the pool column that lowers the
// cost most (their own cost, plus the change of the penalties of the rows
// they leave and join), until no move lowers it. A count outside a row's
// hard bounds costs hardPen per person.

// hardPen is the descent's cost per person outside a row's hard bounds.
const hardPen = 1 << 40

// descentPen returns row r's penalty for count v in the descent.
func (r *Row) descentPen(v int64) int64 {
	var p int64
	if v < r.Lo {
		p += hardPen * (r.Lo - v)
	}
	if v > r.Hi {
		p += hardPen * (v - r.Hi)
	}
	if v < r.Target {
		return p + r.Under*(r.Target-v)
	}
	return p + r.Over*(v-r.Target)
}

// PoolDescent improves r (changed in place) by moves to pool columns and
// returns its cost (own costs, row penalties and spread groups' costs,
// hardPen per person outside a hard bound).
func (pb *Problem) PoolDescent(pool *Pool, r [][]int) int64 {
	y := make([]int64, len(pb.Rows))
	own := make([]int64, len(r)) // each person's own cost
	for e, row := range r {
		own[e] = pb.Pricers[e].Cost(row)
		for d, s := range row {
			for _, c := range pb.Cover[e][d][pb.Option(s)] {
				y[c]++
			}
		}
	}
	// gv[g][i] is member i of spread group g's value.
	gv := make([][]int64, len(pb.Spreads))
	for g, sp := range pb.Spreads {
		gv[g] = make([]int64, len(sp.Members))
		for i, e := range sp.Members {
			gv[g][i] = pb.value(membership{g: g, i: i}, r[e])
		}
	}
	gain := func(c int, k int64) int64 {
		return pb.Rows[c].descentPen(y[c]+k) - pb.Rows[c].descentPen(y[c])
	}
	for improved := true; improved; {
		improved = false
		for e, cur := range r {
			cov := pb.Cover[e]
			bestK, bestDelta := -1, int64(0)
			for k, row := range pool.rows[e] {
				if !pool.valid[e][k] {
					continue
				}
				delta := pool.cost[e][k] - own[e]
				for t, m := range pool.memb[e] {
					w := pb.Spreads[m.g].Weight
					delta += spreadCost(w, gv[m.g], m.i, pool.vals[e][k][t]) - spreadCost(w, gv[m.g], -1, 0)
				}
				for d, s := range row {
					if s == cur[d] {
						continue
					}
					// Leave cur's rows, then join row's (counted after
					// leaving, as the move makes both changes).
					for _, c := range cov[d][pb.Option(cur[d])] {
						delta += gain(c, -1)
					}
					for _, c := range cov[d][pb.Option(s)] {
						delta += gain(c, 1)
					}
				}
				if delta < bestDelta {
					bestK, bestDelta = k, delta
				}
			}
			if bestK < 0 {
				continue
			}
			row := pool.rows[e][bestK]
			own[e] = pool.cost[e][bestK]
			for t, m := range pool.memb[e] {
				gv[m.g][m.i] = pool.vals[e][bestK][t]
			}
			for d, s := range row {
				if s == cur[d] {
					continue
				}
				for _, c := range cov[d][pb.Option(cur[d])] {
					y[c]--
				}
				for _, c := range cov[d][pb.Option(s)] {
					y[c]++
				}
			}
			copy(cur, row)
			improved = true
		}
	}
	var total int64
	for e := range r {
		total += own[e]
	}
	for c := range y {
		total += pb.Rows[c].descentPen(y[c])
	}
	for g, sp := range pb.Spreads {
		total += spreadCost(sp.Weight, gv[g], -1, 0)
	}
	return total
}
