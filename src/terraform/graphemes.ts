let segmenter: Intl.Segmenter | undefined;

/**
 * The grapheme clusters of `text` (user-perceived characters, as Terraform
 * counts them). The segmenter is made on first use: loading its Unicode data
 * costs milliseconds of start-up, and most text never needs it.
 */
export function graphemeSegments(text: string): Intl.Segments {
  return (segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(text);
}
