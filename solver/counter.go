package solver

// This file is the package's one family of counters: totalizers over
// unit-weight literals and their weighted generalisation, each one-sided
// (a direction says which way its clauses propagate), truncated at the
// largest count that matters and extended incrementally when a search
// needs more. Every counter of the package is built from it: the
// cardinality and weighted constraints of rules (card.go), the outputs
// that searches ask by assumption (capacity windows, limits, the
// fewest-people search) and the MaxSAT relaxations (maxsat.go). The
// figures behind the choice are in counter_bench_test.go and the package
// documentation.

import (
	"slices"

	"github.com/shiftsat/shiftsat/constraints"
)

// counterSink is where a counter's variables and clauses go: an Encoding
// (before it is loaded) or a session (after).
type counterSink interface {
	True() Lit
	NewVar() Lit
	Define(lits ...Lit)
}

// sink is the concrete destination of a counter's variables and
// clauses (a concrete type, so that a clause passed on does not escape to
// the heap): an Encoding, taking clauses as given (sinkRaw, for callers
// that pass only non-constant literals), as definitions (sinkDefine) or
// as root clauses of a requirement (sinkRoot); a session; or any other
// counterSink.
type sink struct {
	e     *Encoding
	r     constraints.Req
	s     *session
	other counterSink
	mode  sinkMode
}

type sinkMode int

const (
	sinkRaw sinkMode = iota
	sinkDefine
	sinkRoot
	sinkSession
	sinkOther
)

// rawSink returns the sink writing clauses into e as given.
func rawSink(e *Encoding) *sink { return &sink{e: e, mode: sinkRaw} }

// rootSink returns the sink writing clauses into e as root clauses of r.
func rootSink(e *Encoding, r constraints.Req) *sink { return &sink{e: e, r: r, mode: sinkRoot} }

// sinkOf returns the sink of a counterSink.
func sinkOf(cs counterSink) *sink {
	switch v := cs.(type) {
	case *sink:
		return v
	case *Encoding:
		return &sink{e: v, mode: sinkDefine}
	case *session:
		return &sink{s: v, mode: sinkSession}
	}
	return &sink{other: cs, mode: sinkOther}
}

// True returns the true constant (counterSink).
func (k *sink) True() Lit {
	switch k.mode {
	case sinkSession:
		return k.s.True()
	case sinkOther:
		return k.other.True()
	}
	return k.e.tru
}

// NewVar returns a fresh variable (counterSink).
func (k *sink) NewVar() Lit {
	switch k.mode {
	case sinkSession:
		return k.s.newVar()
	case sinkOther:
		return k.other.NewVar()
	}
	return k.e.NewVar()
}

// Define adds a clause (counterSink).
func (k *sink) Define(c ...Lit) {
	switch k.mode {
	case sinkRaw:
		k.e.clause(c...)
	case sinkDefine:
		k.e.Define(c...)
	case sinkRoot:
		k.e.rootClause(k.r, c...)
	case sinkSession:
		k.s.add(c...)
	default:
		k.other.Define(append([]Lit(nil), c...)...)
	}
}

// countDir is the direction of a totalizer's clauses.
type countDir int

const (
	// countDown: at least j true inputs force the output "j" true
	// (outputs bound the count from above when assumed false).
	countDown countDir = iota
	// countUp: the output "j" true forces at least j true inputs
	// (outputs ask for a count when assumed true).
	countUp
	// countBoth: both, so the output "j" is true exactly when at least
	// j inputs are (outputs may be bounded either way, or read).
	countBoth
)

// totalizer is a node of a one-sided incremental totalizer over unit
// inputs: outs[j-1] is the node's output "at least j of my n inputs" (a
// leaf's only output is its input). Outputs are created on demand by
// extend, up to n; the tree itself has no variables.
type totalizer struct {
	left, right *totalizer
	n           int
	dir         countDir
	outs        []Lit
}

