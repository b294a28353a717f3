package model

import (
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Rule parameters are kept generically: model decodes a rule entry's keys
// and values with their positions (RuleSpec.Params), and package
// constraints, whose registry of rule kinds knows each kind's parameters,
// decodes and validates each value with the methods below. A new rule kind
// or parameter therefore never touches model. The typed fields of RuleSpec
// (Max, Anchor, ...) are a convenience view of the parameters of the first
// rule kinds, filled when the value has the usual shape, for Go callers.

// Value is the value of one rule parameter as written, with its position.
// Its methods decode it as one shape (a number, a date, a list ...) and
// return every problem, each as `file:line:col: path: what is wrong and
// what is expected`, with the loader's wording.
type Value struct {
	file  string
	node  *yaml.Node
	noCol bool
}

// Pos returns where the value is written.
func (v *Value) Pos() Pos {
	p := v.dec().pos(resolve(v.node))
	if v.noCol {
		p.Col = 0
	}
	return p
}

// dec is a decoder reporting at the value's file.
func (v *Value) dec() *decoder { return &decoder{file: v.file, sc: &Scenario{File: v.file}} }

// errs returns d's errors, without columns when v has none.
func (v *Value) errs(d *decoder) ErrorList {
	if v.noCol {
		for _, e := range d.errs {
			e.Pos.Col = 0
		}
	}
	return d.errs
}

// IsList reports whether the value is a YAML sequence.
func (v *Value) IsList() bool { n := resolve(v.node); return n != nil && n.Kind == yaml.SequenceNode }

// IsMap reports whether the value is a YAML mapping.
func (v *Value) IsMap() bool { n := resolve(v.node); return n != nil && n.Kind == yaml.MappingNode }

// Number decodes a finite number from 0 to 1000000; what names it in
// errors ("a bound", "a number of hours").
func (v *Value) Number(path string, what Noun) (float64, ErrorList) {
	d := v.dec()
	x, _ := d.number(v.node, path, what)
	return x, v.errs(d)
}

// Count decodes a whole number from 0 to 1000000.
func (v *Value) Count(path string, what Noun) (int, ErrorList) {
	d := v.dec()
	x, _ := d.count(v.node, path, what)
	return x, v.errs(d)
}

// Str decodes a string (a number must be quoted).
func (v *Value) Str(path string, what Noun) (string, ErrorList) {
	d := v.dec()
	x, _ := d.str(v.node, path, what)
	return x, v.errs(d)
}

// Bool decodes true or false.
func (v *Value) Bool(path string) (bool, ErrorList) {
	d := v.dec()
	x, _ := d.boolean(v.node, path)
	return x, v.errs(d)
}

// Date decodes a date YYYY-MM-DD.
func (v *Value) Date(path string) (Date, ErrorList) {
	d := v.dec()
	x, _ := d.date(v.node, path)
	return x, v.errs(d)
}

// Weight decodes the weight of a soft rule: a whole number from 1 to 1000000.
func (v *Value) Weight(path string) (int, ErrorList) {
	d := v.dec()
	n := resolve(v.node)
	var w int64
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&w) != nil || w < 1 || w > maxNumber {
		d.errf(n, path, "load.expectedWeight", maxNumber, describe(n))
	}
	return int(w), v.errs(d)
}

// Range decodes a date range {start, end} with end >= start.
func (v *Value) Range(path string) (DateRange, ErrorList) {
	d := v.dec()
	r, _, _ := d.rangeOf(v.node, path, "start", "end", nil)
	return r, v.errs(d)
}

// Items decodes a list and returns its items; what names them ("busy
// periods {start, end, max}").
func (v *Value) Items(path string, what Noun) ([]*Value, ErrorList) {
	d := v.dec()
	items, _ := d.seq(v.node, path, what)
	out := make([]*Value, len(items))
	for i, it := range items {
		out[i] = &Value{file: v.file, node: it, noCol: v.noCol}
	}
	return out, v.errs(d)
}

// Fields decodes a mapping whose keys are all in allowed (each once) and
// returns its values by key; required keys must be present.
func (v *Value) Fields(path string, allowed, required []string, what Noun) (map[string]*Value, ErrorList) {
	d := v.dec()
	f := d.fields(v.node, path, allowed, what)
	if f == nil {
		return nil, v.errs(d)
	}
	for _, k := range required {
		d.require(f, v.node, path, k, "a value")
	}
	out := map[string]*Value{}
	for k, x := range f {
		out[k] = &Value{file: v.file, node: x.v, noCol: v.noCol}
	}
	return out, v.errs(d)
}

// BusyPeriods decodes a list of busy periods {start, end, max}; max may be
// left out (0) where the rule has a default.
func (v *Value) BusyPeriods(path string) ([]BusyPeriod, ErrorList) {
	d := v.dec()
	out := d.busyPeriods(v.node, path)
	if v.noCol {
		for i := range out {
			out[i].Pos.Col = 0
		}
	}
	return out, v.errs(d)
}

