package solver

import (
	"fmt"
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// This file reads the counts of a person's relaxation (plan_price.go) off
// the cardinality constraints of the person's own encoding: the rules are
// encoded by their own Encode methods onto a recorder that keeps each
// AtMost, AtLeast and weighted sum it is given (and passes it on to the
// encoding). A constraint whose literals are all Start literals of the
// horizon, Touched literals of the horizon (days worked and rest days) or
// literals that propagation fixes becomes a count of the DP: what each
// day adds to it is read off the day's option and whether the day is
// worked, so the DP counts exactly what the constraint counts (the night
// cap, the days worked, the rest days of a fixed block, whatever their
// rule kind). A constraint with any other literal (an auxiliary variable)
// is not read: leaving it out only loosens the relaxation, so the DP's
// optimum stays a lower bound.
//
// Counting by bisection on SAT (maxCount) proves such a cap only by a
// counting argument between two counters, which resolution finds hard:
// on the soft ward of issue 15 the night cap timed out for 28 of 30
// nurses, and the DP's schedules then broke it.

// recordedCard is one cardinality constraint given to the encoder: the
// weights of the true literals sum to at most k (max) or at least k.
type recordedCard struct {
	lits    []Lit
	weights []int // nil: every weight 1
	k       int
	max     bool
}

// cardRecorder is an encoder (constraints.Encoder) that records the
// cardinality constraints it is given and encodes them on the encoding.
type cardRecorder struct {
	*Encoding
	cards []recordedCard
}

// AtMost implements constraints.Encoder.
func (c *cardRecorder) AtMost(r constraints.Req, lits []Lit, k int) {
	c.cards = append(c.cards, recordedCard{lits: append([]Lit(nil), lits...), k: k, max: true})
	c.Encoding.AtMost(r, lits, k)
}

// AtLeast implements constraints.Encoder.
func (c *cardRecorder) AtLeast(r constraints.Req, lits []Lit, k int) {
	c.cards = append(c.cards, recordedCard{lits: append([]Lit(nil), lits...), k: k})
	c.Encoding.AtLeast(r, lits, k)
}

// weighted records a weighted sum.
func (c *cardRecorder) weighted(terms []constraints.Term, k int, max bool) {
	rc := recordedCard{k: k, max: max, weights: make([]int, len(terms))}
	for i, t := range terms {
		rc.lits = append(rc.lits, t.Lit)
		rc.weights[i] = t.Weight
	}
	c.cards = append(c.cards, rc)
}

// WeightedAtMost implements constraints.Encoder.
func (c *cardRecorder) WeightedAtMost(r constraints.Req, terms []constraints.Term, k int) {
	c.weighted(terms, k, true)
	c.Encoding.WeightedAtMost(r, terms, k)
}

// WeightedAtLeast implements constraints.Encoder.
func (c *cardRecorder) WeightedAtLeast(r constraints.Req, terms []constraints.Term, k int) {
	c.weighted(terms, k, false)
	c.Encoding.WeightedAtLeast(r, terms, k)
}

// encodeRecorded encodes the rules of sc (without selectors, as Encode)
// and returns the encoding with the cardinality constraints given.
func encodeRecorded(sc *model.Scenario, rules []constraints.Rule) (*Encoding, []recordedCard) {
	rec := &cardRecorder{Encoding: NewEncoding(sc, false)}
	for _, r := range rules {
		r.Encode(rec)
	}
	return rec.Encoding, rec.cards
}

// cardCounters returns the counts of the DP read off cards (see above):
// start(d, s) is the Start literal of day d and shift type s, touched[d]
// the Touched literal of day d (nil: days worked are not read), value the
// value propagation fixes (1, -1, or 0 for none).
func cardCounters(cards []recordedCard, D, S int, start func(d, s int) Lit, touched []Lit, value func(Lit) int8) []counter {
	type at struct{ d, s int }
	starts := map[Lit]at{}
	for d := 0; d < D; d++ {
		for s := 0; s < S; s++ {
			if l := start(d, s); value(l) == 0 {
				starts[l] = at{d, s}
			}
		}
	}
	touch := map[Lit]int{}
	for d, l := range touched {
		if _, ok := starts[l]; !ok && value(l) == 0 {
			touch[l] = d
		}
	}
	var out []counter
next:
	for _, rc := range cards {
		c := counter{start: make([][]int, D), work: make([]int, D), rest: make([]int, D)}
		for d := range c.start {
			c.start[d] = make([]int, S+1)
		}
		k := rc.k
		g := 0 // the weights' greatest common divisor
		for i, l := range rc.lits {
			w := 1
			if rc.weights != nil {
				w = rc.weights[i]
			}
			if w == 0 {
				continue
			}
			if w < 0 {
				continue next // (no rule gives one)
			}
			switch v := value(l); {
			case v > 0:
				k -= w
				continue
			case v < 0:
				continue
			}
			g = gcd(g, w)
			if a, ok := starts[l]; ok {
				c.start[a.d][a.s] += w
			} else if a, ok := starts[-l]; ok {
				for o := 0; o <= S; o++ {
					if o != a.s {
						c.start[a.d][o] += w
					}
				}
			} else if d, ok := touch[l]; ok {
				c.work[d] += w
			} else if d, ok := touch[-l]; ok {
				c.rest[d] += w
			} else {
				continue next
			}
		}
		if g == 0 {
			continue // constants only: propagation knows it
		}
		if g > 1 {
			for d := range c.start {
				for o := range c.start[d] {
					c.start[d][o] /= g
				}
				c.work[d] /= g
				c.rest[d] /= g
			}
			if rc.max {
				k = floorDiv(k, g)
			} else {
				k = -floorDiv(-k, g)
			}
		}
		most := c.most()
		if rc.max {
			if k >= most {
				continue // never binds
			}
			if k < 0 {
				continue // no schedule: propagation and the pricing see it
			}
			c.hi = k
		} else {
			if k <= 0 {
				continue
			}
			c.lo, c.hi, c.sat = k, k, true
		}
		c.first, c.last = c.span()
		out = append(out, c)
	}
	return mergeCounters(out)
}

// floorDiv returns a/b rounded down (b > 0).
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// most returns the largest count a schedule can reach (each day's largest
// increment).
func (c *counter) most() int {
	n := 0
	for d := range c.start {
		m := 0
		for o := range c.start[d] {
			m = max(m, c.start[d][o]+max(c.work[d], c.rest[d]))
		}
		n += m
	}
	return n
}

// span returns the first and the last day whose option can change the
// count (first > last: none).
func (c *counter) span() (first, last int) {
	first, last = len(c.start), -1
	for d := range c.start {
		if c.work[d] != 0 || c.rest[d] != 0 {
			first, last = min(first, d), max(last, d)
			continue
		}
		for _, v := range c.start[d] {
			if v != 0 {
				first, last = min(first, d), max(last, d)
				break
			}
		}
	}
	return first, last
}

// sameTable reports whether a and b count the same thing.
func sameTable(a, b *counter) bool {
	if a.weekend != b.weekend || len(a.start) != len(b.start) {
		return false
	}
	if a.weekend {
		return true
	}
	for d := range a.start {
		if a.work[d] != b.work[d] || a.rest[d] != b.rest[d] {
			return false
		}
		for o := range a.start[d] {
			if a.start[d][o] != b.start[d][o] {
				return false
			}
		}
	}
	return true
}

// mergeCounters merges the counts of the same thing into one, with the
// largest least and the smallest most.
func mergeCounters(cs []counter) []counter {
	var out []counter
	for _, c := range cs {
		merged := false
		for i := range out {
			o := &out[i]
			if !sameTable(o, &c) {
				continue
			}
			switch {
			case o.sat && c.sat:
				o.lo = max(o.lo, c.lo)
				o.hi = o.lo
			case o.sat:
				o.lo, o.hi, o.sat = max(o.lo, c.lo), c.hi, false
			case c.sat:
				o.lo = max(o.lo, c.lo)
			default:
				o.lo, o.hi = max(o.lo, c.lo), min(o.hi, c.hi)
			}
			o.implied = o.implied && c.implied
			merged = true
			break
		}
		if !merged {
			out = append(out, c)
		}
	}
	return out
}

// countersString describes counts for progress messages: each as its
// least and most and its span of days (w: the weekends).
func countersString(cs []counter) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(' ')
		}
		kind := ""
		if c.weekend {
			kind = "w"
		}
		fmt.Fprintf(&b, "%s[%d,%d]@%d-%d", kind, c.lo, c.hi, c.first, c.last)
	}
	return b.String()
}

