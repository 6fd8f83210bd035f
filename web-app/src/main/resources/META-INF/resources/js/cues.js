// Cues during a session: beeps through Web Audio, optional voice through speech synthesis, a silent mode, and a
// screen that stays on (Screen Wake Lock API where the browser has it).
let audio;
let wakeLock = null;

export const cueSettings = { sound: true, voice: true };

function context() {
  if (!audio) {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    audio = new Ctx();
  }
  if (audio.state === 'suspended') audio.resume().catch(() => {});
  return audio;
}

/** Must run inside a click once, so browsers allow sound later. */
export function unlockAudio() {
  context();
}

export function beep(kind = 'tick') {
  if (!cueSettings.sound) return;
  const ctx = context();
  if (!ctx) return;
  const tones = { start: [880, 0.18], end: [660, 0.35], tick: [1040, 0.08], warn: [330, 0.5] }[kind] || [880, 0.15];
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = tones[0];
  gain.gain.setValueAtTime(0.0001, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.3, ctx.currentTime + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + tones[1]);
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + tones[1] + 0.05);
}

export function say(text) {
  if (!cueSettings.voice || !cueSettings.sound || !('speechSynthesis' in window)) return;
  try {
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  } catch { /* no voice here */ }
}

export async function keepScreenOn() {
  try {
    if ('wakeLock' in navigator && !wakeLock) {
      wakeLock = await navigator.wakeLock.request('screen');
      wakeLock.addEventListener('release', () => { wakeLock = null; });
    }
  } catch { wakeLock = null; }
}

export async function letScreenSleep() {
  try { if (wakeLock) await wakeLock.release(); } catch { /* already released */ }
  wakeLock = null;
}

export function screenKeptOn() {
  return wakeLock != null;
}
