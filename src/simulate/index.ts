export { simulate } from './simulate';
export { generateFeedbackTexts } from './texts';
export type { GenerateTextsOptions } from './texts';
export { createRandom, Random } from './random';
export type { RandomState } from './random';
export { SIMULATED_THEMES } from './templates';
export type { Polarity, SimulatedTheme } from './templates';
export type {
  FeedbackLabel,
  PlantedEvent,
  PlantedEventKind,
  PlantedHoliday,
  PlantedWave,
  Segment,
  SimulateOptions,
  Simulation,
  SimulationTruth,
} from './types';
export { toRawRows } from './rawRows';
export type { DefectKind, PlantedDefect, RawRowsOptions, RawTables } from './rawRows';
