/** For tests that speak Streamable HTTP by hand, without the SDK client. */
export const MCP_POST_HEADERS = { 'Content-Type': 'application/json', 'Accept': 'application/json, text/event-stream' };

export const INITIALIZE_REQUEST = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
