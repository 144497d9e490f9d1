import { describe, expect, it } from 'vitest';
import { application, getApp, live, settle, world } from '../controller/support.js';
import { HELM_CREATE } from './helmCreate.js';

describe('a Helm source through the application controller', () => {
  it('an automated app of the `helm create` chart syncs the rendered resources; a template error is a ComparisonError', async () => {
    const sb = await world(HELM_CREATE);
    sb.store.create(application('demo', { path: 'mychart', automated: {} }));
    settle(sb);
    const app = getApp(sb, 'demo');
    expect(app.status?.sourceType).toBe('Helm');
    expect(app.status?.sync?.status).toBe('Synced');
    expect(live(sb, 'Deployment', 'demo-mychart')).toBeDefined();
    expect(live(sb, 'Service', 'demo-mychart')).toBeDefined();

    const broken = await world({ ...HELM_CREATE, 'mychart/templates/bad.yaml': '{{ required "set image.digest" .Values.image.digest }}' });
    broken.store.create(application('demo', { path: 'mychart', automated: {} }));
    settle(broken);
    const cond = getApp(broken, 'demo').status?.conditions?.find((c) => c.type === 'ComparisonError');
    expect(cond?.message).toContain('failed exit status 1: Error: execution error at (mychart/templates/bad.yaml:1:3): set image.digest');
  });
});
