package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/shiftsat/shiftsat/constraints"
	"github.com/shiftsat/shiftsat/model"
	"github.com/shiftsat/shiftsat/solver"
)

// serveOptions are the flags of `serve`.
type serveOptions struct {
	addr        string
	allowRemote bool
	maxUpload   string
	timeLimit   time.Duration
	lang        string
}

func (a *app) serveCmd() *cobra.Command {
	var o serveOptions
	c := &cobra.Command{
		Use:   "serve [DIR]",
		Short: "a local web page: open a scenario of DIR, plan, pin or forbid shifts, re-plan, download",
		Long: `serve starts a web page on this computer (http://127.0.0.1:8080/ by default) for
the scenarios (*.yaml) of DIR (default: the current directory), or one uploaded
from the browser. It plans the scenario and shows the printable calendar; a
click on a person-day pins a shift there, forbids one, or asks for the day
off, and re-plans. When no roster exists it shows the explanation and the ways
out. The roster downloads as CSV, as the printable page, and as one iCalendar
file per person. A long plan shows its progress and can be stopped.

It binds to a loopback address only (127.0.0.1, ::1, localhost) unless
--allow-remote is given: the page plans with the files of DIR and has no login.
It reads no file outside DIR, and refuses uploads larger than --max-upload.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				lang := a.usageLang()
				return usageErrorIn(lang, "use.serveArgs", len(args), useLine(lang, cmd))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			lang, err := a.langSetting(cmd)
			if err != nil {
				return err
			}
			o.lang = lang
			return a.serve(cmd.Context(), dir, o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT` (a loopback address unless --allow-remote)")
	f.BoolVar(&o.allowRemote, "allow-remote", false, "allow a non-loopback --addr (anyone who reaches it can plan with the files of DIR)")
	f.StringVar(&o.maxUpload, "max-upload", "1MiB", "refuse request bodies (uploaded scenarios) larger than this `size`")
	f.DurationVar(&o.timeLimit, "time-limit", 30*time.Second, "time limit of each plan")
	a.langFlags(f, "language of the page: en or ja")
	return c
}

// checkLoopback refuses an address whose host is not a loopback address
// (an empty host or 0.0.0.0 listens on every interface), in lang.
func checkLoopback(ctx context.Context, lang, addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageErrorIn(lang, "use.addrForm", addr, err)
	}
	why := ""
	switch ip := net.ParseIP(host); {
	case host == "":
		why = tr(lang, "use.addrEmpty")
	case ip != nil && !ip.IsLoopback():
		why = tr(lang, "use.addrNotLoop", host)
	case ip == nil:
		ips, err := net.DefaultResolver.LookupIPAddr(ctx, host)
		if err != nil || len(ips) == 0 {
			why = tr(lang, "use.addrNoHost", host)
		}
		for _, x := range ips {
			if !x.IP.IsLoopback() {
				why = tr(lang, "use.addrResolves", host, x.IP.String())
				break
			}
		}
	}
	if why != "" {
		return usageErrorIn(lang, "use.addrRemote", addr, why)
	}
	return nil
}

// serve is the `serve` subcommand: it listens until the context ends
// (Ctrl-C), then shuts down.
func (a *app) serve(ctx context.Context, dir string, o serveOptions) error {
	limit, err := parseSize(o.maxUpload)
	if err != nil || limit <= 0 {
		return usageErrorIn(o.lang, "use.maxUpload", o.maxUpload)
	}
	if !o.allowRemote {
		if err := checkLoopback(ctx, o.lang, o.addr); err != nil {
			return err
		}
	}
	srv, err := newServer(dir, serverConfig{maxBody: limit, timeLimit: o.timeLimit, lang: o.lang})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return usageErrorIn(o.lang, "use.serveDir", dir, err)
		}
		return usageErrorf("%v", err)
	}
	defer srv.close()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return failIn(o.lang, "use.listen", o.addr, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(a.stderr, "shiftsat: %s\n", tr(o.lang, "use.serving", dir, ln.Addr()))
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
		return nil
	case err := <-done:
		return failf("serve: %v", err)
	}
}

