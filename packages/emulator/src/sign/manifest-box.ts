import { createHash } from 'node:crypto';

/**
 * A C2PA-style manifest store as a JUMBF box (ISO/IEC 19566-5): a `jumb` superbox labelled
 * `c2pa` holding one manifest with an actions assertion, a claim and a signature. It has the
 * shape real Content Credentials have, so a client's detection and its "never touch a signed
 * file" rules are exercised; its signature is a SHA-256 over the unsigned image, not a
 * certificate-backed one.
 */

/** The C2PA manifest store's JUMBF type: `c2pa` followed by the ISO base UUID tail. */
const manifestStoreType = Buffer.from('6332706100110010800000aa00389b71', 'hex');
/** A C2PA manifest (`c2ma`). */
const manifestType = Buffer.from('63326d6100110010800000aa00389b71', 'hex');
/** JSON content (`json`). */
const jsonType = Buffer.from('6a736f6e00110010800000aa00389b71', 'hex');

function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/** A description box: the content type, "requestable" and "label present" toggles, the label. */
function description(type: Buffer, label: string): Buffer {
  return box('jumd', Buffer.concat([type, Buffer.from([0x03]), Buffer.from(`${label}\0`, 'utf8')]));
}

function superbox(type: Buffer, label: string, children: Buffer[]): Buffer {
  return box('jumb', Buffer.concat([description(type, label), ...children]));
}

function jsonBox(label: string, value: unknown): Buffer {
  return superbox(jsonType, label, [box('json', Buffer.from(JSON.stringify(value), 'utf8'))]);
}

/** IPTC's term for media a trained model made from inputs: an edit. */
export const editedByAi =
  'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia';

export interface ManifestFacts {
  /** The image's bytes before the manifest went in. */
  unsigned: Buffer;
  format: string;
  model: string;
  requestId: string;
}

/** The manifest store for one output image. */
export function manifestStore(facts: ManifestFacts): Buffer {
  const digest = createHash('sha256').update(facts.unsigned).digest('base64');
  const label = `urn:uuid:retouch-emulator:${facts.requestId}`;
  const actions = jsonBox('c2pa.actions.v2', {
    actions: [
      {
        action: 'c2pa.created',
        digitalSourceType: editedByAi,
        softwareAgent: { name: 'retouch-emulator', model: facts.model },
      },
    ],
  });
  const claim = jsonBox('c2pa.claim.v2', {
    instanceID: label,
    claim_generator_info: [{ name: 'retouch-emulator' }],
    format: `image/${facts.format}`,
    created_assertions: [{ url: 'self#jumbf=c2pa.assertions/c2pa.actions.v2' }],
  });
  const signature = jsonBox('c2pa.signature', { alg: 'sha256', hash: digest });
  const assertions = superbox(jsonType, 'c2pa.assertions', [actions]);
  const manifest = superbox(manifestType, label, [assertions, claim, signature]);
  return superbox(manifestStoreType, 'c2pa', [manifest]);
}
