package solver_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// cloneOpts compare scenarios by everything but their lookup indexes
// (rule parameters' unexported fields, their positions, included).
var cloneOpts = []cmp.Option{cmpopts.IgnoreUnexported(model.Scenario{}), cmpopts.EquateEmpty(),
	cmp.Exporter(func(t reflect.Type) bool { return t != reflect.TypeOf(model.Scenario{}) })}

// TestCloneScenario: the copy holds every exported field of the shipped
// examples (soft settings and history_from included, which ways out once
// lost), and changing the copy's people leaves the original as it was.
func TestCloneScenario(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join("..", "examples", "*", "*.yaml"))
	for _, f := range append(files, more...) {
		sc, err := model.Load(f)
		if err != nil {
			continue // the examples of bad input
		}
		c := solver.CloneScenario(sc)
		if diff := cmp.Diff(sc, c, cloneOpts...); diff != "" {
			t.Errorf("%s: clone (-original +clone):\n%s", f, diff)
		}
		for _, p := range c.Staff {
			p.Requests = append(p.Requests[:0], model.Request{})
			p.Prefers = append(p.Prefers[:0], "changed")
		}
		if c.Soft != nil {
			c.Soft.Under++
		}
		again := solver.CloneScenario(sc)
		if cmp.Equal(c, again, cloneOpts...) && len(c.Staff) > 0 {
			t.Errorf("%s: the changed copy still equals the original", f)
		}
		if diff := cmp.Diff(sc, again, cloneOpts...); diff != "" {
			t.Errorf("%s: changing the clone changed the original (-original +new clone):\n%s", f, diff)
		}
	}
}
