// The replay page's controls: play / pause, step to the next event, speed, the time slider with
// fault and election marks, jumps, node cards, the time in the URL, and `window.leadsimReplay`
// for tests and tools. Runs in the browser (the page embeds this function's source) and calls
// replayModel and replayView, embedded beside it.
import type { Trace } from '../../trace/trace.js';
import { replayModel, type ReplayModel } from './player-model.js';
import { replayView } from './player-view.js';

export function replayMain(): void {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const trace = JSON.parse(($('leadsim-trace') as HTMLScriptElement).textContent as string) as Trace;
  const model: ReplayModel = replayModel(trace);
  const ms = (t: number) => (t / 1000).toFixed(3);
  const speeds = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1];
  // the speed that plays the first failover in about 18 s of wall time (10–30 s whatever its length)
  const watch = (s: number) => Math.abs(Math.log(model.failoverSpan / 1e6 / s / 18));
  let speed = speeds.reduce((best, s) => (watch(s) < watch(best) ? s : best));
  let playing = false;
  let lastFrame = 0;
  let hashWritten = 0;
  const slider = $<HTMLInputElement>('slider');
  const view = replayView(model, document.getElementById('stage') as unknown as SVGSVGElement, (id) => {
    view.picked = id;
    render();
  });

  const events: [number, string][] = [];
  const r = trace.roles;
  for (let i = 0; i < r.length; i += 5)
    events.push([
      r[i],
      `node ${r[i + 1]}${trace.groups > 1 ? ` (shard ${r[i + 2]})` : ''} → ${trace.roleNames[r[i + 3]]}, term ${r[i + 4]}`,
    ]);
  for (let i = 0; i < trace.elections.length; i += 4)
    events.push([trace.elections[i], `node ${trace.elections[i + 1]} starts an election for term ${trace.elections[i + 3]}`]);
  for (let i = 0; i < trace.updown.length; i += 3)
    events.push([trace.updown[i], `node ${trace.updown[i + 1]} ${trace.updown[i + 2] ? 'is back up' : 'is down'}`]);
  for (const f of trace.faults) events.push([f.t, `FAULT: ${f.label}`]);
  const e = trace.ejections;
  for (let i = 0; i < e.length; i += 2) events.push([e[i], `health check ejects node ${e[i + 1]}: clients stop sending to it`]);
  // each vote as it reaches its candidate (a 1000-node election would bury everything else)
  const v = trace.votes;
  if (trace.nodes <= 40)
    for (let i = 0; i < v.length; i += 8)
      if (v[i + 1] >= 0 && v[i] >= trace.from)
        events.push([
          v[i] + v[i + 1],
          `node ${v[i + 2]} ${v[i + 6] ? 'grants' : 'refuses'} node ${v[i + 3]} its ${v[i + 7] ? 'pre-vote' : 'vote'} (term ${v[i + 5]})${trace.groups > 1 ? `, shard ${v[i + 4]}` : ''}`,
        ]);
  events.sort((a, b) => a[0] - b[0]);

  /** Who leads: one line per shard where there are several, else the leader's own card. */
  function leadersCard(): string {
    const leaders = model.leaders();
    if (leaders.length <= 1) return card('Leader', leaders[0] ?? -1);
    const lines = leaders
      .slice(0, 12)
      .map((id, group) => `<li>shard ${group}: ${id < 0 ? '<b class="none">none — electing</b>' : `node ${id}`}</li>`);
    const more =
      leaders.length > 12
        ? `<li class="muted">…and ${leaders.length - 12} more shards (${leaders.filter((id) => id < 0).length} without a leader)</li>`
        : '';
    return `<div class="card"><h3>Leader per shard</h3><ul class="shards">${lines.join('')}${more}</ul></div>`;
  }
  /** Each candidate's votes against the majority it needs. */
  function electionCard(): string {
    const rows: string[] = [];
    for (let id = 0; id < trace.nodes && rows.length < 8; id++) {
      const v = model.node(id);
      if (v.role === 'candidate' && v.votes >= 0 && v.quorum > 0)
        rows.push(
          `<li data-candidate="${id}">node ${id}, term ${v.term}: <b>${v.votes}</b> vote${v.votes === 1 ? '' : 's'}, ${v.quorum} needed</li>`,
        );
    }
    return rows.length === 0 ? '' : `<div class="card election"><h3>Election</h3><ul>${rows.join('')}</ul></div>`;
  }
  function card(title: string, id: number): string {
    if (id < 0) return `<div class="card"><h3>${title}</h3><p class="muted">none${leadership()[1] ? ' — an election is on' : ''}</p></div>`;
    const v = model.node(id);
    const t = model.now();
    const timer = v.timerEnd > t ? `${ms(v.timerEnd - t)} ms left of ${ms(v.timerEnd - v.timerStart)} ms` : 'not running';
    const boxes = trace.hasLog
      ? Array.from({ length: 12 }, (_, i) => {
          const index = v.last - 11 + i;
          return `<i class="${index < 1 ? 'empty' : index <= v.commit ? 'committed' : 'uncommitted'}" title="entry ${index}"></i>`;
        }).join('')
      : '';
    const lines = [
      `<b class="swatch ${v.role}"></b> <b>${v.role}</b>${trace.hasLeader && v.up ? `, term ${v.term}` : ''}`,
      v.votes >= 0 && v.quorum > 0 ? `votes: ${v.votes}, ${v.quorum} needed` : '', // kinds whose votes the trace does not record show none
      v.leads.length > 0 && trace.groups > 1 ? `leads shard${v.leads.length > 1 ? 's' : ''} ${v.leads.join(', ')}` : '',
      trace.hasLeader && v.up ? `election timer: ${timer}` : '',
      trace.hasLog ? `log: ${v.last} entries, ${v.commit} committed <span class="strip">${boxes}</span>` : '',
    ];
    return `<div class="card"><h3>${title}: node ${id}</h3>${lines
      .filter(Boolean)
      .map((l) => `<p>${l}</p>`)
      .join('')}</div>`;
  }
  /** The first leader (-1: none) and whether anyone is campaigning, in one pass over the nodes. */
  function leadership(): [number, boolean] {
    let leader = -1;
    let electing = false;
    for (let id = 0; id < trace.nodes && leader < 0; id++) {
      const role = model.node(id).role;
      if (role === 'leader') leader = id;
      electing ||= role === 'candidate';
    }
    return [leader, electing];
  }
  /** Sets innerHTML only when it changes: rebuilding a panel every frame costs a layout. */
  function html(id: string, text: string): void {
    const el = $(id);
    if (el.dataset.shown === text) return;
    el.innerHTML = text;
    el.dataset.shown = text;
  }
  function render(): void {
    const t = model.now();
    view.draw(speed * 250_000);
    slider.value = String(t);
    const fault = model.faultTimes.filter((f) => f <= t).pop();
    $('clock').innerHTML = `t = ${ms(t)} ms` + (fault !== undefined ? `<small>+${ms(t - fault)} ms after the fault</small>` : '');
    html(
      'cards',
      (trace.hasLeader ? leadersCard() + electionCard() : '') +
        (view.picked >= 0 ? card('Picked', view.picked) : '<p class="muted">Click a node to see its state.</p>'),
    );
    const recent = events
      .filter(([at]) => at <= t)
      .slice(-8)
      .reverse();
    html('events', recent.map(([at, text]) => `<li class="${eventClass(text)}"><span>${ms(at)}</span> ${text}</li>`).join(''));
    $('play').textContent = playing ? '❚❚ Pause' : '▶ Play';
  }
  function eventClass(text: string): string {
    if (text.startsWith('FAULT')) return 'fault';
    if (text.startsWith('health check')) return 'eject';
    return / grants /.test(text) ? 'granted' : / refuses /.test(text) ? 'refused' : '';
  }
  function seek(t: number, writeHash = true): void {
    model.seek(Math.max(trace.from, Math.min(trace.to, t)));
    render();
    if (writeHash) history.replaceState(null, '', `#t=${ms(model.now())}`);
  }
  function frame(now: number): void {
    if (!playing) return;
    const wall = lastFrame === 0 ? 0 : Math.min(100, now - lastFrame);
    lastFrame = now;
    const next = model.now() + wall * 1000 * speed;
    if (next >= trace.to) playing = false;
    seek(next, now - hashWritten > 500);
    if (now - hashWritten > 500) hashWritten = now;
    if (playing) requestAnimationFrame(frame);
  }
  function play(): void {
    if (playing) return;
    if (model.now() >= trace.to) seek(trace.from);
    playing = true;
    lastFrame = 0;
    requestAnimationFrame(frame);
    render();
  }
  function pause(): void {
    playing = false;
    seek(model.now());
  }
  function nextOf(times: number[], before = 0): void {
    const t = model.now();
    const next = times.find((x) => x - before > t + 1);
    if (next !== undefined) seek(next - before);
  }

  slider.min = String(trace.from);
  slider.max = String(trace.to);
  slider.step = '1';
  slider.addEventListener('input', () => seek(Number(slider.value)));
  const marks = $('marks');
  const pos = (t: number) => `${(100 * (t - trace.from)) / Math.max(1, trace.to - trace.from)}%`;
  marks.innerHTML =
    model.faultTimes.map((t) => `<i class="fault" style="left:${pos(t)}" title="fault"></i>`).join('') +
    model.electionTimes.map((t) => `<i class="election" style="left:${pos(t)}" title="election"></i>`).join('');
  const speedSelect = $<HTMLSelectElement>('speed');
  speedSelect.innerHTML = speeds.map((s) => `<option value="${s}"${s === speed ? ' selected' : ''}>${s}× real time</option>`).join('');
  speedSelect.addEventListener('change', () => ((speed = Number(speedSelect.value)), render()));
  $('play').addEventListener('click', () => (playing ? pause() : play()));
  $('step').addEventListener('click', () => (pause(), nextOf(model.eventTimes)));
  $('start').addEventListener('click', () => (pause(), seek(trace.from)));
  $('next-fault').addEventListener('click', () => (pause(), nextOf(model.faultTimes, 1000)));
  $('next-election')?.addEventListener('click', () => (pause(), nextOf(model.electionTimes, 1000)));
  const presentKeys = ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' '];
  document.addEventListener('keydown', (e) => {
    // inside the report's presentation mode, the lecture's keys step its screens
    if (window.parent !== window && presentKeys.includes(e.key)) {
      e.preventDefault();
      window.parent.postMessage({ leadsimKey: e.key }, '*');
      return;
    }
    if (e.key === ' ') {
      e.preventDefault();
      if (playing) pause();
      else play();
    }
    if (e.key === 'ArrowRight') {
      pause();
      nextOf(model.eventTimes);
    }
  });
  const fromHash = /t=([0-9.]+)/.exec(location.hash);
  seek(fromHash ? Number(fromHash[1]) * 1000 : model.openAt, false);
  if (/\bplay\b/.test(location.hash)) play(); // `#play`: the presentation's replay screen plays it in place
  (window as unknown as { leadsimReplay: unknown }).leadsimReplay = {
    seek: (t: number) => seek(t * 1000),
    time: () => model.now() / 1000,
    play,
    pause,
    window: [trace.from / 1000, trace.to / 1000],
    speed: () => speed,
  };
}
