import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  ErrorCode,
  JSONRPCMessage,
  MessageExtraInfo,
  RequestId,
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
} from '@modelcontextprotocol/sdk/types.js';
import { hideInternalErrorDetails } from './protocol-errors';
import type { Logger } from '../logger';

/** One HTTP POST's worth of messages in flight. */
export interface Exchange {
  /** The responses to the POST's requests, in their order; empty when it held none. */
  readonly responses: Promise<JSONRPCMessage[]>;
  /** The client went away: stop its handlers, settle and forget the exchange. */
  cancel(): void;
}

interface Pending {
  readonly clientId: RequestId;
  readonly settle: (response: JSONRPCMessage) => void;
}

/**
 * Lets one long-lived MCP server answer every stateless POST, instead of
 * building a server and an SDK transport per request (which the SDK's own
 * stateless transport requires, because it serves a single exchange).
 *
 * Clients number their requests independently, so two POSTs may both carry
 * id 1: each request is renamed to an id unique in this process on the way
 * in, and its response gets the client's id back on the way out. Whatever
 * the server would send outside a response (progress, logging, requests to
 * the client) has nowhere to go in JSON-response mode and is dropped, as the
 * SDK's transport drops it in that mode.
 *
 * A client's `notifications/cancelled` names an id from its own numbering,
 * which here could name another client's request; it is not forwarded. A
 * client cancels by going away, and {@link Exchange.cancel} then cancels its
 * requests under their own ids.
 *
 * What the SDK server remembers from an `initialize` (the client's
 * capabilities and name) is the last client's here, so no handler may rely
 * on it; none does, as none would under the SDK's own stateless transport,
 * where every request but `initialize` reaches a server that never saw one.
 */
export class SharedServerTransport implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private readonly pending = new Map<number, Pending>();
  // From 1: the SDK ignores a cancellation of request id 0.
  private nextId = 1;
  private closed = false;

  /** The logger receives what {@link hideInternalErrorDetails} keeps from clients. */
  constructor(private readonly logger?: Logger) {}

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (!isJSONRPCResultResponse(message) && !isJSONRPCErrorResponse(message)) return;
    const id = message.id as number;
    const pending = this.pending.get(id);
    if (!pending) return; // cancelled meanwhile
    this.pending.delete(id);
    pending.settle({ ...hideInternalErrorDetails(message, this.logger), id: pending.clientId } as JSONRPCMessage);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [id, pending] of this.pending) {
      pending.settle({ jsonrpc: '2.0', id: pending.clientId, error: { code: ErrorCode.ConnectionClosed, message: 'server shutting down' } });
      this.pending.delete(id);
    }
    this.onclose?.();
  }

  /** Hands a POST's (already validated) messages to the server. */
  exchange(messages: readonly JSONRPCMessage[], extra: MessageExtraInfo): Exchange {
    if (this.closed || !this.onmessage) throw new Error('the MCP server is not connected');
    const ids: number[] = [];
    const answers: Promise<JSONRPCMessage>[] = [];
    const deliveries: JSONRPCMessage[] = [];
    for (const message of messages) {
      if (isJSONRPCRequest(message)) {
        const id = this.nextId++;
        ids.push(id);
        answers.push(new Promise((settle) => this.pending.set(id, { clientId: message.id, settle })));
        deliveries.push({ ...message, id });
      } else if (isJSONRPCNotification(message) && message.method !== 'notifications/cancelled') {
        deliveries.push(message);
      }
      // Responses would answer server-to-client requests, which this mode never sends.
    }
    const responses = Promise.all(answers);
    // Only now that every answer has its slot: a handler may answer at once.
    for (const message of deliveries) this.onmessage(message, extra);
    return {
      responses,
      cancel: () => {
        for (const id of ids) {
          const pending = this.pending.get(id);
          if (!pending) continue;
          this.pending.delete(id);
          pending.settle({ jsonrpc: '2.0', id: pending.clientId, error: { code: ErrorCode.ConnectionClosed, message: 'request cancelled' } });
          this.onmessage?.({
            jsonrpc: '2.0',
            method: 'notifications/cancelled',
            params: { requestId: id, reason: 'the client closed the connection' },
          });
        }
      },
    };
  }
}
