import type { ConfigField, ServiceType } from './catalog-types';
import { GalleyError } from '../errors';

/** A component config outside its service type's schema. */
export class InvalidConfigError extends GalleyError {
  constructor(message: string) {
    super('invalid_config', message);
  }
}

export interface CheckConfigOptions {
  /**
   * The config already stored, for a partial update: the given fields are
   * merged over it and the result is checked as a whole. A field given as
   * `null` goes back to its default (or away, if it has none).
   */
  readonly base?: Readonly<Record<string, unknown>>;
}

/**
 * Checks a component's config against its service type's schema and returns
 * the full config: every field the schema knows, given or defaulted, in the
 * schema's order. Throws `invalid_config` naming the field and echoing what it
 * got, so the model can correct exactly that field.
 */
export function checkConfig(
  serviceType: ServiceType,
  config: unknown,
  options: CheckConfigOptions = {},
): Record<string, unknown> {
  if (!isPlainObject(config)) {
    throw new InvalidConfigError(`config of \`${serviceType.type}\` must be an object of fields, got: ${echo(config)}`);
  }
  const merged: Record<string, unknown> = { ...(options.base ?? {}), ...config };
  const known = Object.keys(serviceType.config);
  for (const name of Object.keys(merged)) {
    if (!Object.prototype.hasOwnProperty.call(serviceType.config, name)) {
      const offered = known.length > 0 ? known.map((k) => `\`${k}\``).join(', ') : 'none';
      throw new InvalidConfigError(`\`${name}\` is not a config field of \`${serviceType.type}\` (its fields: ${offered}), got: ${echo(merged[name])}`);
    }
  }
  const checked: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(serviceType.config)) {
    const given = merged[name];
    const value = given === undefined || given === null ? field.default : given;
    if (value === undefined) {
      if (field.required) {
        throw new InvalidConfigError(`\`${name}\` of \`${serviceType.type}\` is required and has no default`);
      }
      continue;
    }
    checkField(`\`${name}\` of \`${serviceType.type}\``, field, value);
    checked[name] = value;
  }
  return checked;
}

function checkField(where: string, field: ConfigField, value: unknown): void {
  switch (field.kind) {
    case 'string':
      if (typeof value !== 'string') throw new InvalidConfigError(`${where} must be a string, got: ${echo(value)}`);
      if (field.maxLength !== undefined && value.length > field.maxLength) {
        throw new InvalidConfigError(`${where} must be at most ${field.maxLength} characters, got ${value.length}: ${echo(value)}`);
      }
      if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) {
        throw new InvalidConfigError(`${where} must match ${field.pattern}, got: ${echo(value)}`);
      }
      return;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new InvalidConfigError(`${where} must be a number, got: ${echo(value)}`);
      }
      if (field.kind === 'integer' && !Number.isInteger(value)) {
        throw new InvalidConfigError(`${where} must be a whole number, got: ${echo(value)}`);
      }
      if (field.min !== undefined && value < field.min) {
        throw new InvalidConfigError(`${where} must be at least ${field.min}, got: ${echo(value)}`);
      }
      if (field.max !== undefined && value > field.max) {
        throw new InvalidConfigError(`${where} must be at most ${field.max}, got: ${echo(value)}`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw new InvalidConfigError(`${where} must be true or false, got: ${echo(value)}`);
      return;
    case 'choice':
      if (typeof value !== 'string' || !field.choices.includes(value)) {
        throw new InvalidConfigError(`${where} must be one of ${field.choices.map((c) => JSON.stringify(c)).join(', ')}, got: ${echo(value)}`);
      }
      return;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ECHO_LIMIT = 80;

/** What the caller sent, as JSON, cut short so a huge value cannot flood the message. */
function echo(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value);
  }
  return json.length > ECHO_LIMIT ? `${json.slice(0, ECHO_LIMIT)}…` : json;
}
