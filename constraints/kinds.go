package constraints

import (
	"fmt"
	"strings"

	"github.com/shiftsat/shiftsat/model"
)

// The registry entries of the presets (RULES.md §3) and rule kinds (§2).
// Each kind's Check is in a check_*.go file and its Encode in an
// encode_*.go file; everything else about it is its entry here.

// The names of the rule kinds of RULES.md §2, as scenarios write them.
const (
	// KindMaxConsecutiveDays is the rule kind max_consecutive_days.
	KindMaxConsecutiveDays = "max_consecutive_days"
	// KindHolidays is the rule kind holidays.
	KindHolidays = "holidays"
	// KindRestInterval is the rule kind rest_interval.
	KindRestInterval = "rest_interval"
	// KindRestWithin is the rule kind rest_within.
	KindRestWithin = "rest_within"
	// KindMaxHours is the rule kind max_hours.
	KindMaxHours = "max_hours"
	// KindMinHours is the rule kind min_hours.
	KindMinHours = "min_hours"
	// KindMaxDays is the rule kind max_days.
	KindMaxDays = "max_days"
	// KindMinDays is the rule kind min_days.
	KindMinDays = "min_days"
	// KindVariableYear is the rule kind variable_year.
	KindVariableYear = "variable_year"
	// KindNightWork is the rule kind night_work.
	KindNightWork = "night_work"
	// KindBreaks is the rule kind breaks.
	KindBreaks = "breaks"
	// KindWeeklyRest is the rule kind weekly_rest.
	KindWeeklyRest = "weekly_rest"
)

// SentenceSumBound is the explanation sentence key of the sum bounds
// (max_hours, min_hours, max_days, min_days, and personal limits).
const SentenceSumBound = "sum_bound"

// The parameters, by name, with their types.
var (
	pMax          = Param{"max", TypeBound}
	pMin          = Param{"min", TypeBound}
	pHours        = Param{"hours", TypeHours}
	pWindowHours  = Param{"window_hours", TypeHours}
	pRestHours    = Param{"rest_hours", TypeHours}
	pBlockDays    = Param{"block_days", TypeDays}
	pRestDays     = Param{"rest_days", TypeDays}
	pHolidayWork  = Param{"holiday_work", TypeDays}
	pDays         = Param{"days", TypeDays}
	pScheme       = Param{"scheme", StringType("a scheme name (weekly, 2w2d or 4w4d)")}
	pPer          = Param{"per", StringType("a period (day, week, block or horizon)")}
	pAnchor       = Param{"anchor", TypeDate}
	pExtraAfter12 = Param{"extra_after_12h", TypeBool}
	pWeight       = Param{"weight", TypeWeight}
	pPeriod       = Param{"period", TypeRange}
	pBusyPeriods  = Param{"busy_periods", TypeBusyPeriods}
	pReduced      = Param{"reduced", TypeReduced}
	pAlt          = Param{"alt", TypeAlt}
)

