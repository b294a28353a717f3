package solver

import (
	"testing"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// optInRule is a rule kind the solver does not know, which may say that it
// reads one person at a time and how many days it looks at.
type optInRule struct {
	constraints.Rule
	local      bool
	days, blk  int
	lookbackOK bool
}

func (r optInRule) PersonLocal() bool { return r.local }

type optInLookback struct{ optInRule }

func (r optInLookback) Lookback() (int, int, bool) { return r.days, r.blk, r.lookbackOK }

// TestOptInInterfaces: a rule kind outside the solver's switches keeps the
// staff whole and the horizon whole unless it implements
// constraints.PersonLocal and constraints.Lookback, so that a new kind opts
// in from its own files.
func TestOptInInterfaces(t *testing.T) {
	sc := &model.Scenario{}
	for i := 0; i < groupMinStaff; i++ {
		sc.Staff = append(sc.Staff, &model.Staff{ID: model.StaffID(string(rune('a'+i%26)) + string(rune('a'+i/26)))})
	}
	if groupable(sc, []constraints.Rule{optInRule{local: false}}) {
		t.Error("a rule that is not person-local made the staff groupable")
	}
	if !groupable(sc, []constraints.Rule{optInRule{local: true}}) {
		t.Error("a person-local rule kept the staff whole")
	}
	if _, _, ok := rollLookback([]constraints.Rule{optInRule{}}); ok {
		t.Error("a rule without Lookback allowed rolling windows")
	}
	if _, _, ok := rollLookback([]constraints.Rule{optInLookback{optInRule{lookbackOK: false}}}); ok {
		t.Error("a rule whose Lookback refuses allowed rolling windows")
	}
	back, block, ok := rollLookback([]constraints.Rule{optInLookback{optInRule{days: 10, blk: 28, lookbackOK: true}}})
	if !ok || back != 12 || block != 28 {
		t.Errorf("rollLookback = %d, %d, %v; want 12, 28, true", back, block, ok)
	}
}
