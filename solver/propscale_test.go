package solver

import (
	"os"
	"strconv"
	"testing"
	"time"
)

// propScale reads SHIFTSAT_PROP_SCALE, a positive whole factor applied to
// the size of the random scenario tests (TestBruteForceAgreesWithSolver,
// TestEveryRosterPassesCheck, TestPinnedRostersAgree,
// TestCapacityAgreesWithBruteForce, TestExplainRandomInfeasible): both
// their case count and their time budget are multiplied by it. Unset, it
// is 1 (the CI size); SHIFTSAT_PROP_SCALE=10 runs ten times as many cases
// in ten times the budget:
//
//	SHIFTSAT_PROP_SCALE=10 go test ./solver -run 'BruteForceAgrees' -v -timeout 30m
func propScale(t testing.TB) int {
	t.Helper()
	env := os.Getenv("SHIFTSAT_PROP_SCALE")
	if env == "" {
		return 1
	}
	k, err := strconv.Atoi(env)
	if err != nil || k < 1 {
		t.Fatalf("SHIFTSAT_PROP_SCALE=%q: want a positive whole number", env)
	}
	t.Logf("SHIFTSAT_PROP_SCALE=%d: %d times the case count and time budget", k, k)
	return k
}

// ScaleProp multiplies a case count and a time budget by
// SHIFTSAT_PROP_SCALE (see propScale); for the tests of package solver_test.
func ScaleProp(t testing.TB, n int, budget time.Duration) (int, time.Duration) {
	t.Helper()
	k := propScale(t)
	return n * k, budget * time.Duration(k)
}
