import { computeEligibility } from './computeEligibility';
import { at, DAY, digest, HOUR, input, iso } from './testClock';
import type { EligibilityInput, EligibilityResult } from './types';

const NODE = 'docker.io/library/node:22-bookworm-slim';
const PYTHON = 'docker.io/library/python:3.12-slim';

interface Row {
  name: string;
  given: EligibilityInput;
  now: Date;
  state: EligibilityResult['state'];
  eligibleAt?: string;
  eligibleDigests: Record<string, string | null>;
  reasonsMatch?: RegExp[];
}

const rows: Row[] = [
  {
    name: 'is up to date when the built digest is the newest freight',
    given: input({
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('b'),
          freight: [
            { digest: digest('a'), firstSeen: iso(0) },
            { digest: digest('b'), firstSeen: iso(3) },
          ],
        },
      ],
    }),
    now: at(30),
    state: 'up-to-date',
    eligibleDigests: { [NODE]: null },
    reasonsMatch: [/Every base image is on its newest digest/],
  },
  {
    name: 'waits for the delay when newer freight is younger than it',
    given: input({
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('a'),
          freight: [
            { digest: digest('a'), firstSeen: iso(0) },
            { digest: digest('b'), firstSeen: iso(10) },
          ],
        },
      ],
    }),
    now: at(12),
    state: 'pending',
    eligibleAt: iso(17),
    eligibleDigests: { [NODE]: null },
    reasonsMatch: [
      /docker\.io\/library\/node:22-bookworm-slim has sha256:\w{12}, first seen 2025-01-11 00:00 UTC; it ages past the 7d delay at 2025-01-18 00:00 UTC\./,
    ],
  },
  {
    name: 'becomes eligible the moment the newer digest has aged exactly the delay',
    given: input({
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('a'),
          freight: [
            { digest: digest('a'), firstSeen: iso(0) },
            { digest: digest('b'), firstSeen: iso(10) },
          ],
        },
      ],
    }),
    now: at(17),
    state: 'eligible',
    eligibleAt: iso(17),
    eligibleDigests: { [NODE]: digest('b') },
  },
  {
    name: 'rebuilds at once with a zero delay',
    given: input({
      delayMs: 0,
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('a'),
          freight: [
            { digest: digest('a'), firstSeen: iso(0) },
            { digest: digest('b'), firstSeen: iso(10, 5) },
          ],
        },
      ],
    }),
    now: at(10, 5),
    state: 'eligible',
    eligibleAt: iso(10, 5),
    eligibleDigests: { [NODE]: digest('b') },
    reasonsMatch: [/aged past the 0 delay/],
  },
  {
    name: 'honours a delay given in hours',
    given: input({
      delayMs: 36 * HOUR,
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('a'),
          freight: [
            { digest: digest('a'), firstSeen: iso(0) },
            { digest: digest('b'), firstSeen: iso(1) },
          ],
        },
      ],
    }),
    now: at(2, 11),
    state: 'pending',
    eligibleAt: iso(2, 12),
    eligibleDigests: { [NODE]: null },
    reasonsMatch: [/ages past the 1d12h delay/],
  },
  {
    name: 'uses the newest aged digest and leaves a younger one for later',
    given: input({
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('a'),
          // Out of order on purpose: freight order is not time order.
          freight: [
            { digest: digest('d'), firstSeen: iso(20) },
            { digest: digest('a'), firstSeen: iso(0) },
            { digest: digest('c'), firstSeen: iso(9) },
            { digest: digest('b'), firstSeen: iso(5) },
          ],
        },
      ],
    }),
    now: at(21),
    state: 'eligible',
    eligibleAt: iso(12),
    eligibleDigests: { [NODE]: digest('c') },
    reasonsMatch: [
      /moves from sha256:\w{12} to sha256:\w{12}, first seen 2025-01-10 00:00 UTC and aged past the 7d delay/,
      /younger than the delay and waits for a later rebuild/,
    ],
  },
  {
    name: 'counts a built digest missing from freight as older than all freight',
    given: input({
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('gone'),
          freight: [{ digest: digest('b'), firstSeen: iso(3) }],
        },
      ],
    }),
    now: at(11),
    state: 'eligible',
    eligibleAt: iso(10),
    eligibleDigests: { [NODE]: digest('b') },
  },
  {
    name: 'treats a tag moving back to the built digest as up to date',
    given: input({
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('a'),
          freight: [
            { digest: digest('a'), firstSeen: iso(0) },
            { digest: digest('b'), firstSeen: iso(2) },
            { digest: digest('a'), firstSeen: iso(4) },
          ],
        },
      ],
    }),
    now: at(30),
    state: 'up-to-date',
    eligibleDigests: { [NODE]: null },
  },
  {
    name: 'is eligible when one of several base images has aged, pinning the others as built',
    given: input({
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('n1'),
          freight: [
            { digest: digest('n1'), firstSeen: iso(0) },
            { digest: digest('n2'), firstSeen: iso(2) },
          ],
        },
        {
          ref: PYTHON,
          builtDigest: digest('p1'),
          freight: [
            { digest: digest('p1'), firstSeen: iso(0) },
            { digest: digest('p2'), firstSeen: iso(8) },
          ],
        },
      ],
    }),
    now: at(10),
    state: 'eligible',
    eligibleAt: iso(9),
    eligibleDigests: { [NODE]: digest('n2'), [PYTHON]: null },
    reasonsMatch: [
      /^docker\.io\/library\/node:22-bookworm-slim moves from/,
      /^docker\.io\/library\/python:3\.12-slim has sha256:\w{12}, first seen 2025-01-09 00:00 UTC; it ages past the 7d delay at 2025-01-16 00:00 UTC\.$/,
    ],
  },
  {
    name: 'gives the earliest moment any of several base images becomes eligible',
    given: input({
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('n1'),
          freight: [
            { digest: digest('n1'), firstSeen: iso(0) },
            { digest: digest('n2'), firstSeen: iso(6) },
          ],
        },
        {
          ref: PYTHON,
          builtDigest: digest('p1'),
          freight: [
            { digest: digest('p1'), firstSeen: iso(0) },
            { digest: digest('p2'), firstSeen: iso(4, 6) },
          ],
        },
      ],
    }),
    now: at(7),
    state: 'pending',
    eligibleAt: iso(11, 6),
    eligibleDigests: { [NODE]: null, [PYTHON]: null },
  },
  {
    name: 'ignores a base image without freight while another decides',
    given: input({
      baseImages: [
        { ref: PYTHON, builtDigest: null, freight: [] },
        {
          ref: NODE,
          builtDigest: digest('n1'),
          freight: [{ digest: digest('n1'), firstSeen: iso(0) }],
        },
      ],
    }),
    now: at(5),
    state: 'up-to-date',
    eligibleDigests: { [PYTHON]: null, [NODE]: null },
    reasonsMatch: [
      /Every base image with freight is on its newest digest/,
      /No freight has been discovered yet for docker\.io\/library\/python:3\.12-slim/,
    ],
  },
  {
    name: 'is unknown while no base image has freight',
    given: input({
      baseImages: [{ ref: NODE, builtDigest: null, freight: [] }],
    }),
    now: at(5),
    state: 'unknown',
    eligibleDigests: { [NODE]: null },
    reasonsMatch: [
      /No freight has been discovered yet for docker\.io\/library\/node/,
    ],
  },
  {
    name: 'is unknown before any base image is known',
    given: input(),
    now: at(5),
    state: 'unknown',
    eligibleDigests: {},
    reasonsMatch: [/No base images are known yet/],
  },
];