// serverConfig are the server's limits.
type serverConfig struct {
	maxBody   int64
	timeLimit time.Duration
	lang      string
	// solvers bounds the plans solved at once (default: 2); more wait.
	solvers int
}

// server is serve's HTTP handler: the page, the scenario list, plan jobs
// and their results.
type server struct {
	root *os.Root
	cfg  serverConfig
	mux  *http.ServeMux
	sem  chan struct{}

	mu   sync.Mutex
	jobs map[string]*planJob
	ids  []string // job ids, oldest first (for eviction)
	next atomic.Int64
}

// maxJobs is how many jobs (and their results) the server keeps.
const maxJobs = 200

// newServer opens dir as the only place the server reads files from.
func newServer(dir string, cfg serverConfig) (*server, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	if cfg.solvers <= 0 {
		cfg.solvers = 2
	}
	if cfg.timeLimit <= 0 {
		cfg.timeLimit = 30 * time.Second
	}
	s := &server{root: root, cfg: cfg, mux: http.NewServeMux(), sem: make(chan struct{}, cfg.solvers), jobs: map[string]*planJob{}}
	s.mux.HandleFunc("GET /{$}", s.handleIndex)
	s.mux.HandleFunc("GET /api/scenarios", s.handleScenarios)
	s.mux.HandleFunc("POST /api/plan", s.handlePlan)
	s.mux.HandleFunc("GET /api/jobs/{id}", s.handleJob)
	s.mux.HandleFunc("POST /api/jobs/{id}/stop", s.handleStop)
	s.mux.HandleFunc("POST /api/jobs/{id}/ways/{n}", s.handleWay)
	s.mux.HandleFunc("GET /api/jobs/{id}/roster.csv", s.handleFile("csv"))
	s.mux.HandleFunc("GET /api/jobs/{id}/roster.xlsx", s.handleFile("xlsx"))
	s.mux.HandleFunc("GET /api/jobs/{id}/roster.html", s.handleFile("html"))
	s.mux.HandleFunc("GET /api/jobs/{id}/ics/{person}", s.handleICS)
	return s, nil
}

func (s *server) close() { s.root.Close() }

// ServeHTTP implements http.Handler: every request body is capped.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.maxBody)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

