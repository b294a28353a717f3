// Package constraints is the rule catalogue of RULES.md: every rule kind of
// §2 and every preset of §3, plus the built-in requirements every scenario
// carries (demand, availability, leave, requests, fixed shifts, history,
// personal limits, minors).
//
// Each rule has two independent readings of the spec:
//
//   - Encode (files encode_*.go) writes the rule as clauses and cardinality
//     constraints against the small Encoder interface, implemented by
//     package solver;
//   - Check (files check_*.go) reads a finished roster plainly and reports
//     violations.
//
// The two never share the rule's logic: Check is the reference that catches
// encoding bugs. Both share only the time model of package model (dates,
// shift intervals, touched days).
//
// History (the known days before the horizon) is read by every rule: a
// streak, a block or a rest interval that began last month is judged across
// the boundary. A requirement instance lying wholly before the horizon (a
// window, block, pair or rest window that never reaches the first horizon
// day) is a fact of the past: neither encoded nor reported, so a past
// roster that broke a rule does not make the next month unplannable.
//
// Every rule instance carries Provenance (rule kind, person, dates,
// parameters, citation) so that explanations and reports are built from
// data, never by parsing strings.
package constraints
