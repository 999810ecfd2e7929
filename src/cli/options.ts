import { InvalidArgumentError } from 'commander';
import { FatalError } from '../errors.js';

/** Parses a command-line option that must be a whole number of 0 or more (commander calls it with the raw text). */
export function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('must be a whole number of 0 or more');
  return parsed;
}

/** Parses a command-line option that must be a whole number of 1 or more (commander calls it with the raw text). */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return parsed;
}

/** Parses a command-line option that must be a number of seconds above 0 (fractions allowed). */
export function positiveSeconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('must be a number of seconds above 0');
  return parsed;
}

/**
 * Parses an option that names a file or folder to write: an empty value
 * would resolve to the current folder, so it is bad usage (E001), said at once.
 */
export function outputPathOption(flag: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new FatalError('E001', `${flag} needs a path; got an empty value`);
    return value;
  };
}
