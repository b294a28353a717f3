package constraints

import "github.com/shiftsat/shiftsat/model"

// Temporary stubs: delete each as its Check is written.
func (*MaxConsecutiveDays) Check(r *model.Roster) []Violation { panic("TODO") }
func (*Holidays) Check(r *model.Roster) []Violation { panic("TODO") }
func (*RestInterval) Check(r *model.Roster) []Violation { panic("TODO") }
func (*RestWithin) Check(r *model.Roster) []Violation { panic("TODO") }
func (*WeeklyRest) Check(r *model.Roster) []Violation { panic("TODO") }
func (*SumBound) Check(r *model.Roster) []Violation { panic("TODO") }
func (*NightWork) Check(r *model.Roster) []Violation { panic("TODO") }
func (*Minor) Check(r *model.Roster) []Violation { panic("TODO") }
func (*Breaks) Check(r *model.Roster) []Violation { panic("TODO") }
func (*Coverage) Check(r *model.Roster) []Violation { panic("TODO") }
func (*Structure) Check(r *model.Roster) []Violation { panic("TODO") }
func (*Personal) Check(r *model.Roster) []Violation { panic("TODO") }
