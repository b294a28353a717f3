package constraints

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/shiftsat/shiftsat/model"
)

// The documents the rules come from, named as users know them (RULES.md §6):
// users never see the project's seed files, so output names the document.
const (
	// SourceStudyGroup is seed 001.
	SourceStudyGroup = "MHLW study group on labour standards law (厚生労働省 労働基準関係法制研究会), materials"
	// SourceConsecutiveExplainer is seed 002.
	SourceConsecutiveExplainer = "explainer on consecutive-work limits under the Labour Standards Act"
	// SourceIntervalRulesGuide is seed 003.
	SourceIntervalRulesGuide = "work-rules guide to 勤務間インターバル clauses (2023-12-07)"
	// SourceIntervalPamphlet is seed 004.
	SourceIntervalPamphlet = "MHLW pamphlet 「労働時間等設定改善法・勤務間インターバル制度」"
	// NotLaw marks the study group's proposals: they are not law.
	NotLaw = "a proposal, not law: the 2026 bill that would have carried it was not submitted (December 2025)"
)

// Citations of the sources, by rule.
const (
	citeConsecutive13 = "study-group proposal: regulate consecutive work beyond 13 days (" + SourceStudyGroup + "); " + NotLaw
	citeConsecutive   = "cap on consecutive work days set by the work rules (" + SourceConsecutiveExplainer + ")"
	citeWeekly        = "Labour Standards Act Art. 35(1): one rest day per week"
	cite4w4d          = "Labour Standards Act Art. 35(2): four rest days per fixed four weeks (変形休日制)"
	cite2w2d          = "study-group proposal (B): two rest days per fixed two weeks (" + SourceStudyGroup + "); " + NotLaw
	citeHolidayWork   = "study-group proposal II-①: holiday work under a 36 agreement capped at 2 days per 4 weeks (" + SourceStudyGroup + "); " + NotLaw
	citeHolidays      = "rest-day quota per fixed block (Labour Standards Act Art. 35)"
	citeInterval      = "rest interval between shifts (勤務間インターバル): EU WTD Art. 3; " + SourceIntervalPamphlet + "; " + SourceIntervalRulesGuide
	citeDriver        = "改善基準告示 (2024): 11 h rest between shifts, never under 9 h"
	citeDoctor        = "Medical Care Act Art. 123: doctors' continuous rest of 9 h within 24 h (18 h within 46 h)"
	citeRestWithin    = "continuous rest within a window after each start (user-set parameters; doctors: Medical Care Act Art. 123)"
	citeEUWeekly      = "Directive 2003/88/EC Art. 5: 24 h + 11 h continuous rest per 7 days"
	citeUKWeekly      = "Working Time Regulations 1998 reg. 11: 24 h per 7 days or 48 h per 14 days"
	citeWeeklyRest    = "continuous rest per fixed period"
	citeHours         = "Labour Standards Act Art. 32: 8 h per day, 40 h per week"
	citeSums          = "bound on hours or days per period (the work rules)"
	citeVariableYear  = "Labour Standards Act Art. 32-4 and Ordinance Art. 12-4: 1-year variable working hours (" + SourceConsecutiveExplainer + ")"
	citeNight         = "night work 22:00-05:00 (Labour Standards Act Art. 37(4))"
	citeMinor         = "Labour Standards Act Arts. 60, 61: workers under 18"
	citeBreaks        = "Labour Standards Act Art. 34: breaks of 45 min after 6 h and 60 min after 8 h of work"
	citeBreaks12      = "; study-group proposal: 30 more minutes after 12 h (" + SourceStudyGroup + "; " + NotLaw + ")"
	citeDemand        = "the scenario's demand"
	citeScenario      = "the scenario"
	citeStructure     = "one shift start per person per date, and no two shifts of one person overlap"
)

// Preset describes a preset of RULES.md §3.
type Preset struct {
	// Name is the preset's name.
	Name string
	// Summary says what it expands to.
	Summary string
	// Source is its citation.
	Source string
}

