/** The XMP namespace Retouch's record lives in, as `retouch:record` holding the record's JSON. */
export const retouchXmpNamespace = 'https://retouch.dev/ns/xmp/1.0/';

/** IPTC's extension schema, home of `DigitalSourceType`. */
export const iptcExtensionNamespace = 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/';

/**
 * IPTC's digital source type for media a trained model made from inputs, which every Retouch
 * result is: the machine-readable AI disclosure the EU AI Act (Art. 50) asks for.
 */
export const editedByAiSourceType =
  'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia';

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

/** Whether a packet already states a digital source type (then it is left as the author put it). */
function statesSourceType(packet: string): boolean {
  return /DigitalSourceType/.test(packet);
}

/**
 * Our `rdf:Description`: the AI disclosure unless the packet already has one, and the record
 * when there is one.
 */
function description(json: string | undefined, disclose = true): string {
  const sourceType = disclose
    ? `<Iptc4xmpExt:DigitalSourceType>${editedByAiSourceType}</Iptc4xmpExt:DigitalSourceType>`
    : '';
  const record = json === undefined ? '' : `<retouch:record>${escapeXml(json)}</retouch:record>`;
  return `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="${iptcExtensionNamespace}" xmlns:retouch="${retouchXmpNamespace}">${sourceType}${record}</rdf:Description>`;
}

/** A complete XMP packet holding the AI disclosure and, when given, the record. */
export function createXmpPacket(json?: string): string {
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

/** An earlier Retouch description (with or without the disclosure), replaced rather than stacked. */
const ourDescription =
  /<rdf:Description\b[^>]*>\s*(?:<Iptc4xmpExt:DigitalSourceType>[^<]*<\/Iptc4xmpExt:DigitalSourceType>\s*)?(?:<retouch:record>[\s\S]*?<\/retouch:record>\s*)?<\/rdf:Description>\n?/g;

/**
 * Puts the AI disclosure and the record (when given) into an XMP packet another tool already
 * wrote, as one more `rdf:Description` (replacing an earlier Retouch one), keeping everything
 * else, including a digital source type the packet already states. Undefined when the packet
 * has no `</rdf:RDF>` to insert before.
 */
export function mergeIntoXmpPacket(packet: string, json?: string): string | undefined {
  const cleaned = packet.replace(ourDescription, (found) =>
    found.includes('retouch') || found.includes(editedByAiSourceType) ? '' : found,
  );
  const end = cleaned.lastIndexOf('</rdf:RDF>');
  if (end === -1) return undefined;
  const ours = description(json, !statesSourceType(cleaned));
  return `${cleaned.slice(0, end)}${ours}\n${cleaned.slice(end)}`;
}

/** The record's JSON text from an XMP packet, if it holds one. */
export function readXmpRecord(packet: string): string | undefined {
  const match = /<retouch:record>([\s\S]*?)<\/retouch:record>/.exec(packet);
  return match ? unescapeXml(match[1]!) : undefined;
}
