package model

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// ParseRules decodes a list of rule entries, written as in a scenario's
// `rules:` list: either a YAML sequence of entries ({rule: NAME, ...}) or a
// mapping with the single key `rules` holding that sequence. file names the
// input in positions. Rule entries are decoded exactly as Parse decodes a
// scenario's rules (the same keys, value types and error messages); whether
// a parameter applies to a rule is decided by package constraints. On bad
// input it returns nil and an ErrorList holding every problem, sorted by
// position.
func ParseRules(file string, data []byte) ([]*RuleSpec, error) {
	d := &decoder{file: file, sc: &Scenario{File: file}, shifts: map[ShiftID]*ShiftType{}}
	if len(bytes.TrimSpace(data)) == 0 {
		d.errs.AddCode(Pos{File: file, Line: 1, Col: 1}, "", "rules.emptyFile")
		return nil, d.errs
	}
	root := d.parseYAML(data)
	if root == nil {
		d.errs.Sort()
		return nil, d.errs
	}
	root = resolve(root)
	switch root.Kind {
	case yaml.SequenceNode:
		d.rules(root)
	case yaml.MappingNode:
		f := d.fields(root, "", []string{"rules"}, "a rules file")
		if f != nil && d.require(f, root, "", "rules", "a list of rule entries {rule: NAME, ...}") {
			d.rules(f["rules"].v)
		}
	default:
		d.errf(root, "", "rules.notList", describe(root))
	}
	if len(d.errs) == 0 && len(d.sc.Rules) == 0 {
		d.errf(root, "rules", "rules.none")
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return nil, d.errs
	}
	return d.sc.Rules, nil
}
