import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/load.js';
import { knobValues, setFault, setKnob } from './knobs.js';

const FILE = `# a comment that stays
name: k
duration: 30s
architecture:
  kind: raft-group
  nodes: 5 # five
  electionTimeout: [150ms, 300ms]
workload:
  arrival: { kind: poisson, rate: 2000/s }
`;

describe('playground knobs', () => {
  it('read the values as the file writes them', () => {
    expect(knobValues(FILE)).toEqual({ nodes: '5', election: '[150ms, 300ms]', heartbeat: '', load: '2000/s' });
    expect(knobValues('- not a mapping')).toBeNull();
  });

  it('edit one key and keep the rest of the file, comments included', () => {
    const text = setKnob(setKnob(FILE, 'election', '[150ms, 155ms]') ?? '', 'nodes', '101') ?? '';
    expect(text).toContain('# a comment that stays');
    const run = parseScenarioText(text, 'k.yaml').runs[0].scenario;
    expect(run.architecture.nodes).toBe(101);
    expect(knobValues(text)?.election).toBe('[ 150ms, 155ms ]');
    expect(setKnob(FILE, 'heartbeat', '')).not.toContain('heartbeat');
    expect(parseScenarioText(setKnob(FILE, 'load', '500/s') ?? '', 'k.yaml').runs[0].scenario.workload.arrival).toMatchObject({
      ratePerSecond: 500,
    });
  });

  it('place a fault a third into the run', () => {
    const run = parseScenarioText(setFault(FILE, 'leader crash') ?? '', 'k.yaml').runs[0].scenario;
    expect(run.faults).toHaveLength(1);
    expect(run.faults[0]).toMatchObject({ at: 10_000_000 });
    expect(parseScenarioText(setFault(FILE, 'no fault') ?? '', 'k.yaml').runs[0].scenario.faults).toEqual([]);
  });
});
