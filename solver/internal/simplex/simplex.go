package simplex

import (
	"context"
	"errors"
	"math"
)

// This file is a small revised simplex method for the linear programs of
// column generation: minimise c·x subject to A x = b, x >= 0,
// from a feasible basis the caller supplies, with columns added between
// solves. The basis inverse is kept dense (the programs have a few hundred
// rows at most) and updated by pivoting, refactorised from the basic
// columns every refactorEvery pivots. Dantzig's rule chooses the entering
// column; after a run of degenerate pivots Bland's rule takes over until
// the objective moves, so the method cannot cycle.
//
// The linear program only guides the search: its callers round and
// re-check its duals exactly, so floating-point error here can weaken a
// bound but never make it wrong.

// Col is a sparse column of the linear program.
type Col struct {
	Idx  []int
	Val  []float64
	Cost float64
}

// LP is a linear program in equality form with a current basis.
type LP struct {
	m     int
	b     []float64
	cols  []Col
	basis []int     // basis[i]: the column basic in row i
	pos   []int     // pos[j]: the row where column j is basic, or -1
	binv  []float64 // the basis inverse, m x m, row-major
	xB    []float64 // the basic variables' values
	iters int
	// off[j] keeps column j out of the basis: pricing skips it (the
	// caller gives it a prohibitive cost too, in case it is basic).
	off []bool
	// cursor is where partial pricing resumes.
	cursor int
}

// Perturbation bounds the perturbation New adds to each row of the
// right-hand side.
const Perturbation = 1e-6

const (
	lpEps         = 1e-9
	refactorEvery = 128
)

// ErrSingular is returned when the basis given or reached is singular.
var ErrSingular = errors.New("simplex: singular basis")

// New returns a program with right-hand side b, perturbed by less
// than Perturbation per row (a fixed pattern), and no columns. The
// programs of column generation are highly degenerate (many cells' slacks
// at zero), and the Perturbation keeps the simplex from stalling on
// degenerate pivots; the duals only guide the bound, which is computed
// exactly from them (colgen.go), so it stays valid.
func New(b []float64) *LP {
	s := &LP{m: len(b), b: append([]float64(nil), b...)}
	for i := range s.b {
		s.b[i] += Perturbation * float64(1+(i*7919)%97) / 97
	}
	return s
}

// Add appends a column and returns its index (non-basic).
func (s *LP) Add(c Col) int {
	s.cols = append(s.cols, c)
	s.pos = append(s.pos, -1)
	s.off = append(s.off, false)
	return len(s.cols) - 1
}

// SetBasis makes the columns basis (one per row) basic; they must form an
// invertible matrix whose basic solution is non-negative.
func (s *LP) SetBasis(basis []int) error {
	s.basis = append([]int(nil), basis...)
	for j := range s.pos {
		s.pos[j] = -1
	}
	for i, j := range s.basis {
		s.pos[j] = i
	}
	return s.refactor()
}

// refactor recomputes the basis inverse and the basic solution.
func (s *LP) refactor() error {
	m := s.m
	a := make([]float64, m*m) // the basis matrix
	for i, j := range s.basis {
		c := s.cols[j]
		for k, r := range c.Idx {
			a[r*m+i] = c.Val[k]
		}
	}
	inv := make([]float64, m*m)
	for i := 0; i < m; i++ {
		inv[i*m+i] = 1
	}
	// Gauss-Jordan with partial pivoting.
	for col := 0; col < m; col++ {
		p, best := -1, 0.0
		for r := col; r < m; r++ {
			if v := math.Abs(a[r*m+col]); v > best {
				p, best = r, v
			}
		}
		if best < 1e-12 {
			return ErrSingular
		}
		if p != col {
			for k := 0; k < m; k++ {
				a[p*m+k], a[col*m+k] = a[col*m+k], a[p*m+k]
				inv[p*m+k], inv[col*m+k] = inv[col*m+k], inv[p*m+k]
			}
		}
		f := 1 / a[col*m+col]
		// Columns left of col are eliminated in a (zero but on the
		// diagonal): the loops over a start at col.
		for k := col; k < m; k++ {
			a[col*m+k] *= f
		}
		for k := 0; k < m; k++ {
			inv[col*m+k] *= f
		}
		pa, pi := a[col*m:(col+1)*m], inv[col*m:(col+1)*m]
		for r := 0; r < m; r++ {
			if r == col {
				continue
			}
			if g := a[r*m+col]; g != 0 {
				ra, ri := a[r*m:(r+1)*m], inv[r*m:(r+1)*m]
				for k := col; k < m; k++ {
					ra[k] -= g * pa[k]
				}
				for k, v := range pi {
					if v != 0 {
						ri[k] -= g * v
					}
				}
			}
		}
	}
	s.binv = inv
	s.xB = make([]float64, m)
	for i := 0; i < m; i++ {
		v := 0.0
		for k := 0; k < m; k++ {
			v += inv[i*m+k] * s.b[k]
		}
		s.xB[i] = max(v, 0)
	}
	return nil
}

