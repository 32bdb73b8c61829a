/**
 * Reads stored ward settings field by field. A settings document can stop matching the schema — a field written
 * by a newer version, a hand edit, a bound tightened in an update — and falling back to the defaults for all of it
 * would silently throw away every per-bed limit a clinician set because of one bad field. Instead each field that
 * fails is replaced by its default (an object field is salvaged field by field, a per-bed entry limit by limit),
 * and every replaced field is named so that the gateway can log it and raise it.
 */
import { z } from 'zod';

/** The salvaged value and the paths of the fields that were replaced by defaults (e.g. `alarmPolicy.limits.HR`). */
export interface Salvaged<T> {
  readonly value: T;
  readonly reset: readonly string[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault
    ? unwrap(schema.unwrap() as z.ZodType)
    : schema;
}

function salvageValue(schema: z.ZodType, stored: unknown, fallback: unknown, path: string, reset: string[]): unknown {
  if (stored === undefined) return fallback;
  const whole = schema.safeParse(stored);
  if (whole.success) return whole.data;
  const inner = unwrap(schema);
  const resetBefore = reset.length;
  let repaired: unknown = undefined;
  if (inner instanceof z.ZodObject && isPlainObject(stored)) {
    const defaults = isPlainObject(fallback) ? fallback : {};
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
      const value = salvageValue(field, stored[key], defaults[key], `${path}.${key}`, reset);
      if (value !== undefined) out[key] = value;
    }
    repaired = out;
  } else if (inner instanceof z.ZodRecord && isPlainObject(stored)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(stored)) {
      if (!(inner.keyType as unknown as z.ZodType).safeParse(key).success) {
        reset.push(`${path}.${key}`);
        continue;
      }
      out[key] = salvageValue(inner.valueType as z.ZodType, value, {}, `${path}.${key}`, reset);
    }
    repaired = out;
  }
  // Rules across fields (low below high…) are checked again on the repaired object; if they still fail, the
  // whole field takes its default.
  if (repaired !== undefined) {
    const checked = schema.safeParse(repaired);
    if (checked.success) return checked.data;
  }
  // The whole field is reset: its own path names it, not the paths inside it.
  reset.length = resetBefore;
  reset.push(path);
  return fallback;
}

/** Salvages `stored` against `schema`, taking `defaults` for what is missing or invalid. */
export function salvageSettings<S extends z.ZodType>(
  schema: S,
  stored: unknown,
  defaults: z.infer<S>,
  path: string,
): Salvaged<z.infer<S>> {
  const reset: string[] = [];
  const value = salvageValue(schema, stored, defaults, path, reset) as z.infer<S>;
  return { value, reset };
}
