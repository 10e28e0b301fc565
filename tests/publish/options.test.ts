import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { WireItem, wireItemJsonSchema } from '../../src/item/schema.js';
import { toNinjs } from '../../src/ninjs/index.js';
import { PublishOptions, publishQueueNames, WEBHOOK_QUEUE } from '../../src/config/publish.js';
import { toPublishPayload } from '../../src/publish/payload.js';
import { sampleItem } from '../helpers/sample-item.js';

function errorOf(input: unknown): string {
  const r = PublishOptions.safeParse(input);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

describe('PublishOptions', () => {
  it('defaults to one queue named publish, no ninjs, no webhook', () => {
    expect(PublishOptions.parse({})).toEqual({ queues: ['publish'], ninjs: false });
  });

  it('fills webhook defaults', () => {
    const opts = PublishOptions.parse({ webhook: { url: 'https://cms.example/hooks/wire' } });
    expect(opts.webhook).toEqual({
      url: 'https://cms.example/hooks/wire',
      secretEnv: 'WIRE_WEBHOOK_SECRET',
      timeoutMs: 10_000,
      attempts: 10,
      backoff: 5_000,
    });
  });

  it('takes several queues and the ninjs switch', () => {
    const opts = PublishOptions.parse({ queues: ['cms', 'static-site', 'archive2'], ninjs: true });
    expect(opts.queues).toEqual(['cms', 'static-site', 'archive2']);
    expect(opts.ninjs).toBe(true);
  });

  it('refuses bad queue names, ingest and webhook queue names, duplicates and an empty list', () => {
    expect(errorOf({ queues: ['CMS'] })).toMatch(/queues\.0: must be lower-case/);
    expect(errorOf({ queues: ['a--b'] })).toMatch(/queues\.0/);
    expect(errorOf({ queues: ['poll'] })).toMatch(/ingest queues/);
    expect(errorOf({ queues: ['publish', WEBHOOK_QUEUE] })).toMatch(/queues\.1: .*webhook/);
    expect(errorOf({ queues: ['cms', 'cms'] })).toMatch(/twice/);
    expect(errorOf({ queues: [] })).toMatch(/queues/);
  });

  it('refuses unknown keys, non-http URLs and bad env names', () => {
    expect(errorOf({ queue: ['x'] })).toMatch(/queue/);
    expect(errorOf({ webhook: { url: 'https://x.example/', secret: 'inline' } })).toMatch(/secret/);
    expect(errorOf({ webhook: { url: 'ftp://x.example/' } })).toMatch(
      /webhook\.url: must be an absolute http\(s\) URL/,
    );
    expect(errorOf({ webhook: { url: 'https://x.example/', secretEnv: 'MY-SECRET' } })).toMatch(/secretEnv/);
    expect(errorOf({ webhook: { url: 'https://x.example/', attempts: 0 } })).toMatch(/attempts/);
  });
});

describe('publishQueueNames', () => {
  it('lists the configured queues, plus the webhook queue when a webhook is set', () => {
    expect(publishQueueNames(PublishOptions.parse({}))).toEqual(['publish']);
    expect(
      publishQueueNames(PublishOptions.parse({ queues: ['cms', 'site'], webhook: { url: 'http://127.0.0.1:9/hook' } })),
    ).toEqual(['cms', 'site', 'publish-webhook']);
  });
});

describe('toPublishPayload', () => {
  it('is the WireItem itself when ninjs is off', () => {
    const item = sampleItem();
    expect(toPublishPayload(item, { ninjs: false })).toEqual(item);
  });

  it('puts the ninjs form beside the WireItem fields when on, leaving them untouched', () => {
    const item = sampleItem();
    const payload = toPublishPayload(item, { ninjs: true });
    expect(payload.ninjs).toEqual(toNinjs(item));
    const { ninjs: _ninjs, ...rest } = payload;
    expect(rest).toEqual(item);
    // consumers that parse with the zod schema get the WireItem with its optional ninjs field
    expect(WireItem.parse(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
  });

  it('passes the published JSON Schema with ninjs on', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(wireItemJsonSchema());
    const payload = toPublishPayload(sampleItem(), { ninjs: true });
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
  });
});
