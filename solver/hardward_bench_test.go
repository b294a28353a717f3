package solver_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// hardWard is the hospital example (30 nurses, examples/hospital.yaml:
// 4週8休 and jp-4w4d anchored on 11-15, interval-11h, jp-13days, 9 nights)
// made hard on the feasible side (issue: not enough people, the "hard
// ward"): each of the 11 leaders worked `worked` of the 16 history days
// 11-15..11-30 (rest days spread evenly, staggered between leaders), so
// their 4週8休 block to 12-12 leaves each at most 20-worked days, and two
// leaders are needed on every shift from 12-01 to 12-12 (72 starts).
// With worked 13, the leaders can do 77: feasible (CaDiCaL finds a roster),
// but tight.
func hardWard(b *testing.B, worked int) *model.Scenario {
	sc, err := model.Load(filepath.Join("..", "examples", "hospital.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	from := model.MustDate("2026-11-15")
	rest := map[int]bool{}
	for k := 0; k < 16-worked; k++ {
		rest[(2*k+1)*16/(2*(16-worked))] = true
	}
	i := 0
	for _, p := range sc.Staff {
		if !slices.Contains(p.Skills, "leader") {
			continue
		}
		p.History = nil
		for d := 0; d < 16; d++ {
			day := model.HistoryDay{Date: from.Add(d)} // a rest day
			if !rest[(d+i)%16] {
				day.Shift = "D"
			}
			p.History = append(p.History, day)
		}
		i++
	}
	var days []model.Date
	for d := model.MustDate("2026-12-01"); d <= model.MustDate("2026-12-12"); d++ {
		days = append(days, d)
	}
	for _, s := range []model.ShiftID{"D", "E", "N"} {
		sc.Demand = append(sc.Demand, &model.Demand{Shift: s, Min: 2, Skill: "leader", Dates: days})
	}
	sc.Name = fmt.Sprintf("hard ward: leaders worked %d of 16 history days, 2 leaders per shift 12-01..12-12", worked)
	return sc
}

// BenchmarkHardWard plans the hard ward (60 s limit) at 12 and 13 history
// days worked. With SHIFTSAT_HARDWARD_DIMACS=DIR it also writes each CNF
// there, to time CaDiCaL on the clauses gini gets.
func BenchmarkHardWard(b *testing.B) {
	for _, worked := range []int{12, 13} {
		b.Run(fmt.Sprintf("worked-%d", worked), func(b *testing.B) {
			sc := hardWard(b, worked)
			if dir := os.Getenv("SHIFTSAT_HARDWARD_DIMACS"); dir != "" {
				rules, err := constraints.Compile(sc)
				if err != nil {
					b.Fatal(err)
				}
				f, err := os.Create(filepath.Join(dir, fmt.Sprintf("hardward-%d.cnf", worked)))
				if err != nil {
					b.Fatal(err)
				}
				if err := solver.Encode(sc, rules, false).WriteDIMACS(f); err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
			benchSolve(b, sc, 60*time.Second)
		})
	}
}
