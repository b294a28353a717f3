package solver

import (
	"github.com/shiftsat/shiftsat/constraints"
)

// This file holds the cardinality and weighted-sum encodings. See doc.go
// for the choices and their reasons.

// AtMost implements constraints.Encoder.
func (e *Encoding) AtMost(r constraints.Req, lits []Lit, k int) {
	e.check(r)
	xs, k := e.stripCard(lits, k)
	e.atMost(r, xs, k)
}

// AtLeast implements constraints.Encoder: at least k of lits is at most
// n-k of their negations.
func (e *Encoding) AtLeast(r constraints.Req, lits []Lit, k int) {
	e.check(r)
	xs, k := e.stripCard(lits, k)
	e.atMost(r, negate(xs), len(xs)-k)
}

// stripCard removes the constants from lits, lowering k by one for each
// true constant.
func (e *Encoding) stripCard(lits []Lit, k int) ([]Lit, int) {
	xs := make([]Lit, 0, len(lits))
	for _, l := range lits {
		switch l {
		case 0:
			panic("solver: literal 0 in a cardinality constraint")
		case e.tru:
			k--
		case -e.tru:
		default:
			xs = append(xs, l)
		}
	}
	return xs, k
}

func negate(xs []Lit) []Lit {
	out := make([]Lit, len(xs))
	for i, x := range xs {
		out[i] = -x
	}
	return out
}

// atMost requires at most k of the (non-constant) xs true, as part of r.
func (e *Encoding) atMost(r constraints.Req, xs []Lit, k int) {
	n := len(xs)
	switch {
	case k < 0:
		e.rootClause(r)
	case k >= n:
	case k == 0:
		for _, x := range xs {
			e.rootClause(r, -x)
		}
	case k == n-1:
		e.rootClause(r, negate(xs)...)
	case k == 1 && n <= 6:
		for i := range xs {
			for j := i + 1; j < n; j++ {
				e.rootClause(r, -xs[i], -xs[j])
			}
		}
	case k+1 <= n-k:
		e.downRoot(r, xs, k+1)
	default:
		// At most k of xs is at least n-k of their negations.
		e.upRoot(r, negate(xs), n-k)
	}
}

// newVars returns n fresh variables.
func (e *Encoding) newVars(n int) []Lit {
	out := make([]Lit, n)
	for i := range out {
		out[i] = e.NewVar()
	}
	return out
}

// downRoot requires fewer than m of xs true (len(xs) >= 2): the root of a
// downward totalizer (counter.go) whose children are truncated at m, its
// clauses for the output m written as r's root clauses without it.
func (e *Encoding) downRoot(r constraints.Req, xs []Lit, m int) {
	e.totalizerRoot(r, xs, m, countDown)
}

// upRoot requires at least m of xs true (len(xs) >= 2): the root of an
// upward totalizer (counter.go) whose children are truncated at m, its
// clauses for the output m written as r's root clauses without it.
func (e *Encoding) upRoot(r constraints.Req, xs []Lit, m int) {
	e.totalizerRoot(r, xs, m, countUp)
}

func (e *Encoding) totalizerRoot(r constraints.Req, xs []Lit, m int, dir countDir) {
	t := newTotalizer(xs, dir)
	raw := rawSink(e)
	t.left.extend(raw, m)
	t.right.extend(raw, m)
	t.rootClauses(rootSink(e, r), m)
}

// WeightedAtMost implements constraints.Encoder.
//
// The terms are merged by literal; positive Start literals of one person
// and date form one group, whose members are mutually exclusive (RULES.md
// §1: at most one shift starts per person per date; the encoding adds
// those at-most-one clauses itself, unguarded, as physical facts). The sum
// is then encoded by a one-sided generalized totalizer (gteAtMost).
func (e *Encoding) WeightedAtMost(r constraints.Req, terms []constraints.Term, k int) {
	e.check(r)
	groups, k := e.groupTerms(terms, k)
	leaves := make([][]wval, 0, len(groups))
	for _, g := range groups {
		leaves = append(leaves, leafValues(g, func(t constraints.Term) int { return t.Weight }))
	}
	e.gteAtMost(r, leaves, k)
}

