/**
 * Freight: the versions of monitored tags that discovery finds, as the backend
 * records them. Neither a state file (`state/`) nor an API document (`api/`).
 */
export type { FreightRecord } from './types';
