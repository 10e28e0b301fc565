export {
  DEFAULT_TOLERANCE_SECONDS,
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signPayload,
  verifySignature,
  type VerifyOptions,
  type VerifyResult,
} from './signature.js';
export {
  deliverItem,
  describeUrl,
  idempotencyKey,
  WEBHOOK_USER_AGENT,
  type DeliverOptions,
  type Delivery,
} from './deliver.js';
export {
  MIN_SECRET_LENGTH,
  startWebhookWorker,
  webhookJobOptions,
  webhookSecret,
  type WebhookWorkerOptions,
} from './worker.js';