// WeightedAtLeast implements constraints.Encoder.
//
// Terms are merged and grouped as for WeightedAtMost. When k is at most
// about half the largest reachable sum, an upward generalized totalizer
// truncated at k is used (gteAtLeast). Otherwise, each group g of largest weight M_g
// falls short of M_g by a deficit: M_g - w when its term of weight w is
// true, M_g when none is. The sum reaches k exactly when the deficits sum
// to at most sum(M_g) - k, which gteAtMost encodes. The "none" deficit of
// a single term x is signalled by ¬x; that of a larger group by a fresh z
// defined by (x_1 or ... or x_n or z).
func (e *Encoding) WeightedAtLeast(r constraints.Req, terms []constraints.Term, k int) {
	e.check(r)
	groups, k := e.groupTerms(terms, k)
	if k <= 0 {
		return
	}
	total := 0
	all := true // every term alone reaches k
	for _, g := range groups {
		total += maxWeight(g)
		for _, t := range g {
			if t.Weight < k {
				all = false
			}
		}
	}
	if total < k {
		e.rootClause(r)
		return
	}
	if all {
		var c []Lit
		for _, g := range groups {
			for _, t := range g {
				c = append(c, t.Lit)
			}
		}
		e.rootClause(r, c...)
		return
	}
	if k <= total-k+1 {
		// The upward counter, truncated at k, is the smaller.
		leaves := make([][]wval, 0, len(groups))
		for _, g := range groups {
			leaves = append(leaves, leafValues(g, func(t constraints.Term) int { return min(t.Weight, k) }))
		}
		e.gteAtLeast(r, leaves, k)
		return
	}
	leaves := make([][]wval, 0, len(groups))
	for _, g := range groups {
		m := maxWeight(g)
		leaf := leafValues(g, func(t constraints.Term) int { return m - t.Weight })
		var none Lit
		if len(g) == 1 {
			none = -g[0].Lit
		} else {
			none = e.NewVar()
			c := make([]Lit, 0, len(g)+1)
			for _, t := range g {
				c = append(c, t.Lit)
			}
			e.clause(append(c, none)...)
		}
		leaf = insertValue(leaf, m, none)
		leaves = append(leaves, leaf)
	}
	e.gteAtMost(r, leaves, total-k)
}

func maxWeight(g []constraints.Term) int {
	m := 0
	for _, t := range g {
		m = max(m, t.Weight)
	}
	return m
}

// groupTerms removes constants (a true term lowers k by its weight), merges
// terms with the same literal, and groups positive Start literals by person
// and date (adding their at-most-one clauses once per encoding). Groups and
// their members keep the order of first appearance.
func (e *Encoding) groupTerms(terms []constraints.Term, k int) ([][]constraints.Term, int) {
	var merged []constraints.Term
	index := map[Lit]int{}
	for _, t := range terms {
		if t.Lit == 0 {
			panic("solver: literal 0 in a weighted sum")
		}
		if t.Weight < 0 {
			panic("solver: negative weight in a weighted sum")
		}
		switch {
		case t.Weight == 0 || t.Lit == -e.tru:
			continue
		case t.Lit == e.tru:
			k -= t.Weight
			continue
		}
		if i, ok := index[t.Lit]; ok {
			merged[i].Weight += t.Weight
			continue
		}
		index[t.Lit] = len(merged)
		merged = append(merged, t)
	}
	var groups [][]constraints.Term
	gindex := map[startDay]int{}
	for _, t := range merged {
		sd, ok := e.startOf(t.Lit)
		if !ok {
			groups = append(groups, []constraints.Term{t})
			continue
		}
		if i, ok := gindex[sd]; ok {
			groups[i] = append(groups[i], t)
			continue
		}
		gindex[sd] = len(groups)
		groups = append(groups, []constraints.Term{t})
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		sd, _ := e.startOf(g[0].Lit)
		if e.amo[sd] {
			continue
		}
		e.amo[sd] = true
		ns := len(e.sc.Shifts)
		for a := 0; a < ns; a++ {
			for b := a + 1; b < ns; b++ {
				e.clause(-e.start(sd.person, sd.date, a), -e.start(sd.person, sd.date, b))
			}
		}
	}
	return groups, k
}

