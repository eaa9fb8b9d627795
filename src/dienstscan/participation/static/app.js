/* Dienstscan participant page. Served by the facilitator's laptop; talks only to it.
 * Voorronde: walk through every item at one's own pace (position and device id kept on this phone).
 * Live: follow the item on the projector (WebSocket), answer and vote. The WebSocket is open in both
 * rounds, so a switch of round and an item that closes reach the phone at once (issue 25).
 * An answer counts as saved only when the laptop confirmed it ("Bewaard ✓"); otherwise it is sent again. */
"use strict";

(function () {
  var base = location.pathname.replace(/[^/]*$/, "");
  var state = { mode: null, items: [], index: 0, mine: {}, current: null, socket: null, pending: null, open: true };

  function $(id) { return document.getElementById(id); }

  function deviceId() {
    var key = "dienstscan-apparaat";
    var id = null;
    try { id = localStorage.getItem(key); } catch (e) { id = null; }
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      var bytes = new Uint8Array(16);
      (window.crypto || window.msCrypto).getRandomValues(bytes);
      id = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      try { localStorage.setItem(key, id); } catch (e) { /* private mode: this visit only */ }
    }
    return id;
  }
  var device = deviceId();
  var placeKey = "dienstscan-plek-" + base;

  function show(section) {
    ["laden", "vraag", "wachten", "klaar", "fout"].forEach(function (name) { $(name).hidden = name !== section; });
  }

  function setStatus(text, kind) {
    var el = $("status");
    el.textContent = text;
    el.className = kind || "";
  }

  function mineFor(itemId) {
    if (!state.mine[itemId]) { state.mine[itemId] = { option: null, comment: null, vote: null }; }
    return state.mine[itemId];
  }

  function currentItem() {
    return state.mode === "live" ? state.current : state.items[state.index];
  }

  function render() {
    var item = currentItem();
    if (!item) {
      if (state.mode === "live") { show("wachten"); } else { show("klaar"); }
      return;
    }
    show("vraag");
    var mine = mineFor(item.id);
    $("plaats").textContent = item.context;
    $("tekst").textContent = item.text;
    $("detail").textContent = item.detail;
    $("detail").hidden = !item.detail;
    $("uitleg").textContent = item.explanation;
    $("uitleg-blok").hidden = !item.explanation;
    var list = $("opties");
    list.textContent = "";
    item.options.forEach(function (option) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "keuze";
      button.textContent = option.label;
      button.setAttribute("aria-pressed", String(mine.option === option.id));
      button.disabled = !state.open;
      button.addEventListener("click", function () { send(item.id, { optie: option.id }); });
      list.appendChild(button);
    });
    $("stemmen").hidden = state.mode !== "live";
    Array.prototype.forEach.call(document.querySelectorAll("[data-stem]"), function (button) {
      button.setAttribute("aria-pressed", String(mine.vote === button.getAttribute("data-stem")));
      button.disabled = !state.open;
    });
    $("gesloten").hidden = state.open;
    var voorronde = state.mode === "voorronde";
    $("opmerking-blok").hidden = !voorronde;
    $("stappen").hidden = !voorronde;
    if (voorronde) {
      if (document.activeElement !== $("opmerking")) { $("opmerking").value = mine.comment || ""; }
      $("voortgang").textContent = "Vraag " + (state.index + 1) + " van " + state.items.length +
        " · " + countAnswered() + " beantwoord";
      $("vorige").disabled = state.index === 0;
      $("volgende").textContent = state.index === state.items.length - 1 ? "Afronden ›" : "Volgende ›";
    } else {
      $("voortgang").textContent = "Live: de vraag op het scherm";
    }
  }

  function countAnswered() {
    return state.items.filter(function (item) { return state.mine[item.id] && state.mine[item.id].option; }).length;
  }

  function fail(text) {
    $("fout-tekst").textContent = text;
    show("fout");
  }

  function request(method, path, body) {
    return fetch(base + path, {
      method: method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
      cache: "no-store",
      credentials: "omit"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (payload) {
        return { status: response.status, payload: payload };
      });
    });
  }

  function send(itemId, values) {
    var body = { apparaat: device, item: itemId };
    Object.keys(values).forEach(function (k) { body[k] = values[k]; });
    var mine = mineFor(itemId);
    if ("optie" in values) { mine.option = values.optie; }
    if ("stem" in values) { mine.vote = values.stem; }
    if ("opmerking" in values) { mine.comment = values.opmerking; }
    render();
    setStatus("Versturen…", "");
    state.pending = body;
    request("POST", "api/antwoord", body).then(function (result) {
      if (result.status === 200) {
        if (state.pending === body) { state.pending = null; }
        setStatus("Bewaard ✓ (u kunt het nog wijzigen)", "goed");
      } else if (result.status === 409) {
        state.pending = null;
        state.open = false;
        render();
        setStatus(result.payload.melding || "Deze vraag is gesloten.", "fout");
      } else if (result.status === 503 || result.status === 429) {
        setStatus((result.payload.melding || "Nog niet bewaard.") + " Wordt opnieuw verstuurd…", "fout");
        retry(body);
      } else {
        state.pending = null;
        setStatus(result.payload.melding || "Niet bewaard (fout " + result.status + ").", "fout");
      }
    }).catch(function () {
      setStatus("Geen verbinding met de laptop. Wordt opnieuw verstuurd…", "fout");
      retry(body);
    });
  }

  function retry(body) {
    setTimeout(function () {
      if (state.pending === body) {
        var values = {};
        ["optie", "stem", "opmerking"].forEach(function (k) { if (k in body) { values[k] = body[k]; } });
        send(body.item, values);
      }
    }, 2000);
  }

  function saveComment() {
    var item = currentItem();
    if (!item) { return; }
    var text = $("opmerking").value.trim();
    if (text !== (mineFor(item.id).comment || "")) { send(item.id, { opmerking: text }); }
  }

  function go(step) {
    saveComment();
    state.index = Math.max(0, Math.min(state.items.length, state.index + step));
    try { localStorage.setItem(placeKey, String(state.index)); } catch (e) { /* no storage: start at 1 */ }
    setStatus("", "");
    render();
    window.scrollTo(0, 0);
    var heading = $("tekst");
    if (heading && !$("vraag").hidden) { heading.focus(); }
  }

  function connectLive() {
    if (state.socket) { return; }
    var url = location.href.replace(/^http/, "ws").replace(/[^/]*$/, "") + "ws?apparaat=" + encodeURIComponent(device);
    var socket = new WebSocket(url);
    state.socket = socket;
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type !== "stand") { return; }
      document.documentElement.setAttribute("data-verbinding", "open");  // connected: the laptop's state came in
      if (message.modus !== state.mode) {
        // the facilitator switched between Voorronde and Live: follow at once, no reload needed
        if (message.modus === "live") { state.mode = "live"; state.mine = {}; } else { load(); return; }
      }
      state.open = message.open !== false;
      var before = state.current && state.current.id;
      state.current = message.item;
      if (!message.item || message.item.id !== before) { setStatus("", ""); }
      $("wacht-status").textContent = "";
      render();
    };
    socket.onclose = function () {
      if (state.socket === socket) { state.socket = null; }
      document.documentElement.setAttribute("data-verbinding", "weg");
      $("wacht-status").textContent = "Verbinding even weg; opnieuw verbinden…";
      setTimeout(connectLive, 2000);
    };
  }

  function load() {
    show("laden");
    request("GET", "api/sessie?apparaat=" + encodeURIComponent(device)).then(function (result) {
      if (result.status !== 200) {
        fail(result.payload.melding || "De sessie is niet bereikbaar (fout " + result.status + ").");
        return;
      }
      var data = result.payload;
      state.mode = data.modus;
      state.items = data.items;
      state.mine = data.mijn || {};
      state.current = data.item;
      state.open = data.open !== false;
      $("titel").textContent = data.titel;
      var saved = 0;
      try { saved = parseInt(localStorage.getItem(placeKey) || "0", 10) || 0; } catch (e) { saved = 0; }
      state.index = Math.max(0, Math.min(state.items.length, saved));
      render();
      connectLive();  // both rounds: a switch to Live, a closed item or a closed voorronde comes in at once
    }).catch(function () {
      fail("De laptop van de begeleider is niet bereikbaar. Zit u op hetzelfde wifi-netwerk?");
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-stem]"), function (button) {
    button.addEventListener("click", function () {
      var item = currentItem();
      if (item) { send(item.id, { stem: button.getAttribute("data-stem") }); }
    });
  });
  $("opmerking-bewaren").addEventListener("click", saveComment);
  $("vorige").addEventListener("click", function () { go(-1); });
  $("volgende").addEventListener("click", function () { go(1); });
  $("terug").addEventListener("click", function () { state.index = 0; go(0); });
  $("opnieuw").addEventListener("click", load);
  load();
})();
