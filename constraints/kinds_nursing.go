package constraints

import (
	"fmt"
	"strings"

	"github.com/shiftsat/shiftsat/model"
)

// The registry entries of the nursing pattern rules of RULES.md 2.10 and of
// the preset jp-nurse-jna. Their types are in nursing.go, their Check in
// check_nursing.go, their Encode in encode_nursing.go.

// The names of the nursing rule kinds of RULES.md 2.10.
const (
	// KindMinConsecutiveDays is the rule kind min_consecutive_days.
	KindMinConsecutiveDays = "min_consecutive_days"
	// KindMinConsecutiveDaysOff is the rule kind min_consecutive_days_off.
	KindMinConsecutiveDaysOff = "min_consecutive_days_off"
	// KindMaxConsecutiveShifts is the rule kind max_consecutive_shifts.
	KindMaxConsecutiveShifts = "max_consecutive_shifts"
	// KindForbiddenSuccessions is the rule kind forbidden_successions.
	KindForbiddenSuccessions = "forbidden_successions"
	// KindMaxWeekends is the rule kind max_weekends.
	KindMaxWeekends = "max_weekends"
	// KindCompleteWeekends is the rule kind complete_weekends.
	KindCompleteWeekends = "complete_weekends"
	// KindRestAfterNights is the rule kind rest_after_nights.
	KindRestAfterNights = "rest_after_nights"
	// KindMinWeekendsOff is the rule kind min_weekends_off.
	KindMinWeekendsOff = "min_weekends_off"
	// PresetJNA is the preset of the Japanese Nursing Association's guideline.
	PresetJNA = "jp-nurse-jna"
)

// NightKeyword is the value of max_consecutive_shifts' shift that counts
// every night instance (RULES.md 2.7) instead of one shift type.
const NightKeyword = "night"

// The parameters of the nursing kinds.
var (
	pShift = Param{"shift", StringType("a shift type id, or night")}
	pPairs = Param{"pairs", ParamType{"pairs of shift type ids [[X, Y], ...]", decodePairs}}
	// pWeekendPer is the period of the weekend rules.
	pWeekendPer = Param{"per", StringType("a period (horizon, block or month)")}
	// pNightHours is rest_after_nights' list of hours.
	pNightHours = Param{"hours", ParamType{"a list of hours [h1, h2, ...]", decodeHoursList}}
)

