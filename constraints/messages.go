package constraints

import "github.com/shiftsat/shiftsat/model"

// The English formats of the errors in rule entries (model.Error codes
// "rule.*"; see model/messages.go): the English text is the format filled
// with the error's arguments, and package main's catalogue has the same
// codes in Japanese.
func init() {
	model.RegisterMessages(map[model.Code]string{
		"rule.anchorMissing":       "rule %q needs an anchor (起算日): the date a fixed block starts, e.g. anchor: %s (work rules must state it: %s)",
		"rule.paramNone":           "parameter %q does not apply to rule %q; it takes no parameters",
		"rule.paramNotApply":       "parameter %q does not apply to rule %q; it accepts: %s",
		"rule.pairLen":             "a pair has two shift type ids [X, Y]; found %d",
		"rule.shiftSpanJNA":        "shift type %s lasts %s h from start to end; rule %q allows at most 13 h (%s)",
		"rule.farOutside":          "warning: %s %s is far outside any law's range (%s); the rule is applied as written, but check the value",
		"rule.altInvalid":          "alt needs days >= 1 and hours no longer than the period",
		"rule.badWeight":           "weight %d is not allowed; expected a whole number >= 1",
		"rule.blockDaysMin":        "block_days must be at least 1",
		"rule.blockDaysNeeded":     "per: block needs block_days (a whole number of days, at least 1)",
		"rule.breakTooShort":       "shift type %s works %s h with a %d min break; rule %q (%s) needs at least %d min",
		"rule.busyEnd":             "busy period end %s is before its start %s",
		"rule.busyMax":             "a busy period needs max, the cap inside it (a whole number >= 1)",
		"rule.countMissing":        "missing; expected a whole number >= %d",
		"rule.countNotAllowed":     "%v is not allowed; expected a whole number >= %d",
		"rule.holidayWorkRange":    "holiday_work must be between 0 and the rest-day quota (%d)",
		"rule.holidaysScheme":      "rule holidays needs a scheme (weekly, 2w2d or 4w4d) or both block_days and rest_days",
		"rule.hoursMissing":        "missing; expected a number of hours > 0",
		"rule.hoursNotAllowed":     "%v is not allowed; expected a number of hours > 0",
		"rule.nightHoursMissing":   "missing; expected a list of hours [h1, h2, ...]: the rest after 1, 2, ... nights",
		"rule.noNightHours":        "no hours; expected a list of hours [h1, h2, ...]: the rest after 1, 2, ... nights",
		"rule.noPairs":             "no pairs; expected at least one pair of shift type ids [X, Y] (%s)",
		"rule.pairsMissing":        "missing; expected pairs of shift type ids [[X, Y], ...] (%s)",
		"rule.periodEnd":           "period end %s is before its start %s",
		"rule.reducedHours":        "reduced hours must be more than 0 and less than the interval (%s h)",
		"rule.reducedMax":          "reduced max must be 0 or more",
		"rule.restDaysRange":       "rest_days must be between 0 and block_days (%d)",
		"rule.restHoursExceed":     "rest_hours (%s) must not exceed window_hours (%s)",
		"rule.shiftIsKeyword":      "%q is both a shift type id and the keyword for every night shift; rename the shift type",
		"rule.shiftMissing":        "missing; expected a shift type id (%s) or %s",
		"rule.unknownPeriod":       "unknown period %q; expected day, week, block or horizon",
		"rule.unknownPeriodMonth":  "unknown period %q; expected horizon, block or month",
		"rule.unknownRule":         "unknown rule %q; expected a preset (%s) or a rule kind (%s)",
		"rule.unknownScheme":       "unknown scheme %q; expected weekly, 2w2d or 4w4d",
		"rule.unknownShiftOrNight": "unknown shift type %q; expected a shift type id (%s) or %s",
		"rule.unknownShiftType":    "unknown shift type %q; expected one of %s",
		"rule.weeklyRestInvalid":   "weekly_rest needs days >= 1 and hours no longer than the period",
	})
}