// leafValues returns the values of a group's leaf (value -> literals),
// sorted by value, omitting the value 0.
func leafValues(g []constraints.Term, value func(constraints.Term) int) []wval {
	var out []wval
	for _, t := range g {
		out = insertValue(out, value(t), t.Lit)
	}
	return out
}

// insertValue adds literal l with value v to the sorted leaf (v = 0 is ignored).
func insertValue(leaf []wval, v int, l Lit) []wval {
	if v == 0 {
		return leaf
	}
	for i := range leaf {
		if leaf[i].v == v {
			leaf[i].lits = append(leaf[i].lits, l)
			return leaf
		}
		if leaf[i].v > v {
			leaf = append(leaf, wval{})
			copy(leaf[i+1:], leaf[i:])
			leaf[i] = wval{v, []Lit{l}}
			return leaf
		}
	}
	return append(leaf, wval{v, []Lit{l}})
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// gteAtMost requires, as part of r, that the values of the leaves sum to at
// most k, where each leaf takes at most one of its values (or 0). It is a
// generalized totalizer, one-sided (a node's output for value v is forced
// true when its inputs reach v; nothing forces it false), over the
// reachable partial sums capped at k+1; its root clauses forbid reaching
// k+1. Values above k are forbidden by unit root clauses, values are
// divided by their gcd first, and trivial cases add nothing.
func (e *Encoding) gteAtMost(r constraints.Req, leaves [][]wval, k int) {
	if k < 0 {
		e.rootClause(r)
		return
	}
	kept := leaves[:0:0]
	total, g := 0, 0
	for _, leaf := range leaves {
		var l []wval
		for _, wv := range leaf {
			if wv.v > k {
				for _, x := range wv.lits {
					e.rootClause(r, -x)
				}
				continue
			}
			l = append(l, wv)
			g = gcd(g, wv.v)
		}
		if len(l) > 0 {
			kept = append(kept, l)
			total += l[len(l)-1].v
		}
	}
	if total <= k || len(kept) < 2 {
		return
	}
	if g > 1 {
		for _, leaf := range kept {
			for i := range leaf {
				leaf[i].v /= g
			}
		}
		k /= g
	}
	cap := k + 1
	h := len(kept) / 2
	a, b := gteNode(rawSink(e), kept[:h], cap), gteNode(rawSink(e), kept[h:], cap)
	for _, va := range a {
		if va.v >= cap {
			for _, x := range va.lits {
				e.rootClause(r, -x)
			}
		}
	}
	for _, vb := range b {
		if vb.v >= cap {
			for _, y := range vb.lits {
				e.rootClause(r, -y)
			}
		}
	}
	for _, va := range a {
		for _, vb := range b {
			if va.v+vb.v < cap || va.v >= cap || vb.v >= cap {
				continue
			}
			for _, x := range va.lits {
				for _, y := range vb.lits {
					e.rootClause(r, -x, -y)
				}
			}
		}
	}
}

// gteAtLeast requires, as part of r, that the values of the leaves (each
// leaf takes at most one of its values, all <= k) sum to at least k > 0.
// It is the upward half of a generalized totalizer truncated at k: a
// node's output for value v is true only if its inputs reach v (values at
// or above k are merged into k), and the root clauses say that the
// children together reach k.
func (e *Encoding) gteAtLeast(r constraints.Req, leaves [][]wval, k int) {
	total, g := 0, 0
	for _, leaf := range leaves {
		total += leaf[len(leaf)-1].v
		for _, wv := range leaf {
			g = gcd(g, wv.v)
		}
	}
	if total < k {
		e.rootClause(r)
		return
	}
	if g > 1 {
		for i, leaf := range leaves {
			l := make([]wval, len(leaf))
			for j, wv := range leaf {
				l[j] = wval{wv.v / g, wv.lits}
			}
			leaves[i] = l
		}
		k = (k + g - 1) / g
	}
	if len(leaves) == 1 {
		e.rootClause(r, geq(leaves[0], true, k)...)
		return
	}
	h := len(leaves) / 2
	a, aLeaf := upGteNode(rawSink(e), leaves[:h], k)
	b, bLeaf := upGteNode(rawSink(e), leaves[h:], k)
	upGteClauses(rootSink(e, r), 0, a, aLeaf, b, bLeaf, k)
}
