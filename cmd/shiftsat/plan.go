package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cast"
	"github.com/spf13/cobra"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// planSettings are the resolved settings of one `plan` run.
type planSettings struct {
	format    string // text, csv or json
	timeLimit time.Duration
	maxMemory int64 // bytes; 0: no guard
	lang      string
	bom       bool
	out       string          // output file, "" for stdout
	dimacs    string          // --dimacs: write the plain CNF there instead of planning
	explain   explainSettings // ways out and their costs, when infeasible
	quiet     bool            // no progress line on a terminal
	history   string          // --history: last month's roster (history.go)
	replan    string          // --replan: the published roster to re-plan (replan.go)
	from      string          // --from: the first date a re-plan may change
}

var formats = []string{"text", "csv", "json"}

// planFormats are plan's output formats: formats, and the views only a
// plan has (render_xlsx.go, render_html.go, render_ics.go).
var planFormats = append(append([]string(nil), formats...), "xlsx", "html", "ics")
var langs = []string{"en", "ja"}

func (a *app) planCmd() *cobra.Command {
	var out, dimacs, history, replan, from string
	var quiet bool
	c := &cobra.Command{
		Use:   "plan SCENARIO.yaml",
		Short: "plan a roster that follows the scenario's rules and print it",
		Long: `plan loads the scenario, compiles its rules, solves them, re-checks the roster
against every rule independently and prints it.

Settings (format, time-limit, lang, bom) come from, lowest priority first:
built-in defaults, a config file (./shiftsat.yaml or --config FILE or
$SHIFTSAT_CONFIG), environment variables SHIFTSAT_FORMAT, SHIFTSAT_TIME_LIMIT,
SHIFTSAT_LANG, SHIFTSAT_BOM, and flags.

Exit codes: 0 a roster was found, 1 failure, 2 bad usage or invalid scenario
(every error is printed as file:line:col: field: message), 3 infeasible
(the conflicting rules are printed), 4 time limit reached with no answer.`,
		Args: a.exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			s, err := a.planSettings(cmd)
			if err != nil {
				return err
			}
			s.out, s.quiet = out, quiet
			s.history, s.replan, s.from = history, replan, from
			s.dimacs = dimacs
			if s.explain, err = a.explainSettings(cmd); err != nil {
				return err
			}
			return a.plan(cmd.Context(), args[0], s)
		},
	}
	f := c.Flags()
	f.String("format", "text", "output `format`: text, csv, json, xlsx (a workbook; needs --out), html (a printable page) or ics (one calendar per person into the directory --out)")
	f.StringVarP(&out, "out", "o", "", "write the output to `FILE` (atomically) instead of standard output")
	f.StringVar(&history, "history", "", "fill the history from last month's roster `FILE` (.csv or .xlsx, as plan writes it)")
	f.StringVar(&replan, "replan", "", "re-plan the published roster `FILE` (.csv or .xlsx) from --from on, changing as few cells as possible")
	f.StringVar(&from, "from", "", "with --replan: the first `DATE` that may change; the days before it are kept")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress line on standard error (shown only when it is a terminal)")
	f.String("time-limit", "30s", "give up after this `duration` with exit code 4 (0: no limit)")
	f.Bool("bom", false, "start CSV output with a UTF-8 byte-order mark")
	f.String("lang", "en", "language of the output (text, html, ics): en or ja")
	f.String("max-memory", "auto", maxMemoryHelp)
	f.StringVar(&a.configFlag, "config", "", "read settings from `FILE` (default ./"+defaultConfigFile+" when it exists)")
	f.StringVar(&dimacs, "dimacs", "", "write the plain CNF of the whole scenario (hard clauses, no selectors) as DIMACS to `FILE` and stop, to run another SAT solver on it")
	_ = f.MarkHidden("dimacs")
	for _, k := range []string{"format", "time-limit", "bom", "lang", "max-memory"} {
		a.bind(k, f.Lookup(k))
	}
	return c
}

