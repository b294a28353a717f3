package main

// serveHTML is the page of `serve` (an html/template): plain JavaScript,
// no build step, no file fetched from elsewhere. The roster is shown as
// the printable page (render_html.go) in a same-origin frame; a click on
// a person-day opens the editor (pin a shift, forbid it, ask for the day
// off), and "Re-plan" plans again with the edits. After a way out is
// applied, the page's scenario is the changed one (base: its plan's id):
// further edits and re-plans apply to it, until another scenario is chosen. A plan runs as a job
// polled for its progress, and can be stopped. The page runs its own
// scripted tour when its address ends in #autotest (the browser test).
const serveHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>shiftsat</title>
<style>
body{font-family:system-ui,"Noto Sans CJK JP",sans-serif;margin:1em;color:#222}
header{display:flex;gap:1em;align-items:center;flex-wrap:wrap}
#status{color:#555}
#editor{border:1px solid #888;padding:.6em;margin:.6em 0;background:#f8f8f8;display:none}
#edits li{font-family:monospace}
iframe{width:100%;height:70vh;border:1px solid #ccc}
pre{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:.6em}
#downloads{display:flex;flex-wrap:wrap;gap:.3em 1em}
</style>
</head>
<body>
<header>
<h1>shiftsat</h1>
<label>{{.T.scenario}} <select id="file"></select></label>
<label>{{.T.upload}} <input type="file" id="upload" accept=".yaml,.yml"></label>
<button id="plan">{{.T.plan}}</button>
<button id="stop" disabled>{{.T.stop}}</button>
<span id="status"></span>
<span id="based" hidden>{{.T.based}}</span>
</header>
<div id="editor">
<b id="editwho"></b>
<select id="editshift"></select>
<button data-action="pin">{{.T.pin}}</button>
<button data-action="forbid">{{.T.forbid}}</button>
<button data-action="off">{{.T.off}}</button>
<button id="editclose">{{.T.close}}</button>
</div>
<div>{{.T.edits}} <ul id="edits"></ul> <button id="clear">{{.T.clear}}</button> <button id="replan">{{.T.replan}}</button></div>
<div id="downloads"></div>
<ol id="ways"></ol>
<pre id="text" hidden></pre>
<iframe id="page" title="roster"></iframe>
<script>
"use strict";
const maxUpload = {{.MaxUpload}};
const T = {{.T}};
const $ = id => document.getElementById(id);
let edits = [], uploaded = null, base = null, job = null, result = null, shifts = [], sel = null;
async function api(url, body) {
  const r = await fetch(url, body === undefined ? {} : {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  const j = await r.json();
  if (!r.ok) throw new Error(j.error || r.statusText);
  return j;
}
async function loadList() {
  const names = await api("/api/scenarios");
  $("file").innerHTML = "";
  for (const n of names) { const o = document.createElement("option"); o.value = o.textContent = n; $("file").appendChild(o); }
}
function showEdits() {
  $("edits").innerHTML = "";
  for (const e of edits) { const li = document.createElement("li"); li.textContent = ({pin: T.actPin, forbid: T.actForbid, off: T.actOff}[e.action]) + " " + e.staff + " " + e.date + (e.shift ? " " + e.shift : ""); $("edits").appendChild(li); }
}
// plan plans the chosen scenario with the edits, or (way) applies a way out.
async function plan(way) {
  const req = {edits: edits, lang: document.documentElement.lang};
  if (base !== null) req.base = base; else if (uploaded !== null) req.yaml = uploaded; else req.file = $("file").value;
  $("status").textContent = T.planning + "…"; $("stop").disabled = false; $("plan").disabled = true;
  try {
    job = typeof way === "string" ? await api(way, {}) : await api("/api/plan", req);
    while (job.state === "running") {
      $("status").textContent = T.planning + ": " + job.progress;
      await new Promise(r => setTimeout(r, 250));
      job = await api("/api/jobs/" + job.id);
    }
    if (typeof way === "string" && job.result.status !== "stopped" && job.result.status !== "error") {
      // the way out's scenario is the page's now: edits go on from it
      base = job.id; edits = []; showEdits(); $("based").hidden = false;
      document.documentElement.dataset.base = base;
    }
    show(job.result);
  } catch (e) {
    $("status").textContent = T.error + ": " + e.message;
    document.documentElement.dataset.error = e.message;
  } finally { $("stop").disabled = true; $("plan").disabled = false; }
}
function show(res) {
  result = res;
  $("status").textContent = T[res.status] || res.status;
  document.documentElement.dataset.status = res.status;
  $("text").hidden = !res.text; $("text").textContent = res.text || "";
  $("downloads").innerHTML = "";
  $("ways").innerHTML = "";
  (res.ways || []).forEach((w, i) => {
    const li = document.createElement("li"), b = document.createElement("button");
    li.textContent = w + " ";
    b.textContent = T.applyWay; b.className = "way";
    const from = job.id;
    b.onclick = () => plan("/api/jobs/" + from + "/ways/" + (i + 1) + "?lang=" + document.documentElement.lang);
    li.appendChild(b); $("ways").appendChild(li);
  });
  if (res.status !== "feasible") { $("page").srcdoc = ""; return; }
  const link = (href, text) => { const a = document.createElement("a"); a.href = href; a.textContent = text; a.download = ""; $("downloads").appendChild(a); };
  link("/api/jobs/" + job.id + "/roster.csv", "roster.csv");
  link("/api/jobs/" + job.id + "/roster.xlsx", "roster.xlsx");
  link("/api/jobs/" + job.id + "/roster.html", "roster.html");
  for (const p of res.staff) link("/api/jobs/" + job.id + "/ics/" + encodeURIComponent(p) + ".ics", p + ".ics");
  $("page").onload = wire;
  $("page").srcdoc = res.page;
}
function wire() {
  const doc = $("page").contentDocument;
  shifts = [...doc.querySelectorAll("tr[data-shift]")].map(tr => tr.dataset.shift);
  $("editshift").innerHTML = "";
  for (const s of shifts) { const o = document.createElement("option"); o.value = o.textContent = s; $("editshift").appendChild(o); }
  doc.querySelectorAll("table.grid tbody tr[data-staff] td[data-date]").forEach(td => {
    td.style.cursor = "pointer";
    td.addEventListener("click", () => {
      sel = {staff: td.parentElement.dataset.staff, date: td.dataset.date};
      $("editwho").textContent = sel.staff + " " + sel.date + ": ";
      if (shifts.includes(td.textContent.trim())) $("editshift").value = td.textContent.trim();
      $("editor").style.display = "block";
    });
  });
  document.documentElement.dataset.rows = doc.querySelectorAll("table.grid tbody tr[data-staff]").length;
  document.documentElement.dataset.ready = String(Number(document.documentElement.dataset.ready || 0) + 1);
}
document.querySelectorAll("#editor button[data-action]").forEach(b => b.addEventListener("click", () => {
  const e = {staff: sel.staff, date: sel.date, action: b.dataset.action};
  if (e.action !== "off") e.shift = $("editshift").value;
  edits.push(e); showEdits(); $("editor").style.display = "none";
}));
$("editclose").onclick = () => { $("editor").style.display = "none"; };
$("clear").onclick = () => { edits = []; showEdits(); };
$("plan").onclick = () => { unbase(); plan(); };
$("replan").onclick = () => plan();
$("stop").onclick = async () => { if (job) show((await api("/api/jobs/" + job.id + "/stop", {})).result); };
function unbase() { base = null; $("based").hidden = true; delete document.documentElement.dataset.base; }
$("file").onchange = () => { uploaded = null; unbase(); edits = []; showEdits(); };
$("upload").onchange = async () => {
  const f = $("upload").files[0];
  if (!f) return;
  if (f.size > maxUpload) { $("status").textContent = T.tooLarge.replace("%d", maxUpload); return; }
  uploaded = await f.text(); unbase(); edits = []; showEdits(); $("status").textContent = T.uploaded + ": " + f.name;
};
// The browser test's tour: plan the scenario asked (file), apply a way
// out (way=N) when asked, pin a shift on a person-day (staff, date, shift)
// by clicking, re-plan, and report the grid.
async function autotest() {
  const waitReady = n => new Promise(r => { const t = setInterval(() => { if (Number(document.documentElement.dataset.ready || 0) >= n) { clearInterval(t); r(); } }, 50); });
  const params = new URLSearchParams(location.hash.slice("#autotest".length + 1));
  if (params.get("file")) $("file").value = params.get("file");
  await plan();
  if (params.get("way")) {
    // no roster: apply the way out asked, as its button does
    document.documentElement.dataset.first = result.status;
    await plan("/api/jobs/" + job.id + "/ways/" + params.get("way") + "?lang=" + document.documentElement.lang);
  }
  await waitReady(1);
  const doc = $("page").contentDocument;
  const staff = params.get("staff"), date = params.get("date"), shift = params.get("shift");
  doc.querySelector('tr[data-staff="' + staff + '"] td[data-date="' + date + '"]').click();
  $("editshift").value = shift;
  document.querySelector('#editor button[data-action="pin"]').click();
  await plan(); await waitReady(2);
  const cell = $("page").contentDocument.querySelector('tr[data-staff="' + staff + '"] td[data-date="' + date + '"]');
  document.documentElement.dataset.pinned = cell ? cell.textContent.trim() : "none";
  document.documentElement.dataset.last = result.status;
  document.documentElement.dataset.cells = $("page").contentDocument.querySelectorAll("table.grid tbody tr[data-staff] td[data-date]").length;
  document.documentElement.dataset.done = "true";
}
loadList().then(() => { if (location.hash.startsWith("#autotest")) autotest().catch(e => { document.documentElement.dataset.error = String(e); }); });
</script>
</body>
</html>
`
