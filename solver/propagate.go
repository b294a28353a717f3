package solver

// Unit propagation over an Encoding's clauses, in Go: CheckCapacity asks
// it, for every start of a person's own problem, whether assuming the
// start leads to a conflict by propagation alone. (gini's scoped Test does
// the same but must not meet unit clauses before a first Solve.)

// propagator is a unit-propagation engine over a fixed clause list with a
// trail that can be undone to the base level.
type propagator struct {
	clauses [][]Lit
	occ     map[Lit][]int // literal -> clauses holding it
	val     map[int]int8  // variable -> +1 true, -1 false (absent: unassigned)
	trail   []Lit
	base    int  // trail length at the base level
	bad     bool // the base level conflicts: the clauses are unsatisfiable
}

// newPropagator builds the engine and propagates the unit clauses.
func newPropagator(e *Encoding) *propagator {
	p := &propagator{occ: map[Lit][]int{}, val: map[int]int8{}}
	e.eachClause(func(c []Lit) {
		i := len(p.clauses)
		p.clauses = append(p.clauses, c)
		for _, l := range c {
			p.occ[l] = append(p.occ[l], i)
		}
	})
	for _, c := range p.clauses {
		if len(c) == 0 {
			p.bad = true
			return p
		}
	}
	for _, c := range p.clauses {
		if len(c) == 1 && !p.assign(c[0]) {
			p.bad = true
			return p
		}
	}
	p.base = len(p.trail)
	return p
}

func (p *propagator) value(l Lit) int8 {
	v := p.val[int(abs32(l))]
	if l < 0 {
		return -v
	}
	return v
}

func abs32(l Lit) Lit {
	if l < 0 {
		return -l
	}
	return l
}

// assign sets l true and propagates; false on a conflict.
func (p *propagator) assign(l Lit) bool {
	switch p.value(l) {
	case 1:
		return true
	case -1:
		return false
	}
	queue := []Lit{l}
	p.set(l)
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		for _, ci := range p.occ[-x] {
			var unit Lit
			free, sat := 0, false
			for _, m := range p.clauses[ci] {
				switch p.value(m) {
				case 1:
					sat = true
				case 0:
					free++
					unit = m
				}
				if sat || free > 1 {
					break
				}
			}
			switch {
			case sat || free > 1:
			case free == 0:
				return false
			default:
				p.set(unit)
				queue = append(queue, unit)
			}
		}
	}
	return true
}

func (p *propagator) set(l Lit) {
	if l > 0 {
		p.val[int(l)] = 1
	} else {
		p.val[int(-l)] = -1
	}
	p.trail = append(p.trail, l)
}

// undo goes back to the base level.
func (p *propagator) undo() {
	for _, l := range p.trail[p.base:] {
		delete(p.val, int(abs32(l)))
	}
	p.trail = p.trail[:p.base]
}

// probe reports whether l can be assumed without a conflict by
// propagation (true does not mean a solution exists).
func (p *propagator) probe(l Lit) bool {
	if p.bad {
		return false
	}
	ok := p.assign(l)
	p.undo()
	return ok
}