func init() {
	holidaysLoosen := func(quota float64) func(rs *model.RuleSpec) (Loosening, bool) {
		return func(rs *model.RuleSpec) (Loosening, bool) { return loosenHolidays(rs, quota) }
	}
	for _, k := range []*KindSpec{
		// Presets, in the order of RULES.md §3.
		{Name: "jp-weekly", Preset: true, Summary: "holidays weekly: 1 rest day per fixed week", Source: citeWeekly,
			Params: []Param{pAnchor, pHolidayWork}, Compile: compileHolidays("weekly", citeWeekly, 0), Loosen: holidaysLoosen(1)},
		{Name: "jp-4w4d", Preset: true, Summary: "holidays 4w4d: 4 rest days per fixed 28 days (anchor required)", Source: cite4w4d,
			Params: []Param{pAnchor, pHolidayWork}, Compile: compileHolidays("4w4d", cite4w4d, 0), Loosen: holidaysLoosen(4)},
		{Name: "jp-13days", Preset: true, Summary: "max_consecutive_days 13", Source: citeConsecutive13,
			Params: []Param{pBusyPeriods, pWeight}, Compile: compileConsecutive(citeConsecutive13),
			Loosen: LoosenBy("max", 13, 1, "days", KindMaxConsecutiveDays)},
		{Name: "jp-2w2d", Preset: true, Summary: "holidays 2w2d: 2 rest days per fixed 14 days (anchor required)", Source: cite2w2d,
			Params: []Param{pAnchor, pHolidayWork}, Compile: compileHolidays("2w2d", cite2w2d, 0), Loosen: holidaysLoosen(2)},
		{Name: "jp-holiday-work-cap", Preset: true, Summary: "holidays 4w4d with holiday_work 2 (anchor required)", Source: citeHolidayWork,
			Params: []Param{pAnchor}, Compile: compileHolidays("4w4d", citeHolidayWork, 2)},
		{Name: "jp-variable-year", Preset: true, Summary: "max_consecutive_days 6 (12 in busy periods), 10 h/day, 52 h/week, 280 days/year pro rata", Source: citeVariableYear,
			Params: []Param{pBusyPeriods, pPeriod}, Compile: compileVariableYear},
		{Name: "interval-11h", Preset: true, Summary: "rest_interval 11 h", Source: citeInterval,
			Params: []Param{pReduced}, Compile: compileInterval(citeInterval, 0, nil),
			Loosen: LoosenBy("hours", 11, -1, "hours", KindRestInterval)},
		{Name: "jp-doctor", Preset: true, Summary: "rest_within 24 h / 9 h", Source: citeDoctor,
			Params: []Param{pWindowHours, pRestHours}, Compile: compileRestWithin(false)},
		{Name: "jp-driver", Preset: true, Summary: "rest_interval 11 h, reduced to 9 h", Source: citeDriver,
			Compile: compileInterval(citeDriver, 9*60, nil)},
		{Name: "eu-wtd", Preset: true, Summary: "rest_interval 11 h; 35 h continuous rest per 7 days", Source: citeEUWeekly,
			Compile: compileInterval(citeEUWeekly, 0, &WeeklyRest{Minutes: 35 * 60, Days: 7})},
		{Name: "uk-wtr", Preset: true, Summary: "rest_interval 11 h; 24 h per 7 days or 48 h per 14 days", Source: citeUKWeekly,
			Compile: compileInterval(citeUKWeekly, 0, &WeeklyRest{Minutes: 24 * 60, Days: 7, AltMinutes: 48 * 60, AltDays: 14})},

		// Rule kinds, in the order of RULES.md §2.
		{Name: KindMaxConsecutiveDays,
			Summary: "every run of consecutive non-rest (work or leave) days is at most max long; history counts",
			Source:  "work rules; the 13-day cap (jp-13days) is a study-group proposal, not law: the 2026 bill that would have carried it was not submitted (December 2025)",
			Params:  []Param{pMax, pBusyPeriods, pWeight}, Compile: compileConsecutive(""),
			FarOutside: []FarOutside{{"max", 100, "days", "the laws and proposals cap runs at 6 to 48 days"}},
			Loosen:     LoosenBy("max", 0, 1, "days", "")},
		{Name: KindHolidays,
			Summary: "at least rest_days - holiday_work rest days in each fixed block aligned on anchor",
			Source:  "Labour Standards Act Art. 35",
			Params:  []Param{pScheme, pAnchor, pBlockDays, pRestDays, pHolidayWork}, Compile: compileHolidays("", citeHolidays, 0),
			FarOutside: []FarOutside{{"block_days", 366, "days", "the laws use blocks of 7 to 28 days"}},
			Loosen:     holidaysLoosen(0)},
		{Name: KindRestInterval,
			Summary: "at least hours between the end of a shift and the start of the next (reduced: {hours, max} per week)",
			Source:  "EU WTD Art. 3; " + SourceIntervalPamphlet,
			Params:  []Param{pHours, pReduced}, Compile: compileInterval("", 0, nil),
			FarOutside: []FarOutside{{"hours", 24, "h", "the laws ask 9 to 11 h between shifts"}},
			Loosen:     LoosenBy("hours", 0, -1, "hours", "")},
		{Name: KindRestWithin,
			Summary: "a continuous rest of rest_hours inside window_hours after each start",
			Source:  "Medical Care Act Art. 123",
			Params:  []Param{pWindowHours, pRestHours}, Compile: compileRestWithin(true),
			FarOutside: []FarOutside{{"rest_hours", 48, "h", "the laws ask 9 h within 24 h, or 18 h within 46 h"},
				{"window_hours", 7 * 24, "h", "the laws use windows of 24 to 46 h"}}},
		sumKind(KindMaxHours, "at most max work hours per day, week, block or horizon", "Labour Standards Act Art. 32", LoosenBy("max", 0, 8, "hours", "")),
		sumKind(KindMinHours, "at least min work hours per period", "the work rules", LoosenBy("min", 0, -8, "hours", "")),
		sumKind(KindMaxDays, "at most max shifts per period", "the work rules", LoosenBy("max", 0, 1, "", "")),
		sumKind(KindMinDays, "at least min shifts per period", "the work rules", LoosenBy("min", 0, -1, "", "")),
		{Name: KindVariableYear,
			Summary: "1-year variable hours: 6 consecutive days (12 in busy periods), 10 h/day, 52 h/week, 280 days/year pro rata",
			Source:  "Labour Standards Act Art. 32-4; Ordinance Art. 12-4",
			Params:  []Param{pBusyPeriods, pPeriod}, Compile: compileVariableYear},
		{Name: KindNightWork,
			Summary: "at most max night shifts (touching 22:00-05:00) per person in the horizon",
			Source:  "Labour Standards Act Art. 37(4)",
			Params:  []Param{pMax}, Compile: compileNightWork, Loosen: LoosenBy("max", 0, 1, "", "")},
		{Name: KindBreaks,
			Summary: "shift types working over 6 h need 45 min break, over 8 h 60 min",
			Source:  "Labour Standards Act Art. 34",
			Params:  []Param{pExtraAfter12}, Compile: compileBreaks},
		{Name: KindWeeklyRest,
			Summary: "a continuous rest of hours in each fixed period of days (alt: {hours, days})",
			Source:  "Directive 2003/88/EC Art. 5; Working Time Regulations 1998 reg. 11",
			Params:  []Param{pHours, pDays, pAlt}, Compile: compileWeeklyRest,
			FarOutside: []FarOutside{{"hours", 7 * 24, "h", "the laws ask 24 to 48 h per 7 or 14 days"}}},
	} {
		Register(k)
	}
}

