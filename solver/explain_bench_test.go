package solver

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// infeasibleVariant loads an example with one more demand line that makes
// it infeasible.
func infeasibleVariant(b *testing.B, file, after, extra string) (*model.Scenario, []constraints.Rule) {
	b.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	if !strings.Contains(text, after) {
		b.Fatalf("%s has no line %q", file, after)
	}
	text = strings.Replace(text, after, after+"\n"+extra, 1)
	sc, err := model.Parse(file, []byte(text))
	if err != nil {
		b.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		b.Fatal(err)
	}
	return sc, rules
}

// benchExplain measures the time to an explanation: the first solve under
// selectors, the minimisation of the core, and the search and
// verification of three ways out. It reports the core size, the SAT calls
// of the minimisation and the changed scenarios solved.
func benchExplain(b *testing.B, sc *model.Scenario, rules []constraints.Rule) {
	ctx := context.Background()
	var core, solves, waySolves, ways int
	var coreTime, waysTime time.Duration
	for b.Loop() {
		ex, err := Explain(ctx, sc, rules, ExplainOptions{TimeLimit: time.Minute})
		if err != nil {
			b.Fatal(err)
		}
		if ex.Status != Infeasible || !ex.Minimal {
			b.Fatalf("status %v, minimal %v", ex.Status, ex.Minimal)
		}
		ws, st, err := WaysOut(ctx, sc, ex, WaysOutOptions{TimeLimit: time.Minute})
		if err != nil {
			b.Fatal(err)
		}
		core, solves, waySolves, ways = len(ex.Core), ex.Stats.Solves, st.Solves, len(ws)
		coreTime, waysTime = ex.Stats.Time, st.Time
	}
	b.ReportMetric(float64(core), "core")
	b.ReportMetric(float64(solves), "mus-solves")
	b.ReportMetric(float64(waySolves), "way-solves")
	b.ReportMetric(float64(ways), "ways")
	b.ReportMetric(float64(coreTime.Milliseconds()), "core-ms")
	b.ReportMetric(float64(waysTime.Milliseconds()), "ways-ms")
}

// BenchmarkExplainStoreMonth: the December store (13 people, 31 days) with
// four leads asked on the Christmas Eve late shift besides the opening
// lead, while one of the five leads asked for the day off.
func BenchmarkExplainStoreMonth(b *testing.B) {
	sc, rules := infeasibleVariant(b, "../examples/store.yaml",
		"  - {shift: E, min: 1, skill: lead}                          # a lead opens the store",
		"  - {shift: L, min: 4, skill: lead, dates: [2026-12-24]}")
	benchExplain(b, sc, rules)
}

// BenchmarkExplainHospitalMonth: the ward (30 nurses, 31 days) with more
// leaders on the Christmas night shift than can work it.
func BenchmarkExplainHospitalMonth(b *testing.B) {
	sc, rules := infeasibleVariant(b, "../examples/hospital.yaml",
		"  - {shift: N, min: 1, skill: leader}",
		"  - {shift: D, min: 10, skill: leader, dates: [2026-12-25]}")
	benchExplain(b, sc, rules)
}
