/** `retouch edit --help`. */
export const editHelp = `Usage: retouch edit <image…> --prompt "…" [options]

Edits one image, or combines several, and writes name.retouch-N.ext (never overwriting) next to
the first image or in --out. With --each, edits every image on its own with the same prompt,
mask and options. How each result was made (prompt, provider, model, options, input hashes,
cost) is recorded inside the image's own metadata; --sidecar also writes it to name.ext.json.
Images may be glob patterns ("photos/*.png"), for shells that do not expand them.

Options:
  -p, --prompt <text>       What to change (required unless --preset gives it)
      --preset <name>       A prompt preset and its options (\`retouch presets\` lists them);
                            --prompt and the option flags below override its values
  -m, --mask <file.png>     PNG whose transparent pixels mark the area to edit
      --markup <file.png>   Marks drawn over the first image on a transparent PNG of its size
                            (circle it, point at it, label it): sent as its own layer to a
                            model that takes one (gpt-image-2.6), drawn onto the image for the
                            others. Not with --mask.
      --provider <name>     openai-compatible (default), queue, google, or an installed plugin package
      --model <id>          Model id; \`retouch models\` lists them
      --n <count>           How many variants to make (default 1)
      --size <WxH|auto>     Output size, e.g. 1024x1024
      --quality <level>     e.g. low, medium, high, auto (xhigh, max on gpt-image-2.5/2.6)
      --complexity <level>  Planning effort on gpt-image-2.6: low, medium or high
      --background <mode>   auto, transparent or opaque
      --format <fmt>        png, jpeg or webp
      --compression <0-100> For jpeg and webp
      --fidelity <level>    Input fidelity: high or low
      --partials <0-3>      Stream this many partial images while the edit runs
      --wire <images|chat>  openai-compatible: send through /images/edits or /chat/completions
                            (gateways such as OpenRouter serve image models through chat)
  -o, --out <dir>           Write results here instead of next to the input
      --each                Edit each image on its own (a batch) instead of combining them;
                            a journal beside the outputs lets the same command, run again,
                            skip what is done, retry what failed and follow jobs still running
      --concurrency <n>     With --each: edits at once (default 4; fewer for a while after a 429)
      --fresh               With --each: ignore the journal and edit every image again
      --batch               With --each: send the job through the provider's Batch API (OpenAI)
                            at half the price, results within 24 h; the same command, run again
                            (after a crash or days later), follows the same batch
      --cancel-batch        Cancel the batch of this job (same command) on the server; what it
                            finished is still written
      --dry-run             Check everything (inputs, model, options, output folder) and print
                            the estimated cost; send nothing
      --max-cost <amount>   Start no edit that could take this run's cost above this (e.g. 2.50,
                            in the prices' currency, USD for the built-in prices)
      --keep-input          Send the images exactly as they are: no EXIF turn, no shrinking to
                            the model's largest useful size, no conversion of HEIC/AVIF/TIFF/BMP
      --whole-image         With a mask: send the whole picture, not a crop around the mask,
                            and keep the model's answer as it is (no compositing)
      --region-threshold <f> A mask covering at most this fraction of the picture is sent as
                            a crop around it (default 0.25)
      --region-margin <f>   Context around that crop, as a fraction of its longer side (default 0.5)
      --sidecar             Also write each result's record to a JSON file beside it
      --timeout <duration>  Give up after this long, e.g. 90s or 5m (default 10m)
      --base-url <url>      Provider endpoint, e.g. http://127.0.0.1:4010/v1
      --config <file>       Config file (default ./retouch.config.json, then ~/.config/retouch/config.json)
      --json                Print one JSON document (also the default when stdout is not a terminal)
  -h, --help                Show this help

API keys come from the environment (OPENAI_API_KEY, FAL_KEY, …) or the config file, never
from a flag. Ctrl-C cancels the job on the server.

Examples:
  retouch edit photo.png --prompt "make it sepia"
  retouch edit photo.png --mask sky.png --prompt "a stormy sky" --n 2 --out edits/
  retouch edit product.jpg --preset product-shot-white --format webp
  retouch edit sign.png --markup marks.png --prompt "translate this to French" \
    --model gpt-image-2.6-flare
  retouch edit a.png b.png --prompt "combine into one poster" --provider queue --json
  retouch edit "products/*.jpg" --each --prompt "white background" --max-cost 5 --out edited/
  retouch edit "products/*.jpg" --each --batch --model gpt-image-1 --prompt "white background"
  retouch edit cat.png --prompt "add a hat" --model google/gemini-2.5-flash-image --wire chat \
    --base-url https://openrouter.ai/api/v1`;
