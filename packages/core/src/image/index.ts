export type { InputMediaType } from '../contract/capabilities.js';
export { sniffContainer } from '../inputs/sniff-container.js';
export type {
  EncodeFormat,
  EncodeOptions,
  ImageCodec,
  ImageInfo,
  ImageSource,
  RawImage,
  Transcoded,
  TranscodeOptions,
} from './codec-types.js';
export { loadImageCodec } from './image-codec.js';
