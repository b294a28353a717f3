package constraints

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readingGroup says which independent reading of the rules a file of this
// package belongs to (DESIGN.md: Check and Encode never share a rule's
// logic):
//   - "check": check.go, check_*.go and *_cost.go, the plain readings of the spec
//     (Check, and the Cost of the soft rules);
//   - "encode": encode_*.go and *_encode.go, the CNF readings (Encode);
//   - "" (shared): everything else: the rule types and their parameters
//     (rules.go, soft.go, soft_bounds.go), the registry and compilation
//     (registry.go, kinds.go, compile.go, userset.go), the Encoder
//     interface (encoder.go), the wording helpers (wording.go). Shared
//     facts of the time model (what a night instance is: model.NightSpan;
//     fixed blocks: model.FixedBlocks) live in package model, used by both.
func readingGroup(file string) string {
	base := filepath.Base(file)
	switch {
	case base == "check.go" || strings.HasPrefix(base, "check_") || strings.HasSuffix(base, "_cost.go"):
		return "check"
	case strings.HasPrefix(base, "encode_") || strings.HasSuffix(base, "_encode.go"):
		return "encode"
	}
	return ""
}

// TestCheckEncodeIndependent fails when a check file uses an identifier
// (function, method, type, variable or constant) declared in an encode
// file, or the other way round. It type-checks the package's non-test
// files, so a local variable that happens to share a name is not counted.
func TestCheckEncodeIndependent(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	srcs := map[string][]byte{}
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		if srcs[n], err = os.ReadFile(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range crossUses(t, "github.com/shiftsat/shiftsat/constraints", srcs) {
		t.Error(u)
	}
}

// TestCrossUsesFinds: the detector finds a check file calling an encode
// helper, an encode file using a check type's method, and lets both use
// shared files and their own locals.
func TestCrossUsesFinds(t *testing.T) {
	srcs := map[string][]byte{
		"shared.go":      []byte("package p\n\ntype R struct{}\n\nfunc share() int { return 1 }\n"),
		"encode_x.go":    []byte("package p\n\nfunc window() int { return share() }\n\nfunc (R) Encode() int { v := R{}; return v.look() }\n"),
		"check_x.go":     []byte("package p\n\nfunc (R) look() int { window := 2; return window + share() }\n\nfunc (R) Check() int { return window() }\n"),
		"x_cost.go":      []byte("package p\n\nfunc cost() int { return share() }\n"),
		"soft_encode.go": []byte("package p\n\nfunc enc() int { return cost() }\n"),
	}
	got := crossUses(t, "p", srcs)
	want := []string{
		"check_x.go:5: check file uses window, declared in encode file encode_x.go",
		"encode_x.go:5: encode file uses look, declared in check file check_x.go",
		"soft_encode.go:3: encode file uses cost, declared in check file x_cost.go",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cross uses (-want +got):\n%s", diff)
	}
}

// crossUses returns "file:line: uses NAME, declared in FILE (check vs
// encode)" for every use across the two groups.
func crossUses(t *testing.T, path string, srcs map[string][]byte) []string {
	t.Helper()
	fset := token.NewFileSet()
	var names []string
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	var files []*ast.File
	for _, n := range names {
		f, err := parser.ParseFile(fset, n, srcs[n], 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check(path, fset, files, info)
	if err != nil {
		t.Fatalf("type-check: %v", err)
	}
	var out []string
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue
		}
		fn, isFunc := obj.(*types.Func)
		method := isFunc && fn.Type().(*types.Signature).Recv() != nil
		if obj.Parent() != pkg.Scope() && !method {
			continue // locals, parameters, fields
		}
		user, decl := fset.Position(id.Pos()), fset.Position(obj.Pos())
		gu, gd := readingGroup(user.Filename), readingGroup(decl.Filename)
		if gu != "" && gd != "" && gu != gd {
			out = append(out, fmt.Sprintf("%s:%d: %s file uses %s, declared in %s file %s",
				user.Filename, user.Line, gu, obj.Name(), gd, decl.Filename))
		}
	}
	sort.Strings(out)
	return out
}
