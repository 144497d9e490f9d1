/**
 * Servers a pod's containers can reach on localhost: the pod shares one network namespace, so a
 * sidecar's port answers `curl http://127.0.0.1:PORT/`. Only well-known server images are modelled,
 * with their stock responses; there is no network beyond the pod.
 */
import { imageProfile } from './images.js';

export interface LocalServer {
  container: string;
  port: number;
  body: string;
}

const NGINX_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const STOCK: Record<string, { port: number; body: string }> = {
  nginx: { port: 80, body: NGINX_PAGE },
  httpd: { port: 80, body: '<html><body><h1>It works!</h1></body></html>\n' },
  influxdb: { port: 8086, body: '{"results":[{"statement_id":0}]}\n' },
};

/** The servers among `containers` (other than `self`), by their images. */
export function localServers(containers: readonly { name: string; image?: string }[], self: string): LocalServer[] {
  const out: LocalServer[] = [];
  for (const c of containers) {
    if (c.name === self) continue;
    const stock = STOCK[imageProfile(c.image ?? '').name];
    if (stock) out.push({ container: c.name, ...stock });
  }
  return out;
}

/** Servers listening at a pod IP of the cluster (another pod's containers), if any. */
export type PodNetwork = (host: string) => readonly LocalServer[] | undefined;

/**
 * The response to a URL from inside the pod, or undefined when nothing listens there: localhost is
 * the pod's own servers, a pod IP those of that pod.
 */
export function localResponse(servers: readonly LocalServer[], url: string, network?: PodNetwork): string | undefined {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]+)(?::(\d+))?/i.exec(url);
  if (!m) return undefined;
  const host = m[2]!.toLowerCase();
  const port = m[3] ? Number(m[3]) : m[1]?.toLowerCase() === 'https' ? 443 : 80;
  const at = host === 'localhost' || host === '127.0.0.1' || host === '0.0.0.0' ? servers : network?.(host);
  return at?.find((s) => s.port === port)?.body;
}
