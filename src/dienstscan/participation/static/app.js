/* Dienstscan participant page. Served by the facilitator's laptop; talks only to it.
 * Voorronde: walk through every item at one's own pace (position and device token kept on this phone).
 * Live: follow the item on the projector (WebSocket), answer and vote.
 * An answer counts as saved only when the laptop confirmed it ("Bewaard ✓"); otherwise it is sent again.
 * In both modes a WebSocket tells the page that the laptop is there (the connection state in the
 * header, on every screen) and when the facilitator ends the session ("Sessie afgelopen").
 * Accessibility: a tap keeps the focus on the chosen option (the buttons are updated, not rebuilt);
 * a new live question is announced (aria-live) and gets the focus only if the focus would be lost. */
"use strict";

(function () {
  var base = location.pathname.replace(/[^/]*$/, "");
  var state = { mode: null, items: [], index: 0, mine: {}, current: null, socket: null, pending: null,
                ended: false, retryTimer: null };
  /* Close codes of the server (server.py): the session ended; this phone opened the page elsewhere. */
  var CLOSE_ENDED = 4000;
  var CLOSE_REPLACED = 4001;
  var SECTIONS = ["laden", "vraag", "wachten", "klaar", "fout", "afgelopen"];

  function $(id) { return document.getElementById(id); }

  /* The phone's identity is issued by the laptop (an id with its own secret): kept in this
   * browser, asked for again when the laptop does not know it (another session). */
  var deviceKey = "dienstscan-apparaat";
  var device = "";
  try { device = localStorage.getItem(deviceKey) || ""; } catch (e) { device = ""; }

  function join() {
    return request("POST", "api/apparaat", {}).then(function (result) {
      if (result.status !== 200 || !result.payload.apparaat) { throw result; }
      device = result.payload.apparaat;
      try { localStorage.setItem(deviceKey, device); } catch (e) { /* private mode: this visit only */ }
    });
  }

  function unknownDevice(result) {
    return result.status === 403 && result.payload && result.payload.reden === "apparaat";
  }
  var placeKey = "dienstscan-plek-" + base;

  function visibleSection() {
    for (var i = 0; i < SECTIONS.length; i++) { if (!$(SECTIONS[i]).hidden) { return SECTIONS[i]; } }
    return null;
  }

  /* Show one screen; when the focus was on the screen that goes away, it moves to the new heading
   * (never back to the top of the page). */
  function show(section) {
    var before = visibleSection();
    var hadFocus = before && before !== section && $(before).contains(document.activeElement);
    SECTIONS.forEach(function (name) { $(name).hidden = name !== section; });
    if (hadFocus) { focusHeading(section); }
  }

  function focusHeading(section) {
    var heading = $(section).querySelector("h2");
    if (heading) { heading.focus(); }
  }

  function announce(text) {
    var el = $("aankondiging");
    el.textContent = "";
    /* a new text in a live region is read out; the short pause makes the same text read again */
    setTimeout(function () { el.textContent = text; }, 50);
  }

  /* The connection state, shown in the header on every screen: "verbonden", "verbinden", "weg",
   * "geen" (loading failed: the retry button), "elders" (this phone opened the page again) or
   * "afgelopen". */
  var CONNECTION = {
    verbinden: "Verbinden met de laptop…",
    verbonden: "Verbonden met de laptop",
    weg: "Verbinding even weg; opnieuw verbinden…",
    geen: "Geen verbinding met de laptop",
    elders: "Deze pagina is op deze telefoon opnieuw geopend; gebruik die.",
    afgelopen: "Sessie afgelopen"
  };

  function setConnection(kind) {
    var el = $("verbinding");
    if (el.getAttribute("data-staat") === kind) { return; }
    el.setAttribute("data-staat", kind);
    el.textContent = CONNECTION[kind];
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

  /* The answer buttons of an item are made once; a tap only changes aria-pressed, so the focus
   * stays on the button that was tapped. */
  function renderOptions(item, mine) {
    var list = $("opties");
    if (list.getAttribute("data-item") !== item.id) {
      list.textContent = "";
      item.options.forEach(function (option) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "keuze";
        button.textContent = option.label;
        button.setAttribute("data-optie", option.id);
        button.addEventListener("click", function () { send(item.id, { optie: option.id }); });
        list.appendChild(button);
      });
      list.setAttribute("data-item", item.id);
    }
    Array.prototype.forEach.call(list.children, function (button) {
      button.setAttribute("aria-pressed", String(mine.option === button.getAttribute("data-optie")));
    });
  }

  function render() {
    if (state.ended) { show("afgelopen"); return; }
    var item = currentItem();
    if (!item) {
      if (state.mode === "live") { show("wachten"); } else { show("klaar"); }
      return;
    }
    var mine = mineFor(item.id);
    if ($("tekst").getAttribute("data-item") !== item.id) {
      $("plaats").textContent = item.context;
      $("tekst").textContent = item.text;
      $("tekst").setAttribute("data-item", item.id);
      $("detail").textContent = item.detail;
      $("detail").hidden = !item.detail;
      $("uitleg").textContent = item.explanation;
      $("uitleg-blok").hidden = !item.explanation;
    }
    var focusLost = !$("vraag").hidden && $("opties").contains(document.activeElement) &&
      $("opties").getAttribute("data-item") !== item.id;
    renderOptions(item, mine);
    show("vraag");
    if (focusLost) { $("tekst").focus(); }  /* the tapped button went with the old question */
    $("stemmen").hidden = state.mode !== "live";
    Array.prototype.forEach.call(document.querySelectorAll("[data-stem]"), function (button) {
      button.setAttribute("aria-pressed", String(mine.vote === button.getAttribute("data-stem")));
    });
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
      credentials: "same-origin"  /* after a typed code the session's cookie opens the way */
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (payload) {
        return { status: response.status, payload: payload };
      });
    });
  }

  function send(itemId, values, rejoined) {
    if (state.ended) { return; }
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
        if (state.socket && state.socket.readyState === 1) { setConnection("verbonden"); }
        setStatus("Bewaard ✓ (u kunt het nog wijzigen)", "goed");
      } else if (unknownDevice(result) && !rejoined) {
        state.pending = null;
        join().then(function () { send(itemId, values, true); }, function () { retry(body); });
      } else if (result.status === 503 || result.status === 429) {
        setStatus((result.payload.melding || "Nog niet bewaard.") + " Wordt opnieuw verstuurd…", "fout");
        retry(body);
      } else {
        state.pending = null;
        setStatus(result.payload.melding || "Niet bewaard (fout " + result.status + ").", "fout");
      }
    }).catch(function () {
      setConnection("weg");
      setStatus("Geen verbinding met de laptop. Wordt opnieuw verstuurd…", "fout");
      retry(body);
    });
  }

  function retry(body) {
    setTimeout(function () {
      if (state.pending === body && !state.ended) {
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
    if (!$("vraag").hidden) { $("tekst").focus(); } else { focusHeading(visibleSection()); }
  }

  function end() {
    if (state.ended) { return; }
    state.ended = true;
    setConnection("afgelopen");
    $("voortgang").textContent = "";
    $("afgelopen-onbewaard").hidden = !state.pending;
    show("afgelopen");
    focusHeading("afgelopen");
    announce("De sessie is afgelopen.");
  }

  function onStand(message) {
    if (message.modus && state.mode && message.modus !== state.mode) { load(); return; }
    if (state.mode !== "live") { return; }
    var before = state.current && state.current.id;
    state.current = message.item;
    if (!message.item || message.item.id !== before) {
      setStatus("", "");
      render();
      if (message.item) {
        announce("Nieuwe vraag: " + message.item.text);
      } else if (before) {
        announce("Even wachten: de volgende vraag komt op het scherm.");
      }
    }
  }

  function connect() {
    if (state.ended || !device) { return; }
    if (state.socket && state.socket.readyState <= 1) { return; }  /* connecting or open */
    clearTimeout(state.retryTimer);
    if ($("verbinding").getAttribute("data-staat") !== "weg") { setConnection("verbinden"); }
    var url = location.href.replace(/^http/, "ws").replace(/[?#].*$/, "").replace(/[^/]*$/, "") +
      "ws?apparaat=" + encodeURIComponent(device);
    var socket = new WebSocket(url);
    var opened = false;
    state.socket = socket;
    socket.onopen = function () { opened = true; setConnection("verbonden"); };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === "einde") { end(); } else if (message.type === "stand") { onStand(message); }
    };
    socket.onclose = function (event) {
      if (event.code === CLOSE_ENDED) { end(); return; }
      if (state.ended) { return; }
      if (event.code === CLOSE_REPLACED) { setConnection("elders"); return; }
      setConnection("weg");
      if (opened) { state.retryTimer = setTimeout(connect, 2000); } else { state.retryTimer = setTimeout(probe, 2000); }
    };
  }

  /* The live connection was refused: ask the laptop why (a WebSocket cannot say). A restarted
   * session that no longer knows this phone: sign on again; an address that is no longer a
   * session: say so; the laptop away or busy: keep trying. */
  function probe() {
    if (state.ended) { return; }
    request("GET", "api/sessie?apparaat=" + encodeURIComponent(device)).then(function (result) {
      if (result.status === 200) {
        connect();
      } else if (unknownDevice(result)) {
        device = "";
        load(true);
      } else if (result.status === 403 || result.status === 404) {
        setConnection("geen");
        fail(result.payload.melding || "Deze sessie bestaat niet meer. Scan de QR-code op het scherm opnieuw.");
      } else {
        state.retryTimer = setTimeout(probe, 2000);
      }
    }).catch(function () { state.retryTimer = setTimeout(probe, 2000); });
  }

  function load(rejoined) {
    if (state.ended) { return; }
    show("laden");
    (device ? Promise.resolve() : join()).then(function () {
      return request("GET", "api/sessie?apparaat=" + encodeURIComponent(device));
    }).then(function (result) {
      if (unknownDevice(result) && rejoined !== true) {
        device = "";
        load(true);
        return;
      }
      if (result.status !== 200) {
        fail(result.payload.melding || "De sessie is niet bereikbaar (fout " + result.status + ").");
        return;
      }
      var data = result.payload;
      state.mode = data.modus;
      state.items = data.items;
      state.mine = data.mijn || {};
      state.current = data.item;
      $("titel").textContent = data.titel;
      var saved = 0;
      try { saved = parseInt(localStorage.getItem(placeKey) || "0", 10) || 0; } catch (e) { saved = 0; }
      state.index = Math.max(0, Math.min(state.items.length, saved));
      render();
      connect();
    }).catch(function (result) {
      if (result && result.status) {
        fail((result.payload && result.payload.melding) || "Aanmelden lukte niet (fout " + result.status + ").");
      } else {
        setConnection("geen");
        fail("De laptop van de begeleider is niet bereikbaar. Zit u op hetzelfde wifi-netwerk?");
      }
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
  $("opnieuw").addEventListener("click", function () { load(); });
  setConnection("verbinden");
  load();
})();
