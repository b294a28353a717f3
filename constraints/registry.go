package constraints

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/shiftsat/shiftsat/model"
)

// KindSpec is one entry of the registry of rule kinds and presets: all a
// scenario's `{rule: NAME, ...}` entry needs, in one place. The kinds list,
// the parameters, `shiftsat rules`, compilation, explanation sentence keys
// and --relax-rules loosening all derive from the registry.
//
// To add a rule kind: (1) an entry (Register it in an init of the kind's
// own file, which also holds its Rule type, Kind() returning the entry's
// Name); (2) its Check in a check_*.go file; (3) its Encode in an
// encode_*.go file. The entry gives Params (name and ParamType), Summary
// and Source (help), Compile (read a.Count/a.Hours/a.Date... and a.Add the
// instances), Loosen if it can be loosened. A preset's Compile calls
// a.Expand(kind, cite, params). Nothing else in the program names the kind.
type KindSpec struct {
	// Name is the name scenarios write (`rule: NAME`): the kind, or the preset.
	Name string
	// Preset marks a preset of RULES.md §3 (it expands into rule kinds);
	// otherwise the entry is a rule kind of RULES.md §2.
	Preset bool
	// Summary says what it requires, for `shiftsat rules` (for a preset,
	// what it expands to).
	Summary string
	// Source is the citation shown by `shiftsat rules`.
	Source string
	// Params are the parameters it accepts besides `rule`, in help order.
	Params []Param
	// Defaults maps a parameter to the value (YAML text, e.g. "month")
	// taken when the entry does not write it; Compile then sees it as
	// given. Defaults that depend on the scenario stay in Compile.
	Defaults map[string]string
	// Compile turns one scenario entry into rule instances: it reads the
	// decoded parameters from a, reports bad values with a.Errorf and adds
	// instances with a.Add.
	Compile func(a *Args)
	// Sentence maps the Kind() of the instances it creates to the key of
	// their explanation sentence (the text is the renderer's); a kind not
	// listed uses its own name as key.
	Sentence map[string]string
	// Loosen proposes a one-step loosening of an entry for --relax-rules;
	// nil: the entry can only be dropped.
	Loosen func(rs *model.RuleSpec) (Loosening, bool)
	// FarOutside bounds parameter values far beyond any law's range: they
	// are warned about (Warnings).
	FarOutside []FarOutside
}

// Param is one parameter of a rule kind or preset.
type Param struct {
	// Name is the key scenarios write.
	Name string
	// Type decodes and validates the value written.
	Type ParamType
}

// ParamType is the type of a parameter: how its value is decoded, with
// errors in the loader's words. Decode returns the Go value (float64, int,
// string, bool, model.Date, model.DateRange, []model.BusyPeriod,
// *model.Reduced, *model.AltRest, or a kind's own type).
type ParamType struct {
	// Name says what the value is, for help ("a number of hours").
	Name string
	// Decode decodes v, written at path.
	Decode func(v *model.Value, path string) (any, model.ErrorList)
}

// The parameter types of the rule kinds.
var (
	// TypeBound is a number >= 0 (max, min).
	TypeBound = numberType("a bound")
	// TypeHours is a number of hours >= 0.
	TypeHours = numberType("a number of hours")
	// TypeDays is a whole number of days >= 0.
	TypeDays = ParamType{"a number of days", func(v *model.Value, path string) (any, model.ErrorList) {
		return wrap(v.Count(path, "a number of days"))
	}}
	// TypeDate is a date YYYY-MM-DD.
	TypeDate = ParamType{"a date", func(v *model.Value, path string) (any, model.ErrorList) { return wrap(v.Date(path)) }}
	// TypeBool is true or false.
	TypeBool = ParamType{"true or false", func(v *model.Value, path string) (any, model.ErrorList) { return wrap(v.Bool(path)) }}
	// TypeWeight is the weight of a soft rule, a whole number >= 1.
	TypeWeight = ParamType{"a weight", func(v *model.Value, path string) (any, model.ErrorList) { return wrap(v.Weight(path)) }}
	// TypeRange is a date range {start, end}.
	TypeRange = ParamType{"a date range", func(v *model.Value, path string) (any, model.ErrorList) { return wrap(v.Range(path)) }}
	// TypeBusyPeriods is a list of busy periods {start, end, max}.
	TypeBusyPeriods = ParamType{"busy periods", func(v *model.Value, path string) (any, model.ErrorList) {
		return wrap(v.BusyPeriods(path))
	}}
	// TypeReduced is a reduced interval {hours, max}.
	TypeReduced = ParamType{"a reduced interval", func(v *model.Value, path string) (any, model.ErrorList) {
		return wrap(v.Reduced(path))
	}}
	// TypeAlt is an alternative rest {hours, days}.
	TypeAlt = ParamType{"an alternative rest", func(v *model.Value, path string) (any, model.ErrorList) {
		return wrap(v.Alt(path))
	}}
)