// newTotalizer returns the tree over xs (len(xs) >= 1), in direction dir,
// with no output yet but at the leaves.
func newTotalizer(xs []Lit, dir countDir) *totalizer {
	nodes := make([]totalizer, 2*len(xs)-1) // one allocation for the tree
	var build func(xs []Lit) *totalizer
	build = func(xs []Lit) *totalizer {
		t := &nodes[0]
		nodes = nodes[1:]
		t.n, t.dir = len(xs), dir
		if len(xs) == 1 {
			t.outs = xs[:1:1]
			return t
		}
		h := len(xs) / 2
		t.left = build(xs[:h])
		t.right = build(xs[h:])
		return t
	}
	return build(xs)
}

// extend gives t its outputs up to min(m, t.n), with their clauses: the
// children first, then the node's new variables, then its clauses.
func (t *totalizer) extend(s *sink, m int) {
	m = min(m, t.n)
	old := len(t.outs)
	if t.left == nil || old >= m {
		return
	}
	t.left.extend(s, m)
	t.right.extend(s, m)
	t.outs = slices.Grow(t.outs, m-old)
	for len(t.outs) < m {
		t.outs = append(t.outs, s.NewVar())
	}
	switch t.dir {
	case countDown:
		downClauses(s, t.left.outs, t.right.outs, old, m, t.outs)
	case countUp:
		upClauses(s, t.left.outs, t.left.n, t.right.outs, t.right.n, old, m, t.outs)
	default:
		bothClauses(s, t.left.outs, t.right.outs, old, m, t.outs)
	}
}

// rootClauses writes into s the clauses of the output "at least m" of t
// without that output (t has children, extended to m): for countDown
// they forbid m true inputs, for countUp they require m.
func (t *totalizer) rootClauses(s *sink, m int) {
	if t.dir == countDown {
		downClauses(s, t.left.outs, t.right.outs, m-1, m, nil)
	} else {
		upClauses(s, t.left.outs, t.left.n, t.right.outs, t.right.n, m-1, m, nil)
	}
}

// atLeast returns the literal of "at least j inputs" (j >= 1, within the
// outputs made) or a constant: true for j <= 0, false above n.
func (t *totalizer) atLeast(s counterSink, j int) Lit {
	switch {
	case j <= 0:
		return s.True()
	case j > t.n:
		return -s.True()
	}
	return t.outs[j-1]
}

// downClauses writes the downward clauses of the outputs from+1..to of a
// node with children outputs a and b: a >= i and b >= j force the output
// i+j (outs[i+j-1]; none when outs is nil). Order: i, then j.
func downClauses(s *sink, a, b []Lit, from, to int, outs []Lit) {
	var buf [3]Lit
	c := buf[:0]
	for i := 0; i <= len(a) && i <= to; i++ {
		for j := max(0, from+1-i); j <= len(b) && i+j <= to; j++ {
			if i == 0 && j == 0 {
				continue
			}
			c = c[:0]
			if i > 0 {
				c = append(c, -a[i-1])
			}
			if j > 0 {
				c = append(c, -b[j-1])
			}
			if outs != nil {
				c = append(c, outs[i+j-1])
			}
			s.Define(c...)
		}
	}
}

// upClauses writes the upward clauses of the outputs from+1..to of a node
// whose children have outputs a and b over na and nb inputs (extended to
// to at least) and outputs outs (nil: none): the output t forces, for
// every split i + j = t - 1, a >= i+1 or b >= j+1. Order: t, then i.
func upClauses(s *sink, a []Lit, na int, b []Lit, nb int, from, to int, outs []Lit) {
	var buf [3]Lit
	c := buf[:0]
	for t := from + 1; t <= to; t++ {
		for i := max(0, t-1-nb); i <= min(t-1, na); i++ {
			j := t - 1 - i
			c = c[:0]
			if outs != nil {
				c = append(c, -outs[t-1])
			}
			if i+1 <= na {
				c = append(c, a[i])
			}
			if j+1 <= nb {
				c = append(c, b[j])
			}
			s.Define(c...)
		}
	}
}

