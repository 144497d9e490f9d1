import { describe, expect, it } from 'vitest';
import { PodLogs } from '../../../simulator/cluster/podLogs.js';

describe('PodLogs (last pod cached)', () => {
  it('reads, drops and re-creates pods correctly whatever the order of calls', () => {
    const logs = new PodLogs();
    expect(logs.read('ns', 'a', 'main')).toEqual([]);
    logs.append('ns', 'a', 'main', 1, 'one');
    expect(logs.read('ns', 'a', 'main').map((l) => l.text)).toEqual(['one']);
    logs.append('ns', 'b', 'main', 2, 'two');
    logs.append('ns', 'a', 'side', 3, 'three');
    expect(logs.containers('ns', 'a')).toEqual(['main', 'side']);
    logs.drop('ns', 'a');
    expect(logs.read('ns', 'a', 'main')).toEqual([]);
    expect(logs.containers('ns', 'a')).toEqual([]);
    logs.append('ns', 'a', 'main', 4, 'again');
    expect(logs.read('ns', 'a', 'main').map((l) => l.text)).toEqual(['again']);
    logs.restart('ns', 'a', 'main');
    logs.append('ns', 'a', 'main', 5, 'after restart');
    expect(logs.read('ns', 'a', 'main', { previous: true }).map((l) => l.text)).toEqual(['again']);
    const state = logs.getState();
    expect(Object.keys(state)).toEqual(['ns/b', 'ns/a']);
    const other = new PodLogs();
    other.read('ns', 'b', 'main');
    other.setState(state);
    expect(other.read('ns', 'b', 'main').map((l) => l.text)).toEqual(['two']);
    expect(other.read('ns', 'a', 'main', { tailLines: 1 }).map((l) => l.text)).toEqual(['after restart']);
  });
});