// decodePairs decodes a list of pairs of shift type ids.
func decodePairs(v *model.Value, path string) (any, model.ErrorList) {
	items, errs := v.Items(path, "pairs of shift type ids [[X, Y], ...]")
	if len(errs) > 0 {
		return nil, errs
	}
	var out [][2]model.ShiftID
	for i, it := range items {
		p := fmt.Sprintf("%s[%d]", path, i)
		xs, e := it.Items(p, "a pair of shift type ids [X, Y]")
		if len(e) > 0 {
			errs = append(errs, e...)
			continue
		}
		if len(xs) != 2 {
			errs = append(errs, model.NewError(it.Pos(), p, "rule.pairLen", len(xs)))
			continue
		}
		var pair [2]model.ShiftID
		ok := true
		for j, x := range xs {
			s, e := x.Str(fmt.Sprintf("%s[%d]", p, j), "a shift type id")
			errs = append(errs, e...)
			ok = ok && len(e) == 0
			pair[j] = model.ShiftID(s)
		}
		if ok {
			out = append(out, pair)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// decodeHoursList decodes a list of numbers of hours (a single number is
// a list of one).
func decodeHoursList(v *model.Value, path string) (any, model.ErrorList) {
	if !v.IsList() {
		x, errs := v.Number(path, "a number of hours")
		if len(errs) > 0 {
			return nil, errs
		}
		return []float64{x}, nil
	}
	items, errs := v.Items(path, "a list of hours [h1, h2, ...]")
	if len(errs) > 0 {
		return nil, errs
	}
	var out []float64
	for i, it := range items {
		x, e := it.Number(fmt.Sprintf("%s[%d]", path, i), "a number of hours")
		errs = append(errs, e...)
		out = append(out, x)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func init() {
	for _, k := range []*KindSpec{
		{Name: PresetJNA, Preset: true,
			Summary: "rest_interval 11 h; at most 8 night shifts per calendar month; max_consecutive_shifts night 2; rest_after_nights [24, 48]; max_consecutive_days 5; min_weekends_off 1 per month; shift types over 13 h start to end are input errors",
			Source:  CiteJNAPreset,
			Compile: compileJNA},
		{Name: KindMinConsecutiveDays,
			Summary: "every closed run of work days (the days before and after it known, history counts) is at least min long; soft: weight per day missing",
			Source:  CiteMinConsecutiveDays, Params: []Param{pMin, pWeight},
			Compile: compileMinRun(false), Loosen: LoosenBy("min", 0, -1, "days", "")},
		{Name: KindMinConsecutiveDaysOff,
			Summary: "every closed run of days off (rest or leave) is at least min long; soft: weight per day missing",
			Source:  CiteMinConsecutiveDaysOff, Params: []Param{pMin, pWeight},
			Compile: compileMinRun(true), Loosen: LoosenBy("min", 0, -1, "days", "")},
		{Name: KindMaxConsecutiveShifts,
			Summary: "at most max consecutive dates starting shift (a shift type, or night: any night shift); history counts; soft: weight per extra shift",
			Source:  CiteMaxConsecutiveShifts, Params: []Param{pShift, pMax, pWeight},
			Compile: compileMaxConsecutiveShifts, Loosen: LoosenBy("max", 0, 1, "shifts", "")},
		{Name: KindForbiddenSuccessions,
			Summary: "for each pair [X, Y], Y never starts the day after X (history counts); soft: weight per succession",
			Source:  CiteForbiddenSuccessions, Params: []Param{pPairs, pWeight},
			Compile: compileSuccessions},
		{Name: KindMaxWeekends,
			Summary: "at most max worked weekends (Saturday or Sunday worked) per period: horizon (default), block (block_days, anchor) or month; soft: weight per weekend over",
			Source:  CiteMaxWeekends, Params: []Param{pMax, pWeekendPer, pBlockDays, pAnchor, pWeight},
			Compile: compileWeekends(false), Loosen: LoosenBy("max", 0, 1, "weekends", "")},
		{Name: KindCompleteWeekends,
			Summary: "a weekend is worked on both days or on neither; usually soft: weight per broken weekend",
			Source:  CiteCompleteWeekends, Params: []Param{pWeight},
			Compile: compileCompleteWeekends},
		{Name: KindRestAfterNights,
			Summary: "after a run of k nights, hours[k-1] of rest before the next shift (the last value for longer runs); soft: weight per hour missing",
			Source:  CiteRestAfterNights, Params: []Param{pNightHours, pWeight},
			Compile: compileRestAfterNights},
		{Name: KindMinWeekendsOff,
			Summary: "at least min weekends with Saturday and Sunday both rest days per period wholly inside the horizon: month (default), block or horizon; soft: weight per weekend missing",
			Source:  CiteMinWeekendsOff, Params: []Param{pMin, pWeekendPer, pBlockDays, pAnchor, pWeight},
			Compile: compileWeekends(true), Loosen: LoosenBy("min", 1, -1, "weekends", "")},
	} {
		Register(k)
	}
}

// addPattern adds r, soft when the entry has a weight.
func addPattern(a *Args, r PatternRule) {
	if w, ok := a.Weight(); ok {
		a.Add(&SoftPattern{Pattern: r, Weight: w})
		return
	}
	a.Add(r)
}

// compileMinRun compiles min_consecutive_days (off false) or
// min_consecutive_days_off.
func compileMinRun(off bool) func(a *Args) {
	return func(a *Args) {
		n, ok := a.Count("min", 1, true)
		if !ok {
			return
		}
		if off {
			addPattern(a, &MinConsecutiveDaysOff{meta: a.meta(CiteMinConsecutiveDaysOff), Min: n})
			return
		}
		addPattern(a, &MinConsecutiveDays{meta: a.meta(CiteMinConsecutiveDays), Min: n})
	}
}

// shiftIDs lists the scenario's shift type ids, for messages.
func shiftIDs(sc *model.Scenario) string {
	var ids []string
	for _, s := range sc.Shifts {
		ids = append(ids, string(s.ID))
	}
	return strings.Join(ids, ", ")
}

func compileMaxConsecutiveShifts(a *Args) {
	sc := a.Scenario
	shift := a.String("shift")
	r := &MaxConsecutiveShifts{meta: a.meta(CiteMaxConsecutiveShifts)}
	switch {
	case !a.Has("shift"):
		if !a.Invalid("shift") {
			a.Errorf("shift", "rule.shiftMissing", shiftIDs(sc), NightKeyword)
		}
		return
	case shift == NightKeyword && sc.Shift(model.ShiftID(shift)) != nil:
		a.Errorf("shift", "rule.shiftIsKeyword", shift)
		return
	case shift == NightKeyword:
		r.Night = true
	case sc.Shift(model.ShiftID(shift)) == nil:
		a.Errorf("shift", "rule.unknownShiftOrNight", shift, shiftIDs(sc), NightKeyword)
		return
	default:
		r.Shift = model.ShiftID(shift)
	}
	n, ok := a.Count("max", 1, true)
	if !ok {
		return
	}
	r.Max = n
	addPattern(a, r)
}

func compileSuccessions(a *Args) {
	sc := a.Scenario
	pairs, _ := a.Value("pairs").([][2]model.ShiftID)
	if !a.Has("pairs") {
		if !a.Invalid("pairs") {
			a.Errorf("pairs", "rule.pairsMissing", shiftIDs(sc))
		}
		return
	}
	if len(pairs) == 0 {
		a.Errorf("pairs", "rule.noPairs", shiftIDs(sc))
		return
	}
	r := &ForbiddenSuccessions{meta: a.meta(CiteForbiddenSuccessions)}
	seen := map[[2]model.ShiftID]bool{}
	bad := false
	for i, p := range pairs {
		for j, id := range p {
			if sc.Shift(id) == nil {
				a.Errorf(fmt.Sprintf("pairs[%d][%d]", i, j), "rule.unknownShiftType", id, shiftIDs(sc))
				bad = true
			}
		}
		if !seen[p] {
			seen[p] = true
			r.Pairs = append(r.Pairs, p)
		}
	}
	if bad {
		return
	}
	addPattern(a, r)
}

// compileWeekends compiles max_weekends (min false) or min_weekends_off.
func compileWeekends(min bool) func(a *Args) {
	return func(a *Args) {
		key, def := "max", PerHorizon
		if min {
			key, def = "min", PerMonth
		}
		n, ok := a.Count(key, 0, true)
		if !ok {
			return
		}
		per := Period(a.String("per"))
		var blockDays int
		var anchor model.Date
		switch per {
		case "":
			per = def
		case PerHorizon, PerMonth:
		case PerBlock:
			if a.Invalid("block_days") {
				return
			}
			bd, ok := a.Int("block_days")
			if !ok || bd < 1 {
				a.Errorf("block_days", "rule.blockDaysNeeded")
				return
			}
			if anchor, ok = a.Anchor(true); !ok {
				return
			}
			blockDays = bd
		default:
			if !a.Invalid("per") {
				a.Errorf("per", "rule.unknownPeriodMonth", per)
			}
			return
		}
		if min {
			addPattern(a, &MinWeekendsOff{meta: a.meta(CiteMinWeekendsOff), Min: n, Per: per, BlockDays: blockDays, Anchor: anchor})
			return
		}
		addPattern(a, &MaxWeekends{meta: a.meta(CiteMaxWeekends), Max: n, Per: per, BlockDays: blockDays, Anchor: anchor})
	}
}

func compileCompleteWeekends(a *Args) {
	addPattern(a, &CompleteWeekends{meta: a.meta(CiteCompleteWeekends)})
}

func compileRestAfterNights(a *Args) {
	hours, _ := a.Value("hours").([]float64)
	if !a.Has("hours") {
		if !a.Invalid("hours") {
			a.Errorf("hours", "rule.nightHoursMissing")
		}
		return
	}
	if len(hours) == 0 {
		a.Errorf("hours", "rule.noNightHours")
		return
	}
	r := &RestAfterNights{meta: a.meta(CiteRestAfterNights)}
	for i, h := range hours {
		if h <= 0 {
			a.Errorf(fmt.Sprintf("hours[%d]", i), "rule.hoursNotAllowed", h)
			return
		}
		r.Minutes = append(r.Minutes, hoursToMinutes(h))
	}
	addPattern(a, r)
}

// compileJNA expands the preset jp-nurse-jna (rules_nursing.go) and
// rejects shift types longer than 13 h from start to end.
func compileJNA(a *Args) {
	rules, errs := jnaPreset(a.Scenario, a.Name, a.Spec.Pos)
	if len(errs) > 0 {
		a.AddErrors(errs...)
		return
	}
	a.Add(rules...)
}
