/**
 * NEWS2 over the gateway socket (issue 16): the score the gateway keeps for each bed, sent with its numerics, and
 * what a nurse charts at the station for the parameters no device measures — supplemental oxygen, consciousness
 * (ACVPU), a temperature — and the SpO2 scale a clinician chose. The scoring itself is common/scores/news2.ts.
 */
import { z } from 'zod';
import { CONSCIOUSNESS_LEVELS, NEWS2_PARAMETERS } from '../scores/news2';

/** One parameter's part of the score, 0–3. */
const partSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

/** The score as stations show it: its total, its parts, what is missing, and the RCP's response. */
export const earlyWarningSchema = z.object({
  total: z.number().int().min(0).max(20),
  parts: z.partialRecord(z.enum(NEWS2_PARAMETERS), partSchema),
  /** Parameters nobody measured or charted recently: the score is incomplete (a lower bound) while any is. */
  missing: z.array(z.enum(NEWS2_PARAMETERS)).max(NEWS2_PARAMETERS.length),
  response: z.enum(['routine', 'urgent-ward-review', 'urgent-review', 'emergency']),
  /** SpO2 scale 2: a clinician confirmed hypercapnic respiratory failure. */
  spo2Scale: z.union([z.literal(1), z.literal(2)]),
  /** The nurse's last charting of this bed, gateway clock, epoch ms; null when nobody charted. */
  chartedAtMs: z.number().nullable(),
  /** Who charted it, as she signed in. */
  chartedBy: z.string().max(80).nullable(),
});

/** See {@link earlyWarningSchema}. */
export type EarlyWarning = z.infer<typeof earlyWarningSchema>;

/** What a nurse charts for one bed: each value as she observed it now; null where she did not observe it. */
export const chartObservationsSchema = z.object({
  bedId: z.string().min(1).max(64),
  onOxygen: z.boolean().nullable(),
  consciousness: z.enum(CONSCIOUSNESS_LEVELS).nullable(),
  /** °C, as read from a thermometer. */
  temperature: z.number().min(25).max(45).nullable(),
  /** 2 only for a patient a clinician confirmed as hypercapnic (target SpO2 88–92 %). */
  spo2Scale: z.union([z.literal(1), z.literal(2)]),
});

/** See {@link chartObservationsSchema}. */
export type ChartObservations = z.infer<typeof chartObservationsSchema>;

/** How long a charted observation counts: after 12 h (the RCP's longest observation interval) it is missing again. */
export const CHARTED_VALID_MS = 12 * 3_600_000;