// httpError writes a JSON error.
func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// safeName checks a file name from a request: one .yaml file of DIR,
// no directory part (os.Root also refuses links leading out).
func safeName(lang, name string) (string, error) {
	if name == "" || name != path.Base(name) || strings.ContainsAny(name, `/\`) || name == "." || name == ".." || strings.HasPrefix(name, ".") {
		return "", errors.New(tr(lang, "api.notServed", name))
	}
	if !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".yml") {
		return "", errors.New(tr(lang, "api.notYAML", name))
	}
	return name, nil
}

func (s *server) handleScenarios(w http.ResponseWriter, r *http.Request) {
	entries, err := fs.ReadDir(s.root.FS(), ".")
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	names := []string{}
	for _, e := range entries {
		if _, err := safeName("en", e.Name()); err == nil && e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(names)
}

// planRequest is the body of POST /api/plan: a scenario of DIR (file),
// uploaded (yaml), or the scenario an earlier plan planned (base: its job
// id, e.g. a way out applied), the edits to make to it, and the language.
type planRequest struct {
	File  string     `json:"file"`
	YAML  string     `json:"yaml"`
	Base  string     `json:"base"`
	Edits []planEdit `json:"edits"`
	Lang  string     `json:"lang"`
}

// planEdit is one change of a person-day: pin a shift (fixed), forbid it
// (unavailable), or ask for the day off (requests_off).
type planEdit struct {
	Staff  string `json:"staff"`
	Date   string `json:"date"`
	Action string `json:"action"` // pin, forbid, off
	Shift  string `json:"shift"`
}

// planJob is one plan: running, then done with its result.
type planJob struct {
	id     string
	cancel context.CancelFunc
	done   chan struct{}
	// sc is the scenario planned, edits and ways out applied; read only
	// (a plan based on it edits a copy).
	sc *model.Scenario

	mu       sync.Mutex
	progress string
	result   *planResult
}

// planResult is what a finished plan shows and offers for download.
type planResult struct {
	Status string `json:"status"` // feasible, infeasible, unknown, error, stopped
	// Page is the printable page (feasible); Text the explanation or error.
	Page string `json:"page,omitempty"`
	Text string `json:"text,omitempty"`
	// Staff lists the people (for the calendars' downloads).
	Staff []string `json:"staff,omitempty"`
	// Cells are the roster's starts: staff -> date -> shift (for tests and the page).
	Cells map[string]map[string]string `json:"cells,omitempty"`
	// Violations counts what the independent check found (always 0 when shown).
	Violations int `json:"violations"`
	// Ways are the ways out of an infeasible scenario, each in a sentence;
	// POST /api/jobs/ID/ways/N plans the scenario changed by way N.
	Ways []string `json:"ways,omitempty"`
	csv  []byte
	xlsx []byte // the workbook of plan --format xlsx
	ics  map[string][]byte
	ways []*model.Scenario
}

func (j *planJob) snapshot() map[string]any {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := map[string]any{"id": j.id, "state": "running", "progress": j.progress}
	if j.result != nil {
		out["state"] = "done"
		out["result"] = j.result
	}
	return out
}

// reqLang is the language of a request's answer: its lang parameter when
// it names one, else the page's (--lang).
func (s *server) reqLang(r *http.Request) string {
	if lang := r.URL.Query().Get("lang"); contains(langs, lang) {
		return lang
	}
	return s.cfg.lang
}

func (s *server) handlePlan(w http.ResponseWriter, r *http.Request) {
	var req planRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			httpError(w, http.StatusRequestEntityTooLarge, tr(s.reqLang(r), "api.tooLarge", mbe.Limit))
			return
		}
		httpError(w, http.StatusBadRequest, tr(s.reqLang(r), "api.badRequest", err.Error()))
		return
	}
	lang := req.Lang
	if !contains(langs, lang) {
		lang = s.cfg.lang
	}
	sc, status, err := s.scenario(req, lang)
	if err != nil {
		httpError(w, status, err.Error())
		return
	}
	s.startJob(w, r, sc, lang)
}

// handleWay plans the scenario as changed by one of the ways out of an
// infeasible plan: the one-click way out.
func (s *server) handleWay(w http.ResponseWriter, r *http.Request) {
	j := s.job(w, r)
	if j == nil {
		return
	}
	j.mu.Lock()
	res := j.result
	j.mu.Unlock()
	n, err := strconv.Atoi(r.PathValue("n"))
	if res == nil || err != nil || n < 1 || n > len(res.ways) {
		httpError(w, http.StatusNotFound, tr(s.reqLang(r), "api.noWay"))
		return
	}
	lang := r.URL.Query().Get("lang")
	if !contains(langs, lang) {
		lang = s.cfg.lang
	}
	// the changed scenario is the solver's; plans only read it, and a plan
	// based on it (base) edits a copy. The solver's copy leaves out the
	// soft settings: they are the plan's own (a way out never changes them).
	way := res.ways[n-1]
	if j.sc != nil && (way.Soft != j.sc.Soft || way.HistoryFrom != j.sc.HistoryFrom) {
		c := *way
		c.Soft, c.HistoryFrom = j.sc.Soft, j.sc.HistoryFrom
		way = &c
	}
	s.startJob(w, r, way, lang)
}

// startJob starts a plan of sc and answers with the job (its result too
// with ?wait=1).
func (s *server) startJob(w http.ResponseWriter, r *http.Request, sc *model.Scenario, lang string) {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.timeLimit+time.Minute)
	job := &planJob{id: strconv.FormatInt(s.next.Add(1), 10), cancel: cancel, done: make(chan struct{}), progress: "waiting", sc: sc}
	s.addJob(job)
	go func() {
		defer cancel()
		defer close(job.done)
		res := s.runPlan(ctx, job, sc, lang)
		job.mu.Lock()
		job.result = res
		job.mu.Unlock()
	}()
	if r.URL.Query().Get("wait") != "" {
		select {
		case <-job.done:
		case <-r.Context().Done():
			job.cancel()
			<-job.done
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(job.snapshot())
}

// addJob registers a job, forgetting the oldest finished ones beyond maxJobs.
func (s *server) addJob(j *planJob) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs[j.id] = j
	s.ids = append(s.ids, j.id)
	for len(s.ids) > maxJobs {
		old := s.jobs[s.ids[0]]
		select {
		case <-old.done:
			delete(s.jobs, s.ids[0])
			s.ids = s.ids[1:]
			continue
		default:
		}
		break
	}
}

func (s *server) job(w http.ResponseWriter, r *http.Request) *planJob {
	s.mu.Lock()
	j := s.jobs[r.PathValue("id")]
	s.mu.Unlock()
	if j == nil {
		httpError(w, http.StatusNotFound, tr(s.reqLang(r), "api.noPlan"))
	}
	return j
}

func (s *server) handleJob(w http.ResponseWriter, r *http.Request) {
	if j := s.job(w, r); j != nil {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(j.snapshot())
	}
}

func (s *server) handleStop(w http.ResponseWriter, r *http.Request) {
	if j := s.job(w, r); j != nil {
		j.cancel()
		<-j.done
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(j.snapshot())
	}
}

// finished returns the job's result when it is done and feasible.
func (s *server) finished(w http.ResponseWriter, r *http.Request) *planResult {
	j := s.job(w, r)
	if j == nil {
		return nil
	}
	j.mu.Lock()
	res := j.result
	j.mu.Unlock()
	if res == nil || res.Status != "feasible" {
		httpError(w, http.StatusConflict, tr(s.reqLang(r), "api.noRoster"))
		return nil
	}
	return res
}

func (s *server) handleFile(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		res := s.finished(w, r)
		if res == nil {
			return
		}
		switch format {
		case "csv":
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="roster.csv"`)
			w.Write(res.csv)
			return
		case "xlsx":
			w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			w.Header().Set("Content-Disposition", `attachment; filename="roster.xlsx"`)
			w.Write(res.xlsx)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, res.Page)
	}
}

