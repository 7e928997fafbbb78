// An action's answer on the wire: compressed when the client asked, paced when the emulator has a
// bandwidth, counted in the call log's traffic.
import type { ServerResponse } from 'node:http';
import { compressAnswer } from './answer-compression.js';
import type { AnswerEncoding } from './answer-compression.js';
import type { BandwidthLink } from './bandwidth-link.js';
import type { CallLog } from './call-log.js';
import { toJsonChunks } from './http-json.js';

export interface PreparedAnswer {
  status: number;
  headers: Record<string, string>;
  chunks: readonly Buffer[];
}

/** The answer built and compressed now (on arrival, as the work of a remote API), to be sent later. */
export function prepareAnswer(
  status: number,
  body: unknown,
  encoding: AnswerEncoding | undefined,
  log: CallLog,
): PreparedAnswer {
  const { chunks } = toJsonChunks(body);
  const sent = encoding === undefined ? chunks : compressAnswer(chunks, encoding);
  const bodyBytes = byteLength(chunks);
  const sentBytes = encoding === undefined ? bodyBytes : byteLength(sent);
  log.countAnswer(bodyBytes, sentBytes);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(sentBytes),
    vary: 'Accept-Encoding',
  };
  if (encoding !== undefined) headers['content-encoding'] = encoding;
  return { status, headers, chunks: sent };
}

export async function sendAnswer(
  res: ServerResponse,
  answer: PreparedAnswer,
  link: BandwidthLink | undefined,
): Promise<void> {
  res.writeHead(answer.status, answer.headers);
  if (link !== undefined) {
    await link.send(res, answer.chunks);
    return;
  }
  // Corked, the chunks leave in one writev rather than one write each.
  res.cork();
  for (const chunk of answer.chunks) res.write(chunk);
  res.end();
  res.uncork();
}

function byteLength(chunks: readonly Buffer[]): number {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  return length;
}
