// Package simplex is a small dense revised simplex method for the
// restricted master programs of column generation (package colgen and
// solver/nrp): minimise c·x subject to A x = b, x >= 0, from a feasible
// basis the caller supplies, with columns added, costs changed and columns
// switched off between solves. The programs have a few hundred to a few
// thousand rows, so the basis inverse is kept dense. Its answers only guide
// the callers' bounds, which are recomputed exactly from rounded duals.
package simplex
