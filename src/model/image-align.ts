/**
 * An image's old `align` (HTML's `<img align="right">`, MkDocs' `{: align="right"}`): left
 * and right float the image beside the text, as browsers and MkDocs do, through a class the
 * stylesheets style (EPUB's XHTML has no `align`). Other values (`middle`, `top`…) set the
 * image against the line, which Folio's stylesheets decide: none is given.
 */
export function imageAlignClass(value: string): 'align-left' | 'align-right' | undefined {
  const side = value.trim().toLowerCase();
  return side === 'left' || side === 'right' ? `align-${side}` : undefined;
}
