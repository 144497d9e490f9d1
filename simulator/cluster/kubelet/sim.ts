/**
 * One pod's lifecycle on the node, level-triggered: from the pod's status and the kubelet's
 * bookkeeping (`status.sandbox`), play every step that is due at the current virtual time, then
 * report the new status and when the next step is due. Nothing here is kept between reconciles.
 * The stages, as data in each container's book: waiting → starting (pull + create) → running →
 * (stopping) → done, or → backoff → starting; a failed pull: starting → pullbackoff → starting.
 */
import { hex64, imageDigest, imageSizeBytes, normalizeImage } from '../../runtime/index.js';
import type { ProcessPlan } from '../../runtime/index.js';
import { applyEffects, awaited, completeDeferred, deferredTriggered, killSidecarsLine } from './effects.js';
import { dependencyFailedMessage, gate, oomAfter } from './gate.js';
import { podInfo } from './plans.js';
import { mountsFor } from './volumes.js';
import { stopWhy } from './why.js';
import { createdMessage, presentMessage, presentWhy, startedMessage, startWhy } from './texts.js';
import { resolveEnv } from './env.js';
import { addNodeImage, nodeHasImage } from './node.js';
import { PodState } from './podState.js';
import type { Entry } from './podState.js';
import { PROBE_KINDS, newProbeBook, playProbes, probeOf } from './probes.js';
import { invalidImageMessage, pullErrorMessage, pullPolicy } from './pull.js';
export { pullPolicy } from './pull.js';
import { generatePodConditions, parseQuantity } from './status.js';
import { goDuration, inBackoff, nextBackoff, pullMs, startMs, stopMs } from './timings.js';
import type { ContainerSpec, StopReason } from './types.js';

export class PodSim extends PodState {
  /** Play everything due up to now. */
  run(deleting: boolean): void {
    if (this.pendingFirstStart && this.entries.length > 0 && !deleting) this.beginStart(this.entries[0]!);
    if (deleting && this.bk.del === undefined) this.stopAll('delete');
    for (let guard = 0; guard < 10_000; guard++) {
      const e = this.nextDueNow();
      if (e === 'deadline') this.stopAll('deadline');
      else if (e) this.step(e);
      else break;
    }
    for (const e of this.entries) {
      if (e.b.s === 'running' || e.b.s === 'stopping') this.flushLogs(e, this.now);
      if (e.b.s === 'running' && e.b.p) playProbes(this.probeHost(e, (kind, grace) => this.stop(e, (grace ?? this.spec.terminationGracePeriodSeconds ?? 30) * 1000, kind)), e.spec, this.own(e), this.ownBook(e));
      // A sidecar lets the next container start as soon as it has started.
      if (e.sidecar && e.b.s === 'running' && e.cs.started) this.beginNext(e);
    }
    if (this.bk.del === undefined) this.stopSidecarsWhenDone();
    if (this.bk.del !== undefined && !this.entries.some((e) => e.b.s === 'stopping')) this.finalize = true;
    if (this.changed) {
      const phase = this.podPhase();
      this.st.phase = phase;
      this.st.conditions = generatePodConditions(this.spec, this.st, phase, this.ctx.iso(this.now));
      const wake = this.wakeUp();
      this.bk.next = wake.at;
      if (wake.background) this.bk.bg = true;
      else delete this.bk.bg;
    }
  }

  private step(e: Entry): void {
    this.changed = true;
    const b = this.ownBook(e);
    switch (b.s) {
      case 'starting':
        return this.finishStart(e);
      case 'running': {
        if (b.g !== undefined) return this.release(e);
        const plan = this.plan(e);
        if (plan.deferred) return this.finishDeferred(e, plan);
        if (this.oomAfter(e, plan) !== undefined) return this.exit(e, 137, 'OOMKilled');
        this.applyEffects(e, plan);
        return this.exit(e, plan.exitCode);
      }
      case 'stopping': {
        const d = this.plan(e).deferred;
        return d && deferredTriggered(this.entries, e, d.after) ? this.finishDeferred(e, this.plan(e)) : this.exit(e, b.code ?? 137);
      }
      case 'backoff':
        b.bo = nextBackoff(b.bo, b.fin, this.now);
        return this.beginStart(e);
      case 'pullbackoff':
        return this.pullBackoff(e);
      default:
        b.due = -1;
    }
  }