// compileHolidays compiles the holidays kind (scheme "") or a preset with
// its scheme, citation and holiday work (RULES.md 2.2).
func compileHolidays(scheme, cite string, holidayWork int) func(a *Args) {
	return func(a *Args) {
		kind := scheme == ""
		scheme, cite := scheme, cite
		if kind {
			scheme = a.String("scheme")
		}
		h := &Holidays{}
		switch scheme {
		case "weekly":
			h.BlockDays, h.RestDays = 7, 1
		case "2w2d":
			h.BlockDays, h.RestDays = 14, 2
		case "4w4d":
			h.BlockDays, h.RestDays = 28, 4
		case "":
			if a.Invalid("scheme") || a.Invalid("block_days") || a.Invalid("rest_days") {
				return // reported with the value
			}
			if !a.Has("block_days") || !a.Has("rest_days") {
				a.c.errorf(a.Spec.Pos, a.Path+".scheme", "rule.holidaysScheme")
				return
			}
		default:
			a.Errorf("scheme", "rule.unknownScheme", scheme)
			return
		}
		h.Scheme = scheme
		if n, ok := a.Int("block_days"); ok {
			h.BlockDays = n
		}
		if n, ok := a.Int("rest_days"); ok {
			h.RestDays = n
		}
		h.HolidayWork = holidayWork
		if n, ok := a.Int("holiday_work"); ok {
			h.HolidayWork = n
		}
		if kind {
			cite = holidaysCite(h.BlockDays, h.RestDays) // userset.go
		}
		if h.BlockDays < 1 {
			a.Errorf("block_days", "rule.blockDaysMin")
			return
		}
		if h.RestDays < 0 || h.RestDays > h.BlockDays {
			a.Errorf("rest_days", "rule.restDaysRange", h.BlockDays)
			return
		}
		if h.HolidayWork < 0 || h.HolidayWork > h.RestDays {
			a.Errorf("holiday_work", "rule.holidayWorkRange", h.RestDays)
			return
		}
		anchor, ok := a.Anchor(scheme != "weekly")
		if !ok {
			return
		}
		h.Anchor = anchor
		h.meta = a.meta(cite)
		a.Add(h)
	}
}

