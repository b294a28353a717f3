package nrp

// This file is branch and price's primal heuristic: descent over the
// schedules of the column pool. Every hard constraint concerns one
// employee, so any pool column is a feasible schedule of its employee and
// any choice of one column per employee is a roster; the descent moves
// one employee at a time to the pool column that lowers the score most
// (its requests, plus the change of the cover penalties of the cells it
// leaves and joins), until no move lowers it.

// poolDescent improves r (changed in place) by moves to pool columns and
// returns its score by the relaxation's costs (requests and cover: the
// benchmark's objective).
func (rx *relaxation) poolDescent(pool *colPool, r Roster) int64 {
	S := len(rx.in.Shifts)
	y := make([]int64, len(rx.req))
	req := make([]int64, len(r)) // each employee's request cost
	for e, row := range r {
		for d, s := range row {
			req[e] += rx.base[e][d][option(s, S)]
			if s >= 0 {
				if c := rx.cell[d][s]; c >= 0 {
					y[c]++
				}
			}
		}
	}
	// pen is the cover penalty of cell c with v people; gain the change
	// when its count moves by k.
	pen := func(c int, v int64) int64 {
		if v < rx.req[c] {
			return rx.under[c] * (rx.req[c] - v)
		}
		return rx.over[c] * (v - rx.req[c])
	}
	gain := func(c int, k int64) int64 { return pen(c, y[c]+k) - pen(c, y[c]) }
	for improved := true; improved; {
		improved = false
		for e, cur := range r {
			bestK, bestDelta := -1, int64(0)
			for k, row := range pool.rows[e] {
				delta := -req[e]
				for d, s := range row {
					delta += rx.base[e][d][option(s, S)]
					if s == cur[d] {
						continue
					}
					// Leave cur's cell, then join row's (counted after
					// leaving, as the move makes both changes).
					if cur[d] >= 0 {
						if c := rx.cell[d][cur[d]]; c >= 0 {
							delta += gain(c, -1)
						}
					}
					if s >= 0 {
						if c := rx.cell[d][s]; c >= 0 {
							delta += gain(c, 1)
						}
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
			req[e] = 0
			for d, s := range row {
				req[e] += rx.base[e][d][option(s, S)]
				if s == cur[d] {
					continue
				}
				if cur[d] >= 0 {
					if c := rx.cell[d][cur[d]]; c >= 0 {
						y[c]--
					}
				}
				if s >= 0 {
					if c := rx.cell[d][s]; c >= 0 {
						y[c]++
					}
				}
			}
			copy(cur, row)
			improved = true
		}
	}
	var total int64
	for e := range r {
		total += req[e]
	}
	for c := range y {
		total += pen(c, y[c])
	}
	return total
}
