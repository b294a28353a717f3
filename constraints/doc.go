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
// Every rule instance carries Provenance (rule kind, person, dates,
// parameters, citation) so that explanations and reports are built from
// data, never by parsing strings.
package constraints