// loosenHolidays allows one more day of holiday work, up to the quota (the
// entry's rest_days when written; the holidays kind is loosened only then).
func loosenHolidays(rs *model.RuleSpec, quota float64) (Loosening, bool) {
	if v, ok := ParamNumber(rs, "rest_days"); ok {
		quota = v
	}
	hw, _ := ParamNumber(rs, "holiday_work")
	if hw+1 > quota {
		return Loosening{}, false
	}
	return Loosening{Param: "holiday_work", Old: hw, New: hw + 1, Unit: "days"}, true
}

// compileConsecutive compiles max_consecutive_days (cite "": the kind, with
// its max) or the preset jp-13days (RULES.md 2.1).
func compileConsecutive(cite string) func(a *Args) {
	return func(a *Args) {
		r := &MaxConsecutiveDays{meta: a.meta(citeConsecutive), Max: 13}
		if cite != "" {
			r.meta = a.meta(cite)
		} else if n, ok := a.Count("max", 1, true); ok {
			r.Max = n
		} else {
			return
		}
		r.Busy = busyPeriods(a, 0)
		if w, ok := a.Weight(); ok { // soft_bounds.go
			a.Add(&SoftMaxConsecutiveDays{Cap: *r, Weight: w})
			return
		}
		a.Add(r)
	}
}

// busyPeriods returns the busy periods given, max defaulting to def.
func busyPeriods(a *Args, def int) []model.BusyPeriod {
	var out []model.BusyPeriod
	given, _ := a.Value("busy_periods").([]model.BusyPeriod)
	for j, b := range given {
		if b.Max == 0 && def > 0 {
			b.Max = def
		}
		if b.Max < 1 {
			a.ErrorAt(b.Pos, fmt.Sprintf("busy_periods[%d].max", j), "rule.busyMax")
			continue
		}
		if b.Range.End < b.Range.Start {
			a.ErrorAt(b.Pos, fmt.Sprintf("busy_periods[%d].end", j), "rule.busyEnd", b.Range.End, b.Range.Start)
			continue
		}
		out = append(out, b)
	}
	return out
}

// compileVariableYear compiles the 1-year variable scheme (RULES.md 2.6).
func compileVariableYear(a *Args) {
	m := a.meta(citeVariableYear)
	sc := a.Scenario
	a.Add(&MaxConsecutiveDays{meta: m, Max: 6, Busy: busyPeriods(a, 12)})
	a.Add(&SumBound{meta: m, KindName: KindMaxHours, Hours: true, Max: true, Limit: 10 * 60, Per: PerDay})
	a.Add(&SumBound{meta: m, KindName: KindMaxHours, Hours: true, Max: true, Limit: 52 * 60, Per: PerWeek, BlockDays: 7, Anchor: sc.WeekAnchor()})
	period := sc.Horizon
	if p, ok := a.Value("period").(model.DateRange); ok {
		period = p
		if period.End < period.Start {
			a.Errorf("period", "rule.periodEnd", period.End, period.Start)
			return
		}
	}
	if period.Days() > 92 {
		limit := 280 * period.Days() / 365
		a.Add(&SumBound{meta: m, KindName: KindMaxDays, Max: true, Limit: limit, Per: PerRange, Range: period})
	}
}

