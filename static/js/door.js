// The offline door app: keeps the event's check-in list in IndexedDB, finds tickets by
// scanned QR token (hashed here, as the list holds only hashes) or typed short code,
// queues check-ins on the device and syncs them when the network is there.
"use strict";
(function () {
  const root = document.getElementById("door");
  if (!root) { return; }
  const eventId = Number(root.dataset.event);
  const $ = (id) => document.getElementById(id);
  const input = $("door-code");
  const CODE = /^[ACDEFGHJKLMNPQRTUVWXY3479]{8}$/;
  let csrf = root.dataset.csrf;
  let db = null;
  let list = null;
  let byHash = new Map();
  let byCode = new Map();
  let current = null;
  let syncing = false;

  // --- IndexedDB -------------------------------------------------------------------
  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("jobfair-door", 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore("lists", { keyPath: "event" });
        request.result.createObjectStore("pending", { keyPath: "id", autoIncrement: true })
          .createIndex("event", "event");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  function run(store, mode, action) {
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(store, mode);
      const request = action(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(request ? request.result : undefined);
      transaction.onerror = () => reject(transaction.error);
    });
  }
  const pendingHere = () => run("pending", "readonly", (s) => s.index("event").getAll(eventId));

  // --- the list ----------------------------------------------------------------------
  function useList(data) {
    list = data;
    byHash = new Map();
    byCode = new Map();
    for (const ticket of data.tickets) {
      byHash.set(ticket.h, ticket);
      byCode.set(ticket.c, ticket);
    }
  }
  async function loadList() {
    let stored = await run("lists", "readonly", (s) => s.get(eventId));
    if (navigator.onLine) {
      try {
        const response = await fetch(root.dataset.listUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
        const type = response.headers.get("Content-Type") || "";
        if (response.ok && type.startsWith("application/json")) {
          const data = await response.json();
          csrf = data.csrf || csrf;
          delete data.csrf;
          await run("lists", "readwrite", (s) => s.put(data));
          stored = data;
        }
      } catch (error) { /* offline after all: keep the stored list */ }
    }
    const listNote = $("door-list");
    if (stored && Date.parse(stored.expires_at) < Date.now()) {
      await run("lists", "readwrite", (s) => s.delete(eventId));
      stored = null;
      listNote.textContent = listNote.dataset.expired;
    }
    if (stored) {
      useList(stored);
      for (const record of await pendingHere()) {
        const ticket = byCode.get(record.code);
        if (ticket && (!ticket.local || record.at < ticket.local)) { ticket.local = record.at; }
      }
      const time = new Date(stored.downloaded_at).toLocaleTimeString(document.documentElement.lang || [], { hour: "2-digit", minute: "2-digit" });
      listNote.textContent = listNote.dataset.template
        .replace("%(count)s", stored.tickets.length.toLocaleString()).replace("%(time)s", time);
    } else if (!listNote.dataset.expiredShown) {
      listNote.textContent = listNote.dataset.missing;
    }
  }

  // --- status --------------------------------------------------------------------------
  async function showStatus() {
    const badge = $("door-online");
    badge.textContent = navigator.onLine ? badge.dataset.online : badge.dataset.offline;
    badge.classList.toggle("is-offline", !navigator.onLine);
    const count = (await pendingHere()).length;
    const pending = $("door-pending");
    const template = count === 1 ? pending.dataset.one : pending.dataset.many;
    pending.textContent = count ? template.replace("%(count)s", count) : pending.dataset.none;
    pending.dataset.count = String(count);
    root.dataset.pending = String(count);
  }

  // --- finding and checking in -----------------------------------------------------
  async function sha256(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  async function find(text) {
    const code = text.replace(/[\s-]/g, "").toUpperCase();
    if (CODE.test(code) && byCode.has(code)) { return byCode.get(code); }
    return byHash.get(await sha256(text.trim())) || null;
  }
  const clock = (iso) => new Date(iso).toLocaleTimeString(document.documentElement.lang || [], { hour: "2-digit", minute: "2-digit" });
  function show(ticket) {
    current = ticket;
    $("door-unknown").hidden = Boolean(ticket);
    $("door-found").hidden = !ticket;
    if (!ticket) { input.select(); return; }
    $("door-name").textContent = ticket.n + (ticket.k ? " · " + ticket.k : "");
    const state = $("door-state");
    const at = ticket.t || ticket.local;
    const confirm = $("door-confirm");
    // Someone already checked in gets no big button: there is nothing to confirm.
    confirm.hidden = Boolean(at);
    state.textContent = at ? state.dataset.already.replace("%(time)s", clock(at)) : "";
    state.classList.toggle("already", Boolean(at));
    if (at) { input.select(); } else { confirm.focus(); }
  }
  async function checkIn() {
    if (!current || current.t || current.local) { return; }
    const at = new Date().toISOString();
    await run("pending", "readwrite", (s) => s.add({ event: eventId, code: current.c, at: at }));
    current.local = at;
    $("door-confirm").hidden = true;
    const state = $("door-state");
    state.textContent = state.dataset.done.replace("%(time)s", clock(at));
    input.value = "";
    input.focus();
    await showStatus();
    sync();
  }

  // --- sync ------------------------------------------------------------------------------
  async function post(records) {
    return fetch(root.dataset.syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify({ checkins: records.map((r) => ({ code: r.code, at: r.at })) }),
    });
  }
  async function sync() {
    if (syncing || !navigator.onLine || !db) { return; }
    syncing = true;
    try {
      const records = await pendingHere();
      if (!records.length) { return; }
      let response = await post(records);
      if (response.status === 400) {  // an expired CSRF token: the list brings a new one
        await loadList();
        response = await post(records);
      }
      if (!response.ok || !(response.headers.get("Content-Type") || "").startsWith("application/json")) { return; }
      const answer = await response.json();
      for (const result of answer.results) {
        const ticket = byCode.get(result.code);
        if (ticket && result.checked_in_at) { ticket.t = result.checked_in_at; }
      }
      await run("pending", "readwrite", (s) => { records.forEach((r) => s.delete(r.id)); });
    } catch (error) {
      /* the network went away mid-way: the records stay queued */
    } finally {
      syncing = false;
      await showStatus();
    }
  }

  // --- camera ----------------------------------------------------------------------------
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
        input.value = text;
        find(text).then(show);
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
          const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
          if (code && code.data) { done(code.data); return; }
        }
        requestAnimationFrame(look);
      };
      look();
    }).catch(() => { box.hidden = true; });
  }

  // --- wiring ----------------------------------------------------------------------------
  $("door-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.value.trim()) { find(input.value).then(show); }
  });
  $("door-confirm").addEventListener("click", checkIn);
  window.addEventListener("online", () => { showStatus(); loadList().then(sync); });
  window.addEventListener("offline", showStatus);
  setInterval(sync, 20000);
  // Walk-ins and other doors' check-ins arrive with a fresh list every few minutes.
  setInterval(() => { if (navigator.onLine && !syncing) { loadList(); } }, 300000);
  if (navigator.mediaDevices && ("BarcodeDetector" in window || window.jsQR)) {
    $("camera-start").hidden = false;
    $("camera-start").addEventListener("click", startCamera);
  }
  const logout = document.querySelector("form[action$='/auth/logout']");
  if (logout) {
    logout.addEventListener("submit", (event) => {
      if (Number(root.dataset.pending || 0) > 0 && !window.confirm($("door-logout-warning").dataset.text)) {
        event.preventDefault();
      }
    });
  }
  if ("serviceWorker" in navigator) {
    const worker = root.dataset.swUrl;
    navigator.serviceWorker.register(worker, { scope: worker.replace(/sw\.js$/, "") }).catch(() => {});
    caches.open("jobfair-door-v1").then((cache) => cache.add(location.pathname)).catch(() => {});
  }
  openDb().then((opened) => {
    db = opened;
    return loadList();
  }).then(showStatus).then(sync).then(() => {
    root.dataset.ready = "true";
    input.focus();
  });
})();