  /** Ensure the image (pull or already present), then create and start after a delay. */
  private beginStart(e: Entry): void {
    this.changed = true;
    const b = this.ownBook(e);
    const image = e.spec.image ?? '';
    const policy = pullPolicy(e.spec);
    const present = nodeHasImage(this.ctx.store, this.node, image);
    const invalid = invalidImageMessage(image);
    if (invalid !== undefined) {
      this.own(e).state = { waiting: { reason: 'InvalidImageName', message: invalid } };
      this.event('InspectFailed', invalid, 'Warning');
      this.event('Failed', 'Error: InvalidImageName', 'Warning');
      b.s = 'waiting';
      b.due = -1;
      if (!e.init) this.beginNext(e);
      return;
    }
    if (policy === 'Never' && !present) {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      this.own(e).state = { waiting: { reason: 'ErrImageNeverPull', message } };
      this.event('ErrImageNeverPull', message, 'Warning');
      b.s = 'waiting';
      b.due = -1;
      if (!e.init) this.beginNext(e);
      return;
    }
    if (policy === 'Always' || !present) {
      this.event(
        'Pulling',
        `Pulling image "${image}"`,
        'Normal',
        policy === 'Always'
          ? `imagePullPolicy is Always (the default for :latest or untagged images), so the kubelet pulls "${image}" before every start of ${e.spec.name}.`
          : `imagePullPolicy ${policy}: the node does not have "${image}" yet, so the kubelet pulls it before starting ${e.spec.name}.`,
      );
      b.pull = pullMs(this.pod.metadata, image, e.spec.name, e.cs.restartCount, present);
    } else {
      this.event('Pulled', presentMessage(image), 'Normal', presentWhy(policy, image));
      b.pull = -1;
    }
    b.s = 'starting';
    b.due = this.now + Math.max(0, b.pull) + startMs(this.pod.metadata, e.spec.name, e.cs.restartCount);
  }

