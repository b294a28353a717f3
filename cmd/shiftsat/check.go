package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
)

// exitViolations is FORMAT.md's exit code of `check` when it finds violations.
const exitViolations = 5

// checkOptions are the flags of `check` (flags only: no config file or
// environment, unlike plan's settings).
type checkOptions struct {
	roster       string
	actuals      string
	rules        string
	rulesFile    string
	replaceRules bool
	format       string
	out          string
	lang         string
}

func (a *app) checkCmd() *cobra.Command {
	var o checkOptions
	c := &cobra.Command{
		Use:   "check SCENARIO.yaml [ROSTER.csv] [--actuals TIMES.csv]",
		Short: "audit an existing roster or timesheet against the rules",
		Long: `check reads a roster in the CSV of 'plan --format csv' (staff,<dates>; cells:
shift id, LV or empty) or the workbook of 'plan --format xlsx' (its Roster sheet) and/or a timesheet of actual times (--actuals: a header
row staff,date,start,end[,shift][,break], one row per shift worked; an end at
or before the start is the next day), and runs the independent checker of
every rule of the scenario on it: the same Check that re-checks every plan.
The scenario gives the shift types, staff, history and rules.

--rules adds rules (with --replace-rules: replaces the scenario's rules), so
that a roster can be audited under a proposed rule set. Its syntax is a
comma-separated list of rules, each NAME or NAME:key=value with more
,key=value parameters following, e.g.
  --rules jp-4w4d:anchor=2026-11-29,max_consecutive_days:max=10,rest_interval:hours=9
Values are YAML: reduced={hours: 9, max: 2}. --rules-file reads a YAML list
of rule entries like the scenario's rules: list.

With --actuals every rule is measured on the actual times; a row with no
shift takes its shift type from ROSTER.csv when given, else from the
scenario's fixed shift that day. Demand lines are not judged on a timesheet.

Exit codes: 0 no violation, 1 failure, 2 bad usage or invalid input (every
error is printed as file:line:col: where: message), 5 violations found.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				lang := a.usageLang()
				return usageErrorIn(lang, "use.checkArgs", len(args), useLine(lang, cmd))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			roster := o.roster
			if len(args) == 2 {
				if roster != "" {
					return usageErrorIn(a.usageLang(), "use.twoRosters", args[1], roster)
				}
				roster = args[1]
			}
			lang, err := a.langSetting(cmd)
			if err != nil {
				return err
			}
			o.lang = lang
			return a.check(args[0], roster, o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.actuals, "actuals", "", "read actual times from the timesheet `TIMES.csv`")
	f.StringVar(&o.roster, "roster", "", "the roster to check, `FILE`.csv or .xlsx (the same as the second argument)")
	f.StringVar(&o.rules, "rules", "", "add these `RULES` (NAME[:key=value,...],...) to the scenario's")
	f.StringVar(&o.rulesFile, "rules-file", "", "add the rules of the YAML `FILE` (a list of {rule: NAME, ...})")
	f.BoolVar(&o.replaceRules, "replace-rules", false, "replace the scenario's rules with --rules and --rules-file")
	f.StringVar(&o.format, "format", "text", "output `format`: text, csv or json")
	f.StringVarP(&o.out, "out", "o", "", "write the output to `FILE` (atomically) instead of standard output")
	a.langFlags(f, "language of the report and of the violations' messages: en or ja")
	return c
}

// check is the `check` subcommand.
func (a *app) check(path, rosterPath string, o checkOptions) error {
	o.format = strings.ToLower(strings.TrimSpace(o.format))
	if !contains(formats, o.format) {
		return usageErrorIn(o.lang, "use.unknownFormat", o.format, strings.Join(formats, ", "))
	}
	if rosterPath == "" && o.actuals == "" {
		return usageErrorIn(o.lang, "use.checkRoster")
	}
	if o.replaceRules && o.rules == "" && o.rulesFile == "" {
		return usageErrorIn(o.lang, "use.replaceRules")
	}
	if o.out != "" {
		if err := a.checkOut(o.out, input{"in.scenario", path}, input{"in.roster", rosterPath},
			input{"in.timesheet", o.actuals}, input{"in.rulesFile", o.rulesFile}); err != nil {
			return err
		}
	}
	sc, rules, err := a.loadAudit(path, o.rules, o.rulesFile, o.replaceRules)
	if err != nil {
		return err
	}
	ro, err := a.readAudit(sc, rosterPath, o.actuals)
	if err != nil {
		return err
	}
	if o.actuals != "" {
		// A timesheet records who worked, not the staffing plan.
		kept := rules[:0:0]
		for _, r := range rules {
			if _, ok := r.(*constraints.Coverage); !ok {
				kept = append(kept, r)
			}
		}
		rules = kept
	}
	vs := constraints.CheckAll(rules, ro)
	rep := &checkReport{sc: sc, roster: rosterPath, actuals: o.actuals, violations: vs, lang: o.lang}
	var buf bytes.Buffer
	switch o.format {
	case "csv":
		err = renderViolationsCSV(&buf, rep)
	case "json":
		err = renderViolationsJSON(&buf, rep)
	default:
		renderViolationsText(&buf, rep)
	}
	if err != nil {
		return failIn(o.lang, "fail.render", o.format, err)
	}
	if err := a.write(o.out, buf.Bytes()); err != nil {
		return err
	}
	if len(vs) > 0 {
		return exitWith(exitViolations)
	}
	return nil
}

// loadAudit loads the scenario, adds or replaces its rules with those of
// --rules and --rules-file, and compiles them. Every input error is printed
// (exit 2).
func (a *app) loadAudit(path, rulesFlag, rulesFile string, replace bool) (*model.Scenario, []constraints.Rule, error) {
	sc, err := loadScenario(path)
	if err != nil {
		return nil, nil, a.inputError(path, err)
	}
	var extra []*model.RuleSpec
	var errs model.ErrorList
	if rulesFlag != "" {
		specs, err := parseRulesFlag(rulesFlag)
		if err != nil {
			if !errors.As(err, &errs) {
				return nil, nil, failf("--rules: %v", err)
			}
		}
		extra = append(extra, specs...)
	}
	if rulesFile != "" {
		data, err := os.ReadFile(rulesFile)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, usageErrorIn(a.lang, "use.rulesFileMissing", rulesFile)
			}
			return nil, nil, failIn(a.lang, "fail.read", rulesFile, err)
		}
		specs, err := model.ParseRules(rulesFile, data)
		var list model.ErrorList
		if errors.As(err, &list) {
			errs = append(errs, list...)
		} else if err != nil {
			return nil, nil, failf("%s: %v", rulesFile, err)
		}
		extra = append(extra, specs...)
	}
	if len(errs) > 0 {
		return nil, nil, a.inputError(path, errs)
	}
	if replace {
		sc.Rules = extra
	} else {
		sc.Rules = append(sc.Rules, extra...)
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		return nil, nil, a.inputError(path, err)
	}
	a.warn(sc.Rules)
	return sc, rules, nil
}

// parseRulesFlag parses the compact rule syntax of --rules into rule
// specifications: a comma-separated list whose items are NAME (a rule with
// no parameters), NAME:key=value (a rule and its first parameter) or
// key=value (one more parameter of the rule before). Commas inside {} or []
// and inside quotes do not separate items; values are YAML scalars or flow
// collections. The rules are decoded by model.ParseRules as one YAML line
// each, so an error names the flag and the rule's number: --rules:2.
func parseRulesFlag(s string) ([]*model.RuleSpec, error) {
	var lines []string
	var errs model.ErrorList
	cur := -1
	for _, item := range splitTop(s) {
		item = strings.TrimSpace(item)
		colon, eq := strings.IndexByte(item, ':'), strings.IndexByte(item, '=')
		param := item
		if item == "" {
			errs.AddCode(model.Pos{File: "--rules"}, "", "flag.emptyItem", s)
			continue
		}
		if eq < 0 || (colon >= 0 && colon < eq) {
			name := item
			param = ""
			if colon >= 0 {
				name, param = item[:colon], item[colon+1:]
			}
			lines = append(lines, "- {rule: "+strconv.Quote(strings.TrimSpace(name)))
			cur = len(lines) - 1
			if strings.TrimSpace(param) == "" {
				continue
			}
		}
		if cur < 0 {
			errs.AddCode(model.Pos{File: "--rules"}, "", "flag.paramFirst", item)
			continue
		}
		k, v, ok := strings.Cut(param, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			errs.AddCode(model.Pos{File: "--rules", Line: cur + 1}, "", "flag.paramNotKV", param)
			continue
		}
		lines[cur] += ", " + k + ": " + v
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for i := range lines {
		lines[i] += "}"
	}
	specs, err := model.ParseRules("--rules", []byte(strings.Join(lines, "\n")+"\n"))
	var list model.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			e.Pos.Col = 0 // columns of the generated YAML mean nothing to the user
		}
		return nil, list
	}
	for _, sp := range specs {
		sp.DropColumns()
	}
	return specs, err
}

// splitTop splits s at the commas outside brackets, braces and quotes.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	var quote rune
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '{' || r == '[':
			depth++
		case r == '}' || r == ']':
			depth--
		case r == ',' && depth <= 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// readAudit reads the roster CSV and/or the timesheet. With both, the
// timesheet's rows that name no shift take the roster's shift that day, and
// the instances are the timesheet's.
func (a *app) readAudit(sc *model.Scenario, rosterPath, actualsPath string) (*model.Roster, error) {
	var planned, actual *model.Roster
	var errs model.ErrorList
	read := func(path, missing string, fn func(string, io.Reader, *model.Scenario) (*model.Roster, error)) (*model.Roster, error) {
		f, err := os.Open(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, usageErrorIn(a.lang, missing, path)
			}
			return nil, failIn(a.lang, "fail.read", path, err)
		}
		defer f.Close()
		ro, err := fn(path, f, sc)
		var list model.ErrorList
		if errors.As(err, &list) {
			errs = append(errs, list...)
			return nil, nil
		}
		if err != nil {
			return nil, failIn(a.lang, "fail.read", path, err)
		}
		return ro, nil
	}
	var err error
	if rosterPath != "" {
		// CSV, or the workbook of plan --format xlsx
		if planned, err = read(rosterPath, "use.rosterMissing", model.ReadRoster); err != nil {
			return nil, err
		}
	}
	if actualsPath != "" {
		if actual, err = read(actualsPath, "use.timesheetMissing", model.ReadActualsCSV); err != nil {
			return nil, err
		}
	}
	if len(errs) > 0 {
		return nil, a.inputError("", errs)
	}
	if actual == nil {
		return planned, nil
	}
	if planned != nil {
		for p, days := range actual.Actual {
			for d := range days {
				if _, named := actual.Starts[p][d]; named || !sc.Horizon.Contains(d) {
					continue
				}
				if s, ok := planned.Starts[p][d]; ok {
					actual.Set(p, d, s)
				}
			}
		}
	}
	return actual, nil
}

// checkReport is what the violation renderers show.
type checkReport struct {
	sc              *model.Scenario
	roster, actuals string
	violations      []constraints.Violation
	// lang is the language of the report ("en" or "ja").
	lang string
}

// message is a violation's sentence in the report's language: the
// checker's own sentence in English (as it always was), the catalogue's
// (catalogue.go, from the violation's fields) in Japanese.
func (r *checkReport) message(v constraints.Violation) string {
	if r.lang != "ja" {
		return v.Message
	}
	return violationText(r.lang, r.sc, v)
}

// ruleNames are the names of the rule entries checked (scenario and added).
func (r *checkReport) ruleNames() []string {
	out := make([]string, 0, len(r.sc.Rules))
	for _, rs := range r.sc.Rules {
		out = append(out, rs.Rule)
	}
	return out
}

// inputs names the files checked.
func (r *checkReport) inputs() string {
	var parts []string
	if r.roster != "" {
		parts = append(parts, tr(r.lang, "check.roster", r.roster))
	}
	if r.actuals != "" {
		parts = append(parts, tr(r.lang, "check.actuals", r.actuals))
	}
	return strings.Join(parts, tr(r.lang, "txt.comma"))
}

// fmtHM formats minutes as H:MM (negative with a sign).
func fmtHM(m int) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d:%02d", sign, m/60, m%60)
}

// figure formats a measured figure or limit with its unit: minutes as
// hours H:MM ("9:30 h"), other units as "14 days".
func figure(n int, unit string) string {
	switch unit {
	case "minutes":
		return fmtHM(n) + " h"
	case "":
		return strconv.Itoa(n)
	}
	if n == 1 && unit == "people" {
		unit = "person"
	}
	if n == 1 && strings.HasSuffix(unit, "s") {
		unit = strings.TrimSuffix(unit, "s") // 1 day, 1 rest day, 1 shift
	}
	return strconv.Itoa(n) + " " + unit
}

// hasFigure reports whether a violation carries a measured figure.
func hasFigure(v constraints.Violation) bool { return v.Unit != "" }

// renderViolationsText prints the violations grouped by person (people in
// scenario order; violations with no person, such as demand, last).
func renderViolationsText(w io.Writer, r *checkReport) {
	lang := r.lang
	fmt.Fprintln(w, tr(lang, "check.head", scenarioName(r.sc.Name, r.sc.File), r.inputs()))
	fmt.Fprintln(w, tr(lang, "check.rules", strings.Join(r.ruleNames(), tr(lang, "txt.comma"))))
	if len(r.violations) == 0 {
		fmt.Fprintln(w, tr(lang, "check.none"))
		return
	}
	people := map[model.StaffID]int{}
	for _, v := range r.violations {
		people[v.Staff]++
	}
	head := tr(lang, "check.count", pluralIn(lang, len(r.violations), "violation"))
	if n := len(people); n > 0 {
		if _, none := people[""]; none {
			n--
		}
		head += tr(lang, "check.people", pluralIn(lang, n, "person"))
	}
	fmt.Fprintln(w, head)
	order := make([]model.StaffID, 0, len(r.sc.Staff)+1)
	for _, p := range r.sc.Staff {
		order = append(order, p.ID)
	}
	order = append(order, "")
	for _, id := range order {
		if people[id] == 0 {
			continue
		}
		fmt.Fprintln(w)
		if id == "" {
			fmt.Fprintln(w, tr(lang, "check.notPerson", pluralIn(lang, people[id], "violation")))
		} else {
			name := string(id)
			if p := r.sc.Person(id); p != nil && p.Name != "" && p.Name != string(id) {
				name += tr(lang, "check.paren", p.Name)
			}
			fmt.Fprintln(w, tr(lang, "check.personHead", name, pluralIn(lang, people[id], "violation")))
		}
		for _, v := range r.violations {
			if v.Staff != id {
				continue
			}
			head := kindName(lang, v.Kind)
			if rule := ruleIn(lang, r.sc, v); rule != "" && rule != v.Kind {
				head += tr(lang, "check.paren", rule)
			}
			span := dateSpan(v.From, v.To)
			if lang == "ja" {
				span = spanIn(lang, v.From, v.To)
			}
			head += " " + span
			if v.Shift != "" {
				head += tr(lang, "check.shift", v.Shift)
			}
			if hasFigure(v) {
				head += ": " + tr(lang, "check.limit", figureIn(lang, v.Measured, v.Unit), figureIn(lang, v.Limit, v.Unit))
			}
			fmt.Fprintf(w, "  %s\n", head)
			if msg := r.message(v); msg != "" {
				fmt.Fprintf(w, "    %s\n", msg)
			}
			if v.Citation != "" {
				fmt.Fprintf(w, "    %s\n", tr(lang, "check.source", citeIn(lang, v.Citation)))
			}
		}
	}
}

// pluralIn counts in lang: "1 violation", "2 people" / "2件", "2人".
func pluralIn(lang string, n int, unit string) string {
	if lang == "ja" {
		return strconv.Itoa(n) + map[string]string{"violation": "件", "person": "人", "day": "日", "rest day": "日"}[unit]
	}
	return plural(n, unit)
}

// plural returns "1 violation", "2 violations" (person: people).
func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	if unit == "person" {
		return strconv.Itoa(n) + " people"
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// violationColumns is the header of the CSV output of check.
var violationColumns = []string{"staff", "kind", "rule", "from", "to", "shift", "measured", "limit", "unit", "message", "citation"}

// displayFigure gives a violation's figures for CSV and JSON: minutes as
// H:MM with the unit "hours", other units as they are.
func displayFigure(v constraints.Violation) (measured, limit, unit string) {
	switch {
	case v.Unit == "minutes":
		return fmtHM(v.Measured), fmtHM(v.Limit), "hours (H:MM)"
	case v.Unit == "":
		return "", "", ""
	}
	return strconv.Itoa(v.Measured), strconv.Itoa(v.Limit), v.Unit
}

// renderViolationsCSV writes one row per violation (header violationColumns).
func renderViolationsCSV(w io.Writer, r *checkReport) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(violationColumns); err != nil {
		return err
	}
	for _, v := range r.violations {
		m, l, u := displayFigure(v)
		if err := cw.Write([]string{string(v.Staff), v.Kind, v.Rule, v.From.String(), v.To.String(), string(v.Shift),
			m, l, u, r.message(v), citeIn(r.lang, v.Citation)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonViolation is one violation in the JSON output of check.
type jsonViolation struct {
	Staff    string `json:"staff,omitempty"`
	Kind     string `json:"kind"`
	Rule     string `json:"rule"`
	From     string `json:"from"`
	To       string `json:"to"`
	Shift    string `json:"shift,omitempty"`
	Measured *int   `json:"measured,omitempty"`
	Limit    *int   `json:"limit,omitempty"`
	Unit     string `json:"unit,omitempty"`
	Figure   string `json:"figure,omitempty"`
	Message  string `json:"message"`
	Citation string `json:"citation,omitempty"`
}

// jsonCheck is the JSON output of check.
type jsonCheck struct {
	Scenario   string          `json:"scenario"`
	Roster     string          `json:"roster,omitempty"`
	Actuals    string          `json:"actuals,omitempty"`
	Rules      []string        `json:"rules"`
	Status     string          `json:"status"`
	Count      int             `json:"count"`
	Violations []jsonViolation `json:"violations"`
}

// renderViolationsJSON writes the check result as JSON: status "clean" or
// "violations"; measured and limit in the violation's unit, figure the
// same with units (hours as H:MM).
func renderViolationsJSON(w io.Writer, r *checkReport) error {
	out := jsonCheck{Scenario: scenarioName(r.sc.Name, r.sc.File), Roster: r.roster, Actuals: r.actuals,
		Rules: r.ruleNames(), Status: "clean", Count: len(r.violations), Violations: []jsonViolation{}}
	if len(r.violations) > 0 {
		out.Status = "violations"
	}
	for _, v := range r.violations {
		jv := jsonViolation{Staff: string(v.Staff), Kind: v.Kind, Rule: v.Rule, From: v.From.String(), To: v.To.String(),
			Shift: string(v.Shift), Unit: v.Unit, Message: r.message(v), Citation: citeIn(r.lang, v.Citation)}
		if hasFigure(v) {
			m, l := v.Measured, v.Limit
			jv.Measured, jv.Limit = &m, &l
			jv.Figure = tr(r.lang, "check.limit", figureIn(r.lang, m, v.Unit), figureIn(r.lang, l, v.Unit))
		}
		out.Violations = append(out.Violations, jv)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
