package org.vapr.llm.loopback;

/** A misbehaviour the {@link LoopbackChatServer} can answer a request with instead of a normal completion. */
public enum Fault {
    /** 429 with a {@code Retry-After} header (see {@link LoopbackChatServer#retryAfterSeconds(int)}). */
    RATE_LIMITED,
    /** 500 Internal Server Error. */
    SERVER_ERROR,
    /** 503 Service Unavailable. */
    UNAVAILABLE,
    /** Sends nothing until {@link LoopbackChatServer#stallFor(java.time.Duration)} has passed (past the client's timeout). */
    STALL,
    /** Promises a body, sends a few bytes, then drops the connection. */
    CONNECTION_RESET,
    /** 200 with a body that is not JSON. */
    INVALID_JSON,
    /** 200 with a completion whose content is JSON lacking the fields a schema asks for. */
    SCHEMA_VIOLATION,
    /** 200 with {@code message.refusal} set and no content. */
    REFUSAL,
    /** 200 with an empty {@code choices} array. */
    EMPTY_CHOICES,
    /** 401 Unauthorized. */
    UNAUTHORIZED
}
