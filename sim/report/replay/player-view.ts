// The replay page's drawing: nodes on a ring (a grid for large clusters), coloured by role, with
// terms, election-timer arcs and log strips; messages in flight as moving marks; cut links.
// It runs in the browser (the page embeds this function's source): no imports but types, no
// module-level values. It only reads the model — it never decides what happened.
import type { ReplayModel } from './player-model.js';

export interface ReplayView {
  /** Redraws everything for the model's current instant; `minFlight` (µs) stretches short flights so they can be seen. */
  draw(minFlight: number): void;
  /** Centre of node `id` in the drawing's coordinates. */
  at(id: number): [number, number];
  picked: number;
}

export function replayView(model: ReplayModel, svg: SVGSVGElement, onPick: (id: number) => void): ReplayView {
  const NS = 'http://www.w3.org/2000/svg';
  const trace = model.trace;
  const n = trace.nodes;
  const SIZE = 800;
  const ring = n <= 40;
  const cols = Math.ceil(Math.sqrt(n));
  const cell = (SIZE - 80) / cols;
  const radius = ring ? Math.min(46, (0.75 * Math.PI * 300) / n) : cell * 0.36;
  const full = ring && n <= 16;
  /** Log boxes under a node, and their width. */
  const STRIP = 10;
  const BOX = (2 * radius + 24) / STRIP;
  const hub: [number, number] = ring ? [SIZE / 2, SIZE / 2] : [SIZE / 2, 22];
  const centres: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (ring) {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
      centres.push([SIZE / 2 + 300 * Math.cos(a), SIZE / 2 + 300 * Math.sin(a)]);
    } else centres.push([40 + cell * ((i % cols) + 0.5), 50 + cell * (Math.floor(i / cols) + 0.5)]);
  }
  function el<K extends keyof SVGElementTagNameMap>(
    tag: K,
    attrs: Record<string, string | number>,
    parent: Element,
  ): SVGElementTagNameMap[K] {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    parent.appendChild(e);
    return e;
  }
  svg.setAttribute('viewBox', `0 0 ${SIZE} ${ring ? SIZE : 60 + cell * Math.ceil(n / cols)}`);
  const cutLayer = el('g', { class: 'cuts' }, svg);
  const ballotLayer = el('g', { class: 'ballots' }, svg);
  const hubMark = el('g', { class: 'hub', transform: `translate(${hub[0]},${hub[1]})` }, svg);
  el('rect', { x: -34, y: -13, width: 68, height: 26, rx: 13 }, hubMark);
  el('text', { y: 5, 'text-anchor': 'middle' }, hubMark).textContent = 'clients';
  const nodeLayer = el('g', { class: 'nodes' }, svg);
  const msgLayer = el('g', { class: 'msgs' }, svg);
  // in a grid a leader is one small square among hundreds: a ring and a name point it out
  const haloLayer = el('g', { class: 'halos' }, svg);
  const nodes = centres.map(([x, y], id) => {
    const g = el(
      'g',
      { 'data-node': id, 'data-role': '', class: 'node', transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` },
      nodeLayer,
    );
    const shape = ring
      ? el('circle', { r: radius, class: 'body' }, g)
      : el('rect', { x: -radius, y: -radius, width: 2 * radius, height: 2 * radius, rx: 3, class: 'body' }, g);
    const arc = el('circle', { r: radius + (ring ? 4 : 2), class: 'timer', transform: 'rotate(-90)', 'stroke-width': ring ? 4 : 2 }, g);
    const termText = el(
      'text',
      { class: 'term', y: radius > 14 ? 6 : 3, 'text-anchor': 'middle', 'font-size': Math.max(7, radius * 0.55) },
      g,
    );
    const label = el('text', { class: 'label', y: radius + 22, 'text-anchor': 'middle' }, g);
    label.textContent = ring ? `node ${id}` : '';
    // a candidate's or leader's tally against the majority, above the node
    const tallyText = ring ? el('text', { class: 'tally', y: -radius - 10, 'text-anchor': 'middle' }, g) : null;
    el('title', {}, g).textContent = `node ${id}`;
    const strip = full && trace.hasLog ? el('g', { class: 'log', transform: `translate(0,${radius + 32})` }, g) : null;
    const boxes = strip ? Array.from({ length: STRIP }, () => el('rect', { width: BOX - 2, height: 12 }, strip)) : [];
    const logText = strip ? el('text', { class: 'logtext', y: 30, 'text-anchor': 'middle' }, strip) : null;
    g.addEventListener('click', () => onPick(id));
    return { g, shape, arc, label, tallyText, termText, boxes, logText, shown: '', dash: '' };
  });
  const circumference = 2 * Math.PI * (radius + (ring ? 4 : 2));
  const pool: SVGCircleElement[] = [];
  const kinds = trace.msgKinds;
  const msgs = trace.msgs;
  let maxFlight = 0;
  for (let i = 0; i < msgs.length; i += 5) maxFlight = Math.max(maxFlight, msgs[i + 1]);
  const clients = trace.clients;
  let maxClientFlight = 0;
  for (let i = 0; i < clients.length; i += 5) maxClientFlight = Math.max(maxClientFlight, clients[i + 1]);

  function firstFrom(a: number[], size: number, t: number): number {
    let lo = 0;
    let hi = a.length / size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid * size] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo * size;
  }
  let used = 0;
  function mark(from: [number, number], to: [number, number], f: number, kind: string, reply: boolean, lost: boolean): void {
    if (used >= 600) return;
    let c = pool[used];
    if (c === undefined) pool.push((c = el('circle', {}, msgLayer)));
    used++;
    const x = from[0] + (to[0] - from[0]) * f;
    const y = from[1] + (to[1] - from[1]) * f;
    c.setAttribute('cx', x.toFixed(1));
    c.setAttribute('cy', y.toFixed(1));
    c.setAttribute('r', kind === 'vote' ? '10' : reply ? '6' : '8');
    c.setAttribute('data-msg', kind);
    c.setAttribute('class', `msg ${kind}${reply ? ' answer' : ''}${lost ? ' lost' : ''}`);
    c.style.display = '';
  }
  function drawMessages(t: number, minFlight: number): void {
    used = 0;
    for (let i = firstFrom(msgs, 5, t - Math.max(maxFlight, minFlight)); i < msgs.length && msgs[i] <= t; i += 5) {
      const lost = msgs[i + 1] < 0;
      const flight = lost ? minFlight : Math.max(msgs[i + 1], minFlight);
      const f = (t - msgs[i]) / flight;
      if (f >= 1) continue;
      const type = trace.msgTypes[msgs[i + 4]];
      mark(
        centres[msgs[i + 2]],
        centres[msgs[i + 3]],
        lost ? f * 0.5 : f,
        kinds[trace.typeKind[msgs[i + 4]]],
        /Resp|Ack|Grant|Refused/.test(type),
        lost,
      );
    }
    for (let i = firstFrom(clients, 5, t - Math.max(maxClientFlight, minFlight)); i < clients.length && clients[i] <= t; i += 5) {
      const f = (t - clients[i]) / Math.max(clients[i + 1], minFlight);
      if (f >= 1) continue;
      const reply = clients[i + 3] === 1;
      const node = centres[clients[i + 2]];
      mark(reply ? node : hub, reply ? hub : node, f, reply ? 'reply' : 'request', reply, false);
    }
    for (let i = used; i < pool.length; i++) pool[i].style.display = 'none';
  }
  let cutShown = '';
  function drawCuts(): void {
    const pairs = model.cuts();
    const key = pairs.join(',');
    if (key === cutShown) return;
    cutShown = key;
    cutLayer.textContent = '';
    for (let i = 0; i < Math.min(pairs.length, 800); i += 2) {
      const [a, b] = [centres[pairs[i]], centres[pairs[i + 1]]];
      el('line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: 'cut' }, cutLayer);
    }
  }
  function drawNode(id: number, t: number): void {
    const v = model.node(id);
    const d = nodes[id];
    const timer = v.timerEnd > t && v.up ? Math.max(0, Math.min(1, (v.timerEnd - t) / Math.max(1, v.timerEnd - v.timerStart))) : 0;
    // the timer arc moves every frame; everything else is touched only when it changes (a
    // class change restyles the node, which is what costs at 100+ nodes)
    const dash = `${(Math.round(timer * circumference * 2) / 2).toFixed(1)} ${circumference.toFixed(1)}`;
    if (dash !== d.dash) d.arc.setAttribute('stroke-dasharray', (d.dash = dash));
    const commitLag = v.last - v.commit;
    const key = `${v.role}|${v.term}|${v.up}|${v.last}|${v.commit}|${id === view.picked}|${v.leads.join(',')}|${v.votes}`;
    if (key === d.shown) return;
    d.shown = key;
    d.g.setAttribute('data-role', v.role);
    if (v.votes >= 0) d.g.setAttribute('data-votes', String(v.votes));
    else d.g.removeAttribute('data-votes');
    if (d.tallyText)
      d.tallyText.textContent = v.votes >= 0 && v.quorum > 0 ? `${v.votes} vote${v.votes === 1 ? '' : 's'}, ${v.quorum} needed` : '';
    if (ring && trace.groups > 1) d.label.textContent = v.leads.length > 0 ? `node ${id} · leads ${v.leads.join(', ')}` : `node ${id}`;
    d.g.setAttribute('class', `node ${v.role}${id === view.picked ? ' picked' : ''}`);
    d.termText.textContent = v.up && trace.hasLeader ? (radius > 14 ? `T${v.term}` : String(v.term)) : v.up ? '' : '✕';
    // the last entries, centred under the node whether the log holds 1 entry or 100
    const shown = Math.min(d.boxes.length, Math.max(0, v.last));
    d.boxes.forEach((box, i) => {
      const index = v.last - shown + 1 + i;
      box.setAttribute('x', ((i - shown / 2) * BOX + 1).toFixed(1));
      box.setAttribute('class', i >= shown ? 'empty' : !v.up ? 'disk' : index <= v.commit ? 'committed' : 'uncommitted');
    });
    if (d.logText)
      d.logText.textContent = !v.up
        ? `log ${v.last} on disk`
        : v.last > 0
          ? `log ${v.last}${commitLag > 0 ? ` (${commitLag} uncommitted)` : ''}`
          : 'log empty';
  }
  let ballotsShown = '';
  /** Who voted for whom: a solid arrow from each voter to the candidate it granted its vote in
   *  the candidate's current term, a dashed one for a refusal; gone once that term is over. */
  function drawBallots(): void {
    // a leader's arrows fade out 100 ms after its win: they say how it won, not what it does now
    const t = model.now();
    const ballots = model.ballots().filter((b) => t - b.t < 100_000 || model.node(b.candidate).role === 'candidate');
    const key = ballots.map((b) => `${b.voter}>${b.candidate}${b.granted ? '+' : '-'}${b.pre ? 'p' : ''}`).join(',');
    if (key === ballotsShown) return;
    ballotsShown = key;
    ballotLayer.textContent = '';
    for (const b of ballots.slice(0, 400)) {
      const [a, c] = [centres[b.voter], centres[b.candidate]];
      const len = Math.hypot(c[0] - a[0], c[1] - a[1]) || 1;
      const gap = radius + (ring ? 8 : 2); // end at the candidate's edge, so the arrowhead shows
      const [ex, ey] = [c[0] - ((c[0] - a[0]) * gap) / len, c[1] - ((c[1] - a[1]) * gap) / len];
      el(
        'line',
        {
          x1: a[0].toFixed(1),
          y1: a[1].toFixed(1),
          x2: ex.toFixed(1),
          y2: ey.toFixed(1),
          class: `ballot ${b.granted ? 'granted' : 'refused'}${b.pre ? ' pre' : ''}`,
          'data-ballot': b.granted ? 'granted' : 'refused',
          'data-from': b.voter,
          'data-to': b.candidate,
          'marker-end': 'url(#arrow)',
        },
        ballotLayer,
      );
    }
  }
  let halosShown = '';
  function drawHalos(): void {
    if (ring) return;
    const leaders = model.leaders().filter((id) => id >= 0);
    const key = leaders.join(',');
    if (key === halosShown) return;
    halosShown = key;
    haloLayer.textContent = '';
    for (const id of leaders.slice(0, 20)) {
      const [x, y] = centres[id];
      el('circle', { cx: x, cy: y, r: Math.max(24, radius * 3), class: 'halo' }, haloLayer);
      const name = el('text', { x, y: y - Math.max(24, radius * 3) - 6, class: 'halo-label', 'text-anchor': 'middle' }, haloLayer);
      name.textContent = `leader: node ${id}`;
    }
  }
  const defs = el('defs', {}, svg);
  const arrow = el(
    'marker',
    { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: 'auto' },
    defs,
  );
  el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }, arrow);
  const view: ReplayView = {
    picked: -1,
    at: (id) => centres[id],
    draw(minFlight) {
      const t = model.now();
      drawCuts();
      drawBallots();
      for (let id = 0; id < n; id++) drawNode(id, t);
      drawMessages(t, minFlight);
      drawHalos();
    },
  };
  return view;
}
