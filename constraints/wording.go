package constraints

import (
	"fmt"

	"github.com/shiftsat/shiftsat/model"
)

// The wording helpers that both readings of the rules use to describe
// what they find (Encode's provenance details, Check's violations, Cost's
// items). They format text only and hold no rule logic, so sharing them
// keeps Check and Encode independent (TestCheckEncodeIndependent).

// People counts people in words: "1 person", "3 people", "1 person with
// skill lead" (skill may be empty).
func People(n int, skill string) string {
	s := fmt.Sprintf("%d people", n)
	if n == 1 {
		s = "1 person"
	}
	if skill != "" {
		s += " with skill " + skill
	}
	return s
}

// fmtDuration formats minutes as "11 h" or "8 h 30 min".
func fmtDuration(min int) string {
	if min%60 == 0 {
		return fmt.Sprintf("%d h", min/60)
	}
	return fmt.Sprintf("%d h %02d min", min/60, min%60)
}

// joinStaffIDs joins ids with ", ".
func joinStaffIDs(ids []model.StaffID) string {
	s := ""
	for i, x := range ids {
		if i > 0 {
			s += ", "
		}
		s += string(x)
	}
	return s
}
