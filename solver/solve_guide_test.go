package solver

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// guideWard is the hospital example (30 nurses, examples/hospital.yaml:
// 4週8休 and jp-4w4d anchored on 11-15, interval-11h, jp-13days, 9 nights)
// made hard on the feasible side (issue: not enough people, the "hard
// ward"): each of the 11 leaders worked `worked` of the 16 history days
// 11-15..11-30 (rest days spread evenly, staggered between leaders), so
// their 4週8休 block to 12-12 leaves each at most 20-worked days, and two
// leaders are needed on every shift from 12-01 to 12-12 (72 starts).
// With worked 13, the leaders can do 77: feasible (CaDiCaL finds a roster),
// but tight.
func guideWard(t testing.TB, worked int) *model.Scenario {
	t.Helper()
	sc, err := model.Load(filepath.Join("..", "examples", "hospital.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	from := model.MustDate("2026-11-15")
	rest := map[int]bool{}
	for k := 0; k < 16-worked; k++ {
		rest[(2*k+1)*16/(2*(16-worked))] = true
	}
	i := 0
	for _, p := range sc.Staff {
		if !p.HasSkill("leader") {
			continue
		}
		p.History = nil
		for d := 0; d < 16; d++ {
			day := model.HistoryDay{Date: from.Add(d)}
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

// TestGuideHardWard: the guide finds a roster of the hard ward at 13
// history days worked (the plain search: none in 60 s), which passes the
// checker, and its window is the twelve days of peak leader demand.
// About 1 s.
func TestGuideHardWard(t *testing.T) {
	sc := guideWard(t, 13)
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	sw, ok := peakSkillWindow(sc)
	want := model.DateRange{Start: model.MustDate("2026-12-01"), End: model.MustDate("2026-12-12")}
	if !ok || sw.skill != "leader" || len(sw.group) != 11 || sw.window != want || sw.need != 72 {
		t.Fatalf("peakSkillWindow: %v %s, %d people, %v, need %d; want leader, 11 people, %v, need 72", ok, sw.skill, len(sw.group), sw.window, sw.need, want)
	}
	ctx := context.Background()
	enc, err := encodeCtx(ctx, sc, rules, false)
	if err != nil {
		t.Fatal(err)
	}
	s := newSession(ctx, enc, time.Time{})
	if ans, _ := guidedSolve(ctx, s, sc, time.Now().Add(30*time.Second)); ans != 1 {
		t.Fatalf("guidedSolve = %d, want 1 (a roster)", ans)
	}
	if vs := constraints.CheckAll(rules, s.roster()); len(vs) > 0 {
		t.Fatalf("the guided roster fails the checker: %d violations, first %+v", len(vs), vs[0])
	}
}

// TestIdleBudgetKeepsRosters: the window problem, idle budget included,
// is a relaxation: the group's rows of a legal roster of the whole
// scenario (the hospital example, whose window is the whole month, and
// the hard ward at 12 days worked, whose budget is 5 days) satisfy it.
// A per-person maximum found too low would refute them. About 1.5 s.
func TestIdleBudgetKeepsRosters(t *testing.T) {
	plain, err := model.Load(filepath.Join("..", "examples", "hospital.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range []*model.Scenario{plain, guideWard(t, 12)} {
		t.Run(fmt.Sprint(len(sc.Demand)), func(t *testing.T) {
			rules, err := constraints.Compile(sc)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			res, err := Solve(ctx, sc, rules, Options{TimeLimit: 30 * time.Second})
			if err != nil || res.Status != Feasible {
				t.Fatalf("Solve: %v, %v", res.Status, err)
			}
			wp, ok := newWindowProblem(ctx, sc, time.Now().Add(30*time.Second))
			if !ok {
				t.Fatal("no window problem")
			}
			var as []Lit
			for wi, p := range wp.sub.Staff {
				for d := wp.sub.Horizon.Start; d <= wp.sub.Horizon.End; d++ {
					for si, st := range sc.Shifts {
						l := wp.enc.start(wi, d, si)
						if l == wp.enc.tru || l == -wp.enc.tru {
							continue
						}
						if res.Roster.Starts[p.ID][d] != st.ID {
							l = -l
						}
						as = append(as, l)
					}
				}
			}
			if ans := wp.s.solve(as...); ans != 1 {
				t.Fatalf("the window problem (window %v, need %d) under a legal roster's rows: %d, want 1", wp.sw.window, wp.sw.need, ans)
			}
		})
	}
}
