// The replay page: one self-contained HTML file (no network, no CDN) holding the trace as JSON
// and the player, whose source is the compiled code of player-model/-view/-main (type-checked
// and linted like the rest, embedded with Function.prototype.toString). The same trace gives the
// same bytes.
import type { Trace } from '../../trace/trace.js';
import { INDEX_FILE } from '../files.js';
import { replayMain } from './player-main.js';
import { replayModel } from './player-model.js';
import { replayView } from './player-view.js';
import { LEARNER_CSS, REPLAY_CSS } from './style.js';

/** In the head of every replay page: `replay --out` overwrites only files that carry it. */
export const OWNED_MARK = '<meta name="generator" content="leadsim replay">';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON that cannot close the script element it sits in. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const hasLearners = (trace: Trace) => trace.roleNames.includes('learner');

function legend(trace: Trace): string {
  const roles = trace.hasLeader ? ['leader', 'candidate', 'follower', 'down'] : ['serving', 'down'];
  if (hasLearners(trace)) roles.splice(3, 0, 'learner');
  const kinds = new Set(trace.typeKind.map((k) => trace.msgKinds[k]));
  if (trace.clients.length > 0) kinds.add('request').add('reply');
  const t = trace.thinned;
  const parts = [
    t.msgEvery > 1 ? `1 in ${t.msgEvery} messages between nodes (votes all kept)` : '',
    t.clientEvery > 1 ? `1 in ${t.clientEvery} client requests and replies` : '',
  ].filter(Boolean);
  const thinned = parts.length > 0 ? `<p class="muted">Thinned for drawing: ${parts.join(', ')}.</p>` : '';
  return `<div class="legend">
<p>${roles.map((r) => `<span><b class="swatch ${r}"></b>${r}</span>`).join(' ')}</p>
<p>${[...kinds].map((k) => `<span><b class="dot ${k}"></b>${k}</span>`).join(' ')}</p>
<p class="muted">${trace.hasLeader ? 'Red ring around a node: its election timer running out; T = its term. Arrows: the answers to a candidate in its term (solid: vote granted, dashed: refused); above it, its votes against the majority it needs. ' : ''}${trace.hasLog ? 'Boxes under a node: the end of its log (green = committed). ' : ''}Replies are the smaller dots; dashed red lines are cut links. Short flights are drawn stretched so they can be seen; the clock shows simulated time.</p>
${thinned}</div>`;
}

export function replayPage(trace: Trace): string {
  const title = `${trace.scenario} · ${trace.variant} — replay`;
  const facts = [
    `${trace.kind}, ${trace.nodes} nodes${trace.groups > 1 ? `, ${trace.groups} shards` : ''}`,
    `seed ${trace.seed}, trial ${trace.trial}`,
    trace.point,
    `window ${(trace.from / 1000).toFixed(0)}–${(trace.to / 1000).toFixed(0)} ms`,
  ].filter(Boolean);
  const player = [replayModel, replayView, replayMain].map((f) => f.toString()).join('\n');
  return `<!doctype html>
<html lang="en"><head>${OWNED_MARK}<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPLAY_CSS}${hasLearners(trace) ? LEARNER_CSS : ''}</style></head>
<body>
<header><h1>${escapeHtml(trace.scenario)} <small>${escapeHtml(trace.variant)}</small></h1><p>${escapeHtml(facts.join(' · '))}</p><p class="back"><a href="${INDEX_FILE}">← report</a></p></header>
<main>
<svg id="stage" role="img" aria-label="the cluster"></svg>
<aside><div id="clock" class="clock"></div><div id="cards"></div><h3>What just happened</h3><ol id="events"></ol>${legend(trace)}</aside>
</main>
<footer>
<div class="buttons"><button id="start" title="back to the start">|◀ Start</button><button id="play">▶ Play</button><button id="step" title="next event (→)">Step ▶|</button>
<button id="next-fault">Next fault</button>${trace.hasLeader ? '<button id="next-election">Next election</button>' : ''}<select id="speed" aria-label="speed"></select></div>
<div class="timeline"><div id="marks" class="marks"></div><input id="slider" type="range" aria-label="time"></div>
</footer>
<script type="application/json" id="leadsim-trace">${scriptJson(trace)}</script>
<script>
${player}
replayMain();
</script>
</body></html>
`;
}
