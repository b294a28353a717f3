package solver

import (
	"os"
	"strconv"
)

// SHIFTSAT_SMOOTHING sets planSmoothing (the root's stabilisation) for
// measurements by hand (TestPlanDiag, the benchmarks): 0 turns it off.
func init() {
	if v, err := strconv.ParseFloat(os.Getenv("SHIFTSAT_SMOOTHING"), 64); err == nil {
		planSmoothing = v
	}
}
