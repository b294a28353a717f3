package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cast"
	"github.com/spf13/cobra"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// costKey is one configurable cost of the ways-out cost model.
type costKey struct {
	key   string
	field func(c *solver.CostModel) *int
}

// costKeys are the settings (config file, SHIFTSAT_COST_* environment)
// of solver.CostModel, one per change class.
var costKeys = []costKey{
	{"cost-lower-demand", func(c *solver.CostModel) *int { return &c.LowerDemand }},
	{"cost-move-request", func(c *solver.CostModel) *int { return &c.MoveRequest }},
	{"cost-drop-request", func(c *solver.CostModel) *int { return &c.DropRequest }},
	{"cost-move-leave", func(c *solver.CostModel) *int { return &c.MoveLeave }},
	{"cost-allow-unavailable", func(c *solver.CostModel) *int { return &c.AllowUnavailable }},
	{"cost-allow-shift", func(c *solver.CostModel) *int { return &c.AllowShift }},
	{"cost-drop-fixed", func(c *solver.CostModel) *int { return &c.DropFixed }},
	{"cost-raise-limit", func(c *solver.CostModel) *int { return &c.RaiseLimit }},
	{"cost-add-person", func(c *solver.CostModel) *int { return &c.AddPerson }},
	{"cost-loosen-rule", func(c *solver.CostModel) *int { return &c.LoosenRule }},
	{"cost-drop-rule", func(c *solver.CostModel) *int { return &c.DropRule }},
}

// explainConfigKeys are the settings explain adds to configKeys.
var explainConfigKeys = func() []string {
	out := []string{"relax-rules", "max-ways"}
	for _, k := range costKeys {
		out = append(out, k.key)
	}
	return out
}()

// explainSettings are the resolved settings of the explanation of an
// infeasible scenario (explain, and plan when infeasible).
type explainSettings struct {
	relaxRules bool
	maxWays    int
	costs      solver.CostModel
}

// explainSettings resolves relax-rules, max-ways and the cost-* settings,
// reporting every bad one.
func (a *app) explainSettings(cmd *cobra.Command) (explainSettings, error) {
	s := explainSettings{maxWays: 3, costs: solver.DefaultCosts()}
	var errs []string
	lang := a.lang // resolved by planSettings
	bad := func(key, id string, args ...any) {
		errs = append(errs, tr(lang, "set.prefix", key, a.source(lang, cmd, key))+tr(lang, id, args...))
	}
	if v := a.v.Get("relax-rules"); v != nil {
		if b, err := cast.ToBoolE(v); err != nil {
			bad("relax-rules", "set.bool", fmt.Sprint(v))
		} else {
			s.relaxRules = b
		}
	}
	if v := a.v.Get("max-ways"); v != nil {
		if n, err := cast.ToIntE(strings.TrimSpace(fmt.Sprint(v))); err != nil || n < 0 {
			bad("max-ways", "set.maxWays", fmt.Sprint(v))
		} else {
			s.maxWays = n
		}
	}
	for _, k := range costKeys {
		v := a.v.Get(k.key)
		if v == nil {
			continue
		}
		n, err := cast.ToIntE(strings.TrimSpace(fmt.Sprint(v)))
		if err != nil {
			bad(k.key, "set.cost", fmt.Sprint(v))
			continue
		}
		*k.field(&s.costs) = n
	}
	if len(errs) > 0 {
		return s, usageErrorf("%s", strings.Join(errs, "\nshiftsat: "))
	}
	return s, nil
}

func (a *app) explainCmd() *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "explain SCENARIO.yaml",
		Short: "explain why no roster exists, and the cheapest ways out",
		Long: `explain loads the scenario and, when no roster satisfies its rules, says why:
a minimal set of requirements that cannot all hold (demand, leave, requests,
availability, history and rules with their articles), a calendar of only the
people and days involved, and the cheapest ways out (lower a demand cell, move
a request or a leave day, ask an unavailable person, add a person), each one
verified by planning again and re-checking the roster. Legal rules are only
relaxed with --relax-rules.

The cost of each kind of change comes from the settings cost-lower-demand (3),
cost-move-request (1), cost-drop-request (2), cost-move-leave (2),
cost-allow-unavailable (4), cost-allow-shift (3), cost-drop-fixed (3),
cost-raise-limit (5), cost-add-person (10), cost-loosen-rule (20) and
cost-drop-rule (40), in a config file or as SHIFTSAT_COST_* variables; a cost
of 0 or less disables that kind of change.

Exit codes: 0 a roster exists (nothing to explain), 1 failure, 2 bad usage or
invalid scenario, 3 infeasible (the explanation is printed), 4 time limit.`,
		Args: a.exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Bound here, not when the command is built: plan binds the
			// same keys to its own flags, and the running command's win.
			for _, k := range []string{"format", "time-limit", "bom", "lang", "relax-rules", "max-ways", "max-memory"} {
				a.bind(k, cmd.Flags().Lookup(k))
			}
			if err := a.loadConfig(); err != nil {
				return err
			}
			s, err := a.planSettings(cmd)
			if err != nil {
				return err
			}
			s.out = out
			if s.format == "csv" {
				return usageErrorIn(s.lang, "use.explainCSV", a.source(s.lang, cmd, "format"))
			}
			es, err := a.explainSettings(cmd)
			if err != nil {
				return err
			}
			return a.explain(cmd.Context(), args[0], s, es)
		},
	}
	f := c.Flags()
	f.String("format", "text", "output `format`: text or json")
	f.StringVarP(&out, "out", "o", "", "write the output to `FILE` (atomically) instead of standard output")
	f.String("time-limit", "30s", "give up after this `duration` with exit code 4 (0: no limit)")
	f.Bool("bom", false, "unused by explain (accepted for config files shared with plan)")
	f.String("lang", "en", "language of the explanation: en or ja")
	f.String("max-memory", "auto", maxMemoryHelp)
	f.Bool("relax-rules", false, "also propose loosening or dropping legal rules")
	f.Int("max-ways", 3, "show at most `N` ways out (0: none)")
	f.StringVar(&a.configFlag, "config", "", "read settings from `FILE` (default ./"+defaultConfigFile+" when it exists)")
	_ = f.MarkHidden("bom")
	return c
}

