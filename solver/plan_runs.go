package solver

// This file is the runs of a person's relaxation (plan_price.go): which
// runs of worked days and of days off the person's own rules allow, proved
// by unit propagation on the person's own encoding, so that the DP knows
// the rules on consecutive days (at most and at least so many days worked
// in a row, at least so many days off in a row, whatever their kind and
// parameters) without reading any rule. A day is worked when a shift
// touches it (the encoding's Touched literal, which the nursing rules
// read; the DP reads it off the option of the day and the day before's).
//
// For each first day a and length l (up to a cap), preW[a][l-1] tells
// whether days a..a+l-1 worked and the day before a off (a > 0) survive
// propagation; okW[a][l-1] whether they do with day a+l off as well (or
// a+l the end of the horizon). preO and okO are the same for days off,
// with worked days around. A false entry is a proof (a conflict) that no
// schedule has that run; the DP (relaxedPerson.solve) allows a run only
// where the tables do, so every schedule of the person is still a
// schedule of the relaxation and the DP's optimum stays a lower bound.

// runTables are the runs allowed (see above). wJ and oJ are the lengths
// judged (1..wJ, 1..oJ; 0: none): a longer run is not judged.
type runTables struct {
	wJ, oJ               int
	preW, okW, preO, okO [][]bool
}

// runLimitW and runLimitO are the longest runs of worked days and of days
// off whose lengths are probed.
const runLimitW, runLimitO = 14, 5

// buildRuns probes the runs: probe reports whether the literals can be
// assumed together without a conflict, work(d) is "day d is worked".
func buildRuns(days int, probe func([]Lit) bool, work func(d int) Lit) runTables {
	off := func(d int) []Lit { return []Lit{work(d).Not()} }
	// A day that cannot be worked (or be off) by itself makes every run
	// meeting it false: the DP knows that day already (its options), so
	// those entries are left true, not to judge longer runs for nothing.
	canWork, canOff := make([]bool, days), make([]bool, days)
	for d := range canWork {
		canWork[d], canOff[d] = probe([]Lit{work(d)}), probe(off(d))
	}
	can := func(d int, worked bool) bool {
		if worked {
			return canWork[d]
		}
		return canOff[d]
	}
	table := func(worked bool, limit int) (pre, ok [][]bool, judged int) {
		pre, ok = make([][]bool, days), make([][]bool, days)
		informative := false
		for a := 0; a < days; a++ {
			if a > 0 && !can(a-1, !worked) {
				continue // pre[a] and ok[a] nil: all true
			}
			var base []Lit
			if a > 0 {
				if worked {
					base = append(base, off(a-1)...)
				} else {
					base = append(base, work(a-1))
				}
			}
			for l := 1; l <= limit+1 && a+l <= days; l++ {
				d := a + l - 1
				if !can(d, worked) {
					break // the DP's options forbid it: left true
				}
				if worked {
					base = append(base, work(d))
				} else {
					base = append(base, off(d)...)
				}
				p := probe(base)
				pre[a] = append(pre[a], p)
				if !p {
					informative = true
					ok[a] = append(ok[a], false)
					break
				}
				o := true
				if a+l < days && can(a+l, !worked) {
					var after []Lit
					if worked {
						after = off(a + l)
					} else {
						after = []Lit{work(a + l)}
					}
					o = probe(append(append([]Lit(nil), base...), after...))
				}
				ok[a] = append(ok[a], o)
				informative = informative || !o
			}
		}
		if !informative {
			return nil, nil, 0
		}
		// The lengths judged: up to the longest with an entry false on
		// at least a quarter of the days where a run of that length was
		// probed (a rule on runs forbids a length
		// wherever the run may start; a false entry here and there is a
		// run meeting a day off or an unavailable day, and judging it
		// would multiply the DP's states for little: leaving a run
		// unjudged only loosens the relaxation).
		for l := 1; l <= limit+1; l++ {
			n, probed := 0, 0
			for a := range pre {
				if l <= len(pre[a]) {
					probed++
					if !pre[a][l-1] || !ok[a][l-1] {
						n++
					}
				}
			}
			if n > 0 && 4*n >= probed {
				judged = l
			}
		}
		return pre, ok, judged
	}
	var rt runTables
	rt.preW, rt.okW, rt.wJ = table(true, runLimitW)
	rt.preO, rt.okO, rt.oJ = table(false, runLimitO)
	return rt
}

// allows reads a table entry: true beyond what was probed (a run the tables
// do not know of is allowed).
func allows(t [][]bool, a, l int) bool {
	if t == nil || a < 0 || a >= len(t) || l < 1 || l > len(t[a]) {
		return true
	}
	return t[a][l-1]
}