// Duals returns y = c_B B^-1.
func (s *LP) Duals() []float64 {
	m := s.m
	y := make([]float64, m)
	for i, j := range s.basis {
		c := s.cols[j].Cost
		if c == 0 {
			continue
		}
		row := s.binv[i*m : (i+1)*m]
		for k := range y {
			y[k] += c * row[k]
		}
	}
	return y
}

// Reduced returns the reduced cost of column j under the duals y.
func (s *LP) Reduced(j int, y []float64) float64 {
	c := s.cols[j]
	d := c.Cost
	for k, r := range c.Idx {
		d -= y[r] * c.Val[k]
	}
	return d
}

// Objective returns the current basic solution's cost.
func (s *LP) Objective() float64 {
	v := 0.0
	for i, j := range s.basis {
		v += s.cols[j].Cost * s.xB[i]
	}
	return v
}

// Value returns the value of column j in the current basic solution.
func (s *LP) Value(j int) float64 {
	if i := s.pos[j]; i >= 0 {
		return s.xB[i]
	}
	return 0
}

// Solve pivots to an optimal basis, at most maxIter pivots and until ctx
// ends (it reports false when it stopped before optimality).
func (s *LP) Solve(ctx context.Context, maxIter int) (bool, error) {
	m := s.m
	w := make([]float64, m)
	bland := false
	stall, lastObj := 0, math.Inf(1)
	// y are the duals, updated after each pivot (y + dq times the new
	// basis inverse's row r) and recomputed after each refactorisation.
	var y []float64
	for it := 0; it < maxIter; it++ {
		if it%256 == 255 && ctx.Err() != nil {
			return false, nil
		}
		if y == nil {
			y = s.Duals()
		}
		q, dq := s.price(y, bland)
		if q < 0 {
			return true, nil
		}
		s.column(q, w)
		r, t := -1, math.Inf(1)
		for i := 0; i < m; i++ {
			if w[i] <= lpEps {
				continue
			}
			ti := s.xB[i] / w[i]
			switch {
			case r < 0 || ti < t-1e-12:
				r, t = i, ti
			case ti <= t+1e-12:
				if bland {
					if s.basis[i] < s.basis[r] {
						r, t = i, ti
					}
				} else if w[i] > w[r] {
					r, t = i, ti
				}
			}
		}
		if r < 0 {
			return false, errors.New("simplex: unbounded")
		}
		s.pivot(r, q, w, t)
		s.iters++
		row := s.binv[r*m : (r+1)*m]
		for k := range y {
			y[k] += dq * row[k]
		}
		if s.iters%refactorEvery == 0 {
			if err := s.refactor(); err != nil {
				return false, err
			}
			y = nil
		}
		obj := s.Objective()
		if obj < lastObj-1e-9 {
			lastObj, stall, bland = obj, 0, false
		} else if stall++; stall > 50 {
			bland = true
		}
	}
	return false, nil
}

