// heic-decode ships no types; the engine uses only its default export (see decode-heic.ts).
declare module 'heic-decode' {
  const decode: (input: { buffer: Uint8Array }) => Promise<{
    width: number;
    height: number;
    data: Uint8ClampedArray;
  }>;
  export default decode;
}