// exactArgs is cobra.ExactArgs with a message naming the argument expected.
func (a *app) exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			lang := a.usageLang()
			return usageErrorIn(lang, "use.exactArgs", cmd.Name(), n, len(args), useLine(lang, cmd))
		}
		return nil
	}
}

// planSettings resolves and validates the settings, reporting every bad one.
func (a *app) planSettings(cmd *cobra.Command) (planSettings, error) {
	var s planSettings
	var errs []string
	// the language of these errors: lang when it is good, else as a
	// command-line error's
	s.lang = strings.ToLower(strings.TrimSpace(a.v.GetString("lang")))
	lang := s.lang
	if !contains(langs, lang) {
		lang = a.usageLang()
	}
	bad := func(key, id string, args ...any) {
		errs = append(errs, tr(lang, "set.prefix", key, a.source(lang, cmd, key))+tr(lang, id, args...))
	}
	s.format = strings.ToLower(strings.TrimSpace(a.v.GetString("format")))
	if !contains(planFormats, s.format) {
		bad("format", "set.format", s.format, strings.Join(planFormats, ", "))
	}
	tl := strings.TrimSpace(a.v.GetString("time-limit"))
	if d, err := time.ParseDuration(tl); err != nil || d < 0 {
		bad("time-limit", "set.duration", tl)
	} else {
		s.timeLimit = d
	}
	if n, err := parseSize(a.v.GetString("max-memory")); err != nil {
		bad("max-memory", "set.size", a.v.GetString("max-memory"))
	} else {
		s.maxMemory = n
	}
	if !contains(langs, s.lang) {
		bad("lang", "set.lang", s.lang, strings.Join(langs, ", "))
	}
	a.lang = s.lang // input errors are written in it
	if b, err := cast.ToBoolE(a.v.Get("bom")); err != nil {
		bad("bom", "set.bool", fmt.Sprint(a.v.Get("bom")))
	} else {
		s.bom = b
	}
	if len(errs) > 0 {
		return s, usageErrorf("%s", strings.Join(errs, "\nshiftsat: "))
	}
	return s, nil
}

// solve is solver.Solve; tests replace it to exercise the re-check.
var solve = solver.Solve

// withLimit returns ctx with a deadline limit from now (none when limit
// is 0): the one deadline of a whole run (loading, encoding, solving, the
// explanation, the ways out and the request explanations). Interruption
// is told from the deadline by the invocation's context (a.interrupted).
func withLimit(ctx context.Context, limit time.Duration) (context.Context, context.CancelFunc) {
	if limit <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, limit)
}

// left returns the time left before ctx's deadline, at least 1 ns (a limit
// of 0 would mean none), or 0 when ctx has no deadline.
func left(ctx context.Context) time.Duration {
	d, ok := ctx.Deadline()
	if !ok {
		return 0
	}
	return max(time.Until(d), time.Nanosecond)
}

