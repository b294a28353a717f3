package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// loadPlan is load for plan: with --history FILE, last month's roster
// (CSV or XLSX, as plan writes it) fills every person's history before
// the rules are compiled; then the history read from a roster (this one or
// the scenario's history_from) is cut to the days the rules look back to.
func (a *app) loadPlan(path string, s planSettings) (*model.Scenario, []constraints.Rule, error) {
	if s.history == "" {
		sc, rules, err := a.load(path)
		if err != nil {
			return nil, nil, err
		}
		rules, err = a.trimHistory(path, sc, rules)
		return sc, rules, err
	}
	sc, err := loadScenario(path)
	if err != nil {
		return nil, nil, a.inputError(path, err)
	}
	if sc.HistoryFrom != "" {
		return nil, nil, usageErrorIn(s.lang, "use.historyTwice", s.history, sc.HistoryFrom)
	}
	t, err := model.ReadTableFile(s.history, "")
	if err == nil {
		err = model.HistoryFromTable(sc, t).Err()
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, usageErrorIn(s.lang, "use.flagFileMissing", "--history", s.history)
		}
		return nil, nil, a.inputError(s.history, err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		return nil, nil, a.inputError(path, err)
	}
	a.warn(sc.Rules)
	rules, err = a.trimHistory(path, sc, rules)
	return sc, rules, err
}

// trimHistory drops the history days read from a roster that no rule
// looks back to (solver.HistoryLookback; at least a week, for weekly
// hours), and compiles the rules again when some were dropped.
func (a *app) trimHistory(path string, sc *model.Scenario, rules []constraints.Rule) ([]constraints.Rule, error) {
	back, ok := solver.HistoryLookback(rules)
	if !ok {
		return rules, nil
	}
	if model.TrimHistory(sc, sc.Horizon.Start-model.Date(max(back, 8))) == 0 {
		return rules, nil
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		return nil, a.inputError(path, fmt.Errorf("after trimming the history: %w", err))
	}
	return rules, nil
}
