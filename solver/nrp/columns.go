package nrp

import (
	"context"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/solver"
)

// columnModel encodes the instance restricted to given schedules: employee
// e works exactly one of rows[e] (a literal per schedule, exactly one of
// them true), X[e][d][s] is defined as the disjunction of the schedules
// working s on day d, and the objective is the instance's (Model.objective).
// Each schedule satisfies the employee's hard constraints by construction
// (the Pricer finds only such), so the model's rosters are the instance's
// rosters made of those schedules; Solve re-checks every one with
// Evaluate all the same.
func columnModel(ctx context.Context, in *Instance, rows [][][]int) (*Model, error) {
	e := solver.NewCNF()
	m := &Model{Enc: e, in: in, Sizes: map[string]int{}}
	m.last = e.NumClauses()
	no := -e.True()
	m.X = make([][][]Lit, len(in.Staff))
	for ei := range in.Staff {
		ys := make([]Lit, len(rows[ei]))
		for k := range ys {
			ys[k] = e.NewVar()
		}
		r := e.Begin(constraints.Provenance{Kind: "schedule", Rule: "nrp", Detail: in.Staff[ei].ID})
		e.AtMost(r, ys, 1)
		e.Require(r, ys...)
		m.X[ei] = make([][]Lit, in.Days)
		for d := 0; d < in.Days; d++ {
			m.X[ei][d] = make([]Lit, len(in.Shifts))
			for s := range in.Shifts {
				var on []Lit
				for k, row := range rows[ei] {
					if row[d] == s {
						on = append(on, ys[k])
					}
				}
				switch len(on) {
				case 0:
					m.X[ei][d][s] = no
				case 1:
					m.X[ei][d][s] = on[0]
				default:
					x := e.NewVar()
					e.Define(append([]Lit{-x}, on...)...)
					for _, y := range on {
						e.Define(-y, x)
					}
					m.X[ei][d][s] = x
				}
			}
		}
	}
	m.count("schedules")
	if _, err := m.objective(ctx); err != nil {
		return nil, err
	}
	return m, nil
}
