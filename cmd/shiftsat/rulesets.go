package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/shiftsat/shiftsat/model"
)

// parseRuleSets parses one rule set given on the command line (the --rules
// of limits and compare): the compact syntax of check's --rules
// (parseRulesFlag: NAME, NAME:key=value and further ,key=value items,
// comma-separated, e.g. "jp-4w4d:anchor=2026-11-29,jp-13days" or
// "max_consecutive_days:max=10,rest_interval:hours=9"), or @FILE, a YAML
// file holding a list of rule entries as in a scenario's `rules:`, decoded
// by model.ParseRules. Input errors come back as a model.ErrorList.
func parseRuleSets(arg string) ([]*model.RuleSpec, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return nil, model.ErrorList{model.NewError(model.Pos{File: "--rules"}, "", "flag.emptySet")}
	}
	path, ok := strings.CutPrefix(arg, "@")
	if !ok {
		return parseRulesFlag(arg)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, model.ErrorList{model.NewError(model.Pos{File: "--rules"}, "", "flag.noRulesFile", path)}
		}
		return nil, fmt.Errorf("read rules file: %w", err)
	}
	return model.ParseRules(path, data)
}

// ruleSetFlags parses every --rules value into named rule sets, printing
// every input error (exit 2).
func (a *app) ruleSetFlags(args []string) ([]ruleSetArg, error) {
	if len(args) == 0 {
		return nil, usageErrorIn(a.lang, "use.rulesRequired")
	}
	var out []ruleSetArg
	var errs model.ErrorList
	named := map[string]bool{}
	for _, arg := range args {
		name, spec := splitRuleSetName(arg)
		if name != "" && named[name] {
			errs = append(errs, model.NewError(model.Pos{File: "--rules"}, "", "flag.setTwice", name))
			continue
		}
		named[name] = name != ""
		specs, err := parseRuleSets(spec)
		var list model.ErrorList
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
			continue
		case err != nil:
			return nil, failf("--rules %s: %v", arg, err)
		}
		a.warn(specs)
		rs := ruleSetArg{name: strings.TrimSpace(spec), spec: strings.TrimSpace(spec), specs: specs}
		if name != "" {
			rs.name = name
		}
		out = append(out, rs)
	}
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(a.stderr, errorIn(a.lang, e))
		}
		return nil, exitWith(exitUsage)
	}
	return out, nil
}

// ruleSetArg is one --rules value and its rule specifications.
type ruleSetArg struct {
	// name is the rule set's name: NAME of NAME=SPEC, else the spec.
	name string
	// spec is the rule set as written, without its name.
	spec  string
	specs []*model.RuleSpec
}

// splitRuleSetName splits a named rule set "NAME=SPEC" ("現行=jp-4w4d:
// anchor=2026-11-29"). The name is what comes before the first "=" when it
// holds none of ":", ",", "@", "=" nor spaces at the ends (a bare
// "rest_interval:hours=9" has no name: its "=" follows a ":").
func splitRuleSetName(arg string) (name, spec string) {
	arg = strings.TrimSpace(arg)
	n, rest, ok := strings.Cut(arg, "=")
	if !ok || strings.ContainsAny(n, ":,@{}[]") || strings.TrimSpace(n) == "" {
		return "", arg
	}
	return strings.TrimSpace(n), strings.TrimSpace(rest)
}
