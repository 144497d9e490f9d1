import { describe, expect, it } from 'vitest';
import { matchingWindows, parseGoDuration, syncWindows, timeZoneOffsetMs } from '../../../../simulator/argocd/project/index.js';
import type { SyncWindow } from '../../../../simulator/argocd/project/index.js';
import { START, app, argoWorld, project } from '../settings/world.js';

const H = 3_600_000;
const M = 60_000;

function proj(windows: SyncWindow[]) {
  return project('p', { syncWindows: windows });
}

describe('which windows apply', () => {
  const a = app('web-prod', { destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' } });
  it('matches applications, clusters or namespaces (OR), or all of the set ones with andOperator', () => {
    const ws: SyncWindow[] = [
      { kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['web-*'] },
      { kind: 'deny', schedule: '* * * * *', duration: '1h', namespaces: ['shop'] },
      { kind: 'deny', schedule: '* * * * *', duration: '1h', clusters: ['in-cluster', 'https://kubernetes.default.svc'] },
      { kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['api'], namespaces: ['shop'] },
      { kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['api'], namespaces: ['shop'], andOperator: true },
      { kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['web-*'], namespaces: ['shop'], andOperator: true },
      { kind: 'deny', schedule: '* * * * *', duration: '1h' },
    ];
    expect(matchingWindows(ws, a).map((w) => ws.indexOf(w))).toEqual([0, 1, 2, 3, 5]);
  });
});

describe('sync windows over virtual time', () => {
  const a = app('web', {});
  // START is Monday 08:00 UTC.
  const allowNineToFive: SyncWindow = { kind: 'allow', schedule: '0 9 * * 1-5', duration: '8h', applications: ['*'] };

  it('an allow window blocks outside its hours and opens at 09:00 for 8h', () => {
    const p = proj([allowNineToFive]);
    const before = syncWindows(p, a, START);
    expect(before.active).toEqual([]);
    expect(before.canSync(false)).toBe(false);
    expect(before.syncMessage()).toBe('cannot sync: blocked by sync window');
    // Active strictly after the start instant, as upstream's next.Before(now).
    expect(before.nextChange).toBe(START + H + 1);
    expect(syncWindows(p, a, START + H).canSync(false)).toBe(false);
    const open = syncWindows(p, a, START + H + 1);
    expect(open.active).toHaveLength(1);
    expect(open.canSync(false)).toBe(true);
    expect(open.syncMessage()).toBeUndefined();
    expect(open.nextChange).toBe(START + 9 * H);
    expect(syncWindows(p, a, START + 9 * H - 1000).canSync(false)).toBe(true);
    expect(syncWindows(p, a, START + 9 * H).canSync(false)).toBe(false);
  });

  it('an active deny wins over an active allow; manualSync lets manual syncs through', () => {
    const deny: SyncWindow = { kind: 'deny', schedule: '0 12 * * *', duration: '30m', applications: ['*'] };
    const p = proj([allowNineToFive, deny]);
    const lunch = syncWindows(p, a, START + 4 * H + 10 * M);
    expect(lunch.active.map((w) => w.kind)).toEqual(['allow', 'deny']);
    expect(lunch.canSync(true)).toBe(false);
    const manual = syncWindows(proj([allowNineToFive, { ...deny, manualSync: true }]), a, START + 4 * H + 10 * M);
    expect(manual.canSync(true)).toBe(true);
    expect(manual.canSync(false)).toBe(false);
    expect(syncWindows(p, a, START + 4 * H + 30 * M).canSync(false)).toBe(true);
  });

  it('syncOverrun lets a sync started while allowed continue into a deny window', () => {
    const deny: SyncWindow = { kind: 'deny', schedule: '0 8 * * *', duration: '1h', applications: ['*'], syncOverrun: true };
    const s = syncWindows(proj([deny]), a, START + 10 * M);
    expect(s.canSync(false)).toBe(false);
    expect(s.canSync(false, START - 5 * M)).toBe(true);
    expect(s.canSync(false, START + 5 * M)).toBe(false);
  });

  it('windows that do not apply change nothing; no windows means always', () => {
    expect(syncWindows(proj([{ ...allowNineToFive, applications: ['other'] }]), a, START).canSync(false)).toBe(true);
    expect(syncWindows(project('p', {}), a, START).canSync(false)).toBe(true);
  });

  it('timeZone shifts the schedule by the zone offset', () => {
    const ny: SyncWindow = { kind: 'allow', schedule: '0 9 * * *', duration: '1h', applications: ['*'], timeZone: 'America/New_York' };
    expect(timeZoneOffsetMs('America/New_York', START)).toBe(-5 * H);
    // 09:00 New York in January is 14:00 UTC.
    expect(syncWindows(proj([ny]), a, START + 5 * H + 30 * M).canSync(false)).toBe(false);
    expect(syncWindows(proj([ny]), a, START + 6 * H + 30 * M).canSync(false)).toBe(true);
  });

  it('a broken schedule blocks syncs with the parse error', () => {
    const s = syncWindows(proj([{ kind: 'allow', schedule: '0 0 9 * * *', duration: '1h', applications: ['*'] }]), a, START);
    expect(s.canSync(true)).toBe(false);
    expect(s.syncMessage()).toBe("cannot sync: invalid sync window: invalid sync windows: cannot parse schedule '0 0 9 * * *': expected exactly 5 fields, found 6: [0 0 9 * * *]");
  });

  it('follows the sandbox clock as it advances', () => {
    const sb = argoWorld();
    const p = proj([allowNineToFive]);
    expect(syncWindows(p, a, sb.clock.now()).canSync(false)).toBe(false);
    sb.advance(H + 1000);
    expect(syncWindows(p, a, sb.clock.now()).canSync(false)).toBe(true);
  });
});

describe('Go durations', () => {
  it('parses h/m/s and rejects days', () => {
    expect(parseGoDuration('1h30m')).toBe(90 * M);
    expect(parseGoDuration('90s')).toBe(90_000);
    expect(() => parseGoDuration('1d')).toThrow('time: unknown unit "d" in duration "1d"');
    expect(() => parseGoDuration('10')).toThrow('time: missing unit in duration "10"');
  });
});
