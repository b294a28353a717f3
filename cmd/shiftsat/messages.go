package main

import "github.com/shiftsat/shiftsat/model"

// The English formats of the input errors the commands find themselves
// (in --rules values, in a published roster), as model.Error codes like
// the loader's (model/messages.go); catalogue_errors.go has them in
// Japanese.
func init() {
	model.RegisterMessages(map[model.Code]string{
		"flag.emptyItem":   "empty item in %q; expected NAME[:key=value],... ",
		"flag.paramFirst":  "parameter %q comes before any rule name; expected NAME:key=value",
		"flag.paramNotKV":  "parameter %q is not key=value; expected e.g. max=13",
		"flag.emptySet":    "empty rule set; expected NAME[:key=value],... or @FILE.yaml",
		"flag.noRulesFile": "rules file %s does not exist",
		"flag.setTwice":    "two rule sets are named %q; give each its own name",
		"replan.noColumn":  "no column for %s%s; expected the published roster of the horizon %s..%s",
		"replan.more":      ", and %d more",
	})
}