// compileInterval compiles rest_interval (cite "": the kind, with its
// hours) or a preset with its citation, reduced minutes and weekly rest
// (RULES.md 2.3; §3).
func compileInterval(cite string, reduced int, weekly *WeeklyRest) func(a *Args) {
	return func(a *Args) {
		r := &RestInterval{meta: a.meta(cite), Minutes: 11 * 60, ReducedMinutes: reduced, ReducedMax: -1}
		if cite == "" {
			r.meta = a.meta(citeInterval)
			h, ok := a.Hours("hours", true)
			if !ok {
				return
			}
			r.Minutes = h
			if h != 11*60 { // the interval of EU WTD Art. 3 and the MHLW guidance
				v, _ := a.Float("hours")
				r.Cite = userSet("hours: "+fmtNum(v), citeInterval)
			}
		}
		if red, ok := a.Value("reduced").(*model.Reduced); ok && red != nil {
			r.ReducedMinutes = hoursToMinutes(red.Hours)
			if red.Max != nil {
				r.ReducedMax = *red.Max
			}
			if r.ReducedMinutes <= 0 || r.ReducedMinutes >= r.Minutes {
				a.ErrorAt(red.Pos, "reduced.hours", "rule.reducedHours", fmtHours(r.Minutes))
				return
			}
			if r.ReducedMax < -1 {
				a.ErrorAt(red.Pos, "reduced.max", "rule.reducedMax")
				return
			}
		}
		a.Add(r)
		if weekly != nil {
			w := *weekly
			w.meta = a.meta(cite)
			a.Add(&w)
		}
	}
}

// compileRestWithin compiles rest_within (kind: window and rest required)
// or the preset jp-doctor (RULES.md 2.4).
func compileRestWithin(kind bool) func(a *Args) {
	return func(a *Args) {
		r := &RestWithin{meta: a.meta(citeDoctor), WindowMinutes: 24 * 60, RestMinutes: 9 * 60}
		if kind {
			r.meta = a.meta(citeRestWithin)
		}
		if a.Has("window_hours") || kind {
			w, ok := a.Hours("window_hours", kind)
			if !ok {
				return
			}
			r.WindowMinutes = w
		}
		if a.Has("rest_hours") || kind {
			w, ok := a.Hours("rest_hours", kind)
			if !ok {
				return
			}
			r.RestMinutes = w
		}
		if r.RestMinutes > r.WindowMinutes {
			a.c.errorf(a.Spec.Pos, a.Path+".rest_hours", "rule.restHoursExceed", fmtHours(r.RestMinutes), fmtHours(r.WindowMinutes))
			return
		}
		if !kind && !(r.WindowMinutes == 24*60 && r.RestMinutes == 9*60) && !(r.WindowMinutes == 46*60 && r.RestMinutes == 18*60) {
			r.Cite = userSet("window_hours: "+fmtHours(r.WindowMinutes)+", rest_hours: "+fmtHours(r.RestMinutes), citeDoctor)
		}
		a.Add(r)
	}
}

// compileWeeklyRest compiles weekly_rest (EU WTD Art. 5; UK WTR reg. 11).
func compileWeeklyRest(a *Args) {
	r := &WeeklyRest{meta: a.meta(citeWeeklyRest), Days: 7}
	h, ok := a.Hours("hours", true)
	if !ok {
		return
	}
	r.Minutes = h
	if n, ok := a.Int("days"); ok {
		r.Days = n
	}
	if alt, ok := a.Value("alt").(*model.AltRest); ok && alt != nil {
		r.AltMinutes, r.AltDays = hoursToMinutes(alt.Hours), alt.Days
		if r.AltDays < 1 || r.AltMinutes > r.AltDays*24*60 {
			a.ErrorAt(alt.Pos, "alt", "rule.altInvalid")
			return
		}
	}
	if r.Days < 1 || r.Minutes > r.Days*24*60 {
		a.c.errorf(a.Spec.Pos, a.Path+".days", "rule.weeklyRestInvalid")
		return
	}
	a.Add(r)
}

