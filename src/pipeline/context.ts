/**
 * What each pipeline step reads, as small interfaces: a step names the parts it uses, and anything that has
 * them (the Runtime of a worker process, a test's stand-in) can run it. The object is read on each use, so a
 * config reload that swaps `config` and `sources` in place shows in the next job.
 */
import type { Redis } from 'ioredis';
import type { Source, WireConfig } from '../config/schema.js';
import type { FeedItem } from '../feed/types.js';
import type { Logger } from '../log/index.js';
import type { WireErrorKind } from '../errors.js';
import type { PublishPayload } from '../publish/payload.js';
import type { DeferKind, FeedValidators } from '../state/health.js';
import type { EntryStatus } from '../state/seen.js';
import type { AgencyVersion, QueuedVersion, StoryHold, StoryState } from '../state/items.js';
import type { DropRecord, HeldItem } from '../state/editorial.js';
import type { DedupeStore } from '../state/dedupe.js';
import type { WireItem } from '../item/schema.js';
import type { HttpClient } from '../fetch/types.js';
import type { PageResult, PageWork } from './page.js';
import type { AlertChange, AlertKind, OpenAlert, SourceFacts } from '../alerts/detect.js';

/**
 * What a story version came to: a new publish job; the same body and headline as the version already
 * published; or (agency stories) stale: an agency version not newer than the one already published, ignored;
 * recorded: a kill or hold of a story never published (nothing published; later older versions stay out).
 */
export type StoryOutcome = 'published' | 'unchanged' | 'stale' | 'recorded';

/**
 * What an article came to: a story outcome, dropped / held by an editorial rule, or a duplicate: the same story
 * as one already published, not published under dedupe policy first or prefer (nothing published).
 */
export type ArticleOutcome = StoryOutcome | 'dropped' | 'held' | 'duplicate';

/** What a poll came to (see PollResult). */
export type PollOutcome = 'feed' | 'not-modified' | 'unchanged' | 'deferred' | 'skipped';

/** A poll of one source. */
export interface PollRequest {
  sourceId: string;
  /** Poll even if the source is deferred (TTL, Retry-After, backoff): an operator asked for it. */
  force?: boolean;
}

/** One feed entry to take to the publish queue. */
export interface ArticleRequest {
  sourceId: string;
  item: FeedItem;
}

export interface PollResult {
  sourceId: string;
  /**
   * feed: parsed; not-modified: 304; unchanged: same bytes as last time; deferred: not yet due (feed TTL,
   * Retry-After, backoff after failures; see reason); skipped: disabled, or the previous poll still running
   */
  outcome: PollOutcome;
  reason?: string;
  /** For deferred polls: ttl is the feed's wish (healthy); retry-after and backoff follow failures. */
  deferKind?: DeferKind;
  status?: number;
  new: number;
  updated: number;
  seen: number;
  /** Feed entries that could not be used (bad link, ...), with reasons. */
  skipped: { guid: string | null; title: string | null; reason: string }[];
  articleJobIds: string[];
}

export interface ArticleResult {
  itemId: string;
  /** The story version published (or unchanged); 0 when a rule dropped or held the item. */
  version: number;
  outcome: ArticleOutcome;
  /** Empty when a rule dropped or held the item. */
  publishJobId: string;
  origin: 'page' | 'feed';
}

/** The configured sources, by id. */
export interface SourceLookup {
  sources: ReadonlyMap<string, Source>;
}

/** The service settings (wire.yaml). */
export interface WireSettings {
  config: { wire: WireConfig };
}

/** Short Redis locks (a poll per source, a publish per story). */
export interface Locking {
  redis: Pick<Redis, 'set' | 'eval' | 'pttl'>;
  keys: { lock(name: string): string };
}

export interface Logging {
  log: Logger;
}

/** A source's health record: when it may be polled next, its validators, its failures. */
export interface SourceHealthRecord {
  deferredUntil(sourceId: string): Promise<{ until: number; kind: DeferKind; reason: string } | null>;
  deferPolls(sourceId: string, until: number | null, kind: DeferKind, reason: string): Promise<void>;
  validators(sourceId: string): Promise<FeedValidators>;
  /** The next-page link (cursor) of a paged API feed the next poll of `feed` starts from, or null. */
  nextPage(sourceId: string, feed: string): Promise<string | null>;
  setNextPage(sourceId: string, feed: string, url: string | null): Promise<void>;
  pollSucceeded(
    sourceId: string,
    r: { status: number; fetchMs: number; queued: number; validators: FeedValidators; movedTo: string | null },
  ): Promise<void>;
  /** Records a failure of the source itself; returns its consecutive failures. */
  pollFailed(sourceId: string, err: { kind: WireErrorKind; message: string; status?: number }): Promise<number>;
  articleDone(sourceId: string, fromFeed: boolean): Promise<void>;
  /** Set when an operator paused the source from the console: its polls are skipped. */
  paused(sourceId: string): Promise<{ by: string; at: string } | null>;
}

/** Which feed entries were already queued, per source. */
export interface SeenEntries {
  classify(sourceId: string, items: FeedItem[]): Promise<EntryStatus[]>;
  mark(sourceId: string, items: FeedItem[]): Promise<void>;
  touchAndPrune(sourceId: string, items: FeedItem[]): Promise<number>;
}

