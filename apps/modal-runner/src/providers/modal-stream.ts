/** Reads a Modal text stream to the end, handing each chunk to `onChunk` as it arrives. */
export async function readStream(
  stream: ReadableStream<string>,
  onChunk?: (chunk: string) => void,
): Promise<string> {
  const reader = stream.getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
    onChunk?.(value);
  }
}
