package solver_test

// The worked facts of RULES.md §4 (seed 001's tables), proven by the solver
// and confirmed by the checker: the longest run of consecutive work days one
// person's roster can legally hold under each rule set.

import (
	"fmt"
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// factStart is a Sunday, the default week start, so jp-weekly's fixed
// weeks start on the horizon start.
var factStart = model.MustDate("2026-04-05")

const factDays = 120

// factCase is one line of the §4 table.
type factCase struct {
	// name is the rule set.
	name string
	// rules returns the rule entries for a run of n days starting at offset o.
	rules func(o, n int) []*model.RuleSpec
	// streak is the longest legal run.
	streak int
	// period is the number of offsets tried: one block period.
	period int
}

func preset(name string, anchor *model.Date) *model.RuleSpec {
	return &model.RuleSpec{Rule: name, Anchor: anchor}
}

func fixedRules(specs ...*model.RuleSpec) func(o, n int) []*model.RuleSpec {
	return func(int, int) []*model.RuleSpec {
		var out []*model.RuleSpec
		for _, s := range specs {
			c := *s
			out = append(out, &c)
		}
		return out
	}
}

var factCases = func() []factCase {
	a := dptr(factStart.Add(3)) // an anchor that is not a week start
	return []factCase{
		{"jp-weekly", fixedRules(preset("jp-weekly", nil)), 12, 7},
		{"jp-2w2d", fixedRules(preset("jp-2w2d", a)), 24, 14},
		{"jp-4w4d", fixedRules(preset("jp-4w4d", a)), 48, 28},
		{"jp-13days", fixedRules(preset("jp-13days", nil)), 13, 7},
		// With fixed weeks the weekly quota is stricter than the 13-day cap:
		// the table's 13 holds for 2w2d and 4w4d; with jp-weekly it is 12
		// (seed 001: 1週1休 allows at most 12 days).
		{"jp-13days+jp-weekly", fixedRules(preset("jp-13days", nil), preset("jp-weekly", nil)), 12, 7},
		{"jp-13days+jp-2w2d", fixedRules(preset("jp-13days", nil), preset("jp-2w2d", a)), 13, 14},
		{"jp-13days+jp-4w4d", fixedRules(preset("jp-13days", nil), preset("jp-4w4d", a)), 13, 28},
		{"jp-holiday-work-cap", fixedRules(preset("jp-holiday-work-cap", a)), 52, 28},
		{"jp-variable-year", fixedRules(preset("jp-variable-year", nil)), 6, 7},
		{"jp-variable-year busy period", func(o, n int) []*model.RuleSpec {
			// A busy period (特定期間) covering the run, with room around it.
			return []*model.RuleSpec{{Rule: "jp-variable-year", BusyPeriods: []model.BusyPeriod{{
				Range: model.DateRange{Start: factStart.Add(o - 3), End: factStart.Add(o + n + 2)}}}}}
		}, 12, 7},
	}
}()

// factScenario is one person, one 7 h day shift (07:00-15:00, break 60),
// 120 days, and a run of n fixed work days from offset o. With history,
// the person has 35 known rest days before the horizon.
func factScenario(fc factCase, o, n int, history bool) *model.Scenario {
	p := &model.Staff{ID: "a", Name: "a"}
	for i := 0; i < n; i++ {
		p.Fixed = append(p.Fixed, model.Assignment{Date: factStart.Add(o + i), Shift: "D"})
	}
	if history {
		p.History = []model.HistoryDay{{Date: factStart.Add(-35)}}
	}
	return &model.Scenario{
		Name:    fmt.Sprintf("%s: run of %d from offset %d", fc.name, n, o),
		Horizon: model.DateRange{Start: factStart, End: factStart.Add(factDays - 1)},
		Shifts:  []*model.ShiftType{{ID: "D", Name: "Day", Start: 7 * 60, End: 15 * 60, Break: 60}},
		Staff:   []*model.Staff{p},
		Rules:   fc.rules(o, n),
	}
}

// runOnly is the roster that works the run and rests on every other day:
// the most favourable roster containing the run, since no rule of §4 ever
// asks for work.
func runOnly(sc *model.Scenario) *model.Roster {
	r := model.NewRoster(sc)
	for _, a := range sc.Staff[0].Fixed {
		r.Set("a", a.Date, a.Shift)
	}
	return r
}

// TestFactsLongestStreak: for each rule set of RULES.md §4, a run of the
// listed length is feasible at some offset (the best placement relative to
// the block anchors), and a run one day longer is infeasible at every
// offset within one block period. The solver decides; the checker must
// agree on the run-only roster. The run stays away from the horizon edges,
// or starts at the horizon start after 35 known rest days, or after unknown
// days (which must not allow a longer run inside the horizon).
func TestFactsLongestStreak(t *testing.T) {
	flavours := []struct {
		suffix  string
		base    int
		history bool
	}{
		{"", 35, false},                              // away from the edges
		{" at start with history", 0, true},          // 35 known rest days before
		{" at start, days before unknown", 0, false}, // unknown days must not allow more
	}
	for _, fl := range flavours {
		base, history := fl.base, fl.history
		for _, fc := range factCases {
			name := fc.name + fl.suffix
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				solve := func(o, n int) (*model.Scenario, []constraints.Rule, *solver.Result) {
					t.Helper()
					sc := factScenario(fc, o, n, history)
					rules, err := compile(sc)
					if err != nil {
						t.Fatalf("compile: %v\n%s", err, scenarioYAML(sc))
					}
					res, err := solveSafe(sc, rules, solveTimeLimit)
					if err != nil {
						t.Fatalf("%v\n%s", err, scenarioYAML(sc))
					}
					if res.Status == solver.Unknown {
						t.Fatalf("unknown after the time limit\n%s", scenarioYAML(sc))
					}
					return sc, rules, res
				}
				best := -1
				for o := base; o < base+fc.period && best < 0; o++ {
					sc, rules, res := solve(o, fc.streak)
					if res.Status != solver.Feasible {
						continue
					}
					best = o
					if vs, err := checkSafe(rules, res.Roster); err != nil || len(vs) > 0 {
						t.Errorf("run of %d at offset %d: the solver's roster fails the checker (%v):\n%s%s",
							fc.streak, o, err, violationsString(vs), rosterString(res.Roster))
					}
					if vs, err := checkSafe(rules, runOnly(sc)); err != nil || len(vs) > 0 {
						t.Errorf("run of %d at offset %d: the run-only roster fails the checker (%v):\n%s",
							fc.streak, o, err, violationsString(vs))
					}
				}
				if best < 0 {
					t.Errorf("a run of %d days is infeasible at every offset %d..%d; RULES.md §4 says %d is legal",
						fc.streak, base, base+fc.period-1, fc.streak)
				} else {
					t.Logf("a run of %d days is feasible from offset %d (%s)", fc.streak, best, factStart.Add(best))
				}
				n := fc.streak + 1
				for o := base; o < base+fc.period; o++ {
					sc, rules, res := solve(o, n)
					if res.Status == solver.Feasible {
						t.Errorf("a run of %d days at offset %d (%s..%s) is feasible for the solver; RULES.md §4 says at most %d:\n%s",
							n, o, factStart.Add(o), factStart.Add(o+n-1), fc.streak, rosterString(res.Roster))
					}
					vs, err := checkSafe(rules, runOnly(sc))
					if err != nil {
						t.Fatal(err)
					}
					if len(vs) == 0 {
						t.Errorf("a run of %d days at offset %d (%s..%s) passes the checker; RULES.md §4 says at most %d",
							n, o, factStart.Add(o), factStart.Add(o+n-1), fc.streak)
					}
				}
			})
		}
	}
}