// bothClauses writes the clauses of both directions of the outputs
// from+1..to of a node with children outputs a and b (each truncated at
// to at least, or complete) and outputs outs: for every i and j, a >= i
// and b >= j force outs >= i+j (down), and a < i+1 and b < j+1 forbid
// outs >= i+j+1 (up). Order: i, then j, down before up.
func bothClauses(s *sink, a, b []Lit, from, to int, outs []Lit) {
	var buf [3]Lit
	c := buf[:0]
	for i := 0; i <= len(a); i++ {
		for j := 0; j <= len(b); j++ {
			if t := i + j; t > from && t >= 1 && t <= to {
				c = append(c[:0], outs[t-1])
				if i > 0 {
					c = append(c, -a[i-1])
				}
				if j > 0 {
					c = append(c, -b[j-1])
				}
				s.Define(c...)
			}
			if t := i + j + 1; t > from && t <= to {
				c = append(c[:0], -outs[t-1])
				if i < len(a) {
					c = append(c, a[i])
				}
				if j < len(b) {
					c = append(c, b[j])
				}
				s.Define(c...)
			}
		}
	}
}

// Counter returns the outputs o[0..c-1], c = min(cap, len(xs)), of a
// two-sided totalizer over xs truncated at cap (counter.go): o[k-1] is
// true exactly when at least k of xs are true. Its clauses are
// definitions (Define); none is a requirement. It returns nil when cap
// <= 0 or xs is empty, and xs[:1] for one input.
func (e *Encoding) Counter(xs []Lit, cap int) []Lit {
	if cap <= 0 || len(xs) == 0 {
		return nil
	}
	t := newTotalizer(xs, countBoth)
	t.extend(sinkOf(e), cap)
	return t.outs
}

// countOutputs returns out[0..k]: out[j] stands for "the terms' weights
// sum to at least j" (out[0] is the true constant, out[j] the false
// constant when j cannot be reached). In direction countUp, out[j]
// implies the sum (assume it to ask for at least j); in countDown, a sum
// of at least j forces out[j] (assume ¬out[j] to ask for less than j).
// Weights above k count as k; terms of weight 0 are ignored. Unit weights
// get a totalizer, others (countUp only) an upward generalized totalizer,
// whose out[j] is its output for the smallest reachable sum >= j.
func countOutputs(cs counterSink, terms []constraints.Term, k int, dir countDir) []Lit {
	s := sinkOf(cs)
	out := make([]Lit, k+1)
	out[0] = s.True()
	for j := 1; j <= k; j++ {
		out[j] = -s.True()
	}
	if k <= 0 {
		return out
	}
	unit := true
	var xs []Lit
	var leaves [][]wval
	for _, t := range terms {
		switch {
		case t.Weight <= 0:
			continue
		case t.Weight != 1:
			unit = false
		}
		xs = append(xs, t.Lit)
		leaves = append(leaves, []wval{{min(t.Weight, k), []Lit{t.Lit}}})
	}
	if len(xs) == 0 {
		return out
	}
	if unit {
		tot := newTotalizer(xs, dir)
		tot.extend(s, k)
		copy(out[1:], tot.outs)
		return out
	}
	if dir == countDown {
		// A downward generalized totalizer forces only the output of
		// the value reached, not those below: no "at least j" literals.
		panic("solver: a downward counter takes unit weights")
	}
	node, _ := upGteNode(s, leaves, k)
	for j := 1; j <= k; j++ {
		for _, v := range node {
			if v.v >= j {
				out[j] = v.lits[0]
				break
			}
		}
	}
	return out
}

// sumAtLeastOutputs returns the upward outputs of a counter over the
// weighted terms up to k (see countOutputs): assuming out[t] asks for a
// sum of at least t; nothing is forced otherwise.
func sumAtLeastOutputs(s counterSink, terms []constraints.Term, k int) []Lit {
	return countOutputs(s, terms, k, countUp)
}

// sumAtMostOutputs returns the downward outputs of a counter over lits up
// to k+1 (see countOutputs): a count of at least j forces out[j], so
// assuming ¬out[t+1] asks for at most t of lits.
func sumAtMostOutputs(s counterSink, lits []Lit, k int) []Lit {
	terms := make([]constraints.Term, len(lits))
	for i, l := range lits {
		terms[i] = constraints.Term{Lit: l, Weight: 1}
	}
	return countOutputs(s, terms, k+1, countDown)
}

