/**
 * Close codes of /graphql sockets beside those of the ws library (1009: a message over
 * WS_MAX_PAYLOAD_BYTES) and of graphql-ws (4400 a malformed message, 4401 subscribe before the
 * acknowledgement, 4403 credentials refused at connection_init, 4408 no connection_init within
 * WS_CONNECTION_INIT_TIMEOUT_MS, 4409 a subscription id in use, 4429 a second connection_init).
 * The reason says what to do.
 */
export enum SocketCloseCode {
  /** connection_init over the caller's (or, without valid credentials, the IP's) rate budget. */
  RateLimited = 4430,
  /** More open sockets from this client IP than WS_MAX_SOCKETS_PER_IP. */
  TooManyFromIp = 4431,
  /** More open sockets for this API key or member than WS_MAX_SOCKETS_PER_CALLER. */
  TooManyForCaller = 4432,
}
