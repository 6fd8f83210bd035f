// Every sentence the app says, in one place. The article's rules are quoted as the catalog carries them.
export const RULES = {
  neverStrain: 'Never strain or cause pain in a stretch by forcing your body into a difficult position.',
  noBouncing: 'Stretch slowly without bouncing, which could tear muscles.',
  stopAndEaseOff: 'Stop this exercise and ease off gently. Do not push through pain, and do not bounce.',
};

export const TIPS = [
  'Wear comfortable exercise clothes that won’t restrain you.',
  RULES.neverStrain,
  RULES.noBouncing,
  'Stretch on a flat surface that allows for free movement.',
  'Hold each stretch for 30 seconds to help your joints and muscles loosen.',
  'Repeat each stretch 5 to 10 times for the best results.',
];

export const PHASES = {
  ready: 'Ready',
  getReady: 'Get ready',
  hold: 'Hold',
  reps: 'Repetitions',
  rest: 'Rest',
  paused: 'Paused',
  painCheck: 'How did that feel?',
  hurt: 'It hurts',
  stopped: 'Stopped for pain',
  finished: 'Well done',
};

export const SIDES = { LEFT: 'Left side', RIGHT: 'Right side' };

export const REGIONS = {
  NECK: 'Neck', SHOULDERS: 'Shoulders', UPPER_BACK: 'Upper back', LOWER_BACK: 'Lower back', CORE: 'Core',
  HIPS: 'Hips', GLUTES: 'Glutes', HAMSTRINGS: 'Hamstrings',
};

export const SPOKEN = {
  switchSides: 'Switch sides',
  fiveSeconds: '5 seconds left',
  rest: 'Rest',
  holdStart: 'Hold',
  repsStart: 'Go',
  exerciseDone: 'Exercise done',
  finished: 'Session complete. Well done.',
  stoppedForPain: 'Stop and ease off.',
};

export function prescriptionText(exercise, p) {
  if (!p) return '';
  const times = p.repsMin && p.repsMax && p.repsMin !== p.repsMax ? `${p.repsMin} to ${p.repsMax}` : `${p.repsMin || p.repsMax || 1}`;
  const sides = exercise.sided ? ', each side' : '';
  if (exercise.measurement === 'HOLD') {
    return `Hold ${p.holdSeconds || 30} s, repeat ${times} times${sides}`;
  }
  const sets = p.sets && p.sets > 1 ? `${p.sets} sets of ` : '';
  return `${sets}${times} repetitions${sides}`;
}

export function painWords(value) {
  if (value == null) return 'not noted';
  if (value === 0) return 'no pain';
  if (value <= 3) return 'mild';
  if (value <= 6) return 'moderate';
  return 'severe';
}

/** A pain flag in plain words, with the day in the person's own format (the service's message has ISO dates). */
export function flagText(flag, formatDay) {
  const day = formatDay(flag.day);
  if (flag.kind === 'HIGH_PAIN') {
    return `${day}: pain ${flag.pain} of 10 during ${flag.exerciseName || 'an exercise'}. Stop an exercise that hurts: it should never strain or cause pain.`;
  }
  if (flag.kind === 'PAIN_RISE') {
    return `${day}: pain rose from ${flag.painFrom} to ${flag.pain} within one session. Ease off, move slowly, and talk to a professional if it keeps happening.`;
  }
  return `${day}: ${flag.message}`;
}

export const TRENDS = {
  IMPROVING: 'improving: less pain before your sessions than in the 4 weeks before',
  WORSENING: 'worsening: more pain before your sessions than in the 4 weeks before',
  STABLE: 'stable',
  UNKNOWN: 'not enough readings yet (it compares the last 4 weeks with the 4 before)',
};
