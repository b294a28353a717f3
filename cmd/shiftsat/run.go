package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Exit codes of FORMAT.md, shared by every subcommand.
const (
	exitOK         = 0
	exitFailure    = 1 // the program failed (I/O, internal error)
	exitUsage      = 2 // bad usage or invalid input
	exitInfeasible = 3 // no roster satisfies the rules
	exitTimeLimit  = 4 // time limit reached with no answer
)

// exitError ends a command with an exit code. When msg is not empty it is
// printed to stderr as "shiftsat: msg"; an empty msg means the command has
// already printed what the user needs.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageErrorf reports bad usage or invalid input (exit 2).
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}

// failf reports a failure of the program (exit 1).
func failf(format string, args ...any) error {
	return &exitError{code: exitFailure, msg: fmt.Sprintf(format, args...)}
}

// interruptedError turns the error a command returned after an interrupt
// into exit 1 with a message in lang that says "interrupted" (the
// command's own message is kept when it says so already).
func interruptedError(lang string, err error) error {
	var ee *exitError
	if errors.As(err, &ee) && ee.code == exitFailure && (strings.Contains(ee.msg, "interrupted") || ee.msg == tr("ja", "fail.interrupted")) {
		return err
	}
	return failIn(lang, "fail.interrupted")
}

// interrupted returns the error of an interrupted run when the user has
// pressed Ctrl-C (or the process got SIGTERM), else nil. Commands call it
// after a search, before presenting its result: the result of a search cut
// short must never be shown as a finished one.
func (a *app) interrupted() error {
	if a.ctx != nil && a.ctx.Err() != nil {
		return failIn(a.msgLang(), "fail.interrupted")
	}
	return nil
}

// exitWith ends a command with code after it has printed its own messages.
func exitWith(code int) error { return &exitError{code: code} }

// configKeys are the settings a config file, the environment (SHIFTSAT_*)
// or a flag may set. Flags override the environment, which overrides the
// config file, which overrides the built-in defaults.
var configKeys = append(append([]string{"format", "time-limit", "lang", "bom"}, explainConfigKeys...), "max-memory")

// defaultConfigFile is read from the current directory when --config is not given.
const defaultConfigFile = "shiftsat.yaml"

// app is one invocation of the program: its streams and its settings.
type app struct {
	// ctx is the invocation's context: cancelled on Ctrl-C (SIGINT) or SIGTERM.
	ctx            context.Context
	stdout, stderr io.Writer
	v              *viper.Viper
	// args are the command-line arguments, for the language of an error
	// found before the flags are parsed (usageLang).
	args []string
	// configFlag is the value of --config.
	configFlag string
	// configFile is the config file read, or "".
	configFile string
	// pg is plan's progress line on a terminal, or nil.
	pg *progress
	// lang is the language of the running command's input errors, once
	// its setting lang is resolved ("" is English).
	lang string
}

// endProgress clears the progress line, if any, before output.
func (a *app) endProgress() { a.pg.end() }

