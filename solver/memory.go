package solver

import (
	"context"
	"errors"
	"fmt"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// This file holds the memory guard: before an encoding is built, its size
// is estimated, and when the estimate passes the run's limit (set with
// WithMaxMemory) the encoding is refused with a *MemoryError instead of
// letting the process be killed.
//
// The estimate counts literals, clauses and variables. The rules that read
// one person at a time are encoded for a sample of at most
// memorySample people spread over the staff, with their own rules, and
// scaled to the whole staff. The demand counters, which grow with the
// people who may serve a cell times the bound, are counted exactly by
// mirroring the totalizers of card.go without building them. Bytes follow
// from what was measured on easy months of 100 to 1,000 people (3 shift
// types, 31 days): the clause list takes about 6 bytes per literal or
// clause end (4, and slack from growing), gini about 20 bytes per literal,
// 8 per clause and 80 per variable; the peak process size (learnt clauses,
// the garbage collector's headroom) was up to 1.75 times that.

// memorySample is the number of people whose own rules are encoded to
// estimate the rest.
const memorySample = 8

// Bytes per unit of the estimate (see the top of this file).
const (
	bytesPerLit    = 6 + 20
	bytesPerClause = 6 + 8
	bytesPerVar    = 80
	memoryHeadroom = 1.75
)

// MemoryError reports that an encoding would need more memory than the
// run allows.
type MemoryError struct {
	// People and Days are the size of the scenario that was to be encoded.
	People, Days int
	// Clauses is the estimated number of clauses.
	Clauses int64
	// Estimate is the estimated peak memory of encoding and solving it, in bytes.
	Estimate int64
	// Limit is the limit, in bytes.
	Limit int64
}

// Error says what was estimated against which limit.
func (e *MemoryError) Error() string {
	clauses := fmt.Sprintf("%d clauses", e.Clauses)
	if e.Clauses >= 1_000_000 {
		clauses = fmt.Sprintf("%.1f million clauses", float64(e.Clauses)/1e6)
	}
	return fmt.Sprintf("encoding %d people x %d days would need about %s of memory (%s), more than the limit of %s",
		e.People, e.Days, FormatBytes(e.Estimate), clauses, FormatBytes(e.Limit))
}

// FormatBytes writes n bytes as "1.5 GiB", "300 MiB" or "12 KiB".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", (n+1023)>>10)
}

// isMemory reports whether err is (or wraps) a *MemoryError.
func isMemory(err error) bool {
	var m *MemoryError
	return errors.As(err, &m)
}

type maxMemoryKey struct{}

// WithMaxMemory returns ctx carrying a memory limit in bytes (0 or less:
// none) for every encoding built under it: Solve, Plan, Explain, WaysOut
// and ExplainRequest refuse an encoding whose estimate passes the limit and
// return a *MemoryError (wrapped).
func WithMaxMemory(ctx context.Context, bytes int64) context.Context {
	return context.WithValue(ctx, maxMemoryKey{}, bytes)
}

// maxMemory returns ctx's memory limit (0: none).
func maxMemory(ctx context.Context) int64 {
	n, _ := ctx.Value(maxMemoryKey{}).(int64)
	return max(n, 0)
}

// EncodingSize is an estimate of the size of an encoding and of the
// memory needed to build and solve it.
type EncodingSize struct {
	// Vars, Clauses and Lits are the estimated counts.
	Vars, Clauses, Lits int64
	// Bytes is the estimated peak memory of encoding and solving, in bytes.
	Bytes int64
}

// EstimateSize estimates the size of the encoding of rules for sc (plain
// mode) without building it; see the top of memory.go. It takes a few
// milliseconds.
func EstimateSize(sc *model.Scenario, rules []constraints.Rule) EncodingSize {
	var sz EncodingSize
	n := len(sc.Staff)
	// The people's own rules, on a sample.
	var sample []*model.Staff
	if n > 0 {
		step := max(1, n/memorySample)
		for i := 0; i < n && len(sample) < memorySample; i += step {
			sample = append(sample, sc.Staff[i])
		}
	}
	in := map[model.StaffID]bool{}
	for _, p := range sample {
		in[p.ID] = true
	}
	var own []constraints.Rule
	var demand []*constraints.Coverage
	for _, r := range rules {
		switch r := r.(type) {
		case *constraints.Coverage:
			demand = append(demand, r)
			continue
		case *constraints.SumBound:
			if r.Staff != "" && !in[r.Staff] {
				continue
			}
		case *constraints.Minor:
			if !in[r.Staff] {
				continue
			}
		case *constraints.Structure:
			if !in[r.Staff] {
				continue
			}
		case *constraints.Personal:
			if !in[r.Staff] {
				continue
			}
		}
		own = append(own, r)
	}
	if len(sample) > 0 {
		sub := &model.Scenario{File: sc.File, Name: sc.Name, Horizon: sc.Horizon, WeekStart: sc.WeekStart,
			Shifts: sc.Shifts, Staff: sample, Rules: sc.Rules, PublicHolidays: sc.PublicHolidays}
		e, _ := encodeCtx(context.WithValue(context.Background(), sampleEncoding{}, true), sub, own, false)
		scale := float64(n) / float64(len(sample))
		sz.Vars = int64(float64(e.nvars) * scale)
		sz.Clauses = int64(float64(e.nclauses) * scale)
		sz.Lits = int64(float64(len(e.clauses)-e.nclauses) * scale)
	}
	// The demand counters, exactly.
	c := &cardCounter{memo: map[[3]int]cardSize{}}
	for _, r := range demand {
		dm := r.Demand
		for _, d := range dm.Days(sc) {
			k := 0
			for _, p := range sc.Staff {
				if serves(p, dm) && d >= sc.KnownFrom(p) {
					k++
				}
			}
			var s cardSize
			if dm.Min > 0 {
				s = s.add(c.atMost(k, k-dm.Min))
			}
			if dm.Max != nil {
				s = s.add(c.atMost(k, *dm.Max))
			}
			sz.Vars += s.vars
			sz.Clauses += s.clauses
			sz.Lits += s.lits
		}
	}
	bytes := float64(sz.Lits*bytesPerLit+sz.Clauses*bytesPerClause+sz.Vars*bytesPerVar) * memoryHeadroom
	sz.Bytes = int64(bytes)
	return sz
}