// below reports whether count a never exceeds count b (on every day and
// option, a adds at most what b adds; both are tables).
func below(a, b *counter) bool {
	if a.weekend || b.weekend || len(a.start) != len(b.start) {
		return false
	}
	for d := range a.start {
		if a.work[d] > b.work[d] || a.rest[d] > b.rest[d] {
			return false
		}
		for o := range a.start[d] {
			if a.start[d][o] > b.start[d][o] {
				return false
			}
		}
	}
	return true
}

// impliedCounters drops the counts with only a most that another count's
// most implies (a count never below them, with a most no larger).
func impliedCounters(cs []counter) []counter {
	var out []counter
	for i := range cs {
		a := &cs[i]
		implied := false
		if a.lo <= 0 && !a.sat {
			for j := range cs {
				b := &cs[j]
				if j != i && !b.sat && b.hi <= a.hi && below(a, b) && (!below(b, a) || b.hi < a.hi || j < i) {
					implied = true
					break
				}
			}
		}
		if !implied {
			out = append(out, *a)
		}
	}
	return out
}

// coversSet reports whether count c adds at least 1 for every start of a
// shift type in set the person can take (can[d][o]), so that the starts
// of set never exceed the count.
func coversSet(c *counter, set uint64, can [][]bool) bool {
	for d := range c.start {
		for o := 0; o+1 < len(c.start[d]); o++ {
			if set&(1<<o) != 0 && can[d][o] && c.start[d][o]+c.work[d] < 1 {
				return false
			}
		}
	}
	return true
}