// run runs shiftsat with the command-line arguments args (without the
// program name) and returns the exit code. It is main without the process:
// tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "shiftsat: internal error: %v\n%s", r, debug.Stack())
			code = exitFailure
		}
	}()
	a := &app{ctx: ctx, stdout: stdout, stderr: stderr, v: viper.New()}
	a.v.SetEnvPrefix("SHIFTSAT")
	a.v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	a.v.AutomaticEnv()

	root := a.rootCmd()
	a.args = args
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil {
		// Interrupted (Ctrl-C): whatever the command concluded from a
		// search cut short is not its answer. Exit 1, say so.
		err = interruptedError(a.msgLang(), err)
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(stderr, "shiftsat: %s\n", ee.msg)
		}
		return ee.code
	}
	// Every other error comes from parsing the command line.
	fmt.Fprintf(stderr, "shiftsat: %s\n", a.usageText(err.Error(), "shiftsat"))
	return exitUsage
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "shiftsat",
		Short: "plan shift rosters that provably follow labour-law rules",
		Long: `shiftsat plans shift rosters. It reads a scenario (horizon, shift types, staff,
demand and rules such as jp-4w4d or rest_interval), encodes the rules as SAT,
solves them, re-checks the roster independently and prints it.

The settings of plan (format, time-limit, lang, bom) come from, lowest priority first:
built-in defaults, a config file (./shiftsat.yaml or --config FILE),
environment variables (SHIFTSAT_FORMAT, SHIFTSAT_TIME_LIMIT, SHIFTSAT_LANG,
SHIFTSAT_BOM), and flags.

Exit codes: 0 success, 1 failure, 2 bad usage or invalid input,
3 infeasible, 4 time limit reached with no answer, 5 check found violations.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			lang := a.usageLang()
			msg := tr(lang, "usage.unknownCommand", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += tr(lang, "usage.didYouMean", strings.Join(s, tr(lang, "usage.or")))
			}
			return usageErrorf("%s\n%s", msg, tr(lang, "usage.help", "shiftsat"))
		},
		// Runs before every subcommand (none has its own).
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return checkOutFlag(a.usageLang(), cmd)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cmd.SetOut(a.stderr)
			_ = cmd.Usage()
			return exitWith(exitUsage)
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SuggestionsMinimumDistance = 2 // plna -> plan
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageErrorf("%s", a.usageText(err.Error(), cmd.CommandPath()))
	})
	root.AddCommand(a.planCmd(), a.validateCmd(), a.rulesCmd(), a.versionCmd())
	root.AddCommand(a.checkCmd(), a.intervalCmd())
	root.AddCommand(a.explainCmd())
	root.AddCommand(a.nrpCmd())
	root.AddCommand(a.limitsCmd(), a.compareCmd())
	root.AddCommand(a.serveCmd())
	return root
}

// bind makes flag f the top-priority source of setting key.
func (a *app) bind(key string, f *pflag.Flag) {
	if err := a.v.BindPFlag(key, f); err != nil {
		panic(err) // only when f is nil: a programming error
	}
}

// loadConfig reads the config file: --config FILE, else $SHIFTSAT_CONFIG,
// else ./shiftsat.yaml when it exists. Unknown keys are errors.
func (a *app) loadConfig() error {
	// the language of its errors: --lang or SHIFTSAT_LANG (a bad config
	// file cannot give it), else the file's lang for its unknown keys
	raw := a.argsLang()
	lang := a.validLang(raw)
	path := a.configFlag
	explicit := path != ""
	if !explicit {
		if p := os.Getenv("SHIFTSAT_CONFIG"); p != "" {
			path, explicit = p, true
		}
	}
	if !explicit {
		if _, err := os.Stat(defaultConfigFile); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return failIn(lang, "cfg.failed", err)
		}
		path = defaultConfigFile
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return usageErrorIn(lang, "use.configMissing", path)
		}
		return failIn(lang, "cfg.failed", err)
	}
	file := viper.New()
	file.SetConfigFile(path)
	if err := file.ReadInConfig(); err != nil {
		return usageErrorIn(lang, "cfg.file", path, err)
	}
	if raw == "" {
		lang = a.validLang(file.GetString("lang"))
	}
	var bad []string
	for _, k := range file.AllKeys() {
		if !contains(configKeys, k) {
			bad = append(bad, k)
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		var lines []string
		for _, k := range bad {
			lines = append(lines, tr(lang, "cfg.unknown", path, k, strings.Join(configKeys, ", ")))
		}
		return usageErrorf("%s", strings.Join(lines, "\nshiftsat: "))
	}
	if err := a.v.MergeConfigMap(file.AllSettings()); err != nil {
		return usageErrorIn(lang, "cfg.file", path, err)
	}
	a.configFile = path
	return nil
}

// langFlags adds --lang (with usage) and --config to a command whose
// output language is the setting lang: every command reads it the same
// way, from --lang, SHIFTSAT_LANG or the config file (see langSetting).
func (a *app) langFlags(f *pflag.FlagSet, usage string) {
	f.String("lang", "en", usage)
	f.StringVar(&a.configFlag, "config", "", "read settings from `FILE` (default ./"+defaultConfigFile+" when it exists)")
}

// langSetting resolves the setting lang for the running command (flag,
// then environment, then config file, then "en") and validates it.
func (a *app) langSetting(cmd *cobra.Command) (string, error) {
	a.bind("lang", cmd.Flags().Lookup("lang"))
	if err := a.loadConfig(); err != nil {
		return "", err
	}
	lang := strings.ToLower(strings.TrimSpace(a.v.GetString("lang")))
	if !contains(langs, lang) {
		ul := a.usageLang()
		return "", usageErrorf("%s", tr(ul, "set.prefix", "lang", a.source(ul, cmd, "lang"))+tr(ul, "set.lang", lang, strings.Join(langs, ", ")))
	}
	a.lang = lang
	return lang, nil
}

// source names where setting key came from, for error messages in lang.
func (a *app) source(lang string, cmd *cobra.Command, key string) string {
	if f := cmd.Flags().Lookup(key); f != nil && f.Changed {
		return "--" + key
	}
	env := "SHIFTSAT_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
	if v, ok := os.LookupEnv(env); ok && v != "" {
		return tr(lang, "set.env", env)
	}
	if a.configFile != "" && a.v.InConfig(key) {
		return tr(lang, "set.config", a.configFile)
	}
	return tr(lang, "set.default")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// msgLang is the language of a message of the running command: its lang
// once resolved, else that of a command-line error (usageLang).
func (a *app) msgLang() string {
	if a.lang != "" {
		return a.lang
	}
	return a.usageLang()
}

// usageLang is the language of a command-line error, found before the
// flags are parsed: --lang as written in the arguments, else
// SHIFTSAT_LANG, else the config file's lang, else English.
func (a *app) usageLang() string {
	lang := a.argsLang()
	if lang == "" {
		if err := a.loadConfig(); err == nil {
			lang = a.v.GetString("lang")
		}
	}
	return a.validLang(lang)
}

// argsLang is --lang as written in the arguments, else SHIFTSAT_LANG,
// else "".
func (a *app) argsLang() string {
	lang := ""
	for i, arg := range a.args {
		if v, ok := strings.CutPrefix(arg, "--lang="); ok {
			lang = v
		} else if arg == "--lang" && i+1 < len(a.args) {
			lang = a.args[i+1]
		}
	}
	if lang == "" {
		lang = os.Getenv("SHIFTSAT_LANG")
	}
	return lang
}

// validLang is lang when it is a language of the catalogue, else "en".
func (a *app) validLang(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if !contains(langs, lang) {
		return "en"
	}
	return lang
}

// usageErrorsJA are the command-line parser's (cobra, pflag) errors in
// Japanese, by the start of their English text: flag names, values and the
// rest are kept as written.
var usageErrorsJA = []struct{ prefix, ja string }{
	{"unknown flag: ", "不明なフラグです: "},
	{"unknown shorthand flag: ", "不明な短縮フラグです: "},
	{"flag needs an argument: ", "フラグに値が必要です: "},
	{"bad flag syntax: ", "フラグの書き方が正しくありません: "},
	{"invalid argument ", "フラグの値が正しくありません: "},
	{"accepts ", "引数の数が正しくありません: "},
	{"requires at least ", "引数が足りません: "},
	{"required flag(s) ", "必須のフラグがありません: "},
}

// usageText is a command-line error of the command path in the user's
// language, with where to find the usage.
func (a *app) usageText(msg, path string) string {
	lang := a.usageLang()
	if lang == "ja" {
		for _, u := range usageErrorsJA {
			if rest, ok := strings.CutPrefix(msg, u.prefix); ok {
				msg = u.ja + rest
				break
			}
		}
	}
	return msg + "\n" + tr(lang, "usage.help", path)
}
