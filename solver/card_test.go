package solver

import (
	"context"
	"fmt"
	"testing"

	"github.com/go-air/gini"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// emptyScenario is a scenario with no staff and no shift types: only the
// constant exists, so every input of a test is a fresh variable.
func emptyScenario() *model.Scenario {
	d := model.MustDate("2024-04-01")
	return &model.Scenario{Name: "empty", Horizon: model.DateRange{Start: d, End: d}}
}

// weekScenario has staff p0..p{n-1}, shifts E (07:00-15:30, 30 min break:
// 480 min), L (14:00-22:30, 60: 450) and N (22:00-07:00, 30: 510), and a
// horizon of days days from Monday 2024-04-01.
func weekScenario(n, days int) *model.Scenario {
	start := model.MustDate("2024-04-01")
	sc := &model.Scenario{
		Name:    "test",
		Horizon: model.DateRange{Start: start, End: start.Add(days - 1)},
		Shifts: []*model.ShiftType{
			{ID: "E", Start: 7 * 60, End: 15*60 + 30, Break: 30},
			{ID: "L", Start: 14 * 60, End: 22*60 + 30, Break: 60},
			{ID: "N", Start: 22 * 60, End: 7 * 60, Break: 30},
		},
	}
	for i := 0; i < n; i++ {
		sc.Staff = append(sc.Staff, &model.Staff{ID: model.StaffID(fmt.Sprintf("p%d", i))})
	}
	return sc
}

// check solves enc under the assumptions and returns 1 (SAT) or -1 (UNSAT).
func solveUnder(g *gini.Gini, assume ...Lit) int {
	for _, a := range assume {
		g.Assume(toGini(a))
	}
	return g.Solve()
}

// cardKind names one of the four cardinality methods.
type cardKind int

const (
	atMost cardKind = iota
	atLeast
	wAtMost
	wAtLeast
)

func (c cardKind) String() string {
	return [...]string{"AtMost", "AtLeast", "WeightedAtMost", "WeightedAtLeast"}[c]
}

func (c cardKind) holds(sum, k int) bool {
	if c == atMost || c == wAtMost {
		return sum <= k
	}
	return sum >= k
}

// verify checks, for every assignment of the n free inputs, that the
// encoding with the inputs assumed is satisfiable exactly when the
// (weighted) count of true inputs, constants included, meets the bound.
// Inputs are lits[i] for i < len(weights); consts are extra constant
// terms. In selector mode it also checks that dropping the selector
// makes every assignment satisfiable.
func verify(t *testing.T, kind cardKind, weights []int, consts []bool, constW int, k int, selectors bool) {
	t.Helper()
	enc := NewEncoding(emptyScenario(), selectors)
	n := len(weights)
	xs := make([]Lit, n)
	for i := range xs {
		xs[i] = enc.NewVar()
	}
	var terms []constraints.Term
	var lits []Lit
	for i := 0; i < max(n, len(consts)); i++ {
		if i < n {
			terms = append(terms, constraints.Term{Lit: xs[i], Weight: weights[i]})
			lits = append(lits, xs[i])
		}
		if i < len(consts) { // interleave constants with the inputs
			c := enc.True()
			if !consts[i] {
				c = c.Not()
			}
			terms = append(terms, constraints.Term{Lit: c, Weight: constW})
			lits = append(lits, c)
		}
	}
	constSum := 0
	for _, c := range consts {
		if c {
			if kind == wAtMost || kind == wAtLeast {
				constSum += constW
			} else {
				constSum++
			}
		}
	}
	r := enc.Begin(constraints.Provenance{Kind: "test"})
	switch kind {
	case atMost:
		enc.AtMost(r, lits, k)
	case atLeast:
		enc.AtLeast(r, lits, k)
	case wAtMost:
		enc.WeightedAtMost(r, terms, k)
	case wAtLeast:
		enc.WeightedAtLeast(r, terms, k)
	}
	g := enc.load(context.Background())
	sels := enc.Assumptions()
	for a := 0; a < 1<<n; a++ {
		assume := append([]Lit(nil), sels...)
		sum := constSum
		for i, x := range xs {
			if a>>i&1 == 1 {
				assume = append(assume, x)
				if kind == wAtMost || kind == wAtLeast {
					sum += weights[i]
				} else {
					sum++
				}
			} else {
				assume = append(assume, -x)
			}
		}
		want := -1
		if kind.holds(sum, k) {
			want = 1
		}
		if got := solveUnder(g, assume...); got != want {
			t.Fatalf("%v(weights %v, consts %v, k=%d, selectors=%v): assignment %0*b (sum %d): solve = %d, want %d",
				kind, weights, consts, k, selectors, n, a, sum, got, want)
		}
		if selectors {
			if got := solveUnder(g, assume[len(sels):]...); got != 1 {
				t.Fatalf("%v(weights %v, k=%d): assignment %0*b without its selector: solve = %d, want 1",
					kind, weights, k, n, a, got)
			}
		}
	}
}

func ones(n int) []int {
	w := make([]int, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

func TestCardinalityExhaustive(t *testing.T) {
	for _, kind := range []cardKind{atMost, atLeast} {
		for n := 1; n <= 9; n++ {
			if n > 6 && n != 9 {
				continue
			}
			for k := -1; k <= n+1; k++ {
				for _, sel := range []bool{false, true} {
					verify(t, kind, ones(n), nil, 1, k, sel)
				}
			}
		}
	}
}

func TestCardinalityConstants(t *testing.T) {
	for _, kind := range []cardKind{atMost, atLeast} {
		for n := 1; n <= 5; n++ {
			for _, consts := range [][]bool{{true}, {false}, {true, true}, {true, false, false}, {false, true, true, true}} {
				for k := -2; k <= n+len(consts)+1; k++ {
					for _, sel := range []bool{false, true} {
						verify(t, kind, ones(n), consts, 1, k, sel)
					}
				}
			}
		}
	}
}

func TestWeightedExhaustive(t *testing.T) {
	weightSets := [][]int{
		{1}, {3}, {1, 1}, {1, 2}, {2, 3}, {1, 2, 3}, {2, 2, 4}, {1, 1, 1, 1},
		{1, 2, 3, 4}, {5, 1, 4, 2, 3}, {3, 3, 3, 5, 5}, {1, 2, 4, 8, 16, 32},
		{7, 7, 7, 7, 7, 7}, {4, 6, 6, 9, 10, 1},
	}
	for _, kind := range []cardKind{wAtMost, wAtLeast} {
		for _, ws := range weightSets {
			sum := 0
			for _, w := range ws {
				sum += w
			}
			for k := -1; k <= sum+1; k++ {
				for _, sel := range []bool{false, true} {
					verify(t, kind, ws, nil, 0, k, sel)
				}
			}
		}
	}
}

// subsetSums returns every subset sum of ws and its neighbours.
func subsetSums(ws []int) []int {
	seen := map[int]bool{}
	var out []int
	for a := 0; a < 1<<len(ws); a++ {
		s := 0
		for i, w := range ws {
			if a>>i&1 == 1 {
				s += w
			}
		}
		for _, v := range []int{s - 1, s, s + 1} {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

func TestWeightedMinutes(t *testing.T) {
	weightSets := [][]int{
		{480, 450, 510}, {480, 480, 510, 450, 450}, {510, 510, 510, 510, 510, 510},
		{450, 480, 510, 600, 30, 540},
	}
	for _, kind := range []cardKind{wAtMost, wAtLeast} {
		for _, ws := range weightSets {
			for _, k := range subsetSums(ws) {
				verify(t, kind, ws, nil, 0, k, false)
			}
		}
	}
}

func TestWeightedConstants(t *testing.T) {
	for _, kind := range []cardKind{wAtMost, wAtLeast} {
		ws := []int{2, 3, 5}
		for _, consts := range [][]bool{{true}, {false}, {true, false}, {true, true, true}} {
			for k := -5; k <= 22; k++ {
				for _, sel := range []bool{false, true} {
					verify(t, kind, ws, consts, 4, k, sel)
				}
			}
		}
	}
}

// TestWeightedGroups checks the weighted sums over Start literals, whose
// members of one person and date are mutually exclusive: every assignment
// with at most one start per date is decided by the bound, and every
// other assignment is refused (the encoding asserts the at-most-one).
func TestWeightedGroups(t *testing.T) {
	sc := weekScenario(1, 3)
	for _, kind := range []cardKind{wAtMost, wAtLeast} {
		for _, sel := range []bool{false, true} {
			ks := []int{-1, 0, 1, 449, 450, 451, 480, 510, 929, 930, 931, 960, 990, 1019, 1020, 1021, 1379, 1380, 1440, 1529, 1530, 1531}
			for _, k := range ks {
				enc := NewEncoding(sc, sel)
				var xs []Lit
				var ws []int
				var terms []constraints.Term
				for d := sc.Horizon.Start; d <= sc.Horizon.End; d++ {
					for _, s := range sc.Shifts {
						x := enc.Start("p0", d, s.ID)
						xs = append(xs, x)
						ws = append(ws, s.WorkMinutes())
						terms = append(terms, constraints.Term{Lit: x, Weight: s.WorkMinutes()})
					}
				}
				r := enc.Begin(constraints.Provenance{Kind: "test"})
				if kind == wAtMost {
					enc.WeightedAtMost(r, terms, k)
				} else {
					enc.WeightedAtLeast(r, terms, k)
				}
				g := enc.load(context.Background())
				sels := enc.Assumptions()
				for a := 0; a < 1<<len(xs); a++ {
					assume := append([]Lit(nil), sels...)
					sum, exclusive := 0, true
					for i, x := range xs {
						if a>>i&1 == 1 {
							assume = append(assume, x)
							sum += ws[i]
							if i%3 > 0 && a>>(i-1)&1 == 1 || i%3 == 2 && a>>(i-2)&1 == 1 {
								exclusive = false
							}
						} else {
							assume = append(assume, -x)
						}
					}
					want := -1
					if exclusive && kind.holds(sum, k) {
						want = 1
					}
					if got := solveUnder(g, assume...); got != want {
						t.Fatalf("%v(k=%d, selectors=%v): assignment %09b (sum %d, exclusive %v): solve = %d, want %d",
							kind, k, sel, a, sum, exclusive, got, want)
					}
				}
			}
		}
	}
}

// TestTrivialCases checks the sizes of the trivial and direct cases.
func TestTrivialCases(t *testing.T) {
	tests := []struct {
		name    string
		kind    cardKind
		n, k    int
		clauses int // beyond the constant's unit clause
	}{
		{"at most n", atMost, 5, 5, 0},
		{"at most 0", atMost, 5, 0, 5},
		{"at most -1", atMost, 5, -1, 1},
		{"at most n-1", atMost, 5, 4, 1},
		{"at most 1 pairwise", atMost, 6, 1, 15},
		{"at least 0", atLeast, 5, 0, 0},
		{"at least 1", atLeast, 5, 1, 1},
		{"at least n", atLeast, 5, 5, 5},
		{"at least n+1", atLeast, 5, 6, 1},
		{"weighted at least 1", wAtLeast, 5, 1, 1},
		{"weighted at most sum", wAtMost, 5, 15, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc := NewEncoding(emptyScenario(), false)
			var lits []Lit
			var terms []constraints.Term
			for i := 0; i < tt.n; i++ {
				x := enc.NewVar()
				lits = append(lits, x)
				terms = append(terms, constraints.Term{Lit: x, Weight: i + 1})
			}
			r := enc.Begin(constraints.Provenance{})
			switch tt.kind {
			case atMost:
				enc.AtMost(r, lits, tt.k)
			case atLeast:
				enc.AtLeast(r, lits, tt.k)
			case wAtMost:
				enc.WeightedAtMost(r, terms, tt.k)
			case wAtLeast:
				enc.WeightedAtLeast(r, terms, tt.k)
			}
			if got := enc.NumClauses() - 1; got != tt.clauses {
				t.Errorf("clauses = %d, want %d: %v", got, tt.clauses, enc.Clauses())
			}
		})
	}
}
