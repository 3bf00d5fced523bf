import {
  OciRegistry,
  startOciRegistry,
} from '../__testUtils__/startOciRegistry';
import { RegistryFreightSource } from './RegistryFreightSource';
import { loopbackRegistryClient } from '../__testUtils__/loopbackRegistryClient';
import { DiscoveredFreight, freightKey } from './types';

// A real OCI registry: Debian's docker-registry on loopback.
describe('RegistryFreightSource', () => {
  let registry: OciRegistry;
  let source: RegistryFreightSource;

  beforeAll(async () => {
    registry = await startOciRegistry();
    source = RegistryFreightSource.create({
      client: loopbackRegistryClient(registry.host),
      platforms: ['linux/amd64'],
    });
  });

  afterAll(() => registry?.stop());

  it('records a new digest as freight first seen now, and keeps firstSeen while it stays', async () => {
    const platforms = ['linux/amd64', 'linux/arm64/v8'];
    const first = await registry.pushImage('acme/base', '1', {
      platforms,
      content: { 'linux/arm64/v8': 'arm 1' },
    });
    const children = await registry.platformManifests('acme/base', '1');
    const target = {
      registry: registry.host,
      repository: 'acme/base',
      tag: '1',
    };
    const monday = new Date('2026-03-02T08:00:00Z');
    const tuesday = new Date('2026-03-03T08:00:00Z');
    const wednesday = new Date('2026-03-04T08:00:00Z');

    const [seen] = await source.discover([target], {
      now: monday,
      previous: new Map(),
    });
    expect(seen).toEqual({
      ok: true,
      target,
      changed: true,
      freight: {
        ...target,
        digest: first,
        platformDigests: { 'linux/amd64': children['linux/amd64'] },
        firstSeen: monday,
        source: 'registry',
      },
    });

    const previous = new Map<string, DiscoveredFreight>([
      [freightKey(target), (seen as { freight: DiscoveredFreight }).freight],
    ]);
    const [again] = await source.discover([target], { now: tuesday, previous });
    expect(again).toMatchObject({
      ok: true,
      changed: false,
      freight: { digest: first, firstSeen: monday },
    });

    // Only arm64 moved: a new index digest is new freight, though the tracked amd64 manifest is the same.
    const second = await registry.pushImage('acme/base', '1', {
      platforms,
      content: { 'linux/arm64/v8': 'arm 2' },
    });
    const [moved] = await source.discover([target], {
      now: wednesday,
      previous,
    });
    expect(moved).toMatchObject({
      ok: true,
      changed: true,
      freight: {
        digest: second,
        firstSeen: wednesday,
        platformDigests: { 'linux/amd64': children['linux/amd64'] },
      },
    });
  });

  it('records the platforms a target asks for besides the configured ones', async () => {
    const digest = await registry.pushImage('acme/multi', '1', {
      platforms: ['linux/amd64', 'linux/arm64/v8', 'linux/s390x'],
    });
    const children = await registry.platformManifests('acme/multi', '1');
    const target = {
      registry: registry.host,
      repository: 'acme/multi',
      tag: '1',
    };
    const now = new Date('2026-03-02T08:00:00Z');
    const [plain] = await source.discover([target], {
      now,
      previous: new Map(),
    });
    const [asked] = await source.discover(
      [{ ...target, platforms: ['linux/arm64/v8'] }],
      {
        now,
        // Known for the configured platform only: the index is read again.
        previous: new Map([
          [
            freightKey(target),
            (plain as { freight: DiscoveredFreight }).freight,
          ],
        ]),
      },
    );
    expect(asked).toMatchObject({
      ok: true,
      changed: false,
      freight: {
        digest,
        platformDigests: {
          'linux/amd64': children['linux/amd64'],
          'linux/arm64/v8': children['linux/arm64/v8'],
        },
      },
    });
  });

  it('answers every target, in order, when some fail', async () => {
    const digest = await registry.pushImage('acme/tool', '2');
    const results = await source.discover(
      [
        { registry: 'evil.example.com', repository: 'acme/tool', tag: '2' },
        { registry: registry.host, repository: 'acme/tool', tag: '2' },
        { registry: registry.host, repository: 'acme/tool', tag: '3' },
      ],
      { now: new Date(), previous: new Map() },
    );
    expect(results.map(r => (r.ok ? r.freight.digest : r.error.name))).toEqual([
      'NotAllowedError',
      digest,
      'RegistryError',
    ]);
    expect(results.map(r => r.target.repository)).toEqual([
      'acme/tool',
      'acme/tool',
      'acme/tool',
    ]);
  });
});
