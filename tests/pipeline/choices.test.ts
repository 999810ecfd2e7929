import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_POLICIES } from '../../src/models/policies.js';
import { DEFAULT_ATTRIBUTION_POLICY, DEFAULT_RECOGNIZERS, NAMED_RECOGNIZERS } from '../../src/pipeline/choices.js';
import { RECOGNIZERS } from '../../src/pipeline/components.js';
import { DEFAULT_ENTITY_RECOGNIZERS, ENTITY_RECOGNIZERS } from '../../src/pipeline/default.js';

describe('the choices the command line offers before any model loads', () => {
  it('name exactly the registered recognizers, in order of trust, and the same defaults', () => {
    expect(NAMED_RECOGNIZERS).toEqual(ENTITY_RECOGNIZERS);
    expect(DEFAULT_RECOGNIZERS).toEqual(DEFAULT_ENTITY_RECOGNIZERS);
    for (const name of NAMED_RECOGNIZERS) expect(RECOGNIZERS.get(name).fromOptions).toBeFalsy();
  });

  it('default to an attribution policy that exists', () => {
    expect(ATTRIBUTION_POLICIES).toContain(DEFAULT_ATTRIBUTION_POLICY);
  });
});
