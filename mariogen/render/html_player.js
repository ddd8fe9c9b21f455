// mariogen report page: plays the recorded plays of one level on a canvas.
// The data (the #mariogen-data element) is written by mariogen/render/html_data.py: frame 0
// is the start, frame i the state after iteration i; positions are engine pixels (Mario's
// feet), drawn at data.scale canvas pixels each. window.mariogenPlayer exposes the state.
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("mariogen-data").textContent);
  if (data.format !== "mariogen-player" || data.version !== 1) {
    throw new Error("mariogen report: unknown player data " + data.format + " " + data.version);
  }
  const S = data.scale;
  const level = data.level;
  const tracks = data.tracks;
  const last = Math.max(...tracks.map((t) => t.n));
  const view = document.getElementById("view");
  const ctx = view.getContext("2d");
  const overview = document.getElementById("overview");
  const octx = overview.getContext("2d");
  const $ = (id) => document.getElementById(id);
  const state = {
    frame: 0,
    playing: false,
    speed: 1,
    follow: 0,
    shown: tracks.map(() => true),
    path: true,
    events: true,
    camera: 0,
    drawn: {},
    ready: false,
  };

  const picture = (src) => {
    const img = new Image();
    img.src = src;
    return img;
  };
  const chunks = level.chunks.map((c) => ({ x: c.x, width: c.width, img: picture(c.src) }));
  const marios = data.mario.map((faces) => {
    const out = {};
    for (const key of Object.keys(faces)) {
      out[key] = { img: picture(faces[key].src), width: faces[key].width, height: faces[key].height };
    }
    return out;
  });

  const positionOf = (t, frame) => Math.min(frame, t.n);

  function drawLevel(c, x0, k) {
    c.fillStyle = data.sky;
    c.fillRect(0, 0, c.canvas.width, c.canvas.height);
    for (const chunk of chunks) {
      const left = (chunk.x - x0) * k;
      if (left < c.canvas.width && left + chunk.width * k > 0) {
        c.drawImage(chunk.img, Math.round(left), 0, chunk.width * k, level.height * k);
      }
    }
  }

  function drawPath(c, t, upto, x0, k, width) {
    if (upto < 1) return;
    c.strokeStyle = t.color;
    c.lineWidth = width;
    c.lineJoin = "round";
    c.beginPath();
    c.moveTo((t.x[0] * S - x0) * k, t.y[0] * S * k);
    for (let i = 1; i <= upto; i++) c.lineTo((t.x[i] * S - x0) * k, t.y[i] * S * k);
    c.stroke();
  }

  function drawMarkers(c, t, upto, x0) {
    const r = Math.max(3, Math.round(4 * S));
    c.lineWidth = 2;
    for (const [frame, kind, ex, ey] of t.events) {
      if (frame > upto) break;
      const x = Math.round(ex * S - x0);
      const y = Math.round(ey * S);
      if (x < -r || x > c.canvas.width + r) continue;
      c.strokeStyle = c.fillStyle = data.markers[kind];
      c.beginPath();
      if (kind === "kill") {
        const cy = y - 8 * S;
        c.moveTo(x - r, cy - r); c.lineTo(x + r, cy + r);
        c.moveTo(x - r, cy + r); c.lineTo(x + r, cy - r);
        c.stroke();
      } else if (kind === "coin") {
        c.arc(x, y - 8 * S, r, 0, 2 * Math.PI);
        c.stroke();
      } else {
        c.moveTo(x - r, y); c.lineTo(x + r, y); c.lineTo(x, y - r);
        c.closePath();
        c.fill();
      }
    }
  }

  function drawMario(t, index, p) {
    const sprite = marios[Number(t.mode[p])][t.facing[p]];
    const x = t.x[p];
    const y = t.y[p];
    const left = Math.round(x * S - sprite.width / 2 - state.camera);
    const top = Math.round(y * S - sprite.height);
    ctx.drawImage(sprite.img, left, top);
    const size = Math.round(6 * S);
    const centre = left + sprite.width / 2;
    ctx.font = "bold " + size + "px sans-serif";
    ctx.textAlign = "center";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#ffffff";
    ctx.strokeText(t.name, centre, top - 3);
    ctx.fillStyle = t.color;
    ctx.fillText(t.name, centre, top - 3);
    const ink = ctx.measureText(t.name);
    state.drawn[t.name] = {
      index, frame: p, x, y, left, top, width: sprite.width, height: sprite.height,
      mode: Number(t.mode[p]), facing: t.facing[p],
      label: {  // the text's ink, outline excluded
        left: Math.floor(centre - ink.actualBoundingBoxLeft),
        top: Math.floor(top - 3 - ink.actualBoundingBoxAscent),
        width: Math.ceil(ink.actualBoundingBoxLeft + ink.actualBoundingBoxRight),
        height: Math.ceil(ink.actualBoundingBoxAscent + ink.actualBoundingBoxDescent),
      },
    };
  }

  function drawOverview() {
    const k = overview.width / level.width;
    drawLevel(octx, 0, k);
    tracks.forEach((t, i) => {
      if (!state.shown[i]) return;
      const p = positionOf(t, state.frame);
      if (state.path) drawPath(octx, t, p, 0, k, 2);
      octx.fillStyle = t.color;
      octx.fillRect(Math.round(t.x[p] * S * k) - 3, Math.round(t.y[p] * S * k) - 6, 6, 6);
    });
    octx.strokeStyle = "#ffffff";
    octx.lineWidth = 2;
    octx.strokeRect(state.camera * k + 1, 1, view.width * k - 2, overview.height - 2);
  }

  function draw() {
    const order = tracks.map((_, i) => i).filter((i) => state.shown[i]);
    const focus = state.shown[state.follow] ? state.follow : order[0];
    if (focus !== undefined) {
      const t = tracks[focus];
      const x = t.x[positionOf(t, state.frame)] * S;
      state.camera = Math.round(Math.min(Math.max(x - view.width / 2, 0), level.width - view.width));
    }
    state.camera = Math.max(0, state.camera);
    drawLevel(ctx, state.camera, 1);
    state.drawn = {};
    for (const i of order) {
      const t = tracks[i];
      const p = positionOf(t, state.frame);
      if (state.path) drawPath(ctx, t, p, state.camera, 1, Math.max(1, Math.round(S)));
      if (state.events) drawMarkers(ctx, t, p, state.camera);
    }
    // The followed play is drawn last, on top of the others.
    for (const i of order.filter((j) => j !== focus).concat(focus === undefined ? [] : [focus])) {
      drawMario(tracks[i], i, positionOf(tracks[i], state.frame));
    }
    drawOverview();
    $("scrub").value = String(state.frame);
    const seconds = (state.frame * data.tick_ms / 1000).toFixed(2);
    $("frame").textContent = "frame " + state.frame + " / " + last + " (" + seconds + " s)";
    $("play").textContent = state.playing ? "Pause" : "Play";
  }

  function seek(frame) {
    state.frame = Math.min(Math.max(Math.round(Number(frame)) || 0, 0), last);
    draw();
  }

  let clock = null;
  let owed = 0;
  function animate(now) {
    if (!state.playing) { clock = null; return; }
    if (clock !== null) {
      owed += (now - clock) * state.speed;
      const steps = Math.floor(owed / data.tick_ms);
      if (steps > 0) {
        owed -= steps * data.tick_ms;
        state.frame = Math.min(state.frame + steps, last);
        if (state.frame >= last) state.playing = false;
        draw();
      }
    }
    clock = now;
    requestAnimationFrame(animate);
  }

  function play() {
    if (state.playing) return;
    if (state.frame >= last) state.frame = 0;
    state.playing = true;
    owed = 0;
    clock = null;
    draw();
    requestAnimationFrame(animate);
  }
  function pause() { state.playing = false; draw(); }
  function toggle() { if (state.playing) pause(); else play(); }
  function step(by) { state.playing = false; seek(state.frame + by); }
  const speeds = Array.from($("speed").options, (o) => Number(o.value));
  function setSpeed(value) {
    state.speed = Number(value);
    $("speed").value = String(state.speed);
  }
  function changeSpeed(by) {
    const i = speeds.indexOf(state.speed) + by;
    if (i >= 0 && i < speeds.length) setSpeed(speeds[i]);
  }

  $("play").addEventListener("click", toggle);
  $("restart").addEventListener("click", () => { state.playing = false; seek(0); });
  $("back").addEventListener("click", () => step(-1));
  $("forward").addEventListener("click", () => step(1));
  $("speed").addEventListener("change", (e) => setSpeed(e.target.value));
  $("scrub").addEventListener("input", (e) => { state.playing = false; seek(e.target.value); });
  $("follow").addEventListener("change", (e) => { state.follow = Number(e.target.value); draw(); });
  $("show-path").addEventListener("change", (e) => { state.path = e.target.checked; draw(); });
  $("show-events").addEventListener("change", (e) => { state.events = e.target.checked; draw(); });
  document.querySelectorAll("input[data-track]").forEach((box) => {
    box.addEventListener("change", () => { state.shown[Number(box.dataset.track)] = box.checked; draw(); });
  });
  const keys = {
    " ": toggle, ArrowLeft: () => step(-1), ArrowRight: () => step(1),
    "+": () => changeSpeed(1), "=": () => changeSpeed(1), "-": () => changeSpeed(-1),
    r: () => { state.playing = false; seek(0); },
  };
  document.addEventListener("keydown", (e) => {
    const tag = e.target.tagName;
    if (tag === "SELECT" || (tag === "INPUT" && e.target.type !== "checkbox")) return;
    const action = keys[e.key];
    if (action && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); action(); }
  });

  window.mariogenPlayer = {
    get frame() { return state.frame; },
    get playing() { return state.playing; },
    get speed() { return state.speed; },
    get camera() { return state.camera; },
    get drawn() { return JSON.parse(JSON.stringify(state.drawn)); },
    get ready() { return state.ready; },
    last, tracks: tracks.map((t) => t.name), seek, play, pause,
  };
  const pictures = chunks.map((c) => c.img).concat(...marios.map((m) => Object.values(m).map((s) => s.img)));
  Promise.all(pictures.map((img) => img.decode())).then(() => {
    state.ready = true;
    draw();
    document.body.dataset.ready = "true";
  });
})();