func numberType(what model.Noun) ParamType {
	return ParamType{string(what), func(v *model.Value, path string) (any, model.ErrorList) { return wrap(v.Number(path, what)) }}
}

// StringType is a string; what names it in errors ("a period (day, week,
// block or horizon)").
func StringType(what model.Noun) ParamType {
	return ParamType{string(what), func(v *model.Value, path string) (any, model.ErrorList) { return wrap(v.Str(path, what)) }}
}

func wrap[T any](x T, errs model.ErrorList) (any, model.ErrorList) { return x, errs }

// Loosening is one step of loosening a rule entry's parameter.
type Loosening struct {
	// Param is the parameter changed ("max", "hours", "holiday_work").
	Param string
	// Old and New are its value before and after.
	Old, New float64
	// Unit names the value's unit ("days", "hours", "").
	Unit string
	// Becomes is the name the entry takes when loosened ("" to keep it):
	// a preset fixed at its value becomes the rule kind it stands for.
	Becomes string
}

// LoosenBy returns a Loosen function that moves param by step (negative to
// lower it) from its value, or def when the entry does not write it; a
// step that does not leave the value > 0 is refused. becomes is as in
// Loosening.
func LoosenBy(param string, def, step float64, unit, becomes string) func(rs *model.RuleSpec) (Loosening, bool) {
	return func(rs *model.RuleSpec) (Loosening, bool) {
		old := def
		if v, ok := ParamNumber(rs, param); ok {
			old = v
		}
		l := Loosening{Param: param, Old: old, New: old + step, Unit: unit, Becomes: becomes}
		return l, l.New > 0
	}
}

