/**
 * Plays the driving alarm's signal through WebAudio: a burst as soon as an alarm starts to drive the sound, then
 * again every repeat interval while it does; silence when nothing drives it. A change of driving alarm starts its
 * burst at once. The audio context is created once; a browser that starts it suspended (autoplay rules) is
 * resumed on the first user gesture, and `blocked()` says so meanwhile, so the UI can ask for a click.
 */
import type { Alarm } from '../../common/alarms/alarm-model';
import { scheduleBurst, TONE_SPECS } from './alarm-tones';
import { noteAlarmSounded } from './alarm-timing';

/** The player. */
export interface AlarmSoundPlayer {
  /** Sets what drives the sound now and the volume (0–1). */
  update(driving: Alarm | null, volume: number): void;
  /** True while the browser keeps the audio context suspended until a user gesture. */
  blocked(): boolean;
}

/** Creates the player. */
export function createAlarmSoundPlayer(): AlarmSoundPlayer {
  let context: AudioContext | null = null;
  let current: { alarmId: string; priority: Alarm['priority'] } | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let volume = 1;

  const audio = (): AudioContext => {
    if (context === null) {
      context = new AudioContext({ latencyHint: 'interactive' });
      const resume = (): void => void context?.resume();
      for (const type of ['pointerdown', 'keydown'] as const) window.addEventListener(type, resume, { passive: true });
    }
    return context;
  };
  const burst = (alarmId: string, priority: Alarm['priority']): void => {
    const ctx = audio();
    scheduleBurst(ctx, ctx.destination, priority, ctx.currentTime + 0.02, volume);
    noteAlarmSounded(alarmId, Date.now());
  };

  return {
    update(driving, nextVolume) {
      volume = nextVolume;
      if (driving?.alarmId === current?.alarmId && driving?.priority === current?.priority) return;
      if (timer !== null) clearInterval(timer);
      timer = null;
      current = driving === null ? null : { alarmId: driving.alarmId, priority: driving.priority };
      if (driving === null) return;
      burst(driving.alarmId, driving.priority);
      timer = setInterval(() => burst(driving.alarmId, driving.priority), TONE_SPECS[driving.priority].repeatMs);
    },
    blocked: () => context !== null && context.state === 'suspended',
  };
}