// Reduced decodes a reduced rest interval {hours, max}.
func (v *Value) Reduced(path string) (*Reduced, ErrorList) {
	d := v.dec()
	r := d.reduced(v.node, path)
	if r != nil && v.noCol {
		r.Pos.Col = 0
	}
	return r, v.errs(d)
}

// Alt decodes an alternative rest {hours, days}.
func (v *Value) Alt(path string) (*AltRest, ErrorList) {
	d := v.dec()
	r := d.alt(v.node, path)
	if r != nil && v.noCol {
		r.Pos.Col = 0
	}
	return r, v.errs(d)
}

// NumberValue returns a parameter value holding x, for Go callers (an
// integral x is written as a whole number).
func NumberValue(x float64) *Value {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(x, 'f', -1, 64)}
	if x == float64(int64(x)) {
		n.Tag = "!!int"
	}
	return &Value{node: n}
}

// StringValue returns a parameter value holding s, for Go callers.
func StringValue(s string) *Value {
	return &Value{node: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}}
}

// ListValue returns a parameter value holding a list of the values.
func ListValue(items ...*Value) *Value {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, it := range items {
		n.Content = append(n.Content, it.node)
	}
	return &Value{node: n}
}

// ParseValue decodes a parameter value from YAML text (a scalar or a flow
// collection such as "[[L, E], [N, D]]"), for Go callers and tests.
func ParseValue(src string) (*Value, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, err
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return &Value{node: doc.Content[0]}, nil
	}
	return &Value{node: &doc}, nil
}

// Param returns the value written for parameter key, or nil.
func (rs *RuleSpec) Param(key string) *Value {
	return rs.Params[key]
}

// SetParam sets parameter key to v (as if written at the entry's start
// when it was not written before) and refreshes the typed view.
func (rs *RuleSpec) SetParam(key string, v *Value) {
	if rs.Params == nil {
		rs.Params = map[string]*Value{}
	}
	if rs.Keys == nil {
		rs.Keys = map[string]Pos{}
	}
	rs.Params[key] = v
	if _, ok := rs.Keys[key]; !ok {
		rs.Keys[key] = rs.Pos
	}
	scratch := &decoder{sc: &Scenario{}}
	scratch.ruleParam(rs, key, v.node, key)
}

// ParamKeys returns the keys of the parameters written, sorted.
func (rs *RuleSpec) ParamKeys() []string {
	keys := make([]string, 0, len(rs.Params))
	for k := range rs.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// DropColumns clears the columns of every position of rs, for input whose
// columns mean nothing to the user (a command-line flag).
func (rs *RuleSpec) DropColumns() {
	rs.Pos.Col = 0
	for k, p := range rs.Keys {
		p.Col = 0
		rs.Keys[k] = p
	}
	for k, v := range rs.Params {
		c := *v
		c.noCol = true
		rs.Params[k] = &c
	}
}

// Clone returns a deep copy of rs: changing the copy's parameters leaves rs
// as it was (values themselves are never modified in place).
func (rs *RuleSpec) Clone() *RuleSpec {
	c := *rs
	c.Max, c.Min, c.Hours = clonePtr(rs.Max), clonePtr(rs.Min), clonePtr(rs.Hours)
	c.WindowHours, c.RestHours = clonePtr(rs.WindowHours), clonePtr(rs.RestHours)
	c.BlockDays, c.RestDays, c.HolidayWork, c.Days = clonePtr(rs.BlockDays), clonePtr(rs.RestDays), clonePtr(rs.HolidayWork), clonePtr(rs.Days)
	c.Anchor, c.Period, c.ExtraAfter12h, c.Weight = clonePtr(rs.Anchor), clonePtr(rs.Period), clonePtr(rs.ExtraAfter12h), clonePtr(rs.Weight)
	c.BusyPeriods = append([]BusyPeriod(nil), rs.BusyPeriods...)
	if rs.Reduced != nil {
		r := *rs.Reduced
		r.Max = clonePtr(rs.Reduced.Max)
		c.Reduced = &r
	}
	c.Alt = clonePtr(rs.Alt)
	if rs.Keys != nil {
		c.Keys = make(map[string]Pos, len(rs.Keys))
		for k, v := range rs.Keys {
			c.Keys[k] = v
		}
	}
	if rs.Params != nil {
		c.Params = make(map[string]*Value, len(rs.Params))
		for k, v := range rs.Params {
			c.Params[k] = v
		}
	}
	if rs.Invalid != nil {
		c.Invalid = make(map[string]bool, len(rs.Invalid))
		for k, v := range rs.Invalid {
			c.Invalid[k] = v
		}
	}
	return &c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
