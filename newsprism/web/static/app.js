// newsprism web UI: the only script (CSP script-src 'self'). It never writes HTML:
// every value from the server goes into the page through textContent or an href
// built from encodeURIComponent.
"use strict";

(function () {
  const $ = (sel) => document.querySelector(sel);

  function el(tag, text, href) {
    const node = document.createElement(tag);
    if (href) {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      node.appendChild(a);
    } else {
      node.textContent = text;
    }
    return node;
  }

  function fill(list, items) {
    if (!list) return;
    list.replaceChildren(...items);
  }

  function renderJob(job) {
    const section = $("#job");
    if (!section) return;
    section.hidden = false;
    section.dataset.job = job.id;
    section.dataset.state = job.state;
    const done = Object.values(job.progress || {}).reduce((m, n) => Math.max(m, n), 0);
    const total = Math.max(job.total || 0, 1);
    $("#job-state").textContent = job.done
      ? (job.state === "done" ? "Analysed: " : "Failed: ") + job.articles.length + " article(s), " + job.stories.length + " story(ies)"
      : (job.state === "queued" ? "Waiting…" : "Analysing… " + done + " / " + total);
    const bar = $("#job-progress");
    bar.max = total;
    bar.value = job.done ? total : Math.min(done, total);
    fill($("#job-stages"), Object.entries(job.progress || {}).map(([s, n]) => el("li", s + ": " + n)));
    fill($("#job-stories"), job.stories.map((s) => el("li", s.title || s.id, "/stories/" + encodeURIComponent(s.id))));
    fill($("#job-articles"), job.articles.map((a) => el("li", (a.outlet ? a.outlet + " — " : "") + (a.title || a.id),
      "/articles/" + encodeURIComponent(a.id))));
    fill($("#job-errors"), job.errors.map((e) => el("li", "[" + e.code + "] " + e.source + ": " + e.message)));
  }

  async function poll(jobId) {
    for (;;) {
      const res = await fetch("/jobs/" + encodeURIComponent(jobId) + ".json", { headers: { Accept: "application/json" } });
      const body = await res.json();
      if (!res.ok) { $("#job-state").textContent = body.error ? body.error.message : "error"; return; }
      renderJob(body.job);
      if (body.job.done) return;
      await new Promise((r) => setTimeout(r, 400));
    }
  }

  // The token can come in the URL fragment (never sent to the server): /add#token=… or /stories/ID#token=…;
  // it fills every token field of the session's pages (the upload form, the story's correction forms).
  const m = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (m) { sessionStorage.setItem("newsprism-token", decodeURIComponent(m[1])); history.replaceState(null, "", location.pathname + location.search); }
  const saved = sessionStorage.getItem("newsprism-token") || "";
  document.querySelectorAll("#token, input.token").forEach((input) => {
    if (!input.value) input.value = saved;
    input.form && input.form.addEventListener("submit", () => {
      if (input.value) sessionStorage.setItem("newsprism-token", input.value);
    });
  });

  const form = $("#upload-form");
  if (form) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const token = String(data.get("token") || "");
      data.delete("token");
      if (token) sessionStorage.setItem("newsprism-token", token);
      $("#job").hidden = false;
      $("#job-state").textContent = "Uploading…";
      const res = await fetch(form.action, { method: "POST", body: data,
        headers: { Authorization: "Bearer " + token, Accept: "application/json" } });
      const body = await res.json();
      if (!res.ok) { $("#job-state").textContent = "Refused: " + (body.error ? body.error.message : res.status); return; }
      renderJob(body.job);
      poll(body.job.id);
    });
  }

  // A job page polls itself until the job ends.
  const job = $("#job[data-job]");
  if (job && !form && job.dataset.job) poll(job.dataset.job);

  // An article opened from a citation: bring the highlighted span into view.
  const target = document.getElementById("hl");
  if (target) target.scrollIntoView({ block: "center" });
})();
