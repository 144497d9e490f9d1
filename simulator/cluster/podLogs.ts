/** Container logs, kept per pod and container (and per restart), readable like `kubectl logs`. */
export interface LogLine {
  /** Virtual time in ms. */
  t: number;
  text: string;
}

export interface ReadLogOptions {
  /** Logs of the previous (terminated) instance of a restarted container. */
  previous?: boolean;
  tailLines?: number;
  sinceTime?: number;
}

export interface PodLogsState {
  [podKey: string]: { [container: string]: LogLine[][] };
}

export class PodLogs {
  /** `namespace/pod` → container → one array of lines per container instance (restart). */
  private logs = new Map<string, Map<string, LogLine[][]>>();

  /**
   * The last pod looked up, its key text and its logs (undefined: none yet): the kubelet reads and appends
   * a pod's containers in runs. `cached` is false after the map changed behind it (drop, setState).
   */
  private cached = false;
  private lastNs = '';
  private lastPod = '';
  private lastKey = '';
  private lastLogs: Map<string, LogLine[][]> | undefined;

  private podLogs(namespace: string, pod: string): Map<string, LogLine[][]> | undefined {
    if (!this.cached || namespace !== this.lastNs || pod !== this.lastPod) {
      this.cached = true;
      this.lastNs = namespace;
      this.lastPod = pod;
      this.lastKey = `${namespace}/${pod}`;
      this.lastLogs = this.logs.get(this.lastKey);
    }
    return this.lastLogs;
  }

  private instances(namespace: string, pod: string, container: string): LogLine[][] {
    let byContainer = this.podLogs(namespace, pod);
    if (!byContainer) this.logs.set(this.lastKey, (this.lastLogs = byContainer = new Map()));
    let inst = byContainer.get(container);
    if (!inst) byContainer.set(container, (inst = [[]]));
    return inst;
  }

  append(namespace: string, pod: string, container: string, t: number, text: string): void {
    const inst = this.instances(namespace, pod, container);
    inst[inst.length - 1]!.push({ t, text });
  }

  /** A container restarted: later lines go to a new instance; the old ones stay readable with `previous`. */
  restart(namespace: string, pod: string, container: string): void {
    this.instances(namespace, pod, container).push([]);
  }

  read(namespace: string, pod: string, container: string, opts?: ReadLogOptions): LogLine[] {
    const inst = this.podLogs(namespace, pod)?.get(container);
    if (!inst) return [];
    let lines = (opts?.previous ? inst[inst.length - 2] : inst[inst.length - 1]) ?? [];
    if (opts === undefined) return lines;
    const since = opts.sinceTime;
    if (since !== undefined) lines = lines.filter((l) => l.t >= since);
    if (opts.tailLines !== undefined) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
    return lines;
  }

  containers(namespace: string, pod: string): string[] {
    return [...(this.podLogs(namespace, pod)?.keys() ?? [])];
  }

  /** Forget a deleted pod's logs. */
  drop(namespace: string, pod: string): void {
    this.logs.delete(`${namespace}/${pod}`);
    this.cached = false;
  }

  getState(): PodLogsState {
    const out: PodLogsState = {};
    for (const [pod, byContainer] of this.logs) {
      out[pod] = {};
      for (const [c, inst] of byContainer) out[pod]![c] = inst.map((lines) => lines.map((l) => ({ ...l })));
    }
    return out;
  }

  setState(state: PodLogsState): void {
    this.logs.clear();
    this.cached = false;
    for (const [pod, byContainer] of Object.entries(state)) {
      this.logs.set(pod, new Map(Object.entries(byContainer).map(([c, inst]) => [c, inst.map((lines) => lines.map((l) => ({ ...l })))])));
    }
  }
}
