package solver

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// TestFairnessFreeRoster checks the first roster of a scenario weighing
// fairness (plan_hint.go): it leaves out exactly the fairness rules, its
// roster passes every rule of the whole scenario, and Plan with branch
// and price joining at once (so that the roster is offered beside the
// engines) still returns a checked roster costed in full.
func TestFairnessFreeRoster(t *testing.T) {
	sc, err := model.Load(filepath.Join("..", "examples", "store-preferences.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	rest, fair := withoutFairness(rules)
	if !fair {
		t.Fatal("store-preferences weighs fairness, yet none was found")
	}
	if _, fair := withoutFairness(rest); fair || len(rest) == len(rules) {
		t.Fatalf("%d of %d rules kept; fairness must go, and only it", len(rest), len(rules))
	}
	r := fairnessFreeRoster(context.Background(), sc, rest, 30*time.Second)
	if r == nil {
		t.Fatal("no roster without fairness")
	}
	if vs := constraints.CheckAll(rules, r); len(vs) > 0 {
		t.Fatalf("the roster breaks %d requirements, first: %s", len(vs), vs[0].Message)
	}

	old := bnpDelay
	bnpDelay = 0
	defer func() { bnpDelay = old }()
	pr, err := Plan(context.Background(), sc, rules, Options{TimeLimit: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if pr.Status != Feasible {
		t.Fatalf("status %v", pr.Status)
	}
	if vs := constraints.CheckAll(rules, pr.Roster); len(vs) > 0 {
		t.Fatalf("the roster breaks %d requirements", len(vs))
	}
	if got := constraints.TotalCost(constraints.Cost(rules, pr.Roster)); got != pr.Cost {
		t.Errorf("claimed cost %d, independent cost %d", pr.Cost, got)
	}
}
