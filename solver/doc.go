// Package solver is everything SAT: it turns the rules of package
// constraints into CNF over the go-air/gini solver, solves it under a time
// limit, and reads back a roster or, when none exists, a core of
// requirement instances. It is the only package that imports gini.
//
// # Encoding
//
// An Encoding implements constraints.Encoder and keeps its own clause
// list, so that it can write DIMACS (gini's own writer would add its learnt
// clauses) and so that the same scenario and rules always give the same
// clauses, byte for byte: variables are numbered in creation order, the
// Start variables first (staff order, then date, then shift type, over
// each person's known days), and nothing is ever taken from a map's
// iteration order. Touched variables are created on first use and defined
// by t <-> OR of the Start literals of the instances touching the day (a
// single such literal is returned as is). Constants are one variable,
// asserted true by a unit clause; every method accepts it and its negation.
//
// # Selectors and cores
//
// The main solve uses a plain encoding: requirement clauses are added as
// they are, because assumptions slow gini's search (DESIGN.md). When it is
// unsatisfiable, the rules are encoded again with selectors: each
// requirement instance (Begin) gets a selector s, and each of its root
// clauses gets ¬s. Only roots are guarded: the definitional clauses of
// counters and Touched variables can always be satisfied by choosing the
// auxiliary variables, so guarding them would only weaken propagation.
// Solving under all selectors as assumptions fails, and gini's Why names
// the failed selectors, which Encoding.Core maps back to provenance. The
// core is not minimal.
//
// # Cardinality
//
// DESIGN.md records that a one-sided totalizer truncated at the bound
// was by far the best encoding for gini. AtMost(k) of n literals uses the
// downward half of a totalizer truncated at k+1 (a node's output j is
// forced true when j of its inputs are), and AtLeast(k) the upward half
// truncated at k (output j may be true only when j inputs are). AtLeast(k)
// is AtMost(n-k) of the negations, and each bound is encoded in whichever
// direction gives the smaller truncation. The root node gets no output
// variables: its clauses are the requirement's root clauses. Small cases
// are direct: k < 0 is a conflict (the empty clause, {¬s} with a
// selector), k >= n adds nothing, at most 0 and at most n-1 are unit
// clauses and one clause, and at most 1 of up to 6 literals is pairwise.
//
// # Weighted sums
//
// Weighted sums (minutes of work) use a generalized totalizer: each node
// has one output per reachable partial sum, capped at the bound plus one.
// Weights and bound are divided by their gcd first (450, 480 and 510
// minutes become 15, 16 and 17). Terms with the same literal are merged,
// and the positive Start literals of one person and date form one leaf,
// since at most one shift starts per person per date (RULES.md §1): the
// leaf takes at most one of its values, so no clauses combine them. The
// encoding asserts that at-most-one itself (unguarded, once per person and
// date) wherever it relies on it. WeightedAtMost is the downward,
// one-sided counter; WeightedAtLeast uses the upward one truncated at k
// when k is at most about half the largest reachable sum, and otherwise
// bounds the deficits: each leaf falls short of its largest weight M by
// M - w (or M when none of its terms is true), and the deficits must sum
// to at most sum(M) - k. A week of 3 shift types costs a few hundred
// clauses; a month a few thousand to ten thousand.
//
// # Counters
//
// Every counter of the package is one family (counter.go): the one-sided
// totalizer, built in either direction (or both, Encoding.Counter),
// truncated at the largest count that matters and extended output by
// output when a search needs more, and its weighted generalisation. The
// rules' constraints above, the outputs the searches ask by assumption
// (capacity windows, limits, the fewest people, the pricing of
// plan_price.go) and the MaxSAT relaxations below all use it; binary
// adder trees (counter_binary.go) serve only counts too large for a
// totalizer (package solver/nrp). BenchmarkCounterGrid measured the
// candidates on the demand headcounts and per-horizon max_days of 100 to
// 400 people x 31 days: the sequential counter the searches used before
// had 2.7-3.2x the clauses and 10-19x the solve time of the totalizer,
// the adder tree about the same clauses at 100 people but 47 s against
// 0.3 s, and the generalized totalizer on unit weights 1.3x the clauses.
//
// # Solving
//
// Every caller runs gini through one session type (session.go): it loads
// an Encoding (stopping with the context), solves under assumptions within
// a deadline, takes clauses added afterwards (counters, activation
// literals, hardened soft literals) and reads the model and the failed
// assumptions. It runs gini in its own goroutine (GoSolve) and polls
// it, stopping it at the time limit or when the context is done; the
// answer is then Unknown. gini's own Try is not used: it leaves a deadline set in the
// solver (DESIGN.md, API pitfalls). The time limit is one deadline for
// every phase: Solve, Plan, Explain and ExplainRequest put it into their
// context, and encoding (checked every 16,384 clauses) and loading gini
// stop when the context is done, so that a run ends within milliseconds
// of its limit whatever the size.
//
// A large staff is first solved in groups of about 50 people, each with
// its share of the demand (groups.go), and long horizons in rolling
// windows (rolling.go); both only ever find rosters and fall back to the
// whole encoding.
//
// # Memory
//
// Under a context with a limit (WithMaxMemory), every encoding is first
// estimated (EstimateSize: the demand counters counted exactly, the
// people's own rules from a sample of 8 people) and refused with a
// *MemoryError when the estimate of its peak memory passes the limit.
//
// # Optimisation
//
// Optimize minimises the total weight of the true Penalties of an
// encoding (weighted MaxSAT) on one incremental gini instance, so learnt
// clauses are kept throughout; bounds are imposed by assumptions and only
// clauses valid for the rest of the search are added. A plain solve gives
// the first solution (or proves the hard clauses unsatisfiable). A descent
// on the heaviest penalties (at most n-1 of them, by an assumption on a
// totalizer, until UNSAT) improves it quickly. Then a
// stratified core-guided search (OLL, as in RC2) assumes the negation of
// every penalty literal whose residual weight reaches the current level
// (distinct weights, largest first): each UNSAT answer yields a core from
// gini's Why, trimmed by re-solving under it; the lower bound grows by the
// core's minimum weight, and the core is relaxed by an incremental
// one-sided totalizer whose output "at most b violated" becomes a new soft
// assumption, moved to b+1 when it appears in a core. SAT answers give
// solutions (upper bounds, reported through OnImprove) and lower the
// level; SAT with every soft assumption proves optimality. Soft literals
// heavier than upper bound - lower bound are hardened into unit clauses.
// The result is honest: Cost is recomputed from the penalty literals of a
// model actually found, LowerBound is the sum of core weights, Optimal is
// set only when they meet, and the time limit or ctx stop the search at
// any point with the best of both. NewCNF gives an encoding without a
// scenario for other problems (package solver/nrp).
//
// Core-guided MaxSAT cannot see counting bounds (the nurses' minimum days
// against the demand targets), which a linear relaxation sees at once. So
// Plan runs branch and price beside Optimize on scenarios with soft
// requirements, demand and at least bnpMinStaff people (plan_bnp.go, the
// engine of solver/internal/bnp shared with solver/nrp): a column is one
// person's schedule, priced by a dynamic programme over a relaxation of
// that person's own rules read off their encoding by SAT (plan_price.go)
// and, where it is not exact, by Optimize on the person's own encoding;
// the master couples the people through the demand rows. Its Lagrangian
// bound is exact in integers; its rosters (roundings, dives, and the
// restricted master: the whole encoding with each person limited to their
// generated schedules, optimised by Optimize) are checked by CheckAll and
// costed by constraints.Cost before they count. Core-guided MaxSAT alone
// serves small scenarios and proves infeasibility.
package solver