func (s *server) handleICS(w http.ResponseWriter, r *http.Request) {
	res := s.finished(w, r)
	if res == nil {
		return
	}
	data, ok := res.ics[r.PathValue("person")]
	if !ok {
		httpError(w, http.StatusNotFound, tr(s.reqLang(r), "api.noCalendar"))
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(r.PathValue("person"), `"`, "_")+`"`)
	w.Write(data)
}

// scenario loads the request's scenario (a file of DIR, the uploaded
// text, or a copy of an earlier plan's) and applies its edits; an error
// comes with its HTTP status.
func (s *server) scenario(req planRequest, lang string) (*model.Scenario, int, error) {
	var data []byte
	name := "upload.yaml"
	switch {
	case btoi(req.File != "")+btoi(req.YAML != "")+btoi(req.Base != "") > 1:
		return nil, http.StatusBadRequest, errors.New(tr(lang, "api.oneOf"))
	case req.Base != "":
		s.mu.Lock()
		j := s.jobs[req.Base]
		s.mu.Unlock()
		if j == nil || j.sc == nil {
			return nil, http.StatusNotFound, errors.New(tr(lang, "api.notKept", req.Base))
		}
		sc, status, err := applyEdits(lang, copyScenario(j.sc), req.Edits)
		return sc, status, err
	case req.File != "":
		n, err := safeName(lang, req.File)
		if err != nil {
			return nil, http.StatusBadRequest, err
		}
		if data, err = s.root.ReadFile(n); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, http.StatusNotFound, errors.New(tr(lang, "api.noScenario", n))
			}
			return nil, http.StatusBadRequest, errors.New(tr(lang, "api.unreadable", n))
		}
		name = n
	case req.YAML != "":
		data = []byte(req.YAML)
	default:
		return nil, http.StatusBadRequest, errors.New(tr(lang, "api.none"))
	}
	sc, errs := model.ParsePartial(name, data)
	if len(errs) > 0 {
		return nil, http.StatusUnprocessableEntity, errors.New(errorsIn(lang, errs))
	}
	return applyEdits(lang, sc, req.Edits)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// copyScenario is a deep copy of sc that edits may change (the soft
