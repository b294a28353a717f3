package solver

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/shiftsat/shiftsat/solver/internal/bnp"
)

// This file is branch and price's large-neighbourhood search for Plan, as
// nrp's (solver/nrp/lns.go) on the shared engine: from the best roster
// branch and price has passed on, it frees a window of days of every
// person, or every day of a few people, fixes the rest to the roster (the
// pricers' masks), and re-optimises the freed part by column generation
// and branch and price within a time budget; every roster it builds is
// offered like the tree's (checked, costed, kept when better). Windows
// and people take turns; the size of each grows while its searches end
// proved quickly and shrinks when they do not. The search runs beside the
// tree on its own goroutine; nothing it proves about a neighbourhood is a
// bound on the scenario, so its problem reports no bound.

// lnsEach bounds each re-optimisation: at least lnsMinEach, or a
// fifteenth of the time left.
const lnsMinEach = time.Second

// lns runs the search until ctx ends. pb is the scenario's problem.
func (bs *bnpSearch) lns(ctx context.Context, pb *bnp.Problem) {
	sub := *pb
	sub.OnRootBound, sub.Debugf = nil, nil
	rx := bnp.NewRelaxation(&sub)
	E, D := len(pb.Pricers), pb.Days
	rng := rand.New(rand.NewPCG(15, uint64(E)))
	k, w := min(E, 6), min(D, 7)
	each := lnsMinEach
	if dl, ok := ctx.Deadline(); ok {
		each = max(each, time.Until(dl)/15)
	}
	for iter := 0; ctx.Err() == nil; iter++ {
		bs.mu.Lock()
		best, cost := bs.bestRows, bs.bestCost
		bs.mu.Unlock()
		if best == nil || cost == 0 {
			// Nothing to improve on yet (or nothing to improve).
			select {
			case <-ctx.Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
			continue
		}
		mask := rx.Allowed(nil)
		window := iter%2 == 1
		if window {
			from := rng.IntN(D - w + 1)
			for e, row := range best {
				for d, s := range row {
					if d < from || d >= from+w {
						mask[e][d] = 1 << pb.Option(s)
					}
				}
			}
		} else {
			free := map[int]bool{}
			for _, e := range rng.Perm(E)[:k] {
				free[e] = true
			}
			for e, row := range best {
				if free[e] {
					continue
				}
				for d, s := range row {
					mask[e][d] = 1 << pb.Option(s)
				}
			}
		}
		t0 := time.Now()
		optimal := bs.lnsStep(ctx, rx, best, cost, mask, each)
		took := time.Since(t0)
		size, most := &k, E
		if window {
			size, most = &w, D
		}
		switch {
		case optimal && took < each/4:
			*size = min(most, *size+1)
		case !optimal:
			*size = max(2, *size-1)
		}
		if debugBnP != nil {
			bs.mu.Lock()
			debugBnP("lns: window %v size %d took %s optimal %v %d -> %d", window, *size, took.Round(time.Millisecond), optimal, cost, bs.bestCost)
			bs.mu.Unlock()
		}
	}
}

// lnsStep re-optimises the roster best (of cost cost) within the options
// of mask by column generation and branch and price within limit,
// offering what it builds; it reports whether the neighbourhood was
// searched to the end.
func (bs *bnpSearch) lnsStep(ctx context.Context, rx *bnp.Relaxation, best [][]int, cost int64, mask [][]uint64, limit time.Duration) bool {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	pool := bnp.NewPool(rx.Problem())
	for e, row := range best {
		pool.Add(e, row)
	}
	ms, err := rx.NewMaster(pool)
	if err != nil {
		return false
	}
	ms.SetMask(mask)
	nr, err := ms.SolveNode(ctx, ms.Allowed(nil), cost, false)
	if err != nil || nr.Infeasible || nr.Best == nil {
		return false
	}
	if nr.Pruned {
		return ctx.Err() == nil
	}
	ub := func() int64 { return min(cost, bs.ub()) }
	out, err := ms.BranchAndPrice(ctx, nr.Best.Bound(), nr.Best, ub, bs.offer, nil)
	return err == nil && out.Exhausted
}