// ParamNumber returns the number written for param in rs (Params first,
// then the typed view), if any.
func ParamNumber(rs *model.RuleSpec, param string) (float64, bool) {
	if v := rs.Param(param); v != nil {
		x, errs := v.Number(param, "a number")
		return x, len(errs) == 0
	}
	switch x := legacyParam(rs, param).(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return 0, false
}

// Apply changes rs by the loosening l: its parameter takes the new value
// (and the entry its new name).
func (l Loosening) Apply(rs *model.RuleSpec) {
	if l.Becomes != "" {
		rs.Rule = l.Becomes
	}
	rs.SetParam(l.Param, model.NumberValue(l.New))
}

// registry holds the entries, presets first in RULES.md §3 order, then the
// kinds in RULES.md §2 order; byName indexes it.
var (
	registry []*KindSpec
	byName   = map[string]*KindSpec{}
)

// Register adds an entry to the registry (normally from an init function).
// It panics on a duplicate name or a missing Compile: both are programming
// errors.
func Register(k *KindSpec) {
	if _, dup := byName[k.Name]; dup {
		panic("constraints: rule " + k.Name + " registered twice")
	}
	if k.Compile == nil {
		panic("constraints: rule " + k.Name + " has no Compile")
	}
	registry = append(registry, k)
	byName[k.Name] = k
	refresh()
}

// unregister removes an entry (tests that register a toy kind).
func unregister(name string) {
	for i, k := range registry {
		if k.Name == name {
			registry = append(registry[:i:i], registry[i+1:]...)
			break
		}
	}
	delete(byName, name)
	refresh()
}

// refresh rebuilds Kinds and Presets from the registry.
func refresh() {
	Kinds, Presets = nil, nil
	for _, k := range registry {
		if k.Preset {
			Presets = append(Presets, Preset{Name: k.Name, Summary: k.Summary, Source: k.Source})
		} else {
			Kinds = append(Kinds, k.Name)
		}
	}
}

// Lookup returns the registry entry of a preset or rule kind, or nil.
func Lookup(name string) *KindSpec { return byName[name] }

// Kinds lists the rule kinds of RULES.md §2 a scenario may name (derived
// from the registry).
var Kinds []string

// Presets lists the presets of RULES.md §3, in table order (derived from
// the registry).
var Presets []Preset

// Preset describes a preset of RULES.md §3.
type Preset struct {
	// Name is the preset's name.
	Name string
	// Summary says what it expands to.
	Summary string
	// Source is its citation.
	Source string
}

// Params returns the parameters a preset or rule kind accepts (besides
// `rule` itself), in a fixed order; nil for an unknown name.
func Params(name string) []string {
	k := byName[name]
	if k == nil {
		return nil
	}
	out := make([]string, 0, len(k.Params))
	for _, p := range k.Params {
		out = append(out, p.Name)
	}
	return out
}

// SentenceKey returns the key of the explanation sentence for instances of
// kind (Provenance.Kind): the registry's, else kind itself.
func SentenceKey(kind string) string {
	for _, k := range registry {
		if key, ok := k.Sentence[kind]; ok {
			return key
		}
	}
	return kind
}

// Args is what a KindSpec's Compile works with: the scenario, the entry,
// its decoded parameters, and where to put instances and errors.
type Args struct {
	// Scenario is the scenario compiled.
	Scenario *model.Scenario
	// Spec is the rule entry.
	Spec *model.RuleSpec
	// Name is the name the scenario wrote: Spec.Rule, or the preset that
	// expands into this kind (Expand). Instances carry it as their Name.
	Name string
	// Kind is the registry entry compiled.
	Kind *KindSpec
	// Path is the entry's path, "rules[2]".
	Path string
	c    *compiler
	vals map[string]any
	bad  map[string]bool
}

// Add adds rule instances.
func (a *Args) Add(rules ...Rule) { a.c.rules = append(a.c.rules, rules...) }

// Errorf reports a problem with parameter key ("" for the entry itself; a
// dotted key such as "reduced.hours" is reported at the parameter), at
// the parameter when written, else at the entry.
func (a *Args) Errorf(key string, code model.Code, args ...any) {
	path := a.Path
	if key != "" {
		path += "." + key
	}
	top, _, _ := strings.Cut(key, ".")
	a.c.errorf(paramPos(a.Spec, top), path, code, args...)
}

// AddErrors reports problems found by the kind's own code (each with its
// position and full path, e.g. "shifts[2]").
func (a *Args) AddErrors(errs ...*model.Error) { a.c.errs = append(a.c.errs, errs...) }

// ErrorAt reports a problem at pos with the path below the entry (e.g.
// "busy_periods[0].max").
func (a *Args) ErrorAt(pos model.Pos, sub string, code model.Code, args ...any) {
	a.c.errorf(pos, a.Path+"."+sub, code, args...)
}

// meta returns the meta of an instance of this entry with the citation.
func (a *Args) meta(cite string) meta { return meta{RuleName: a.Name, Cite: cite, Pos: a.Spec.Pos} }

// Has reports whether parameter key was given with a valid value.
func (a *Args) Has(key string) bool { _, ok := a.vals[key]; return ok }

// Invalid reports whether parameter key was written with a bad value
// (already reported): it must not be reported again as missing.
func (a *Args) Invalid(key string) bool { return a.bad[key] || a.Spec.Invalid[key] }

// Value returns the decoded value of parameter key, or nil.
func (a *Args) Value(key string) any { return a.vals[key] }

// Float returns the number given for key.
func (a *Args) Float(key string) (float64, bool) {
	switch x := a.vals[key].(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return 0, false
}

// Int returns the whole number given for key (TypeDays, TypeWeight).
func (a *Args) Int(key string) (int, bool) { x, ok := a.vals[key].(int); return x, ok }

// String returns the string given for key.
func (a *Args) String(key string) string { x, _ := a.vals[key].(string); return x }

// Date returns the date given for key.
func (a *Args) Date(key string) (model.Date, bool) { x, ok := a.vals[key].(model.Date); return x, ok }

// Bool returns the boolean given for key.
func (a *Args) Bool(key string) bool { x, _ := a.vals[key].(bool); return x }

// Count reads the whole-number parameter key (a bound written as a number)
// and checks it is >= min; a missing required value is reported.
func (a *Args) Count(key string, min int, required bool) (int, bool) {
	v, ok := a.Float(key)
	if !ok {
		if a.Invalid(key) {
			return 0, false
		}
		if required {
			a.Errorf(key, "rule.countMissing", min)
		}
		return 0, !required
	}
	if v != math.Trunc(v) || v < float64(min) {
		a.Errorf(key, "rule.countNotAllowed", v, min)
		return 0, false
	}
	return int(v), true
}

// Hours reads the hours parameter key as minutes (> 0); a missing required
// value is reported.
func (a *Args) Hours(key string, required bool) (int, bool) {
	v, ok := a.Float(key)
	if !ok {
		if a.Invalid(key) {
			return 0, false
		}
		if required {
			a.Errorf(key, "rule.hoursMissing")
		}
		return 0, !required
	}
	if v <= 0 {
		a.Errorf(key, "rule.hoursNotAllowed", v)
		return 0, false
	}
	return hoursToMinutes(v), true
}

// Weight returns the weight of a soft entry, if one was given.
func (a *Args) Weight() (int, bool) { return a.Int("weight") }

// Anchor returns the anchor (起算日) given, else (when not required) the
// week anchor; a missing required anchor is reported.
func (a *Args) Anchor(required bool) (model.Date, bool) {
	if d, ok := a.Date("anchor"); ok {
		return d, true
	}
	if a.Invalid("anchor") {
		return 0, false
	}
	if required {
		a.c.errorf(a.Spec.Pos, a.Path+".anchor", "rule.anchorMissing", a.Name, a.Scenario.Horizon.Start, model.Source(SourceConsecutiveExplainer))
		return 0, false
	}
	return a.Scenario.WeekAnchor(), true
}

// compileEntry checks an entry's keys against its registry entry, decodes
// every parameter (all errors at once) and runs its Compile.
func (c *compiler) compileEntry(i int, rs *model.RuleSpec) {
	path := fmt.Sprintf("rules[%d]", i)
	k := byName[rs.Rule]
	if k == nil {
		var names []string
		for _, p := range Presets {
			names = append(names, p.Name)
		}
		c.errorf(rs.Pos, path+".rule", "rule.unknownRule",
			rs.Rule, strings.Join(names, ", "), strings.Join(Kinds, ", "))
		return
	}
	allowed := Params(k.Name)
	for _, key := range specKeys(rs) {
		if key == "rule" || key == "staff" || contains(allowed, key) {
			continue
		}
		if len(allowed) == 0 {
			c.errorf(paramPos(rs, key), path+"."+key, "rule.paramNone", key, k.Name)
		} else {
			c.errorf(paramPos(rs, key), path+"."+key, "rule.paramNotApply", key, k.Name, strings.Join(allowed, ", "))
		}
	}
	staff, scoped := c.scope(rs) // scope.go
	sc := c.sc
	if scoped {
		sc = narrowScenario(c.sc, staff)
	}
	a := &Args{Scenario: sc, Spec: rs, Name: k.Name, Kind: k, Path: path, c: c}
	if !a.decode() || (scoped && len(staff) == 0) {
		return // the values were decoded to report their errors too
	}
	from := len(c.rules)
	k.Compile(a)
	if scoped {
		for i := from; i < len(c.rules); i++ {
			c.rules[i] = Scope(c.rules[i], staff)
		}
	}
}

// decode decodes the parameters of a.Spec that a.Kind takes, reporting bad
// values, and reports false when the entry must not be compiled (a key that
// does not apply, a weight below 1).
func (a *Args) decode() bool {
	c, rs, k, path := a.c, a.Spec, a.Kind, a.Path
	a.vals, a.bad = map[string]any{}, map[string]bool{}
	bad := false
	for _, key := range specKeys(rs) {
		if key != "rule" && key != "staff" && !contains(Params(k.Name), key) {
			bad = true
		}
	}
	for _, p := range k.Params {
		if v := rs.Param(p.Name); v != nil {
			x, errs := p.Type.Decode(v, path+"."+p.Name)
			if len(errs) > 0 {
				c.errs = append(c.errs, errs...)
				a.bad[p.Name] = true
				continue
			}
			a.vals[p.Name] = x
		} else if x := legacyParam(rs, p.Name); x != nil {
			a.vals[p.Name] = x
		} else if def, ok := k.Defaults[p.Name]; ok && !a.Invalid(p.Name) {
			v, err := model.ParseValue(def)
			if err != nil {
				panic("constraints: rule " + k.Name + ": bad default of " + p.Name + ": " + err.Error())
			}
			x, errs := p.Type.Decode(v, path+"."+p.Name)
			if len(errs) > 0 {
				panic("constraints: rule " + k.Name + ": bad default of " + p.Name + ": " + errs.Error())
			}
			a.vals[p.Name] = x
		}
	}
	if bad {
		return false
	}
	if w, ok := a.Weight(); ok && w < 1 {
		c.errorf(paramPos(rs, "weight"), path+".weight", "rule.badWeight", w)
		return false
	}
	return true
}

// Expand compiles the registry entry kind as part of this entry (a preset
// expanding into rule kinds), with the parameters given: its instances
// carry this entry's name and position, its errors this entry's path, and
// the citation cite ("" keeps the kind's own). A parameter of this entry
// can be passed on as a.Spec.Param(key).
func (a *Args) Expand(kind, cite string, params map[string]*model.Value) {
	k := byName[kind]
	if k == nil {
		panic("constraints: " + a.Name + " expands into unknown rule " + kind)
	}
	rs := &model.RuleSpec{Rule: a.Name, Pos: a.Spec.Pos, Keys: map[string]model.Pos{}, Params: map[string]*model.Value{}}
	for key, v := range params {
		if v == nil {
			continue
		}
		rs.Params[key] = v
		rs.Keys[key] = paramPos(a.Spec, key)
	}
	sub := &Args{Scenario: a.Scenario, Spec: rs, Name: a.Name, Kind: k, Path: a.Path, c: a.c}
	from := len(a.c.rules)
	if sub.decode() {
		k.Compile(sub)
	}
	if cite == "" {
		return
	}
	for _, r := range a.c.rules[from:] {
		if m, ok := r.(interface{ setCite(string) }); ok {
			m.setCite(cite)
		}
	}
}

// specKeys returns the parameter keys written in rs (Params and Keys),
// sorted. Typed fields set by Go callers without a key are not checked
// against the rule: a parameter that does not apply is ignored, as before
// the registry.
func specKeys(rs *model.RuleSpec) []string {
	seen := map[string]bool{}
	for k := range rs.Params {
		seen[k] = true
	}
	for k := range rs.Keys {
		seen[k] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// legacyParam returns the typed field of rs for parameter key, as the Go
// value its ParamType decodes to, or nil when unset. It serves entries
// made in Go with the typed fields (the loader fills Params).
func legacyParam(rs *model.RuleSpec, key string) any {
	f := func(p *float64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	n := func(p *int) any {
		if p == nil {
			return nil
		}
		return *p
	}
	switch key {
	case "max":
		return f(rs.Max)
	case "min":
		return f(rs.Min)
	case "hours":
		return f(rs.Hours)
	case "window_hours":
		return f(rs.WindowHours)
	case "rest_hours":
		return f(rs.RestHours)
	case "block_days":
		return n(rs.BlockDays)
	case "rest_days":
		return n(rs.RestDays)
	case "holiday_work":
		return n(rs.HolidayWork)
	case "days":
		return n(rs.Days)
	case "weight":
		return n(rs.Weight)
	case "scheme":
		if rs.Scheme != "" {
			return rs.Scheme
		}
	case "per":
		if rs.Per != "" {
			return rs.Per
		}
	case "anchor":
		if rs.Anchor != nil {
			return *rs.Anchor
		}
	case "extra_after_12h":
		if rs.ExtraAfter12h != nil {
			return *rs.ExtraAfter12h
		}
	case "period":
		if rs.Period != nil {
			return *rs.Period
		}
	case "busy_periods":
		if len(rs.BusyPeriods) > 0 {
			return rs.BusyPeriods
		}
	case "reduced":
		if rs.Reduced != nil {
			return rs.Reduced
		}
	case "alt":
		if rs.Alt != nil {
			return rs.Alt
		}
	}
	return nil
}
