// The booth scanner: every scan (camera or typed code) goes into a queue in IndexedDB first,
// so it works without a network; the queue is sent when the network is there. Each scan
// carries an id made here, so a queue sent twice records each meeting once. The device keeps
// no list of tickets: names and fits come back from the server after syncing.
"use strict";
(function () {
  const root = document.getElementById("booth");
  if (!root) { return; }
  const eventId = Number(root.dataset.event);
  const $ = (id) => document.getElementById(id);
  const input = $("booth-code");
  const results = $("booth-results");
  const SHORT_CODE = /^[A-Z0-9]{8}$/;
  let csrf = root.dataset.csrf;
  let db = null;
  let syncing = false;

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("jobfair-booth", 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore("pending", { keyPath: "id" }).createIndex("event", "event");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  function run(mode, action) {
    return new Promise((resolve, reject) => {
      const transaction = db.transaction("pending", mode);
      const request = action(transaction.objectStore("pending"));
      transaction.oncomplete = () => resolve(request ? request.result : undefined);
      transaction.onerror = () => reject(transaction.error);
    });
  }
  const pendingHere = () => run("readonly", (s) => s.index("event").getAll(eventId));

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  const clock = (iso) => new Date(iso).toLocaleTimeString(document.documentElement.lang || [], { hour: "2-digit", minute: "2-digit" });

  async function showStatus() {
    const badge = $("booth-online");
    badge.textContent = navigator.onLine ? badge.dataset.online : badge.dataset.offline;
    badge.classList.toggle("is-offline", !navigator.onLine);
    const count = db ? (await pendingHere()).length : 0;
    const pending = $("booth-pending");
    const template = count === 1 ? pending.dataset.one : pending.dataset.many;
    pending.textContent = count ? template.replace("%(count)s", count) : pending.dataset.none;
    pending.dataset.count = String(count);
    root.dataset.pending = String(count);
  }

  // One line per scan in "Just met": waiting, then what the server said.
  function line(record) {
    let item = document.getElementById("scan-" + record.id);
    if (!item) {
      item = document.createElement("li");
      item.id = "scan-" + record.id;
      item.className = "scan-result is-waiting";
      results.prepend(item);
    }
    // A typed short code is shown back; a scanned token (the ticket's secret) is not.
    const code = record.code.replace(/[\s-]/g, "").toUpperCase();
    item.textContent = clock(record.at) + " · " + (SHORT_CODE.test(code) ? code : results.dataset.qr);
    return item;
  }
  function answered(record, answer) {
    const item = line(record);
    item.classList.remove("is-waiting");
    item.textContent = clock(record.at) + " · ";
    const problem = { unknown: true, refused: true, withdrawn: true }[answer.result];
    item.classList.toggle("is-problem", Boolean(problem));
    if (problem) { item.append(results.dataset[answer.result]); return; }
    const link = document.createElement("a");
    link.href = answer.lead;
    link.textContent = answer.private ? results.dataset.open : answer.name;
    item.append(link);
    if (answer.private) { item.append(" · " + results.dataset.private); return; }
    const fits = document.createElement("ul");
    fits.className = "fits";
    for (const fit of answer.fits || []) {
      const entry = document.createElement("li");
      entry.append(fit.role + " ");
      const band = document.createElement("span");
      band.className = fit.band ? "band band-" + fit.band : "hint";
      band.textContent = fit.band ? fit.band_label : results.dataset.noFit;
      entry.append(band);
      if (fit.score) { entry.append(" " + fit.score); }
      fits.append(entry);
    }
    item.append(fits);
  }

  async function add(text) {
    const record = { id: newId(), event: eventId, code: text.trim(), at: new Date().toISOString() };
    await run("readwrite", (s) => s.add(record));
    line(record);
    const added = $("booth-added");
    added.textContent = added.dataset.template.replace("%(time)s", clock(record.at));
    added.hidden = false;
    input.focus();
    await showStatus();
    sync();
  }

  async function post(records) {
    return fetch(root.dataset.syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify({ scans: records.map((r) => ({ id: r.id, code: r.code, at: r.at })) }),
    });
  }
  async function freshToken() {
    const response = await fetch(root.dataset.tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (response.ok) { csrf = (await response.json()).csrf || csrf; }
  }
  const isJson = (response) => (response.headers.get("Content-Type") || "").startsWith("application/json");
  async function sync() {
    if (syncing || !navigator.onLine || !db) { return; }
    syncing = true;
    try {
      const records = await pendingHere();
      if (!records.length) { return; }
      let response = await post(records);
      if (response.status === 400 && !isJson(response)) {  // an expired CSRF token
        await freshToken();
        response = await post(records);
      }
      if (!response.ok || !isJson(response)) { return; }
      const answer = await response.json();
      const byId = new Map(records.map((r) => [r.id, r]));
      for (const result of answer.results) {
        if (byId.has(result.id)) { answered(byId.get(result.id), result); }
      }
      await run("readwrite", (s) => { records.forEach((r) => s.delete(r.id)); });
    } catch (error) {
      /* the network went away mid-way: the scans stay queued */
    } finally {
      syncing = false;
      await showStatus();
    }
  }

  function startCamera() {
    const box = $("camera");
    const video = $("camera-video");
    const canvas = $("camera-canvas");
    const detector = "BarcodeDetector" in window ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then((stream) => {
      box.hidden = false;
      video.srcObject = stream;
      video.play();
      const done = (text) => {
        stream.getTracks().forEach((t) => t.stop());
        box.hidden = true;
        add(text);
      };
      const look = () => {
        if (detector) {
          detector.detect(video).then((codes) => (codes.length ? done(codes[0].rawValue) : requestAnimationFrame(look)))
            .catch(() => requestAnimationFrame(look));
          return;
        }
        if (video.videoWidth && window.jsQR) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          const context = canvas.getContext("2d", { willReadFrequently: true });
          context.drawImage(video, 0, 0);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
          if (found && found.data) { done(found.data); return; }
        }
        requestAnimationFrame(look);
      };
      look();
    }).catch(() => { box.hidden = true; });
  }

  $("booth-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    // Cleared at once: the next code may be typed while this one is being stored.
    input.value = "";
    if (text.trim() && db) { add(text); }
  });
  $("booth-sync").addEventListener("click", sync);
  window.addEventListener("online", () => { showStatus(); sync(); });
  window.addEventListener("offline", showStatus);
  setInterval(sync, 20000);
  if (navigator.mediaDevices && ("BarcodeDetector" in window || window.jsQR)) {
    $("camera-start").hidden = false;
    $("camera-start").addEventListener("click", startCamera);
  }
  const logout = document.querySelector("form[action$='/auth/logout']");
  if (logout) {
    logout.addEventListener("submit", (event) => {
      if (Number(root.dataset.pending || 0) > 0 && !window.confirm($("booth-logout-warning").dataset.text)) {
        event.preventDefault();
      }
    });
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: root.dataset.swUrl.replace(/sw\.js$/, "") }).catch(() => {});
    caches.open("jobfair-booth-v1").then((cache) => cache.add(location.pathname)).catch(() => {});
  }
  openDb().then((opened) => {
    db = opened;
    return pendingHere();
  }).then((records) => {
    records.forEach(line);
    return showStatus();
  }).then(sync).then(() => {
    root.dataset.ready = "true";
    input.focus();
  });
})();