// explain is the `explain` subcommand.
func (a *app) explain(parent context.Context, path string, s planSettings, es explainSettings) error {
	if s.out != "" {
		if err := a.checkOut(s.out, input{"in.scenario", path}, input{"in.config", a.configFile}); err != nil {
			return err
		}
	}
	ctx, cancel := withLimit(parent, s.timeLimit)
	defer cancel()
	ctx = solver.WithMaxMemory(ctx, s.maxMemory)
	sc, rules, err := a.load(path)
	if err != nil {
		return err
	}
	res, err := solve(ctx, sc, rules, solver.Options{TimeLimit: left(ctx)})
	if err := a.interrupted(); err != nil {
		return err
	}
	if err != nil {
		if e := memoryExit(a.lang, err); e != nil {
			return e
		}
		return failIn(s.lang, "fail.solve", path, err)
	}
	switch res.Status {
	case solver.Feasible:
		rep := &explainReport{sc: sc, rules: rules, lang: s.lang, status: solver.Feasible}
		if err := a.emitExplanation(rep, s); err != nil {
			return err
		}
		return nil
	case solver.Infeasible:
		return a.explainInfeasible(ctx, sc, rules, s, es, res.Shortage)
	}
	return &exitError{code: exitTimeLimit, msg: tr(s.lang, "exit.timeLimit")}
}

// explainInfeasible explains an infeasible scenario, prints the
// explanation in the chosen format (csv: as text on stderr) and ends with
// exit code 3. plan and explain share it.
func (a *app) explainInfeasible(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, s planSettings, es explainSettings, shortage *solver.Shortage) error {
	rep, err := buildExplanation(ctx, sc, rules, s, es, shortage)
	if err := a.interrupted(); err != nil {
		return err // an explanation cut short is not shown
	}
	if err != nil {
		return err
	}
	if s.format == "csv" || s.format == "xlsx" { // no place for it in a roster file
		var buf bytes.Buffer
		renderExplainText(&buf, rep)
		a.endProgress()
		a.stderr.Write(buf.Bytes())
		return exitWith(exitInfeasible)
	}
	if err := a.emitExplanation(rep, s); err != nil {
		return err
	}
	if s.out != "" {
		a.endProgress()
		fmt.Fprintf(a.stderr, "shiftsat: %s\n", tr(s.lang, "msg.explainedIn", s.out))
	}
	return exitWith(exitInfeasible)
}

// buildExplanation runs solver.Explain and solver.WaysOut within what is
// left of the run's time limit (ctx's deadline): the core gets up to half
// of it, the ways out the rest.
func buildExplanation(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, s planSettings, es explainSettings, shortage *solver.Shortage) (*explainReport, error) {
	limit := left(ctx)
	if limit <= 0 {
		limit = 10 * time.Minute
	}
	t0 := time.Now()
	ex, err := solver.Explain(ctx, sc, rules, solver.ExplainOptions{TimeLimit: limit / 2, Shortage: shortage})
	if err != nil {
		if e := memoryExit(s.lang, err); e != nil {
			return nil, e
		}
		return nil, failIn(s.lang, "fail.explain", err)
	}
	rep := &explainReport{sc: sc, rules: rules, lang: s.lang, status: ex.Status, ex: ex, relax: es.relaxRules, maxWays: es.maxWays}
	if ex.Status == solver.Infeasible && es.maxWays > 0 {
		ways, wst, err := solver.WaysOut(ctx, sc, ex, solver.WaysOutOptions{Costs: es.costs, RelaxRules: es.relaxRules,
			MaxWays: es.maxWays, TimeLimit: limit - time.Since(t0)})
		if err != nil {
			if e := memoryExit(s.lang, err); e != nil {
				return nil, e
			}
			return nil, failIn(s.lang, "fail.waysOut", err)
		}
		rep.ways, rep.counted = ways, wst.Counted
	}
	return rep, nil
}

// emitExplanation renders an explanation report and writes it to stdout or
// the --out file.
func (a *app) emitExplanation(rep *explainReport, s planSettings) error {
	var buf bytes.Buffer
	var err error
	switch s.format {
	case "json":
		err = renderExplainJSON(&buf, rep)
	case "html":
		renderExplainHTML(&buf, rep)
	default:
		renderExplainText(&buf, rep)
	}
	if err != nil {
		return failIn(s.lang, "fail.render", s.format, err)
	}
	return a.write(s.out, buf.Bytes())
}
