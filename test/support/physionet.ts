import { resolve } from 'node:path';

/** The shared PhysioNet recordings (../shared/data/physionet beside the checkout). */
export const PHYSIONET = resolve(process.cwd(), '..', 'shared', 'data', 'physionet');
export const EVAL = resolve(process.cwd(), '..', 'shared', 'data', 'eval');
