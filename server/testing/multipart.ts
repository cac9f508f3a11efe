/** A multipart/form-data body with one file part, built by hand (inject takes it as the payload). */
export function multipart(field: string, filename: string, mime: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lianxin-test-${'x'.repeat(8)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
