package solver

// SetBranchAndPrice turns Plan's branch and price on or off (benchmarks
// compare the engines) and returns a function restoring the setting.
func SetBranchAndPrice(on bool) (restore func()) {
	old := planBnPOn
	planBnPOn = on
	return func() { planBnPOn = old }
}

// SetDebugBnP sets the receiver of branch and price's progress messages
// (nil: none) and returns a function restoring the previous one.
func SetDebugBnP(f func(format string, args ...any)) (restore func()) {
	old := debugBnP
	debugBnP = f
	return func() { debugBnP = old }
}

// HardWard is the hard ward of issue 12 (guideWard), for the benchmark.
var HardWard = guideWard