// plan is the `plan` subcommand.
func (a *app) plan(parent context.Context, path string, s planSettings) error {
	if s.format == "xlsx" && s.out == "" {
		return usageErrorIn(s.lang, "use.xlsxOut")
	}
	if s.format == "ics" {
		if err := a.checkOutDir(s.out); err != nil {
			return err
		}
	} else if s.out != "" {
		if err := a.checkOut(s.out, input{"in.scenario", path}, input{"in.config", a.configFile},
			input{"in.history", s.history}, input{"in.published", s.replan}); err != nil {
			return err
		}
	}
	ctx, cancel := withLimit(parent, s.timeLimit)
	defer cancel()
	ctx = solver.WithMaxMemory(ctx, s.maxMemory)
	sc, rules, err := a.loadPlan(path, s)
	if err != nil {
		return err
	}
	if s.replan != "" || s.from != "" {
		return a.replan(ctx, sc, rules, s) // replan.go
	}
	if s.dimacs != "" {
		if err := a.checkOut(s.dimacs, input{"in.scenario", path}, input{"in.config", a.configFile}); err != nil {
			return err
		}
		return a.writeDIMACS(ctx, sc, rules, s.dimacs)
	}
	// A status line on a terminal's stderr while the solver works (ended
	// before anything else is printed: a.write, a.endProgress).
	a.pg = a.startProgress(s.timeLimit, s.quiet)
	defer a.endProgress()
	var res *solver.Result
	var pr *solver.PlanResult
	opt := solver.Options{TimeLimit: left(ctx)}
	if a.pg != nil {
		opt.Progress = a.pg.set
	}
	if constraints.HasSoft(rules) {
		// Soft requirements: optimise (plan_soft.go).
		if pr, err = optimize(ctx, sc, rules, opt); pr != nil {
			res = &pr.Result
		}
	} else {
		a.pg.phase("solving")
		res, err = solve(ctx, sc, rules, opt)
	}
	if err := a.interrupted(); err != nil {
		// The best roster of a search cut short is not the plan: nothing
		// is shown or written.
		return err
	}
	if err != nil {
		if e := memoryExit(a.lang, err); e != nil {
			return e
		}
		return failIn(s.lang, "fail.solve", path, err)
	}
	rep := &report{sc: sc, rules: rules, res: res, lang: s.lang}
	switch res.Status {
	case solver.Feasible:
		if res.Roster == nil {
			return failIn(s.lang, "fail.noRoster")
		}
		if vs := constraints.CheckAll(rules, res.Roster); len(vs) > 0 {
			a.endProgress()
			fmt.Fprintf(a.stderr, "shiftsat: %s\n", tr(s.lang, "msg.rosterBreaks", len(vs)))
			a.printBroken(sc, vs, s.lang)
			return exitWith(exitFailure)
		}
		if err := a.softReport(ctx, rep, pr, s); err != nil {
			return err
		}
		return a.emit(rep, s)
	case solver.Infeasible:
		// The explanation (minimal core, calendar, ways out) is explain's;
		// CSV has no place for it: it goes to stderr as text.
		a.pg.phase("explaining why no roster exists")
		return a.explainInfeasible(ctx, sc, rules, s, s.explain, res.Shortage)
	default:
		if s.format == "json" {
			if err := a.emit(rep, s); err != nil {
				return err
			}
		}
		if s.timeLimit > 0 {
			return &exitError{code: exitTimeLimit, msg: tr(s.lang, "exit.timeLimitOf", s.timeLimit.String())}
		}
		return &exitError{code: exitTimeLimit, msg: tr(s.lang, "exit.timeLimit")}
	}
}

// load reads and compiles a scenario. Invalid input prints every error line
// to stderr and ends with exit code 2.
func (a *app) load(path string) (*model.Scenario, []constraints.Rule, error) {
	sc, err := loadScenario(path)
	if err != nil {
		return nil, nil, a.inputError(path, err)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		return nil, nil, a.inputError(path, err)
	}
	a.warn(sc.Rules)
	return sc, rules, nil
}

// warn prints to stderr the warnings about rule values far outside any
// law's range (constraints.Warnings); they change no exit code.
func (a *app) warn(specs []*model.RuleSpec) {
	for _, w := range constraints.Warnings(specs) {
		fmt.Fprintln(a.stderr, errorIn(a.lang, w))
	}
}

// loadScenario reads a scenario file. When the file has errors, its rules
// are compiled too, as far as they were decoded, so that a typo in a rule
// name or a missing anchor is reported together with the other problems:
// every problem at once.
func loadScenario(path string) (*model.Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load scenario: %w", err)
	}
	sc, errs := model.ParsePartial(path, data)
	if len(errs) == 0 {
		return sc, nil
	}
	if sc != nil {
		errs = append(errs, ruleErrors(sc)...)
		errs.Sort()
	}
	return nil, errs
}

// ruleErrors compiles the rules of a partly decoded scenario and returns
// the errors about the rules entries only (the rest of the scenario is known
// to be broken, so other complaints would repeat or mislead).
func ruleErrors(sc *model.Scenario) (out model.ErrorList) {
	defer func() {
		if recover() != nil {
			out = nil // a broken scenario may trip compilation: report what the loader found
		}
	}()
	_, err := constraints.Compile(sc)
	var list model.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			if strings.HasPrefix(e.Path, "rules[") {
				out = append(out, e)
			}
		}
	}
	return out
}

