// Package nrp solves the Curtois-Qu employee shift scheduling benchmark
// (schedulingbenchmarks.org, Instances 1-24; see
// ../shared/bench/curtois/README.md) with the optimiser of package solver.
//
// ReadFile parses an instance file (CRLF or LF). Encode turns it into a
// solver.Encoding: a variable X[e][d][s] per employee, day and shift type
// the employee may work (days off and types with MaxShifts 0 are the
// constant false), a work variable per day defined as their disjunction,
// and the hard constraints:
//
//   - one shift per day: at most one X per employee and day;
//   - cannot-follow: binary clauses between consecutive days, or, for the
//     shift types of a day sharing one list, a literal "some shift of the
//     list the next day" when that is smaller (nothing across the
//     horizon's edges: a day off is assumed before day 0 and after the
//     last day);
//   - max shifts per type: a totalizer per employee and type when it is
//     small, else a binary adder tree and comparator (arith.go); bounds
//     no roster can reach are left out;
//   - min and max total minutes (minutes.go): lengths divided by their
//     gcd; the total is b x (days worked) + the extra units of longer
//     shifts, bounded by clauses between two unary counters when they
//     are small, else by an adder tree over the days' binary units;
//   - max consecutive shifts k: every window of k+1 days has a day off;
//   - min consecutive shifts and days off m: for each run length L < m,
//     a clause forbids a run of exactly L worked days (days off) with a
//     day off (worked day) on both sides inside the horizon, so that runs
//     touching day 0 or the last day are exempt, as the README says;
//   - max weekends: a variable per weekend (worked on day 7k+5 or 7k+6)
//     and a totalizer.
//
// The objective becomes penalties: an on-request costs its weight when
// its X is false, an off-request when it is true; a cover cell gets a
// two-sided totalizer over the staff who may work it, whose outputs
// o_j <-> (assigned >= j) are defined in both directions, and costs the
// under weight on each not o_j (j <= requirement: a missing person) and
// the over weight on each o_j (j > requirement: an extra person). The
// encoding's cost is then exactly the roster's score. (A cell with so
// many candidates that this counter would be large, never on Instances
// 1-20, is encoded with a counter truncated at the requirement, the over
// weight on each X and a constant offset, Model.Offset.)
//
// Counts are encoded by totalizers when small and by adder trees
// otherwise (arith.go), with budgets that grow as the staff of the
// instance shrinks: the one-to-three-employee instances of construction
// and large-neighbourhood search use totalizers even over a year, which
// propagate far better than adders.
//
// The lower bound comes from Lagrangian relaxation of the cover (every
// other constraint concerns one employee): for multipliers p_c between
// minus the over weight and the under weight of cover cell c, every
// roster scores at least sum_c p_c q_c plus, per employee, the least of
// requests minus sum_c p_c x_c over that employee's schedules, an exact
// per-employee optimisation (price.go, a dynamic programme over days with
// the resources that can bind). Column generation (the shared engine of
// solver/internal/bnp, plugged in by colgen.go) finds good multipliers; they are rounded
// and the bound recomputed in integers, so it is exact whatever the
// floating-point error. Its root value equals the published optimum on
// Instances 2-4 and is within 2 of it on Instances 5-7. Branch and price
// (solver/internal/bnp) closes the gap: it branches on whether one employee works on
// one day (on the shift type only when every day is decided), forbids
// options in the pricer at each node, and prunes nodes whose bound
// reaches the best score. At every node it also fixes options by
// reduced cost: an option whose least-cost schedule (Pricer.Through, a
// forward and a backward pass of the pricer's relaxation, bounding every
// option at once) would lift the node's bound to the best score is
// forbidden in the node's subtree. Rosters come from the masters'
// roundings, improved by a descent over the generated schedules
// (bnp.Problem.PoolDescent), and from dives that fix whole schedules. Its workers share
// the open nodes, each with its own master. When a better score is known
// than when the tree began, the tree restarts from the root with fresh
// masters: a tree opened against a worse score is much larger. When a pricing's labelling
// grows past a budget (Pricer.Bounded), the bound takes the pricer's
// lower bound instead and the master gets no column: the bound stays
// exact, only weaker.
//
// Solve runs a construction (construct in lns.go and construct.go: each
// employee's schedule by a fast dynamic programme against the others,
// then passes of descent), then column generation (for 30% of the time
// limit; where it has not converged by then, the tree's root goes on
// pricing, and each better bound of a root raises the lower bound as it
// is proved: bnp.Problem.OnRootBound), then, on the two cores,
// branch and price concurrently with a large-neighbourhood search
// (lns.go: employees freed a few at a time and re-optimised exactly as a
// smaller instance with reduced cover, by branch and price on it, or by
// the SAT optimiser where Solve does not use the relaxation; in turn with
// those, a window of days of every employee re-optimised by branch and
// price on the whole instance with the other days fixed); each stops
// the other on a proof, and the search hands its core to a second worker
// of branch and price when its best score is one above the best bound
// (only the proof is left) or it has found nothing better for a quarter
// of the time limit.
// Instances 13 and 20-24 (and any instance whose first roster is not
// found by construction) skip column generation, whose exact pricing is
// too slow there: Instances 21-24 rely on construction and the search,
// the others on one core-guided run of the optimiser on
// the whole encoding, which adds redundant capacity constraints (the met
// demand of a set of cells is at most the sum of the employees' bounds on
// it) so that its cores come quickly. See Solve.
//
// Evaluate is the independent reference: it reads the README's rules
// plainly (runs scanned day by day, weekends counted, requests and cover
// compared) and shares no rule logic with Encode. Solve optimises the
// encoding and requires Evaluate's score of the roster found to equal the
// optimiser's claimed cost. WriteRoster and ReadRoster use the
// benchmark's tab-separated roster format: one line per employee in file
// order, one field per day, the shift ID or empty.
package nrp
