package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/shiftsat/shiftsat/constraints"
)

// version is the program's version, set at link time with
// -ldflags "-X main.version=v1.2.3"; otherwise taken from the build info.
var version = ""

func (a *app) validateCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "validate SCENARIO.yaml",
		Short: "check a scenario and its rules without solving",
		Long: `validate loads the scenario and compiles its rules without solving. It prints
"ok: NAME: N staff, M shift types, D days, R rules", or every error as
file:line:col: field: message and exits with code 2.`,
		Args: a.exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := a.langSetting(cmd)
			if err != nil {
				return err
			}
			sc, _, err := a.load(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, tr(lang, "validate.ok",
				scenarioName(sc.Name, sc.File), len(sc.Staff), len(sc.Shifts), sc.Horizon.Days(), len(sc.Rules)))
			return nil
		},
	}
	a.langFlags(c.Flags(), "language of the summary line and of the input errors: en or ja")
	return c
}

// scenarioName is the scenario's name, or its file's base name when unnamed.
func scenarioName(name, file string) string {
	if name != "" {
		return name
	}
	if file != "" {
		return filepath.Base(file)
	}
	return "unnamed scenario"
}

func (a *app) rulesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "list the rule presets and rule kinds with their sources",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			writeRules(a.stdout)
			return nil
		},
	}
}

// writeRules prints the presets and rule kinds.
func writeRules(w interface{ Write([]byte) (int, error) }) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Presets (use as {rule: NAME, ...}):")
	for _, p := range constraints.Presets {
		fmt.Fprintf(tw, "  %s\t%s\n", p.Name, p.Summary)
		if ps := constraints.Params(p.Name); len(ps) > 0 {
			fmt.Fprintf(tw, "  \tparameters: %s\n", strings.Join(ps, ", "))
		}
		fmt.Fprintf(tw, "  \tsource: %s\n", p.Source)
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(tw, "Rule kinds (use as {rule: KIND, PARAMETER: VALUE, ...}):")
	for _, k := range constraints.Kinds {
		d := constraints.Lookup(k) // the registry documents each kind
		fmt.Fprintf(tw, "  %s\t%s\n", k, d.Summary)
		fmt.Fprintf(tw, "  \tparameters: %s\n", strings.Join(constraints.Params(k), ", "))
		fmt.Fprintf(tw, "  \tsource: %s\n", d.Source)
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every scenario also carries its demand, availability, leave, requests off,")
	fmt.Fprintln(w, "fixed shifts, history, personal limits and the protection of minors (Arts. 60, 61).")
	fmt.Fprintln(w, "Every entry, preset or kind, also takes staff: [ids]: it then binds those people only.")
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(a.stdout, "shiftsat %s (%s)\n", programVersion(), runtime.Version())
			return nil
		},
	}
}

// programVersion is the link-time version, else the module version and VCS
// revision from the build info, else "devel".
func programVersion() string {
	if version != "" {
		return version
	}
	v := "devel"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if mv := info.Main.Version; mv != "" && mv != "(devel)" {
		v = mv
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + strings.TrimSpace(rev+dirty)
	}
	return v
}
