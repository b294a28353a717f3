# shiftsat: the two commands are `make run` and `make test`.

GO           ?= go
TEST_TIMEOUT ?= 10m
SCENARIO     ?= examples/store.yaml

.PHONY: run test build bench fmt bench-nrp bench-scale bench-capacity bench-plan bench-plan-nrp dimacs

## run: plan the example convenience-store month and print the roster
run:
	$(GO) run ./cmd/shiftsat plan $(SCENARIO)

## test: go vet, then every test (bounded by TEST_TIMEOUT)
test:
	$(GO) vet ./...
	$(GO) test -timeout $(TEST_TIMEOUT) ./...

## build: build the binary into bin/shiftsat
build:
	$(GO) build -o bin/shiftsat ./cmd/shiftsat

## bench: run every benchmark once, save the results to bench.out and print them
bench:
	@status=0; $(GO) test -run '^$$' -bench . -benchtime 1x -timeout 30m ./... > bench.out 2>&1 || status=$$?; \
	cat bench.out; exit $$status

## bench-scale: the scale benchmarks (easy months of 1,000, 2,000, 5,000 and 10,000 staff, and soft ones of 200 to 5,000 planned in groups, and in groups against whole at 200 and 400: seconds, cost, clauses,
## peak heap, bytes per person-day), one at a time under an 8 GB address-space cap; not in `make test`
SCALE_BENCH ?= ScaleEasy|ScaleSoft|PlanGroupsVsWhole
bench-scale:
	@status=0; (ulimit -v 8000000; $(GO) test -run '^$$' -bench '$(SCALE_BENCH)' -benchtime 1x -timeout 30m ./solver) > bench-scale.out 2>&1 || status=$$?; \
	cat bench-scale.out; exit $$status

## dimacs: write the plain CNF of SCENARIO to CNF (default scenario.cnf), to time another SAT solver
## (CaDiCaL, kissat) on the clauses gini gets: `make dimacs SCENARIO=examples/hospital.yaml CNF=h.cnf`
CNF ?= scenario.cnf
dimacs:
	$(GO) run ./cmd/shiftsat plan $(SCENARIO) --dimacs $(CNF)

## bench-capacity: the not-enough-people families (time to the verdict, the explanation and the ways out of
## understaffed months; time to a roster of months at 95-100 % of the counted capacity and of the hard ward), saved to bench-capacity.out
bench-capacity:
	@status=0; $(GO) test -run '^$$' -bench 'BenchmarkUnderstaffed|BenchmarkTightFeasible|BenchmarkHardWard|BenchmarkCheckCapacity' -benchtime 1x -v -timeout 30m ./solver > bench-capacity.out 2>&1 || status=$$?; \
	grep -E '^(Benchmark|    capacity_bench)' bench-capacity.out; exit $$status

## bench-nrp: solve the Curtois-Qu nurse-rostering instances NRP_INSTANCES, NRP_TIME each, and print a table
NRP_INSTANCES ?= 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24
NRP_TIME      ?= 60s
NRP_DIR       ?= ../shared/bench/curtois
bench-nrp:
	$(GO) run ./cmd/nrpbench -dir $(NRP_DIR) -time $(NRP_TIME) $(NRP_INSTANCES)

## bench-plan: plan the soft 30-nurse ward of issue 15 (examples/ward-soft.yaml: hospital.yaml with targets, weighted requests
## and fairness) for 10 s, 30 s and 60 s, with core-guided MaxSAT alone and with branch
## and price beside it: cost, proved bound and root bound of each, saved to bench-plan.out
bench-plan:
	@status=0; (ulimit -v 8000000; $(GO) test -run '^$$' -bench 'BenchmarkPlanSoftWard' -benchtime 1x -v -timeout 30m ./solver) > bench-plan.out 2>&1 || status=$$?; \
	grep -E '^(Benchmark|    ward_bench)' bench-plan.out; exit $$status

## bench-plan-nrp: the Curtois-Qu instances PLAN_NRP_INSTANCES converted by `nrp --to-scenario` and planned by `plan`,
## PLAN_NRP_TIME each (issue 15: Instances 1-7 proved optimal within 60 s): cost, bound, published value, time to the
## proof and in all, each roster scored by nrp's independent evaluator; saved to bench-plan-nrp.out
PLAN_NRP_INSTANCES ?= 1 2 3 4 5 6 7
PLAN_NRP_TIME      ?= 60s
bench-plan-nrp:
	@status=0; SHIFTSAT_NRP_SCENARIO="$(PLAN_NRP_INSTANCES)" SHIFTSAT_NRP_SCENARIO_TIME=$(PLAN_NRP_TIME) \
	$(GO) test -run 'TestNRPToScenario' -v -timeout 30m ./cmd/shiftsat > bench-plan-nrp.out 2>&1 || status=$$?; \
	grep -E '\| (Instance|instance)|^(ok|FAIL|---)' bench-plan-nrp.out; exit $$status

## fmt: format the Go sources
fmt:
	gofmt -w .
