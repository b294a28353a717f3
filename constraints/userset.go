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

// FarOutside is a bound on a parameter far beyond any value a law of
// RULES.md asks for (KindSpec.FarOutside): a value over it is valid but
// almost surely a typo, and is warned about.
type FarOutside struct {
	// Param is the parameter.
	Param string
	// Above is the bound: a value over it is warned about.
	Above float64
	// Unit names the value's unit, and Law the laws' range, for the warning.
	Unit, Law model.Noun
}

// Warnings returns a warning for each rule parameter of specs whose value
// is valid but far outside the range of any law shiftsat knows (say,
// rest_interval: {hours: 1000000}): almost surely a typo. Each is an Error
// at the parameter, its message starting with "warning:"; they do not make the
// input invalid. The bounds are the registry's (KindSpec.FarOutside).
func Warnings(specs []*model.RuleSpec) model.ErrorList {
	var out model.ErrorList
	for i, rs := range specs {
		k := Lookup(rs.Rule)
		if k == nil {
			continue
		}
		for _, f := range k.FarOutside {
			v, ok := ParamNumber(rs, f.Param)
			if !ok || v <= f.Above {
				continue
			}
			pos := rs.Keys[f.Param]
			if pos.File == "" {
				pos = rs.Pos
			}
			out = append(out, model.NewError(pos, fmt.Sprintf("rules[%d].%s", i, f.Param), "rule.farOutside",
				fmtNum(v), f.Unit, f.Law))
		}
	}
	return out
}