// sumKind is the entry of one of the sum bounds of RULES.md 2.5.
func sumKind(name, summary, source string, loosen func(rs *model.RuleSpec) (Loosening, bool)) *KindSpec {
	bound := pMax
	if strings.HasPrefix(name, "min") {
		bound = pMin
	}
	return &KindSpec{Name: name, Summary: summary, Source: source,
		Params:   []Param{bound, pPer, pBlockDays, pAnchor, pWeight},
		Compile:  compileSum,
		Sentence: map[string]string{name: SentenceSumBound},
		Loosen:   loosen}
}

// compileSum compiles max_hours, min_hours, max_days and min_days.
func compileSum(a *Args) {
	name := a.Kind.Name
	b := &SumBound{meta: a.meta(citeSums), KindName: name, Hours: strings.HasSuffix(name, "_hours"), Max: strings.HasPrefix(name, "max")}
	key := "max"
	if !b.Max {
		key = "min"
	}
	if b.Hours {
		v, ok := a.Hours(key, true)
		if !ok {
			return
		}
		b.Limit = v
	} else {
		v, ok := a.Count(key, 0, true)
		if !ok {
			return
		}
		b.Limit = v
	}
	per := a.String("per")
	b.Per = Period(per)
	switch b.Per {
	case PerDay, PerHorizon:
	case "":
		b.Per = PerHorizon
	case PerWeek:
		b.BlockDays, b.Anchor = 7, a.Scenario.WeekAnchor()
	case PerBlock:
		if a.Invalid("block_days") {
			return // reported with the value
		}
		n, ok := a.Int("block_days")
		if !ok || n < 1 {
			a.c.errorf(a.Spec.Pos, a.Path+".block_days", "rule.blockDaysNeeded")
			return
		}
		anchor, ok := a.Anchor(true)
		if !ok {
			return
		}
		b.BlockDays, b.Anchor = n, anchor
	default:
		a.Errorf("per", "rule.unknownPeriod", per)
		return
	}
	if b.Hours && b.Max && ((b.Per == PerWeek && b.Limit == 40*60) || (b.Per == PerDay && b.Limit == 8*60)) {
		b.Cite = citeHours
	}
	b.Range = a.Scenario.Horizon
	if w, ok := a.Weight(); ok { // soft_bounds.go
		a.Add(&SoftSumBound{Bound: *b, Weight: w})
		return
	}
	a.Add(b)
}

// compileNightWork compiles night_work (RULES.md 2.7).
func compileNightWork(a *Args) {
	n, ok := a.Count("max", 0, true)
	if !ok {
		return
	}
	a.Add(&NightWork{meta: a.meta(citeNight), Max: n})
}

// compileBreaks compiles breaks (RULES.md 2.8): it also rejects the shift
// types that fail it.
func compileBreaks(a *Args) {
	b := &Breaks{meta: a.meta(citeBreaks)}
	if a.Bool("extra_after_12h") {
		b.Extra12h = true
		b.Cite += citeBreaks12
	}
	for j, s := range a.Scenario.Shifts {
		if need := RequiredBreak(s.WorkMinutes(), b.Extra12h); s.Break < need {
			a.c.errorf(s.Pos, fmt.Sprintf("shifts[%d].break", j),
				"rule.breakTooShort",
				s.ID, fmtHours(s.WorkMinutes()), s.Break, a.Name, model.Source(b.Cite), need)
		}
	}
	a.Add(b)
}