// settings, never edited, are shared).
func copyScenario(sc *model.Scenario) *model.Scenario {
	c := solver.CloneScenario(sc)
	c.Soft, c.HistoryFrom = sc.Soft, sc.HistoryFrom
	return c
}

// applyEdits makes the edits to sc (which it changes); an error comes with
// its HTTP status and in lang.
func applyEdits(lang string, sc *model.Scenario, edits []planEdit) (*model.Scenario, int, error) {
	for i, e := range edits {
		p := sc.Person(model.StaffID(e.Staff))
		d, err := model.ParseDate(e.Date)
		switch {
		case p == nil:
			return nil, http.StatusBadRequest, errors.New(tr(lang, "api.noPerson", i+1, e.Staff))
		case err != nil || !sc.Horizon.Contains(d):
			return nil, http.StatusBadRequest, errors.New(tr(lang, "api.noDate", i+1, e.Date))
		case e.Action != "off" && sc.Shift(model.ShiftID(e.Shift)) == nil:
			return nil, http.StatusBadRequest, errors.New(tr(lang, "api.noShift", i+1, e.Shift))
		}
		switch e.Action {
		case "pin":
			p.Fixed = append(p.Fixed, model.Assignment{Date: d, Shift: model.ShiftID(e.Shift)})
		case "forbid":
			p.Unavailable = append(p.Unavailable, model.Unavailable{Date: d, Shift: model.ShiftID(e.Shift)})
		case "off":
			// as the loader: a day of leave is no day to ask off (the
			// checker would call the roster wrong)
			if slices.Contains(p.Leave, d) {
				return nil, http.StatusBadRequest, errors.New(tr(lang, "api.onLeave", i+1, e.Date, e.Staff))
			}
			if !slices.Contains(p.RequestsOff, d) {
				p.RequestsOff = append(p.RequestsOff, d)
			}
		default:
			return nil, http.StatusBadRequest, errors.New(tr(lang, "api.action", i+1, e.Action))
		}
	}
	return sc, 0, nil
}

