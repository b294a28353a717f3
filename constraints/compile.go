package constraints

import (
	"math"
	"sort"
	"strconv"

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

// compiler collects rules and errors.
type compiler struct {
	sc    *model.Scenario
	rules []Rule
	errs  model.ErrorList
}

// errorf records the error at pos, path with the message code (messages.go)
// and its arguments.
func (c *compiler) errorf(pos model.Pos, path string, code model.Code, args ...any) {
	c.errs = append(c.errs, model.NewError(pos, path, code, args...))
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
		c.rules = append(c.rules, &SumBound{meta: meta{RuleName: "minor", Cite: citeMinor}, KindName: KindMaxHours,
			Hours: true, Max: true, Limit: 40 * 60, Per: PerWeek, BlockDays: 7, Anchor: sc.WeekAnchor(), MinorsOnly: true})
	}
	for i, dm := range sc.Demand {
		c.rules = append(c.rules, &Coverage{meta: meta{RuleName: "demand", Cite: citeDemand, Pos: dm.Pos}, Demand: dm, Index: i})
	}
	for i, rs := range sc.Rules {
		c.compileEntry(i, rs) // registry.go
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
		add("min_days", KindMinDays, false, false, *l.MinDays, PerHorizon, "")
	}
	if l.MaxDays != nil {
		add("max_days", KindMaxDays, false, true, *l.MaxDays, PerHorizon, "")
	}
	if l.MaxHoursPerWeek != nil {
		add("max_hours_per_week", KindMaxHours, true, true, hoursToMinutes(*l.MaxHoursPerWeek), PerWeek, "")
	}
	if l.MinHours != nil {
		add("min_hours", KindMinHours, true, false, hoursToMinutes(*l.MinHours), PerHorizon, "")
	}
	if l.MaxHours != nil {
		add("max_hours", KindMaxHours, true, true, hoursToMinutes(*l.MaxHours), PerHorizon, "")
	}
	ids := make([]string, 0, len(l.MaxShifts))
	for s := range l.MaxShifts {
		ids = append(ids, string(s))
	}
	sort.Strings(ids)
	for _, s := range ids {
		add("max_shifts", KindMaxDays, false, true, l.MaxShifts[model.ShiftID(s)], PerHorizon, model.ShiftID(s))
	}
}

func hoursToMinutes(h float64) int { return int(math.Round(h * 60)) }

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

// paramPos is where parameter key of rs is written, else where rs starts.
func paramPos(rs *model.RuleSpec, key string) model.Pos {
	if p, ok := rs.Keys[key]; ok {
		return p
	}
	return rs.Pos
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