// cardSize counts the variables, clauses and literals of a counter.
type cardSize struct{ vars, clauses, lits int64 }

func (a cardSize) add(b cardSize) cardSize {
	return cardSize{a.vars + b.vars, a.clauses + b.clauses, a.lits + b.lits}
}

// cardCounter mirrors card.go's atMost, downNode, downRoot, upNode and
// upRoot, counting instead of encoding; node sizes are memoised.
type cardCounter struct {
	memo map[[3]int]cardSize // (up, size, m) -> size of the node's subtree
}

// atMost is the size of "at most k of n literals".
func (c *cardCounter) atMost(n, k int) cardSize {
	switch {
	case k < 0:
		return cardSize{0, 1, 1}
	case k >= n:
		return cardSize{}
	case k == 0:
		return cardSize{0, int64(n), int64(n)}
	case k == n-1:
		return cardSize{0, 1, int64(n)}
	case k == 1 && n <= 6:
		p := int64(n * (n - 1) / 2)
		return cardSize{0, p, 2 * p}
	case k+1 <= n-k:
		return c.root(false, n, k+1)
	}
	return c.root(true, n, n-k)
}

// node is the size of downNode (up false) or upNode (up true) over s
// literals truncated at m, children included.
func (c *cardCounter) node(up bool, s, m int) cardSize {
	if s <= 1 {
		return cardSize{}
	}
	key := [3]int{0, s, m}
	if up {
		key[0] = 1
	}
	if v, ok := c.memo[key]; ok {
		return v
	}
	h := s / 2
	sz := c.node(up, h, m).add(c.node(up, s-h, m))
	p := min(s, m)
	sz.vars += int64(p)
	if up {
		sa, sb := h, s-h
		for t := 1; t <= p; t++ {
			lo, hi := max(0, t-1-sb), min(t-1, sa)
			cnt := int64(hi - lo + 1)
			lits := 3 * cnt
			if hi == sa {
				lits-- // i+1 > sa: no literal of a
			}
			if lo == t-1-sb {
				lits-- // j+1 > sb: no literal of b
			}
			sz.clauses += cnt
			sz.lits += lits
		}
	} else {
		la, lb := min(h, m), min(s-h, m)
		for i := 0; i <= la && i <= p; i++ {
			js := int64(min(lb, p-i) + 1) // j = 0 .. min(lb, p-i)
			if i == 0 {
				sz.clauses += js - 1 // (0, 0) adds nothing
				sz.lits += 2 * (js - 1)
			} else {
				sz.clauses += js
				sz.lits += 2 + 3*(js-1) // j == 0: 2 literals, else 3
			}
		}
	}
	c.memo[key] = sz
	return sz
}

// root is the size of downRoot or upRoot over s >= 2 literals with bound m.
func (c *cardCounter) root(up bool, s, m int) cardSize {
	h := s / 2
	sz := c.node(up, h, m).add(c.node(up, s-h, m))
	if up {
		sa, sb := h, s-h
		for i := max(0, m-1-sb); i <= min(m-1, sa); i++ {
			j := m - 1 - i
			l := int64(0)
			if i+1 <= sa {
				l++
			}
			if j+1 <= sb {
				l++
			}
			sz.clauses++
			sz.lits += l
		}
	} else {
		la, lb := min(h, m), min(s-h, m)
		for i := 0; i <= la && i <= m; i++ {
			j := m - i
			if j > lb {
				continue
			}
			sz.clauses++
			if i == 0 || j == 0 {
				sz.lits++
			} else {
				sz.lits += 2
			}
		}
	}
	return sz
}
