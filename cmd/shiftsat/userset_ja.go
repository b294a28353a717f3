package main

import (
	"strings"

	"github.com/shiftsat/shiftsat/constraints"
)

// userSetJA translates the citation of a rule written with the user's own
// parameters ("user-set parameter hours: 9 (cf. SOURCE)", see
// constraints.UserSetPrefix): "利用者が設定した値 hours: 9（参考: 出典）", the
// source translated by citationsJA when it can be.
func userSetJA(c string) (string, bool) {
	rest, ok := strings.CutPrefix(c, constraints.UserSetPrefix+" ")
	if !ok {
		return "", false
	}
	params, src, ok := strings.Cut(rest, " (cf. ")
	if !ok {
		return "利用者が設定した値 " + rest, true
	}
	src = strings.TrimSuffix(src, ")")
	if t, ok := citationsJA[src]; ok {
		src = t
	}
	return "利用者が設定した値 " + params + "（参考: " + src + "）", true
}
