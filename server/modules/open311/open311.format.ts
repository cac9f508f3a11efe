/**
 * Open311 GeoReport v2 wire formats (http://wiki.open311.org/GeoReport_v2): every resource in
 * JSON and in XML. The XML is the spec's: a root element holding one element per item, each
 * field an element of its own name; null is an empty element. Pure functions.
 */
export type Open311Format = 'json' | 'xml';
export type Open311Value = string | number | boolean | null | undefined | Open311Value[] | { [k: string]: Open311Value };

/** Characters XML 1.0 cannot carry at all (C0 controls but tab, CR, LF; lone surrogates; U+FFFE/F): dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function element(name: string, v: Open311Value, itemName: string): string {
  if (v === null || v === undefined) return `<${name}/>`;
  if (Array.isArray(v)) return `<${name}>${v.map((x) => element(itemName, x, itemName)).join('')}</${name}>`;
  if (typeof v === 'object') return `<${name}>${Object.entries(v).map(([k, x]) => element(k, x, singular(k))).join('')}</${name}>`;
  return `<${name}>${xmlEscape(String(v))}</${name}>`;
}

/** The element name of an array's items in the spec's XML (`keywords` is a comma list, not an array). */
function singular(name: string): string {
  if (name === 'endpoints') return 'endpoint';
  if (name === 'formats') return 'format';
  if (name === 'attributes') return 'attribute';
  if (name === 'values') return 'value';
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/** `<root><item>…</item>…</root>` for a list, `<root>…fields…</root>` for one object. */
export function toXml(root: string, item: string, body: Record<string, Open311Value> | Array<Record<string, Open311Value>>): string {
  const inner = Array.isArray(body) ? body.map((x) => element(item, x, item)).join('') : Object.entries(body).map(([k, x]) => element(k, x, singular(k))).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${inner}</${root}>\n`;
}

/** `services.json` → { name: 'services', format: 'json' }; no or another extension → null. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  return m ? { name: m[1]!, format: m[2]!.toLowerCase() as Open311Format } : null;
}

export const contentType = (f: Open311Format): string => (f === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');

/**
 * The spec's error body: `[{ code, description }]` in JSON, `<errors><error>…` in XML. `code`
 * is the HTTP status as the spec's examples use it; `description` is in Chinese and names the
 * field (the spec's parameter name) when one is at fault.
 */
export function errorBody(format: Open311Format, code: number, description: string): string {
  const errors = [{ code, description }];
  return format === 'xml' ? toXml('errors', 'error', errors) : JSON.stringify(errors);
}