// wval is one value a node of a weighted counter can take, with the
// literals that signal it (any of them true means the value is reached).
type wval struct {
	v    int
	lits []Lit
}

// gteNode builds the node of a downward generalized totalizer over leaves
// (each leaf takes at most one of its values), with values capped at cap,
// and returns its values (sorted, each with one output variable forced
// true when the inputs reach it; a single leaf is returned as is).
func gteNode(s *sink, leaves [][]wval, cap int) []wval {
	if len(leaves) == 1 {
		return leaves[0]
	}
	h := len(leaves) / 2
	a, b := gteNode(s, leaves[:h], cap), gteNode(s, leaves[h:], cap)
	out := make([]Lit, cap+1)
	get := func(v int) Lit {
		v = min(v, cap)
		if out[v] == 0 {
			out[v] = s.NewVar()
		}
		return out[v]
	}
	for _, va := range a {
		o := get(va.v)
		for _, x := range va.lits {
			s.Define(-x, o)
		}
	}
	for _, vb := range b {
		o := get(vb.v)
		for _, y := range vb.lits {
			s.Define(-y, o)
		}
	}
	for _, va := range a {
		for _, vb := range b {
			if va.v >= cap || vb.v >= cap {
				continue // already forces the capped output
			}
			o := get(va.v + vb.v)
			for _, x := range va.lits {
				for _, y := range vb.lits {
					s.Define(-x, -y, o)
				}
			}
		}
	}
	var res []wval
	for v := 1; v <= cap; v++ {
		if out[v] != 0 {
			res = append(res, wval{v, []Lit{out[v]}})
		}
	}
	return res
}

// geq returns literals whose disjunction implies that the node's sum
// reaches w (w > 0): for a leaf, its literals of values >= w; for an inner
// node, its output for the smallest value >= w. Empty means false.
func geq(node []wval, leaf bool, w int) []Lit {
	var out []Lit
	for _, wv := range node {
		if wv.v >= w {
			if !leaf {
				return wv.lits
			}
			out = append(out, wv.lits...)
		}
	}
	return out
}

// upGteClauses writes into s the clauses saying that when the output o
// (0: none, at a root) is v the children reach v: for every value va of a
// (or 0) below v, a exceeds va or b reaches v - va.
func upGteClauses(s *sink, o Lit, a []wval, aLeaf bool, b []wval, bLeaf bool, v int) {
	var c []Lit
	for i := -1; i < len(a); i++ {
		va := 0
		if i >= 0 {
			va = a[i].v
		}
		if va >= v {
			break
		}
		c = c[:0]
		if o != 0 {
			c = append(c, -o)
		}
		if i+1 < len(a) {
			c = append(c, geq(a, aLeaf, a[i+1].v)...)
		}
		c = append(c, geq(b, bLeaf, v-va)...)
		s.Define(c...)
	}
}

// upGteNode builds an inner node of the upward generalized totalizer over
// leaves (values at most cap), values capped at cap, and returns its
// values (sorted; each output true only when the inputs reach its value)
// and whether it is a leaf.
func upGteNode(s *sink, leaves [][]wval, cap int) ([]wval, bool) {
	if len(leaves) == 1 {
		return leaves[0], true
	}
	h := len(leaves) / 2
	a, aLeaf := upGteNode(s, leaves[:h], cap)
	b, bLeaf := upGteNode(s, leaves[h:], cap)
	reach := make([]bool, cap+1)
	for i := -1; i < len(a); i++ {
		va := 0
		if i >= 0 {
			va = a[i].v
		}
		for j := -1; j < len(b); j++ {
			vb := 0
			if j >= 0 {
				vb = b[j].v
			}
			reach[min(va+vb, cap)] = true
		}
	}
	var out []wval
	for v := 1; v <= cap; v++ {
		if reach[v] {
			out = append(out, wval{v, []Lit{s.NewVar()}})
		}
	}
	for _, o := range out {
		upGteClauses(s, o.lits[0], a, aLeaf, b, bLeaf, o.v)
	}
	return out, false
}
