/** The feed stage: raw feed bytes in, one normalised ParsedFeed out (or a WireError saying why not). */
export { parseFeed } from './parse.js';
export { parseFeedDate } from './dates.js';
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
} from './types.js';
