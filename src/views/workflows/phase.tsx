/** Phases drawn the same way everywhere: a tone (colour), an icon and the phase word (never colour alone). */
export type Tone = 'ok' | 'error' | 'progress' | 'pending' | 'skipped' | 'suspended';

export function toneOf(phase: string, type?: string): Tone {
  if (type === 'Suspend' && phase === 'Running') return 'suspended';
  switch (phase) {
    case 'Succeeded':
      return 'ok';
    case 'Failed':
    case 'Error':
      return 'error';
    case 'Running':
      return 'progress';
    case 'Skipped':
    case 'Omitted':
      return 'skipped';
    default:
      return 'pending';
  }
}

const ICONS: Record<Tone, string> = { ok: '✔', error: '✖', progress: '◔', pending: '○', skipped: '⤼', suspended: '⏸' };

export function phaseIcon(phase: string, type?: string): string {
  return phase === 'Error' ? '⚠' : ICONS[toneOf(phase, type)];
}

/** `Running` of a Suspend node reads `Suspended`, as in Argo's UI. */
export function phaseText(phase: string, type?: string): string {
  return type === 'Suspend' && phase === 'Running' ? 'Suspended' : phase || 'Pending';
}

export function PhaseBadge({ phase, type }: { phase: string; type?: string }) {
  return (
    <span className={`wf-phase ${toneOf(phase, type)}`} data-phase={phase}>
      <span aria-hidden="true">{phaseIcon(phase, type)}</span> {phaseText(phase, type)}
    </span>
  );
}