// runPlan plans sc like `plan`: solve (or optimise), re-check, and render
// the page, the CSV and the calendars; or explain why no roster exists.
func (s *server) runPlan(ctx context.Context, job *planJob, sc *model.Scenario, lang string) *planResult {
	set := func(p string) {
		job.mu.Lock()
		job.progress = p
		job.mu.Unlock()
	}
	select {
	case s.sem <- struct{}{}:
		defer func() { <-s.sem }()
	case <-ctx.Done():
		return &planResult{Status: "stopped", Text: tr(lang, "serve.stoppedBefore")}
	}
	rules, err := constraints.Compile(sc)
	if err != nil {
		return &planResult{Status: "error", Text: errorsIn(lang, err)}
	}
	set("solving")
	tctx, cancel := context.WithTimeout(ctx, s.cfg.timeLimit)
	defer cancel()
	opt := solver.Options{TimeLimit: s.cfg.timeLimit, Progress: func(p solver.ProgressEvent) { set(progressText(p)) }}
	var res *solver.Result
	var pr *solver.PlanResult
	if constraints.HasSoft(rules) {
		if pr, err = optimize(tctx, sc, rules, opt); pr != nil {
			res = &pr.Result
		}
	} else {
		res, err = solve(tctx, sc, rules, opt)
	}
	if ctx.Err() != nil {
		return &planResult{Status: "stopped", Text: tr(lang, "serve.stoppedPlan")}
	}
	if err != nil {
		return &planResult{Status: "error", Text: err.Error()}
	}
	rep := &report{sc: sc, rules: rules, res: res, lang: lang}
	switch res.Status {
	case solver.Feasible:
		vs := constraints.CheckAll(rules, res.Roster)
		if len(vs) > 0 {
			return &planResult{Status: "error", Violations: len(vs), Text: tr(lang, "serve.internalBreaks", len(vs))}
		}
		a := &app{ctx: ctx, stdout: io.Discard, stderr: io.Discard}
		if err := a.softReport(tctx, rep, pr, planSettings{format: "html", lang: lang}); err != nil {
			return &planResult{Status: "error", Text: err.Error()}
		}
		out := &planResult{Status: "feasible", Cells: map[string]map[string]string{}}
		var page, csvb bytes.Buffer
		if err := renderHTML(&page, rep); err != nil {
			return &planResult{Status: "error", Text: err.Error()}
		}
		if err := renderCSV(&csvb, rep, false); err != nil {
			return &planResult{Status: "error", Text: err.Error()}
		}
		var xlsx bytes.Buffer
		if err := renderXLSX(&xlsx, rep, nil); err != nil {
			return &planResult{Status: "error", Text: err.Error()}
		}
		out.Page, out.csv, out.xlsx = page.String(), csvb.Bytes(), xlsx.Bytes()
		if out.ics, _, err = renderICS(rep); err != nil {
			return &planResult{Status: "error", Text: err.Error()}
		}
		for _, p := range sc.Staff {
			out.Staff = append(out.Staff, string(p.ID))
			row := map[string]string{}
			for d, id := range res.Roster.Starts[p.ID] {
				if sc.Horizon.Contains(d) {
					row[d.String()] = string(id)
				}
			}
			out.Cells[string(p.ID)] = row
		}
		return out
	case solver.Infeasible:
		set("explaining why no roster exists")
		ex, err := buildExplanation(tctx, sc, rules, planSettings{format: "text", lang: lang}, explainSettings{maxWays: 3, costs: solver.DefaultCosts()}, res.Shortage)
		if ctx.Err() != nil {
			return &planResult{Status: "stopped", Text: tr(lang, "serve.stoppedExplain")}
		}
		if err != nil {
			return &planResult{Status: "infeasible", Text: tr(lang, "serve.explainFailed", err.Error())}
		}
		var b bytes.Buffer
		renderExplainText(&b, ex)
		out := &planResult{Status: "infeasible", Text: b.String()}
		for _, way := range ex.ways {
			if way.Scenario != nil {
				out.Ways = append(out.Ways, ex.waySentence(way))
				out.ways = append(out.ways, way.Scenario)
			}
		}
		return out
	}
	return &planResult{Status: "unknown", Text: tr(lang, "serve.unknownLimit", s.cfg.timeLimit.String())}
}

// progressText is a solver progress report in a few words.
func progressText(p solver.ProgressEvent) string {
	s := p.Phase
	if p.HaveCost {
		s += fmt.Sprintf(": best cost %d", p.Cost)
	}
	if p.HaveBound {
		s += fmt.Sprintf(", lower bound %d", p.LowerBound)
	}
	return s
}

// servePage is the page's template: the scenario picker, the upload, the
// plan with its progress and stop button, the calendar (the printable
// page in a frame) with the person-day editor, the explanation, and the
// downloads. Plain JavaScript, no build step.
var servePage = template.Must(template.New("page").Parse(serveHTML))

func (s *server) handleIndex(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	t := map[string]string{}
	for id := range catalogue {
		if strings.HasPrefix(id, "serve.") {
			t[strings.TrimPrefix(id, "serve.")] = tr(s.cfg.lang, id)
		}
	}
	servePage.Execute(w, map[string]any{"Lang": s.cfg.lang, "MaxUpload": s.cfg.maxBody, "T": t})
}