// price returns the entering column under the duals y and its reduced
// cost, or -1 when none has a negative reduced cost. Under Bland's rule it is the first such
// column; otherwise partial pricing: the columns are scanned in segments
// from where the last scan found one, and the most negative column of
// the first segment that has any enters (Dantzig's rule within it).
func (s *LP) price(y []float64, bland bool) (q int, d float64) {
	n := len(s.cols)
	if bland {
		for j := range s.cols {
			if s.pos[j] < 0 && !s.off[j] {
				if d := s.Reduced(j, y); d < -lpEps {
					return j, d
				}
			}
		}
		return -1, 0
	}
	seg := max(n/8, 256)
	if s.cursor >= n {
		s.cursor = 0
	}
	q, best := -1, -lpEps
	for k := 0; k < n; k++ {
		j := s.cursor + k
		if j >= n {
			j -= n
		}
		if k > 0 && k%seg == 0 && q >= 0 {
			s.cursor = j
			return q, best
		}
		if s.pos[j] >= 0 || s.off[j] {
			continue
		}
		if d := s.Reduced(j, y); d < best {
			q, best = j, d
		}
	}
	return q, best
}

// SetCost changes column j's cost (the basis stays feasible; solve then
// re-optimises from it).
func (s *LP) SetCost(j int, c float64) { s.cols[j].Cost = c }

// PivotOut makes a degenerate pivot (the basic value is 0, so no value
// changes) that takes the column basic in row r out of the basis, bringing
// in a non-basic column allowed by ok whose entry in that row of B^-1 A is
// largest in magnitude; it reports false when the value is not 0 or no
// column has a usable entry.
func (s *LP) PivotOut(r int, ok func(j int) bool) bool {
	if s.xB[r] > lpEps {
		return false
	}
	m := s.m
	row := s.binv[r*m : (r+1)*m]
	q, best := -1, 1e-7
	for j, c := range s.cols {
		if s.pos[j] >= 0 || !ok(j) {
			continue
		}
		v := 0.0
		for k, i := range c.Idx {
			v += row[i] * c.Val[k]
		}
		if math.Abs(v) > best {
			q, best = j, math.Abs(v)
		}
	}
	if q < 0 {
		return false
	}
	w := make([]float64, m)
	s.column(q, w)
	s.pivot(r, q, w, 0)
	return true
}

// column sets w to B^-1 a_q, column q in the current basis's terms.
func (s *LP) column(q int, w []float64) {
	m := s.m
	c := s.cols[q]
	for i := 0; i < m; i++ {
		v := 0.0
		row := s.binv[i*m : (i+1)*m]
		for k, r := range c.Idx {
			v += row[r] * c.Val[k]
		}
		w[i] = v
	}
}

// pivot brings column q into the basis in row r, where w = B^-1 a_q and t
// is its new value.
func (s *LP) pivot(r, q int, w []float64, t float64) {
	m := s.m
	for i := 0; i < m; i++ {
		if i != r {
			s.xB[i] = max(s.xB[i]-t*w[i], 0)
		}
	}
	s.xB[r] = t
	pr := s.binv[r*m : (r+1)*m]
	f := 1 / w[r]
	for k := range pr {
		pr[k] *= f
	}
	for i := 0; i < m; i++ {
		if i == r || w[i] == 0 {
			continue
		}
		g := w[i]
		row := s.binv[i*m : (i+1)*m]
		for k := range row {
			row[k] -= g * pr[k]
		}
	}
	s.pos[s.basis[r]] = -1
	s.basis[r] = q
	s.pos[q] = r
}

// SetOff keeps column j out of the basis when off is set: pricing skips
// it (give it a prohibitive cost too, in case it is basic).
func (s *LP) SetOff(j int, off bool) { s.off[j] = off }

// NumCols returns the number of columns.
func (s *LP) NumCols() int { return len(s.cols) }

// Column returns column j (its slices are shared: do not modify them).
func (s *LP) Column(j int) Col { return s.cols[j] }

// Basis returns the basic column of each row (shared: do not modify it).
func (s *LP) Basis() []int { return s.basis }

// RHS returns the perturbed right-hand side (shared: do not modify it).
func (s *LP) RHS() []float64 { return s.b }

// Iters returns the number of pivots made so far.
func (s *LP) Iters() int { return s.iters }

// SetIters sets the pivot count (to carry it over to a new program).
func (s *LP) SetIters(n int) { s.iters = n }
