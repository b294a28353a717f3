package constraints

import (
	"github.com/shiftsat/shiftsat/model"
)

// This file holds the soft count and run bounds: a max_consecutive_days,
// max_days, min_days, max_hours or min_hours rule entry (or the jp-13days
// preset) written with `weight: W`. Such a rule forbids nothing; each unit
// over or under the bound costs W. Encode (soft_bounds_encode.go)
// reads the bound with the encoding helpers of the hard rules (windows of
// encode_days.go, periods of encode_sums.go); Cost (soft_bounds_cost.go) reads the roster with
// the checking helpers (check.go, check_days.go, check_sums.go). The two
// share no logic.

// SoftMaxConsecutiveDays is a max_consecutive_days rule with a weight: its
// windows are exactly those of the hard rule Cap (MaxConsecutiveDays: every
// window of Cap.Max+1 consecutive known days of a person that contains a
// day outside every busy period, and every window of b.Max+1 days lying
// wholly inside busy period b, windows wholly in the history excepted;
// windows with an unknown day are not judged), and each window without a
// REST day costs Weight. A run of n consecutive non-REST days (WORK or
// LEAVE, history included) outside busy periods thus costs (n - Max) *
// Weight when its last day is in the horizon and its first day is at most
// Max days before the horizon start (windows ending before the horizon
// cost nothing).
type SoftMaxConsecutiveDays struct {
	// Cap is the bound made soft (its name, citation, Max and Busy).
	Cap MaxConsecutiveDays
	// Weight is the cost of each window without a REST day (>= 1).
	Weight int
}

// Kind implements Rule: the kind of the bound, max_consecutive_days.
func (r *SoftMaxConsecutiveDays) Kind() string { return r.Cap.Kind() }

// Name implements Rule.
func (r *SoftMaxConsecutiveDays) Name() string { return r.Cap.Name() }

// Citation implements Rule.
func (r *SoftMaxConsecutiveDays) Citation() string { return r.Cap.Citation() }

func (r *SoftMaxConsecutiveDays) setCite(c string) { r.Cap.Cite = c }

// Check implements Rule: a soft bound is never violated (see Cost).
func (*SoftMaxConsecutiveDays) Check(*model.Roster) []Violation { return nil }

// SoftSumBound is a max_days, min_days, max_hours or min_hours rule with a
// weight: per person and fixed period, exactly as the hard rule Bound
// (SumBound: the sum counts the shifts, or their work minutes, starting on
// the known days of the period, history included except for PerHorizon; a
// minimum is judged only on periods wholly inside the person's known days),
// each unit the sum is over the maximum, or under the minimum, costs
// Weight. The unit is a shift (max_days, min_days) or an hour, rounded up:
// a sum 61 minutes over a max_hours bound costs 2 * Weight, one 30 minutes
// under a min_hours bound costs Weight.
type SoftSumBound struct {
	// Bound is the bound made soft.
	Bound SumBound
	// Weight is the cost of each unit over or under the bound (>= 1).
	Weight int
}

// Kind implements Rule: the kind of the bound (max_days ...).
func (b *SoftSumBound) Kind() string { return b.Bound.Kind() }

// Name implements Rule.
func (b *SoftSumBound) Name() string { return b.Bound.Name() }

// Citation implements Rule.
func (b *SoftSumBound) Citation() string { return b.Bound.Citation() }

func (b *SoftSumBound) setCite(c string) { b.Bound.Cite = c }

// Check implements Rule: a soft bound is never violated (see Cost).
func (*SoftSumBound) Check(*model.Roster) []Violation { return nil }
