import fc from 'fast-check';
import { formatImageReference, parseImageReference } from '../references';
import { assignNames, isStateName } from './assignNames';
import { hashText } from './hashText';
import { imageRefArb } from './__testUtils__/arbitraries';

const normalized = (text: string) =>
  formatImageReference(parseImageReference(text));

describe('assignNames', () => {
  it('names a base image by its last path segment and tag', () => {
    const ref = normalized('node:22-bookworm-slim');
    expect(assignNames([ref]).get(ref)).toBe('node-22-bookworm-slim');
  });

  it('names a managed image by its repository', () => {
    expect(
      assignNames(['ghcr.io/acme/payments-api']).get(
        'ghcr.io/acme/payments-api',
      ),
    ).toBe('payments-api');
  });

  it('gives both colliding references their registry and namespace', () => {
    const hub = normalized('node:22');
    const ghcr = normalized('ghcr.io/acme/node:22');
    const names = assignNames([hub, ghcr]);
    expect(names.get(hub)).toBe('docker-io-node-22');
    expect(names.get(ghcr)).toBe('ghcr-io-acme-node-22');
  });

  it('falls back to a hash of the reference when registry and namespace do not tell references apart', () => {
    // Different references, same slug at every readable level.
    const a = 'ghcr.io/acme/node:22.1';
    const b = 'ghcr.io/acme/node:22-1';
    const names = assignNames([a, b]);
    expect(names.get(a)).toBe(`node-22-1-${hashText(a)}`);
    expect(names.get(b)).toBe(`node-22-1-${hashText(b)}`);
  });

  it('keeps a name already written to the state repository, and distinguishes the newcomer', () => {
    const hub = normalized('node:22');
    const ghcr = normalized('ghcr.io/acme/node:22');
    const names = assignNames([hub, ghcr], new Map([[hub, 'node-22']]));
    expect(names.get(hub)).toBe('node-22');
    expect(names.get(ghcr)).toBe('ghcr-io-acme-node-22');
  });

  it('never hands out a name the state repository holds for another reference', () => {
    const ref = normalized('node:22');
    const names = assignNames(
      [ref],
      new Map([['ghcr.io/acme/node:22', 'node-22']]),
    );
    expect(names.get(ref)).toBe('docker-io-node-22');
  });

  it('shortens long names to 63 characters with a hash', () => {
    const ref = `ghcr.io/acme/${'very-long-repository-name-'.repeat(
      3,
    )}x:${'t'.repeat(40)}`;
    const name = assignNames([ref]).get(ref)!;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(isStateName(name)).toBe(true);
    expect(name.endsWith(hashText(ref))).toBe(true);
  });

  it('gives any set of references unique, valid names, whatever their order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(imageRefArb, { maxLength: 30 }), refs => {
        const names = assignNames(refs);
        const values = refs.map(ref => names.get(ref)!);
        expect(values.every(isStateName)).toBe(true);
        expect(new Set(values).size).toBe(refs.length);
        expect(assignNames([...refs].reverse())).toEqual(names);
      }),
    );
  });

  it('keeps every existing name when new references arrive', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(imageRefArb, { maxLength: 20 }),
        fc.uniqueArray(imageRefArb, { maxLength: 20 }),
        (first, second) => {
          const existing = assignNames(first);
          const names = assignNames([...first, ...second], existing);
          for (const [ref, name] of existing) {
            expect(names.get(ref)).toBe(name);
          }
          expect(new Set(names.values()).size).toBe(names.size);
        },
      ),
    );
  });
});
