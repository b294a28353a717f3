package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayering holds the import rules of DESIGN.md: gini only in solver,
// viper and cobra only in cmd, yaml.v3 only in model, and data flowing one
// way (model <- constraints <- solver <- cmd).
func TestLayering(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goTool, "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "github.com/shiftsat/shiftsat/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/shiftsat/shiftsat/"
	// allowed says which top-level directories may import a package path prefix.
	allowed := map[string][]string{
		"github.com/go-air/gini": {"solver"},
		"github.com/spf13/viper": {"cmd"},
		"github.com/spf13/cobra": {"cmd"},
		"gopkg.in/yaml.v3":       {"model"},
		// excelize reads and writes XLSX: below cmd only in model/sheet
		// (checked by package path below), a table reader with no domain
		// knowledge that model uses for the spreadsheet inputs.
		"github.com/xuri/excelize/v2": {"model", "cmd"},
		"golang.org/x/text":           {"model", "cmd"},
		mod + "constraints":           {"constraints", "solver", "cmd"},
		mod + "solver":                {"solver", "cmd"},
		mod + "cmd":                   {},
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, imports := fields[0], fields[1:]
		top, _, _ := strings.Cut(strings.TrimPrefix(pkg, mod), "/")
		for _, imp := range imports {
			if (strings.HasPrefix(imp, "github.com/xuri/excelize") || strings.HasPrefix(imp, "golang.org/x/text")) &&
				top == "model" && pkg != mod+"model/sheet" {
				t.Errorf("%s imports %s; below cmd only model/sheet may", pkg, imp)
			}
			for prefix, tops := range allowed {
				if (imp == prefix || strings.HasPrefix(imp, prefix+"/")) && !contains(tops, top) {
					t.Errorf("%s imports %s; only %v may", pkg, imp, tops)
				}
			}
		}
	}
}