/** The article queue, as the poll step sees it. */
export interface ArticleQueue {
  /**
   * Adds one article job per entry in one round trip and returns their ids in order. The id is fixed by the
   * entry's version, so adding an entry again while its job exists is a no-op.
   */
  addArticles(sourceId: string, items: FeedItem[]): Promise<string[]>;
}

/** The downstream (publish) queues, as the publish step sees them. */
export interface PublishQueues {
  /** The publish job id of a story version: adding it twice is a no-op while the job exists. */
  publishJobId(itemId: string, version: number): string;
  /**
   * Adds the story version to every downstream queue under that id; with `only` (an editorial route), to
   * those of the configured queues only (the webhook worker's queue still gets every item).
   */
  addPublish(jobId: string, payload: PublishPayload, only?: readonly string[]): Promise<void>;
}

/** Published story versions. */
export interface StoryVersions {
  get(itemId: string): Promise<StoryState | null>;
  put(item: WireItem, agency?: AgencyVersion | null): Promise<void>;
  getHold(itemId: string): Promise<StoryHold | null>;
  /** The newest agency version queued for the story (poll time): an older version's job is superseded. */
  latestQueued(itemId: string): Promise<QueuedVersion | null>;
  /** A killed story leaves the embargo listing. */
  dropEmbargo(itemId: string): Promise<void>;
  putHold(itemId: string, hold: StoryHold): Promise<void>;
}

export interface PollMetrics {
  pollDone(sourceId: string, outcome: PollOutcome | 'failed'): void;
  fetchDuration(stage: 'feed' | 'page' | 'robots', seconds: number): void;
  itemQueued(sourceId: string, count?: number): void;
  failure(stage: 'poll' | 'article', kind: WireErrorKind): void;
}

export interface ArticleMetrics extends EditorialMetrics {
  fetchDuration(stage: 'feed' | 'page' | 'robots', seconds: number): void;
  articleDone(outcome: ArticleOutcome): void;
  failure(stage: 'poll' | 'article', kind: WireErrorKind): void;
}

export interface EditorialMetrics {
  /** An editorial rule matched an item (action: drop, hold, route or tag). */
  ruleMatched(sourceId: string, rule: string, action: string): void;
}

/** Drops and holds of the editorial rules (src/state/editorial.ts). */
export interface EditorialRecords {
  recordDrop(record: DropRecord): Promise<void>;
  hold(held: HeldItem): Promise<void>;
}

/** What the rules step reads to record its decisions. */
export interface EditorialContext extends Logging {
  editorial: EditorialRecords;
  metrics: EditorialMetrics;
}

/** What the alerts step reads and writes (src/state/alerts.ts). */
export interface SourceAlertRecord {
  pollAnswered(sourceId: string, queued: number, now: number): Promise<void>;
  articleOutcome(sourceId: string, outcome: 'page' | 'feed' | 'refused'): Promise<void>;
  facts(sourceId: string): Promise<SourceFacts>;
  open(sourceId: string): Promise<OpenAlert[]>;
  raise(sourceId: string, alert: OpenAlert): Promise<boolean>;
  clear(sourceId: string, kind: AlertKind): Promise<boolean>;
}

export interface AlertsContext extends Logging, WireSettings {
  alerts: SourceAlertRecord;
  /** Tells the alert webhook (when configured) of a change this process reported; never waits for it. */
  notifyAlert?(sourceId: string, change: AlertChange): void;
}

/** The newest agency version queued per story, written at poll time. */
export interface QueuedStories {
  latestQueued(itemId: string): Promise<QueuedVersion | null>;
  putQueued(itemId: string, queued: QueuedVersion): Promise<void>;
}

/** What the poll step reads. */
export interface PollContext extends SourceLookup, WireSettings, Locking, Logging, AlertsContext {
  /** Agency stories: the newest version queued (supersedes older delayed versions) and its embargo. */
  items?: QueuedStories;
  health: SourceHealthRecord;
  seen: SeenEntries;
  /** For feeds: polite and guarded; a host's Retry-After does not hold other sources' feeds back. */
  feedFetcher: HttpClient;
  queues: ArticleQueue;
  metrics: PollMetrics;
}

/** What the publish step reads. */
export interface PublishContext extends WireSettings, Locking {
  items: StoryVersions;
  queues: PublishQueues;
}

/** What the same-story step reads and writes (src/state/dedupe.ts). */
export type StoryGroups = Pick<DedupeStore, 'lookup' | 'itemGroup' | 'add' | 'group' | 'putGroup' | 'recordDuplicate'>;

/** What the same-story step reads (src/pipeline/story-group.ts). */
export interface StoryGroupContext extends WireSettings, Locking, Logging {
  dedupe: StoryGroups;
}

/** What the article step reads. */
export interface ArticleStageContext
  extends SourceLookup, PublishContext, EditorialContext, AlertsContext, StoryGroupContext {
  health: Pick<SourceHealthRecord, 'articleDone'>;
  /** For pages: polite and guarded. */
  fetcher: HttpClient;
  robots: { check(url: string): Promise<unknown> } | null;
  /** Reads fetched pages (extraction threads, or inline). */
  readPage(work: PageWork, log?: Logger): Promise<PageResult>;
  metrics: ArticleMetrics;
}
