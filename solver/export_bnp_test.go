package solver

// SetBranchAndPrice turns Plan's branch and price on or off (benchmarks
// compare the engines) and returns a function restoring the setting.
func SetBranchAndPrice(on bool) (restore func()) {
	old := planBnPOn
	planBnPOn = on
	return func() { planBnPOn = old }
}