// Presets lists the presets of RULES.md §3, in table order.
var Presets = []Preset{
	{"jp-weekly", "holidays weekly: 1 rest day per fixed week", citeWeekly},
	{"jp-4w4d", "holidays 4w4d: 4 rest days per fixed 28 days (anchor required)", cite4w4d},
	{"jp-13days", "max_consecutive_days 13", citeConsecutive13},
	{"jp-2w2d", "holidays 2w2d: 2 rest days per fixed 14 days (anchor required)", cite2w2d},
	{"jp-holiday-work-cap", "holidays 4w4d with holiday_work 2 (anchor required)", citeHolidayWork},
	{"jp-variable-year", "max_consecutive_days 6 (12 in busy periods), 10 h/day, 52 h/week, 280 days/year pro rata", citeVariableYear},
	{"interval-11h", "rest_interval 11 h", citeInterval},
	{"jp-doctor", "rest_within 24 h / 9 h", citeDoctor},
	{"jp-driver", "rest_interval 11 h, reduced to 9 h", citeDriver},
	{"eu-wtd", "rest_interval 11 h; 35 h continuous rest per 7 days", citeEUWeekly},
	{"uk-wtr", "rest_interval 11 h; 24 h per 7 days or 48 h per 14 days", citeUKWeekly},
}

// Kinds lists the rule kinds of RULES.md §2 a scenario may name.
var Kinds = []string{"max_consecutive_days", "holidays", "rest_interval", "rest_within",
	"max_hours", "min_hours", "max_days", "min_days", "variable_year", "night_work", "breaks", "weekly_rest"}

// params lists the parameters each preset or kind accepts.
var params = map[string][]string{
	"jp-weekly":            {"anchor", "holiday_work"},
	"jp-4w4d":              {"anchor", "holiday_work"},
	"jp-2w2d":              {"anchor", "holiday_work"},
	"jp-holiday-work-cap":  {"anchor"},
	"jp-13days":            {"busy_periods", "weight"},
	"jp-variable-year":     {"busy_periods", "period"},
	"interval-11h":         {"reduced"},
	"jp-doctor":            {"window_hours", "rest_hours"},
	"jp-driver":            {},
	"eu-wtd":               {},
	"uk-wtr":               {},
	"max_consecutive_days": {"max", "busy_periods", "weight"},
	"holidays":             {"scheme", "anchor", "block_days", "rest_days", "holiday_work"},
	"rest_interval":        {"hours", "reduced"},
	"rest_within":          {"window_hours", "rest_hours"},
	"max_hours":            {"max", "per", "block_days", "anchor", "weight"},
	"min_hours":            {"min", "per", "block_days", "anchor", "weight"},
	"max_days":             {"max", "per", "block_days", "anchor", "weight"},
	"min_days":             {"min", "per", "block_days", "anchor", "weight"},
	"variable_year":        {"busy_periods", "period"},
	"night_work":           {"max"},
	"breaks":               {"extra_after_12h"},
	"weekly_rest":          {"hours", "days", "alt"},
}

// Params returns the parameters a preset or rule kind accepts (besides
// `rule` itself), in a fixed order; nil for an unknown name.
func Params(name string) []string {
	return append([]string(nil), params[name]...)
}

// compiler collects rules and errors.
type compiler struct {
	sc    *model.Scenario
	rules []Rule
	errs  model.ErrorList
}

