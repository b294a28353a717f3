package constraints

import (
	"fmt"
	"strconv"

	"github.com/shiftsat/shiftsat/model"
)

// This file keeps the law's name for the law's own parameters: a rule kind
// written with other values (rest_interval: {hours: 9}, holidays with a
// 10-day block, jp-doctor with a 12 h rest) is the user's rule, inspired by
// a source but not required by it, and its citation says so. It also warns
// about values far outside any law's range (rest_interval: {hours:
// 1000000}), which are valid but almost surely a mistake.

// UserSetPrefix starts the citation of a rule whose parameters are set by
// the user rather than by the source it is modelled on.
const UserSetPrefix = "user-set parameter"

// userSet is the citation of a rule written with the user's parameters
// (for example "hours: 9"), modelled on the source cite: "user-set
// parameter hours: 9 (cf. EU WTD Art. 3 ...)".
func userSet(params, cite string) string {
	return UserSetPrefix + " " + params + " (cf. " + cite + ")"
}

// fmtNum prints a parameter value as written in YAML: 9, 10.5.
func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// holidaysCite is the citation of the rule kind holidays with a block of
// block days holding rest rest days: the law (or proposal) whose block it
// is, else the user's own.
func holidaysCite(block, rest int) string {
	switch {
	case block == 7 && rest == 1:
		return citeWeekly
	case block == 14 && rest == 2:
		return cite2w2d
	case block == 28 && rest == 4:
		return cite4w4d
	}
	return userSet(fmt.Sprintf("block_days: %d, rest_days: %d", block, rest), citeHolidays)
}

// farOutside lists, per rule kind and parameter, a bound far beyond any
// value a law of RULES.md asks for, and the law's range for the warning.
var farOutside = []struct {
	rule, key string
	// above is the bound: a value over it is warned about.
	above float64
	// unit and law describe the value and the laws' range.
	unit, law string
}{
	{"rest_interval", "hours", 24, "h", "the laws ask 9 to 11 h between shifts"},
	{"rest_within", "rest_hours", 48, "h", "the laws ask 9 h within 24 h, or 18 h within 46 h"},
	{"rest_within", "window_hours", 7 * 24, "h", "the laws use windows of 24 to 46 h"},
	{"weekly_rest", "hours", 7 * 24, "h", "the laws ask 24 to 48 h per 7 or 14 days"},
	{"max_consecutive_days", "max", 100, "days", "the laws and proposals cap runs at 6 to 48 days"},
	{"holidays", "block_days", 366, "days", "the laws use blocks of 7 to 28 days"},
}

// Warnings returns a warning for each rule parameter of specs whose value
// is valid but far outside the range of any law shiftsat knows (say,
// rest_interval: {hours: 1000000}): almost surely a typo. Each is an Error
// at the parameter, its message starting with "warning:"; they do not make the
// input invalid.
func Warnings(specs []*model.RuleSpec) model.ErrorList {
	var out model.ErrorList
	for i, rs := range specs {
		for _, f := range farOutside {
			if rs.Rule != f.rule {
				continue
			}
			var v *float64
			switch f.key {
			case "hours":
				v = rs.Hours
			case "rest_hours":
				v = rs.RestHours
			case "window_hours":
				v = rs.WindowHours
			case "max":
				v = rs.Max
			case "block_days":
				if rs.BlockDays != nil {
					x := float64(*rs.BlockDays)
					v = &x
				}
			}
			if v == nil || *v <= f.above {
				continue
			}
			pos := rs.Keys[f.key]
			if pos.File == "" {
				pos = rs.Pos
			}
			out = append(out, &model.Error{Pos: pos, Path: fmt.Sprintf("rules[%d].%s", i, f.key),
				Msg: fmt.Sprintf("warning: %s %s is far outside any law's range (%s); the rule is applied as written, but check the value",
					fmtNum(*v), f.unit, f.law)})
		}
	}
	return out
}
