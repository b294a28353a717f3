package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// limitsOptions are the flags of `limits` (flags only, like check's).
type limitsOptions struct {
	rules     []string
	shifts    string
	format    string
	out       string
	timeLimit time.Duration
	lang      string
}

func (a *app) limitsCmd() *cobra.Command {
	var o limitsOptions
	c := &cobra.Command{
		Use:   "limits --rules RULES [--rules RULES ...]",
		Short: "what a rule set allows one person: longest streak, fewest rest days, most hours, shortest rest",
		Long: `limits finds, with the solver, the extremes a rule set allows one person with
nothing else constraining the roster: the longest run of consecutive work days,
the fewest rest days in any 28 consecutive days, the most work hours in any 7
consecutive days given the shift types, the shortest rest between two
shifts, and (when a shift type is a night shift, RULES.md 2.7) the longest run
of nights on consecutive dates. Each is found by optimisation on a single-person scenario (a horizon of
three times the rules' longest period plus two weeks, longer for busy periods)
and proved: one more is unsatisfiable. A rule needing an anchor (起算日) and
given none is anchored on the horizon start; the extremes do not depend on it.

--rules is a rule set: NAME, NAME:key=value and further ,key=value items,
comma-separated (jp-4w4d:anchor=2026-11-29,jp-13days or
max_consecutive_days:max=10,rest_interval:hours=9), or @FILE.yaml holding a
list of rule entries like a scenario's rules:. Repeat --rules for one row per
rule set. --shifts takes the shift types of a scenario file; the default is
one day shift D 08:00-17:00 with a 60 min break.

Exit codes: 0 success, 1 failure, 2 bad usage or invalid rules, 4 time limit
reached before any extreme was found.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := a.langSetting(cmd)
			if err != nil {
				return err
			}
			o.lang = lang
			return a.limits(cmd, o)
		},
	}
	f := c.Flags()
	f.StringArrayVar(&o.rules, "rules", nil, "a rule `SET` (NAME[:key=value,...],... or @FILE.yaml); repeat for several")
	f.StringVar(&o.shifts, "shifts", "", "use the shift types of the scenario `FILE.yaml` (default: D 08:00-17:00, break 60)")
	f.StringVar(&o.format, "format", "text", "output `format`: text, csv or json")
	a.langFlags(f, "language of the text table: en or ja")
	f.StringVarP(&o.out, "out", "o", "", "write the output to `FILE` (atomically) instead of standard output")
	f.DurationVar(&o.timeLimit, "time-limit", 30*time.Second, "stop each rule set's search after this `duration` (0: no limit); the extremes found so far are shown, marked not proven")
	return c
}

// limitsRow is one rule set's result.
type limitsRow struct {
	name string
	res  *solver.LimitsResult
}

func (a *app) limits(cmd *cobra.Command, o limitsOptions) error {
	o.format = strings.ToLower(strings.TrimSpace(o.format))
	if !contains(formats, o.format) {
		return usageErrorIn(o.lang, "use.unknownFormat", o.format, strings.Join(formats, ", "))
	}
	if o.out != "" {
		in := append([]input{{"in.shifts", o.shifts}}, rulesFileInputs(o.rules)...)
		if err := a.checkOut(o.out, in...); err != nil {
			return err
		}
	}
	sets, err := a.ruleSetFlags(o.rules)
	if err != nil {
		return err
	}
	opt := solver.LimitsOptions{TimeLimit: o.timeLimit}
	if o.shifts != "" {
		sc, err := model.Load(o.shifts)
		if err != nil {
			return a.inputError(o.shifts, err)
		}
		opt.Shifts, opt.WeekStart = sc.Shifts, sc.WeekStart
	}
	var rows []limitsRow
	for _, set := range sets {
		res, err := solver.Limits(cmd.Context(), set.specs, opt)
		var list model.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				fmt.Fprint(a.stderr, tr(o.lang, "limits.setError", set.name, errorIn(o.lang, e)))
			}
			return exitWith(exitUsage)
		}
		if err != nil {
			if cmd.Context().Err() != nil {
				return a.interrupted()
			}
			return failf("limits %s: %v", set.name, err)
		}
		rows = append(rows, limitsRow{set.name, res})
	}
	var buf bytes.Buffer
	switch o.format {
	case "csv":
		err = renderLimitsCSV(&buf, rows)
	case "json":
		err = renderLimitsJSON(&buf, rows)
	default:
		renderLimitsText(&buf, rows, o.lang)
	}
	if err != nil {
		return failIn(o.lang, "fail.render", o.format, err)
	}
	if err := a.write(o.out, buf.Bytes()); err != nil {
		return err
	}
	for _, r := range rows {
		if !r.res.LongestStreak.Found && !r.res.LongestStreak.Proven {
			return &exitError{code: exitTimeLimit, msg: fmt.Sprintf("the time limit of %s was reached before any extreme of %s was found", o.timeLimit, r.name)}
		}
	}
	return nil
}
