/**
 * The recording format of ../shared/data: one JSON object per line, `{"recv_time": <s>, "data": <raw>}`
 * with the exchange message kept byte for byte, or a bare exchange message per line.
 */
export type RecordingLine = { ok: true; recvTimeMs: number | undefined; data: unknown } | { ok: false; reason: string };

export function parseRecordingLine(text: string): RecordingLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `malformed JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'recv_time' in parsed && 'data' in parsed) {
    const wrapper = parsed as { recv_time: unknown; data: unknown };
    if (typeof wrapper.recv_time !== 'number' || !Number.isFinite(wrapper.recv_time)) {
      return { ok: false, reason: `recv_time ${JSON.stringify(wrapper.recv_time)} is not a number of seconds` };
    }
    return { ok: true, recvTimeMs: wrapper.recv_time * 1000, data: wrapper.data };
  }
  return { ok: true, recvTimeMs: undefined, data: parsed };
}

/** One recording line for a raw message received at `recvTimeMs`; the message text is embedded unchanged. */
export function formatRecordingLine(recvTimeMs: number, rawMessage: string): string {
  if (!Number.isFinite(recvTimeMs)) throw new Error(`recording: receive time ${recvTimeMs} is not a number`);
  const trimmed = rawMessage.trim();
  try {
    JSON.parse(trimmed);
  } catch {
    throw new Error('recording: the message is not JSON and cannot be embedded in a JSONL recording');
  }
  if (/[\r\n]/.test(trimmed)) throw new Error('recording: the message spans several lines; JSONL needs one line per message');
  return `{"recv_time":${recvTimeMs / 1000},"data":${trimmed}}`;
}
