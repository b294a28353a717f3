// Package model holds shiftsat's domain types: the scenario (horizon, shift
// types, staff, demand, rule specifications), the roster, and the time model
// of RULES.md §1 (dates, minutes, shift instances, touched days, day status).
//
// It also decodes scenario YAML with positions and validates it, reporting
// every problem at once as `file.yaml:line:col: path.to.field: message`.
//
// It reads the spreadsheet inputs of a scenario (staff, requests and shift
// types kept as CSV or XLSX tables; last month's roster as history; rosters
// as tables), reporting each bad cell as `file:sheet!B7: message`.
//
// Every such error carries a message code and its arguments (Error.Code,
// Error.Args; messages.go): its English text is the code's format filled
// with the arguments, and a renderer in another language formats the same
// code and arguments with its own, never parsing the English.
//
// model imports the standard library, gopkg.in/yaml.v3 and its own
// subpackage model/sheet, the table reader that holds the CSV encodings and
// XLSX (excelize) away from the domain code.
package model
