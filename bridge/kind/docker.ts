/** Is there a Docker engine to start a cluster in? One clear answer, never a stack trace. */
import { getContainerRuntimeClient } from 'testcontainers';

export const DOCKER_HELP = `Docker is not available, and \`argo-sandbox real up\` runs a kind cluster in Docker.
  - Install it: https://docs.docker.com/get-docker/ (Docker Desktop on macOS/Windows, Docker Engine on Linux)
  - Or start it: open Docker Desktop, or run \`sudo systemctl start docker\`
  - Check with \`docker info\`, then run \`argo-sandbox real up\` again.
The simulated cluster needs none of this: \`argo-sandbox serve\` and the web UI work without Docker.
`;

export type DockerCheck = { ok: true; info: string } | { ok: false; reason: string };

export async function checkDocker(): Promise<DockerCheck> {
  try {
    const client = await getContainerRuntimeClient();
    return { ok: true, info: `${client.info.containerRuntime.host} (${client.info.containerRuntime.hostIps.map((h) => h.address).join(', ') || 'local'})` };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
