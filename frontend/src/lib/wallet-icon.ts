/**
 * A wallet's icon as EIP-6963 announces it: a data: URI of an image, shown through an <img src>
 * (never as HTML, where an SVG's script would run). Anything else a page or a wallet could put
 * there (a remote URL that would tell a server the user visited, `javascript:`, an HTML document)
 * is dropped, and the wallet is shown by its name alone.
 */

/** data:image/<png|jpeg|gif|webp|svg+xml|avif>, then parameters and the data. */
const IMAGE_DATA_URI = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml|avif)[;,]/i;

/** The icon, when it is an image data URI; otherwise undefined. */
export function walletIcon(icon: unknown): string | undefined {
  return typeof icon === "string" && IMAGE_DATA_URI.test(icon) ? icon : undefined;
}
