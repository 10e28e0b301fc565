/**
 * Media Wire as a library: the stages as plain functions, and the shapes they exchange.
 * The same functions run inside the workers, the CLI and the tests.
 */
export { extractArticle, canonicalizeUrl } from './extract/index.js';
export type { ExtractedArticle, ExtractOptions, ArticleMetadata, ExtractionMethod } from './extract/types.js';

export { parseFeed } from './feed/index.js';
export { decodeHtml, decodeXml } from './encoding/index.js';
export type {
  FeedItem,
  ParsedFeed,
  ParseFeedOptions,
  FeedFormat,
  SkippedFeedItem,
  AgencyFields,
  AgencyFormat,
  AgencyImage,
  AgencySubject,
  PubStatus,
} from './feed/types.js';

export { restyleHeadline } from './headline/index.js';
export { HeadlineStyle, mergeHeadlineStyles } from './headline/style.js';
export type { RestyledHeadline, HeadlineChange, RestyleContext } from './headline/style.js';

export { buildWireItem, storyId, renderDisclaimer, renderFooter, EXTRACTOR_VERSION } from './item/build.js';
export type { BuildInput } from './item/build.js';
export { WireItem, WIRE_ITEM_SCHEMA, wireItemJsonSchema } from './item/schema.js';

export { processArticle } from './pipeline/article.js';
export { fetchFeed } from './pipeline/fetch-feed.js';
export type { StoryOutcome } from './pipeline/context.js';

export { loadConfig, ConfigError } from './config/load.js';
export { DEFAULT_DISCLAIMER } from './config/schema.js';
export type { WireConfig, Source, LoadedConfig, ConfigProblem } from './config/schema.js';

export { createFetcher } from './fetch/index.js';
export type { HttpClient, ClosableHttpClient } from './fetch/index.js';
export { WireError } from './errors.js';
export type { WireErrorKind } from './errors.js';

export { toNinjs } from './ninjs/index.js';
export type { NinjsDocument } from './ninjs/index.js';
export { toPublishPayload } from './publish/payload.js';
export type { PublishPayload } from './publish/payload.js';
export {
  verifySignature,
  signPayload,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  IDEMPOTENCY_HEADER,
  DEFAULT_TOLERANCE_SECONDS,
} from './webhook/signature.js';
export type { VerifyOptions, VerifyResult } from './webhook/signature.js';

export { renderArticlePage } from './consumer/render.js';
export { QUEUE, PUBLISH_JOB_NAME, publishJobId } from './queue/names.js';
