// Time is passed in: domain code asks a Clock, so tests set the time instead of sleeping.

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