func (c *compiler) errorf(pos model.Pos, path, format string, args ...any) {
	c.errs = append(c.errs, &model.Error{Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// Compile expands the scenario's rules (presets and kinds) and adds the
// built-in requirements: structure, personal requirements, limits, minors
// and demand. Bad parameters are reported all at once as a model.ErrorList.
func Compile(sc *model.Scenario) ([]Rule, error) {
	c := &compiler{sc: sc}
	for _, p := range sc.Staff {
		c.rules = append(c.rules, &Structure{meta: meta{RuleName: "one_shift", Cite: citeStructure, Pos: p.Pos}, Staff: p.ID})
		c.rules = append(c.rules, &Personal{meta: meta{RuleName: "personal", Cite: citeScenario, Pos: p.Pos}, Staff: p.ID})
		c.personalLimits(p)
		if p.Minor {
			c.rules = append(c.rules, &Minor{meta: meta{RuleName: "minor", Cite: citeMinor, Pos: p.Pos}, Staff: p.ID})
		}
	}
	if hasMinor(sc) {
		c.rules = append(c.rules, &SumBound{meta: meta{RuleName: "minor", Cite: citeMinor}, KindName: "max_hours",
			Hours: true, Max: true, Limit: 40 * 60, Per: PerWeek, BlockDays: 7, Anchor: sc.WeekAnchor(), MinorsOnly: true})
	}
	for i, dm := range sc.Demand {
		c.rules = append(c.rules, &Coverage{meta: meta{RuleName: "demand", Cite: citeDemand, Pos: dm.Pos}, Demand: dm, Index: i})
	}
	for i, rs := range sc.Rules {
		c.rule(i, rs)
	}
	c.softRules() // soft.go: requests, preferences, targets, fairness
	if len(c.errs) > 0 {
		c.errs.Sort()
		return nil, c.errs
	}
	return c.rules, nil
}

func hasMinor(sc *model.Scenario) bool {
	for _, p := range sc.Staff {
		if p.Minor {
			return true
		}
	}
	return false
}

func (c *compiler) personalLimits(p *model.Staff) {
	l := p.Limits
	m := func(field string) meta {
		return meta{RuleName: "limits." + field, Cite: "personal limit of " + string(p.ID) + " in the scenario", Pos: l.Pos[field]}
	}
	h := c.sc.Horizon
	add := func(field, kind string, hours, max bool, limit int, per Period, shift model.ShiftID) {
		b := &SumBound{meta: m(field), KindName: kind, Hours: hours, Max: max, Limit: limit, Per: per, Staff: p.ID, Shift: shift}
		if per == PerWeek {
			b.BlockDays, b.Anchor = 7, c.sc.WeekAnchor()
		}
		b.Range = h
		c.rules = append(c.rules, b)
	}
	if l.MinDays != nil {
		add("min_days", "min_days", false, false, *l.MinDays, PerHorizon, "")
	}
	if l.MaxDays != nil {
		add("max_days", "max_days", false, true, *l.MaxDays, PerHorizon, "")
	}
	if l.MaxHoursPerWeek != nil {
		add("max_hours_per_week", "max_hours", true, true, hoursToMinutes(*l.MaxHoursPerWeek), PerWeek, "")
	}
	if l.MinHours != nil {
		add("min_hours", "min_hours", true, false, hoursToMinutes(*l.MinHours), PerHorizon, "")
	}
	if l.MaxHours != nil {
		add("max_hours", "max_hours", true, true, hoursToMinutes(*l.MaxHours), PerHorizon, "")
	}
	ids := make([]string, 0, len(l.MaxShifts))
	for s := range l.MaxShifts {
		ids = append(ids, string(s))
	}
	sort.Strings(ids)
	for _, s := range ids {
		add("max_shifts", "max_days", false, true, l.MaxShifts[model.ShiftID(s)], PerHorizon, model.ShiftID(s))
	}
}

func hoursToMinutes(h float64) int { return int(math.Round(h * 60)) }

// rule compiles one scenario rule entry.
func (c *compiler) rule(i int, rs *model.RuleSpec) {
	path := fmt.Sprintf("rules[%d]", i)
	name := rs.Rule
	allowed, ok := params[name]
	if !ok {
		var names []string
		for _, p := range Presets {
			names = append(names, p.Name)
		}
		c.errorf(rs.Pos, path+".rule", "unknown rule %q; expected a preset (%s) or a rule kind (%s)",
			name, strings.Join(names, ", "), strings.Join(Kinds, ", "))
		return
	}
	bad := false
	keys := make([]string, 0, len(rs.Keys))
	for k := range rs.Keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "rule" {
			continue
		}
		if !contains(allowed, k) {
			exp := "it takes no parameters"
			if len(allowed) > 0 {
				exp = "it accepts: " + strings.Join(allowed, ", ")
			}
			c.errorf(rs.Keys[k], path+"."+k, "parameter %q does not apply to rule %q; %s", k, name, exp)
			bad = true
		}
	}
	if bad {
		return
	}
	if rs.Weight != nil && *rs.Weight < 1 {
		c.errorf(rs.Keys["weight"], path+".weight", "weight %d is not allowed; expected a whole number >= 1", *rs.Weight)
		return
	}
	mt := func(cite string) meta { return meta{RuleName: name, Cite: cite, Pos: rs.Pos} }
	anchor := func(required bool) (model.Date, bool) {
		if rs.Anchor != nil {
			return *rs.Anchor, true
		}
		if rs.Invalid["anchor"] {
			return 0, false // reported by the loader
		}
		if required {
			c.errorf(rs.Pos, path+".anchor", "rule %q needs an anchor (起算日): the date a fixed block starts, e.g. anchor: %s (work rules must state it: "+SourceConsecutiveExplainer+")", name, c.sc.Horizon.Start)
			return 0, false
		}
		return c.sc.WeekAnchor(), true
	}
	switch name {
	case "jp-weekly", "jp-4w4d", "jp-2w2d", "jp-holiday-work-cap", "holidays":
		h := &Holidays{}
		scheme := map[string]string{"jp-weekly": "weekly", "jp-4w4d": "4w4d", "jp-2w2d": "2w2d", "jp-holiday-work-cap": "4w4d"}[name]
		cite := map[string]string{"jp-weekly": citeWeekly, "jp-4w4d": cite4w4d, "jp-2w2d": cite2w2d, "jp-holiday-work-cap": citeHolidayWork}[name]
		if name == "holidays" {
			scheme = rs.Scheme
			cite = citeHolidays
		}
		switch scheme {
		case "weekly":
			h.BlockDays, h.RestDays = 7, 1
			if name == "holidays" {
				cite = citeWeekly
			}
		case "2w2d":
			h.BlockDays, h.RestDays = 14, 2
			if name == "holidays" {
				cite = cite2w2d
			}
		case "4w4d":
			h.BlockDays, h.RestDays = 28, 4
			if name == "holidays" {
				cite = cite4w4d
			}
		case "":
			if rs.Invalid["scheme"] || rs.Invalid["block_days"] || rs.Invalid["rest_days"] {
				return // the loader reported the bad value
			}
			if rs.BlockDays == nil || rs.RestDays == nil {
				c.errorf(rs.Pos, path+".scheme", "rule holidays needs a scheme (weekly, 2w2d or 4w4d) or both block_days and rest_days")
				return
			}
		default:
			c.errorf(rs.Keys["scheme"], path+".scheme", "unknown scheme %q; expected weekly, 2w2d or 4w4d", scheme)
			return
		}
		h.Scheme = scheme
		if rs.BlockDays != nil {
			h.BlockDays = *rs.BlockDays
		}
		if rs.RestDays != nil {
			h.RestDays = *rs.RestDays
		}
		if name == "jp-holiday-work-cap" {
			h.HolidayWork = 2
		}
		if rs.HolidayWork != nil {
			h.HolidayWork = *rs.HolidayWork
		}
		if name == "holidays" {
			cite = holidaysCite(h.BlockDays, h.RestDays) // userset.go
		}
		if h.BlockDays < 1 {
			c.errorf(rs.Keys["block_days"], path+".block_days", "block_days must be at least 1")
			return
		}
		if h.RestDays < 0 || h.RestDays > h.BlockDays {
			c.errorf(rs.Keys["rest_days"], path+".rest_days", "rest_days must be between 0 and block_days (%d)", h.BlockDays)
			return
		}
		if h.HolidayWork < 0 || h.HolidayWork > h.RestDays {
			c.errorf(rs.Keys["holiday_work"], path+".holiday_work", "holiday_work must be between 0 and the rest-day quota (%d)", h.RestDays)
			return
		}
		a, ok := anchor(scheme != "weekly")
		if !ok {
			return
		}
		h.Anchor = a
		h.meta = mt(cite)
		c.rules = append(c.rules, h)
	case "jp-13days", "max_consecutive_days":
		r := &MaxConsecutiveDays{meta: mt(citeConsecutive), Max: 13}
		if name == "jp-13days" {
			r.meta = mt(citeConsecutive13)
		} else if n, ok := c.intParam(rs, "max", rs.Max, path+".max", 1, true); ok {
			r.Max = n
		} else {
			return
		}
		r.Busy = c.busy(rs, path, 0)
		if rs.Weight != nil { // soft_bounds.go
			c.rules = append(c.rules, &SoftMaxConsecutiveDays{Cap: *r, Weight: *rs.Weight})
			return
		}
		c.rules = append(c.rules, r)
	case "jp-variable-year", "variable_year":
		m := mt(citeVariableYear)
		c.rules = append(c.rules, &MaxConsecutiveDays{meta: m, Max: 6, Busy: c.busy(rs, path, 12)})
		c.rules = append(c.rules, &SumBound{meta: m, KindName: "max_hours", Hours: true, Max: true, Limit: 10 * 60, Per: PerDay})
		c.rules = append(c.rules, &SumBound{meta: m, KindName: "max_hours", Hours: true, Max: true, Limit: 52 * 60, Per: PerWeek, BlockDays: 7, Anchor: c.sc.WeekAnchor()})
		period := c.sc.Horizon
		if rs.Period != nil {
			period = *rs.Period
			if period.End < period.Start {
				c.errorf(rs.Keys["period"], path+".period", "period end %s is before its start %s", period.End, period.Start)
				return
			}
		}
		if period.Days() > 92 {
			limit := 280 * period.Days() / 365
			c.rules = append(c.rules, &SumBound{meta: m, KindName: "max_days", Max: true, Limit: limit, Per: PerRange, Range: period})
		}
	case "interval-11h", "jp-driver", "eu-wtd", "uk-wtr", "rest_interval":
		r := &RestInterval{meta: mt(citeInterval), Minutes: 11 * 60, ReducedMax: -1}
		switch name {
		case "jp-driver":
			r.meta, r.ReducedMinutes = mt(citeDriver), 9*60
		case "eu-wtd":
			r.meta = mt(citeEUWeekly)
		case "uk-wtr":
			r.meta = mt(citeUKWeekly)
		case "rest_interval":
			h, ok := c.hoursParam(rs, "hours", rs.Hours, path+".hours", true)
			if !ok {
				return
			}
			r.Minutes = h
			if h != 11*60 { // the interval of EU WTD Art. 3 and the MHLW guidance
				r.Cite = userSet("hours: "+fmtNum(*rs.Hours), citeInterval)
			}
		}
		if rs.Reduced != nil {
			r.ReducedMinutes = hoursToMinutes(rs.Reduced.Hours)
			if rs.Reduced.Max != nil {
				r.ReducedMax = *rs.Reduced.Max
			}
			if r.ReducedMinutes <= 0 || r.ReducedMinutes >= r.Minutes {
				c.errorf(rs.Reduced.Pos, path+".reduced.hours", "reduced hours must be more than 0 and less than the interval (%s h)", fmtHours(r.Minutes))
				return
			}
			if r.ReducedMax < -1 {
				c.errorf(rs.Reduced.Pos, path+".reduced.max", "reduced max must be 0 or more")
				return
			}
		}
		c.rules = append(c.rules, r)
		switch name {
		case "eu-wtd":
			c.rules = append(c.rules, &WeeklyRest{meta: mt(citeEUWeekly), Minutes: 35 * 60, Days: 7})
		case "uk-wtr":
			c.rules = append(c.rules, &WeeklyRest{meta: mt(citeUKWeekly), Minutes: 24 * 60, Days: 7, AltMinutes: 48 * 60, AltDays: 14})
		}
	case "jp-doctor", "rest_within":
		r := &RestWithin{meta: mt(citeDoctor), WindowMinutes: 24 * 60, RestMinutes: 9 * 60}
		if name == "rest_within" {
			r.meta = mt(citeRestWithin)
		}
		req := name == "rest_within"
		if rs.WindowHours != nil || req {
			w, ok := c.hoursParam(rs, "window_hours", rs.WindowHours, path+".window_hours", req)
			if !ok {
				return
			}
			r.WindowMinutes = w
		}
		if rs.RestHours != nil || req {
			w, ok := c.hoursParam(rs, "rest_hours", rs.RestHours, path+".rest_hours", req)
			if !ok {
				return
			}
			r.RestMinutes = w
		}
		if r.RestMinutes > r.WindowMinutes {
			c.errorf(rs.Pos, path+".rest_hours", "rest_hours (%s) must not exceed window_hours (%s)", fmtHours(r.RestMinutes), fmtHours(r.WindowMinutes))
			return
		}
		if name == "jp-doctor" && !(r.WindowMinutes == 24*60 && r.RestMinutes == 9*60) && !(r.WindowMinutes == 46*60 && r.RestMinutes == 18*60) {
			r.Cite = userSet("window_hours: "+fmtHours(r.WindowMinutes)+", rest_hours: "+fmtHours(r.RestMinutes), citeDoctor)
		}
		c.rules = append(c.rules, r)
	case "weekly_rest":
		r := &WeeklyRest{meta: mt(citeWeeklyRest), Days: 7}
		h, ok := c.hoursParam(rs, "hours", rs.Hours, path+".hours", true)
		if !ok {
			return
		}
		r.Minutes = h
		if rs.Days != nil {
			r.Days = *rs.Days
		}
		if rs.Alt != nil {
			r.AltMinutes, r.AltDays = hoursToMinutes(rs.Alt.Hours), rs.Alt.Days
			if r.AltDays < 1 || r.AltMinutes > r.AltDays*24*60 {
				c.errorf(rs.Alt.Pos, path+".alt", "alt needs days >= 1 and hours no longer than the period")
				return
			}
		}
		if r.Days < 1 || r.Minutes > r.Days*24*60 {
			c.errorf(rs.Pos, path+".days", "weekly_rest needs days >= 1 and hours no longer than the period")
			return
		}
		c.rules = append(c.rules, r)
	case "max_hours", "min_hours", "max_days", "min_days":
		b := &SumBound{meta: mt(citeSums), KindName: name, Hours: strings.HasSuffix(name, "_hours"), Max: strings.HasPrefix(name, "max")}
		val, key := rs.Max, "max"
		if !b.Max {
			val, key = rs.Min, "min"
		}
		if b.Hours {
			v, ok := c.hoursParam(rs, key, val, path+"."+key, true)
			if !ok {
				return
			}
			b.Limit = v
		} else {
			v, ok := c.intParam(rs, key, val, path+"."+key, 0, true)
			if !ok {
				return
			}
			b.Limit = v
		}
		b.Per = Period(rs.Per)
		switch b.Per {
		case PerDay, PerHorizon:
		case "":
			b.Per = PerHorizon
		case PerWeek:
			b.BlockDays, b.Anchor = 7, c.sc.WeekAnchor()
		case PerBlock:
			if rs.Invalid["block_days"] {
				return // the loader reported the bad value
			}
			if rs.BlockDays == nil || *rs.BlockDays < 1 {
				c.errorf(rs.Pos, path+".block_days", "per: block needs block_days (a whole number of days, at least 1)")
				return
			}
			a, ok := anchor(true)
			if !ok {
				return
			}
			b.BlockDays, b.Anchor = *rs.BlockDays, a
		default:
			c.errorf(rs.Keys["per"], path+".per", "unknown period %q; expected day, week, block or horizon", rs.Per)
			return
		}
		if b.Hours && b.Max && ((b.Per == PerWeek && b.Limit == 40*60) || (b.Per == PerDay && b.Limit == 8*60)) {
			b.Cite = citeHours
		}
		b.Range = c.sc.Horizon
		if rs.Weight != nil { // soft_bounds.go
			c.rules = append(c.rules, &SoftSumBound{Bound: *b, Weight: *rs.Weight})
			return
		}
		c.rules = append(c.rules, b)
	case "night_work":
		n, ok := c.intParam(rs, "max", rs.Max, path+".max", 0, true)
		if !ok {
			return
		}
		c.rules = append(c.rules, &NightWork{meta: mt(citeNight), Max: n})
	case "breaks":
		b := &Breaks{meta: mt(citeBreaks)}
		if rs.ExtraAfter12h != nil && *rs.ExtraAfter12h {
			b.Extra12h = true
			b.Cite += citeBreaks12
		}
		for j, s := range c.sc.Shifts {
			if need := RequiredBreak(s.WorkMinutes(), b.Extra12h); s.Break < need {
				c.errorf(s.Pos, fmt.Sprintf("shifts[%d].break", j),
					"shift type %s works %s h with a %d min break; rule %q (%s) needs at least %d min",
					s.ID, fmtHours(s.WorkMinutes()), s.Break, name, b.Cite, need)
			}
		}
		c.rules = append(c.rules, b)
	}
}

// RequiredBreak returns the minimum break in minutes for a shift with the
// given work minutes under Art. 34 (and the seed 001 proposal when extra12h).
func RequiredBreak(work int, extra12h bool) int {
	switch {
	case extra12h && work > 12*60:
		return 90
	case work > 8*60:
		return 60
	case work > 6*60:
		return 45
	}
	return 0
}

func (c *compiler) busy(rs *model.RuleSpec, path string, def int) []model.BusyPeriod {
	var out []model.BusyPeriod
	for j, b := range rs.BusyPeriods {
		if b.Max == 0 && def > 0 {
			b.Max = def
		}
		if b.Max < 1 {
			c.errorf(b.Pos, fmt.Sprintf("%s.busy_periods[%d].max", path, j), "a busy period needs max, the cap inside it (a whole number >= 1)")
			continue
		}
		if b.Range.End < b.Range.Start {
			c.errorf(b.Pos, fmt.Sprintf("%s.busy_periods[%d].end", path, j), "busy period end %s is before its start %s", b.Range.End, b.Range.Start)
			continue
		}
		out = append(out, b)
	}
	return out
}

// paramPos is where parameter key of rs is written, else where rs starts.
func paramPos(rs *model.RuleSpec, key string) model.Pos {
	if p, ok := rs.Keys[key]; ok {
		return p
	}
	return rs.Pos
}

// intParam reads the whole-number parameter key of rs, whose value is v.
// A value the loader rejected (rs.Invalid) was reported there: it is not
// reported again as missing.
func (c *compiler) intParam(rs *model.RuleSpec, key string, v *float64, path string, min int, required bool) (int, bool) {
	pos := paramPos(rs, key)
	if v == nil {
		if rs.Invalid[key] {
			return 0, false
		}
		if required {
			c.errorf(pos, path, "missing; expected a whole number >= %d", min)
		}
		return 0, !required
	}
	if *v != math.Trunc(*v) || *v < float64(min) {
		c.errorf(pos, path, "%v is not allowed; expected a whole number >= %d", *v, min)
		return 0, false
	}
	return int(*v), true
}

// hoursParam reads the hours parameter key of rs, whose value is v, as
// minutes (rs.Invalid as for intParam).
func (c *compiler) hoursParam(rs *model.RuleSpec, key string, v *float64, path string, required bool) (int, bool) {
	pos := paramPos(rs, key)
	if v == nil {
		if rs.Invalid[key] {
			return 0, false
		}
		if required {
			c.errorf(pos, path, "missing; expected a number of hours > 0")
		}
		return 0, !required
	}
	if *v <= 0 {
		c.errorf(pos, path, "%v is not allowed; expected a number of hours > 0", *v)
		return 0, false
	}
	return hoursToMinutes(*v), true
}

func fmtHours(min int) string {
	return strconv.FormatFloat(float64(min)/60, 'f', -1, 64)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