  private finishStart(e: Entry): void {
    const b = this.ownBook(e);
    let cs = e.cs;
    const image = e.spec.image ?? '';
    const pullError = b.pull >= 0 ? pullErrorMessage(this.pod.metadata, image) : undefined;
    if (pullError !== undefined) return this.pullFailed(e, pullError);
    if (b.pull >= 0) {
      const d = goDuration(b.pull);
      this.event('Pulled', `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${imageSizeBytes(image)} bytes.`);
      addNodeImage(this.ctx.store, this.node, image);
      b.pull = -1;
    }
    cs = this.own(e);
    const prev = cs.state.terminated ?? (cs.state.waiting ? cs.lastState.terminated : undefined);
    const env = e.reads ? resolveEnv(this.ctx.store, this.pod, this.st, e.spec) : undefined;
    if (env?.error !== undefined) {
      // The kubelet retries on its next sync; the message is the API's own.
      if (prev) cs.lastState = { terminated: prev };
      cs.state = { waiting: { reason: 'CreateContainerConfigError', message: env.error } };
      this.event('Failed', `Error: ${env.error}`, 'Warning');
      b.due = this.now + 10_000;
      return;
    }
    // The process's plan may need async work (a real shell, CPython): the start completes once it is applied.
    delete b.cs0;
    if (e.deps.length > 0) b.g = this.now;
    else if (!this.planReady(e)) return;
    if (prev) {
      cs.lastState = { terminated: prev };
      cs.restartCount++;
      this.ctx.sandbox.podLogs.restart(this.ns, this.name, e.spec.name);
    }
    cs = this.setContainerID(e, `containerd://${hex64(`${this.pod.metadata.uid}/${e.spec.name}/${cs.restartCount}`)}`);
    cs.image = normalizeImage(image);
    cs.imageID = imageDigest(image);
    this.event('Created', createdMessage(e.spec.name));
    this.event('Started', startedMessage(e.spec.name), 'Normal', startWhy(this.spec, e, cs.restartCount));
    cs.state = { running: { startedAt: this.ctx.iso(this.now) } };
    b.s = 'running';
    b.at = this.now;
    const plan = this.plan(e);
    b.due = plan.forever ? -1 : this.now + plan.durationMs;
    // A held process whose dependencies already exited is released in this same pass.
    if (b.g !== undefined && gate(this.entries, e.deps).open) b.due = this.now;
    if (plan.deferred && deferredTriggered(this.entries, e, plan.deferred.after)) b.due = this.now + plan.deferred.delayMs;
    // A sidecar that starts after argoexec wait has finished is killed at once, like the ones it saw running.
    if (!e.init && this.entries.some((w) => w !== e && w.b.s === 'done' && w.cs.state.terminated && this.plan(w).deferred)) this.stop(e, (this.spec.terminationGracePeriodSeconds ?? 30) * 1000, 'sidecar-done');
    const oom = this.oomAfter(e, plan);
    if (oom !== undefined && (b.due < 0 || this.now + oom < b.due)) b.due = this.now + oom;
    delete b.p;
    for (const kind of PROBE_KINDS) if (probeOf(e.spec, kind)) (b.p ??= {})[kind] = newProbeBook(kind);
    cs.started = !e.spec.startupProbe;
    cs.ready = cs.started && !e.spec.readinessProbe;
    if (!e.init) this.beginNext(e);
  }

  /** ErrImagePull now; the next sync shows ImagePullBackOff; the pull is retried after the back-off. */
  private pullFailed(e: Entry, message: string): void {
    const b = this.ownBook(e);
    const cs = this.own(e);
    const prev = cs.state.terminated;
    if (prev) cs.lastState = { terminated: prev };
    this.event('Failed', message, 'Warning');
    this.event('Failed', 'Error: ErrImagePull', 'Warning');
    cs.state = { waiting: { reason: 'ErrImagePull', message } };
    b.ibo = nextBackoff(b.ibo, this.now, this.now);
    b.pull = -1;
    b.s = 'pullbackoff';
    b.due = this.now + Math.min(1000, b.ibo[0]);
    // Other containers of the pod still start: one image does not hold up the rest.
    if (!e.init) this.beginNext(e);
  }

  private pullBackoff(e: Entry): void {
    const b = this.ownBook(e);
    const image = e.spec.image ?? '';
    if (e.cs.state.waiting?.reason !== 'ErrImagePull') return this.beginStart(e);
    const message = `Back-off pulling image "${image}"`;
    this.event('BackOff', message, 'Normal', `The image pull failed; the kubelet retries after ${goDuration(b.ibo![0])} (10s doubling up to 5m).`);
    this.event('Failed', 'Error: ImagePullBackOff', 'Warning');
    this.own(e).state = { waiting: { reason: 'ImagePullBackOff', message } };
    b.due = b.ibo![1] + b.ibo![0];
  }

  /** Start the container after `e` in start order, if it has not started yet. */
  private beginNext(e: Entry): void {
    const next = this.entries[e.order + 1];
    if (next && next.b.s === 'waiting' && next.b.due < 0 && next.cs.state.waiting && !next.cs.state.waiting.message) this.beginStart(next);
  }

  private oomAfter(e: Entry, plan: ProcessPlan): number | undefined {
    return oomAfter(parseQuantity(e.spec.resources?.limits?.memory), plan);
  }