describe('computeEligibility', () => {
  it.each(rows)('$name', row => {
    const result = computeEligibility(row.given, row.now);
    expect(result.state).toBe(row.state);
    expect(result.eligibleAt).toBe(row.eligibleAt);
    expect(
      Object.fromEntries(result.baseImages.map(b => [b.ref, b.eligibleDigest])),
    ).toEqual(row.eligibleDigests);
    for (const pattern of row.reasonsMatch ?? []) {
      expect(result.reasons).toEqual(
        expect.arrayContaining([expect.stringMatching(pattern)]),
      );
    }
  });

  it('reports built and latest digests for every base image in every state', () => {
    const given = input({
      blockedReasons: ['Dockerfile analysis failed: no FROM instruction'],
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('a'),
          freight: [
            { digest: digest('a'), firstSeen: iso(0) },
            { digest: digest('b'), firstSeen: iso(1) },
          ],
        },
      ],
    });
    expect(computeEligibility(given, at(20)).baseImages).toEqual([
      {
        ref: NODE,
        builtDigest: digest('a'),
        latestDigest: digest('b'),
        latestRelevantDigest: digest('b'),
        eligibleDigest: digest('b'),
      },
    ]);
  });

  it('holds an image with a delay past the end of time until the last instant a date can name', () => {
    // A state file edited by hand (or written before delays were bounded) may
    // carry a delay that no Date can represent once added to a first-seen time.
    const given = input({
      delayMs: 99_999_999 * DAY,
      baseImages: [
        {
          ref: NODE,
          builtDigest: digest('a'),
          freight: [
            { digest: digest('a'), firstSeen: iso(0) },
            { digest: digest('b'), firstSeen: iso(1) },
          ],
        },
      ],
    });
    const result = computeEligibility(given, at(20));
    expect(result.state).toBe('pending');
    expect(result.eligibleAt).toBe('+275760-09-13T00:00:00.000Z');
    expect(result.reasons.join(' ')).toContain('+275760-09-13 00:00 UTC');
  });
});
