// Command shiftsat plans shift rosters that provably follow labour-law rules:
// it encodes a scenario's rules as SAT, solves them, re-checks the roster
// independently and prints it as text, CSV or JSON.
//
// Usage:
//
//	shiftsat plan SCENARIO.yaml [--format text|csv|json] [--out FILE] [--time-limit 30s] [--bom]
//	shiftsat validate SCENARIO.yaml
//	shiftsat check SCENARIO.yaml [ROSTER.csv] [--actuals TIMES.csv] [--rules R1,R2] [--format text|csv|json]
//	shiftsat interval SCENARIO.yaml --actuals TIMES.csv [--hours 11] [--round 60] [--end moves|stays] [--end-cap 22:00] [--deemed-worked]
//	shiftsat explain SCENARIO.yaml [--lang en|ja] [--format text|json] [--relax-rules] [--max-ways 3]
//	shiftsat limits --rules R1[,R2...] [--format text|csv|json]
//	shiftsat compare SCENARIO.yaml --rules R1 --rules R2 ... [--roster FILE.csv] [--profile ID] [--format text|csv|json|html]
//	shiftsat nrp INSTANCE.txt [--time-limit 60s] [--out roster.txt]
//	shiftsat rules
//	shiftsat version
//
// Exit codes follow FORMAT.md: 0 success, 1 failure, 2 bad usage or invalid
// input, 3 infeasible, 4 time limit reached with no answer, 5 violations found by check.
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
