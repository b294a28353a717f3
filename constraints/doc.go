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
// shift intervals, touched days, what a night instance is: model.NightSpan,
// fixed blocks: model.FixedBlocks), the rule types and their parameters, and
// the wording helpers of wording.go. TestCheckEncodeIndependent holds the
// line: a check file (check.go, check_*.go, *_cost.go) uses nothing declared
// in an encode file (encode_*.go, *_encode.go), nor the other way round.
//
// The registry (registry.go, entries in kinds.go) holds one KindSpec per
// rule kind and preset: its name, its parameters with their types, its help
// text and source, how an entry compiles to rule instances, the keys of its
// explanation sentences and how --relax-rules loosens it. The list of kinds,
// the parameters, `shiftsat rules`, compilation and loosening all derive from
// it, and package model keeps a scenario's rule parameters generically
// (model.RuleSpec.Params). Adding a kind is its entry, its Check file and its
// Encode file (TestToyKind does exactly that); its explanation sentence, if it
// wants one better than the generic one, is text in cmd's renderer.
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
