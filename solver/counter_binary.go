package solver

// This file is the binary member of the counter family (counter.go):
// adder trees with constant comparators, linear in size but propagating
// far less than totalizers (BenchmarkCounterGrid). They serve counts too
// large for a totalizer (package solver/nrp's year-long instances); the
// rules of shift scenarios use totalizers.

import "github.com/shiftsat/shiftsat/constraints"

// BinarySum returns the binary sum (least significant bit first) of the
// binary numbers nums (each least significant bit first), built by a
// balanced tree of ripple-carry adders whose outputs are defined exactly
// (both directions), so the sum may be bounded from above and below.
func (e *Encoding) BinarySum(nums [][]Lit) []Lit {
	switch len(nums) {
	case 0:
		return nil
	case 1:
		return nums[0]
	}
	h := len(nums) / 2
	return e.addBits(e.BinarySum(nums[:h]), e.BinarySum(nums[h:]))
}

// addBits returns a + b (binary, least significant bit first).
func (e *Encoding) addBits(a, b []Lit) []Lit {
	if len(a) < len(b) {
		a, b = b, a
	}
	out := make([]Lit, 0, len(a)+1)
	var carry Lit
	for i := range a {
		x := a[i]
		var y Lit
		if i < len(b) {
			y = b[i]
		}
		switch {
		case y == 0 && carry == 0:
			out = append(out, x)
		case y == 0 || carry == 0:
			if y == 0 {
				y = carry
			}
			s, c := e.NewVar(), e.NewVar()
			// s = x xor y; c = x and y.
			e.Define(-s, x, y)
			e.Define(-s, -x, -y)
			e.Define(s, -x, y)
			e.Define(s, x, -y)
			e.Define(-c, x)
			e.Define(-c, y)
			e.Define(c, -x, -y)
			out = append(out, s)
			carry = c
		default:
			z := carry
			s, c := e.NewVar(), e.NewVar()
			// s = x xor y xor z.
			e.Define(-s, x, y, z)
			e.Define(-s, x, -y, -z)
			e.Define(-s, -x, y, -z)
			e.Define(-s, -x, -y, z)
			e.Define(s, -x, -y, -z)
			e.Define(s, -x, y, z)
			e.Define(s, x, -y, z)
			e.Define(s, x, y, -z)
			// c = majority(x, y, z).
			e.Define(-c, x, y)
			e.Define(-c, x, z)
			e.Define(-c, y, z)
			e.Define(c, -x, -y)
			e.Define(c, -x, -z)
			e.Define(c, -y, -z)
			out = append(out, s)
			carry = c
		}
	}
	if carry != 0 {
		out = append(out, carry)
	}
	return out
}

// BinaryAtMost requires, as part of r, the binary number s to be at most k: for every
// position i where k has a 0, s may not have a 1 there while agreeing
// with k on every higher position.
func (e *Encoding) BinaryAtMost(r constraints.Req, s []Lit, k int) {
	if k < 0 {
		e.Require(r)
		return
	}
	if k>>len(s) != 0 {
		return
	}
	for i := range s {
		if k>>i&1 == 1 {
			continue
		}
		e.Require(r, unlessHigherDiffer(s, k, i, -s[i])...)
	}
}

// BinaryAtLeast requires, as part of r, the binary number s to be at least k: for every
// position i where k has a 1, s may not have a 0 there while agreeing
// with k on every higher position.
func (e *Encoding) BinaryAtLeast(r constraints.Req, s []Lit, k int) {
	if k <= 0 {
		return
	}
	if k>>len(s) != 0 {
		e.Require(r)
		return
	}
	for i := range s {
		if k>>i&1 == 0 {
			continue
		}
		e.Require(r, unlessHigherDiffer(s, k, i, s[i])...)
	}
}

// unlessHigherDiffer returns the clause "first, or s differs from k on some
// position above i" of the binary comparisons.
func unlessHigherDiffer(s []Lit, k, i int, first Lit) []Lit {
	c := []Lit{first}
	for j := i + 1; j < len(s); j++ {
		if k>>j&1 == 1 {
			c = append(c, -s[j])
		} else {
			c = append(c, s[j])
		}
	}
	return c
}
