// The replay page's look: large type for a projector, roles and message kinds in the
// Okabe–Ito colour-blind-safe palette (a role is also told by its label and the term text).
// Nodes that serve are a light fill so every message dot stands out on them; a reply is dark,
// a request a darker pink than Okabe–Ito's, so each has 3:1 contrast with the other and with
// the light node fills.
export const REPLAY_CSS = `
:root { --leader: #0072B2; --candidate: #E69F00; --follower: #eef3f7; --down: #8c8c8c; --serving: #e3f6ee; --serving-edge: #007a5a; --idle: #dddddd;
  --vote: #D55E00; --append: #0072B2; --heartbeat: #56B4E9; --request: #BD5C95; --reply: #1d2733; --qwrite: #0072B2;
  --qread: #D55E00; --lease: #E69F00; --other: #555; --relay: #6A3D9A; --ink: #1d2733; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafbfc;
  display: grid; grid-template-rows: auto 1fr auto; height: 100vh; }
header { padding: 8px 20px; border-bottom: 1px solid #dde3ea; background: #fff; display: flex; gap: 20px; align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 22px; margin: 0; } header h1 small { font-weight: 400; color: #55606d; } header p { margin: 0; color: #55606d; }
header .back { margin-left: auto; }
main { display: grid; grid-template-columns: minmax(0, 1fr) 360px; min-height: 0; }
#stage { width: 100%; height: 100%; min-height: 0; }
aside { border-left: 1px solid #dde3ea; background: #fff; padding: 12px 16px; overflow: auto; font-size: 15px; }
aside h3 { margin: 12px 0 4px; font-size: 15px; }
.clock { font: 600 24px/1.2 ui-monospace, Menlo, Consolas, monospace; } .clock small { display: block; font-size: 15px; font-weight: 400; color: #b3261e; }
.card { border: 1px solid #dde3ea; border-radius: 8px; padding: 6px 10px; margin: 8px 0; } .card p { margin: 3px 0; }
.muted { color: #6b7682; font-size: 13px; }
#events { list-style: none; padding: 0; margin: 0; font-size: 14px; } #events li { padding: 2px 0; border-bottom: 1px dotted #e3e8ee; }
#events span { font-family: ui-monospace, Menlo, Consolas, monospace; color: #6b7682; margin-right: 6px; }
#events li.fault { color: #b3261e; font-weight: 600; }
.legend p { margin: 6px 0; display: flex; flex-wrap: wrap; gap: 4px 12px; } .legend span { white-space: nowrap; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 50%; vertical-align: -2px; margin-right: 4px; border: 1px solid #55606d; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
.swatch.leader { background: var(--leader); } .swatch.candidate { background: var(--candidate); } .swatch.follower { background: var(--follower); }
.swatch.down { background: var(--down); } .swatch.serving { background: var(--serving); border-color: var(--serving-edge); } .swatch.idle { background: var(--idle); }
.dot.vote { background: var(--vote); } .dot.append { background: var(--append); } .dot.heartbeat { background: var(--heartbeat); }
.dot.request { background: var(--request); } .dot.reply { background: var(--reply); } .dot.qwrite { background: var(--qwrite); } .dot.qread { background: var(--qread); }
.dot.lease { background: var(--lease); } .dot.other { background: var(--other); } .dot.relay { background: var(--relay); }
.strip { display: inline-flex; gap: 2px; vertical-align: middle; margin-left: 6px; }
.strip i { width: 10px; height: 12px; border: 1px solid #55606d; } .strip i.committed { background: #2b8a3e; } .strip i.empty { border-color: transparent; }
footer { border-top: 1px solid #dde3ea; background: #fff; padding: 8px 20px 12px; }
.buttons { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
button, select { font: inherit; padding: 5px 12px; border: 1px solid #b8c2cc; border-radius: 6px; background: #fff; cursor: pointer; }
button:hover { background: #eef3f7; } #play { min-width: 96px; font-weight: 600; }
.timeline { position: relative; margin-top: 10px; } .timeline input { width: 100%; margin: 0; }
.marks { position: relative; height: 12px; } .marks i { position: absolute; top: 0; width: 3px; height: 12px; margin-left: -1px; }
.marks i.fault { background: #b3261e; width: 4px; } .marks i.election { background: var(--candidate); }
.node { cursor: pointer; } .node .body { stroke: #33404d; stroke-width: 1.5; }
.node.leader .body { fill: var(--leader); } .node.candidate .body { fill: var(--candidate); } .node.follower .body { fill: var(--follower); }
.node.down .body { fill: var(--down); stroke-dasharray: 4 3; } .node.serving .body { fill: var(--serving); stroke: var(--serving-edge); stroke-width: 2.5; } .node.idle .body { fill: var(--idle); }
.node.picked .body { stroke: #000; stroke-width: 4; }
.node .timer { fill: none; stroke: #d1495b; }
.node .term { font-weight: 700; fill: var(--ink); pointer-events: none; } .node.leader .term, .node.down .term { fill: #fff; }
.node .label { font-size: 20px; fill: #3d4752; pointer-events: none; }
.node .tally { font-size: 20px; font-weight: 700; fill: #8a3b00; pointer-events: none; }
.ballot { stroke-width: 3.5; } .ballot.granted { stroke: var(--vote); } .ballot.refused { stroke: #6b7682; stroke-dasharray: 7 6; stroke-width: 2.5; }
.ballot.pre { opacity: 0.5; } .arrowhead { fill: #33404d; }
.halo { fill: none; stroke: var(--leader); stroke-width: 5; } .halo-label { font-size: 22px; font-weight: 700; fill: var(--leader); paint-order: stroke; stroke: #fff; stroke-width: 4px; }
.card ul { margin: 3px 0; padding-left: 18px; } .card .none { color: #b3261e; }
#events li.eject { color: #7a4b00; font-weight: 600; } #events li.granted { color: #8a3b00; } #events li.refused { color: #55606d; }
.log rect { stroke: #55606d; stroke-width: 1; fill: #fff; } .log rect.committed { fill: #2b8a3e; } .log rect.empty { stroke: none; fill: none; } .log rect.disk { fill: #c9cfd6; }
.logtext { font-size: 16px; fill: #3d4752; }
.hub rect { fill: #fff; stroke: #b8c2cc; } .hub text { font-size: 13px; fill: #55606d; }
.cut { stroke: #b3261e; stroke-width: 2.5; stroke-dasharray: 8 6; opacity: 0.7; }
.msg { stroke: #fff; stroke-width: 1; } .msg.answer { stroke: none; opacity: 0.85; } .msg.lost { opacity: 0.35; }
.msg.vote { fill: var(--vote); } .msg.append { fill: var(--append); } .msg.heartbeat { fill: var(--heartbeat); }
.msg.request { fill: var(--request); } .msg.reply { fill: var(--reply); } .msg.qwrite { fill: var(--qwrite); } .msg.qread { fill: var(--qread); }
.msg.lease { fill: var(--lease); } .msg.other { fill: var(--other); } .msg.relay { fill: var(--relay); }
`;

/** Only pages of runs with learners carry this (every other page stays as it was). */
export const LEARNER_CSS = `
.swatch.learner, .node.learner .body { fill: #f5eedc; background: #f5eedc; stroke-dasharray: 2 2; }
`;