// inputError turns an error of loading or compiling into an exit: every
// line of an ErrorList is printed (exit 2); a missing file is bad usage;
// other I/O errors are failures.
func (a *app) inputError(path string, err error) error {
	var list model.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(a.stderr, errorIn(a.lang, e))
		}
		return exitWith(exitUsage)
	}
	var e *model.Error
	if errors.As(err, &e) {
		fmt.Fprintln(a.stderr, errorIn(a.lang, e))
		return exitWith(exitUsage)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return usageErrorIn(a.msgLang(), "use.scenarioMissing", path)
	}
	if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
		return usageErrorIn(a.msgLang(), "use.scenarioIsDir", path, filepath.Join(path, "store.yaml"))
	}
	return failf("%v", err)
}

// emit renders the report in the chosen format and writes it to stdout or,
// atomically, to the --out file.
func (a *app) emit(rep *report, s planSettings) error {
	var buf bytes.Buffer
	var err error
	switch s.format {
	case "csv":
		err = renderCSV(&buf, rep, s.bom)
	case "json":
		err = renderJSON(&buf, rep)
	case "xlsx":
		err = renderXLSX(&buf, rep, nil)
	case "html":
		err = renderHTML(&buf, rep)
	case "ics":
		return a.writeICS(rep, s.out) // one file per person into the directory --out
	default:
		err = renderText(&buf, rep)
	}
	if err != nil {
		return failIn(s.lang, "fail.render", s.format, err)
	}
	return a.write(s.out, buf.Bytes())
}

// printBroken prints the violations of a roster the checker refused, one
// a line: in English as formatViolation says them, in Japanese from their
// fields (violationText).
func (a *app) printBroken(sc *model.Scenario, vs []constraints.Violation, lang string) {
	for _, v := range vs {
		if lang == "ja" {
			fmt.Fprintf(a.stderr, "  %s\n", violationText(lang, sc, v))
			continue
		}
		fmt.Fprintf(a.stderr, "  %s\n", formatViolation(v))
	}
}

// formatViolation prints a violation on one line.
func formatViolation(v constraints.Violation) string {
	var b strings.Builder
	b.WriteString(familyName(v.Kind, v.Rule))
	b.WriteString(": ")
	var who []string
	if v.Staff != "" {
		who = append(who, string(v.Staff))
	}
	if v.Shift != "" {
		who = append(who, "shift "+string(v.Shift))
	}
	if v.From != 0 || v.To != 0 {
		who = append(who, dateSpan(v.From, v.To))
	}
	if len(who) > 0 {
		b.WriteString(strings.Join(who, " "))
		b.WriteString(": ")
	}
	if v.Message != "" {
		b.WriteString(v.Message)
	} else {
		b.WriteString("measured " + strconv.Itoa(v.Measured) + " " + v.Unit + ", limit " + strconv.Itoa(v.Limit))
	}
	if v.Citation != "" {
		b.WriteString(" — " + v.Citation)
	}
	return b.String()
}

// writeDIMACS is plan --dimacs FILE: the plain encoding of the whole
// scenario, as the monolithic solve loads it into gini (no groups, no
// rolling windows), written as DIMACS CNF, atomically, so that another
// SAT solver can be timed on the same clauses. A summary goes to stderr.
func (a *app) writeDIMACS(ctx context.Context, sc *model.Scenario, rules []constraints.Rule, file string) error {
	enc, err := solver.EncodeContext(ctx, sc, rules, false)
	if err != nil {
		if e := memoryExit(a.lang, err); e != nil {
			return e
		}
		if err := a.interrupted(); err != nil {
			return err
		}
		return &exitError{code: exitTimeLimit, msg: tr(a.lang, "fail.dimacsTime")}
	}
	var buf bytes.Buffer
	if err := enc.WriteDIMACS(&buf); err != nil {
		return failf("%v", err)
	}
	if err := a.write(file, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "shiftsat: %s\n", tr(a.lang, "fail.dimacsWrote", file, enc.NumVars(), enc.NumClauses(), enc.Stats().Encode.Round(time.Millisecond)))
	return nil
}
