// Package bnp is the branch-and-price engine shared by plan's optimiser
// (package solver) and the benchmark solver (solver/nrp): column
// generation over a restricted master linear program (solver/internal/
// simplex), an exact Lagrangian lower bound, a search tree that branches
// on one person's option on one day, reduced-cost fixing, dives, restarts
// and a descent over the generated schedules.
//
// A Problem is people, each with a Pricer (their best schedule under all
// of their own rules against costs on their daily options), and coupling
// Rows: the number of people whose options count in a row (Problem.Cover)
// has hard bounds and a soft target with weights under and over it.
// Everything else about a person is the pricer's business, so the engine
// knows nothing of shifts, rules or calendars.
//
// The bound. With multipliers p_r on the rows, every roster costs at least
//
//	L(p) = sum_r min_y (pen_r(y) + p_r y) + sum_e min_x (own_e(x) - sum_r p_r a_re(x)),
//
// where y ranges over the counts row r can have (within its hard bounds
// and the number of people who can count in it), pen_r is its penalty and
// a_re(x) is 1 when person e's schedule x counts in row r. The first sum
// is evaluated at the breakpoints of the convex penalty; the second is
// the pricers' (a lower bound on it when a pricing runs out of budget).
// The multipliers are the master's duals, rounded to multiples of
// 1/Problem.Scale, so L is computed in integers and the bound is exact
// whatever the floating-point error of the simplex. Any multipliers give
// a bound (Relaxation.Evaluate): the counting multipliers
// (Relaxation.CountingMultipliers, -Over on the target rows) give the
// counting argument's, and Problem.Smoothing stabilises the root's column
// generation from them (Wentges smoothing).
//
// The master has, per row, one LP row at its target (shortage and excess
// slacks costing the weights) and one more at each hard bound away from
// the target (the slack beyond it costing Problem.Hard): the master only
// guides the multipliers, and the bound needs no more.
//
// Spread groups (Problem.Spreads, spread.go) couple people besides the
// rows: Weight times the spread of a measure of their schedules among a
// group's members (fairness), with two variables per group in the master,
// the group's largest and smallest value, and two rows per member; their
// multipliers enter the bound in closed form and the pricings through
// coefficient tables that bound the measure. nrp has none. A caller that
// leaves such a cost out of the master calls Master.SetUncounted, so that
// no node is closed on its master's roster.
//
// Rosters come from the masters' roundings (each person's heaviest
// column), improved by Problem.PoolDescent, and from dives; they may break
// a row's hard bounds, so callers check what they are offered.
package bnp