  private exit(e: Entry, code: number, reason?: 'OOMKilled', message?: string): void {
    const b = this.ownBook(e);
    const cs = this.own(e);
    this.flushLogs(e, this.now);
    cs.state = {
      terminated: {
        exitCode: code,
        reason: reason ?? (code === 0 ? 'Completed' : 'Error'),
        ...(message !== undefined ? { message } : {}),
        startedAt: this.ctx.iso(b.cs0 ?? b.at),
        finishedAt: this.ctx.iso(this.now),
        containerID: cs.containerID ?? '',
      },
    };
    cs.ready = e.init && !e.sidecar && code === 0;
    cs.started = false;
    const why = b.why;
    b.s = 'done';
    b.due = -1;
    b.fin = this.now;
    delete b.p;
    delete b.why;
    delete b.code;
    this.wakeDeferred(e);
    if (why === 'delete' || why === 'sidecar-done' || why === 'deadline') return;
    const policy = this.spec.restartPolicy ?? 'Always';
    if (e.sidecar) {
      if (!this.regularDone()) this.restart(e);
      return;
    }
    if (e.init) {
      if (code === 0) {
        const next = this.entries[e.order + 1];
        if (next) this.beginStart(next);
      } else if (policy !== 'Never') this.restart(e);
      return;
    }
    const killed = why === 'liveness' || why === 'startup';
    if (killed ? policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && code !== 0)) this.restart(e);
  }

  /** Files, artifacts and objects a process leaves when it exits normally. */
  private applyEffects(e: Entry, plan: ProcessPlan): void {
    applyEffects(this.ctx.sandbox, podInfo(this.pod), plan.effects, (reason, message) => this.event(reason, message, 'Warning'), mountsFor(this.ctx.sandbox, this.pod, e.spec));
  }

  /** A held process whose dependencies have exited: it fails like the emissary, or its command starts now. */
  private release(e: Entry): void {
    const b = this.ownBook(e);
    const g = gate(this.entries, e.deps);
    if (!g.open) return void (b.due = -1);
    if (!g.failed && !this.planReady(e)) return;
    [b.cs0, b.g] = [b.g, undefined];
    delete b.g;
    if (g.failed) {
      const message = dependencyFailedMessage(g.failed);
      this.ctx.sandbox.podLogs.append(this.ns, this.name, e.spec.name, this.now, message);
      return this.exit(e, 64, undefined, message);
    }
    b.at = this.now;
    b.due = this.plan(e).forever ? -1 : this.now + this.plan(e).durationMs;
  }

  /** A deferred process exits now: what it does comes from the pod as it is at this instant. */
  private finishDeferred(e: Entry, plan: ProcessPlan): void {
    const after = awaited(this.entries, e, plan.deferred!.after).sort((a, b) => b.b.fin - a.b.fin)[0];
    this.flushLogs(e, this.now);
    // argoexec wait kills the sidecars (containers still running once main is done): SIGTERM, then SIGKILL after the grace period.
    const sidecars = this.entries.filter((x) => x !== e && !x.init && x.b.s !== 'done');
    if (sidecars.length > 0) {
      this.ctx.sandbox.podLogs.append(this.ns, this.name, e.spec.name, this.now, killSidecarsLine(this.now, sidecars.map((x) => x.spec.name)));
      for (const x of sidecars) if (x.b.s === 'running') this.stop(x, (this.spec.terminationGracePeriodSeconds ?? 30) * 1000, 'sidecar-done');
    }
    const outcome = completeDeferred(this.ctx.sandbox, plan.deferred!, {
      now: this.now,
      pod: podInfo(this.pod),
      stored: this.pod,
      mounts: after ? mountsFor(this.ctx.sandbox, this.pod, after.spec) : [],
      ...(after && after.cs.state.terminated ? { afterPlan: this.plan(after) } : {}),
      afterExitCode: after?.cs.state.terminated?.exitCode ?? -1,
    });
    for (const text of outcome.lines) this.ctx.sandbox.podLogs.append(this.ns, this.name, e.spec.name, this.now, text);
    applyEffects(this.ctx.sandbox, podInfo(this.pod), outcome.effects, (reason, message) => this.event(reason, message, 'Warning'));
    this.exit(e, outcome.exitCode, undefined, outcome.message);
  }

  /** Restart now, or wait out the crash back-off (kuberuntime doBackOff). */
  private restart(e: Entry): void {
    const b = this.ownBook(e);
    if (inBackoff(b.bo, b.fin)) {
      const cs = this.own(e);
      const prev = cs.state.terminated;
      if (prev) cs.lastState = { terminated: prev };
      cs.state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(b.bo![0])} restarting failed container=${e.spec.name} pod=${this.podRef()}`,
        },
      };
      b.s = 'backoff';
      b.due = b.fin + b.bo![0];
      this.event(
        'BackOff',
        `Back-off restarting failed container ${e.spec.name} in pod ${this.podRef()}`,
        'Warning',
        `Container ${e.spec.name} exited again; the kubelet waits ${goDuration(b.bo![0])} before the next restart (10s doubling up to 5m, reset after 10m without a crash).`,
      );
      return;
    }
    b.bo = nextBackoff(b.bo, b.fin, this.now);
    this.beginStart(e);
  }

  /** SIGTERM now; the process exits when it handles it, or is SIGKILLed when the grace period ends. */
  private stop(e: Entry, graceMs: number, why: StopReason): void {
    const b = this.ownBook(e);
    const plan = this.plan(e);
    const sigterm = stopMs(this.pod.metadata, e.spec.name, e.cs.restartCount);
    let due = this.now + graceMs;
    let code = 137;
    // argoexec wait traps SIGTERM: it still reports the outputs once what it waits for has exited (wakeDeferred).
    if (plan.handlesSigterm && sigterm <= graceMs && !plan.deferred) {
      due = this.now + sigterm;
      code = plan.sigtermExitCode;
    }
    if (plan.deferred && b.s === 'running' && b.due >= 0) due = Math.min(due, b.due);
    if (!plan.forever && b.at + plan.durationMs < due) {
      due = Math.max(this.now, b.at + plan.durationMs);
      code = plan.exitCode;
    }
    if (b.s === 'stopping' && b.due <= due) {
      b.why = why;
      return;
    }
    b.s = 'stopping';
    b.due = due;
    b.code = code;
    b.why = why;
    this.changed = true;
  }

  /** Once the main containers are done, the kubelet stops the sidecars (last started first). */
  private stopSidecarsWhenDone(): void {
    // Most pods have no sidecar: no list to build on every reconcile.
    let any = false;
    for (let i = 0; i < this.entries.length && !any; i++) any = this.entries[i]!.sidecar && this.entries[i]!.b.s === 'running';
    if (!any) return;
    const running = this.entries.filter((e) => e.sidecar && e.b.s === 'running');
    if (running.length === 0 || !this.regularDone()) return;
    const grace = (this.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    for (const e of running.reverse()) {
      this.event('Killing', `Stopping container ${e.spec.name}`, 'Normal', `The main containers have finished, so the kubelet stops sidecar ${e.spec.name}. ${stopWhy(this.plan(e), grace)}`);
      this.stop(e, grace, 'sidecar-done');
    }
  }

  /** Deletion or the active deadline (deadline.ts): stop what runs, start nothing again. */
  private stopAll(why: 'delete' | 'deadline'): void {
    this.changed = true;
    const grace = (this.pod.metadata.deletionGracePeriodSeconds ?? this.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    if (why === 'delete') this.bk.del = this.now;
    else this.deadlineExceeded(grace);
    for (const e of this.entries) {
      if (e.b.s === 'running' || e.b.s === 'stopping') {
        this.event('Killing', `Stopping container ${e.spec.name}`, 'Normal', stopWhy(this.plan(e), grace));
        this.stop(e, grace, why);
      } else {
        const b = this.ownBook(e);
        b.s = 'done';
        b.due = -1;
      }
    }
  }
}
