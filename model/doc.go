// Package model holds shiftsat's domain types: the scenario (horizon, shift
// types, staff, demand, rule specifications), the roster, and the time model
// of RULES.md §1 (dates, minutes, shift instances, touched days, day status).
//
// It also decodes scenario YAML with positions and validates it, reporting
// every problem at once as `file.yaml:line:col: path.to.field: message`.
//
// model imports only the standard library and gopkg.in/yaml.v3.
package model
