// Command shiftsat plans shift rosters that provably follow labour-law rules:
// it encodes a scenario's rules as SAT, solves them, re-checks the roster
// independently and prints it as text, CSV or JSON.
//
// Usage:
//
//	shiftsat plan SCENARIO.yaml [--format text|csv|json] [--out FILE] [--time-limit 30s] [--bom]
//	shiftsat validate SCENARIO.yaml
//	shiftsat rules
//	shiftsat version
//
// Exit codes follow FORMAT.md: 0 success, 1 failure, 2 bad usage or invalid
// input, 3 infeasible, 4 time limit reached with no answer.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
