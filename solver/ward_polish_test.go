package solver

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// TestWardPolish runs the fairness moves on the soft ward from a roster
// written by TestWardDiag (SHIFTSAT_WARD_DIAG_OUT) named by
// SHIFTSAT_WARD_POLISH, for SHIFTSAT_WARD_POLISH_FOR (default 10 s), with
// their messages on standard error: measurements by hand of the end of a
// plan, from where one stopped. SHIFTSAT_WARD_POLISH_MOVE picks them: the
// swap descent (default), "fairpin" (the pinned search) or "lns" (the
// whole large-neighbourhood search, the root's bound taken as 145 or
// SHIFTSAT_WARD_POLISH_ROOT). It
// logs the best roster's cost by kind, each group's values and each
// person's changed days. Skipped unless set; every roster passed on is
// checked (checkedSearch).
func TestWardPolish(t *testing.T) {
	in := os.Getenv("SHIFTSAT_WARD_POLISH")
	if in == "" {
		t.Skip("SHIFTSAT_WARD_POLISH not set")
	}
	limit, err := time.ParseDuration(os.Getenv("SHIFTSAT_WARD_POLISH_FOR"))
	if err != nil {
		limit = 10 * time.Second
	}
	sc, err := model.Load(filepath.Join("..", "examples", "ward-soft.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	var byID map[string][]string
	if err := json.Unmarshal(b, &byID); err != nil {
		t.Fatal(err)
	}
	start := model.NewRoster(sc)
	for _, p := range sc.Staff {
		for d, s := range byID[string(p.ID)] {
			if s != "" {
				start.Set(p.ID, sc.Horizon.Start+model.Date(d), model.ShiftID(s))
			}
		}
	}
	if vs := constraints.CheckAll(rules, start); len(vs) > 0 {
		t.Fatalf("the start breaks %v", vs)
	}
	t0 := time.Now()
	defer SetDebugBnP(func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "%6.2fs "+format+"\n", append([]any{time.Since(t0).Seconds()}, args...)...)
	})()
	bs, pb := checkedSearch(t, sc, rules, "the descent", "")
	bs.seed(start)
	from := bs.bestCost
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	groups := bs.fairGroups()
	for ctx.Err() == nil {
		c := bs.bestCost
		if os.Getenv("SHIFTSAT_WARD_POLISH_MOVE") == "lns" {
			// The root's bound gates the pinned search (pinReady):
			// the soft ward's, as TestWardDiag reports it, unless
			// SHIFTSAT_WARD_POLISH_ROOT says otherwise.
			bs.stats.RootBound = 145
			if v, err := strconv.ParseInt(os.Getenv("SHIFTSAT_WARD_POLISH_ROOT"), 10, 64); err == nil {
				bs.stats.RootBound = v
			}
			bs.lns(ctx, pb)
		} else if os.Getenv("SHIFTSAT_WARD_POLISH_MOVE") == "fairpin" {
			bs.fairpin(ctx, pb, groups, time.Until(deadlineOf(ctx)), 0)
		} else {
			bs.swapDescent(ctx, pb, groups, true)
		}
		var fair int64
		for _, g := range groups {
			fair += g.cost(toRoster(sc, bs.bestRows))
		}
		if fair == 0 || bs.bestCost == c && os.Getenv("SHIFTSAT_WARD_POLISH_ONCE") != "" {
			break
		}
	}
	t.Logf("%d -> %d in %s", from, bs.bestCost, time.Since(t0).Round(time.Millisecond))
	r := toRoster(sc, bs.bestRows)
	for e, row := range rowsOf(sc, start) {
		var diff []string
		for d, o := range row {
			if n := bs.bestRows[e][d]; n != o {
				name := func(o int) string {
					if o < 0 {
						return "-"
					}
					return string(sc.Shifts[o].ID)
				}
				diff = append(diff, fmt.Sprintf("%d%s:%s>%s", d+1, (sc.Horizon.Start + model.Date(d)).Weekday().String()[:2], name(o), name(n)))
			}
		}
		if len(diff) > 0 {
			t.Logf("changed %s: %v", sc.Staff[e].ID, diff)
		}
	}
	by := map[string]int{}
	for _, it := range constraints.Cost(rules, r) {
		by[it.Kind] += it.Cost
	}
	t.Logf("cost by kind: %v", by)
	for _, rl := range rules {
		if f, ok := rl.(*constraints.Fairness); ok && len(f.Group) > 1 && f.Weight > 0 {
			var vals []string
			for _, p := range f.Group {
				vals = append(vals, fmt.Sprint(p, " ", f.ValueOf(r, p)))
			}
			t.Logf("%s (weight %d): %s", f.Measure, f.Weight, strings.Join(vals, ", "))
		}
	}
}
