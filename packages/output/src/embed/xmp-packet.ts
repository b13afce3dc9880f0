/** The XMP namespace Retouch's record lives in, as `retouch:record` holding the record's JSON. */
export const retouchXmpNamespace = 'https://retouch.dev/ns/xmp/1.0/';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    const lower = entity.toLowerCase();
    if (named[lower]) return named[lower];
    const code = lower.startsWith('#x')
      ? Number.parseInt(lower.slice(2), 16)
      : Number(lower.slice(1));
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff
      ? String.fromCodePoint(code)
      : '';
  });
}

function description(json: string): string {
  return `<rdf:Description rdf:about="" xmlns:retouch="${retouchXmpNamespace}"><retouch:record>${escapeXml(json)}</retouch:record></rdf:Description>`;
}

/** A complete XMP packet holding only the record. */
export function createXmpPacket(json: string): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    description(json),
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

const recordElement =
  /<rdf:Description\b[^>]*>\s*<retouch:record>[\s\S]*?<\/retouch:record>\s*<\/rdf:Description>/g;

/**
 * Puts the record into an XMP packet another tool already wrote, as one more `rdf:Description`
 * (replacing an earlier Retouch record), keeping everything else. Undefined when the packet has
 * no `</rdf:RDF>` to insert before.
 */
export function mergeIntoXmpPacket(packet: string, json: string): string | undefined {
  const cleaned = packet.replace(recordElement, '');
  const end = cleaned.lastIndexOf('</rdf:RDF>');
  if (end === -1) return undefined;
  return `${cleaned.slice(0, end)}${description(json)}\n${cleaned.slice(end)}`;
}

/** The record's JSON text from an XMP packet, if it holds one. */
export function readXmpRecord(packet: string): string | undefined {
  const match = /<retouch:record>([\s\S]*?)<\/retouch:record>/.exec(packet);
  return match ? unescapeXml(match[1]!) : undefined;
}
